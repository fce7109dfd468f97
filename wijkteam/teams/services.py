"""Writes of the teams app: organisations, disciplines, teams, mandates, targets, memberships,
affiliations and the social map. Each runs in one transaction and records its audit event in it.

Callers check who may do what (views and API: `manage_teams`, `manage_reference_data`, or a member of
the team that keeps an initiative); services check that the data makes sense.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wijkteam.access import audit
from wijkteam.access.models import User
from wijkteam.core.periods import PeriodError, parse_period
from wijkteam.neighbourhoods.models import Region, RegionLevel
from wijkteam.reference.models import CareLevel, LifeDomain
from wijkteam.teams import data
from wijkteam.teams.models import (
    Affiliation,
    Discipline,
    Initiative,
    MandateItem,
    Membership,
    MembershipKind,
    Organisation,
    Target,
    Team,
)
from wijkteam.teams.targets import COMPARISONS, METRICS

SOCIAL_MAP_CARE_LEVELS = (0, 1)


# ---------------------------------------------------------------------------------------------- helpers
def _display(value: Any) -> Any:
    """A JSON-friendly rendering of a field value for audit details."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, date | Decimal):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return sorted(_display(v) for v in value)
    return value


def _apply(instance: models.Model, changes: dict[str, Any], allowed: Iterable[str]) -> dict[str, list[Any]]:
    """Set the allowed fields on `instance`; returns {field: [before, after]} for those that changed."""
    allowed = set(allowed)
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise ValidationError(_("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(unknown)})
    diff: dict[str, list[Any]] = {}
    for name, value in changes.items():
        before = getattr(instance, name)
        if before != value:
            diff[name] = [_display(before), _display(value)]
            setattr(instance, name, value)
    return diff


def _set_m2m(manager: Any, new: Iterable[models.Model], name: str, diff: dict[str, list[Any]]) -> None:
    new_list = list(new)
    before = set(manager.all())
    if before != set(new_list):
        diff[name] = [_display(before), _display(new_list)]
        manager.set(new_list)


def _full_clean(instance: models.Model, exclude: Iterable[str] = ()) -> None:
    instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)


def _day(value: date) -> str:
    return date_format(value, "j F Y")


# -------------------------------------------------------------------------------------------- disciplines
@transaction.atomic
def discipline_data_sync(*, models: Any = None) -> int:
    """Create the shipped disciplines that are missing, with their life domains; returns how many.

    Never overwrites a discipline that exists, so a functional administrator's changes stay. `models`
    lets a data migration pass its historical (Discipline, LifeDomain) models.
    """
    if models is None:
        discipline_model, life_domain_model = Discipline, LifeDomain
    else:
        discipline_model, life_domain_model = models
    domains = {d.code: d for d in life_domain_model.objects.all()}
    created = 0
    for order, row in enumerate(data.DISCIPLINES, start=1):
        if discipline_model.objects.filter(code=row["code"]).exists():
            continue
        discipline = discipline_model.objects.create(
            code=str(row["code"]),
            name_nl=str(row["name_nl"]),
            name_en=str(row["name_en"]),
            is_broad=bool(row.get("is_broad", False)),
            order=order * 10,
        )
        codes = cast(list[str], row["life_domains"])
        discipline.life_domains.set([domains[code] for code in codes if code in domains])
        created += 1
    return created


@transaction.atomic
def discipline_create(
    *,
    code: str,
    name_nl: str,
    name_en: str,
    life_domains: Iterable[LifeDomain] = (),
    is_broad: bool = False,
    order: int = 0,
    actor: User,
) -> Discipline:
    if Discipline.objects.filter(code=code).exists():
        raise ValidationError({"code": _("A discipline with this code already exists.")})
    discipline = Discipline(code=code, name_nl=name_nl, name_en=name_en, is_broad=is_broad, order=order)
    _full_clean(discipline)
    discipline.save()
    discipline.life_domains.set(list(life_domains))
    audit.event_record(actor=actor, action="discipline.created", target=discipline, summary=code)
    return discipline


@transaction.atomic
def discipline_update(*, discipline: Discipline, data: dict[str, Any], actor: User) -> Discipline:
    """Change names, life domains, broadness, order or whether it is active (the code stays)."""
    data = dict(data)
    life_domains = data.pop("life_domains", None)
    diff = _apply(discipline, data, ["name_nl", "name_en", "is_broad", "order", "is_active"])
    _full_clean(discipline)
    discipline.save()
    if life_domains is not None:
        _set_m2m(discipline.life_domains, life_domains, "life_domains", diff)
    if diff:
        audit.event_record(
            actor=actor, action="discipline.updated", target=discipline, summary=discipline.code, details=diff
        )
    return discipline


# ------------------------------------------------------------------------------------------ organisations
def _check_municipality(municipality: Region) -> None:
    if municipality.level != RegionLevel.MUNICIPALITY:
        raise ValidationError({"municipality": _("Choose a municipality.")})


@transaction.atomic
def organisation_create(
    *,
    municipality: Region,
    name: str,
    kind: str,
    professional_secrecy: bool = False,
    actor: User,
) -> Organisation:
    _check_municipality(municipality)
    name = name.strip()
    if Organisation.objects.filter(municipality=municipality, name__iexact=name).exists():
        raise ValidationError({"name": _("An organisation with this name already exists.")})
    organisation = Organisation(
        municipality=municipality, name=name, kind=kind, professional_secrecy=professional_secrecy
    )
    _full_clean(organisation)
    organisation.save()
    audit.event_record(actor=actor, action="organisation.created", target=organisation, summary=name)
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, data: dict[str, Any], actor: User) -> Organisation:
    """Change name, kind, professional secrecy or whether the organisation is active."""
    if "name" in data:
        data = {**data, "name": str(data["name"]).strip()}
        clash = Organisation.objects.filter(municipality=organisation.municipality, name__iexact=data["name"])
        if clash.exclude(pk=organisation.pk).exists():
            raise ValidationError({"name": _("An organisation with this name already exists.")})
    diff = _apply(organisation, data, ["name", "kind", "professional_secrecy", "is_active"])
    _full_clean(organisation)
    organisation.save()
    if diff:
        audit.event_record(
            actor=actor, action="organisation.updated", target=organisation, summary=organisation.name, details=diff
        )
    return organisation


