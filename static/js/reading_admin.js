// The reading admin's section picker offers only the chosen lecture's sections.
// Without this file the page still works: the sections are grouped by lecture and
// the server refuses a section of another lecture.
(function () {
  "use strict";

  function init() {
    const lecture = document.getElementById("id_lecture");
    const section = document.getElementById("id_section");
    if (!lecture || !section) return;

    function offerLectureSections() {
      const chosen = lecture.value;
      for (const option of section.options) {
        // The empty choice has no lecture and stays available.
        if (!option.dataset.lecture) continue;
        // No lecture yet: every section may be picked, and picking one sets it.
        const elsewhere = chosen !== "" && option.dataset.lecture !== chosen;
        option.disabled = elsewhere;
        option.hidden = elsewhere;
      }
      for (const group of section.querySelectorAll("optgroup")) {
        const empty = !group.querySelector("option:not([disabled])");
        group.disabled = empty;
        group.hidden = empty;
      }
      const picked = section.options[section.selectedIndex];
      if (picked && picked.disabled) section.value = "";
    }

    function pickSectionLecture() {
      const picked = section.options[section.selectedIndex];
      if (lecture.value === "" && picked && picked.dataset.lecture) {
        lecture.value = picked.dataset.lecture;
        offerLectureSections();
      }
    }

    lecture.addEventListener("change", offerLectureSections);
    section.addEventListener("change", pickSectionLecture);
    offerLectureSections();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
