"""Every change to the case file. Each service runs in one transaction and writes its audit event."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.access import audit
from wijkteam.access.models import User
from wijkteam.cases import legal_basis as legal_basis_rule
from wijkteam.cases import lifecycle, need_to_know
from wijkteam.cases.models import (
    Action,
    Audience,
    Case,
    CaseConference,
    CaseStatus,
    Channel,
    ChildProtectionMeasure,
    ClientSystemMember,
    ClientSystemRole,
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
    SharingGround,
    ShortContact,
    Signal,
    StatutoryGround,
    SubjectRequest,
)
from wijkteam.households import names
from wijkteam.households import services as household_services
from wijkteam.households.models import Household, Person, Residence
from wijkteam.reference.models import LegalBasis, LifeDomain
from wijkteam.teams.models import Membership, MembershipKind, Organisation, Team


class ConflictError(Exception):
    """Someone else saved this object since it was loaded; `current` is what they saved."""

    def __init__(self, current: Any, message: str) -> None:
        super().__init__(message)
        self.current = current
        self.message = message


def _life_domains(codes: Iterable[str]) -> list[LifeDomain]:
    codes = list(dict.fromkeys(codes))
    domains = list(LifeDomain.objects.filter(code__in=codes, is_active=True))
    if len(domains) != len(codes):
        raise ValidationError({"life_domains": _("Unknown life domain.")})
    return domains


def _check_member(user: User, team: Team) -> None:
    # Volunteers support a household but never direct a case.
    if not Membership.objects.active().filter(user=user, team=team).exclude(kind=MembershipKind.VOLUNTEER).exists():
        raise ValidationError({"coordinator": _("The coordinator must be a member of the case's team.")})


# --- help requests, short contacts, signals -------------------------------------------------------


@transaction.atomic
def help_request_register(
    *,
    household: Household,
    team: Team,
    received_on: date,
    channel: str,
    words: str,
    life_domain_codes: Sequence[str],
    urgency: str = "normal",
    is_wmo_report: bool = False,
    acute_unsafety: bool = False,
    insufficient_basic_care: bool = False,
    legal_basis_code: str = "",
    actor: User,
) -> HelpRequest:
    """Register a help request in the household's own words, with the life domains it touches, and the
    law under which the municipality processes it (by default from the life domains, `legal_basis.py`)."""
    if not words.strip():
        raise ValidationError({"words": _("Write down the request in the household's own words.")})
    if not life_domain_codes:
        raise ValidationError({"life_domains": _("Tick at least one life domain the request touches.")})
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date cannot be in the future.")})
    domains = _life_domains(life_domain_codes)
    basis = _legal_basis(legal_basis_code or legal_basis_rule.default_legal_basis_code(d.code for d in domains))
    help_request = HelpRequest(
        legal_basis=basis,
        municipality_id=team.municipality_id,
        team=team,
        household=household,
        received_on=received_on,
        channel=channel,
        words=words.strip(),
        urgency=urgency,
        is_wmo_report=is_wmo_report,
        acute_unsafety=acute_unsafety,
        insufficient_basic_care=insufficient_basic_care,
        registered_by=actor,
    )
    help_request.full_clean(exclude=["life_domains"])
    help_request.save()
    help_request.life_domains.set(domains)
    audit.event_record(
        actor=actor,
        action="help_request.registered",
        target=help_request,
        details={
            "channel": channel,
            "domains": sorted(d.code for d in domains),
            "wmo_report": is_wmo_report,
            "legal_basis": basis.code if basis else "",
        },
    )
    return help_request


def _legal_basis(code: str) -> LegalBasis | None:
    """The legal basis with this code; None only while reference data is not loaded (some unit tests)."""
    basis = LegalBasis.objects.filter(code=code).first()
    if basis is None and LegalBasis.objects.exists():
        raise ValidationError({"legal_basis": _("Unknown legal basis.")})
    return basis


def _prefixed(error: ValidationError, prefix: str) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {f"{prefix}.{key}": messages for key, messages in error.message_dict.items()}
    return {prefix: error.messages}


@transaction.atomic
def household_intake_register(
    *,
    team: Team,
    name: str,
    address: dict[str, Any],
    members: Sequence[dict[str, Any]],
    request: dict[str, Any],
    actor: User,
) -> HelpRequest:
    """Register a household that is new to the municipality at the front door: the household, its
    address and members (through the households services) and the help request that brings it to the
    team, in one transaction. `address` holds the arguments of `address_get_or_create`, each member
    those of `person_create`, `request` those of `help_request_register`. Errors are keyed
    `address.<field>`, `members.<n>.<field>` and `help_request.<field>`; nothing is saved then."""
    if not members:
        raise ValidationError({"members": _("Register at least one member of the household.")})
    errors: dict[str, list[str]] = {}
    household = household_services.household_create(municipality=team.municipality, name=name, actor=actor)
    try:
        home = household_services.address_get_or_create(municipality=team.municipality, actor=actor, **address)
    except ValidationError as error:
        raise ValidationError(_prefixed(error, "address")) from error
    for number, member in enumerate(members):
        try:
            with transaction.atomic():
                household_services.person_create(
                    municipality=team.municipality, household=household, address=home, actor=actor, **member
                )
        except ValidationError as error:
            errors.update(_prefixed(error, f"members.{number}"))
    if errors:
        raise ValidationError(errors)
    try:
        return help_request_register(household=household, team=team, actor=actor, **request)
    except ValidationError as error:
        raise ValidationError(_prefixed(error, "help_request")) from error


@transaction.atomic
def short_contact_register(
    *,
    team: Team,
    who: str,
    life_domain_code: str,
    what_was_done: str,
    contacted_on: date,
    actor: User,
    person: Person | None = None,
    district_id: int | None = None,
    contacts: int = 1,
    channel: str = "self",
) -> ShortContact:
    """Register a question answered in one or two contacts, minimally and without a case."""
    if not (who.strip() or person):
        raise ValidationError({"who": _("Say who asked the question (a short description is enough).")})
    if contacted_on > timezone.localdate():
        raise ValidationError({"contacted_on": _("The date cannot be in the future.")})
    if contacts not in (1, 2):
        raise ValidationError({"contacts": _("A short contact has one or two contacts; otherwise open a case.")})
    contact = ShortContact(
        municipality_id=team.municipality_id,
        team=team,
        who=who.strip() or str(person),
        person=person,
        district_id=district_id,
        life_domain=_life_domains([life_domain_code])[0],
        what_was_done=what_was_done.strip(),
        contacted_on=contacted_on,
        contacts=contacts,
        channel=channel,
        worker=actor,
    )
    contact.full_clean()
    contact.save()
    audit.event_record(actor=actor, action="short_contact.registered", target=contact)
    return contact


@transaction.atomic
def signal_register(
    *,
    team: Team,
    received_on: date,
    source: str,
    concern: str,
    actor: User,
    reporter: str = "",
    address_text: str = "",
    household: Household | None = None,
    district_id: int | None = None,
) -> Signal:
    """Register a concern about an address or household ("eyes and ears in the neighbourhood")."""
    signal = Signal(
        municipality_id=team.municipality_id,
        team=team,
        received_on=received_on,
        source=source,
        reporter=reporter.strip(),
        concern=concern.strip(),
        address_text=address_text.strip(),
        household=household,
        district_id=district_id,
        registered_by=actor,
    )
    signal.full_clean()
    signal.save()
    audit.event_record(actor=actor, action="signal.registered", target=signal)
    return signal


@transaction.atomic
def signal_triage(
    *,
    signal: Signal,
    outcome: str,
    actor: User,
    reason: str = "",
    short_contact: ShortContact | None = None,
    help_request: HelpRequest | None = None,
) -> Signal:
    """Triage a new signal into a short contact, a help request, or close it with a reason."""
    if signal.status != Signal.Status.NEW:
        raise ValidationError(_("This signal has already been triaged."))
    if outcome == Signal.Status.CLOSED and not reason.strip():
        raise ValidationError({"closing_reason": _("Give the reason for closing the signal.")})
    if outcome == Signal.Status.SHORT_CONTACT and short_contact is None:
        raise ValidationError(_("Register the short contact first."))
    if outcome == Signal.Status.CASE and help_request is None:
        raise ValidationError(_("Register the help request first."))
    if outcome not in (Signal.Status.CLOSED, Signal.Status.SHORT_CONTACT, Signal.Status.CASE):
        raise ValidationError(_("Unknown outcome."))
    signal.status = outcome
    signal.closing_reason = reason.strip()
    signal.short_contact = short_contact
    signal.help_request = help_request
    signal.triaged_by = actor
    signal.triaged_at = timezone.now()
    signal.save()
    audit.event_record(actor=actor, action="signal.triaged", target=signal, details={"outcome": outcome})
    return signal


# --- the front door: a new household, a help request with its outcome, signals answered briefly ---


@dataclass(frozen=True)
class PersonInput:
    """A person registered at intake (a new household's member)."""

    family_name: str
    given_names: str = ""
    prefix: str = ""
    birth_date: date | None = None
    bsn: str | None = None
    phone: str = ""


@dataclass(frozen=True)
class AddressInput:
    """The address of a household registered at intake; `neighbourhood` is a region of the team's
    municipality (level neighbourhood)."""

    postcode: str
    house_number: str | int
    house_letter: str = ""
    addition: str = ""
    street: str = ""
    city: str = ""
    neighbourhood: Any = None


def _keyed(prefix: str, error: ValidationError) -> ValidationError:
    if hasattr(error, "error_dict"):
        return ValidationError({f"{prefix}{key}": errors for key, errors in error.error_dict.items()})
    return ValidationError({f"{prefix}__all__": error.error_list})


@transaction.atomic
def intake_household_register(
    *, team: Team, persons: Sequence[PersonInput], address: AddressInput, actor: User
) -> Household:
    """Register a new household at intake, in the team's municipality: its address and its members,
    all or nothing. Errors about the n-th person are keyed "persons.<n>.<field>"."""
    if not persons:
        raise ValidationError(_("Register at least one person."))
    seen: dict[str, int] = {}
    for index, person in enumerate(persons):
        if person.bsn and person.bsn in seen:
            raise ValidationError({f"persons.{index}.bsn": _("This BSN has already been given for another person.")})
        if person.bsn:
            seen[person.bsn] = index
    municipality = team.municipality
    home = household_services.address_get_or_create(
        municipality=municipality,
        postcode=address.postcode,
        house_number=address.house_number,
        house_letter=address.house_letter,
        addition=address.addition,
        street=address.street,
        city=address.city,
        neighbourhood=address.neighbourhood,
        actor=actor,
    )
    first = persons[0]
    household = household_services.household_create(
        municipality=municipality, name=names.surname(first.prefix, first.family_name), actor=actor
    )
    for index, person in enumerate(persons):
        try:
            household_services.person_create(
                municipality=municipality,
                family_name=person.family_name,
                given_names=person.given_names,
                prefix=person.prefix,
                birth_date=person.birth_date,
                bsn=person.bsn,
                phone=person.phone,
                household=household,
                address=home,
                actor=actor,
            )
        except ValidationError as error:
            raise _keyed(f"persons.{index}.", error) from error
    audit.event_record(
        actor=actor,
        action="household.registered_at_intake",
        target=household,
        details={"team": team.pk, "persons": len(persons), "address": home.pk},
    )
    return household


def _client(household: Household) -> Person | None:
    """The household member a short contact is about: the oldest current member."""
    return Person.objects.filter(household=household).order_by(F("birth_date").asc(nulls_last=True), "id").first()


def _household_district_id(household: Household) -> int | None:
    residence = (
        Residence.objects.open()
        .filter(household=household, address__neighbourhood__isnull=False)
        .select_related("address__neighbourhood")
        .order_by("id")
        .first()
    )
    return residence.address.neighbourhood.parent_id if residence else None


@transaction.atomic
def help_request_answer_briefly(
    *, help_request: HelpRequest, what_was_done: str, actor: User, contacts: int = 1
) -> ShortContact:
    """Answer an open help request in one or two contacts: a short contact linked to it, no case."""
    if help_request.status != HelpRequest.Status.OPEN:
        raise ValidationError(_("This help request has already been handled."))
    if help_request.safety_concern:
        raise ValidationError({"outcome": _("A safety concern cannot be handled as a short contact: open a case.")})
    if not what_was_done.strip():
        raise ValidationError({"what_was_done": _("Write down what was done.")})
    domain = help_request.life_domains.order_by("order", "code").first()
    if domain is None:
        raise ValidationError({"life_domains": _("Tick at least one life domain the request touches.")})
    client = _client(help_request.household)
    contact = short_contact_register(
        team=help_request.team,
        who=str(client) if client else help_request.household.name,
        life_domain_code=domain.code,
        what_was_done=what_was_done,
        contacted_on=help_request.received_on,
        person=client,
        district_id=_household_district_id(help_request.household),
        contacts=contacts,
        channel=help_request.channel,
        actor=actor,
    )
    contact.help_request = help_request
    contact.save(update_fields=["help_request", "updated_at"])
    help_request.status = HelpRequest.Status.SHORT_CONTACT
    help_request.save(update_fields=["status", "updated_at"])
    audit.event_record(
        actor=actor, action="help_request.answered_briefly", target=help_request, details={"short_contact": contact.pk}
    )
    return contact


OUTCOME_CASE = "case"
OUTCOME_SHORT_CONTACT = "short_contact"


@dataclass(frozen=True)
class IntakeResult:
    help_request: HelpRequest
    case: Case | None = None
    short_contact: ShortContact | None = None


@transaction.atomic
def intake_register(
    *,
    household: Household,
    team: Team,
    received_on: date,
    channel: str,
    words: str,
    life_domain_codes: Sequence[str],
    outcome: str,
    actor: User,
    urgency: str = "normal",
    is_wmo_report: bool = False,
    acute_unsafety: bool = False,
    insufficient_basic_care: bool = False,
    coordinator: User | None = None,
    what_was_done: str = "",
    signal: Signal | None = None,
) -> IntakeResult:
    """The end of an intake, all or nothing: the help request, then a case (coordinator or unassigned
    for the team lead; re-entry marked, safety section opened on a safety concern) or a short contact;
    a signal that led to it is triaged."""
    if outcome not in (OUTCOME_CASE, OUTCOME_SHORT_CONTACT):
        raise ValidationError({"outcome": _("Choose whether to open a case or to register a short contact.")})
    if household.municipality_id != team.municipality_id:
        raise ValidationError({"team": _("This household lives outside the team's municipality.")})
    criminal = LifeDomain.objects.filter(code__in=life_domain_codes, is_criminal_data=True)
    if not team.justice_domain_enabled and criminal.exists():
        raise ValidationError({"life_domains": _("The justice domain is not enabled for this team.")})
    if outcome == OUTCOME_SHORT_CONTACT:
        if acute_unsafety or insufficient_basic_care:
            raise ValidationError({"outcome": _("A safety concern cannot be handled as a short contact: open a case.")})
        if not what_was_done.strip():
            raise ValidationError({"what_was_done": _("Write down what was done.")})
    help_request = help_request_register(
        household=household,
        team=team,
        received_on=received_on,
        channel=channel,
        words=words,
        life_domain_codes=life_domain_codes,
        urgency=urgency,
        is_wmo_report=is_wmo_report,
        acute_unsafety=acute_unsafety,
        insufficient_basic_care=insufficient_basic_care,
        actor=actor,
    )
    case = contact = None
    if outcome == OUTCOME_CASE:
        case = case_open(help_request=help_request, coordinator=coordinator, actor=actor)
    else:
        contact = help_request_answer_briefly(help_request=help_request, what_was_done=what_was_done, actor=actor)
    if signal is not None:
        signal_triage(signal=signal, outcome=Signal.Status.CASE, help_request=help_request, actor=actor)
    return IntakeResult(help_request=help_request, case=case, short_contact=contact)


@transaction.atomic
def signal_answer_briefly(
    *,
    signal: Signal,
    who: str,
    life_domain_code: str,
    what_was_done: str,
    contacted_on: date,
    actor: User,
    person: Person | None = None,
    contacts: int = 1,
) -> ShortContact:
    """Triage a signal into a short contact: both written together, or neither."""
    if signal.status != Signal.Status.NEW:
        raise ValidationError(_("This signal has already been triaged."))
    contact = short_contact_register(
        team=signal.team,
        who=who,
        life_domain_code=life_domain_code,
        what_was_done=what_was_done,
        contacted_on=contacted_on,
        person=person,
        district_id=signal.district_id,
        contacts=contacts,
        channel=Channel.SIGNAL,
        actor=actor,
    )
    signal_triage(signal=signal, outcome=Signal.Status.SHORT_CONTACT, short_contact=contact, actor=actor)
    return contact


# --- cases ----------------------------------------------------------------------------------------


def default_client_system(household: Household) -> list[tuple[Person, str]]:
    """The household's current members, adults as clients and minors as children."""
    members = Person.objects.filter(household=household).order_by("birth_date", "id")
    return [(p, ClientSystemRole.CHILD if p.is_minor else ClientSystemRole.CLIENT) for p in members]


@transaction.atomic
def case_open(
    *,
    help_request: HelpRequest,
    coordinator: User | None,
    actor: User,
    opened_on: date | None = None,
    client_system: Sequence[tuple[Person, str]] | None = None,
) -> Case:
    """Open a case on a help request, for its household's client system, in the request's team."""
    if help_request.status != HelpRequest.Status.OPEN:
        raise ValidationError(_("This help request has already been handled."))
    opened_on = opened_on or timezone.localdate()
    if coordinator is not None:
        _check_member(coordinator, help_request.team)
    earlier = Case.objects.filter(household_id=help_request.household_id).values_list("closed_on", flat=True)
    case = Case.objects.create(
        municipality_id=help_request.municipality_id,
        team=help_request.team,
        household_id=help_request.household_id,
        help_request=help_request,
        coordinator=coordinator,
        opened_on=opened_on,
        is_reentry=lifecycle.is_reentry(opened_on=opened_on, earlier_closures=list(earlier)),
        legal_basis_id=help_request.legal_basis_id,
    )
    members = client_system if client_system is not None else default_client_system(help_request.household)
    ClientSystemMember.objects.bulk_create(
        [ClientSystemMember(case=case, person=person, role=role) for person, role in members]
    )
    if help_request.safety_concern:
        SafetyAssessment.objects.create(case=case, updated_by=actor)
    help_request.status = HelpRequest.Status.CASE
    help_request.save(update_fields=["status", "updated_at"])
    if coordinator is not None:
        CoordinatorChange.objects.create(case=case, to_user=coordinator, reason=_("Case opened"), changed_by=actor)
    audit.event_record(
        actor=actor,
        action="case.opened",
        target=case,
        details={"reentry": case.is_reentry, "coordinator": coordinator.pk if coordinator else None},
    )
    return case


@transaction.atomic
def client_system_add(*, case: Case, person: Person, role: str, actor: User) -> ClientSystemMember:
    member, created = ClientSystemMember.objects.get_or_create(case=case, person=person, defaults={"role": role})
    if not created and member.role != role:
        member.role = role
        member.save(update_fields=["role"])
    audit.event_record(
        actor=actor, action="case.client_system_set", target=case, details={"person": person.pk, "role": role}
    )
    return member


@transaction.atomic
def case_coordinator_change(*, case: Case, to_user: User, reason: str, actor: User) -> CoordinatorChange:
    """Hand the case to another coordinator of its team; the reason is recorded."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the change of coordinator.")})
    if case.coordinator_id == to_user.pk:
        raise ValidationError({"coordinator": _("This worker already coordinates the case.")})
    _check_member(to_user, case.team)
    change = CoordinatorChange.objects.create(
        case=case, from_user_id=case.coordinator_id, to_user=to_user, reason=reason.strip(), changed_by=actor
    )
    case.coordinator = to_user
    case.save(update_fields=["coordinator", "updated_at"])
    audit.event_record(
        actor=actor,
        action="case.coordinator_changed",
        target=case,
        details={"from": change.from_user_id, "to": to_user.pk},
    )
    return change


@transaction.atomic
def case_status_set(*, case: Case, status: str, actor: User, next_step: str | None = None) -> Case:
    """Move a case to the next stage (intake → plan → execution → evaluation)."""
    try:
        lifecycle.check_transition(case.status, status)
    except lifecycle.TransitionError as exc:
        raise ValidationError({"status": _("This step is not possible: %(reason)s") % {"reason": exc}}) from exc
    if status == CaseStatus.CLOSED:
        raise ValidationError({"status": _("Close a case with its closing reason and result.")})
    before = case.status
    case.status = status
    if next_step is not None:
        case.next_step = next_step[:200]
    case.save(update_fields=["status", "next_step", "updated_at"])
    audit.event_record(actor=actor, action="case.status_set", target=case, details={"from": before, "to": status})
    return case


@transaction.atomic
def case_next_step_set(*, case: Case, next_step: str, actor: User) -> Case:
    """Set the next step shown on the case's index card (e.g. "home visit Tuesday")."""
    if case.is_closed:
        raise ValidationError(_("This case is closed."))
    next_step = next_step.strip()
    if len(next_step) > 200:
        raise ValidationError({"next_step": _("Keep the next step short (at most 200 characters).")})
    case.next_step = next_step
    case.save(update_fields=["next_step", "updated_at"])
    audit.event_record(actor=actor, action="case.next_step_set", target=case)
    return case


@transaction.atomic
def case_close(
    *,
    case: Case,
    closed_on: date,
    reason: str,
    result: str,
    actor: User,
    note: str = "",
    follow_up_on: date | None = None,
) -> Case:
    """Close a case with its reason and result; optionally a light follow-up (check-in date)."""
    if case.is_closed:
        raise ValidationError(_("This case is already closed."))
    if reason not in Case.ClosingReason.values:
        raise ValidationError({"closing_reason": _("Choose the closing reason.")})
    if result not in Case.Result.values:
        raise ValidationError({"result": _("Choose the result.")})
    if closed_on < case.opened_on:
        raise ValidationError({"closed_on": _("A case cannot close before it was opened.")})
    if closed_on > timezone.localdate():
        raise ValidationError({"closed_on": _("The date cannot be in the future.")})
    if follow_up_on is not None and follow_up_on <= closed_on:
        raise ValidationError({"follow_up_on": _("The follow-up date must be after the closing date.")})
    case.status = CaseStatus.CLOSED
    case.closed_on = closed_on
    case.closing_reason = reason
    case.result = result
    case.closing_note = note.strip()
    case.follow_up_on = follow_up_on
    case.next_step = ""
    case.save()
    today = timezone.localdate()
    Involvement.objects.filter(case=case, end_date__isnull=True).update(end_date=max(closed_on, today))
    audit.event_record(actor=actor, action="case.closed", target=case, details={"reason": reason, "result": result})
    return case


@transaction.atomic
def case_follow_up_done(*, case: Case, actor: User, note: str = "") -> Case:
    """Record that the light follow-up took place; the case stays closed."""
    if not case.is_closed or case.follow_up_on is None:
        raise ValidationError(_("This case has no light follow-up planned."))
    case.follow_up_on = None
    case.save(update_fields=["follow_up_on", "updated_at"])
    audit.event_record(actor=actor, action="case.follow_up_done", target=case, summary=note[:300])
    return case


@transaction.atomic
def case_open_with_reason(*, case: Case, reason: str, actor: User) -> ContentAccessGrant:
    """A teammate or team lead opens the content of a case after recording a reason (reviewable)."""
    if len(reason.strip()) < 10:
        raise ValidationError({"reason": _("Describe why you need to open this file (at least 10 characters).")})
    if not need_to_know.may_open_with_reason(user_id=actor.pk, case=case):
        raise ValidationError(_("Only members of the case's team can open it with a reason."))
    grant = ContentAccessGrant.objects.create(
        case=case,
        user=actor,
        reason=reason.strip(),
        expires_at=timezone.now() + timedelta(hours=need_to_know.GRANT_HOURS),
    )
    audit.event_record(actor=actor, action="case.opened_with_reason", target=case, summary=reason.strip())
    return grant


@transaction.atomic
def involvement_add(
    *, case: Case, user: User, organisation: Organisation, role: str, actor: User, start_date: date | None = None
) -> Involvement:
    """Join a professional to the case for their organisation, in a role, from a start date.

    A worker outside the case's team (a partner professional) sees the content only while a sharing
    agreement with their organisation is in force, so one must be recorded first."""
    if case.is_closed:
        raise ValidationError(_("This case is closed."))
    check_not_restricted(case)
    if role not in Involvement.Role.values:
        raise ValidationError({"role": _("Choose the role.")})
    if Involvement.objects.filter(case=case, user=user, end_date__isnull=True).exists():
        raise ValidationError({"user": _("This worker is already involved in the case.")})
    in_team = Membership.objects.active().filter(user=user, team_id=case.team_id).exists()
    if not in_team and not sharing_in_force(case=case, organisation=organisation):
        raise ValidationError(
            {
                "organisation": _(
                    "%(organisation)s is a partner outside the team: first record the ground for sharing with "
                    "it (the person's agreement or a statutory ground) under 'Sharing with partners'."
                )
                % {"organisation": organisation}
            }
        )
    involvement = Involvement.objects.create(
        case=case,
        user=user,
        organisation=organisation,
        role=role,
        start_date=start_date or timezone.localdate(),
        rests_on_sharing=not in_team,
    )
    audit.event_record(
        actor=actor,
        action="case.involvement_added",
        target=case,
        details={"user": user.pk, "role": role, "organisation": organisation.pk, "rests_on_sharing": not in_team},
    )
    return involvement


@transaction.atomic
def involvement_end(*, involvement: Involvement, actor: User, end_date: date | None = None) -> Involvement:
    """End an involvement; from the day after, the worker no longer sees the case's content."""
    involvement.end_date = end_date or timezone.localdate()
    involvement.save(update_fields=["end_date", "updated_at"])
    audit.event_record(
        actor=actor, action="case.involvement_ended", target=involvement.case, details={"user": involvement.user_id}
    )
    return involvement


# --- plan, goals, actions (optimistic locking per object) -----------------------------------------


def _versioned_update(model: Any, obj: Any, expected_version: int, fields: dict[str, Any], label: str) -> Any:
    updated = model.objects.filter(pk=obj.pk, version=expected_version).update(
        **fields, version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        current = model.objects.get(pk=obj.pk)
        raise ConflictError(
            current,
            _(
                "Someone else changed %(what)s while you were editing. Their version is shown; "
                "check it and save your change again."
            )
            % {"what": label},
        )
    return model.objects.get(pk=obj.pk)


def _check_plan_editable(case: Case) -> None:
    if case.is_closed:
        raise ValidationError(_("This case is closed; its plan can no longer be changed."))
    check_not_restricted(case)


def check_not_restricted(case: Case) -> None:
    """Refuse a change while a person of the case's client system has restricted processing (GDPR art.
    18): the file is kept, but not processed further until the restriction ends."""
    if case_restricted(case):
        raise ValidationError(
            _("Processing is restricted at the request of a person in this case: the file is only kept.")
        )


def case_restricted(case: Case) -> bool:
    return SubjectRequest.objects.filter(
        kind=SubjectRequest.Kind.RESTRICTION,
        status=SubjectRequest.Status.IN_FORCE,
        person_ref__in=ClientSystemMember.objects.filter(case=case).values("person_id"),
    ).exists()


def plan_get_or_create(*, case: Case, actor: User) -> Plan:
    plan, created = Plan.objects.get_or_create(case=case, defaults={"updated_by": actor})
    if created:
        audit.event_record(actor=actor, action="plan.created", target=plan)
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, expected_version: int, summary: str, actor: User) -> Plan:
    _check_plan_editable(plan.case)
    plan = _versioned_update(
        Plan, plan, expected_version, {"summary": summary.strip(), "updated_by_id": actor.pk}, _("this plan")
    )
    audit.event_record(actor=actor, action="plan.updated", target=plan)
    return plan


@transaction.atomic
def plan_agree(*, plan: Plan, expected_version: int, agreed_on: date, actor: User) -> Plan:
    """Record that the household agreed the plan on a date: a new version with a snapshot."""
    _check_plan_editable(plan.case)
    if agreed_on > timezone.localdate():
        raise ValidationError({"agreed_on": _("The date cannot be in the future.")})
    if not plan.goals.exists():
        raise ValidationError(_("A plan needs at least one goal before the household can agree to it."))
    plan = _versioned_update(
        Plan, plan, expected_version, {"agreed_on": agreed_on, "updated_by_id": actor.pk}, _("this plan")
    )
    snapshot = {
        "summary": plan.summary,
        "goals": [
            {
                "id": g.pk,
                "domain": g.life_domain.code,
                "text": g.text,
                "criterion": g.success_criterion,
                "status": g.status,
            }
            for g in plan.goals.select_related("life_domain")
        ],
        "actions": [
            {
                "id": a.pk,
                "goal": a.goal_id,
                "who": a.who_kind,
                "name": a.who_name,
                "what": a.what,
                "due_on": a.due_on.isoformat() if a.due_on else None,
                "status": a.status,
            }
            for a in plan.actions.all()
        ],
    }
    PlanVersion.objects.create(
        plan=plan, version=plan.version, agreed_on=agreed_on, snapshot=snapshot, created_by=actor
    )
    case = plan.case
    if case.plan_agreed_on is None:
        case.plan_agreed_on = agreed_on
    if case.status in (CaseStatus.INTAKE, CaseStatus.PLAN):
        case.status = CaseStatus.EXECUTION
    case.save(update_fields=["plan_agreed_on", "status", "updated_at"])
    audit.event_record(actor=actor, action="plan.agreed", target=plan, details={"version": plan.version})
    return plan


@transaction.atomic
def goal_add(*, plan: Plan, life_domain_code: str, text: str, success_criterion: str = "", actor: User) -> Goal:
    _check_plan_editable(plan.case)
    if not text.strip():
        raise ValidationError({"text": _("Write the goal in the household's words.")})
    order = plan.goals.count() + 1
    goal = Goal.objects.create(
        plan=plan,
        life_domain=_life_domains([life_domain_code])[0],
        text=text.strip(),
        success_criterion=success_criterion.strip(),
        order=order,
    )
    audit.event_record(actor=actor, action="goal.added", target=goal, details={"plan": plan.pk})
    return goal


@transaction.atomic
def goal_update(
    *, goal: Goal, expected_version: int, text: str, success_criterion: str, status: str, actor: User
) -> Goal:
    _check_plan_editable(goal.plan.case)
    if not text.strip():
        raise ValidationError({"text": _("Write the goal in the household's words.")})
    if status not in Goal.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    goal = _versioned_update(
        Goal,
        goal,
        expected_version,
        {"text": text.strip(), "success_criterion": success_criterion.strip(), "status": status},
        _("this goal"),
    )
    audit.event_record(actor=actor, action="goal.updated", target=goal, details={"status": status})
    return goal


@dataclass(frozen=True)
class ActionInput:
    who_kind: str
    what: str
    who_name: str = ""
    due_on: date | None = None
    goal_id: int | None = None
    assignee_id: int | None = None
    organisation_id: int | None = None
    person_id: int | None = None


def _validate_action(plan: Plan, data: ActionInput) -> None:
    if not data.what.strip():
        raise ValidationError({"what": _("Describe what will be done.")})
    if data.who_kind not in Action.Who.values:
        raise ValidationError({"who_kind": _("Choose who does it.")})
    if data.who_kind in (Action.Who.VOLUNTEER, Action.Who.WORKER) and not (data.assignee_id or data.who_name.strip()):
        raise ValidationError({"assignee": _("Choose the volunteer or worker, or write their name.")})
    if data.goal_id and not plan.goals.filter(pk=data.goal_id).exists():
        raise ValidationError({"goal": _("This goal is not part of the plan.")})


def action_check(*, case: Case, data: ActionInput) -> None:
    """Raise what `action_add` would for this input on the case's plan, before anything is saved (the
    agreements of a case conference are checked together before the conference is recorded)."""
    plan = Plan.objects.filter(case=case).first()
    if plan is None and data.goal_id:
        raise ValidationError({"goal": _("This goal is not part of the plan.")})
    _validate_action(plan or Plan(case=case), data)


@transaction.atomic
def action_add(*, plan: Plan, data: ActionInput, actor: User, conference: CaseConference | None = None) -> Action:
    _check_plan_editable(plan.case)
    _validate_action(plan, data)
    action = Action.objects.create(
        plan=plan,
        goal_id=data.goal_id,
        who_kind=data.who_kind,
        who_name=data.who_name.strip(),
        assignee_id=data.assignee_id,
        organisation_id=data.organisation_id,
        person_id=data.person_id,
        what=data.what.strip(),
        due_on=data.due_on,
        conference=conference,
    )
    audit.event_record(actor=actor, action="action.added", target=action, details={"plan": plan.pk})
    return action


@transaction.atomic
def action_update(*, action: Action, expected_version: int, data: ActionInput, status: str, actor: User) -> Action:
    _check_plan_editable(action.plan.case)
    _validate_action(action.plan, data)
    if status not in Action.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    done_on = action.done_on
    if status == Action.Status.DONE and done_on is None:
        done_on = timezone.localdate()
    elif status != Action.Status.DONE:
        done_on = None
    action = _versioned_update(
        Action,
        action,
        expected_version,
        {
            "goal_id": data.goal_id,
            "who_kind": data.who_kind,
            "who_name": data.who_name.strip(),
            "assignee_id": data.assignee_id,
            "organisation_id": data.organisation_id,
            "person_id": data.person_id,
            "what": data.what.strip(),
            "due_on": data.due_on,
            "status": status,
            "done_on": done_on,
        },
        _("this action"),
    )
    audit.event_record(actor=actor, action="action.updated", target=action, details={"status": status})
    return action


@transaction.atomic
def action_set_status(*, action: Action, expected_version: int, status: str, actor: User) -> Action:
    """Tick off (or reopen) an action; also used by volunteers and partners for their own actions."""
    if status not in Action.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    done_on = timezone.localdate() if status == Action.Status.DONE else None
    action = _versioned_update(
        Action, action, expected_version, {"status": status, "done_on": done_on}, _("this action")
    )
    audit.event_record(actor=actor, action="action.status_set", target=action, details={"status": status})
    return action


# --- contact moments and case conferences ---------------------------------------------------------


def author_organisation(*, case: Case, user: User) -> Organisation:
    """The organisation on whose behalf `user` works on this case: their involvement, else their membership."""
    involvement = (
        Involvement.objects.filter(case=case, user=user, end_date__isnull=True).select_related("organisation").first()
    )
    if involvement:
        return involvement.organisation
    membership = (
        Membership.objects.active().filter(user=user, team_id=case.team_id).select_related("organisation").first()
    )
    if membership:
        return membership.organisation
    raise ValidationError(_("You are neither a member of the case's team nor involved in the case."))


@transaction.atomic
def contact_moment_record(
    *,
    case: Case,
    occurred_on: date,
    kind: str,
    note: str,
    actor: User,
    audience: str | None = None,
    life_domain_codes: Sequence[str] = (),
    participant_ids: Sequence[int] = (),
) -> ContactMoment:
    """Record a conversation, visit, call or message. Notes of a partner under professional secrecy
    default to that partner's organisation."""
    if case.is_closed:
        raise ValidationError(_("This case is closed; record contact on a new help request."))
    check_not_restricted(case)
    if kind not in ContactMoment.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of contact.")})
    if not note.strip():
        raise ValidationError({"note": _("Write a short note.")})
    if occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("The date cannot be in the future.")})
    organisation = author_organisation(case=case, user=actor)
    if audience is None or audience == "":
        audience = Audience.ORGANISATION if organisation.professional_secrecy else Audience.TEAM
    if audience not in Audience.values:
        raise ValidationError({"audience": _("Choose who may read the note.")})
    moment = ContactMoment.objects.create(
        case=case,
        occurred_on=occurred_on,
        kind=kind,
        note=note.strip(),
        audience=audience,
        author=actor,
        author_organisation=organisation,
    )
    if life_domain_codes:
        moment.life_domains.set(_life_domains(life_domain_codes))
    if participant_ids:
        allowed = set(case.client_system.values_list("person_id", flat=True))
        moment.participants.set([pid for pid in participant_ids if pid in allowed])
    audit.event_record(
        actor=actor, action="contact_moment.recorded", target=moment, details={"case": case.pk, "audience": audience}
    )
    return moment


