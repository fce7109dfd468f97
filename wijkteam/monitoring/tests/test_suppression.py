"""Small-number protection: table-driven cases and property tests (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wijkteam.monitoring import suppression as s

RULES = s.Rules()


@pytest.mark.parametrize(
    ("n", "shown"),
    [(0, "."), (1, "."), (7, "."), (8, "10"), (9, "10"), (12, "10"), (13, "15"), (22, "20"), (23, "25"), (100, "100")],
)
def test_count_secret_below_threshold_and_rounded_to_five(n: int, shown: str) -> None:
    assert s.count(n, RULES).display() == shown


@pytest.mark.parametrize(
    ("rules", "n", "shown"),
    [
        (s.Rules(threshold=10, rounding=10), 9, "."),
        (s.Rules(threshold=10, rounding=10), 15, "20"),
        (s.Rules(3, 1), 3, "3"),
    ],
)
def test_threshold_and_rounding_are_configurable(rules: s.Rules, n: int, shown: str) -> None:
    assert s.count(n, rules).display() == shown


@pytest.mark.parametrize(
    ("num", "den", "shown"),
    [
        (20, 40, "50"),  # 20/40
        (12, 40, "25"),  # 10/40: computed from the rounded counts, not 30 %
        (7, 40, "."),  # part below threshold
        (35, 40, "."),  # the rest (5) below threshold: "almost everyone" is not shown
        (5, 6, "."),  # group below threshold
        (0, 0, "."),
        (33, 67, "54"),  # 35 / 65 = 53.8 %
    ],
)
def test_share_from_rounded_counts(num: int, den: int, shown: str) -> None:
    assert s.share(num, den, RULES).display() == shown


def test_share_rejects_impossible_input() -> None:
    with pytest.raises(ValueError):
        s.share(5, 4, RULES)


@pytest.mark.parametrize(
    ("n", "base", "shown"),
    [(12, 2000, "5.0"), (13, 2000, "7.5"), (7, 2000, "."), (12, None, ""), (12, 0, "")],
)
def test_rate_per_1000_from_rounded_count(n: int, base: int | None, shown: str) -> None:
    assert s.rate_per_1000(n, base, RULES).display() == shown


@pytest.mark.parametrize(
    ("value", "persons", "shown"),
    [(Decimal("41.5"), 7, "."), (Decimal("41.5"), 8, "42"), (None, 10, ""), (1234.567, 30, "1235")],
)
def test_mean_median_cost_over_few_persons_is_secret(value: object, persons: int, shown: str) -> None:
    assert s.statistic(value, persons, RULES).display() == shown  # type: ignore[arg-type]


def _shown(table: s.ProtectedTable) -> list[list[str]]:
    rows = [[c.display() for c in row] + [t.display()] for row, t in zip(table.cells, table.row_totals, strict=True)]
    assert table.total is not None
    return [*rows, [*(c.display() for c in table.column_totals), table.total.display()]]


def test_secondary_suppression_in_a_row_and_column() -> None:
    # One secret cell (3): its row and its column each need a second secret cell; the smallest are
    # chosen (10 in the row, 9 in the column), and then (10's column / 9's row) too: a 2×2 pattern.
    raw = [[3, 10, 40], [9, 20, 50], [30, 30, 30]]
    assert _shown(s.protect_table(raw, RULES)) == [
        [".", ".", "40", "55"],
        [".", ".", "50", "80"],
        ["30", "30", "30", "90"],
        ["40", "60", "120", "220"],
    ]


def test_secondary_suppression_of_totals_when_one_column() -> None:
    # A single column: the total would reveal the secret cell, so the next-smallest cell goes too.
    raw = [[5], [20], [30]]
    assert _shown(s.protect_table(raw, RULES)) == [[".", "."], [".", "."], ["30", "30"], ["55", "55"]]


def test_two_secret_cells_that_add_up_below_threshold_take_a_third() -> None:
    # 2 + 3 = 5 could be read from total − shown cells; that pair sum is itself a small number.
    raw = [[2, 3, 20, 40]]
    shown = _shown(s.protect_table(raw, RULES))
    assert shown[0][:3] == [".", ".", "."]


def test_table_without_margins_only_primary() -> None:
    table = s.protect_table([[3, 10], [9, 20]], RULES, margins=False)
    assert [[c.display() for c in row] for row in table.cells] == [[".", "10"], ["10", "20"]]
    assert table.total is None


def test_empty_table() -> None:
    table = s.protect_table([], RULES)
    assert table.cells == [] and table.total == s.SECRET_FIGURE


@pytest.mark.parametrize("value", ["2026", "2026-H2", "2026-Q1", " 2026-q4 "])
def test_whole_periods_are_accepted(value: str) -> None:
    assert s.whole_period(value).code.startswith("2026")


@pytest.mark.parametrize(
    "value", ["", "2026-01", "2026-01-01:2026-03-15", "2026-W12", "2026-H3", "2026-Q5", "last 30 days"]
)
def test_partial_periods_are_refused(value: str) -> None:
    with pytest.raises(s.FilterError):
        s.whole_period(value)


def test_other_filters_are_refused() -> None:
    s.check_filter_names(["team", "district", "period", "format"])
    with pytest.raises(s.FilterError, match="unknown filter"):
        s.check_filter_names(["team", "from", "postcode"])
    with pytest.raises(s.FilterError, match="more than once"):
        s.single_values({"team": ["1", "2"]})


def test_subtracting_two_whole_periods_reveals_nothing() -> None:
    # H1 had 8 help requests, the whole year 9: H2 (one household) cannot be read from year − H1.
    year, first_half = s.count(9, RULES), s.count(8, RULES)
    assert (year.value or 0) - (first_half.value or 0) == 0
    assert s.count(1, RULES).secret


# ------------------------------------------------------------------------------------- property tests
tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda cols: st.lists(st.lists(st.integers(0, 40), min_size=cols, max_size=cols), min_size=1, max_size=5)
)


@settings(max_examples=300, deadline=None)
@given(raw=tables, threshold=st.integers(1, 12), rounding=st.sampled_from([1, 2, 5, 10]))
def test_property_no_line_reveals_a_secret_cell(raw: list[list[int]], threshold: int, rounding: int) -> None:
    rules = s.Rules(threshold, rounding)
    secret = s.suppression_pattern(raw, rules)
    rows, cols = len(raw), len(raw[0])
    values = {(r, c): raw[r][c] for r in range(rows) for c in range(cols)}
    for r in range(rows):
        values[(r, cols)] = sum(raw[r])
    for c in range(cols):
        values[(rows, c)] = sum(raw[r][c] for r in range(rows))
    values[(rows, cols)] = sum(map(sum, raw))
    # primary: nothing below the threshold is shown
    assert all(pos in secret for pos, v in values.items() if v < threshold)
    for line in s._lines(rows, cols):
        hidden = [p for p in line if p in secret]
        # never exactly one secret entry in a line: total minus shown cells cannot reveal it
        assert len(hidden) != 1
        *inner, total = line
        if total not in secret and hidden:
            assert sum(values[p] for p in inner if p in secret) >= threshold


@settings(max_examples=200, deadline=None)
@given(n=st.integers(0, 10_000), threshold=st.integers(1, 20), rounding=st.sampled_from([1, 5, 10]))
def test_property_counts_are_secret_or_rounded(n: int, threshold: int, rounding: int) -> None:
    figure = s.count(n, s.Rules(threshold, rounding))
    if n < threshold:
        assert figure.secret
    else:
        assert figure.value is not None and figure.value % rounding == 0 and abs(figure.value - n) <= rounding / 2


@settings(max_examples=200, deadline=None)
@given(den=st.integers(0, 500), data=st.data())
def test_property_shares_never_over_few_persons(den: int, data: st.DataObject) -> None:
    num = data.draw(st.integers(0, den))
    figure = s.share(num, den, RULES)
    if figure.known:
        assert num >= 8 and den - num >= 8 and 0 <= figure.value <= 100  # type: ignore[operator]


def test_rules_follow_the_product_wide_disclosure_settings(settings) -> None:
    settings.WIJKTEAM_DISCLOSURE_THRESHOLD = 10
    settings.WIJKTEAM_DISCLOSURE_ROUNDING = 10
    assert s.rules_from_settings() == s.Rules(threshold=10, rounding=10)
