from datetime import date

import pytest

from wijkteam.cases.lifecycle import TransitionError, check_transition, is_reentry


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        ("intake", "plan", True),
        ("intake", "execution", False),
        ("plan", "execution", True),
        ("plan", "intake", True),
        ("execution", "evaluation", True),
        ("evaluation", "execution", True),
        ("evaluation", "plan", True),
        ("intake", "closed", True),
        ("execution", "closed", True),
        ("closed", "intake", False),
        ("closed", "closed", False),
    ],
)
def test_transitions(current, new, allowed):
    if allowed:
        check_transition(current, new)
    else:
        with pytest.raises(TransitionError):
            check_transition(current, new)


@pytest.mark.parametrize(
    ("opened_on", "closures", "expected"),
    [
        (date(2026, 11, 1), [date(2026, 3, 1)], True),  # 8 months after closing
        (date(2026, 11, 1), [date(2025, 11, 1)], True),  # exactly 12 months: still re-entry
        (date(2026, 11, 1), [date(2025, 10, 31)], False),
        (date(2026, 11, 1), [], False),
        (date(2026, 11, 1), [None], False),  # an earlier case still open is no re-entry
        (date(2024, 2, 29), [date(2023, 2, 28)], True),  # leap day: window starts 2023-02-28
        (date(2026, 11, 1), [date(2020, 1, 1), date(2026, 10, 30)], True),
    ],
)
def test_reentry(opened_on, closures, expected):
    assert is_reentry(opened_on=opened_on, earlier_closures=closures) is expected