# ------------------------------------------------------------------------------------------------- teams
def _check_districts(municipality: Region, districts: list[Region]) -> None:
    wrong = [d for d in districts if d.level != RegionLevel.DISTRICT or d.municipality_id != municipality.pk]
    if wrong:
        raise ValidationError(
            {
                "districts": _("Choose districts of %(municipality)s; not: %(districts)s")
                % {"municipality": municipality.name, "districts": ", ".join(d.code for d in wrong)}
            }
        )


def _check_team(team: Team, districts: list[Region]) -> None:
    if not team.covers_whole_municipality and not districts:
        raise ValidationError(
            {"districts": _("Choose the districts the team covers, or mark it as covering the whole municipality.")}
        )
    if team.end_date and team.end_date < team.start_date:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


@transaction.atomic
def team_create(
    *,
    municipality: Region,
    name: str,
    organisational_form: str,
    start_date: date,
    districts: Iterable[Region] = (),
    covers_whole_municipality: bool = False,
    end_date: date | None = None,
    caseload_norm_per_fte: Decimal | None = None,
    weight_coordinator: Decimal | None = None,
    weight_involvement: Decimal | None = None,
    hours_per_case_equivalent: Decimal | None = None,
    justice_domain_enabled: bool = False,
    actor: User,
) -> Team:
    _check_municipality(municipality)
    name = name.strip()
    districts = list(districts)
    if Team.objects.filter(municipality=municipality, name__iexact=name).exists():
        raise ValidationError({"name": _("A team with this name already exists.")})
    team = Team(
        municipality=municipality,
        name=name,
        organisational_form=organisational_form,
        start_date=start_date,
        end_date=end_date,
        covers_whole_municipality=covers_whole_municipality,
        justice_domain_enabled=justice_domain_enabled,
    )
    for field_name, value in (
        ("caseload_norm_per_fte", caseload_norm_per_fte),
        ("weight_coordinator", weight_coordinator),
        ("weight_involvement", weight_involvement),
        ("hours_per_case_equivalent", hours_per_case_equivalent),
    ):
        if value is not None:
            setattr(team, field_name, value)
    _check_districts(municipality, districts)
    _check_team(team, districts)
    _full_clean(team)
    team.save()
    team.districts.set(districts)
    audit.event_record(
        actor=actor,
        action="team.created",
        target=team,
        summary=name,
        details={"districts": sorted(d.code for d in districts)},
    )
    return team