@transaction.atomic
def conference_record(
    *,
    case: Case,
    held_on: date,
    questions: str,
    actor: User,
    participant_ids: Sequence[int] = (),
    other_participants: str = "",
    agreements: str = "",
    new_actions: Sequence[ActionInput] = (),
) -> CaseConference:
    """Record a case conference; its agreements can become actions in the plan."""
    if case.is_closed:
        raise ValidationError(_("This case is closed."))
    if not questions.strip():
        raise ValidationError({"questions": _("Write down the questions for the case conference.")})
    if held_on > timezone.localdate() + timedelta(days=365):
        raise ValidationError({"held_on": _("Choose a date within a year.")})
    conference = CaseConference.objects.create(
        case=case,
        held_on=held_on,
        questions=questions.strip(),
        agreements=agreements.strip(),
        other_participants=other_participants.strip(),
        recorded_by=actor,
    )
    if participant_ids:
        conference.participants.set(User.objects.filter(pk__in=participant_ids))
    if new_actions:
        plan = plan_get_or_create(case=case, actor=actor)
        for data in new_actions:
            action_add(plan=plan, data=data, actor=actor, conference=conference)
    audit.event_record(actor=actor, action="case_conference.recorded", target=conference, details={"case": case.pk})
    return conference


# --- the restricted safety section (Meldcode, child protection) -----------------------------------


