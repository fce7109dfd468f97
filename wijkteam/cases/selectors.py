"""Access-checked reads of cases, households and persons. Every read of person-level data goes through
here: it applies the need-to-know rule as SQL filters, records the access (NEN 7513) and answers 404
alike for "missing" and "not yours".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from wijkteam.access.access_log import access_record
from wijkteam.access.models import AccessAction, EmergencyAccess, User
from wijkteam.cases import need_to_know
from wijkteam.cases.models import (
    Action,
    Case,
    CaseConference,
    ClientSystemMember,
    ContactMoment,
    Goal,
    HelpRequest,
    Involvement,
    Plan,
    ShortContact,
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


# --- Lists and details for the API: the same rule as the pages, every read logged (NEN 7513) --------
#
# A `*_list_for_user` selector gives the rows the user may see (chainable, nothing logged yet: only the
# page that is shown counts as read); `*_log_listed` logs the persons of that page in one insert; a
# `*_get_for_user` selector gives one row or 404 and logs it as viewed.

CATEGORY_MASTER_DATA = "master data"
CATEGORY_INTAKE = "intake"
CATEGORY_INDEX_CARD = "index card"
CATEGORY_CONTENT = "case content"
CATEGORY_ASSIGNED_ACTION = "assigned action"


def persons_access_record(
    *,
    user: User,
    person_ids: Iterable[int],
    action: str,
    category: str,
    request: Any = None,
    purpose: str = PURPOSE_CASE_WORK,
) -> None:
    """Log one read of these persons' data (one bulk insert, nothing when the list is empty)."""
    _log(user, list(person_ids), action, purpose, request, category)


def _emergency_case_ids(user: User, case_ids: set[int]) -> set[int]:
    """Of these cases, those the user sees only through a running emergency grant (as `case_get_for_user`
    decides it: not their coordinator, not involved)."""
    if not case_ids:
        return set()
    granted = set(
        EmergencyAccess.objects.filter(
            user=user,
            object_type=need_to_know.CASE_OBJECT_TYPE,
            object_id__in=case_ids,
            expires_at__gt=timezone.now(),
        ).values_list("object_id", flat=True)
    )
    if not granted:
        return set()
    own = Case.objects.filter(pk__in=granted).filter(
        Q(coordinator_id=user.pk) | Q(involvements__user_id=user.pk, involvements__end_date__isnull=True)
    )
    return granted - set(own.values_list("pk", flat=True))


def _record_by_case(
    *,
    user: User,
    persons_by_case: dict[int | None, list[int]],
    action: str,
    category: str,
    request: Any,
    purpose: str = PURPOSE_CASE_WORK,
) -> None:
    """Log a read of persons grouped by the case they were read through: one insert, and a second one,
    flagged as emergency access, for the persons of cases the user sees only through an emergency grant."""
    emergency = _emergency_case_ids(user, {pk for pk in persons_by_case if pk is not None})
    normal = [p for case_id, ids in persons_by_case.items() if case_id not in emergency for p in ids]
    _log(user, normal, action, purpose, request, category)
    urgent = [p for case_id, ids in persons_by_case.items() if case_id in emergency for p in ids]
    if urgent:
        _log(user, urgent, AccessAction.EMERGENCY, purpose, request, category, emergency=True)


def _client_systems(case_ids: Iterable[int]) -> dict[int | None, list[int]]:
    ids = set(case_ids)
    persons: dict[int | None, list[int]] = {pk: [] for pk in ids}
    if ids:
        for case_id, person_id in ClientSystemMember.objects.filter(case_id__in=ids).values_list(
            "case_id", "person_id"
        ):
            persons[case_id].append(person_id)
    return persons


def household_member_ids(household_ids: Iterable[int | None]) -> list[int]:
    """The current members of a set of households."""
    ids = {pk for pk in household_ids if pk is not None}
    if not ids:
        return []
    return list(Person.objects.filter(household_id__in=ids).values_list("pk", flat=True))


def content_case_ids(user: User) -> QuerySet[Case, dict[str, Any]]:
    """Ids of the cases whose content the user may see (a subquery)."""
    return Case.objects.filter(need_to_know.case_content_q(user.pk)).values("pk")


def index_case_ids(user: User) -> QuerySet[Case, dict[str, Any]]:
    """Ids of the cases the user may see at least as an index card (a subquery)."""
    return Case.objects.filter(need_to_know.case_index_q(user.pk)).values("pk")


