"""The step rules, table-driven: team step-ups need an evaluation, four routes are never blocked."""

import pytest

from wijkteam.provisions.stepping import Evaluation, check_step

FULL = Evaluation("Eettafel en vrijwilliger", "3 maanden", "Geen verbetering", "Structuur ontbreekt")
PART = Evaluation("Eettafel", "", "Geen verbetering", "")


@pytest.mark.parametrize(
    ("from_level", "to_level", "route", "evaluation", "reason", "allowed", "fields"),
    [
        # Team step-ups: only with a complete evaluation.
        (1, 2, "team", None, "", False, {"__all__", "tried", "duration", "result", "why_insufficient"}),
        (1, 2, "team", PART, "", False, {"__all__", "duration", "why_insufficient"}),
        (1, 2, "team", FULL, "", True, set()),
        (0, 4, "team", FULL, "", True, set()),
        (
            2,
            3,
            "team",
            Evaluation(" ", " ", " ", " "),
            "",
            False,
            {"__all__", "tried", "duration", "result", "why_insufficient"},
        ),
        # Never blocked: straight to the level needed, without an evaluation.
        (0, 3, "application", None, "", True, set()),
        (1, 3, "wmo_report", None, "", True, set()),
        (2, 4, "referral", None, "", True, set()),
        (0, 4, "safety", None, "", True, set()),
        (None, 4, "referral", None, "", True, set()),
        (3, 1, "safety", None, "", True, set()),
        # Stepping down needs a reason.
        (3, 2, "team", None, "", False, {"reason"}),
        (3, 2, "team", None, "   ", False, {"reason"}),
        (3, 1, "team", None, "Doelen bereikt, eettafel volstaat", True, set()),
        # The first level needs neither.
        (None, 2, "team", None, "", True, set()),
        # No change, unknown route or level.
        (2, 2, "team", FULL, "", False, {"to_level"}),
        (2, 2, "application", None, "", False, {"to_level"}),
        (1, 2, "email", FULL, "", False, {"route"}),
        (1, 5, "team", FULL, "", False, {"to_level"}),
    ],
)
def test_check_step(from_level, to_level, route, evaluation, reason, allowed, fields):
    check = check_step(from_level=from_level, to_level=to_level, route=route, evaluation=evaluation, reason=reason)
    assert check.allowed is allowed
    assert set(check.problems) == fields


def test_refusal_message_is_clear_in_dutch():
    from django.utils import translation

    with translation.override("nl"):
        check = check_step(from_level=1, to_level=2, route="team")
    assert "evaluatie" in check.problems["__all__"][0]
    assert "aanvraag" in check.problems["__all__"][0]
