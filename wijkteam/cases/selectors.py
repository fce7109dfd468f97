"""Access-checked reads of cases, households and persons. Every read of person-level data goes through
here: it applies the need-to-know rule as SQL filters, records the access (NEN 7513) and answers 404
alike for "missing" and "not yours".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.http import Http404
from django.utils import timezone

from wijkteam.access.access_log import AccessRow, access_record, access_record_rows
from wijkteam.access.models import AccessAction, AuditEvent, EmergencyAccess, User
from wijkteam.cases import lifecycle, need_to_know
from wijkteam.cases.models import (
    Action,
    Case,
    CaseConference,
    ChildProtectionMeasure,
    ClientSystemMember,
    ContactMoment,
    ContentAccessGrant,
    CoordinatorChange,
    Goal,
    HelpRequest,
    Involvement,
    Plan,
    PlanVersion,
    SafetyAssessment,
    SharingAgreement,
    ShortContact,
    Signal,
)
from wijkteam.households.matching import REASONS
from wijkteam.households.models import Address, Household, Person, Relation, Residence
from wijkteam.households.names import family_name_key_from_text
from wijkteam.households.querysets import IntakeCandidate
from wijkteam.reference.models import LifeDomain
from wijkteam.teams import selectors as teams_selectors
from wijkteam.teams.models import Membership, MembershipKind, Organisation, OrganisationKind, Team
from wijkteam.teams.suggestion import Suggestion

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
    legal_basis: str = "",
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
        legal_basis=legal_basis,
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
    via_sharing: bool = False  # the user sees the content as a partner, on a sharing agreement

    @property
    def legal_basis_label(self) -> str:
        """What the access rests on, for the access log: the case's law, and the sharing agreement."""
        basis = self.case.legal_basis.abbreviation if self.case.legal_basis_id else ""
        return f"{basis}; sharing agreement" if self.via_sharing else basis


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
    if all(hasattr(case, "card_members") for case in cases):
        # The index cards of the page are loaded already (case_index_cards): no second query.
        ids = [member.person_id for case in cases for member in case.card_members]
    else:
        ids = list(
            ClientSystemMember.objects.filter(case__in=[c.pk for c in cases]).values_list("person_id", flat=True)
        )
    _log(user, ids, AccessAction.LIST, PURPOSE_CASE_WORK, request, "index card")


