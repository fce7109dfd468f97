"""Reads of the assessments app. Person-level reads (assessments, goal ratings) go through the case's
need-to-know rule (`cases.selectors`: content of the case) and are logged (NEN 7513); what a user may not
see answers 404. Instruments and scale labels are not personal data."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from wijkteam.access.models import AccessAction, User
from wijkteam.assessments import scoring
from wijkteam.assessments.models import (
    Assessment,
    DomainScore,
    GoalRating,
    Instrument,
    InstrumentDomain,
    ScaleLabel,
    TeamInstrumentSetting,
)
from wijkteam.cases import selectors as case_selectors
from wijkteam.cases.models import Case, ClientSystemMember, Goal, HelpRequest
from wijkteam.households.age import is_minor_on
from wijkteam.households.models import Person
from wijkteam.reference.models import LifeDomain
from wijkteam.teams.models import Team
from wijkteam.teams.selectors import team_ids_led_by

PURPOSE = "case work"
CATEGORY = "self-reliance assessment"


# ------------------------------------------------------------------------------------------ instruments
def instrument_list(*, active_only: bool = False) -> QuerySet[Instrument]:
    """Instruments with their domains and scale labels (three queries)."""
    instruments = Instrument.objects.prefetch_related(
        Prefetch("domains", queryset=InstrumentDomain.objects.select_related("life_domain")),
        "scale_labels",
    ).order_by("code")
    return instruments.filter(is_active=True) if active_only else instruments


def team_setting(*, team_id: int, instrument: Instrument | None = None) -> TeamInstrumentSetting | None:
    """The team's setting of this instrument (or of the first active one it uses), if it uses it."""
    settings = TeamInstrumentSetting.objects.filter(team_id=team_id, in_use=True, instrument__is_active=True)
    if instrument is not None:
        settings = settings.filter(instrument=instrument)
    return settings.select_related("instrument").order_by("instrument__code").first()


def team_settings(*, team: Team) -> dict[int, TeamInstrumentSetting]:
    """The team's settings per instrument id."""
    return {s.instrument_id: s for s in TeamInstrumentSetting.objects.filter(team=team)}


def teams_for_settings(*, user: User) -> QuerySet[Team]:
    """Teams whose instruments the user may choose: all for a functional administrator, else those they lead."""
    teams = Team.objects.order_by("name")
    if user.can("manage_reference_data"):
        return teams
    return teams.filter(pk__in=team_ids_led_by(user=user))


# ---------------------------------------------------------------------------------- scoring a case
def touched_domain_codes(case: Case) -> frozenset[str]:
    """Codes of the life domains the help request or the plan's goals touch (one query)."""
    request_domains = HelpRequest.life_domains.through.objects.filter(helprequest_id=case.help_request_id).values(
        "lifedomain_id"
    )
    goal_domains = Goal.objects.filter(plan__case_id=case.pk).values("life_domain_id")
    return frozenset(
        LifeDomain.objects.filter(Q(pk__in=request_domains) | Q(pk__in=goal_domains)).values_list("code", flat=True)
    )


def scoring_frame(*, case: Case, instrument: Instrument, justice_enabled: bool) -> scoring.ScoringFrame:
    domains = tuple(
        scoring.Domain(d.life_domain.code, d.life_domain.name, d.life_domain.is_criminal_data)
        for d in InstrumentDomain.objects.filter(instrument=instrument).select_related("life_domain")
    )
    return scoring.ScoringFrame(
        scale_min=instrument.scale_min,
        scale_max=instrument.scale_max,
        instrument_domains=domains,
        touched_codes=touched_domain_codes(case),
        justice_enabled=justice_enabled,
    )


def adults_of(case: Case, on: date | None = None) -> list[Person]:
    """The adults (18+ on `on`) in the case's client system: the persons who may be assessed."""
    on = on or timezone.localdate()
    persons = Person.objects.filter(client_systems__case=case).order_by("birth_date", "id")
    return [p for p in persons if is_minor_on(p.birth_date, on) is False]


# ---------------------------------------------------------------------------------- progress on a case
@dataclass
class DomainProgress:
    domain: LifeDomain
    scores: dict[int, int]  # assessment id -> score
    change: scoring.Change | None


@dataclass
class PersonProgress:
    person: Person
    assessments: list[Assessment]
    domains: list[DomainProgress]
    points: list[dict[str, Any]] = field(default_factory=list)  # the chart's data


