// Small progressive enhancements; every page works without this file.
document.addEventListener("htmx:afterSettle", (event) => {
  // htmx restores focus to an element with the same id after a swap. When the
  // focused element is gone for good, move focus into the swapped region so
  // keyboard and screen-reader users are not thrown back to the top of the page.
  if (document.activeElement && document.activeElement !== document.body) return;
  let target = event.detail.target;
  // An outerHTML swap replaces the target itself: its successor has the same id.
  if (target && !target.isConnected && target.id) target = document.getElementById(target.id);
  if (!target || !target.isConnected) return;
  // querySelector takes the first match in document order, whatever the selector
  // list's order: look for the marked element first (not the hidden CSRF input).
  const focusable =
    target.querySelector(".js-focus") ||
    target.querySelector("legend, button, a, input:not([type=hidden])");
  const destination = focusable || target;
  if (!destination.hasAttribute("tabindex") && destination.matches("legend, section, div")) {
    destination.setAttribute("tabindex", "-1");
  }
  destination.focus({ preventScroll: false });
});

// Review shortcuts: Space shows the answer, 1–4 rate. Each clicks the button that
// names its key (data-shortcut), so htmx, or the plain form, does the rest.
// They work only while focus is in the card (its buttons are autofocused, and a
// click on the card focuses it), so that a key pressed elsewhere, in the
// navigation say, rates nothing (WCAG 2.1.4, character key shortcuts).
document.addEventListener("keydown", (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
  const card = document.getElementById("review-card");
  const active = document.activeElement;
  if (!card || !active || !card.contains(active)) return;
  if (active.matches("input, textarea, select, [contenteditable]")) return;
  const key = event.key === "Spacebar" ? " " : event.key;
  // Space on a focused button or link already activates it.
  if (key === " " && active.matches("button, a")) return;
  const button = card.querySelector(`[data-shortcut="${CSS.escape(key)}"]`);
  if (!button || button.disabled) return;
  event.preventDefault();
  button.click();
});

// A rating is sent once: a second click while the first is on its way does nothing
// (the server counts a repeated rating once anyway).
document.addEventListener("htmx:beforeRequest", (event) => {
  const form = event.detail.elt;
  if (!form.matches || !form.matches(".review-ratings")) return;
  if (form.dataset.sent) {
    event.preventDefault();
    return;
  }
  form.dataset.sent = "1";
});