@dataclass(frozen=True)
class SafetyInput:
    """The five steps of the Meldcode as recorded in the restricted section."""

    signals_mapped: str = ""
    veilig_thuis_consulted_on: date | None = None
    veilig_thuis_advice: str = ""
    talked_with_client: str = ""
    weighing: str = ""
    decision: str = SafetyAssessment.Decision.PENDING
    decided_on: date | None = None


@transaction.atomic
def safety_assessment_update(
    *, case: Case, data: SafetyInput, actor: User, expected_updated_at: datetime | None = None
) -> SafetyAssessment:
    """Record the Meldcode steps (signals, Veilig Thuis, conversation, weighing, decision) of a case.

    Opens the section when the concern arose after intake. `expected_updated_at` is when the editor
    loaded the section: a later save by someone else raises ConflictError with their version.
    """
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if data.decision not in SafetyAssessment.Decision.values:
        errors["decision"] = _("Choose the decision.")
    for name in ("veilig_thuis_consulted_on", "decided_on"):
        day = getattr(data, name)
        if day is not None and day > today:
            errors[name] = _("The date cannot be in the future.")
    if data.veilig_thuis_advice.strip() and data.veilig_thuis_consulted_on is None:
        errors["veilig_thuis_consulted_on"] = _("Say when Veilig Thuis was consulted.")
    if data.decision != SafetyAssessment.Decision.PENDING:
        if data.decided_on is None:
            errors["decided_on"] = _("Say when the decision was taken.")
        if not data.weighing.strip():
            errors["weighing"] = _("Record the weighing (step 4) before the decision.")
        if data.veilig_thuis_consulted_on is None:
            errors["veilig_thuis_consulted_on"] = _("Consult Veilig Thuis (step 2) before the decision.")
    if errors:
        raise ValidationError(errors)
    assessment = SafetyAssessment.objects.select_for_update().filter(case=case).first()
    created = assessment is None
    if assessment is None:
        assessment = SafetyAssessment(case=case, updated_by=actor)
    elif expected_updated_at is not None and assessment.updated_at != expected_updated_at:
        raise ConflictError(
            assessment,
            _(
                "Someone else changed %(what)s while you were editing. Their version is shown; "
                "check it and save your change again."
            )
            % {"what": _("this safety assessment")},
        )
    before = assessment.decision
    assessment.signals_mapped = data.signals_mapped.strip()
    assessment.veilig_thuis_consulted_on = data.veilig_thuis_consulted_on
    assessment.veilig_thuis_advice = data.veilig_thuis_advice.strip()
    assessment.talked_with_client = data.talked_with_client.strip()
    assessment.weighing = data.weighing.strip()
    assessment.decision = data.decision
    assessment.decided_on = data.decided_on if data.decision != SafetyAssessment.Decision.PENDING else None
    assessment.updated_by = actor
    assessment.save()
    # The audit trail says that the section changed and the decision, never the content of the steps.
    audit.event_record(
        actor=actor,
        action="safety.updated",
        target=case,
        details={"created": created, "decision_from": before, "decision": assessment.decision},
    )
    return assessment