@dataclass
class CaseProgress:
    instrument: Instrument | None
    labels: list[ScaleLabel]
    persons: list[PersonProgress]


def case_progress(view: Any) -> CaseProgress:
    """Scores over time per person and scored domain, with the change since the first assessment.

    For a case whose content the user sees (the case page has logged the access). A fixed number of
    queries, whatever the number of assessments.
    """
    if not view.has_content:
        return CaseProgress(None, [], [])
    assessments = list(
        Assessment.objects.filter(case=view.case)
        .select_related("person", "instrument")
        .prefetch_related(Prefetch("scores", queryset=DomainScore.objects.select_related("life_domain")))
        .order_by("person__birth_date", "person_id", "assessed_on", "id")
    )
    instrument = assessments[0].instrument if assessments else None
    labels = list(ScaleLabel.objects.filter(instrument=instrument)) if instrument else []
    by_person: dict[int, list[Assessment]] = defaultdict(list)
    for assessment in assessments:
        by_person[assessment.person_id].append(assessment)
    persons = []
    for rows in by_person.values():
        series: dict[int, list[tuple[date, int, str]]] = defaultdict(list)
        domains: dict[int, LifeDomain] = {}
        scores: dict[int, dict[int, int]] = defaultdict(dict)
        points = []
        for assessment in rows:
            for score in assessment.scores.all():
                domains[score.life_domain_id] = score.life_domain
                series[score.life_domain_id].append((assessment.assessed_on, score.score, assessment.moment))
                scores[score.life_domain_id][assessment.pk] = score.score
                points.append(
                    {
                        "date": assessment.assessed_on.isoformat(),
                        "score": score.score,
                        "domain": score.life_domain.name,
                        "moment": assessment.get_moment_display(),
                    }
                )
        ordered = sorted(domains.values(), key=lambda d: (d.order, d.code))
        persons.append(
            PersonProgress(
                person=rows[0].person,
                assessments=rows,
                domains=[DomainProgress(d, scores[d.pk], scoring.change_since_first(series[d.pk])) for d in ordered],
                points=points,
            )
        )
    return CaseProgress(instrument, labels, persons)


def goal_ratings_by_goal(goals: Iterable[Goal]) -> dict[int, list[GoalRating]]:
    """The ratings of these goals (one query), oldest first."""
    ratings: dict[int, list[GoalRating]] = defaultdict(list)
    for rating in GoalRating.objects.filter(goal__in=list(goals)).order_by("rated_on", "id"):
        ratings[rating.goal_id].append(rating)
    return ratings


def goal_for_case(*, view: Any, goal_id: int) -> Goal:
    """A goal of the case's plan; 404 otherwise."""
    goal = Goal.objects.filter(pk=goal_id, plan__case=view.case).select_related("life_domain").first()
    if goal is None or not view.has_content:
        raise Http404
    return goal


# ------------------------------------------------------------------------------------------- the API
def assessment_list_for_user(*, user: User) -> QuerySet[Assessment]:
    """Assessments in the cases whose content the user may see (the need-to-know rule of `cases`)."""
    return (
        Assessment.objects.filter(case_id__in=case_selectors.content_case_ids(user))
        .select_related("instrument", "assessed_by")
        .prefetch_related(Prefetch("scores", queryset=DomainScore.objects.select_related("life_domain")))
        .order_by("-assessed_on", "-id")
    )


def assessments_log_listed(
    *, user: User, assessments: Iterable[Assessment], request: Any = None, action: str = AccessAction.LIST
) -> None:
    """Log the persons whose assessments were shown (one insert)."""
    persons: dict[int, list[int]] = defaultdict(list)
    for assessment in assessments:
        persons[assessment.case_id].append(assessment.person_id)
    case_selectors.case_persons_access_record(
        user=user, persons_by_case=persons, action=action, category=CATEGORY, request=request, purpose=PURPOSE
    )


def assessment_get_for_user(*, user: User, assessment_id: int, request: Any = None) -> Assessment:
    assessment = assessment_list_for_user(user=user).filter(pk=assessment_id).first()
    if assessment is None:
        raise Http404
    assessments_log_listed(user=user, assessments=[assessment], request=request, action=AccessAction.VIEW)
    return assessment


def client_system_ids(case: Case) -> set[int]:
    return set(ClientSystemMember.objects.filter(case=case).values_list("person_id", flat=True))