TEAM_FIELDS = [
    "name",
    "organisational_form",
    "start_date",
    "end_date",
    "covers_whole_municipality",
    "caseload_norm_per_fte",
    "weight_coordinator",
    "weight_involvement",
    "hours_per_case_equivalent",
    "justice_domain_enabled",
]


@transaction.atomic
def team_update(*, team: Team, data: dict[str, Any], actor: User) -> Team:
    """Change the set-up of a team; `data` may hold any of TEAM_FIELDS and `districts`."""
    data = dict(data)
    districts = data.pop("districts", None)
    if "name" in data:
        data["name"] = str(data["name"]).strip()
        if Team.objects.filter(municipality=team.municipality, name__iexact=data["name"]).exclude(pk=team.pk).exists():
            raise ValidationError({"name": _("A team with this name already exists.")})
    diff = _apply(team, data, TEAM_FIELDS)
    new_districts = list(districts) if districts is not None else list(team.districts.all())
    _check_districts(team.municipality, new_districts)
    _check_team(team, new_districts)
    _full_clean(team)
    team.save()
    if districts is not None:
        before = sorted(team.districts.values_list("code", flat=True))
        after = sorted(d.code for d in new_districts)
        if before != after:
            team.districts.set(new_districts)
            diff["districts"] = [before, after]
    if diff:
        audit.event_record(actor=actor, action="team.updated", target=team, summary=team.name, details=diff)
    return team


# ----------------------------------------------------------------------------------------------- mandate
@transaction.atomic
def mandate_item_add(
    *,
    team: Team,
    in_scope: bool,
    life_domain: LifeDomain | None = None,
    target_group: str = "",
    note: str = "",
    actor: User,
) -> MandateItem:
    """Add a life domain or a target group to the team's mandate, in or explicitly out of scope."""
    if (life_domain is None) == (not target_group):
        raise ValidationError({"subject": _("Choose either a life domain or a target group.")})
    if target_group and target_group not in MandateItem.TargetGroup.values:
        raise ValidationError({"subject": _("Unknown target group.")})
    kind = MandateItem.Kind.LIFE_DOMAIN if life_domain is not None else MandateItem.Kind.TARGET_GROUP
    if life_domain is not None:
        existing = team.mandate_items.filter(kind=kind, life_domain=life_domain)
    else:
        existing = team.mandate_items.filter(kind=kind, target_group=target_group)
    if existing.exists():
        raise ValidationError({"subject": _("This is already part of the mandate; change or remove it there.")})
    item = MandateItem(
        team=team, kind=kind, life_domain=life_domain, target_group=target_group, in_scope=in_scope, note=note.strip()
    )
    _full_clean(item)
    item.save()
    audit.event_record(
        actor=actor,
        action="mandate_item.added",
        target=team,
        summary=str(item),
        details={"item": item.pk, "in_scope": in_scope, "note": item.note},
    )
    return item


@transaction.atomic
def mandate_item_update(*, item: MandateItem, in_scope: bool, note: str, actor: User) -> MandateItem:
    diff = _apply(item, {"in_scope": in_scope, "note": note.strip()}, ["in_scope", "note"])
    _full_clean(item)
    item.save()
    if diff:
        audit.event_record(
            actor=actor,
            action="mandate_item.updated",
            target=item.team,
            summary=str(item),
            details={"item": item.pk, **diff},
        )
    return item


