"""Test helpers: the case-file scenario of `cases` with the ZRM in use by team A. Synthetic data only."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from wijkteam.assessments import services
from wijkteam.assessments.data import ZRM_CODE
from wijkteam.assessments.models import Assessment, Instrument, TeamInstrumentSetting
from wijkteam.cases.tests.factories import Scenario, scenario_create
from wijkteam.teams.models import Team


def zrm() -> Instrument:
    return Instrument.objects.get(code=ZRM_CODE)


def zrm_in_use(team: Team, actor: Any, justice: bool = False) -> TeamInstrumentSetting:
    return services.team_instrument_setting_set(
        team=team, instrument=zrm(), in_use=True, justice_enabled=justice, actor=actor
    )


def world() -> Scenario:
    """`cases`' scenario (case A: finances and social network, team A; case B in team B) with the ZRM in use
    by both teams."""
    s = scenario_create()
    zrm_in_use(s.team_a, s.team_lead)
    zrm_in_use(s.team_b, s.other_team_worker)
    return s


def assess(
    s: Scenario, *, moment: str = "intake", days_ago: int = 30, on: date | None = None, **scores: int
) -> Assessment:
    """An assessment of the first adult of case A."""
    return services.assessment_record(
        case=s.case_a,
        person=s.family_a.adults[0],
        moment=moment,
        assessed_on=on or timezone.localdate() - timedelta(days=days_ago),
        scores=scores or {"finances": 2, "social_network": 3},
        actor=s.coordinator,
    )
