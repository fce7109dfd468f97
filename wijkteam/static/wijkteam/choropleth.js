// wijkteam: choropleth maps of CBS figures over districts (Vega-Lite geoshapes, no tile server).
// The data (GeoJSON features with display values) is the JSON in the map element's data-choropleth
// attribute; the same figures are in the table under the map. Districts take keyboard focus: Tab moves through them,
// their figure is announced in the status line (data-status), Enter opens the district's profile.
(function () {
  "use strict";

  const MISSING_FILL = "#e2e7ea";
  const STROKE = "#ffffff";

  function spec(data) {
    const tooltip = [
      { field: "properties.name", type: "nominal", title: data.nameTitle || "" },
      { field: "properties.display", type: "nominal", title: data.legend },
    ];
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      description: data.description,
      width: "container",
      height: 420,
      autosize: { type: "fit", contains: "padding" },
      projection: { type: "mercator" },
      data: { values: data.features },
      layer: [
        {
          // The colours; hidden from assistive technology, the outline layer below speaks for it.
          transform: [{ filter: "datum.properties.value != null" }],
          mark: { type: "geoshape", stroke: STROKE, strokeWidth: 0.5, aria: false },
          encoding: {
            color: {
              field: "properties.value",
              type: "quantitative",
              title: data.legend,
              scale: { scheme: "blues" },
              legend: { orient: "right", gradientLength: 200 },
            },
          },
        },
        {
          // One shape per district on top: grey when missing, transparent otherwise; tooltip and label.
          mark: { type: "geoshape", stroke: "#4a5661", strokeWidth: 0.75 },
          encoding: {
            fill: {
              condition: { test: "datum.properties.value == null", value: MISSING_FILL },
              value: "transparent",
            },
            tooltip: tooltip,
            description: { field: "properties.label", type: "nominal" },
          },
        },
      ],
      config: { view: { stroke: null }, font: "system-ui, sans-serif" },
    };
  }

  function datumOf(element) {
    let item = element.__data__;
    item = Array.isArray(item) ? item[0] : item;
    return item && item.datum ? item.datum : null;
  }

  function makeFocusable(container, status) {
    const shapes = container.querySelectorAll('[role="graphics-symbol"]');
    shapes.forEach((shape) => {
      const datum = datumOf(shape);
      if (!datum || !datum.properties) {
        return;
      }
      const props = datum.properties;
      shape.setAttribute("tabindex", "0");
      shape.addEventListener("focus", () => {
        if (status) {
          status.textContent = props.label;
        }
      });
      shape.addEventListener("keydown", (event) => {
        if (event.key === "Enter") {
          window.location.assign(props.url);
        }
      });
      shape.addEventListener("click", () => window.location.assign(props.url));
    });
  }

  function draw(container) {
    if (container.dataset.drawn === "true" || typeof window.vegaEmbed !== "function") {
      return;
    }
    const data = JSON.parse(container.dataset.choropleth);
    data.features.forEach((feature) => {
      feature.properties.label = feature.properties.name + ": " + feature.properties.display;
    });
    container.dataset.drawn = "true";
    const status = container.dataset.status ? document.getElementById(container.dataset.status) : null;
    window
      .vegaEmbed(container, spec(data), {
        ast: true,
        defaultStyle: false,
        tooltip: { disableDefaultStyle: true },
        actions: false,
        renderer: "svg",
        formatLocale: data.locale,
      })
      .then(() => makeFocusable(container, status))
      .catch((error) => {
        container.dataset.drawn = "false";
        if (status) {
          status.textContent = data.errorLabel || "";
        }
        window.console.warn("map not drawn", error);
      });
  }

  function drawAll(root) {
    (root || document).querySelectorAll("[data-choropleth]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", () => drawAll(document));
  document.addEventListener("htmx:afterSettle", () => drawAll(document));
})();