@transaction.atomic
def mandate_item_remove(*, item: MandateItem, actor: User) -> None:
    team, summary, pk = item.team, str(item), item.pk
    item.delete()
    audit.event_record(actor=actor, action="mandate_item.removed", target=team, summary=summary, details={"item": pk})


def _check_target(metric_key: str, comparison: str, value: Decimal) -> None:
    metric = METRICS.get(metric_key)
    if metric is None:
        raise ValidationError({"metric_key": _("Choose an indicator from the list.")})
    if comparison not in COMPARISONS:
        raise ValidationError({"comparison": _("Choose ≥ or ≤.")})
    if value < 0:
        raise ValidationError({"value": _("The value cannot be negative.")})
    if metric.unit == "share" and value > 100:
        raise ValidationError({"value": _("A share is a percentage from 0 to 100.")})


@transaction.atomic
def target_set(
    *,
    team: Team,
    metric_key: str,
    comparison: str,
    value: Decimal,
    period: str,
    note: str = "",
    actor: User,
) -> Target:
    """Set a target for one indicator and period (YYYY, YYYY-Hn, YYYY-Qn); one per indicator and period."""
    try:
        value = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValidationError({"value": _("Enter a number.")}) from exc
    try:
        period_code = parse_period(period).code
    except PeriodError as exc:
        raise ValidationError(
            {"period": _("Enter a period as a year (2026), half year (2026-H1) or quarter (2026-Q3).")}
        ) from exc
    _check_target(metric_key, comparison, value)
    if team.targets.filter(metric_key=metric_key, period=period_code).exists():
        raise ValidationError(
            {"metric_key": _("This indicator already has a target for %(period)s.") % {"period": period_code}}
        )
    target = Target(
        team=team, metric_key=metric_key, comparison=comparison, value=value, period=period_code, note=note.strip()
    )
    _full_clean(target)
    target.save()
    audit.event_record(
        actor=actor,
        action="target.set",
        target=team,
        summary=str(target),
        details={"target": target.pk, "metric": metric_key, "comparison": comparison, "value": str(value)},
    )
    return target


@transaction.atomic
def target_remove(*, target: Target, actor: User) -> None:
    team, summary, pk = target.team, str(target), target.pk
    target.delete()
    audit.event_record(actor=actor, action="target.removed", target=team, summary=summary, details={"target": pk})


# ------------------------------------------------------------------------------------------- memberships
def _overlaps(queryset: models.QuerySet, start: date, end: date | None) -> bool:
    """Whether a row of `queryset` runs on any day of [start, end] (end None: open-ended)."""
    queryset = queryset.filter(models.Q(end_date__isnull=True) | models.Q(end_date__gte=start))
    if end is not None:
        queryset = queryset.filter(start_date__lte=end)
    return queryset.exists()