def _get_or_404(queryset: QuerySet, pk: int) -> Any:
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


# Persons and households (master data)


def person_list_for_user(*, user: User, household_id: int | None = None, query: str = "") -> QuerySet[Person]:
    """Persons whose master data the user may see: the members of households they may see, and the
    persons in the client system of a case they may see (e.g. a parent who lives elsewhere)."""
    visible_households = Household.objects.filter(households_visible_q(user.pk)).values("pk")
    in_client_system = Exists(
        ClientSystemMember.objects.filter(person_id=OuterRef("pk"), case_id__in=index_case_ids(user))
    )
    persons = Person.objects.search(query) if query else Person.objects.order_by("family_name_key", "given_names", "id")
    persons = persons.filter(Q(household_id__in=visible_households) | Q(in_client_system))
    if household_id is not None:
        persons = persons.filter(household_id=household_id)
    return persons.with_current_residence()


def persons_log_listed(*, user: User, persons: Iterable[Person], request: Any = None, searched: bool = False) -> None:
    persons_access_record(
        user=user,
        person_ids=[p.pk for p in persons],
        action=AccessAction.SEARCH if searched else AccessAction.LIST,
        category=CATEGORY_MASTER_DATA,
        request=request,
    )


def person_get_for_user(*, user: User, person_id: int, request: Any = None) -> Person:
    person = _get_or_404(person_list_for_user(user=user), person_id)
    persons_access_record(
        user=user, person_ids=[person.pk], action=AccessAction.VIEW, category=CATEGORY_MASTER_DATA, request=request
    )
    return person


def person_may_rectify(*, user: User, person: Person) -> bool:
    """Who may correct a person's details: a worker who sees the content of a case concerning the person,
    or a member of a team with an open help request of the person's household (the intake)."""
    if not (user.can("register_intake") or user.can("view_case_content")):
        return False
    if ClientSystemMember.objects.filter(person=person, case_id__in=content_case_ids(user)).exists():
        return True
    return (
        person.household_id is not None
        and HelpRequest.objects.filter(
            household_id=person.household_id,
            status=HelpRequest.Status.OPEN,
            team_id__in=need_to_know.team_ids_with_index_access(user.pk),
        ).exists()
    )


def household_may_rectify(*, user: User, household: Household) -> bool:
    """Like `person_may_rectify`, for the household's own details (its name) and adding a member."""
    if not (user.can("register_intake") or user.can("view_case_content")):
        return False
    return (
        Case.objects.filter(household=household, pk__in=content_case_ids(user)).exists()
        or HelpRequest.objects.filter(
            household=household,
            status=HelpRequest.Status.OPEN,
            team_id__in=need_to_know.team_ids_with_index_access(user.pk),
        ).exists()
    )


def household_list_for_user(*, user: User, query: str = "") -> QuerySet[Household]:
    """Households whose master data the user may see, with their current members and address."""
    visible = Household.objects.filter(households_visible_q(user.pk)).values("pk")
    households = Household.objects.search(query) if query else Household.objects.order_by("name", "id")
    return households.filter(pk__in=visible).with_members()


def households_log_listed(
    *, user: User, households: Iterable[Household], request: Any = None, searched: bool = False
) -> None:
    persons_access_record(
        user=user,
        person_ids=[member.pk for h in households for member in getattr(h, "current_members", [])],
        action=AccessAction.SEARCH if searched else AccessAction.LIST,
        category=CATEGORY_MASTER_DATA,
        request=request,
    )


def household_detail_for_user(*, user: User, household_id: int, request: Any = None) -> Household:
    """`household_get_for_user` (which logs), with the current members and address loaded."""
    household_get_for_user(user=user, household_id=household_id, request=request)
    return Household.objects.with_members().get(pk=household_id)


# Help requests, short contacts, signals (the front door)


def help_request_list_for_user(*, user: User) -> QuerySet[HelpRequest]:
    """Requests of the user's teams that did not become a case (the intake queue and its history), and
    the requests of cases whose content the user may see: once a request is a case, its words are
    content."""
    teams = need_to_know.team_ids_with_index_access(user.pk)
    return (
        HelpRequest.objects.filter(
            (Q(team_id__in=teams) & ~Q(status=HelpRequest.Status.CASE)) | Q(case__in=content_case_ids(user))
        )
        .select_related("team", "household", "registered_by", "case")
        .prefetch_related("life_domains")
        .order_by("-received_on", "-id")
    )


