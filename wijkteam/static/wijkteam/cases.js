// wijkteam case pages: print button, the fields that apply to an action's "who", and where focus goes
// after an htmx swap. No inline script anywhere (Content-Security-Policy).
(function () {
  "use strict";

  // Fields of one form in a formset share a prefix ("actions-0-what"); the plain forms have none.
  function prefixOf(name) {
    const cut = (name || "").lastIndexOf("-");
    return cut < 0 ? "" : name.slice(0, cut);
  }

  // Show only the fields that apply to the chosen "who" (a volunteer, a partner organisation, …).
  function syncWho(select) {
    const form = select.form;
    if (!form) return;
    const kind = select.value;
    const prefix = prefixOf(select.name);
    form.querySelectorAll("[data-who]").forEach((field) => {
      if (prefixOf(field.name) !== prefix) return;
      const group = field.closest(".utrecht-form-field");
      if (!group) return;
      const applies = Boolean(kind) && field.dataset.who.split(" ").includes(kind);
      // A field that shows an error or holds a value stays visible.
      group.hidden = !applies && !group.classList.contains("utrecht-form-field--invalid") && !field.value;
    });
  }

  function initWho(root) {
    root.querySelectorAll("select[data-who-kind]").forEach(syncWho);
  }

  const FOCUS_ORDER = [".wt-conflict", "[aria-invalid='true']", "input:not([type=hidden]), select, textarea"];

  // After a swap, focus goes where the new content asks: an alert, a conflict, the first wrong field
  // or the first field of a form, so keyboard and screen-reader users do not lose their place.
  function autofocus() {
    const holders = Array.from(document.querySelectorAll("[data-autofocus]"));
    if (!holders.length) return;
    holders.forEach((holder) => holder.removeAttribute("data-autofocus"));
    const holder = holders[0];
    let target = holder.hasAttribute("tabindex") ? holder : null;
    for (const selector of FOCUS_ORDER) {
      if (target) break;
      target = holder.querySelector(selector);
    }
    if (!target) return;
    if (!target.matches("input, select, textarea, button, a[href], [tabindex]")) target.setAttribute("tabindex", "-1");
    target.focus();
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
    initWho(document);
    autofocus();
    focusTimeline();
  });
  document.addEventListener("DOMContentLoaded", () => initWho(document));
})();