@transaction.atomic
def child_protection_measure_add(
    *,
    case: Case,
    child: Person,
    measure: str,
    institution: Organisation,
    youth_protection_worker: str,
    start_date: date,
    actor: User,
    end_date: date | None = None,
) -> ChildProtectionMeasure:
    """Record a child-protection measure: the GI and its youth-protection worker then direct the child's plan."""
    errors: dict[str, str] = {}
    member = case.client_system.filter(person=child).first()
    if member is None:
        errors["child"] = _("Choose a child from the client system.")
    elif child.is_minor is False:
        errors["child"] = _("A child-protection measure is for a minor.")
    if measure not in ChildProtectionMeasure.Measure.values:
        errors["measure"] = _("Choose the measure.")
    if institution.municipality_id != case.municipality_id:
        errors["institution"] = _("Choose an institution of this municipality.")
    if not youth_protection_worker.strip():
        errors["youth_protection_worker"] = _("Give the name of the youth-protection worker.")
    if start_date > timezone.localdate():
        errors["start_date"] = _("The date cannot be in the future.")
    if end_date is not None and end_date < start_date:
        errors["end_date"] = _("The end date cannot be before the start date.")
    if errors:
        raise ValidationError(errors)
    record = ChildProtectionMeasure.objects.create(
        case=case,
        child=child,
        measure=measure,
        institution=institution,
        youth_protection_worker=youth_protection_worker.strip(),
        start_date=start_date,
        end_date=end_date,
    )
    audit.event_record(
        actor=actor,
        action="child_protection_measure.added",
        target=case,
        details={"measure_id": record.pk, "measure": measure, "institution": institution.pk},
    )
    return record


