"""Access-checked reads of cases, households and persons. Every read of person-level data goes through
here: it applies the need-to-know rule as SQL filters, records the access (NEN 7513) and answers 404
alike for "missing" and "not yours".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from wijkteam.access.access_log import access_record
from wijkteam.access.models import AccessAction, User
from wijkteam.cases import need_to_know
from wijkteam.cases.models import (
    Action,
    Case,
    ClientSystemMember,
    ContactMoment,
    HelpRequest,
    Involvement,
    Signal,
)
from wijkteam.households.models import Household, Person
from wijkteam.teams.models import Membership, Team

PURPOSE_CASE_WORK = "case work"
PURPOSE_INTAKE = "intake"


def user_organisation_names(user: User) -> str:
    names = sorted(
        set(Membership.objects.active().filter(user=user).values_list("organisation__name", flat=True))
        | set(Involvement.objects.filter(user=user, end_date__isnull=True).values_list("organisation__name", flat=True))
    )
    return ", ".join(names)[:200]


def user_organisation_ids(user: User) -> list[int]:
    ids = set(Membership.objects.active().filter(user=user).values_list("organisation_id", flat=True))
    ids |= set(Involvement.objects.filter(user=user, end_date__isnull=True).values_list("organisation_id", flat=True))
    return sorted(ids)


def _log(
    user: User,
    person_ids: list[int],
    action: str,
    purpose: str,
    request: Any,
    category: str,
    emergency: bool = False,
) -> None:
    access_record(
        user=user,
        person_ids=person_ids,
        action=action,
        purpose=purpose,
        data_category=category,
        organisation=user_organisation_names(user),
        request=request,
        emergency=emergency,
    )


@dataclass
class CaseView:
    """A case as one user may see it: content or only the index card."""

    case: Case
    has_content: bool
    is_coordinator: bool
    is_involved: bool
    may_open_with_reason: bool
    organisation_ids: list[int] = field(default_factory=list)


def case_list_for_user(*, user: User, mine_only: bool = False, status: str | None = None) -> QuerySet[Case]:
    """Cases the user may see (content or index card), annotated with `has_content`."""
    cases = (
        Case.objects.filter(need_to_know.case_index_q(user.pk))
        .annotate(has_content=ExpressionWrapper(need_to_know.case_content_q(user.pk), output_field=BooleanField()))
        .select_related("household", "coordinator", "team")
    )
    if mine_only:
        cases = cases.filter(coordinator_id=user.pk)
    if status == "open":
        cases = cases.exclude(status="closed")
    elif status:
        cases = cases.filter(status=status)
    return cases.order_by("-opened_on", "-id")


def cases_log_listed(*, user: User, cases: list[Case], request: Any = None) -> None:
    """Log the persons whose names appear in a list of cases (one insert)."""
    ids = list(ClientSystemMember.objects.filter(case__in=[c.pk for c in cases]).values_list("person_id", flat=True))
    _log(user, ids, AccessAction.LIST, PURPOSE_CASE_WORK, request, "index card")


def case_get_for_user(*, user: User, case_id: int, request: Any = None, purpose: str = PURPOSE_CASE_WORK) -> CaseView:
    """One case with what the user may see of it; 404 if the user may not see it at all."""
    case = (
        Case.objects.filter(pk=case_id)
        .filter(need_to_know.case_index_q(user.pk))
        .annotate(has_content=ExpressionWrapper(need_to_know.case_content_q(user.pk), output_field=BooleanField()))
        .select_related("household", "coordinator", "team", "help_request", "care_level")
        .prefetch_related(
            Prefetch(
                "client_system",
                queryset=ClientSystemMember.objects.select_related("person").order_by("person__birth_date"),
            ),
        )
        .first()
    )
    if case is None:
        raise Http404
    is_coordinator = case.coordinator_id == user.pk
    is_involved = Involvement.objects.filter(case=case, user=user, end_date__isnull=True).exists()
    view = CaseView(
        case=case,
        has_content=bool(case.has_content),
        is_coordinator=is_coordinator,
        is_involved=is_involved,
        may_open_with_reason=not case.has_content and need_to_know.may_open_with_reason(user_id=user.pk, case=case),
        organisation_ids=user_organisation_ids(user),
    )
    person_ids = [member.person_id for member in case.client_system.all()]
    emergency = (
        view.has_content
        and not is_coordinator
        and not is_involved
        and need_to_know.has_emergency_access(user_id=user.pk, case_id=case.pk)
    )
    _log(
        user,
        person_ids,
        AccessAction.EMERGENCY if emergency else AccessAction.VIEW,
        purpose,
        request,
        "case content" if view.has_content else "index card",
        emergency=emergency,
    )
    return view


def case_content_or_404(*, user: User, case_id: int, request: Any = None) -> CaseView:
    """Like case_get_for_user, but for pages and writes that need the content."""
    view = case_get_for_user(user=user, case_id=case_id, request=request)
    if not view.has_content:
        raise Http404
    return view


def contact_moments_for(view: CaseView, user: User) -> QuerySet[ContactMoment]:
    if not view.has_content:
        return ContactMoment.objects.none()
    return (
        need_to_know.contact_moments_visible(
            case=view.case,
            user_id=user.pk,
            is_coordinator=view.is_coordinator,
            is_involved=view.is_involved,
            organisation_ids=view.organisation_ids,
        )
        .select_related("author", "author_organisation")
        .prefetch_related("life_domains")
    )


def may_see_safety(view: CaseView, user: User) -> bool:
    return view.has_content and need_to_know.may_see_safety(
        user_id=user.pk, case=view.case, is_coordinator=view.is_coordinator
    )


def actions_for_volunteer(*, user: User, request: Any = None) -> QuerySet[Action]:
    """A volunteer sees only the actions assigned to them, never the case file."""
    return (
        Action.objects.filter(assignee=user).exclude(status=Action.Status.CANCELLED).order_by("status", "due_on", "id")
    )


@dataclass(frozen=True)
class WorkerHome:
    my_open_cases: int
    actions_due_today: int
    actions_overdue: int
    new_signals: int
    follow_ups_due: int
    waiting_for_coordinator: int


def worker_home(*, user: User, today: date | None = None) -> WorkerHome:
    """Counts for the worker's start page, in a constant number of queries."""
    today = today or timezone.localdate()
    team_ids = need_to_know.team_ids_with_index_access(user.pk)
    my_cases = Case.objects.filter(coordinator_id=user.pk)
    my_actions = Action.objects.filter(status=Action.Status.OPEN).filter(
        Q(assignee_id=user.pk)
        | Q(plan__case__coordinator_id=user.pk, plan__case__status__in=["plan", "execution", "evaluation"])
    )
    counts = my_actions.aggregate(
        due_today=Count("id", filter=Q(due_on=today)), overdue=Count("id", filter=Q(due_on__lt=today))
    )
    return WorkerHome(
        my_open_cases=my_cases.open().count(),
        actions_due_today=counts["due_today"],
        actions_overdue=counts["overdue"],
        new_signals=Signal.objects.filter(team_id__in=team_ids, status=Signal.Status.NEW).count(),
        follow_ups_due=my_cases.follow_up_due(today).count(),
        waiting_for_coordinator=Case.objects.filter(team_id__in=team_ids, coordinator__isnull=True).open().count(),
    )


