// wijkteam case pages: print button, the fields that apply to an action's "who", and focus after
// "show more" in the timeline. No inline script anywhere (Content-Security-Policy).
(function () {
  "use strict";

  // Fields of one form in a formset share a prefix ("actions-0-what"); the plain forms have none.
  function prefixOf(name) {
    const cut = (name || "").lastIndexOf("-");
    return cut < 0 ? "" : name.slice(0, cut);
  }

  function syncWho(select) {
    const form = select.form;
    if (!form) return;
    const kind = select.value;
    const prefix = prefixOf(select.name);
    form.querySelectorAll("[data-who]").forEach((field) => {
      if (prefixOf(field.name) !== prefix) return;
      const group = field.closest(".utrecht-form-field");
      if (!group) return;
      const applies = !kind || field.dataset.who.split(" ").includes(kind);
      // Never hide a field that shows an error.
      group.hidden = !applies && !group.classList.contains("utrecht-form-field--invalid");
    });
  }

  function init(root) {
    root.querySelectorAll("select[data-who-kind]").forEach(syncWho);
  }

  function focusTimeline() {
    const timeline = document.querySelector("#timeline[data-focus-target]");
    if (!timeline) return;
    const item = document.getElementById(timeline.dataset.focusTarget);
    timeline.removeAttribute("data-focus-target");
    if (item) item.focus();
  }

  document.addEventListener("change", (event) => {
    if (event.target.matches && event.target.matches("select[data-who-kind]")) syncWho(event.target);
  });
  document.addEventListener("click", (event) => {
    if (event.target.closest && event.target.closest("[data-print]")) window.print();
  });
  document.addEventListener("htmx:afterSettle", () => {
    init(document);
    focusTimeline();
  });
  document.addEventListener("DOMContentLoaded", () => init(document));
})();