@transaction.atomic
def child_protection_measure_end(
    *, measure: ChildProtectionMeasure, end_date: date, actor: User
) -> ChildProtectionMeasure:
    """Record the end of a child-protection measure; the coordinator directs the child's plan again."""
    if end_date < measure.start_date:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
    measure.end_date = end_date
    measure.save(update_fields=["end_date", "updated_at"])
    audit.event_record(
        actor=actor,
        action="child_protection_measure.ended",
        target=measure.case,
        details={"measure_id": measure.pk},
    )
    return measure


# --- sharing with partner organisations ------------------------------------------------------------


def sharing_in_force(*, case: Case, organisation: Organisation) -> bool:
    return SharingAgreement.objects.filter(case=case, recipient=organisation, withdrawn_on__isnull=True).exists()


@dataclass(frozen=True)
class SharingInput:
    person_id: int
    recipient: Organisation
    ground: str
    purpose: str
    statutory_ground: str = ""
    given_by: str = ""
    agreed_on: date | None = None


@transaction.atomic
def sharing_agreement_record(*, case: Case, data: SharingInput, actor: User) -> SharingAgreement:
    """Record that a person's data in this case is shared with a partner organisation, on the person's
    agreement (given by the person, the parent with parental authority or the legal representative) or a
    statutory ground, for a purpose, from a date."""
    if case.is_closed:
        raise ValidationError(_("This case is closed."))
    check_not_restricted(case)
    errors: dict[str, str] = {}
    if not ClientSystemMember.objects.filter(case=case, person_id=data.person_id).exists():
        errors["person"] = _("Choose a person of this case's client system.")
    if data.recipient.municipality_id != case.municipality_id or not data.recipient.is_active:
        errors["recipient"] = _("Choose an active partner organisation of this municipality.")
    if data.ground not in SharingGround.values:
        errors["ground"] = _("Choose the ground for sharing.")
    elif data.ground == SharingGround.STATUTORY and data.statutory_ground not in StatutoryGround.values:
        errors["statutory_ground"] = _("Choose the statutory ground.")
    elif data.ground in (SharingGround.CONSENT_PARENT, SharingGround.CONSENT_REPRESENTATIVE) and not (
        data.given_by.strip()
    ):
        errors["given_by"] = _("Write down who gave the agreement.")
    if not data.purpose.strip():
        errors["purpose"] = _("Write down the purpose of sharing.")
    agreed_on = data.agreed_on or timezone.localdate()
    if agreed_on > timezone.localdate():
        errors["agreed_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    if SharingAgreement.objects.filter(
        case=case, person_id=data.person_id, recipient=data.recipient, withdrawn_on__isnull=True
    ).exists():
        raise ValidationError({"recipient": _("This person's data is already shared with this organisation.")})
    agreement = SharingAgreement.objects.create(
        case=case,
        person_id=data.person_id,
        recipient=data.recipient,
        ground=data.ground,
        statutory_ground=data.statutory_ground if data.ground == SharingGround.STATUTORY else "",
        given_by=data.given_by.strip() if data.ground != SharingGround.STATUTORY else "",
        purpose=data.purpose.strip(),
        agreed_on=agreed_on,
        recorded_by=actor,
    )
    audit.event_record(
        actor=actor,
        action="sharing_agreement.recorded",
        target=case,
        summary=agreement.get_ground_display(),
        details={
            "agreement": agreement.pk,
            "person": data.person_id,
            "recipient": data.recipient.pk,
            "ground": agreement.ground,
            "statutory_ground": agreement.statutory_ground,
        },
    )
    return agreement


