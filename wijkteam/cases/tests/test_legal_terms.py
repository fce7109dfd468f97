from datetime import date

import pytest

from wijkteam.cases.legal_terms import wmo_investigation_clock


@pytest.mark.parametrize(
    ("received", "finished", "today", "deadline", "days_left", "state"),
    [
        (date(2025, 3, 3), None, date(2025, 3, 3), date(2025, 4, 14), 42, "running"),
        (date(2025, 3, 3), None, date(2025, 4, 7), date(2025, 4, 14), 7, "warning"),
        (date(2025, 3, 3), None, date(2025, 4, 14), date(2025, 4, 14), 0, "warning"),
        (date(2025, 3, 3), None, date(2025, 4, 15), date(2025, 4, 14), -1, "overdue"),
        (date(2025, 3, 3), date(2025, 4, 1), date(2025, 6, 1), date(2025, 4, 14), 13, "finished"),
        (date(2025, 3, 3), date(2025, 4, 14), date(2025, 6, 1), date(2025, 4, 14), 0, "finished"),
        (date(2025, 3, 3), date(2025, 4, 20), date(2025, 6, 1), date(2025, 4, 14), -6, "finished_late"),
        (date(2024, 12, 23), None, date(2025, 1, 2), date(2025, 2, 3), 32, "running"),
    ],
)
def test_wmo_investigation_clock(received, finished, today, deadline, days_left, state):
    clock = wmo_investigation_clock(received_on=received, finished_on=finished, today=today)
    assert (clock.deadline, clock.days_left, clock.state) == (deadline, days_left, state)
