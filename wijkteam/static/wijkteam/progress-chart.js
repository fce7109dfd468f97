// wijkteam: self-reliance scores over time on the case page (Vega-Lite line chart per person).
// The data is the JSON block named by the chart element's data-progress-chart attribute (json_script);
// the same scores are in the table under the chart, which is the accessible alternative.
(function () {
  "use strict";

  function range(min, max) {
    const values = [];
    for (let value = min; value <= max; value += 1) {
      values.push(value);
    }
    return values;
  }

  function spec(data) {
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      description: data.description,
      width: "container",
      height: 220,
      autosize: { type: "fit", contains: "padding" },
      data: { values: data.values },
      mark: { type: "line", point: { size: 60 }, strokeWidth: 2 },
      encoding: {
        x: { field: "date", type: "temporal", title: data.dateTitle, axis: { format: "%d-%m-%Y", labelAngle: 0 } },
        y: {
          field: "score",
          type: "quantitative",
          title: data.scoreTitle,
          scale: { domain: [data.min, data.max], nice: false },
          axis: { values: range(data.min, data.max), format: "d" },
        },
        color: { field: "domain", type: "nominal", title: data.domainTitle, legend: { orient: "bottom" } },
        tooltip: [
          { field: "domain", type: "nominal", title: data.domainTitle },
          { field: "moment", type: "nominal", title: data.momentTitle },
          { field: "date", type: "temporal", title: data.dateTitle, format: "%d-%m-%Y" },
          { field: "score", type: "quantitative", title: data.scoreTitle },
        ],
      },
      config: { font: "system-ui, sans-serif" },
    };
  }

  function draw(container) {
    if (container.dataset.drawn === "true" || typeof window.vegaEmbed !== "function") {
      return;
    }
    const block = document.getElementById(container.dataset.progressChart);
    if (!block) {
      return;
    }
    const data = JSON.parse(block.textContent);
    container.dataset.drawn = "true";
    window
      .vegaEmbed(container, spec(data), {
        ast: true,
        defaultStyle: false,
        tooltip: { disableDefaultStyle: true },
        actions: false,
        renderer: "svg",
      })
      .catch((error) => {
        container.dataset.drawn = "false";
        window.console.warn("chart not drawn", error);
      });
  }

  function drawAll(root) {
    (root || document).querySelectorAll("[data-progress-chart]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", () => drawAll(document));
  document.addEventListener("htmx:afterSettle", () => drawAll(document));
})();
