"""Demo data of stepped care for Enschede: the catalogue with realistic tariffs, budgets per team, a
history of step changes for every demo case with a care level (all five levels: team step-ups with an
evaluation, formal applications, Wmo reports, GP referrals and the safety route, steps down with a
reason), decisions with their costs and clocks (a few with lawfulness findings on purpose), and
frontline payments. Called by the demo loader (`wijkteam.demo.steps`); deterministic and idempotent:
the catalogue is matched by name, the rest is only added when no case has a step change yet.

Provider names are the generic "(demo)" organisations of the teams demo; tariffs are plausible 2025
figures, not a municipality's real prices.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from wijkteam.access.models import AuditEvent, User
from wijkteam.cases.models import Case, ClientSystemMember, Involvement
from wijkteam.provisions import services
from wijkteam.provisions.models import Budget, CatalogueOption, Decision, FrontlinePayment, StepChange
from wijkteam.reference.models import CareLevel, LegalBasis, LifeDomain
from wijkteam.teams.models import Membership, MembershipKind, Organisation, Team

# (name, level, legal basis, provider key, life domains, unit, tariff, budget function)
CATALOGUE: list[tuple[str, int, str | None, str | None, tuple[str, ...], str, str, str]] = [
    ("Maatjesproject", 0, None, "vrijwilligers", ("social_network", "time_use"), "trajectory", "350.00", "6.1"),
    ("Mantelzorgondersteuning", 0, None, "vrijwilligers", ("social_network", "basic_adl"), "hour", "0.00", "6.1"),
    ("Formulierenhulp en sociaal raadslieden", 1, None, "sociaal_werk", ("finances",), "hour", "0.00", "6.1"),
    (
        "Inloop en eettafel in het buurthuis",
        1,
        None,
        "sociaal_werk",
        ("social_network", "time_use"),
        "piece",
        "0.00",
        "6.1",
    ),
    ("Opvoedondersteuning (cursus)", 1, None, "jeugdhulp", ("domestic_relations",), "trajectory", "0.00", "6.1"),
    (
        "Kortdurende begeleiding door het wijkteam",
        2,
        None,
        "sociaal_werk",
        ("finances", "housing", "mental_health", "domestic_relations", "social_network"),
        "hour",
        "0.00",
        "6.2",
    ),
    ("Schuldhulpverlening", 3, "wgs", "schuldhulp", ("finances",), "trajectory", "2150.00", "6.2"),
    (
        "Huishoudelijke ondersteuning",
        3,
        "wmo2015",
        "wijkverpleging",
        ("instrumental_adl", "physical_health"),
        "hour",
        "31.45",
        "6.71",
    ),
    (
        "Begeleiding individueel",
        3,
        "wmo2015",
        "mee",
        ("mental_health", "instrumental_adl", "finances", "housing"),
        "hour",
        "62.40",
        "6.71",
    ),
    (
        "Begeleiding groep (dagbesteding)",
        3,
        "wmo2015",
        "mee",
        ("time_use", "community_participation"),
        "day_part",
        "41.80",
        "6.71",
    ),
    ("Kortdurend verblijf (respijtzorg)", 3, "wmo2015", "wijkverpleging", ("basic_adl",), "day", "148.00", "6.71"),
    (
        "Jeugdhulp ambulant",
        3,
        "jeugdwet",
        "jeugdhulp",
        ("domestic_relations", "mental_health"),
        "hour",
        "87.30",
        "6.72",
    ),
    ("Re-integratietraject", 3, "participatiewet", "werk_inkomen", ("work_education",), "trajectory", "1800.00", "6.3"),
    ("Specialistische GGZ-behandeling jeugd", 4, "jeugdwet", "ggz", ("mental_health",), "hour", "118.00", "6.72"),
    ("Beschermd wonen", 4, "wmo2015", "ggz", ("housing", "mental_health"), "day", "165.00", "6.81"),
    ("Verslavingszorg ambulant", 4, "wmo2015", "verslavingszorg", ("substance_use",), "hour", "96.50", "6.81"),
]
BUDGETS = {"6.2": "60000", "6.71": "180000", "6.72": "140000", "6.81": "90000", "6.3": "30000"}
ORGANISATION_NAMES = {
    "sociaal_werk": "Sociaal werk Enschede (demo)",
    "mee": "Cliëntondersteuning Twente (demo)",
    "schuldhulp": "Schuldhulp Enschede (demo)",
    "ggz": "GGZ Oost (demo)",
    "wijkverpleging": "Wijkverpleging Enschede (demo)",
    "vrijwilligers": "Vrijwilligerscentrale Enschede (demo)",
    "werk_inkomen": "Werk & inkomen Enschede (demo)",
    "jeugdhulp": "Jeugdhulp Twente (demo)",
    "verslavingszorg": "Verslavingszorg Oost (demo)",
}
EVALUATIONS = [
    (
        "Formulierenhulp en een maatje via de vrijwilligerscentrale",
        "drie maanden",
        "Post wordt geopend, maar betalingsachterstanden lopen op",
        "De schulden zijn te complex voor vrijwilligers",
    ),
    (
        "Inloop in het buurthuis en de eettafel",
        "twee maanden",
        "Mevrouw komt af en toe, blijft somber",
        "Er is structurele begeleiding nodig om de dag door te komen",
    ),
    (
        "Kortdurende begeleiding door de generalist, wekelijks",
        "vier maanden",
        "Huishouden loopt beter, maar zelfstandig plannen lukt niet",
        "Begeleiding moet langer en intensiever dan het team kan bieden",
    ),
    (
        "Opvoedcursus en gesprekken met de jeugdprofessional van het team",
        "drie maanden",
        "Spanningen thuis nemen toe",
        "Gespecialiseerde jeugdhulp is nodig",
    ),
]
STEP_DOWN_REASONS = [
    "Doelen grotendeels bereikt; het netwerk pakt het verder op.",
    "Begeleiding afgerond; de eettafel en het maatje volstaan.",
    "Huishouden redt zich weer met lichte steun uit de buurt.",
]
ROUTE_REASONS = {
    "application": "Inwoner diende een formele aanvraag in voor een maatwerkvoorziening.",
    "wmo_report": "Wmo-melding via het Wmo-loket; onderzoek gestart.",
    "referral": "Verwijzing door de huisarts (Jeugdwet art. 2.6).",
    "safety": "Acute onveiligheid; veiligheidsroute volgens de meldcode.",
}


def _catalogue(municipality: Any) -> dict[str, CatalogueOption]:
    levels = {c.level: c for c in CareLevel.objects.all()}
    bases = {b.code: b for b in LegalBasis.objects.all()}
    domains = {d.code: d for d in LifeDomain.objects.all()}
    providers = {
        key: Organisation.objects.filter(municipality=municipality, name=name).first()
        for key, name in ORGANISATION_NAMES.items()
    }
    options = {}
    for name, level, basis, provider, domain_codes, unit, tariff, function in CATALOGUE:
        option = CatalogueOption.objects.filter(municipality=municipality, name=name, district=None).first()
        if option is None:
            option = services.catalogue_option_create(
                municipality=municipality,
                data={
                    "name": name,
                    "care_level": levels[level],
                    "legal_basis": bases.get(basis) if basis else None,
                    "provider": providers.get(provider) if provider else None,
                    "unit": unit,
                    "tariff": Decimal(tariff),
                    "budget_function": function,
                    "life_domains": [domains[c] for c in domain_codes if c in domains],
                },
                actor=None,
            )
        options[name] = option
    return options


def _budgets(municipality: Any, teams: list[Team], year: int) -> None:
    for team in teams:
        for function, amount in BUDGETS.items():
            Budget.objects.get_or_create(
                municipality=municipality,
                team=team,
                year=year,
                budget_function=function,
                defaults={"amount": Decimal(amount)},
            )


def _plan(rng: random.Random, level: int) -> list[tuple[int | None, int, str]]:
    """A plausible path of (from, to, route) steps ending at `level`."""
    if level == 0:
        return [(None, 1, "team"), (1, 0, "team")]
    if level == 1:
        return rng.choice(
            [
                [(None, 1, "team")],
                [(None, 0, "team"), (0, 1, "team")],
                [(None, 1, "team"), (1, 2, "team"), (2, 1, "team")],
            ]
        )
    if level == 2:
        return rng.choice(
            [
                [(None, 1, "team"), (1, 2, "team")],
                [(None, 2, "team")],
                [(None, 1, "team"), (1, 3, "application"), (3, 2, "team")],
            ]
        )
    if level == 3:
        return rng.choice(
            [
                [(None, 1, "team"), (1, 2, "team"), (2, 3, "team")],
                [(None, 1, "team"), (1, 3, "application")],
                [(None, 2, "team"), (2, 3, "wmo_report")],
            ]
        )
    return rng.choice(
        [
            [(None, 2, "team"), (2, 4, "referral")],
            [(None, 1, "team"), (1, 4, "safety")],
            [(None, 2, "team"), (2, 3, "team"), (3, 4, "team")],
        ]
    )


@transaction.atomic
def demo_load(
    *, municipality: Any, users: dict[str, User], rng: random.Random, today: date | None = None
) -> dict[str, int]:
    today = today or timezone.localdate()
    services.legal_terms_sync()
    options = _catalogue(municipality)
    teams = list(Team.objects.filter(municipality=municipality).order_by("pk"))
    _budgets(municipality, teams, today.year)
    cases = list(
        Case.objects.filter(municipality=municipality, care_level__isnull=False)
        .select_related("team", "coordinator", "care_level", "household")
        .order_by("pk")
    )
    if StepChange.objects.filter(case__municipality=municipality).exists() or not cases:
        return _summary(municipality)
    levels = {c.level: c for c in CareLevel.objects.all()}
    bases = {b.code: b for b in LegalBasis.objects.all()}
    leads = {
        m.team_id: m.user
        for m in Membership.objects.active()
        .filter(team__in=teams, kind=MembershipKind.TEAM_LEAD)
        .select_related("user")
    }
    fallback_actor = users.get("demo-admin")
    # Every level: move a few cases of level 2 to 4 and of level 1 to 0.
    finals = {}
    for index, case in enumerate(cases):
        level = case.care_level.level
        if level == 2 and index % 7 == 0:
            level = 4
        elif level == 1 and index % 3 == 0:
            level = 0
        finals[case.pk] = level
    changes: list[StepChange] = []
    for case in cases:
        actor = case.coordinator or fallback_actor
        path = _plan(rng, finals[case.pk])
        end = case.closed_on or today
        span = max((end - case.opened_on).days, len(path))
        day = case.opened_on
        for number, (from_level, to_level, route) in enumerate(path):
            day = min(end, case.opened_on + timedelta(days=span * (number + 1) // (len(path) + 1)))
            change = StepChange(
                case=case,
                from_level=levels.get(from_level) if from_level is not None else None,
                to_level=levels[to_level],
                route=route,
                decided_on=day,
                actor=actor,
            )
            if route == "team" and from_level is not None and to_level > from_level:
                tried, duration, result, why = rng.choice(EVALUATIONS)
                change.tried, change.duration, change.result, change.why_insufficient = tried, duration, result, why
            elif route == "team" and from_level is not None:
                change.reason = rng.choice(STEP_DOWN_REASONS)
            elif route == "team":
                change.reason = "Eerste inschatting bij de start van de casus."
            else:
                change.reason = ROUTE_REASONS[route]
                if route != "safety":
                    change.received_on = day - timedelta(days=rng.randint(0, 5))
                    change.legal_basis = bases["jeugdwet" if route == "referral" else "wmo2015"]
            changes.append(change)
        case.care_level = levels[finals[case.pk]]
    StepChange.objects.bulk_create(changes)
    Case.objects.bulk_update(cases, ["care_level"])
    decisions = _decisions(rng, cases, finals, options, users, today)
    payments = _payments(rng, cases, leads, today)
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                actor=c.actor,
                actor_repr=str(c.actor),
                action="case.step_changed",
                target_type="cases.case",
                target_id=str(c.case_id),
                summary=f"-> {c.to_level.level} ({c.route})",
            )
            for c in changes
        ]
        + [
            AuditEvent(
                actor=d.recorded_by,
                actor_repr=str(d.recorded_by),
                action="decision.recorded",
                target_type="provisions.decision",
                target_id=str(d.pk),
                summary=d.status,
            )
            for d in decisions
        ]
        + [
            AuditEvent(
                actor=p.approved_by,
                actor_repr=str(p.approved_by),
                action="frontline_payment.recorded",
                target_type="provisions.frontlinepayment",
                target_id=str(p.pk),
                summary=str(p.amount),
            )
            for p in payments
        ]
    )
    return _summary(municipality)


def _decisions(
    rng: random.Random,
    cases: list[Case],
    finals: dict[int, int],
    options: dict[str, CatalogueOption],
    users: dict[str, User],
    today: date,
) -> list[Decision]:
    wmo = users.get("demo-wmo")
    consultants: dict[int, User] = {}
    for membership in (
        Membership.objects.active()
        .filter(team_id__in={c.team_id for c in cases}, kind=MembershipKind.WMO_CONSULTANT)
        .select_related("user")
        .order_by("pk")
    ):
        # demo-wmo records the decisions of her own team; elsewhere the team's own Wmo consultant.
        if membership.team_id not in consultants or membership.user == wmo:
            consultants[membership.team_id] = membership.user
    members: dict[int, list[Any]] = {}
    for member in (
        ClientSystemMember.objects.filter(case__in=cases).select_related("person").order_by("person__birth_date")
    ):
        members.setdefault(member.case_id, []).append(member.person)
    decisions = []
    involved = []
    wmo_options = [
        o
        for o in options.values()
        if o.legal_basis_id and o.care_level.level == 3 and o.legal_basis.code in ("wmo2015",)
    ]
    for case in cases:
        level = finals[case.pk]
        persons = members.get(case.pk, [])
        if level < 3 or not persons:
            continue
        adults = [p for p in persons if p.birth_date and (today - p.birth_date).days > 18 * 365]
        minors = [p for p in persons if p not in adults]
        if level == 4:
            option = options["Specialistische GGZ-behandeling jeugd"] if minors else options["Beschermd wonen"]
        elif minors and rng.random() < 0.3:
            option = options["Jeugdhulp ambulant"]
        elif rng.random() < 0.25:
            option = options["Schuldhulpverlening"]
        else:
            option = rng.choice(wmo_options)
        person = (minors or adults or persons)[0] if option.legal_basis.code == "jeugdwet" else (adults or persons)[0]
        report = case.opened_on + timedelta(days=rng.randint(0, 20))
        application = report + timedelta(days=rng.randint(14, 50))
        decided = application + timedelta(
            days=rng.randint(5, 20) if option.legal_basis.code == "wmo2015" else rng.randint(20, 60)
        )
        start = decided + timedelta(days=rng.randint(0, 10))
        status = "granted"
        if decided > today:
            status, decided = "requested", None
        elif case.closed_on:
            status = "ended"
        elif rng.random() < 0.08:
            status = "objection"
        volume = {
            "hour": Decimal(rng.choice([2, 3, 4, 6])),
            "day_part": Decimal(rng.choice([2, 3, 4])),
            "day": Decimal(rng.choice([5, 7])),
            "trajectory": Decimal(1),
        }.get(option.unit, Decimal(1))
        frequency = {"trajectory": "period", "day": "week"}.get(option.unit, "week")
        decision = Decision(
            case=case,
            person=person,
            option=option,
            legal_basis=option.legal_basis,
            provider=option.provider,
            team_id=case.team_id,
            district=services.case_district(case),
            form="pgb" if rng.random() < 0.15 else "in_kind",
            period_start=start,
            period_end=start + timedelta(days=rng.choice([182, 364])),
            ended_on=min(case.closed_on, start + timedelta(days=364))
            if status == "ended" and case.closed_on and case.closed_on >= start
            else None,
            volume=volume,
            unit=option.unit,
            frequency=frequency,
            tariff=option.tariff,
            status=status,
            urgent=option.legal_basis.code == "wgs" and rng.random() < 0.3,
            report_date=report,
            investigation_done_on=report + timedelta(days=rng.randint(10, 50)),
            application_date=application,
            decided_on=decided,
            recorded_by=consultants.get(case.team_id) or case.coordinator,
        )
        if decision.status == "ended" and decision.ended_on is None:
            decision.ended_on = decision.period_start
        decisions.append(decision)
        if wmo and decision.recorded_by == wmo and not case.closed_on:
            involved.append(
                Involvement(
                    case=case,
                    user=wmo,
                    organisation=_gemeente(case),
                    role="wmo_consultant",
                    start_date=max(case.opened_on, date(2025, 1, 1)),
                )
            )
    # Two lawfulness findings on purpose: a tariff above the catalogue, care started before the application.
    granted = [d for d in decisions if d.status == "granted"]
    if len(granted) >= 2:
        granted[0].tariff = granted[0].tariff + Decimal("7.50")
        granted[1].period_start = granted[1].application_date - timedelta(days=14)
        granted[1].investigation_done_on = None
    Decision.objects.bulk_create(decisions)
    Involvement.objects.bulk_create([i for i in involved if i.organisation is not None])
    return decisions


def _gemeente(case: Case) -> Organisation | None:
    return Organisation.objects.filter(municipality_id=case.municipality_id, name="Gemeente Enschede").first()


def _payments(rng: random.Random, cases: list[Case], leads: dict[int, User], today: date) -> list[FrontlinePayment]:
    reasons = [
        ("Eenmalige boodschappen na afsluiting energie", "85.00"),
        ("Reiskosten naar de schuldhulpverlening", "24.60"),
        ("Vervangen kapotte wasmachine (tweedehands)", "175.00"),
        ("Borg voor een kamer, om dakloosheid te voorkomen", "450.00"),
        ("Zwemles voor de kinderen, zodat ze mee kunnen doen", "120.00"),
    ]
    payments = []
    for case in cases:
        lead = leads.get(case.team_id)
        if lead is None or case.coordinator is None or case.coordinator_id == lead.pk or rng.random() > 0.12:
            continue
        reason, amount = rng.choice(reasons)
        paid = min(today, case.opened_on + timedelta(days=rng.randint(5, 60)))
        payments.append(
            FrontlinePayment(
                team_id=case.team_id,
                case=case,
                district=services.case_district(case),
                amount=Decimal(amount),
                reason=reason,
                paid_on=paid,
                requested_by=case.coordinator,
                approved_by=lead,
            )
        )
    FrontlinePayment.objects.bulk_create(payments)
    return payments


def _summary(municipality: Any) -> dict[str, int]:
    return {
        "options": CatalogueOption.objects.filter(municipality=municipality).count(),
        "step_changes": StepChange.objects.filter(case__municipality=municipality).count(),
        "decisions": Decision.objects.filter(case__municipality=municipality).count(),
        "payments": FrontlinePayment.objects.filter(case__municipality=municipality).count(),
    }
