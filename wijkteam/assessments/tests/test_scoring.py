"""The rules of an assessment (pure, table-driven): which domains, which scores, who and when."""

from datetime import date

import pytest
from django.utils import translation

from wijkteam.assessments.scoring import (
    NON_FIELD,
    Domain,
    ScoringFrame,
    change_since_first,
    person_problems,
    scorable_domains,
    score_problems,
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


DOMAINS = (
    Domain("finances", "Financiën"),
    Domain("housing", "Huisvesting"),
    Domain("social_network", "Sociaal netwerk"),
    Domain("justice", "Justitie", is_criminal_data=True),
)


def frame(touched=("finances", "social_network", "justice"), justice=False):
    return ScoringFrame(1, 5, DOMAINS, frozenset(touched), justice)


@pytest.mark.parametrize(
    ("touched", "justice", "expected"),
    [
        (("finances",), False, ["finances"]),
        (("finances", "justice"), False, ["finances"]),
        (("finances", "justice"), True, ["finances", "justice"]),
        (("physical_health",), False, []),  # not in the instrument
        ((), False, []),
    ],
)
def test_scorable_domains_are_the_touched_ones(touched, justice, expected):
    assert [d.code for d in scorable_domains(frame(touched, justice))] == expected


@pytest.mark.parametrize(
    ("scores", "justice", "expected"),
    [
        ({"finances": 2}, False, {}),
        ({"finances": 1, "social_network": 5}, False, {}),
        ({"finances": 2, "housing": None}, False, {}),  # an empty untouched domain needs no reason
        ({"finances": 0}, False, {"finances": "between 1 and 5"}),
        ({"finances": 6}, False, {"finances": "between 1 and 5"}),
        ({"housing": 3}, False, {"housing": "not a life domain of the help request"}),
        ({"justice": 3}, False, {"justice": "justice domain is off"}),
        ({"justice": 3}, True, {}),
        ({"physical_health": 3}, False, {"physical_health": "not part of the instrument"}),
        ({}, False, {NON_FIELD: "at least one"}),
        ({"finances": None}, False, {NON_FIELD: "at least one"}),
    ],
)
def test_score_problems(scores, justice, expected):
    problems = score_problems(frame(justice=justice), scores)
    assert set(problems) == set(expected)
    for key, fragment in expected.items():
        assert fragment in " ".join(problems[key])


TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("birth_date", "in_system", "assessed_on", "expected"),
    [
        (date(1980, 1, 1), True, TODAY, {}),
        (date(2008, 6, 1), True, TODAY, {}),  # 18 today
        (date(2008, 6, 2), True, TODAY, {"person": "Only adults"}),  # 18 tomorrow
        (None, True, TODAY, {"person": "Only adults"}),  # unknown age: not assessed
        (date(1980, 1, 1), False, TODAY, {"person": "not in the client system"}),
        (date(1980, 1, 1), True, date(2026, 6, 2), {"assessed_on": "future"}),
        # The age counts on the day of the assessment, not today.
        (date(2008, 3, 1), True, date(2026, 2, 28), {"person": "Only adults"}),
    ],
)
def test_person_problems(birth_date, in_system, assessed_on, expected):
    problems = person_problems(birth_date=birth_date, in_client_system=in_system, assessed_on=assessed_on, today=TODAY)
    assert set(problems) == set(expected)
    for key, fragment in expected.items():
        assert fragment in " ".join(problems[key])


@pytest.mark.parametrize(
    ("series", "expected"),
    [
        ([], None),
        ([(date(2026, 1, 1), 2, "intake")], None),
        ([(date(2026, 1, 1), 2, "intake"), (date(2026, 3, 1), 4, "evaluation")], (2, 4, 2, "intake")),
        # Order by date, not by the order given.
        ([(date(2026, 5, 1), 3, "closure"), (date(2026, 1, 1), 4, "intake")], (4, 3, -1, "intake")),
        ([(date(2026, 1, 1), 3, "evaluation"), (date(2026, 2, 1), 3, "evaluation")], (3, 3, 0, "evaluation")),
    ],
)
def test_change_since_first(series, expected):
    change = change_since_first(series)
    if expected is None:
        assert change is None
    else:
        assert (change.first, change.last, change.delta, change.first_moment) == expected
