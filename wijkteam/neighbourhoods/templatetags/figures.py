"""Showing CBS figures: exact numbers in the active language's format, missing as missing."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext

from wijkteam.neighbourhoods import indicators

register = template.Library()


@register.filter
def figure_number(value: float | None) -> str:
    """A published figure with the decimals CBS gave it (1.9 -> "1,9"; 17942942 -> "17.942.942")."""
    if not isinstance(value, int | float):
        return ""
    return number_format(value, indicators.decimals_of(value), use_l10n=True, force_grouping=True)


@register.filter
def rate_number(value: float | None) -> str:
    """A rate we computed, with one decimal."""
    if not isinstance(value, int | float):
        return ""
    # Django's number_format cuts float digits off instead of rounding them; round half up first.
    rounded = Decimal(repr(float(value))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return number_format(rounded, 1, use_l10n=True, force_grouping=True)


@register.filter
def raw_number(value: float | None) -> str:
    """The value for a `data-value` attribute: the shortest text that reads back as the same float."""
    return repr(value) if isinstance(value, int | float) else ""


@register.filter
def category_label(category: str) -> str:
    return str(indicators.CATEGORY_LABELS.get(category, category))


@register.filter
def rate_suffix(definition: indicators.IndicatorDef) -> str:
    return str(indicators.RATE_SUFFIXES.get(definition.rate_unit, ""))


@register.filter
def source_label(source_table: str) -> str:
    return indicators.SOURCES.get(source_table, (0, source_table))[1]


_CELL = "utrecht-table__cell utrecht-table__cell--numeric-data"


@register.simple_tag
def missing() -> str:
    """ "–" on screen, "missing" for screen readers: a missing figure is never shown as 0."""
    return format_html(
        '<span aria-hidden="true">–</span><span class="wt-visually-hidden">{}</span>', gettext("missing")
    )


@register.simple_tag
def value_cell(figure: indicators.Figure | None, code: str, colspan: int = 1) -> str:
    """A table cell with a figure's value (and the raw value in `data-value`), or missing.

    A tag rather than an included template: the profile has hundreds of these cells.
    """
    value = figure.value if figure is not None else None
    span = format_html(' colspan="{}"', colspan) if colspan > 1 else ""
    if value is None:
        return format_html(
            '<td class="{} wt-missing"{} data-region="{}" data-value="">{}</td>', _CELL, span, code, missing()
        )
    return format_html(
        '<td class="{}"{} data-region="{}" data-value="{}">{}</td>',
        _CELL,
        span,
        code,
        raw_number(value),
        figure_number(value),
    )


@register.simple_tag
def rate_cell(figure: indicators.Figure | None, code: str) -> str:
    """A table cell with a figure's rate and its unit (and the raw rate in `data-rate`), or missing."""
    rate = figure.rate if figure is not None else None
    if figure is None or rate is None:
        return format_html('<td class="{} wt-missing" data-region="{}" data-rate="">{}</td>', _CELL, code, missing())
    return format_html(
        '<td class="{}" data-region="{}" data-rate="{}">{} {}</td>',
        _CELL,
        code,
        raw_number(rate),
        rate_number(rate),
        rate_suffix(figure.definition),
    )