def _check_membership(
    *,
    team: Team,
    user: User,
    organisation: Organisation,
    kind: str,
    fte: Decimal,
    collective_hours_per_week: Decimal,
    disciplines: list[Discipline],
    districts: list[Region],
    start_date: date,
    end_date: date | None,
    exclude_pk: int | None = None,
) -> None:
    errors: dict[str, str] = {}
    if not user.is_active:
        errors["user"] = _("This account is not active.")
    if kind not in MembershipKind.values:
        errors["kind"] = _("Choose a kind of membership.")
    if organisation.municipality_id != team.municipality_id:
        errors["organisation"] = _("Choose an organisation of the team's municipality.")
    elif not organisation.is_active:
        errors["organisation"] = _("This organisation is no longer active.")
    if fte < 0 or fte > Decimal("1.5"):
        errors["fte"] = _("FTE is between 0 and 1.5.")
    if collective_hours_per_week < 0 or collective_hours_per_week > 60:
        errors["collective_hours_per_week"] = _("Hours per week are between 0 and 60.")
    inactive = [d.name for d in disciplines if not d.is_active]
    if inactive:
        errors["disciplines"] = _("No longer in use: %(names)s") % {"names": ", ".join(inactive)}
    if districts:
        allowed = {d.pk for d in team.districts.all()}
        if team.covers_whole_municipality:
            allowed |= set(
                Region.objects.filter(municipality_id=team.municipality_id, level=RegionLevel.DISTRICT).values_list(
                    "pk", flat=True
                )
            )
        if any(d.pk not in allowed for d in districts):
            errors["districts"] = _("Choose districts the team covers.")
    if start_date < team.start_date:
        errors["start_date"] = _("The team starts on %(date)s.") % {"date": _day(team.start_date)}
    elif team.end_date and start_date > team.end_date:
        errors["start_date"] = _("The team ended on %(date)s.") % {"date": _day(team.end_date)}
    if errors:
        raise ValidationError(errors)
    others = Membership.objects.filter(team=team, user=user)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if _overlaps(others, start_date, end_date):
        raise ValidationError(
            {"user": _("%(name)s is already a member of this team in that period.") % {"name": str(user)}}
        )


@transaction.atomic
def membership_start(
    *,
    team: Team,
    user: User,
    organisation: Organisation,
    kind: str,
    fte: Decimal,
    start_date: date,
    disciplines: Iterable[Discipline] = (),
    districts: Iterable[Region] = (),
    collective_hours_per_week: Decimal = Decimal("0"),
    end_date: date | None = None,
    actor: User,
) -> Membership:
    """A worker joins a team on behalf of an organisation."""
    disciplines, districts = list(disciplines), list(districts)
    fte, hours = Decimal(fte), Decimal(collective_hours_per_week)
    if end_date is not None and end_date < start_date:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
    _check_membership(
        team=team,
        user=user,
        organisation=organisation,
        kind=kind,
        fte=fte,
        collective_hours_per_week=hours,
        disciplines=disciplines,
        districts=districts,
        start_date=start_date,
        end_date=end_date,
    )
    membership = Membership(
        team=team,
        user=user,
        organisation=organisation,
        kind=kind,
        fte=fte,
        collective_hours_per_week=hours,
        start_date=start_date,
        end_date=end_date,
    )
    _full_clean(membership)
    membership.save()
    membership.disciplines.set(disciplines)
    membership.districts.set(districts)
    audit.event_record(
        actor=actor,
        action="membership.started",
        target=membership,
        summary=f"{user} → {team}",
        details={
            "team": team.pk,
            "user": user.pk,
            "organisation": organisation.name,
            "kind": kind,
            "fte": str(fte),
            "collective_hours_per_week": str(hours),
            "disciplines": sorted(d.code for d in disciplines),
            "districts": sorted(d.code for d in districts),
            "start_date": str(start_date),
        },
    )
    return membership


