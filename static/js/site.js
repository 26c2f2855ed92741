// Small progressive enhancements; every page works without this file.
document.addEventListener("htmx:afterSwap", (event) => {
  // After a swap, keep keyboard focus on something that still exists.
  const target = event.detail.target;
  if (target && !document.activeElement?.isConnected) {
    const focusable = target.querySelector("[data-focus-after-swap], button, a, input");
    (focusable || target).focus({ preventScroll: true });
  }
});
