"""Whether a change of care level may be recorded. Pure rules, no ORM.

Stepped care: light and short support first; the team steps up only when the current level was tried
and did not suffice, so a team step-up records an evaluation of the current level (what was tried, for
how long, the result, why it was insufficient). Four routes are never blocked, because the law gives
the resident or a referrer the right to them: a resident's formal application (aanvraag), a Wmo report
(melding, Wmo 2015 art. 2.3.2), a referral by a GP, youth doctor or medical specialist (Jeugdwet art.
2.6 lid 1 sub c) and the safety route (acute danger, Meldcode). They go straight to the level needed and
start their own legal clock where one applies. Stepping down records why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Route(StrEnum):
    TEAM = "team"
    APPLICATION = "application"
    WMO_REPORT = "wmo_report"
    REFERRAL = "referral"
    SAFETY = "safety"


# Routes the software never blocks: the rules only record them.
NEVER_BLOCKED = frozenset({Route.APPLICATION, Route.WMO_REPORT, Route.REFERRAL, Route.SAFETY})
# The legal clock each route starts (an event of provisions.terms), when it has one.
ROUTE_CLOCK_EVENT: dict[Route, str] = {
    Route.APPLICATION: "application",
    Route.WMO_REPORT: "report",
    Route.REFERRAL: "application",
}
EVALUATION_FIELDS = ("tried", "duration", "result", "why_insufficient")


@dataclass(frozen=True)
class Evaluation:
    """The evaluation of the current level that a team step-up rests on."""

    tried: str = ""
    duration: str = ""
    result: str = ""
    why_insufficient: str = ""

    def missing(self) -> list[str]:
        return [name for name in EVALUATION_FIELDS if not getattr(self, name).strip()]


@dataclass(frozen=True)
class StepCheck:
    direction: str  # "first", "up", "down"
    problems: dict[str, list[str]] = field(default_factory=dict)

    @property
    def allowed(self) -> bool:
        return not self.problems


def direction(from_level: int | None, to_level: int) -> str:
    if from_level is None:
        return "first"
    if to_level == from_level:
        return "same"
    return "up" if to_level > from_level else "down"


def check_step(
    *,
    from_level: int | None,
    to_level: int,
    route: str,
    evaluation: Evaluation | None = None,
    reason: str = "",
) -> StepCheck:
    """The problems that stop this change from being recorded, per form field (empty: allowed)."""
    problems: dict[str, list[str]] = {}
    if route not in Route.__members__.values():
        return StepCheck("", {"route": [str(_("Choose how this change came about."))]})
    if not 0 <= to_level <= 4:
        return StepCheck("", {"to_level": [str(_("Choose a care level from 0 to 4."))]})
    way = direction(from_level, to_level)
    if way == "same":
        return StepCheck(way, {"to_level": [str(_("The case is already at this care level."))]})
    if Route(route) in NEVER_BLOCKED:
        return StepCheck(way)
    if way == "up":
        missing = (evaluation or Evaluation()).missing()
        if missing:
            message = _(
                "A step up needs an evaluation of the current level: what was tried, for how long, the result "
                "and why it was not enough. A formal application, a Wmo report, a referral or the safety route "
                "are never blocked."
            )
            problems["__all__"] = [str(message)]
            for name in missing:
                problems[name] = [str(_("Fill this in for the evaluation."))]
    elif way == "down" and not reason.strip():
        problems["reason"] = [str(_("Say why the case steps down."))]
    return StepCheck(way, problems)