@transaction.atomic
def membership_change(
    *,
    membership: Membership,
    change_date: date,
    kind: str,
    fte: Decimal,
    disciplines: Iterable[Discipline],
    districts: Iterable[Region] = (),
    collective_hours_per_week: Decimal = Decimal("0"),
    organisation: Organisation | None = None,
    actor: User,
) -> Membership:
    """Change FTE, kind, disciplines, districts, hours or organisation from `change_date` on.

    The running membership ends the day before and a new one starts on `change_date`, so the history of
    the team's composition is kept. A change on the membership's own start date corrects it in place.
    Returns the membership that holds the new values.
    """
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    disciplines, districts = list(disciplines), list(districts)
    organisation = organisation or membership.organisation
    fte, hours = Decimal(fte), Decimal(collective_hours_per_week)
    if change_date < membership.start_date:
        raise ValidationError(
            {
                "change_date": _("Choose a date from the start of the membership (%(date)s).")
                % {"date": _day(membership.start_date)}
            }
        )
    if membership.end_date is not None and change_date > membership.end_date:
        raise ValidationError(
            {"change_date": _("This membership ended on %(date)s.") % {"date": _day(membership.end_date)}}
        )
    _check_membership(
        team=membership.team,
        user=membership.user,
        organisation=organisation,
        kind=kind,
        fte=fte,
        collective_hours_per_week=hours,
        disciplines=disciplines,
        districts=districts,
        start_date=change_date,
        end_date=membership.end_date,
        exclude_pk=membership.pk,
    )
    before = {
        "kind": membership.kind,
        "fte": f"{membership.fte:.2f}",
        "collective_hours_per_week": f"{membership.collective_hours_per_week:.1f}",
        "organisation": membership.organisation.name,
        "disciplines": sorted(membership.disciplines.values_list("code", flat=True)),
        "districts": sorted(membership.districts.values_list("code", flat=True)),
    }
    after = {
        "kind": kind,
        "fte": f"{fte:.2f}",
        "collective_hours_per_week": f"{hours:.1f}",
        "organisation": organisation.name,
        "disciplines": sorted(d.code for d in disciplines),
        "districts": sorted(d.code for d in districts),
    }
    if before == after:
        return membership
    if change_date == membership.start_date:
        current = membership
    else:
        current = Membership(
            team=membership.team,
            user=membership.user,
            start_date=change_date,
            end_date=membership.end_date,
        )
        membership.end_date = change_date - timedelta(days=1)
        membership.save(update_fields=["end_date", "updated_at"])
    current.organisation = organisation
    current.kind = kind
    current.fte = fte
    current.collective_hours_per_week = hours
    _full_clean(current)
    current.save()
    current.disciplines.set(disciplines)
    current.districts.set(districts)
    audit.event_record(
        actor=actor,
        action="membership.changed",
        target=current,
        summary=f"{current.user} – {current.team}",
        details={
            "from": str(change_date),
            "previous": membership.pk,
            "before": before,
            "after": after,
            "corrected_in_place": current.pk == membership.pk,
        },
    )
    return current


@transaction.atomic
def membership_end(*, membership: Membership, end_date: date, actor: User) -> Membership:
    """A worker leaves the team: the membership ends on `end_date` (inclusive) and is kept as history."""
    if end_date < membership.start_date:
        raise ValidationError(
            {
                "end_date": _("The end date cannot be before the start date (%(date)s).")
                % {"date": _day(membership.start_date)}
            }
        )
    later = Membership.objects.filter(team=membership.team, user=membership.user, start_date__gt=membership.start_date)
    if membership.end_date is not None and later.filter(start_date__lte=end_date).exists():
        raise ValidationError({"end_date": _("A later membership starts before this date; end that one instead.")})
    before = membership.end_date
    membership.end_date = end_date
    membership.save(update_fields=["end_date", "updated_at"])
    audit.event_record(
        actor=actor,
        action="membership.ended",
        target=membership,
        summary=f"{membership.user} – {membership.team}",
        details={"end_date": [str(before) if before else None, str(end_date)]},
    )
    return membership


# ------------------------------------------------------------------------------------------ affiliations
@transaction.atomic
def affiliation_start(
    *,
    user: User,
    organisation: Organisation,
    start_date: date,
    job_title: str = "",
    actor: User,
) -> Affiliation:
    """Record that a worker belongs to an organisation without being a team member (a partner professional)."""
    if not user.is_active:
        raise ValidationError({"user": _("This account is not active.")})
    if not organisation.is_active:
        raise ValidationError({"organisation": _("This organisation is no longer active.")})
    if _overlaps(Affiliation.objects.filter(user=user, organisation=organisation), start_date, None):
        raise ValidationError(
            {"user": _("%(name)s already belongs to this organisation in that period.") % {"name": str(user)}}
        )
    affiliation = Affiliation(user=user, organisation=organisation, start_date=start_date, job_title=job_title.strip())
    _full_clean(affiliation)
    affiliation.save()
    audit.event_record(
        actor=actor,
        action="affiliation.started",
        target=affiliation,
        summary=f"{user} → {organisation}",
        details={"user": user.pk, "organisation": organisation.pk, "start_date": str(start_date)},
    )
    return affiliation