def _case_view(*, user: User, case_id: int) -> CaseView:
    """The case as `user` may see it, without logging (callers log what they show); 404 if invisible."""
    case = (
        Case.objects.filter(pk=case_id)
        .filter(need_to_know.case_index_q(user.pk))
        .annotate(has_content=ExpressionWrapper(need_to_know.case_content_q(user.pk), output_field=BooleanField()))
        .select_related("household", "coordinator", "team", "help_request", "care_level", "legal_basis")
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
    today = timezone.localdate()
    involvement = (
        Involvement.objects.filter(case=case, user=user, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .values_list("rests_on_sharing", flat=True)
        .first()
    )
    is_involved = involvement is not None
    view = CaseView(
        case=case,
        has_content=bool(case.has_content),
        is_coordinator=is_coordinator,
        is_involved=is_involved,
        may_open_with_reason=not case.has_content and need_to_know.may_open_with_reason(user_id=user.pk, case=case),
        organisation_ids=user_organisation_ids(user),
        via_sharing=bool(involvement) and not is_coordinator,
    )
    return view


def _person_ids(case: Case) -> list[int]:
    return [member.person_id for member in case.client_system.all()]


def _is_emergency(user: User, view: CaseView) -> bool:
    """Whether the user sees the content only through an emergency grant (logged as such)."""
    return (
        view.has_content
        and not view.is_coordinator
        and not view.is_involved
        and need_to_know.has_emergency_access(user_id=user.pk, case_id=view.case.pk)
    )


def case_get_for_user(*, user: User, case_id: int, request: Any = None, purpose: str = PURPOSE_CASE_WORK) -> CaseView:
    """One case with what the user may see of it; 404 if the user may not see it at all."""
    view = _case_view(user=user, case_id=case_id)
    emergency = _is_emergency(user, view)
    _log(
        user,
        _person_ids(view.case),
        AccessAction.EMERGENCY if emergency else AccessAction.VIEW,
        purpose,
        request,
        "case content" if view.has_content else "index card",
        emergency=emergency,
        legal_basis=view.legal_basis_label,
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
    # The same actions as `my_actions` lists, so a count and the list it links to agree.
    my_actions = (
        Action.objects.filter(status=Action.Status.OPEN)
        .filter(Q(assignee_id=user.pk) | Q(plan__case__coordinator_id=user.pk))
        .exclude(plan__case__status="closed")
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


# --- the front door: intake matching, person search, short contacts, signals, my actions ----------

PURPOSE_SIGNAL = "signal triage"
PURPOSE_ACTIONS = "assigned actions"
VOLUNTEER_DONE_DAYS = 30


def _region_model() -> Any:
    # cases may not import neighbourhoods (import contract): the region model is reached through the team.
    return Team._meta.get_field("municipality").related_model


@dataclass(frozen=True)
class OtherFile:
    """A file on a household that the user may not open: only which team holds it and whom to contact."""

    team_name: str
    coordinator_names: tuple[str, ...]
    team_lead_names: tuple[str, ...]


@dataclass
class HouseholdFiles:
    """What the front door may show of a household's files: index cards of the cases the user may see,
    open requests to the user's teams, and of every other file only the team and whom to contact."""

    cases: list[Case] = field(default_factory=list)
    open_requests: list[HelpRequest] = field(default_factory=list)
    other_files: list[OtherFile] = field(default_factory=list)
    reentry_months: int | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.cases or self.open_requests or self.other_files)


def _team_lead_names(team_ids: set[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    if not team_ids:
        return names
    leads = (
        Membership.objects.active()
        .filter(team_id__in=team_ids, kind=MembershipKind.TEAM_LEAD)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user_id")
    )
    for lead in leads:
        names.setdefault(lead.team_id, []).append(str(lead.user))
    return names


def household_files_for_user(
    *, user: User, household_ids: Collection[int], today: date | None = None
) -> dict[int, HouseholdFiles]:
    """Files per household as far as the user may see them, in four queries whatever the number of
    households. Never case content: other teams' files give only team, coordinator and team lead."""
    today = today or timezone.localdate()
    ids = set(household_ids)
    files = {household_id: HouseholdFiles() for household_id in ids}
    if not ids:
        return files
    my_team_ids = set(need_to_know.team_ids_with_index_access(user.pk).values_list("team_id", flat=True))
    cases = (
        Case.objects.filter(household_id__in=ids)
        .annotate(visible=ExpressionWrapper(need_to_know.case_index_q(user.pk), output_field=BooleanField()))
        .select_related("team", "coordinator")
        .order_by("-opened_on", "-id")
    )
    hidden: dict[int, dict[int, tuple[str, list[str]]]] = {}
    closures: dict[int, list[date | None]] = {}
    for case in cases:
        if case.visible:
            files[case.household_id].cases.append(case)
            closures.setdefault(case.household_id, []).append(case.closed_on)
            continue
        _name, coordinators = hidden.setdefault(case.household_id, {}).setdefault(case.team_id, (case.team.name, []))
        if case.coordinator is not None and str(case.coordinator) not in coordinators:
            coordinators.append(str(case.coordinator))
    requests = (
        HelpRequest.objects.filter(household_id__in=ids, status=HelpRequest.Status.OPEN)
        .select_related("team")
        .order_by("-received_on", "-id")
    )
    for help_request in requests:
        if help_request.team_id in my_team_ids:
            files[help_request.household_id].open_requests.append(help_request)
        else:
            hidden.setdefault(help_request.household_id, {}).setdefault(
                help_request.team_id, (help_request.team.name, [])
            )
    leads = _team_lead_names({team_id for teams in hidden.values() for team_id in teams})
    for household_id, teams in hidden.items():
        files[household_id].other_files = [
            OtherFile(team_name=name, coordinator_names=tuple(names), team_lead_names=tuple(leads.get(team_id, [])))
            for team_id, (name, names) in teams.items()
        ]
    for household_id, closed in closures.items():
        files[household_id].reentry_months = lifecycle.reentry_months_ago(on=today, earlier_closures=closed)
    return files


@dataclass
class IntakeMatch:
    """A household (or a person without one) found at intake, as far as the user may see it: for a
    household the user may see, the matched persons; for any other only why it matched and its files'
    teams and contacts."""

    household_id: int | None
    visible: bool
    reasons: tuple[str, ...]
    candidates: list[IntakeCandidate]
    household: Household | None
    files: HouseholdFiles

    @property
    def may_continue(self) -> bool:
        return self.household_id is not None


def intake_match_for_user(
    *,
    user: User,
    team: Team,
    bsn: str | None = None,
    family_name: str | None = None,
    birth_date: date | None = None,
    postcode: str | None = None,
    house_number: int | str | None = None,
    house_letter: str = "",
    addition: str = "",
    request: Any = None,
) -> list[IntakeMatch]:
    """Who a new help request may be about, searched over the whole municipality of `team` (one front
    door): a BSN exactly, a family name with birth date, or an address. Where the user may see the
    household: the matched persons and index cards of its cases; otherwise only that a file exists, at
    which team and whom to contact — never names or case content. Every candidate is logged with
    purpose "intake". Raises ValidationError (keyed bsn/postcode/house_number) on invalid input."""
    candidates = Person.objects.intake_candidates(
        municipality=team.municipality,
        bsn=bsn,
        family_name=family_name,
        birth_date=birth_date,
        postcode=postcode,
        house_number=house_number,
        house_letter=house_letter,
        addition=addition,
    )
    if not candidates:
        return []
    groups: dict[Any, list[IntakeCandidate]] = {}
    for candidate in candidates:
        person = candidate.person
        groups.setdefault(person.household_id or f"person-{person.pk}", []).append(candidate)
    household_ids = {c.person.household_id for c in candidates if c.person.household_id is not None}
    visible_ids = households_visible_ids(user=user, household_ids=household_ids)
    files = household_files_for_user(user=user, household_ids=household_ids)
    matches = []
    for group in groups.values():
        household_id = group[0].person.household_id
        visible = household_id in visible_ids
        matches.append(
            IntakeMatch(
                household_id=household_id,
                visible=visible,
                reasons=tuple(reason for reason in REASONS if any(reason in c.reasons for c in group)),
                candidates=group if visible else [],
                household=group[0].person.household if visible else None,
                files=files[household_id] if household_id is not None else HouseholdFiles(),
            )
        )
    _log(user, [c.person.pk for c in candidates], AccessAction.INTAKE_MATCH, PURPOSE_INTAKE, request, "master data")
    return matches


@dataclass
class IntakeHousehold:
    """A household to continue an intake with: master data (members, address) and its files as far as
    the user may see them."""

    household: Household
    visible: bool
    members: list[Person]
    address: Address | None
    files: HouseholdFiles


def intake_household_for_user(
    *, user: User, household_id: int, matched_ids: Collection[int] = (), request: Any = None
) -> IntakeHousehold:
    """A household the user may see, or one found by matching during this intake (`matched_ids`, kept
    by the view): then master data only (names, address), never case content. 404 for anything else.
    Logged as a view of the members with purpose "intake"."""
    household = Household.objects.filter(pk=household_id).first()
    if household is None:
        raise Http404
    visible = Household.objects.filter(pk=household_id).filter(households_visible_q(user.pk)).exists()
    if not visible and household_id not in set(matched_ids):
        raise Http404
    members = list(
        Person.objects.filter(household=household)
        .with_current_residence()
        .order_by(F("birth_date").asc(nulls_last=True), "id")
    )
    address = next((m.current_residence.address for m in members if m.current_residence), None)
    files = household_files_for_user(user=user, household_ids=[household_id])[household_id]
    _log(user, [m.pk for m in members], AccessAction.VIEW, PURPOSE_INTAKE, request, "master data")
    return IntakeHousehold(household=household, visible=visible, members=members, address=address, files=files)


def _household_visible(user_id: int, household_ref: str) -> Q:
    """The household (an outer reference) has a case the user may see, or a help request to their team."""
    cases = Case.objects.filter(household_id=OuterRef(household_ref)).filter(need_to_know.case_index_q(user_id))
    requests = HelpRequest.objects.filter(
        household_id=OuterRef(household_ref), team_id__in=need_to_know.team_ids_with_index_access(user_id)
    )
    return Q(Exists(cases)) | Q(Exists(requests))


def persons_visible_q(user_id: int) -> Q:
    """Persons whose master data the user may see: members of households the user may see, persons with
    an open relation to a member of such a household, and the client system of cases the user may see.

    Checked per person with EXISTS on indexes (household, client system, relation), so a search first finds
    its few matches and then checks them, instead of computing everything the user may see
    (docs/benchmarks.md: 10 s → well under a second for a household search at scale M)."""
    relations = Relation.objects.open()
    in_client_system = Case.objects.filter(client_system__person_id=OuterRef("pk")).filter(
        need_to_know.case_index_q(user_id)
    )
    return (
        _household_visible(user_id, "household_id")
        | Q(Exists(in_client_system))
        | Q(
            Exists(
                relations.filter(from_person_id=OuterRef("pk")).filter(
                    _household_visible(user_id, "to_person__household_id")
                )
            )
        )
        | Q(
            Exists(
                relations.filter(to_person_id=OuterRef("pk")).filter(
                    _household_visible(user_id, "from_person__household_id")
                )
            )
        )
    )


def person_search_for_user(user: User, text: str) -> QuerySet[Person]:
    """Persons found by name, address, postcode, birth date or (exactly) BSN among those the user may
    see: one query with the visibility filter, best matches first. Paginate it, then log the page shown
    with `persons_log_found`."""
    return (
        Person.objects.search(text)
        .filter(persons_visible_q(user.pk))
        .select_related("household")
        .with_current_residence()
    )


def persons_log_found(*, user: User, persons: Iterable[Person], request: Any = None) -> None:
    """Log the persons shown as search results (one insert)."""
    _log(user, [person.pk for person in persons], AccessAction.SEARCH, PURPOSE_CASE_WORK, request, "master data")


def person_linkable_get(*, user: User, person_id: int, request: Any = None) -> Person:
    """One person the user may see, to link a record to (a short contact); 404 otherwise. Logged as a
    view of the person's master data."""
    person = Person.objects.filter(pk=person_id).filter(persons_visible_q(user.pk)).first()
    if person is None:
        raise Http404
    _log(user, [person.pk], AccessAction.VIEW, PURPOSE_CASE_WORK, request, "master data")
    return person


def household_cases_for_user(*, user: User, household_ids: Collection[int]) -> dict[int, list[Case]]:
    """Index cards of the cases the user may see, per household, newest first (one query)."""
    cases: dict[int, list[Case]] = {}
    if not household_ids:
        return cases
    for case in (
        Case.objects.filter(household_id__in=set(household_ids))
        .filter(need_to_know.case_index_q(user.pk))
        .select_related("team", "coordinator")
        .order_by("-opened_on", "-id")
    ):
        cases.setdefault(case.household_id, []).append(case)
    return cases


def short_contacts_for_user(*, user: User) -> QuerySet[ShortContact]:
    """Short contacts of the user's teams, newest first."""
    return (
        ShortContact.objects.filter(team_id__in=need_to_know.team_ids_with_index_access(user.pk))
        .select_related("team", "life_domain", "worker", "person")
        .order_by("-contacted_on", "-id")
    )


def short_contacts_log_shown(*, user: User, contacts: Iterable[ShortContact], request: Any = None) -> None:
    ids = [contact.person_id for contact in contacts if contact.person_id]
    _log(user, ids, AccessAction.LIST, PURPOSE_CASE_WORK, request, "short contact")


def signal_list_for_user(*, user: User, status: str | None = None, team_id: int | None = None) -> QuerySet[Signal]:
    """Signals of the user's teams: new ones first, then the newest."""
    signals = signals_for_user(user=user, status=status or None)
    if team_id:
        signals = signals.filter(team_id=team_id)
    is_new = ExpressionWrapper(Q(status=Signal.Status.NEW), output_field=BooleanField())
    return signals.order_by(is_new.desc(), "-received_on", "-id")


def signal_counts_for_user(*, user: User) -> QuerySet[Team]:
    """The user's teams with their signals counted by status (`new`, `short_contact`, `case`, `closed`,
    `total`), in one query."""
    counts = {
        status: Count("signals", filter=Q(signals__status=status))
        for status in ("new", "short_contact", "case", "closed")
    }
    return teams_of_user(user=user).annotate(total=Count("signals"), **counts)


def signal_get_for_triage(*, user: User, signal_id: int, request: Any = None) -> Signal:
    """A signal of the user's teams; when it names a household, its members' access is logged."""
    signal = signal_get_for_user(user=user, signal_id=signal_id)
    if signal.household_id:
        ids = list(Person.objects.filter(household_id=signal.household_id).values_list("pk", flat=True))
        _log(user, ids, AccessAction.VIEW, PURPOSE_SIGNAL, request, "signal")
    return signal


def volunteer_actions_for_user(*, user: User, request: Any = None, today: date | None = None) -> list[Action]:
    """What a volunteer sees: the actions assigned to them in running cases (done ones for 30 days) —
    what, when, the first name of the person it concerns and the coordinator to call; never the case.
    Logged when a person is named."""
    today = today or timezone.localdate()
    actions = list(
        actions_for_volunteer(user=user)
        .exclude(plan__case__status="closed")
        .exclude(status=Action.Status.DONE, done_on__lt=today - timedelta(days=VOLUNTEER_DONE_DAYS))
        .select_related("person", "plan__case__coordinator")
    )
    _log(user, [a.person_id for a in actions if a.person_id], AccessAction.LIST, PURPOSE_ACTIONS, request, "first name")
    return actions


def my_actions_due(*, user: User, due: str = "", today: date | None = None) -> QuerySet[Action]:
    """`my_actions`, optionally only those due `today` or `overdue`."""
    today = today or timezone.localdate()
    actions = my_actions(user=user, today=today)
    if due == "today":
        actions = actions.filter(due_on=today)
    elif due == "overdue":
        actions = actions.filter(due_on__lt=today)
    return actions


def action_for_status_change(*, user: User, action_id: int, include_coordinated: bool) -> Action:
    """An action the user may tick off: assigned to them, or (`include_coordinated`, for workers) in the
    plan of a case they coordinate; not cancelled, not in a closed case. 404 otherwise."""
    mine = Q(assignee_id=user.pk)
    if include_coordinated:
        mine |= Q(plan__case__coordinator_id=user.pk)
    action = (
        Action.objects.filter(mine, pk=action_id)
        .exclude(status=Action.Status.CANCELLED)
        .exclude(plan__case__status="closed")
        .select_related("person", "plan__case__household", "plan__case__coordinator")
        .first()
    )
    if action is None:
        raise Http404
    return action


def neighbourhood_choices(*, municipality: Any) -> list[tuple[str, list[tuple[int, str]]]]:
    """The municipality's neighbourhoods grouped by district, for a select (one query)."""
    groups: dict[str, list[tuple[int, str]]] = {}
    neighbourhoods = (
        _region_model()
        .objects.filter(municipality=municipality, level="neighbourhood")
        .select_related("parent")
        .order_by("parent__code", "name")
    )
    for region in neighbourhoods:
        district = region.parent.display_name if region.parent_id else ""
        groups.setdefault(district, []).append((region.pk, region.name))
    return list(groups.items())


def district_choices(*, municipality: Any) -> list[tuple[int, str]]:
    districts = _region_model().objects.filter(municipality=municipality, level="district").order_by("code")
    return [(region.pk, region.display_name) for region in districts]


def neighbourhood_get(*, municipality: Any, neighbourhood_id: int) -> Any:
    """A neighbourhood of the municipality, or None."""
    return _region_model().objects.filter(pk=neighbourhood_id, municipality=municipality, level="neighbourhood").first()


@dataclass(frozen=True)
class AddressHint:
    neighbourhood_id: int
    street: str
    city: str


def address_hint_for_postcode(*, municipality: Any, postcode: str) -> AddressHint | None:
    """The neighbourhood, street and city that most known addresses with this postcode have, to
    preselect them (a postcode lies in one street and neighbourhood, almost always)."""
    row = (
        Address.objects.filter(municipality=municipality, postcode=postcode, neighbourhood__isnull=False)
        .values("neighbourhood_id", "street", "city")
        .annotate(count=Count("id"))
        .order_by("-count", "neighbourhood_id")
        .first()
    )
    return AddressHint(row["neighbourhood_id"], row["street"], row["city"]) if row else None


def follow_ups_due_for_user(*, user: User, today: date | None = None) -> QuerySet[Case]:
    """Closed cases the user coordinated whose light follow-up (check-in) is due."""
    return (
        Case.objects.coordinated_by(user.pk)
        .follow_up_due(today or timezone.localdate())
        .select_related("household", "team", "coordinator")
        .order_by("follow_up_on", "id")
    )


def cases_waiting_for_coordinator(*, user: User) -> QuerySet[Case]:
    """Open cases of the user's teams that have no coordinator yet (for the team lead to assign)."""
    return (
        Case.objects.open()
        .filter(team_id__in=need_to_know.team_ids_with_index_access(user.pk), coordinator__isnull=True)
        .select_related("household", "team", "coordinator")
        .order_by("opened_on", "id")
    )


def intake_possible_duplicates(*, municipality: Any, persons: Iterable[tuple[str, date | None]]) -> int:
    """How many registered persons of the municipality have one of these family names with the same
    birth date: a warning before registering a new household. Shows and logs no one."""
    condition = Q()
    for family_name, birth_date in persons:
        key = family_name_key_from_text(family_name)
        if key and birth_date:
            condition |= Q(family_name_key=key, birth_date=birth_date)
    if not condition:
        return 0
    return Person.objects.filter(condition, municipality=municipality).count()


def households_visible_ids(*, user: User, household_ids: Collection[int]) -> set[int]:
    """Which of these households the user may see (one query)."""
    if not household_ids:
        return set()
    visible = Household.objects.filter(pk__in=set(household_ids)).filter(households_visible_q(user.pk))
    return set(visible.values_list("pk", flat=True))


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


# --- the worker's case pages ----------------------------------------------------------------------

PURPOSE_PRINT = "plan for the household"
PURPOSE_SAFETY = "safety assessment (Meldcode)"
# Roles whose users can be joined to a case as an involved professional.
INVOLVABLE_ROLES = ("partner", "generalist", "team_lead", "wmo_consultant")


def household_addresses(household_ids: Iterable[int]) -> dict[int, Address]:
    """The current address of each household (its members' open residences), in one query."""
    residences = (
        Residence.objects.open()
        .filter(household_id__in=set(household_ids))
        .select_related("address__neighbourhood__parent")
        .order_by("household_id", "-valid_from", "-id")
    )
    addresses: dict[int, Address] = {}
    for residence in residences:
        addresses.setdefault(residence.household_id, residence.address)
    return addresses


def case_index_cards(cases: Sequence[Case]) -> None:
    """Attach what an index card shows to each case of a page: `card_members` (the client system with
    roles, oldest first) and `card_address`. Two queries, whatever the number of cases."""
    cases = list(cases)
    prefetch_related_objects(
        cases,
        Prefetch(
            "client_system",
            queryset=ClientSystemMember.objects.select_related("person").order_by(
                F("person__birth_date").asc(nulls_last=True), "person_id"
            ),
            to_attr="card_members",
        ),
    )
    addresses = household_addresses(case.household_id for case in cases)
    for case in cases:
        case.card_address = addresses.get(case.household_id)


def case_address(view: CaseView) -> Address | None:
    return household_addresses([view.case.household_id]).get(view.case.household_id)


def may_direct(view: CaseView, user: User) -> bool:
    """Who directs a case: its coordinator and the team lead of its team (stages, agreeing the plan,
    closing, involvements, handing over)."""
    if view.is_coordinator:
        return True
    return need_to_know.led_team_ids(user.pk).filter(team_id=view.case.team_id).exists()


def case_plan(view: CaseView) -> Plan | None:
    """The case's plan with its goals, actions and agreed versions (content only)."""
    if not view.has_content:
        return None
    return (
        Plan.objects.filter(case=view.case)
        .select_related("updated_by")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.select_related("life_domain")),
            Prefetch("actions", queryset=Action.objects.select_related("goal", "assignee", "organisation", "person")),
            Prefetch("versions", queryset=PlanVersion.objects.select_related("created_by").defer("snapshot")),
        )
        .first()
    )


def plan_version_get(*, view: CaseView, version: int) -> PlanVersion:
    """One agreed version of the case's plan (its snapshot); 404 if there is none."""
    found = (
        PlanVersion.objects.filter(plan__case=view.case, version=version).select_related("created_by").first()
        if view.has_content
        else None
    )
    if found is None:
        raise Http404
    return found


@dataclass
class PlanForPrint:
    view: CaseView
    plan: Plan | None
    address: Address | None
    directors: list[ChildProtectionMeasure]


def plan_for_print(*, user: User, case_id: int, request: Any = None) -> PlanForPrint:
    """The plan as printed for the household; logged as a print (NEN 7513) of everyone in the client system."""
    view = _case_view(user=user, case_id=case_id)
    if not view.has_content:
        raise Http404
    _log(
        user,
        _person_ids(view.case),
        AccessAction.PRINT,
        PURPOSE_PRINT,
        request,
        "plan",
        emergency=_is_emergency(user, view),
    )
    return PlanForPrint(
        view=view, plan=case_plan(view), address=case_address(view), directors=child_plan_directors(view)
    )


def _in_case_or_404(queryset: QuerySet, view: CaseView, pk: int, case_path: str) -> Any:
    found = queryset.filter(pk=pk, **{case_path: view.case}).first() if view.has_content else None
    if found is None:
        raise Http404
    return found


def goal_get(*, view: CaseView, goal_id: int) -> Goal:
    return _in_case_or_404(Goal.objects.select_related("life_domain", "plan"), view, goal_id, "plan__case")


def action_get(*, view: CaseView, action_id: int) -> Action:
    queryset = Action.objects.select_related("plan", "goal", "assignee", "organisation", "person")
    return _in_case_or_404(queryset, view, action_id, "plan__case")


def involvement_get(*, view: CaseView, involvement_id: int) -> Involvement:
    return _in_case_or_404(Involvement.objects.select_related("user", "organisation"), view, involvement_id, "case")


def sharing_agreement_get(*, view: CaseView, agreement_id: int) -> SharingAgreement:
    return _in_case_or_404(SharingAgreement.objects.select_related("recipient", "case"), view, agreement_id, "case")


def sharing_agreements_for(view: CaseView) -> list[SharingAgreement]:
    """The case's sharing agreements, those in force first (content only; one query)."""
    if not view.has_content:
        return []
    return list(
        SharingAgreement.objects.filter(case=view.case)
        .select_related("person", "recipient", "recorded_by", "withdrawn_by")
        .order_by(F("withdrawn_on").desc(nulls_first=True), "-agreed_on", "-id")
    )


def sharing_recipients(case: Case) -> QuerySet[Organisation]:
    """Partner organisations data can be shared with: the municipality's other active organisations."""
    return organisations_for(case).exclude(kind=OrganisationKind.MUNICIPALITY)


def protection_measure_get(*, view: CaseView, measure_id: int) -> ChildProtectionMeasure:
    return _in_case_or_404(ChildProtectionMeasure.objects.select_related("child"), view, measure_id, "case")


def _running(queryset: QuerySet, on: date | None = None) -> QuerySet:
    day = on or timezone.localdate()
    return queryset.filter(start_date__lte=day).filter(Q(end_date__isnull=True) | Q(end_date__gte=day))


def involvements_for(view: CaseView) -> QuerySet[Involvement]:
    """Everyone who is or was involved in the case, running involvements first."""
    return view.case.involvements.select_related("user", "organisation").order_by(
        F("end_date").desc(nulls_first=True), "start_date", "id"
    )


def conferences_for(view: CaseView) -> QuerySet[CaseConference]:
    if not view.has_content:
        return CaseConference.objects.none()
    return (
        view.case.conferences.select_related("recorded_by")
        .prefetch_related("participants", Prefetch("actions", queryset=Action.objects.order_by("id")))
        .order_by("-held_on", "-id")
    )


def coordinator_candidates(case: Case) -> QuerySet[User]:
    """Who may coordinate the case: the running generalists and specialists of its team, least loaded
    first, each with `open_cases` (open cases they coordinate). The ranked suggestion with reasons is
    `coordinator_suggestions`."""
    member_ids = (
        Membership.objects.active()
        .filter(team_id=case.team_id, kind__in=[MembershipKind.GENERALIST, MembershipKind.SPECIALIST])
        .values("user_id")
    )
    return (
        User.objects.filter(pk__in=member_ids, is_active=True)
        .annotate(open_cases=Count("coordinated_cases", filter=~Q(coordinated_cases__status="closed")))
        .order_by("open_cases", "last_name", "first_name", "username")
    )


def assignee_choices(case: Case) -> QuerySet[User]:
    """Who can be given an action: the running members of the case's team (volunteers included) and
    the workers involved in the case."""
    members = Membership.objects.active().filter(team_id=case.team_id).values("user_id")
    involved = _running(Involvement.objects.filter(case=case)).values("user_id")
    return User.objects.filter(Q(pk__in=members) | Q(pk__in=involved), is_active=True).order_by(
        "last_name", "first_name", "username"
    )


def conference_participant_choices(case: Case) -> QuerySet[User]:
    """Who can take part in a case conference: the team's workers (not volunteers) and the involved workers."""
    members = (
        Membership.objects.active()
        .filter(team_id=case.team_id, kind__in=need_to_know.INDEX_CARD_KINDS)
        .values("user_id")
    )
    involved = _running(Involvement.objects.filter(case=case)).values("user_id")
    return User.objects.filter(Q(pk__in=members) | Q(pk__in=involved), is_active=True).order_by(
        "last_name", "first_name", "username"
    )


def involvement_candidates(case: Case) -> QuerySet[User]:
    """Professionals who can be joined to the case (not already involved)."""
    involved = _running(Involvement.objects.filter(case=case)).values("user_id")
    return (
        User.objects.filter(is_active=True, groups__name__in=INVOLVABLE_ROLES)
        .exclude(pk__in=involved)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def organisations_for(case: Case) -> QuerySet[Organisation]:
    return Organisation.objects.filter(municipality_id=case.municipality_id, is_active=True).order_by("name")


def youth_protection_institutions(case: Case) -> QuerySet[Organisation]:
    """The certified institutions (GI) of the case's municipality."""
    return organisations_for(case).filter(kind=OrganisationKind.YOUTH_PROTECTION)


def life_domains_for(case: Case) -> QuerySet[LifeDomain]:
    """Active life domains; the criminal-law domain only where the case's team has enabled it."""
    domains = LifeDomain.objects.filter(is_active=True)
    if not case.team.justice_domain_enabled:
        domains = domains.filter(is_criminal_data=False)
    return domains.order_by("order", "code")


def child_plan_directors(view: CaseView) -> list[ChildProtectionMeasure]:
    """Running child-protection measures: their GI's youth-protection worker directs that child's plan."""
    if not view.has_content:
        return []
    return list(_running(view.case.protection_measures.all()).select_related("child", "institution"))


def openings_for(view: CaseView) -> QuerySet[ContentAccessGrant]:
    """Who opened the case's content with a reason, newest first (for the coordinator and team lead to review)."""
    return view.case.access_grants.select_related("user").order_by("-granted_at")


@dataclass
class SafetySection:
    view: CaseView
    assessment: SafetyAssessment | None
    measures: list[ChildProtectionMeasure]


def safety_section_or_404(*, user: User, case_id: int, request: Any = None) -> SafetySection:
    """The restricted safety section (Meldcode steps, child-protection measures): only for the
    coordinator, the team lead and the case's safety expert; 404 for everyone else."""
    view = _case_view(user=user, case_id=case_id)
    if not may_see_safety(view, user):
        raise Http404
    emergency = _is_emergency(user, view)
    _log(
        user,
        _person_ids(view.case),
        AccessAction.EMERGENCY if emergency else AccessAction.VIEW,
        PURPOSE_SAFETY,
        request,
        "safety (Meldcode)",
        emergency=emergency,
    )
    assessment = SafetyAssessment.objects.filter(case=view.case).select_related("updated_by").first()
    measures = list(view.case.protection_measures.select_related("child", "institution").order_by("-start_date", "-id"))
    return SafetySection(view=view, assessment=assessment, measures=measures)


def last_change(obj: Any) -> AuditEvent | None:
    """The latest audit event on an object: who saved it last (shown beside a conflict)."""
    return (
        AuditEvent.objects.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk))
        .order_by("-created_at", "-id")
        .first()
    )


def client_system_persons(case: Case, *, minors_only: bool = False) -> QuerySet[Person]:
    """The persons the case concerns (for choosing participants, a household member or a child)."""
    persons = Person.objects.filter(client_systems__case=case)
    if minors_only:
        persons = persons.minors(timezone.localdate())
    return persons.order_by(F("birth_date").asc(nulls_last=True), "id")


def coordinator_changes(case: Case) -> QuerySet[CoordinatorChange]:
    return case.coordinator_changes.select_related("from_user", "to_user", "changed_by").order_by("-changed_at", "-id")


def coordinator_suggestions(view: CaseView, *, limit: int = 3) -> list[Suggestion]:
    """The team's coordinator suggestion for this case (teams.suggestion: discipline fit for the request's
    life domains, room in the caseload, knowing the household, the district), with reasons; the current
    coordinator left out. The team lead or coordinator decides."""
    address = case_address(view)
    district = address.district if address else None
    ranked = teams_selectors.coordinator_suggestions(
        team=view.case.team,
        life_domain_codes=[domain.code for domain in view.case.help_request.life_domains.all()],
        district_code=district.code if district else None,
        household_id=view.case.household_id,
        limit=None,
    )
    return [s for s in ranked if s.candidate.user_id != view.case.coordinator_id][:limit]


def case_opened_with_reason_log(*, user: User, view: CaseView, reason: str, request: Any = None) -> None:
    """Record in the access log that the user opened the case's content with a reason (the purpose),
    so the resident and the privacy officer see it beside the views that follow."""
    _log(user, _person_ids(view.case), AccessAction.OPEN_WITH_REASON, reason, request, "case content")


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


def case_persons_access_record(
    *,
    user: User,
    persons_by_case: Mapping[int, Iterable[int]],
    action: str,
    category: str,
    request: Any = None,
    purpose: str = PURPOSE_CASE_WORK,
) -> None:
    """Log a read of persons' data through the cases it belongs to (step changes, decisions, assessments),
    the way the case pages log it: each entry carries its case's legal basis (and "sharing agreement" for a
    partner), and persons read through a case the user sees only through an emergency grant are logged as
    emergency access. One query for the cases, one insert; nothing when there is nothing to log."""
    persons = {case_id: set(ids) for case_id, ids in persons_by_case.items()}
    persons = {case_id: ids for case_id, ids in persons.items() if ids}
    if not persons:
        return
    today = timezone.localdate()
    involved = Involvement.objects.filter(case_id=OuterRef("pk"), user_id=user.pk, start_date__lte=today).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )
    granted = EmergencyAccess.objects.filter(
        user_id=user.pk,
        object_type=need_to_know.CASE_OBJECT_TYPE,
        object_id=OuterRef("pk"),
        expires_at__gt=timezone.now(),
    )
    facts = (
        Case.objects.filter(pk__in=persons)
        .annotate(involved=Exists(involved), via_sharing=Exists(involved.filter(rests_on_sharing=True)))
        .annotate(granted=Exists(granted))
        .values_list("pk", "coordinator_id", "legal_basis__abbreviation", "involved", "via_sharing", "granted")
    )
    rows = []
    for case_id, coordinator_id, basis, is_involved, via_sharing, is_granted in facts:
        is_coordinator = coordinator_id == user.pk
        # As `_is_emergency`: content only through the grant (the caller read content of the case).
        emergency = bool(is_granted) and not is_coordinator and not is_involved
        label = basis or ""
        if via_sharing and not is_coordinator:
            label = f"{label}; sharing agreement"
        row_action = AccessAction.EMERGENCY if emergency else action
        rows.extend(AccessRow(pk, row_action, label, emergency) for pk in persons[case_id])
    access_record_rows(
        user=user,
        rows=rows,
        purpose=purpose,
        data_category=category,
        organisation=user_organisation_names(user),
        request=request,
    )


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
    return persons_with_identifier_visibility(persons.with_current_residence(), user)


def persons_with_identifier_visibility(persons: QuerySet[Person], user: User) -> QuerySet[Person]:
    """Annotate `identifiers_visible`: whether the user may see the person's BSN and contact details.

    Only who works with the person does: the content of a case concerning the person or their household,
    or an open help request of the household to the user's team (the intake, which needs the BSN to find
    a household). A teammate who sees only the index card sees names, not identifiers. One annotation,
    no extra query per person."""
    content_ids = content_case_ids(user)
    return persons.annotate(
        identifiers_visible=Exists(ClientSystemMember.objects.filter(person_id=OuterRef("pk"), case_id__in=content_ids))
        | Exists(Case.objects.filter(household_id=OuterRef("household_id"), pk__in=content_ids))
        | Exists(
            HelpRequest.objects.filter(
                household_id=OuterRef("household_id"),
                status=HelpRequest.Status.OPEN,
                team_id__in=need_to_know.team_ids_with_index_access(user.pk),
            )
        )
    )


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
