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
