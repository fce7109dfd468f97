"""Demo data of the teams app: organisations, three teams in Enschede's districts, memberships, mandates,
targets and the social map. Called by the demo loader (`wijkteam.demo.steps`); idempotent.

Organisation and initiative names are generic and marked "(demo)"; extra worker accounts
(`wt-enschede-NN`) are generated, marked `is_demo` and cannot log in (no usable password).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from faker import Faker

from wijkteam.access import services as access_services
from wijkteam.access.models import User
from wijkteam.neighbourhoods.models import Region
from wijkteam.reference.models import CareLevel, LifeDomain
from wijkteam.teams import services
from wijkteam.teams.models import Affiliation, Discipline, Initiative, MandateItem, Membership, Organisation, Team

SYNTHETIC_PREFIX = "wt-enschede-"

ORGANISATIONS: dict[str, tuple[str, str, bool]] = {
    # key: (name, kind, professional secrecy)
    "gemeente": ("Gemeente Enschede", "municipality", False),
    "sociaal_werk": ("Sociaal werk Enschede (demo)", "social_work", False),
    "mee": ("Cliëntondersteuning Twente (demo)", "client_support", False),
    "schuldhulp": ("Schuldhulp Enschede (demo)", "debt_counselling", False),
    "ggz": ("GGZ Oost (demo)", "mental_health", True),
    "wijkverpleging": ("Wijkverpleging Enschede (demo)", "district_nursing", True),
    "vrijwilligers": ("Vrijwilligerscentrale Enschede (demo)", "volunteer_organisation", False),
    "werk_inkomen": ("Werk & inkomen Enschede (demo)", "work_income", False),
    "jeugdhulp": ("Jeugdhulp Twente (demo)", "youth_care", True),
    "verslavingszorg": ("Verslavingszorg Oost (demo)", "addiction_care", True),
}


@dataclass(frozen=True)
class DemoMember:
    who: str  # a demo username, or "" for a generated worker
    kind: str
    organisation: str
    disciplines: tuple[str, ...]
    fte: str
    hours: str = "0"
    role: str = "generalist"


def _generalists(*disciplines: tuple[str, ...], hours: tuple[str, ...]) -> list[DemoMember]:
    return [
        DemoMember("", "generalist", "sociaal_werk", ("generalist", *extra), fte, hour)
        for extra, fte, hour in zip(disciplines, ("0.89", "0.78", "0.89", "0.67"), hours, strict=False)
    ]


TEAMS: dict[str, dict[str, Any]] = {
    "centrum": {
        "name": "Wijkteam Enschede-Centrum",
        "districts": ["WK015300", "WK015302", "WK015303", "WK015307"],
        "form": "municipal_team",
        "start": date(2022, 1, 1),
        "members": [
            DemoMember("demo-teamlead", "team_lead", "gemeente", (), "0.89", role="team_lead"),
            *_generalists(("youth",), ("debts_money",), (), ("housing",), hours=("4", "2", "0", "3")),
            DemoMember("", "specialist", "mee", ("disability_support",), "0.78"),
            DemoMember("", "specialist", "wijkverpleging", ("district_nursing",), "0.50"),
            DemoMember("", "specialist", "schuldhulp", ("debts_money",), "0.67"),
            DemoMember("", "specialist", "werk_inkomen", ("work_income",), "0.56"),
            DemoMember("", "specialist", "ggz", ("mental_health",), "0.44"),
            DemoMember("", "wmo_consultant", "gemeente", ("disability_support",), "0.89", role="wmo_consultant"),
            DemoMember("", "volunteer", "vrijwilligers", ("volunteer_coordination",), "0", "4", role="volunteer"),
        ],
    },
    "oost": {
        "name": "Wijkteam Enschede-Oost",
        "districts": ["WK015301", "WK015304", "WK015308"],
        "form": "foundation",
        "start": date(2022, 1, 1),
        "members": [
            DemoMember("", "team_lead", "sociaal_werk", (), "0.89", role="team_lead"),
            DemoMember("demo-generalist", "generalist", "sociaal_werk", ("generalist", "debts_money"), "0.89", "2"),
            *_generalists(("informal_care_support",), (), ("youth",), hours=("3", "0", "2")),
            DemoMember("", "specialist", "mee", ("disability_support",), "0.67"),
            DemoMember("", "specialist", "ggz", ("mental_health",), "0.56"),
            DemoMember("", "specialist", "wijkverpleging", ("district_nursing",), "0.44"),
            DemoMember("", "specialist", "jeugdhulp", ("youth",), "0.78"),
            DemoMember("", "wmo_consultant", "gemeente", ("disability_support",), "0.78", role="wmo_consultant"),
            DemoMember("demo-volunteer", "volunteer", "vrijwilligers", (), "0", "3", role="volunteer"),
            DemoMember(
                "demo-wmo", "wmo_consultant", "gemeente", ("disability_support",), "0.67", role="wmo_consultant"
            ),
        ],
    },
    "zuid": {
        "name": "Wijkteam Enschede-Zuid",
        "districts": ["WK015305", "WK015306", "WK015309"],
        "form": "partner_network",
        "start": date(2023, 9, 1),
        "members": [
            DemoMember("", "team_lead", "gemeente", (), "0.78", role="team_lead"),
            *_generalists(("work_income",), (), ("mental_health",), ("debts_money",), hours=("0", "4", "2", "0")),
            DemoMember("", "specialist", "mee", ("disability_support",), "0.78"),
            DemoMember("", "specialist", "werk_inkomen", ("work_income",), "0.67"),
            DemoMember("", "specialist", "jeugdhulp", ("youth",), "0.56"),
            DemoMember("", "specialist", "verslavingszorg", ("addiction",), "0.44"),
            DemoMember("", "specialist", "schuldhulp", ("debts_money",), "0.56"),
            DemoMember("", "wmo_consultant", "gemeente", ("disability_support",), "0.89", role="wmo_consultant"),
            DemoMember("", "volunteer", "vrijwilligers", ("volunteer_coordination",), "0", "6", role="volunteer"),
        ],
    },
}

MANDATE: list[tuple[str, bool, str]] = [
    # (ld:<life domain> or tg:<target group>, in scope, note)
    ("ld:finances", True, "Eerste hulp bij geldzaken; schuldregelingen via de schuldhulpverlening."),
    ("ld:work_education", True, "Samen met Werk & inkomen; geen re-integratietrajecten."),
    ("ld:housing", True, "Dreigende huisuitzetting, woonproblemen; geen woningtoewijzing."),
    ("ld:domestic_relations", True, "Opvoeden en relaties; bij onveiligheid de meldcode."),
    ("ld:mental_health", True, "Lichte psychische problemen; behandeling door de GGZ."),
    ("ld:social_network", True, "Eenzaamheid en mantelzorg, met de sociale kaart."),
    ("ld:justice", False, "Geen reclasseringstaken; justitiële gegevens alleen met grondslag."),
    ("tg:multi_problem", True, "Eén huishouden, één plan, één regisseur."),
    ("tg:youth", True, "Lichte opvoedvragen; gespecialiseerde jeugdhulp via verwijzing."),
    ("tg:elderly", True, "Samen met de wijkverpleging."),
    ("tg:homeless", False, "Centrale toegang maatschappelijke opvang (regio Twente)."),
]

TARGETS: list[tuple[str, str, str, str]] = [
    ("share_closed_improved", "gte", "60", "2026"),
    ("reentry_12m", "lte", "15", "2026"),
    ("share_solved_level_le_2", "gte", "70", "2026"),
    ("days_request_to_plan", "lte", "28", "2026"),
]

# (district, name, kind, care level, life domains, schedule, location)
INITIATIVES: list[tuple[str, str, str, int, tuple[str, ...], str, str]] = [
    ("WK015300", "Eettafel De Laares (demo)", "meal_club", 0, ("social_network", "time_use"),
     "Dinsdag en donderdag 12.00–13.30 uur", "Buurtruimte in De Laares"),
    ("WK015300", "Inloopspreekuur Centrum (demo)", "walk_in", 1, ("finances", "housing", "community_participation"),
     "Maandag t/m vrijdag 9.00–12.00 uur", "Wijkcentrum Binnensingelgebied"),
    ("WK015300", "Taalcafé Centrum (demo)", "language_digital_help", 1, ("community_participation", "work_education"),
     "Woensdag 14.00–16.00 uur", "Bibliotheek, leeszaal"),
    ("WK015301", "Buurthuis Velve-Lindenhof (demo)", "community_centre", 1,
     ("social_network", "time_use", "community_participation"), "Dagelijks open 9.00–17.00 uur", "Velve-Lindenhof"),
    ("WK015301", "Mantelzorgcafé Hogeland (demo)", "informal_carer_support", 1,
     ("domestic_relations", "social_network"), "Eerste donderdag van de maand 19.30 uur", "Buurthuis Hogeland"),
    ("WK015302", "Wandelgroep Stadsveld (demo)", "sports_exercise", 0, ("physical_health", "social_network"),
     "Zaterdag 10.00 uur", "Start bij het park in Stadsveld"),
    ("WK015302", "Formulierenhulp Boswinkel (demo)", "walk_in", 1, ("finances",),
     "Dinsdag 13.00–15.00 uur", "Wijkcentrum Boswinkel"),
    ("WK015303", "Eettafel Twekkelerveld (demo)", "meal_club", 0, ("social_network", "physical_health"),
     "Vrijdag 17.30 uur", "Buurthuis Twekkelerveld"),
    ("WK015303", "Digicafé Twekkelerveld (demo)", "language_digital_help", 1,
     ("instrumental_adl", "community_participation"), "Maandag 10.00–12.00 uur", "Buurthuis Twekkelerveld"),
    ("WK015304", "Buurtcentrum Roombeek (demo)", "community_centre", 1, ("social_network", "time_use"),
     "Maandag t/m zaterdag", "Roombeek"),
    ("WK015304", "Klusgroep Deppenbroek (demo)", "volunteer_group", 0, ("housing", "instrumental_adl"),
     "Op afspraak", "Deppenbroek"),
    ("WK015305", "Beweegclub Stokhorst (demo)", "sports_exercise", 0, ("physical_health", "social_network"),
     "Woensdag 10.00 uur", "Sporthal Stokhorst"),
    ("WK015306", "Buurthuis Stroinkslanden (demo)", "community_centre", 1,
     ("social_network", "time_use", "community_participation"), "Dagelijks open", "Stroinkslanden"),
    ("WK015306", "Mantelzorgsteunpunt Zuid (demo)", "informal_carer_support", 1,
     ("domestic_relations", "mental_health"),
     "Dinsdag 9.30–11.30 uur", "Wijkcentrum Zuid"),
    ("WK015308", "Eettafel Glanerbrug (demo)", "meal_club", 0, ("social_network",),
     "Woensdag 12.00 uur", "Dorpshuis Glanerbrug"),
    ("WK015308", "Taalmaatjes Glanerbrug (demo)", "volunteer_group", 0, ("community_participation", "social_network"),
     "Wekelijks, tijd in overleg", "Glanerbrug"),
    ("WK015309", "Vervoersdienst vrijwilligers Lonneker (demo)", "volunteer_group", 0,
     ("instrumental_adl", "social_network"), "Op werkdagen, een dag vooraf bellen", "Lonneker en omgeving"),
]  # fmt: skip


DESCRIPTIONS = {
    "meal_club": "Samen eten voor een kleine bijdrage; aanschuiven zonder verwijzing.",
    "community_centre": "Inloop, koffie en activiteiten voor buurtbewoners.",
    "walk_in": "Vragen over post, formulieren en geld; zonder afspraak.",
    "language_digital_help": "Oefenen met Nederlands en hulp bij computer, telefoon en DigiD.",
    "informal_carer_support": "Ontmoeting en advies voor mantelzorgers.",
    "sports_exercise": "Bewegen in de buurt, op eigen niveau.",
    "volunteer_group": "Vrijwilligers uit de buurt helpen bij klusjes, vervoer of taal.",
}


def _organisations(municipality: Region, actor: User) -> dict[str, Organisation]:
    result = {}
    for key, (name, kind, secrecy) in ORGANISATIONS.items():
        organisation = Organisation.objects.filter(municipality=municipality, name=name).first()
        if organisation is None:
            organisation = services.organisation_create(
                municipality=municipality, name=name, kind=kind, professional_secrecy=secrecy, actor=actor
            )
        result[key] = organisation
    return result


def _worker(number: int, role: str, fake: Faker) -> User:
    username = f"{SYNTHETIC_PREFIX}{number:02d}"
    first_name, last_name = fake.first_name(), fake.last_name()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = access_services.user_create(
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=f"{username}@wijkteam.example.nl",
            roles=[role],
            password=None,
            is_demo=True,
            actor=None,
        )
    return user


def _team(spec: dict[str, Any], municipality: Region, actor: User) -> Team:
    team = Team.objects.filter(municipality=municipality, name=spec["name"]).first()
    if team is None:
        team = services.team_create(
            municipality=municipality,
            name=spec["name"],
            organisational_form=spec["form"],
            start_date=spec["start"],
            districts=list(Region.objects.filter(code__in=spec["districts"])),
            actor=actor,
        )
    return team


def _mandate(team: Team, actor: User) -> None:
    domains = {d.code: d for d in LifeDomain.objects.all()}
    for subject, in_scope, note in MANDATE:
        kind, code = subject.split(":")
        life_domain = domains.get(code) if kind == "ld" else None
        target_group = code if kind == "tg" else ""
        exists = (
            team.mandate_items.filter(kind=MandateItem.Kind.LIFE_DOMAIN, life_domain=life_domain).exists()
            if life_domain
            else team.mandate_items.filter(kind=MandateItem.Kind.TARGET_GROUP, target_group=target_group).exists()
        )
        if not exists and (life_domain or target_group):
            services.mandate_item_add(
                team=team, life_domain=life_domain, target_group=target_group, in_scope=in_scope, note=note, actor=actor
            )
    for metric_key, comparison, value, period in TARGETS:
        if not team.targets.filter(metric_key=metric_key, period=period).exists():
            services.target_set(
                team=team,
                metric_key=metric_key,
                comparison=comparison,
                value=Decimal(value),
                period=period,
                actor=actor,
            )


def demo_load(*, users: dict[str, User], rng: random.Random) -> dict[str, Any]:
    """Load the teams demo for Enschede (GM0153); returns the organisations and teams by key."""
    municipality = Region.objects.get(code="GM0153")
    actor = users["demo-admin"]
    services.discipline_data_sync()
    disciplines = {d.code: d for d in Discipline.objects.all()}
    organisations = _organisations(municipality, actor)
    fake = Faker("nl_NL")
    fake.seed_instance(rng.randint(0, 2**31))
    teams: dict[str, Team] = {}
    number = 0
    for key, spec in TEAMS.items():
        team = _team(spec, municipality, actor)
        teams[key] = team
        for member in spec["members"]:
            if member.who:
                user = users[member.who]
            else:
                number += 1
                user = _worker(number, member.role, fake)
            if Membership.objects.filter(team=team, user=user).exists():
                continue
            services.membership_start(
                team=team,
                user=user,
                organisation=organisations[member.organisation],
                kind=member.kind,
                fte=Decimal(member.fte),
                collective_hours_per_week=Decimal(member.hours),
                disciplines=[disciplines[code] for code in member.disciplines],
                start_date=max(spec["start"], date(2024, 1, 1)) if not member.who else date(2025, 1, 1),
                actor=actor,
            )
        _mandate(team, actor)
    _history(teams["centrum"], fake, organisations, disciplines, actor)

    partner = users["demo-partner"]
    if not Affiliation.objects.filter(user=partner, organisation=organisations["schuldhulp"]).exists():
        services.affiliation_start(
            user=partner,
            organisation=organisations["schuldhulp"],
            job_title="Schuldhulpverlener",
            start_date=date(2023, 1, 1),
            actor=actor,
        )
    _initiatives(teams, actor)
    return {"organisations": organisations, "teams": teams}


def _history(
    team: Team, fake: Faker, organisations: dict[str, Organisation], disciplines: dict[str, Discipline], actor: User
) -> None:
    """A generalist who left, so the team's history shows more than the current members."""
    user = _worker(90, "generalist", fake)
    if Membership.objects.filter(team=team, user=user).exists():
        return
    membership = services.membership_start(
        team=team,
        user=user,
        organisation=organisations["sociaal_werk"],
        kind="generalist",
        fte=Decimal("0.67"),
        disciplines=[disciplines["generalist"]],
        start_date=date(2022, 1, 1),
        actor=actor,
    )
    services.membership_end(membership=membership, end_date=date(2024, 12, 31), actor=actor)


def _initiatives(teams: dict[str, Team], actor: User) -> None:
    team_of_district = {code: team for key, team in teams.items() for code in TEAMS[key]["districts"]}
    districts = {r.code: r for r in Region.objects.filter(code__in=team_of_district)}
    levels = {c.level: c for c in CareLevel.objects.filter(level__in=(0, 1))}
    domains = {d.code: d for d in LifeDomain.objects.all()}
    for code, name, kind, level, domain_codes, schedule, location in INITIATIVES:
        district = districts[code]
        if Initiative.objects.filter(district=district, name=name).exists():
            continue
        slug = name.split(" (")[0].lower().replace(" ", "-")
        services.initiative_create(
            team=team_of_district[code],
            district=district,
            name=name,
            kind=kind,
            care_level=levels[level],
            life_domains=[domains[c] for c in domain_codes],
            description=DESCRIPTIONS[kind],
            location=location,
            contact=f"{slug}@voorbeeld.example.nl",
            schedule=schedule,
            actor=actor,
        )
