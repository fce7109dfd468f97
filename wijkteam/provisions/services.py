"""Writes of the provisions app: catalogue, step changes, legal terms, decisions, frontline payments.

Each service runs in one transaction and writes its audit event in it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.access import audit
from wijkteam.access.models import User
from wijkteam.cases.models import Case, ClientSystemMember
from wijkteam.households.models import Person, Residence
from wijkteam.provisions import flow, stepping, terms
from wijkteam.provisions.models import (
    CatalogueOption,
    Decision,
    DecisionStatus,
    FrontlinePayment,
    LegalTerm,
    StepChange,
)
from wijkteam.reference.models import CareLevel, LegalBasis
from wijkteam.teams.models import Membership, MembershipKind

CATALOGUE_FIELDS = (
    "name",
    "description",
    "care_level",
    "legal_basis",
    "provider",
    "district",
    "unit",
    "tariff",
    "budget_function",
    "is_active",
)


def case_district(case: Case) -> Any:
    """The district (wijk) where the case's household lives now, or None."""
    residence = (
        Residence.objects.open()
        .filter(household_id=case.household_id)
        .select_related("address__neighbourhood__parent")
        .first()
    )
    return residence.address.district if residence else None


# --- catalogue ----------------------------------------------------------------------------------------


@transaction.atomic
def catalogue_option_create(*, municipality: Any, data: dict[str, Any], actor: User | None) -> CatalogueOption:
    values = {name: data[name] for name in CATALOGUE_FIELDS if name in data}
    if CatalogueOption.objects.filter(
        municipality=municipality, name=values["name"], district=values.get("district")
    ).exists():
        raise ValidationError({"name": _("The catalogue already has an option with this name here.")})
    option = CatalogueOption.objects.create(municipality=municipality, **values)
    option.life_domains.set(data.get("life_domains") or [])
    audit.event_record(actor=actor, action="catalogue_option.created", target=option, summary=option.name)
    return option


@transaction.atomic
def catalogue_option_update(*, option: CatalogueOption, data: dict[str, Any], actor: User) -> CatalogueOption:
    duplicate = (
        CatalogueOption.objects.filter(
            municipality=option.municipality, name=data["name"], district=data.get("district")
        )
        .exclude(pk=option.pk)
        .exists()
    )
    if duplicate:
        raise ValidationError({"name": _("The catalogue already has an option with this name here.")})
    before = {name: str(getattr(option, name)) for name in CATALOGUE_FIELDS}
    for name in CATALOGUE_FIELDS:
        if name in data:
            setattr(option, name, data[name])
    option.save()
    if "life_domains" in data:
        option.life_domains.set(data["life_domains"])
    after = {name: str(getattr(option, name)) for name in CATALOGUE_FIELDS}
    changed = {name: [before[name], after[name]] for name in CATALOGUE_FIELDS if before[name] != after[name]}
    audit.event_record(
        actor=actor, action="catalogue_option.updated", target=option, summary=option.name, details=changed
    )
    return option


# --- step changes -------------------------------------------------------------------------------------


@transaction.atomic
def step_change_record(
    *,
    case: Case,
    to_level: CareLevel,
    route: str,
    actor: User,
    tried: str = "",
    duration: str = "",
    result: str = "",
    why_insufficient: str = "",
    reason: str = "",
    decided_on: date | None = None,
    received_on: date | None = None,
    legal_basis: LegalBasis | None = None,
) -> StepChange:
    """Move a case to another care level; a team step-up needs an evaluation, the never-blocked routes
    go straight through, a step down needs a reason (rules: `stepping.check_step`)."""
    case = Case.objects.select_for_update(of=("self",)).select_related("care_level").get(pk=case.pk)
    if case.is_closed:
        raise ValidationError(_("This case is closed."))
    today = timezone.localdate()
    decided_on = decided_on or today
    if decided_on > today:
        raise ValidationError({"decided_on": _("The date cannot be in the future.")})
    if received_on and received_on > decided_on:
        raise ValidationError({"received_on": _("It cannot have come in after the change.")})
    evaluation = stepping.Evaluation(tried, duration, result, why_insufficient)
    check = stepping.check_step(
        from_level=case.care_level.level if case.care_level else None,
        to_level=to_level.level,
        route=route,
        evaluation=evaluation,
        reason=reason,
    )
    if not check.allowed:
        raise ValidationError(check.problems)
    if route in stepping.ROUTE_CLOCK_EVENT and received_on is None:
        received_on = decided_on
    change = StepChange.objects.create(
        case=case,
        from_level=case.care_level,
        to_level=to_level,
        route=route,
        tried=tried.strip(),
        duration=duration.strip(),
        result=result.strip(),
        why_insufficient=why_insufficient.strip(),
        reason=reason.strip(),
        decided_on=decided_on,
        received_on=received_on,
        legal_basis=legal_basis,
        actor=actor,
    )
    from_level = case.care_level.level if case.care_level else None
    case.care_level = to_level
    case.save(update_fields=["care_level", "updated_at"])
    audit.event_record(
        actor=actor,
        action=f"case.stepped_{check.direction}",
        target=case,
        summary=f"{from_level if from_level is not None else '-'} -> {to_level.level} ({route})",
        details={"from": from_level, "to": to_level.level, "route": route, "step_change": change.pk},
    )
    return change


# --- legal terms --------------------------------------------------------------------------------------