@transaction.atomic
def sharing_agreement_withdraw(
    *, agreement: SharingAgreement, reason: str, actor: User, withdrawn_on: date | None = None
) -> SharingAgreement:
    """Withdraw a sharing agreement: sharing stops at once (the need-to-know rule asks for an agreement in
    force) and the involvements of the recipient's workers in the case end today."""
    agreement = SharingAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.withdrawn_on is not None:
        raise ValidationError(_("This agreement has already been withdrawn."))
    if not reason.strip():
        raise ValidationError({"reason": _("Write down why the agreement is withdrawn.")})
    today = timezone.localdate()
    agreement.withdrawn_on = withdrawn_on or today
    if agreement.withdrawn_on > today or agreement.withdrawn_on < agreement.agreed_on:
        raise ValidationError({"withdrawn_on": _("Choose a date between the agreement and today.")})
    agreement.withdrawn_reason = reason.strip()
    agreement.withdrawn_by = actor
    agreement.save(update_fields=["withdrawn_on", "withdrawn_reason", "withdrawn_by", "updated_at"])
    audit.event_record(
        actor=actor,
        action="sharing_agreement.withdrawn",
        target=agreement.case,
        summary=agreement.withdrawn_reason,
        details={"agreement": agreement.pk, "person": agreement.person_id, "recipient": agreement.recipient_id},
    )
    running = Involvement.objects.filter(case_id=agreement.case_id, organisation_id=agreement.recipient_id).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=today)
    )
    for involvement in running.select_related("case"):
        involvement.end_date = today
        involvement.save(update_fields=["end_date", "updated_at"])
        audit.event_record(
            actor=actor,
            action="case.involvement_ended",
            target=involvement.case,
            summary=_("Sharing agreement withdrawn"),
            details={"user": involvement.user_id, "agreement": agreement.pk},
        )
    return agreement
