"""Demo data of the assessments app, called by the demo loader (`wijkteam/demo/steps.py`): every demo team
uses the ZRM; the adults of the demo cases get an intake assessment on the touched life domains, and many
an evaluation and a closure, mostly improving, some not; goals in evaluation and closed cases get ratings by
the household beside the worker's. Deterministic with the loader's seeded `random`; written in bulk with
the audit events the services would have written (ids only). Idempotent: when the municipality's cases
have assessments, nothing is added. All persons are the loader's synthetic ones.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from wijkteam.access.models import AuditEvent, User
from wijkteam.assessments import scoring
from wijkteam.assessments.data import ZRM_CODE
from wijkteam.assessments.models import (
    Assessment,
    Attainment,
    DomainScore,
    GoalRating,
    Instrument,
    InstrumentDomain,
    Moment,
    TeamInstrumentSetting,
)
from wijkteam.assessments.services import instrument_data_sync
from wijkteam.cases.models import Case, CaseStatus, ClientSystemMember, Goal
from wijkteam.households.age import is_minor_on

ACTOR_REPR = "demo loader"
HOUSEHOLD_WORDS = {
    Attainment.REACHED: [
        "Het lukt ons nu zelf.",
        "We hebben weer overzicht, dat geeft rust.",
        "Ik durf de post weer open te maken.",
    ],
    Attainment.PARTLY: [
        "Het gaat beter, maar nog niet vanzelf.",
        "Soms lukt het, soms valt het terug.",
        "We zijn op de goede weg.",
    ],
    Attainment.NOT_REACHED: [
        "Het is nog steeds te veel.",
        "Er kwam steeds iets tussen.",
    ],
}


def _event(action: str, target: Any, details: dict[str, Any]) -> AuditEvent:
    return AuditEvent(
        actor=None,
        actor_repr=ACTOR_REPR,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        details=details,
    )


def _trajectory(rng: random.Random, start: int, steps: int, scale_max: int) -> list[int]:
    """Scores from `start` over `steps` later moments: mostly up, sometimes flat or down."""
    kind = rng.choices(["improves", "flat", "worsens"], weights=[7, 2, 1])[0]
    scores, score = [], start
    for _step in range(steps):
        if kind == "improves":
            score = min(scale_max, score + rng.choice([0, 1, 1, 2]))
        elif kind == "worsens":
            score = max(1, score - rng.choice([0, 1]))
        scores.append(score)
    return scores


def _between(rng: random.Random, start: date, end: date) -> date:
    days = max(0, (end - start).days)
    return start + timedelta(days=rng.randint(0, days))


@transaction.atomic
def demo_load(
    *, municipality_code: str, users: dict[str, User], rng: random.Random, today: date | None = None
) -> dict[str, int]:
    """Add the demo assessments and goal ratings once; returns counts for the municipality."""
    today = today or timezone.localdate()
    cases = list(
        Case.objects.filter(municipality__code=municipality_code)
        .select_related("team", "help_request", "coordinator")
        .prefetch_related("help_request__life_domains")
        .order_by("pk")
    )
    existing = Assessment.objects.filter(case__municipality__code=municipality_code)
    if existing.exists() or not cases:
        return _summary(municipality_code)
    instrument_data_sync()
    zrm = Instrument.objects.get(code=ZRM_CODE)
    actor = users.get("demo-admin") or users.get("demo-teamlead") or User.objects.order_by("pk").first()
    events: list[AuditEvent] = []
    for team in sorted({case.team for case in cases}, key=lambda t: t.pk):
        _setting, created = TeamInstrumentSetting.objects.get_or_create(
            team=team, instrument=zrm, defaults={"in_use": True, "justice_enabled": False, "updated_by": actor}
        )
        if created:
            events.append(_event("team.instrument_set", team, {"instrument": zrm.code, "in_use": True}))
    domains = tuple(
        scoring.Domain(d.life_domain.code, d.life_domain.name, d.life_domain.is_criminal_data)
        for d in InstrumentDomain.objects.filter(instrument=zrm).select_related("life_domain")
    )
    life_domain_ids = {d.life_domain.code: d.life_domain_id for d in zrm.domains.select_related("life_domain")}
    goals_by_case: dict[int, list[Goal]] = {}
    for goal in Goal.objects.filter(plan__case__in=cases).select_related("life_domain", "plan").order_by("order", "id"):
        goals_by_case.setdefault(goal.plan.case_id, []).append(goal)
    members: dict[int, list[Any]] = {}
    for member in ClientSystemMember.objects.filter(case__in=cases).select_related("person").order_by("person_id"):
        members.setdefault(member.case_id, []).append(member.person)

    planned: list[tuple[Assessment, dict[str, int]]] = []
    ratings: list[GoalRating] = []
    for case in cases:
        touched = {d.code for d in case.help_request.life_domains.all()} | {
            g.life_domain.code for g in goals_by_case.get(case.pk, [])
        }
        frame = scoring.ScoringFrame(zrm.scale_min, zrm.scale_max, domains, frozenset(touched), False)
        codes = [d.code for d in scoring.scorable_domains(frame)]
        adults = [p for p in members.get(case.pk, []) if is_minor_on(p.birth_date, case.opened_on) is False]
        if not codes or not adults:
            continue
        assessor = case.coordinator or actor
        moments: list[tuple[str, date]] = [
            (Moment.INTAKE, min(case.closed_on or today, case.opened_on + timedelta(days=rng.randint(0, 10))))
        ]
        end = case.closed_on or today
        long_enough = (end - moments[0][1]).days > 30
        if long_enough and (
            case.status in (CaseStatus.EVALUATION, CaseStatus.CLOSED) or (end - case.opened_on).days > 120
        ):
            moments.append(
                (Moment.EVALUATION, _between(rng, moments[0][1] + timedelta(days=20), end - timedelta(days=5)))
            )
        if case.status == CaseStatus.CLOSED and case.closed_on:
            moments.append((Moment.CLOSURE, case.closed_on))
        # Usually the first adult (the client) only; in about a third of the households a partner too.
        assessed = adults[:1] if len(adults) == 1 or rng.random() < 0.66 else adults[:2]
        for person in assessed:
            series = {code: [rng.choice([1, 2, 2, 3, 3])] for code in codes}
            for code in codes:
                series[code] += _trajectory(rng, series[code][0], len(moments) - 1, zrm.scale_max)
            for index, (moment, on) in enumerate(moments):
                assessment = Assessment(
                    case=case, person=person, instrument=zrm, moment=moment, assessed_on=on, assessed_by=assessor
                )
                planned.append((assessment, {code: series[code][index] for code in codes}))
        for goal in goals_by_case.get(case.pk, []):
            rating_moments = []
            if case.status == CaseStatus.EVALUATION or (case.status == CaseStatus.CLOSED and rng.random() < 0.5):
                rating_moments.append((GoalRating.RatingMoment.EVALUATION, _between(rng, case.opened_on, end)))
            if case.status == CaseStatus.CLOSED and case.closed_on:
                rating_moments.append((GoalRating.RatingMoment.CLOSURE, case.closed_on))
            for moment, on in rating_moments:
                household = rng.choices(Attainment.values, weights=[5, 4, 2])[0]
                # The worker mostly agrees; sometimes one step more or less positive.
                worker = household if rng.random() < 0.7 else rng.choice(Attainment.values)
                ratings.append(
                    GoalRating(
                        goal=goal,
                        moment=moment,
                        rated_on=on,
                        household_rating=household,
                        worker_rating=worker,
                        household_words=rng.choice(HOUSEHOLD_WORDS[household]) if rng.random() < 0.6 else "",
                        recorded_by=case.coordinator or actor,
                    )
                )
    created = Assessment.objects.bulk_create([a for a, _scores in planned])
    scores = [
        DomainScore(assessment=assessment, life_domain_id=life_domain_ids[code], score=value)
        for assessment, (_unsaved, values) in zip(created, planned, strict=True)
        for code, value in values.items()
    ]
    DomainScore.objects.bulk_create(scores)
    GoalRating.objects.bulk_create(ratings)
    events += [
        _event(
            "assessment.recorded",
            a,
            {"case": a.case_id, "person": a.person_id, "moment": a.moment, "domains": sorted(values)},
        )
        for a, (_unsaved, values) in zip(created, planned, strict=True)
    ]
    events += [_event("goal.rated", r, {"goal": r.goal_id}) for r in ratings]
    AuditEvent.objects.bulk_create(events)
    return _summary(municipality_code)


def _summary(municipality_code: str) -> dict[str, int]:
    return {
        "assessments": Assessment.objects.filter(case__municipality__code=municipality_code).count(),
        "goal_ratings": GoalRating.objects.filter(goal__plan__case__municipality__code=municipality_code).count(),
    }