@transaction.atomic
def legal_terms_sync() -> int:
    """Load the shipped legal terms where none is configured yet (keeps the administrators' changes)."""
    bases = {basis.code: basis for basis in LegalBasis.objects.all()}
    created = 0
    for term in terms.DEFAULT_TERMS:
        basis = bases.get(term.legal_basis)
        if basis is None:
            continue
        _term, made = LegalTerm.objects.get_or_create(
            legal_basis=basis,
            event=term.event,
            urgent=term.urgent,
            defaults={
                "amount": term.amount,
                "unit": term.unit,
                "deliverable": term.deliverable,
                "article": term.article,
            },
        )
        created += made
    return created


# --- decisions ----------------------------------------------------------------------------------------

DECISION_FIELDS = (
    "legal_basis",
    "provider",
    "form",
    "period_start",
    "period_end",
    "volume",
    "unit",
    "frequency",
    "tariff",
    "urgent",
    "report_date",
    "investigation_done_on",
    "application_date",
    "decided_on",
    "note",
)


def _check_decision(values: dict[str, Any], status: str) -> None:
    errors: dict[str, list[str]] = {}
    start, end = values.get("period_start"), values.get("period_end")
    if start and end and end < start:
        errors["period_end"] = [_("The period cannot end before it starts.")]
    if status in flow.DECIDED and not values.get("decided_on"):
        errors["decided_on"] = [_("Give the date of the decision.")]
    if status in flow.DECIDED and not values.get("legal_basis"):
        errors["legal_basis"] = [_("A decision needs a legal basis.")]
    report, application, decided = values.get("report_date"), values.get("application_date"), values.get("decided_on")
    if report and application and application < report:
        errors["application_date"] = [_("The application cannot come before the report.")]
    if decided and application and decided < application:
        errors["decided_on"] = [_("The decision cannot come before the application.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def decision_record(
    *, case: Case, person: Person, option: CatalogueOption, data: dict[str, Any], actor: User, status: str = "requested"
) -> Decision:
    """Record a decision (beschikking) for a person in the case's client system."""
    if not actor.can("record_decisions"):
        raise ValidationError(_("Your role does not allow recording decisions."))
    if not ClientSystemMember.objects.filter(case=case, person=person).exists():
        raise ValidationError({"person": _("Choose a person of this case.")})
    if status not in (flow.REQUESTED, flow.GRANTED, flow.REJECTED):
        raise ValidationError({"status": _("A new decision is requested, granted or rejected.")})
    values = {name: data[name] for name in DECISION_FIELDS if name in data}
    values.setdefault("legal_basis", option.legal_basis)
    values.setdefault("provider", option.provider)
    values.setdefault("unit", option.unit)
    values.setdefault("tariff", option.tariff)
    _check_decision(values, status)
    decision = Decision.objects.create(
        case=case,
        person=person,
        option=option,
        team_id=case.team_id,
        district=case_district(case),
        status=status,
        recorded_by=actor,
        **values,
    )
    audit.event_record(
        actor=actor,
        action="decision.recorded",
        target=decision,
        summary=f"{option.name} ({status})",
        details={"case": case.pk, "status": status},
    )
    return decision


@transaction.atomic
def decision_status_set(*, decision: Decision, status: str, actor: User, on: date | None = None) -> Decision:
    """Move a decision to another status (granted, rejected, objection lodged, ended, withdrawn)."""
    if not actor.can("record_decisions"):
        raise ValidationError(_("Your role does not allow recording decisions."))
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if not flow.may_move(decision.status, status):
        labels = dict(DecisionStatus.choices)
        message = _("A decision that is “%(current)s” cannot become “%(new)s”.") % {
            "current": labels.get(decision.status, decision.status),
            "new": labels.get(status, status),
        }
        raise ValidationError({"status": message})
    on = on or timezone.localdate()
    before = decision.status
    if status in flow.DECIDED:
        decision.decided_on = decision.decided_on if before == flow.REQUESTED and decision.decided_on else on
        if status == flow.GRANTED and decision.legal_basis_id is None:
            raise ValidationError({"status": _("A decision needs a legal basis.")})
    if status == flow.ENDED:
        if on < decision.period_start:
            raise ValidationError({"on": _("A decision cannot end before its period starts.")})
        decision.ended_on = on
    decision.status = status
    decision.save()
    audit.event_record(
        actor=actor,
        action="decision.status_set",
        target=decision,
        summary=f"{before} -> {status}",
        details={"from": before, "to": status, "on": on.isoformat()},
    )
    return decision


# --- frontline payments -------------------------------------------------------------------------------


@transaction.atomic
def frontline_payment_record(
    *,
    case: Case,
    amount: Decimal,
    reason: str,
    requested_by: User,
    actor: User,
    paid_on: date | None = None,
    budget_function: str = "6.2",
) -> FrontlinePayment:
    """A team lead approves and records a small direct payment requested by a worker of the team."""
    leads = Membership.objects.active().filter(team_id=case.team_id, kind=MembershipKind.TEAM_LEAD)
    if not leads.filter(user=actor).exists():
        raise ValidationError(_("Only the team lead of the case's team approves a frontline payment."))
    if requested_by.pk == actor.pk:
        raise ValidationError({"requested_by": _("Someone else than the requester approves the payment.")})
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Give an amount above zero.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say what the payment is for.")})
    payment = FrontlinePayment.objects.create(
        team_id=case.team_id,
        case=case,
        district=case_district(case),
        amount=amount,
        reason=reason.strip(),
        budget_function=budget_function,
        paid_on=paid_on or timezone.localdate(),
        requested_by=requested_by,
        approved_by=actor,
    )
    audit.event_record(
        actor=actor,
        action="frontline_payment.recorded",
        target=payment,
        summary=f"EUR {amount}",
        details={"case": case.pk, "requested_by": requested_by.pk},
    )
    return payment
