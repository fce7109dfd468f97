// wijkteam: small progressive enhancements. No inline script anywhere (Content-Security-Policy).
document.addEventListener("htmx:afterSwap", (event) => {
  // Move focus to a swapped region that asks for it, for keyboard and screen-reader users.
  const target = event.detail.target;
  if (target && target.dataset && target.dataset.focusAfterSwap !== undefined) {
    target.focus();
  }
});
