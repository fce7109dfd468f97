"""Vega-Lite specs of the dashboard charts, built on the server from the protected figures.

The same spec is drawn interactively in the browser (vendored Vega-Lite, `static/wijkteam/js/monitoring.js`)
and rendered to static SVG/PNG for the printable report and its PDF with `vl-convert-python` (a
self-contained wheel, no system libraries). Secret figures are left out of the chart and marked in the
table beside it, which is the chart's text alternative.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from wijkteam.monitoring.metrics import SectionView, Table

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
STATIC_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"  # what the vl-convert wheel understands


def _base(description: str) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": "container",
        "config": {"font": "system-ui, sans-serif", "view": {"stroke": None}},
    }


def table_chart(table: Table) -> dict[str, Any] | None:
    """A grouped horizontal bar chart of a counts table (None when nothing can be drawn)."""
    values = [
        {"row": label, "column": str(column), "value": float(cell.value)}
        for label, cells, _total in table.rows
        for column, cell in zip(table.columns, cells, strict=True)
        if cell.value is not None
    ]
    if not values:
        return None
    spec = _base(str(table.title))
    spec.update(
        {
            "data": {"values": values},
            "mark": {"type": "bar", "tooltip": True},
            "encoding": {
                "y": {"field": "row", "type": "nominal", "title": str(table.row_header), "sort": None},
                "yOffset": {"field": "column", "type": "nominal"},
                "x": {"field": "value", "type": "quantitative", "title": _("Number (rounded)")},
                "color": {"field": "column", "type": "nominal", "title": "", "legend": {"orient": "bottom"}},
            },
        }
    )
    return spec


def trend_chart(section: SectionView) -> dict[str, Any] | None:
    """The section's headline figures over the periods, one small chart per figure."""
    values = [
        {"figure": str(f.label), "period": code, "value": float(v.value)}
        for f in section.figures
        for code, v in f.trend
        if v.value is not None
    ]
    if not values or all(len(f.trend) < 2 for f in section.figures):
        return None
    spec = _base(_("%(section)s over the periods") % {"section": section.title})
    spec.pop("width")
    spec.update(
        {
            "data": {"values": values},
            "facet": {
                "row": {
                    "field": "figure",
                    "type": "nominal",
                    "title": None,
                    "header": {"labelAngle": 0, "labelAlign": "left", "labelLimit": 400},
                }
            },
            "spec": {
                "width": 360,
                "height": 80,
                "mark": {"type": "line", "point": True, "tooltip": True},
                "encoding": {
                    "x": {"field": "period", "type": "ordinal", "title": _("Period")},
                    "y": {"field": "value", "type": "quantitative", "title": None},
                },
            },
            "resolve": {"scale": {"y": "independent"}},
        }
    )
    return spec


def static_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec for server-side rendering: a fixed width instead of the container's."""
    result = dict(spec)
    result["$schema"] = STATIC_SCHEMA
    if result.get("width") == "container":
        result["width"] = 520
    return result


def to_svg(spec: dict[str, Any]) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(static_spec(spec))


def to_png(spec: dict[str, Any]) -> bytes:
    import vl_convert

    return vl_convert.vegalite_to_png(static_spec(spec), scale=1.5)
