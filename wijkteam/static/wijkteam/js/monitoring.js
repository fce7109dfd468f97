// wijkteam monitoring: draws the dashboard charts (Vega-Lite) from the spec in each chart's
// data-vega-spec attribute (not a json_script element: htmx drops <script> elements from swapped
// content). The same figures are in the table under every chart; a chart that cannot be drawn says so.
(function () {
  "use strict";

  function draw(container) {
    if (container.dataset.drawn === "true" || typeof window.vegaEmbed !== "function") {
      return;
    }
    container.dataset.drawn = "true";
    const spec = JSON.parse(container.dataset.vegaSpec);
    window
      .vegaEmbed(container, spec, {
        ast: true,
        defaultStyle: false,
        tooltip: { disableDefaultStyle: true },
        actions: false,
        renderer: "svg",
      })
      .catch((error) => {
        container.dataset.drawn = "false";
        container.textContent = container.dataset.error || "";
        window.console.warn("chart not drawn", error);
      });
  }

  function drawAll(root) {
    (root || document).querySelectorAll("[data-vega-spec]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", () => drawAll(document));
  document.addEventListener("htmx:afterSettle", () => drawAll(document));
})();