def my_actions(*, user: User, today: date | None = None) -> QuerySet[Action]:
    """Open actions assigned to the user or in the plans of cases they coordinate, due first."""
    return (
        Action.objects.filter(status=Action.Status.OPEN)
        .filter(Q(assignee_id=user.pk) | Q(plan__case__coordinator_id=user.pk))
        .exclude(plan__case__status="closed")
        .select_related("plan__case__household")
        .order_by("due_on", "id")
    )


def signals_for_user(*, user: User, status: str | None = Signal.Status.NEW) -> QuerySet[Signal]:
    signals = Signal.objects.filter(team_id__in=need_to_know.team_ids_with_index_access(user.pk)).select_related(
        "team", "district", "household"
    )
    if status:
        signals = signals.filter(status=status)
    return signals


def signal_get_for_user(*, user: User, signal_id: int) -> Signal:
    signal = signals_for_user(user=user, status=None).filter(pk=signal_id).first()
    if signal is None:
        raise Http404
    return signal


def teams_of_user(*, user: User) -> QuerySet[Team]:
    return Team.objects.filter(pk__in=need_to_know.team_ids_with_index_access(user.pk)).order_by("name")


def help_requests_visible(user: User) -> QuerySet[HelpRequest]:
    return HelpRequest.objects.filter(team_id__in=need_to_know.team_ids_with_index_access(user.pk))


def households_visible_q(user_id: int) -> Q:
    """Households the user may see master data of: in a visible case, or with a request to their team."""
    return Q(cases__in=Case.objects.filter(need_to_know.case_index_q(user_id)).values("pk")) | Q(
        help_requests__team_id__in=need_to_know.team_ids_with_index_access(user_id)
    )


def household_get_for_user(
    *, user: User, household_id: int, request: Any = None, purpose: str = PURPOSE_CASE_WORK
) -> Household:
    household = Household.objects.filter(pk=household_id).filter(households_visible_q(user.pk)).distinct().first()
    if household is None:
        raise Http404
    person_ids = list(Person.objects.filter(household=household).values_list("pk", flat=True))
    _log(user, person_ids, AccessAction.VIEW, purpose, request, "master data")
    return household
