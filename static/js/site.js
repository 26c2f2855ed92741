// Small progressive enhancements; every page works without this file.
document.addEventListener("htmx:afterSettle", (event) => {
  // htmx restores focus to an element with the same id after a swap. When the
  // focused element is gone for good, move focus into the swapped region so
  // keyboard and screen-reader users are not thrown back to the top of the page.
  if (document.activeElement && document.activeElement !== document.body) return;
  const target = event.detail.target;
  if (!target || !target.isConnected) return;
  const focusable = target.querySelector(".js-focus, legend, button, a, input");
  const destination = focusable || target;
  if (!destination.hasAttribute("tabindex") && destination.matches("legend, section, div")) {
    destination.setAttribute("tabindex", "-1");
  }
  destination.focus({ preventScroll: false });
});
