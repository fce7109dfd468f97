// wijkteam: small progressive enhancements. No inline script anywhere (Content-Security-Policy).
document.addEventListener("htmx:afterSwap", (event) => {
  // Move focus to a swapped region that asks for it, for keyboard and screen-reader users.
  const target = event.detail.target;
  if (target && target.dataset && target.dataset.focusAfterSwap !== undefined) {
    target.focus();
  }
});

// A select that the server may refill (e.g. the neighbourhood after a postcode) keeps a choice the
// user made while the request was under way: the slower answer does not overwrite it.
document.addEventListener("htmx:beforeRequest", (event) => {
  const target = event.detail.target;
  const select = target && target.querySelector ? target.querySelector("select") : null;
  if (select) {
    target.dataset.valueAtRequest = select.value;
  }
});
document.addEventListener("htmx:beforeSwap", (event) => {
  const target = event.detail.target;
  const select = target && target.querySelector ? target.querySelector("select") : null;
  if (select && target.dataset.valueAtRequest !== undefined && select.value !== target.dataset.valueAtRequest) {
    event.detail.shouldSwap = false;
  }
});
