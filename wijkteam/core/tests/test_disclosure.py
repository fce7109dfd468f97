import pytest

from wijkteam.core.disclosure import SUPPRESSED, Rule, display, protect


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, None), (1, None), (7, None), (8, 10), (9, 10), (10, 10), (12, 10), (13, 15), (17, 15), (18, 20), (102, 100)],
)
def test_default_rule_threshold_8_rounding_5(count, expected):
    assert protect(count, Rule()) == expected


@pytest.mark.parametrize(
    ("rule", "count", "expected"),
    [(Rule(0, 1), 0, 0), (Rule(0, 1), 3, 3), (Rule(3, 10), 3, 10), (Rule(3, 10), 14, 10), (Rule(10, 5), 9, None)],
)
def test_other_rules(rule, count, expected):
    assert protect(count, rule) == expected


def test_display_and_settings(settings):
    assert display(5, Rule()) == SUPPRESSED == "."
    assert display(23, Rule()) == "25"
    settings.WIJKTEAM_DISCLOSURE_THRESHOLD = 3
    settings.WIJKTEAM_DISCLOSURE_ROUNDING = 1
    assert protect(3) == 3 and protect(2) is None


@pytest.mark.parametrize("bad", [lambda: protect(-1, Rule()), lambda: Rule(-1, 5), lambda: Rule(8, 0)])
def test_bad_input_is_refused(bad):
    with pytest.raises(ValueError):
        bad()