def help_requests_log_listed(
    *, user: User, help_requests: Iterable[HelpRequest], request: Any = None, action: str = AccessAction.LIST
) -> None:
    """Log the households of a page of requests (from `help_request_list_for_user`, with their case)."""
    rows = list(help_requests)
    members: dict[int, list[int]] = defaultdict(list)
    households = {h.household_id for h in rows}
    if households:
        for household_id, person_id in Person.objects.filter(household_id__in=households).values_list(
            "household_id", "pk"
        ):
            members[household_id].append(person_id)
    persons_by_case: dict[int | None, list[int]] = defaultdict(list)
    for help_request in rows:
        case = getattr(help_request, "case", None)  # loaded with the request; None when it has no case
        persons_by_case[case.pk if case else None].extend(members[help_request.household_id])
    _record_by_case(
        user=user,
        persons_by_case=persons_by_case,
        action=action,
        category=CATEGORY_INTAKE,
        request=request,
        purpose=PURPOSE_INTAKE,
    )


def help_request_get_for_user(*, user: User, help_request_id: int, request: Any = None) -> HelpRequest:
    help_request = _get_or_404(help_request_list_for_user(user=user), help_request_id)
    help_requests_log_listed(user=user, help_requests=[help_request], request=request, action=AccessAction.VIEW)
    return help_request


def short_contact_list_for_user(*, user: User) -> QuerySet[ShortContact]:
    """Short contacts of the user's teams."""
    return (
        ShortContact.objects.filter(team_id__in=need_to_know.team_ids_with_index_access(user.pk))
        .select_related("team", "district", "person", "life_domain", "worker")
        .order_by("-contacted_on", "-id")
    )


def short_contacts_log_listed(
    *, user: User, short_contacts: Iterable[ShortContact], request: Any = None, action: str = AccessAction.LIST
) -> None:
    persons_access_record(
        user=user,
        person_ids=[c.person_id for c in short_contacts if c.person_id],
        action=action,
        category=CATEGORY_INTAKE,
        request=request,
        purpose=PURPOSE_INTAKE,
    )


def short_contact_get_for_user(*, user: User, short_contact_id: int, request: Any = None) -> ShortContact:
    contact = _get_or_404(short_contact_list_for_user(user=user), short_contact_id)
    short_contacts_log_listed(user=user, short_contacts=[contact], request=request, action=AccessAction.VIEW)
    return contact


def signals_log_listed(
    *, user: User, signals: Iterable[Signal], request: Any = None, action: str = AccessAction.LIST
) -> None:
    persons_access_record(
        user=user,
        person_ids=household_member_ids(s.household_id for s in signals),
        action=action,
        category=CATEGORY_INTAKE,
        request=request,
        purpose=PURPOSE_INTAKE,
    )


def signal_view_for_user(*, user: User, signal_id: int, request: Any = None) -> Signal:
    """`signal_get_for_user`, logged as viewed when the signal names a household."""
    signal = signal_get_for_user(user=user, signal_id=signal_id)
    signals_log_listed(user=user, signals=[signal], request=request, action=AccessAction.VIEW)
    return signal


# Cases and their content


def cases_log_page(*, user: User, cases: list[Case], request: Any = None) -> None:
    """Log the persons of a page of cases (one insert): as case content when any row showed content."""
    _record_by_case(
        user=user,
        persons_by_case=_client_systems(c.pk for c in cases),
        action=AccessAction.LIST,
        category=CATEGORY_CONTENT if any(getattr(c, "has_content", False) for c in cases) else CATEGORY_INDEX_CARD,
        request=request,
    )


def _content_log(user: User, case_ids: Iterable[int], action: str, request: Any) -> None:
    _record_by_case(
        user=user, persons_by_case=_client_systems(case_ids), action=action, category=CATEGORY_CONTENT, request=request
    )


def plan_list_for_user(*, user: User) -> QuerySet[Plan]:
    """Plans of the cases whose content the user may see."""
    return Plan.objects.filter(case_id__in=content_case_ids(user)).select_related("updated_by").order_by("-case_id")


def plans_log_listed(
    *, user: User, plans: Iterable[Plan], request: Any = None, action: str = AccessAction.LIST
) -> None:
    _content_log(user, (p.case_id for p in plans), action, request)


