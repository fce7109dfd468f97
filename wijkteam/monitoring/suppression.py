"""Small-number protection for every aggregate that leaves the case file (dashboard, API, exports).

The rules follow CBS practice for the social-domain figures (see `docs/monitoring-disclosure.md`):

1. **Threshold.** A statistic over fewer than `threshold` persons (default 8, so 0–7) is *secret* and shown
   as `.`: counts, shares, means, medians and costs per case alike.
2. **Rounding.** Other counts are rounded to the nearest multiple of `rounding` (default 5; halves up).
   Deterministic, so asking twice gives the same figure and repeated queries average nothing out.
3. **Rates from rounded counts.** Shares (%) and rates per 1,000 are computed from the *rounded* counts.
   A share is also secret when the complement (denominator − numerator) is below the threshold, so
   "100 %" or "98 %" cannot say that (almost) everyone in a group has an attribute.
4. **Secondary suppression.** In a table with totals, a line (row or column, its total included) never has
   exactly one secret entry, and the secret inner cells of a line with a shown total add up to at least
   the threshold; otherwise the next-smallest shown cell of that line is made secret too (the total only
   when no inner cell is left). Repeated until stable, so the margins are protected as well.
5. **Whole filters only.** Figures are filtered by whole periods (YYYY, YYYY-Hn, YYYY-Qn), whole teams
   and whole districts; any other filter is refused, so two overlapping queries cannot be subtracted
   to single someone out.

Pure functions, no ORM. The threshold and rounding are the product-wide settings
`WIJKTEAM_DISCLOSURE_THRESHOLD` and `WIJKTEAM_DISCLOSURE_ROUNDING` (`core/disclosure.py`); this module adds
shares, statistics, tables with secondary suppression and the filter rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from wijkteam.core.disclosure import round_to  # one rounding rule for every aggregate page
from wijkteam.core.periods import Period, PeriodError, parse_period

SECRET = "."  # noqa: S105 - the StatLine sign for a secret figure, not a password
ALLOWED_FILTERS = ("team", "district", "period")


class FilterError(ValueError):
    """A filter that is not a whole period, team or district."""


@dataclass(frozen=True)
class Rules:
    threshold: int = 8
    rounding: int = 5

    def __post_init__(self) -> None:
        if self.threshold < 1 or self.rounding < 1:
            raise ValueError("threshold and rounding must be at least 1")


def rules_from_settings() -> Rules:
    """The product-wide settings of `core/disclosure.py`, so monitoring and every other aggregate page
    protect alike (two pages with different rules could be played against each other)."""
    from wijkteam.core.disclosure import rule_from_settings

    rule = rule_from_settings()
    return Rules(threshold=max(rule.threshold, 1), rounding=rule.rounding)


@dataclass(frozen=True)
class Protected:
    """A protected figure: `value` is None when secret or unknown; `secret` tells which."""

    value: Decimal | int | None
    secret: bool = False

    @property
    def known(self) -> bool:
        return self.value is not None

    def display(self) -> str:
        if self.secret:
            return SECRET
        if self.value is None:
            return ""
        return str(self.value)


SECRET_FIGURE = Protected(None, secret=True)
UNKNOWN_FIGURE = Protected(None, secret=False)


# ------------------------------------------------------------------------------------------------ counts
def count(n: int, rules: Rules) -> Protected:
    """A count of persons or households: secret below the threshold, else rounded."""
    if n < rules.threshold:
        return SECRET_FIGURE
    return Protected(round_to(n, rules.rounding))


def _quantize(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def share(numerator: int, denominator: int, rules: Rules) -> Protected:
    """A percentage (whole number) from rounded counts; secret when the group, the part or the rest of
    the group is below the threshold."""
    if numerator < 0 or denominator < 0 or numerator > denominator:
        raise ValueError("a share needs 0 <= numerator <= denominator")
    if denominator < rules.threshold or numerator < rules.threshold or denominator - numerator < rules.threshold:
        return SECRET_FIGURE
    top, bottom = round_to(numerator, rules.rounding), round_to(denominator, rules.rounding)
    return Protected(_quantize(Decimal(top) * 100 / Decimal(bottom), 0))


def rate_per_1000(numerator: int, base: int | None, rules: Rules) -> Protected:
    """A count per 1,000 of a CBS base (households); unknown without a base, secret with a secret count."""
    protected = count(numerator, rules)
    if protected.secret:
        return SECRET_FIGURE
    if not base:
        return UNKNOWN_FIGURE
    return Protected(_quantize(Decimal(protected.value or 0) * 1000 / Decimal(base), 1))


def statistic(value: Decimal | float | int | None, persons: int, rules: Rules, *, places: int = 0) -> Protected:
    """A mean, median or cost per case over `persons`: secret below the threshold."""
    if persons < rules.threshold:
        return SECRET_FIGURE
    if value is None:
        return UNKNOWN_FIGURE
    return Protected(_quantize(Decimal(str(value)), places))


# ------------------------------------------------------------------------------------------------ tables
@dataclass
class ProtectedTable:
    """A protected table: cells, row totals, column totals and the grand total (None when no margins)."""

    cells: list[list[Protected]]
    row_totals: list[Protected] = field(default_factory=list)
    column_totals: list[Protected] = field(default_factory=list)
    total: Protected | None = None


def _lines(rows: int, cols: int) -> list[list[tuple[int, int]]]:
    """Every row and column of the table extended with its margins; (r, c) with r == rows or c == cols
    meaning the total. The last row (column totals) and last column (row totals) are lines too."""
    lines = [[(r, c) for c in range(cols + 1)] for r in range(rows + 1)]
    lines += [[(r, c) for r in range(rows + 1)] for c in range(cols + 1)]
    return lines


def suppression_pattern(raw: Sequence[Sequence[int]], rules: Rules, *, margins: bool = True) -> set[tuple[int, int]]:
    """The (row, column) positions to keep secret, including (rows, c), (r, cols) and (rows, cols) for
    the margins when `margins` is on. Primary: every entry below the threshold. Secondary: see module."""
    rows = len(raw)
    cols = len(raw[0]) if rows else 0
    if any(len(r) != cols for r in raw):
        raise ValueError("all rows need the same number of columns")
    if any(v < 0 for r in raw for v in r):
        raise ValueError("counts cannot be negative")
    values: dict[tuple[int, int], int] = {(r, c): raw[r][c] for r in range(rows) for c in range(cols)}
    if not margins:
        return {pos for pos, v in values.items() if v < rules.threshold}
    for r in range(rows):
        values[(r, cols)] = sum(raw[r])
    for c in range(cols):
        values[(rows, c)] = sum(raw[r][c] for r in range(rows))
    values[(rows, cols)] = sum(values[(r, cols)] for r in range(rows))
    secret = {pos for pos, v in values.items() if v < rules.threshold}
    lines = _lines(rows, cols)
    changed = True
    while changed:
        changed = False
        for line in lines:
            *inner, total = line
            hidden_inner = [p for p in inner if p in secret]
            total_hidden = total in secret
            hidden = len(hidden_inner) + total_hidden
            if hidden == 0 or hidden == len(line):
                continue
            exposed_sum = not total_hidden and sum(values[p] for p in hidden_inner) < rules.threshold
            if hidden == 1 or exposed_sum:
                candidates = sorted((values[p], p) for p in inner if p not in secret)
                pick = candidates[0][1] if candidates else total
                secret.add(pick)
                changed = True
    return secret


def protect_table(raw: Sequence[Sequence[int]], rules: Rules, *, margins: bool = True) -> ProtectedTable:
    """Apply primary and secondary suppression and rounding to a table of person counts.

    Totals are rounded on their own (as CBS does), so shown cells need not add up to the shown total.
    With `margins=False` (e.g. a table where one person may count in several columns) only the primary
    rule applies and no totals are returned.
    """
    rows = len(raw)
    cols = len(raw[0]) if rows else 0
    secret = suppression_pattern(raw, rules, margins=margins)

    def cell(pos: tuple[int, int], value: int) -> Protected:
        return SECRET_FIGURE if pos in secret else Protected(round_to(value, rules.rounding))

    cells = [[cell((r, c), raw[r][c]) for c in range(cols)] for r in range(rows)]
    if not margins:
        return ProtectedTable(cells=cells)
    row_totals = [cell((r, cols), sum(raw[r])) for r in range(rows)]
    column_totals = [cell((rows, c), sum(raw[r][c] for r in range(rows))) for c in range(cols)]
    total = cell((rows, cols), sum(sum(r) for r in raw))
    return ProtectedTable(cells=cells, row_totals=row_totals, column_totals=column_totals, total=total)


# ----------------------------------------------------------------------------------------------- filters
def whole_period(value: str | None) -> Period:
    """A whole period (YYYY, YYYY-Hn or YYYY-Qn); anything else (dates, ranges, weeks) is refused."""
    try:
        return parse_period(value or "")
    except PeriodError as error:
        raise FilterError(str(error)) from error


def check_filter_names(names: Iterable[str], *, allowed: Sequence[str] = ALLOWED_FILTERS) -> None:
    """Refuse any filter other than whole teams, districts and periods (e.g. dates, ages, postcodes)."""
    unknown = sorted(set(names) - set(allowed) - {"format", "lang"})
    if unknown:
        raise FilterError(f"unknown filter(s) {', '.join(unknown)}: filter only by {', '.join(allowed)}")


def single_values(query: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """One value per filter; a filter given twice (e.g. two teams) would let queries overlap."""
    result = {}
    for name, values in query.items():
        values = [v for v in values if v != ""]
        if len(values) > 1:
            raise FilterError(f"filter {name} given more than once: choose one whole {name}")
        result[name] = values[0] if values else ""
    return result