@transaction.atomic
def affiliation_end(*, affiliation: Affiliation, end_date: date, actor: User) -> Affiliation:
    if end_date < affiliation.start_date:
        raise ValidationError(
            {
                "end_date": _("The end date cannot be before the start date (%(date)s).")
                % {"date": _day(affiliation.start_date)}
            }
        )
    before = affiliation.end_date
    affiliation.end_date = end_date
    affiliation.save(update_fields=["end_date", "updated_at"])
    audit.event_record(
        actor=actor,
        action="affiliation.ended",
        target=affiliation,
        summary=f"{affiliation.user} – {affiliation.organisation}",
        details={"end_date": [str(before) if before else None, str(end_date)]},
    )
    return affiliation


# ------------------------------------------------------------------------------------------- social map
def _check_initiative(team: Team, district: Region, care_level: CareLevel, name: str, pk: int | None) -> None:
    errors: dict[str, str] = {}
    if district.level != RegionLevel.DISTRICT or district.municipality_id != team.municipality_id:
        errors["district"] = _("Choose a district of the team's municipality.")
    if care_level.level not in SOCIAL_MAP_CARE_LEVELS:
        errors["care_level"] = _("Initiatives on the social map are care level 0 or 1.")
    if not name:
        errors["name"] = _("Enter a name.")
    elif Initiative.objects.filter(district=district, name__iexact=name).exclude(pk=pk).exists():
        errors["name"] = _("This district already has an initiative with this name.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def initiative_create(
    *,
    team: Team,
    district: Region,
    name: str,
    kind: str,
    care_level: CareLevel,
    life_domains: Iterable[LifeDomain] = (),
    description: str = "",
    location: str = "",
    contact: str = "",
    schedule: str = "",
    actor: User,
) -> Initiative:
    """Put a neighbourhood initiative or collective activity on the social map."""
    name = name.strip()
    life_domains = list(life_domains)
    _check_initiative(team, district, care_level, name, None)
    initiative = Initiative(
        team=team,
        district=district,
        name=name,
        kind=kind,
        care_level=care_level,
        description=description.strip(),
        location=location.strip(),
        contact=contact.strip(),
        schedule=schedule.strip(),
    )
    _full_clean(initiative)
    try:
        with transaction.atomic():
            initiative.save()
    except IntegrityError as exc:
        raise ValidationError({"name": _("This district already has an initiative with this name.")}) from exc
    initiative.life_domains.set(life_domains)
    audit.event_record(
        actor=actor,
        action="initiative.created",
        target=initiative,
        summary=name,
        details={"district": district.code, "team": team.pk, "care_level": care_level.level},
    )
    return initiative


INITIATIVE_FIELDS = [
    "team",
    "district",
    "name",
    "kind",
    "care_level",
    "description",
    "location",
    "contact",
    "schedule",
    "is_active",
]


@transaction.atomic
def initiative_update(*, initiative: Initiative, data: dict[str, Any], actor: User) -> Initiative:
    """Change an entry of the social map; `data` may hold INITIATIVE_FIELDS and `life_domains`."""
    data = dict(data)
    life_domains = data.pop("life_domains", None)
    for text_field in ("name", "description", "location", "contact", "schedule"):
        if text_field in data:
            data[text_field] = str(data[text_field]).strip()
    diff = _apply(initiative, data, INITIATIVE_FIELDS)
    _check_initiative(initiative.team, initiative.district, initiative.care_level, initiative.name, initiative.pk)
    _full_clean(initiative)
    initiative.save()
    if life_domains is not None:
        _set_m2m(initiative.life_domains, life_domains, "life_domains", diff)
    if diff:
        audit.event_record(
            actor=actor, action="initiative.updated", target=initiative, summary=initiative.name, details=diff
        )
    return initiative