def plan_get_for_user(*, user: User, plan_id: int, request: Any = None) -> Plan:
    plan = _get_or_404(plan_list_for_user(user=user), plan_id)
    plans_log_listed(user=user, plans=[plan], request=request, action=AccessAction.VIEW)
    return plan


def goal_list_for_user(*, user: User) -> QuerySet[Goal]:
    """Goals in the plans of the cases whose content the user may see."""
    return (
        Goal.objects.filter(plan__case_id__in=content_case_ids(user))
        .select_related("plan", "life_domain")
        .order_by("plan_id", "order", "id")
    )


def goals_log_listed(
    *, user: User, goals: Iterable[Goal], request: Any = None, action: str = AccessAction.LIST
) -> None:
    _content_log(user, (g.plan.case_id for g in goals), action, request)


def goal_get_for_user(*, user: User, goal_id: int, request: Any = None) -> Goal:
    goal = _get_or_404(goal_list_for_user(user=user), goal_id)
    goals_log_listed(user=user, goals=[goal], request=request, action=AccessAction.VIEW)
    return goal


def action_list_for_user(*, user: User) -> QuerySet[Action]:
    """Actions in the plans of cases whose content the user may see, and the actions assigned to the user
    (all a volunteer sees; cancelled ones drop out of that view). `has_content` says which is which."""
    content = Q(plan__case_id__in=content_case_ids(user))
    assigned = Q(assignee_id=user.pk) & ~Q(status=Action.Status.CANCELLED)
    return (
        Action.objects.filter(content | assigned)
        .annotate(has_content=ExpressionWrapper(content, output_field=BooleanField()))
        .select_related("plan__case__household", "goal", "assignee", "organisation", "person")
        .order_by("status", "due_on", "id")
    )


def actions_log_listed(
    *, user: User, actions: list[Action], request: Any = None, action: str = AccessAction.LIST
) -> None:
    _record_by_case(
        user=user,
        persons_by_case=_client_systems(a.plan.case_id for a in actions),
        action=action,
        category=CATEGORY_CONTENT
        if any(getattr(a, "has_content", False) for a in actions)
        else CATEGORY_ASSIGNED_ACTION,
        request=request,
    )


def action_get_for_user(*, user: User, action_id: int, request: Any = None) -> Action:
    action = _get_or_404(action_list_for_user(user=user), action_id)
    actions_log_listed(user=user, actions=[action], request=request, action=AccessAction.VIEW)
    return action


def contact_moment_list_for_user(*, user: User) -> QuerySet[ContactMoment]:
    """Contact moments whose note the user may read, across cases: the rule of `contact_moments_for`."""
    visible = need_to_know.contact_moments_visible_q(user_id=user.pk, organisation_ids=user_organisation_ids(user))
    return (
        ContactMoment.objects.filter(visible)
        .select_related("author", "author_organisation")
        .prefetch_related("life_domains", "participants")
        .order_by("-occurred_on", "-id")
    )


def contact_moments_log_listed(
    *, user: User, moments: Iterable[ContactMoment], request: Any = None, action: str = AccessAction.LIST
) -> None:
    _content_log(user, (m.case_id for m in moments), action, request)


def contact_moment_get_for_user(*, user: User, moment_id: int, request: Any = None) -> ContactMoment:
    """One contact moment whose note the user may read (case content and audience), or 404."""
    moment = _get_or_404(contact_moment_list_for_user(user=user), moment_id)
    contact_moments_log_listed(user=user, moments=[moment], request=request, action=AccessAction.VIEW)
    return moment


def conference_list_for_user(*, user: User) -> QuerySet[CaseConference]:
    """Case conferences of the cases whose content the user may see."""
    return (
        CaseConference.objects.filter(case_id__in=content_case_ids(user))
        .select_related("recorded_by")
        .prefetch_related("participants", "actions")
        .order_by("-held_on", "-id")
    )


def conferences_log_listed(
    *, user: User, conferences: Iterable[CaseConference], request: Any = None, action: str = AccessAction.LIST
) -> None:
    _content_log(user, (c.case_id for c in conferences), action, request)


def conference_get_for_user(*, user: User, conference_id: int, request: Any = None) -> CaseConference:
    conference = _get_or_404(conference_list_for_user(user=user), conference_id)
    conferences_log_listed(user=user, conferences=[conference], request=request, action=AccessAction.VIEW)
    return conference
