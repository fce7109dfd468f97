"""Demo case files for the demo households: cases in every stage over the last 18 months, with plans,
goals, actions, notes, involvements and conferences; short contacts, signals and an intake queue.

Who sees what in the demo:
- demo-generalist (Fatima) is a generalist in Wijkteam Enschede-Oost and coordinates about twelve of its
  open cases (some actions due today, one overdue, new signals for her team);
- demo-teamlead (Anouk) leads Wijkteam Enschede-Centrum and sees its cases as index cards;
- demo-partner (Joost, Schuldhulp Enschede, no team membership) is involved in a few cases of Oost and
  of Centrum, with his own actions and notes under professional secrecy;
- demo-volunteer (Henk, Oost) has actions assigned: some due today, one overdue, some done.

The teams step (teams app) sets up organisations, teams and memberships; when it has not run, this step
creates the three teams, the organisations and a minimal staff itself, under the same names and
usernames, so that step can extend them later. Extra workers are `wt-enschede-NN`: marked `is_demo`,
without a usable password.

Everything is generated with a seeded `random` and Faker nl_NL and written in bulk with the audit events
the services would have written (ids only). Idempotent: when the municipality has cases, nothing is
added.
"""

from __future__ import annotations

import functools
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Group
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from faker import Faker

from wijkteam.access.models import AuditEvent, User
from wijkteam.cases import lifecycle
from wijkteam.cases.legal_basis import default_legal_basis_code
from wijkteam.cases.models import (
    Action,
    Audience,
    Case,
    CaseConference,
    CaseStatus,
    ClientSystemMember,
    ClientSystemRole,
    ContactMoment,
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
)
from wijkteam.demo import case_texts as texts
from wijkteam.households.age import is_minor_on
from wijkteam.households.models import Household, Person, Residence
from wijkteam.neighbourhoods.models import Region, RegionLevel
from wijkteam.reference.models import CareLevel, LegalBasis, LifeDomain
from wijkteam.teams.models import Membership, Organisation, Team

ACTOR_REPR = "demo loader"
SYNTHETIC_PREFIX = "wt-enschede-"
HISTORY_DAYS = 540  # 18 months

# key: (name, kind, professional secrecy) — the same names as the teams demo.
ORGANISATIONS: dict[str, tuple[str, str, bool]] = {
    "gemeente": ("Gemeente Enschede", "municipality", False),
    "sociaal_werk": ("Sociaal werk Enschede (demo)", "social_work", False),
    "mee": ("Cliëntondersteuning Twente (demo)", "client_support", False),
    "schuldhulp": ("Schuldhulp Enschede (demo)", "debt_counselling", True),
    "wijkverpleging": ("Wijkverpleging Enschede (demo)", "district_nursing", True),
    "vrijwilligers": ("Vrijwilligerscentrale Enschede (demo)", "volunteer_organisation", False),
}
# key: (name, CBS districts, organisational form, start)
TEAMS: dict[str, tuple[str, tuple[str, ...], str, date]] = {
    "centrum": (
        "Wijkteam Enschede-Centrum",
        ("WK015300", "WK015302", "WK015303", "WK015307"),
        "municipal_team",
        date(2022, 1, 1),
    ),
    "oost": ("Wijkteam Enschede-Oost", ("WK015301", "WK015304", "WK015308"), "foundation", date(2022, 1, 1)),
    "zuid": ("Wijkteam Enschede-Zuid", ("WK015305", "WK015306", "WK015309"), "partner_network", date(2023, 9, 1)),
}
# A minimal staff when the teams step has not run: (team, demo username or worker number, kind, organisation,
# role). Worker numbers follow the teams demo, so it finds these accounts and extends the teams around them.
STAFF: list[tuple[str, str | int, str, str, str]] = [
    ("centrum", "demo-teamlead", "team_lead", "gemeente", "team_lead"),
    *[("centrum", n, "generalist", "sociaal_werk", "generalist") for n in (1, 2, 3, 4)],
    ("centrum", 5, "specialist", "mee", "generalist"),
    ("centrum", 6, "specialist", "wijkverpleging", "generalist"),
    ("centrum", 7, "specialist", "schuldhulp", "generalist"),
    ("centrum", 11, "volunteer", "vrijwilligers", "volunteer"),
    ("oost", 12, "team_lead", "sociaal_werk", "team_lead"),
    ("oost", "demo-generalist", "generalist", "sociaal_werk", "generalist"),
    *[("oost", n, "generalist", "sociaal_werk", "generalist") for n in (13, 14, 15)],
    ("oost", 16, "specialist", "mee", "generalist"),
    ("oost", 18, "specialist", "wijkverpleging", "generalist"),
    ("oost", "demo-volunteer", "volunteer", "vrijwilligers", "volunteer"),
    ("zuid", 21, "team_lead", "gemeente", "team_lead"),
    *[("zuid", n, "generalist", "sociaal_werk", "generalist") for n in (22, 23, 24, 25)],
    ("zuid", 26, "specialist", "mee", "generalist"),
    ("zuid", 30, "specialist", "schuldhulp", "generalist"),
    ("zuid", 32, "volunteer", "vrijwilligers", "volunteer"),
]
FTE = {"team_lead": "0.89", "generalist": "0.89", "specialist": "0.67", "volunteer": "0"}

FIRST_CASES = 150
REENTRIES = 10
OPEN_REQUESTS = 8
SHORT_CONTACT_REQUESTS = 5
SHORT_CONTACTS = 60
SIGNALS = 25
NEW_SIGNALS = 9
GENERALIST_OPEN_CASES = 12
PARTNER_CASES_PER_TEAM = 3
VOLUNTEER_ACTIONS = 8
CONFERENCES = 8
SAFETY_CASES = 3

STATUS_WEIGHTS = {"closed": 45, "execution": 25, "evaluation": 8, "plan": 10, "intake": 12}
# status -> (earliest, latest) opening, in days before today
OPENED_WINDOW = {
    "closed": (HISTORY_DAYS, 45),
    "evaluation": (420, 120),
    "execution": (320, 35),
    "plan": (60, 12),
    "intake": (20, 0),
}
CLOSING = {  # reason: (weight, results with weights)
    "goals_reached": (40, {"improved": 9, "stable": 1}),
    "partly_reached": (25, {"improved": 5, "stable": 4, "worsened": 1}),
    "referred": (12, {"stable": 4, "worsened": 3, "unknown": 3}),
    "no_longer_wanted": (10, {"stable": 5, "unknown": 5}),
    "moved": (6, {"unknown": 1}),
    "no_contact": (7, {"unknown": 1}),
}
CHANNELS = {"self": 30, "gp": 15, "neighbour": 8, "school": 10, "partner": 15, "police": 4, "signal": 6, "other": 4}
ACTION_KINDS = {"household": 30, "own_network": 12, "volunteer": 15, "worker": 28, "partner": 15}
INVOLVEMENT_ROLE = {
    "client_support": "specialist",
    "district_nursing": "district_nurse",
    "debt_counselling": "debt_counsellor",
}


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _between(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


# --- teams, organisations and staff ---------------------------------------------------------------


@dataclass
class Staff:
    """The running memberships of one team, as the demo needs them."""

    team: Team
    lead: User | None = None
    generalists: list[User] = field(default_factory=list)
    specialists: list[tuple[User, Organisation]] = field(default_factory=list)
    volunteers: list[User] = field(default_factory=list)
    organisation_of: dict[int, Organisation] = field(default_factory=dict)


class _Events:
    """Audit events the services would have written, collected for one bulk insert."""

    def __init__(self) -> None:
        self.rows: list[AuditEvent] = []

    def add(self, action: str, target: models.Model, details: dict[str, Any] | None = None) -> None:
        self.rows.append(
            AuditEvent(
                actor=None,
                actor_repr=ACTOR_REPR,
                action=action,
                target_type=target._meta.label_lower,
                target_id=str(target.pk),
                details=details or {},
            )
        )

    def many(self, action: str, targets: list[Any], details: Any = None) -> None:
        for target in targets:
            self.add(action, target, details(target) if details else None)

    def save(self) -> None:
        AuditEvent.objects.bulk_create(self.rows, batch_size=1000)


def _worker(number: int, role: str, fake: Faker, events: _Events) -> User:
    username = f"{SYNTHETIC_PREFIX}{number:02d}"
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username,
            first_name=fake.first_name(),
            last_name=fake.last_name(),
            email=f"{username}@wijkteam.example.nl",
            is_demo=True,
        )
        user.set_unusable_password()
        user.save()
        user.groups.set(Group.objects.filter(name=role))
        events.add("user.created", user)
    return user


def demo_teams_ensure(
    *, municipality: Region, users: dict[str, User], fake: Faker, events: _Events
) -> tuple[dict[str, Staff], dict[str, Organisation]]:
    """The demo organisations and teams with their staff: as the teams step left them, or, for a team
    without any running membership, a minimal staff of generalists, specialists, a lead and a volunteer."""
    organisations = {}
    for key, (name, kind, secrecy) in ORGANISATIONS.items():
        organisation, created = Organisation.objects.get_or_create(
            municipality=municipality, name=name, defaults={"kind": kind, "professional_secrecy": secrecy}
        )
        if created:
            events.add("organisation.created", organisation)
        organisations[key] = organisation
    teams = {}
    for key, (name, districts, form, start) in TEAMS.items():
        team, created = Team.objects.get_or_create(
            municipality=municipality, name=name, defaults={"organisational_form": form, "start_date": start}
        )
        if created:
            team.districts.set(Region.objects.filter(code__in=districts, level=RegionLevel.DISTRICT))
            events.add("team.created", team)
        teams[key] = team
    unstaffed = {key for key, team in teams.items() if not Membership.objects.active().filter(team=team).exists()}
    for key, who, kind, organisation_key, role in STAFF:
        team = teams[key]
        if isinstance(who, str):
            user = users[who]
        elif key in unstaffed:
            user = _worker(who, role, fake, events)
        else:
            continue
        if Membership.objects.filter(team=team, user=user).exists():
            continue
        membership = Membership.objects.create(
            user=user,
            team=team,
            organisation=organisations[organisation_key],
            kind=kind,
            fte=Decimal(FTE[kind]),
            start_date=date(2025, 1, 1) if isinstance(who, str) else max(team.start_date, date(2024, 1, 1)),
        )
        events.add("membership.started", membership, {"team": team.pk, "user": user.pk})
    staff = {}
    for key, team in teams.items():
        crew = Staff(team=team)
        for membership in (
            Membership.objects.active()
            .filter(team=team)
            .select_related("user", "organisation")
            .order_by("user__username")
        ):
            user = membership.user
            crew.organisation_of.setdefault(user.pk, membership.organisation)
            if membership.kind == "team_lead":
                crew.lead = crew.lead or user
            elif membership.kind == "generalist":
                crew.generalists.append(user)
            elif membership.kind == "specialist":
                crew.specialists.append((user, membership.organisation))
            elif membership.kind == "volunteer":
                crew.volunteers.append(user)
        if not crew.generalists:
            raise ValueError(f"{team.name} has no generalists to coordinate its cases")
        staff[key] = crew
    return staff, organisations


# --- the cases ------------------------------------------------------------------------------------


@dataclass
class _Home:
    household: Household
    members: list[Person]
    team_key: str
    district: Region | None
    today: date

    @property
    def adults(self) -> list[Person]:
        return [p for p in self.members if not is_minor_on(p.birth_date, self.today)] or self.members

    @property
    def children(self) -> list[Person]:
        return [p for p in self.members if is_minor_on(p.birth_date, self.today)]


@dataclass
class _Spec:
    home: _Home
    status: str
    opened_on: date
    domains: list[str]
    closed_on: date | None = None
    coordinator: User | None = None
    reentry_of: _Spec | None = None
    safety: bool = False
    partner: bool = False
    case: Case = field(init=False)  # set when the cases are written

    @property
    def is_open(self) -> bool:
        return self.status != CaseStatus.CLOSED


class _Generator:
    def __init__(
        self,
        *,
        municipality: Region,
        staff: dict[str, Staff],
        organisations: dict[str, Organisation],
        users: dict[str, User],
        rng: random.Random,
        fake: Faker,
        today: date,
        events: _Events,
    ) -> None:
        self.municipality = municipality
        self.staff = staff
        self.organisations = organisations
        self.users = users
        self.rng = rng
        self.fake = fake
        self.today = today
        self.events = events
        self.domains = {d.code: d for d in LifeDomain.objects.filter(is_active=True)}
        self.care_levels = {c.level: c for c in CareLevel.objects.all()}
        self.districts = {
            r.code: r for r in Region.objects.filter(municipality=municipality, level=RegionLevel.DISTRICT)
        }
        self.team_of_district = {code: key for key, (_, codes, _, _) in TEAMS.items() for code in codes}
        self.specs: list[_Spec] = []
        self.case_requests: list[HelpRequest] = []

    # households

    def homes(self, households: list[Household]) -> list[_Home]:
        members: dict[int, list[Person]] = defaultdict(list)
        for person in Person.objects.filter(household__in=households).order_by("birth_date", "id"):
            members[person.household_id].append(person)
        district_of = dict(
            Residence.objects.open()
            .filter(household__in=households)
            .values_list("household_id", "address__neighbourhood__parent__code")
        )
        homes = []
        keys = list(TEAMS)
        for index, household in enumerate(households):
            if not members[household.pk]:
                continue
            code = district_of.get(household.pk)
            team_key = self.team_of_district.get(code or "", keys[index % len(keys)])
            homes.append(_Home(household, members[household.pk], team_key, self.districts.get(code or ""), self.today))
        return homes

    def pick_domains(self) -> list[str]:
        main = _weighted(self.rng, texts.MAIN_DOMAINS)
        companions = [c for c in texts.COMPANIONS[main] if c in self.domains]
        extra = self.rng.sample(companions, k=min(len(companions), self.rng.choice([0, 1, 1, 2])))
        return [main, *extra]

    # which cases, in which stage, when

    def plan_cases(self, homes: list[_Home]) -> None:
        for home in homes:
            status = _weighted(self.rng, STATUS_WEIGHTS)
            earliest, latest = OPENED_WINDOW[status]
            opened = _between(self.rng, self.today - timedelta(days=earliest), self.today - timedelta(days=latest))
            spec = _Spec(home=home, status=status, opened_on=opened, domains=self.pick_domains())
            if status == CaseStatus.CLOSED:
                spec.closed_on = min(opened + timedelta(days=self.rng.randint(25, 320)), self.today - timedelta(days=3))
            self.specs.append(spec)
        # Re-entries: a new request within a year after closing.
        closed = [s for s in self.specs if s.closed_on and (self.today - s.closed_on).days > 40]
        for first in self.rng.sample(closed, k=min(REENTRIES, len(closed))):
            closed_on = first.closed_on or self.today
            gap = self.rng.randint(20, min(330, (self.today - closed_on).days - 5))
            opened = closed_on + timedelta(days=gap)
            age = (self.today - opened).days
            status = "execution" if age > 90 else "plan" if age > 25 else "intake"
            self.specs.append(
                _Spec(
                    home=first.home,
                    status=status,
                    opened_on=opened,
                    domains=first.domains[:1] + self.pick_domains()[:1],
                    reentry_of=first,
                )
            )
        for spec in self.specs:
            spec.domains = list(dict.fromkeys(spec.domains))

    def assign_coordinators(self) -> None:
        generalist = self.users.get("demo-generalist")
        for key, crew in self.staff.items():
            specs = [s for s in self.specs if s.home.team_key == key]
            self.rng.shuffle(specs)
            others = [g for g in crew.generalists if g != generalist] or crew.generalists
            mine = 0
            for spec in specs:
                if spec.status == CaseStatus.INTAKE and self.rng.random() < 0.35:
                    continue  # waiting for a coordinator
                if generalist in crew.generalists and (
                    (spec.is_open and mine < GENERALIST_OPEN_CASES) or (not spec.is_open and self.rng.random() < 0.3)
                ):
                    spec.coordinator = generalist
                    mine += spec.is_open
                else:
                    spec.coordinator = self.rng.choice(others)
        for spec in self.specs:
            if spec.reentry_of and spec.coordinator is None:
                spec.coordinator = spec.reentry_of.coordinator

    def mark_safety_and_partner(self) -> None:
        families = [s for s in self.specs if s.status in ("plan", "execution") and s.home.children and not s.reentry_of]
        for spec in self.rng.sample(families, k=min(SAFETY_CASES, len(families))):
            spec.safety = True
            if "domestic_relations" not in spec.domains:
                spec.domains.append("domestic_relations")
        for key in ("oost", "centrum"):
            running = [
                s for s in self.specs if s.home.team_key == key and s.status in ("plan", "execution", "evaluation")
            ]
            running.sort(key=lambda s: ("finances" not in s.domains, s.opened_on))
            for spec in running[:PARTNER_CASES_PER_TEAM]:
                spec.partner = True
                if "finances" not in spec.domains:
                    spec.domains.append("finances")

    # writing

    def help_request(
        self, home: _Home, received_on: date, domains: list[str], status: str, team: Team, by: User
    ) -> HelpRequest:
        urgency = _weighted(self.rng, {"normal": 82, "soon": 15, "crisis": 3})
        return HelpRequest(
            municipality=self.municipality,
            team=team,
            household=home.household,
            received_on=received_on,
            channel=_weighted(self.rng, CHANNELS),
            words=self.rng.choice(texts.REQUESTS[domains[0]]),
            urgency=urgency,
            is_wmo_report=self.rng.random() < 0.12,
            status=status,
            registered_by=by,
            legal_basis=self.legal_bases.get(default_legal_basis_code(domains)),
        )

    @functools.cached_property
    def legal_bases(self) -> dict[str, LegalBasis]:
        return {basis.code: basis for basis in LegalBasis.objects.all()}

    def write_cases(self) -> dict[str, list[Any]]:
        requests, cases = [], []
        self.specs.sort(key=lambda s: s.opened_on)
        for spec in self.specs:
            crew = self.staff[spec.home.team_key]
            registrar = spec.coordinator or crew.lead or crew.generalists[0]
            request = self.help_request(
                spec.home,
                max(
                    spec.opened_on - timedelta(days=self.rng.randint(0, 10)),
                    (spec.reentry_of.closed_on or date.min) if spec.reentry_of else date.min,
                ),
                spec.domains,
                HelpRequest.Status.CASE,
                crew.team,
                registrar,
            )
            if spec.safety:
                request.acute_unsafety = self.rng.random() < 0.5
                request.insufficient_basic_care = not request.acute_unsafety
                request.urgency = "soon"
            requests.append(request)
        HelpRequest.objects.bulk_create(requests)
        self.case_requests = requests
        self._life_domains(HelpRequest, requests, [s.domains for s in self.specs])
        for spec, request in zip(self.specs, requests, strict=True):
            spec.case = self.case(spec, request)
            cases.append(spec.case)
        Case.objects.bulk_create(cases)
        self.events.many(
            "help_request.registered", requests, lambda r: {"channel": r.channel, "wmo_report": r.is_wmo_report}
        )
        self.events.many("case.opened", cases, lambda c: {"reentry": c.is_reentry, "coordinator": c.coordinator_id})
        self.events.many(
            "case.closed", [c for c in cases if c.closed_on], lambda c: {"reason": c.closing_reason, "result": c.result}
        )
        ClientSystemMember.objects.bulk_create(
            [
                ClientSystemMember(
                    case=spec.case,
                    person=person,
                    role=ClientSystemRole.CHILD
                    if is_minor_on(person.birth_date, self.today)
                    else ClientSystemRole.CLIENT,
                )
                for spec in self.specs
                for person in spec.home.members
            ]
        )
        self.coordinator_changes()
        self.safety()
        return {"requests": requests, "cases": cases}

    def case(self, spec: _Spec, request: HelpRequest) -> Case:
        crew = self.staff[spec.home.team_key]
        earlier = [spec.reentry_of.closed_on] if spec.reentry_of else []
        case = Case(
            municipality=self.municipality,
            team=crew.team,
            household=spec.home.household,
            help_request=request,
            coordinator=spec.coordinator,
            status=spec.status,
            opened_on=spec.opened_on,
            is_reentry=lifecycle.is_reentry(opened_on=spec.opened_on, earlier_closures=earlier),
            legal_basis=request.legal_basis,
        )
        if spec.status in ("execution", "evaluation", "closed"):
            agreed = spec.opened_on + timedelta(days=self.rng.randint(10, 40))
            if agreed < (spec.closed_on or self.today):
                case.plan_agreed_on = agreed
            level = _weighted(self.rng, {"1": 20, "2": 60, "3": 20})
            case.care_level = self.care_levels.get(int(level))
        if spec.is_open:
            case.next_step = self.rng.choice(texts.NEXT_STEPS[spec.status])
        else:
            closed_on = spec.closed_on or self.today
            reason = self.rng.choices(list(CLOSING), weights=[w for w, _ in CLOSING.values()])[0]
            case.closed_on = closed_on
            case.closing_reason = reason
            case.result = _weighted(self.rng, CLOSING[reason][1])
            case.closing_note = self.rng.choice(texts.CLOSING_NOTES[reason])
            if reason in ("goals_reached", "partly_reached") and self.rng.random() < 0.35:
                case.follow_up_on = closed_on + timedelta(days=self.rng.randint(45, 120))
        return case

    def _life_domains(self, model: type[models.Model], rows: list[Any], codes: list[list[str]]) -> None:
        through = model.life_domains.through  # type: ignore[attr-defined]
        column = f"{model._meta.model_name}_id"
        through.objects.bulk_create(
            [
                through(**{column: row.pk, "lifedomain_id": self.domains[code].pk})
                for row, row_codes in zip(rows, codes, strict=True)
                for code in row_codes
                if code in self.domains
            ]
        )

    def coordinator_changes(self) -> None:
        rows = []
        for spec in self.specs:
            case = spec.case
            if case.coordinator is None:
                continue
            crew = self.staff[spec.home.team_key]
            others = [g for g in crew.generalists if g != case.coordinator]
            if others and self.rng.random() < 0.1:
                first = self.rng.choice(others)
                rows.append(
                    CoordinatorChange(case=case, to_user=first, reason=gettext("Case opened"), changed_by=first)
                )
                rows.append(
                    CoordinatorChange(
                        case=case,
                        from_user=first,
                        to_user=case.coordinator,
                        reason=self.rng.choice(texts.COORDINATOR_CHANGE_REASONS),
                        changed_by=crew.lead or case.coordinator,
                    )
                )
            else:
                rows.append(
                    CoordinatorChange(
                        case=case, to_user=case.coordinator, reason=gettext("Case opened"), changed_by=case.coordinator
                    )
                )
        CoordinatorChange.objects.bulk_create(rows)
        self.events.many(
            "case.coordinator_changed",
            [r.case for r in rows if r.from_user_id],
            lambda c: {"to": c.coordinator_id},
        )

    def safety(self) -> None:
        rows = []
        for number, spec in enumerate(s for s in self.specs if s.safety):
            consulted = spec.opened_on + timedelta(days=3)
            rows.append(
                SafetyAssessment(
                    case=spec.case,
                    signals_mapped="Zorgen over de verzorging van de kinderen en spanningen tussen de ouders.",
                    veilig_thuis_consulted_on=consulted if consulted <= self.today else None,
                    veilig_thuis_advice="Hulp organiseren en de situatie goed volgen."
                    if consulted <= self.today
                    else "",
                    talked_with_client="Met moeder besproken; zij herkent de zorgen en wil hulp." if number else "",
                    weighing="Hulp is mogelijk en wordt geaccepteerd." if number else "",
                    decision=SafetyAssessment.Decision.HELP if number else SafetyAssessment.Decision.PENDING,
                    decided_on=spec.opened_on + timedelta(days=10) if number else None,
                    updated_by=spec.coordinator
                    or self.staff[spec.home.team_key].lead
                    or self.staff[spec.home.team_key].generalists[0],
                )
            )
        SafetyAssessment.objects.bulk_create(rows)

    def involvements(self) -> list[Involvement]:
        partner = self.users.get("demo-partner")
        debt = self.organisations["schuldhulp"]
        rows, agreements = [], []
        for spec in self.specs:
            if spec.status == CaseStatus.INTAKE:
                continue
            start = min(spec.opened_on + timedelta(days=self.rng.randint(3, 20)), self.today)
            end = spec.closed_on
            if spec.partner and partner is not None:
                # The partner is outside the team: sharing rests on the client's own agreement.
                agreements.append(
                    SharingAgreement(
                        case=spec.case,
                        person=(spec.home.adults or spec.home.members)[0],
                        recipient=debt,
                        ground=SharingGround.CONSENT_PERSON,
                        purpose="Schuldhulpverlening: samen de financiën op orde brengen.",
                        agreed_on=start,
                        recorded_by=spec.coordinator
                        or self.staff[spec.home.team_key].lead
                        or self.staff[spec.home.team_key].generalists[0],
                    )
                )
                rows.append(
                    Involvement(
                        case=spec.case,
                        user=partner,
                        organisation=debt,
                        role="debt_counsellor",
                        start_date=start,
                        rests_on_sharing=True,
                    )
                )
            crew = self.staff[spec.home.team_key]
            if crew.specialists and self.rng.random() < 0.22:
                user, organisation = self.rng.choice(crew.specialists)
                rows.append(
                    Involvement(
                        case=spec.case,
                        user=user,
                        organisation=organisation,
                        role=INVOLVEMENT_ROLE.get(organisation.kind, "specialist"),
                        start_date=start,
                        end_date=end,
                    )
                )
        SharingAgreement.objects.bulk_create(agreements)
        self.events.many("sharing_agreement.recorded", [r.case for r in agreements], None)
        Involvement.objects.bulk_create(rows)
        self.events.many("case.involvement_added", [r.case for r in rows], None)
        return rows

    # plan, goals, actions

    def plans(self, involvements: list[Involvement]) -> None:
        involved: dict[int, list[Involvement]] = defaultdict(list)
        for involvement in involvements:
            involved[involvement.case_id].append(involvement)
        with_plan = [s for s in self.specs if s.status != CaseStatus.INTAKE]
        plans = []
        for spec in with_plan:
            case = spec.case
            author = (
                case.coordinator or self.staff[spec.home.team_key].lead or self.staff[spec.home.team_key].generalists[0]
            )
            plans.append(
                Plan(
                    case=case,
                    version=2 if case.plan_agreed_on else 1,
                    summary=self.rng.choice(texts.PLAN_SUMMARIES),
                    agreed_on=case.plan_agreed_on,
                    updated_by=author,
                )
            )
        Plan.objects.bulk_create(plans)
        goals: list[Goal] = []
        goal_spec: list[_Spec] = []
        for spec, plan in zip(with_plan, plans, strict=True):
            for order, code in enumerate(spec.domains[: self.rng.choice([1, 2, 2, 3])], start=1):
                text, criterion = self.rng.choice(texts.GOALS.get(code) or texts.GOALS["social_network"])
                goals.append(
                    Goal(
                        plan=plan,
                        life_domain=self.domains[code],
                        text=text,
                        success_criterion=criterion,
                        status=self.goal_status(spec),
                        order=order,
                    )
                )
                goal_spec.append(spec)
        Goal.objects.bulk_create(goals)
        actions = self.actions(goals, goal_spec, involved)
        Action.objects.bulk_create(actions)
        self.versions(plans, goals, actions)
        self.events.many("plan.created", plans)
        self.events.many("goal.added", goals, lambda g: {"plan": g.plan_id})
        self.events.many("action.added", actions, lambda a: {"plan": a.plan_id})

    def goal_status(self, spec: _Spec) -> str:
        if spec.case.result == "improved":
            return _weighted(self.rng, {"reached": 7, "partly": 3})
        if spec.closed_on:
            return _weighted(self.rng, {"partly": 4, "not_reached": 4, "reached": 2})
        if spec.status == "evaluation":
            return _weighted(self.rng, {"reached": 4, "partly": 3, "open": 3})
        return "open"

    def actions(
        self, goals: list[Goal], goal_spec: list[_Spec], involved: dict[int, list[Involvement]]
    ) -> list[Action]:
        volunteer = self.users.get("demo-volunteer")
        generalist = self.users.get("demo-generalist")
        partner = self.users.get("demo-partner")
        volunteer_actions = 0
        rows: list[Action] = []
        for goal, spec in zip(goals, goal_spec, strict=True):
            crew = self.staff[spec.home.team_key]
            for _ in range(self.rng.choice([1, 2, 2, 3])):
                kind = _weighted(self.rng, ACTION_KINDS)
                action = Action(plan=goal.plan, goal=goal, who_kind=kind, what=self.rng.choice(texts.ACTIONS[kind]))
                if kind == "household":
                    action.person = self.rng.choice(spec.home.adults)
                elif kind == "own_network":
                    action.who_name = (
                        f"{self.rng.choice(['zus', 'broer', 'buurvrouw', 'neef', 'vriendin'])} {self.fake.first_name()}"
                    )
                elif kind == "volunteer":
                    if spec.is_open and volunteer in crew.volunteers and volunteer_actions < VOLUNTEER_ACTIONS:
                        action.assignee = volunteer
                        volunteer_actions += 1
                    elif crew.volunteers:
                        action.assignee = self.rng.choice(crew.volunteers)
                    else:
                        action.who_name = f"vrijwilliger {self.fake.first_name()}"
                elif kind == "worker":
                    action.assignee = spec.case.coordinator or crew.generalists[0]
                else:
                    running = involved.get(spec.case.pk, [])
                    if running:
                        choice = self.rng.choice(running)
                        action.assignee, action.organisation = choice.user, choice.organisation
                    else:
                        action.organisation = self.organisations[
                            "schuldhulp" if goal.life_domain.code == "finances" else "mee"
                        ]
                        action.who_name = self.fake.first_name()
                self.schedule(action, spec)
                rows.append(action)
        # What the demo accounts see on their start page: actions due today and one overdue.
        self.due_today(rows, lambda a: a.assignee_id == getattr(volunteer, "pk", None), today=2, overdue=1, done=2)
        self.due_today(
            rows,
            lambda a: a.plan.case.coordinator_id == getattr(generalist, "pk", None),
            today=3,
            overdue=1,
            done=0,
            tidy=True,
        )
        self.due_today(rows, lambda a: a.assignee_id == getattr(partner, "pk", None), today=1, overdue=1, done=0)
        return rows

    def schedule(self, action: Action, spec: _Spec) -> None:
        if spec.closed_on:
            action.due_on = _between(self.rng, spec.opened_on, spec.closed_on)
            cancelled = self.rng.random() < 0.1
            action.status = Action.Status.CANCELLED if cancelled else Action.Status.DONE
            action.done_on = None if cancelled else action.due_on
            return
        action.due_on = self.today + timedelta(days=self.rng.randint(-25, 45))
        if action.due_on < self.today - timedelta(days=5) and self.rng.random() < 0.75:
            action.status, action.done_on = Action.Status.DONE, action.due_on
        if action.due_on < spec.opened_on:
            action.due_on = spec.opened_on + timedelta(days=7)

    def due_today(
        self, rows: list[Action], mine: Any, *, today: int, overdue: int, done: int, tidy: bool = False
    ) -> None:
        """Make the start page of a demo account tell a story: actions due today, one overdue, some done;
        with `tidy`, the other overdue ones were done in time."""
        candidates = [a for a in rows if mine(a) and a.status != Action.Status.CANCELLED and not a.plan.case.is_closed]
        for action in candidates[:today]:
            action.due_on, action.status, action.done_on = self.today, Action.Status.OPEN, None
        for action in candidates[today : today + overdue]:
            action.due_on, action.status, action.done_on = self.today - timedelta(days=4), Action.Status.OPEN, None
        for action in candidates[today + overdue : today + overdue + done]:
            action.due_on = action.done_on = self.today - timedelta(days=2)
            action.status = Action.Status.DONE
        if tidy:
            for action in candidates[today + overdue + done :]:
                if action.status == Action.Status.OPEN and action.due_on and action.due_on <= self.today:
                    action.status, action.done_on = Action.Status.DONE, action.due_on

    def versions(self, plans: list[Plan], goals: list[Goal], actions: list[Action]) -> None:
        goals_of: dict[int, list[Goal]] = defaultdict(list)
        for goal in goals:
            goals_of[goal.plan_id].append(goal)
        actions_of: dict[int, list[Action]] = defaultdict(list)
        for action in actions:
            actions_of[action.plan_id].append(action)
        rows = []
        for plan in plans:
            if not plan.agreed_on:
                continue
            snapshot = {
                "summary": plan.summary,
                "goals": [
                    {
                        "id": g.pk,
                        "domain": g.life_domain.code,
                        "text": g.text,
                        "criterion": g.success_criterion,
                        "status": "open",
                    }
                    for g in goals_of[plan.pk]
                ],
                "actions": [
                    {
                        "id": a.pk,
                        "goal": a.goal_id,
                        "who": a.who_kind,
                        "name": a.who_name,
                        "what": a.what,
                        "due_on": a.due_on.isoformat() if a.due_on else None,
                        "status": "open",
                    }
                    for a in actions_of[plan.pk]
                ],
            }
            rows.append(
                PlanVersion(
                    plan=plan, version=2, agreed_on=plan.agreed_on, snapshot=snapshot, created_by=plan.updated_by
                )
            )
        PlanVersion.objects.bulk_create(rows)
        self.events.many("plan.agreed", [r.plan for r in rows], lambda p: {"version": 2})

    # notes and conferences

    def contact_moments(self, involvements: list[Involvement]) -> None:
        involved: dict[int, list[Involvement]] = defaultdict(list)
        for involvement in involvements:
            involved[involvement.case_id].append(involvement)
        rows: list[ContactMoment] = []
        domains: list[list[str]] = []
        participants: list[list[Person]] = []
        for spec in self.specs:
            case = spec.case
            crew = self.staff[spec.home.team_key]
            count = self.rng.randint(0, 1) if spec.status == CaseStatus.INTAKE else self.rng.randint(1, 5)
            for _ in range(count):
                audience: str
                partner_note = involved.get(case.pk) and self.rng.random() < 0.3
                if partner_note:
                    involvement = self.rng.choice(involved[case.pk])
                    author, organisation = involvement.user, involvement.organisation
                    note = self.rng.choice(texts.NOTES_PROFESSIONAL_SECRECY)
                    audience = Audience.ORGANISATION if organisation.professional_secrecy else Audience.INVOLVED
                else:
                    author = case.coordinator or crew.lead or crew.generalists[0]
                    organisation = crew.organisation_of.get(author.pk) or self.organisations["sociaal_werk"]
                    note = self.rng.choice(texts.NOTES)
                    audience = _weighted(self.rng, {"team": 70, "involved": 15, "coordinator": 15})
                rows.append(
                    ContactMoment(
                        case=case,
                        occurred_on=_between(self.rng, spec.opened_on, (spec.closed_on or self.today)),
                        kind=_weighted(self.rng, {"home_visit": 40, "call": 35, "meeting": 15, "message": 10}),
                        note=note,
                        audience=audience,
                        author=author,
                        author_organisation=organisation,
                    )
                )
                domains.append(self.rng.sample(spec.domains, k=min(len(spec.domains), self.rng.randint(1, 2))))
                participants.append(
                    self.rng.sample(spec.home.members, k=min(len(spec.home.members), self.rng.randint(1, 2)))
                )
        ContactMoment.objects.bulk_create(rows)
        self._life_domains(ContactMoment, rows, domains)
        through = ContactMoment.participants.through
        through.objects.bulk_create(
            [
                through(contactmoment_id=row.pk, person_id=p.pk)
                for row, people in zip(rows, participants, strict=True)
                for p in people
            ]
        )
        self.events.many("contact_moment.recorded", rows, lambda m: {"case": m.case_id, "audience": m.audience})

    def conferences(self, involvements: list[Involvement]) -> None:
        involved: dict[int, list[User]] = defaultdict(list)
        for involvement in involvements:
            involved[involvement.case_id].append(involvement.user)
        candidates = [s for s in self.specs if s.is_open and s.case.pk in involved and s.coordinator]
        chosen = self.rng.sample(candidates, k=min(CONFERENCES, len(candidates)))
        rows = []
        for spec in chosen:
            rows.append(
                CaseConference(
                    case=spec.case,
                    held_on=_between(self.rng, spec.opened_on + timedelta(days=7), self.today),
                    other_participants=self.rng.choice(texts.CONFERENCE_OTHERS),
                    questions=self.rng.choice(texts.CONFERENCE_QUESTIONS),
                    agreements=self.rng.choice(texts.CONFERENCE_AGREEMENTS),
                    recorded_by=spec.coordinator,
                )
            )
        CaseConference.objects.bulk_create(rows)
        through = CaseConference.participants.through
        through.objects.bulk_create(
            [
                through(caseconference_id=row.pk, user_id=user.pk)
                for row, spec in zip(rows, chosen, strict=True)
                for user in {spec.coordinator, *involved[spec.case.pk]}
                if user is not None
            ]
        )
        self.events.many("case_conference.recorded", rows, lambda c: {"case": c.case_id})

    # the front door

    def front_door(self, homes: list[_Home]) -> dict[str, int]:
        """Open help requests (the intake queue), requests answered as short contacts, short contacts
        and signals, spread over the teams and the last 18 months."""
        queue, answered = homes[:OPEN_REQUESTS], homes[OPEN_REQUESTS : OPEN_REQUESTS + SHORT_CONTACT_REQUESTS]
        requests: list[HelpRequest] = []
        domains: list[list[str]] = []
        for home in [*queue, *answered]:
            crew = self.staff[home.team_key]
            waiting = home in queue
            codes = self.pick_domains() if waiting else [self.rng.choice(list(texts.SHORT_CONTACT_DONE))]
            received = self.today - timedelta(
                days=self.rng.randint(0, 12) if waiting else self.rng.randint(20, HISTORY_DAYS)
            )
            status = HelpRequest.Status.OPEN if waiting else HelpRequest.Status.SHORT_CONTACT
            requests.append(
                self.help_request(home, received, codes, status, crew.team, self.rng.choice(crew.generalists))
            )
            domains.append(codes)
        HelpRequest.objects.bulk_create(requests)
        self._life_domains(HelpRequest, requests, domains)
        self.events.many("help_request.registered", requests, lambda r: {"channel": r.channel})

        contacts = [
            self.short_contact(request.team, request.received_on, codes[0], person=home.adults[0], request=request)
            for home, request, codes in zip(answered, requests[len(queue) :], domains[len(queue) :], strict=True)
        ]
        keys = list(self.staff)
        for number in range(SHORT_CONTACTS - len(contacts)):
            team = self.staff[keys[number % len(keys)]].team
            code = self.rng.choice(list(texts.SHORT_CONTACT_DONE))
            contacts.append(
                self.short_contact(team, self.today - timedelta(days=self.rng.randint(0, HISTORY_DAYS)), code)
            )
        ShortContact.objects.bulk_create(contacts)
        self.events.many("short_contact.registered", contacts)

        led_to_help = [r for r in requests if r.status == HelpRequest.Status.OPEN] + self.case_requests
        signals = self.signals(homes, contacts, led_to_help)
        return {"open_requests": len(queue), "short_contacts": len(contacts), "signals": len(signals)}

    def _district(self, team: Team) -> Region | None:
        codes = TEAMS[next(k for k, c in self.staff.items() if c.team == team)][1]
        return self.districts.get(self.rng.choice(codes))

    def short_contact(
        self, team: Team, day: date, code: str, person: Person | None = None, request: HelpRequest | None = None
    ) -> ShortContact:
        crew = next(c for c in self.staff.values() if c.team == team)
        return ShortContact(
            municipality=self.municipality,
            team=team,
            district=self._district(team),
            person=person,
            who=str(person) if person else self.rng.choice(texts.SHORT_CONTACT_WHO),
            life_domain=self.domains[code],
            what_was_done=self.rng.choice(texts.SHORT_CONTACT_DONE[code]),
            contacted_on=day,
            contacts=self.rng.choice([1, 1, 1, 2]),
            channel=_weighted(self.rng, {"self": 70, "neighbour": 10, "partner": 10, "other": 10}),
            worker=self.rng.choice(crew.generalists),
            help_request=request,
        )

    def signals(self, homes: list[_Home], contacts: list[ShortContact], requests: list[HelpRequest]) -> list[Signal]:
        keys = list(self.staff)
        rows = []
        for number in range(SIGNALS):
            crew = self.staff[keys[number % len(keys)]]
            source, concern = self.rng.choice(texts.SIGNAL_CONCERNS)
            new = number < NEW_SIGNALS
            received = self.today - timedelta(
                days=self.rng.randint(0, 10) if new else self.rng.randint(15, HISTORY_DAYS)
            )
            local = [h for h in homes if h.team_key == keys[number % len(keys)]]
            home = self.rng.choice(local) if local and self.rng.random() < 0.6 else None
            signal = Signal(
                municipality=self.municipality,
                team=crew.team,
                received_on=received,
                source=source,
                reporter=self.rng.choice(texts.SIGNAL_REPORTERS),
                concern=concern,
                household=home.household if home else None,
                address_text="" if home else f"{self.fake.street_name()} {self.rng.randint(1, 150)}",
                district=home.district if home and home.district else self._district(crew.team),
                registered_by=self.rng.choice(crew.generalists),
            )
            if not new:
                signal.triaged_by = crew.lead or crew.generalists[0]
                signal.triaged_at = timezone.make_aware(
                    datetime.combine(received + timedelta(days=self.rng.randint(0, 5)), time(10))
                )
                outcome = _weighted(self.rng, {"closed": 5, "short_contact": 3, "case": 2})
                team_contacts = [c for c in contacts if c.team_id == crew.team.pk]
                team_requests = [r for r in requests if r.team_id == crew.team.pk]
                if outcome == "short_contact" and team_contacts:
                    signal.status, signal.short_contact = Signal.Status.SHORT_CONTACT, self.rng.choice(team_contacts)
                elif outcome == "case" and team_requests:
                    signal.status, signal.help_request = Signal.Status.CASE, self.rng.choice(team_requests)
                else:
                    signal.status, signal.closing_reason = (
                        Signal.Status.CLOSED,
                        self.rng.choice(texts.SIGNAL_CLOSING_REASONS),
                    )
            rows.append(signal)
        Signal.objects.bulk_create(rows)
        self.events.many("signal.registered", rows)
        self.events.many(
            "signal.triaged", [s for s in rows if s.status != Signal.Status.NEW], lambda s: {"outcome": s.status}
        )
        return rows


@transaction.atomic
def demo_cases_load(
    *,
    municipality_code: str,
    households: list[Household],
    users: dict[str, User],
    seed: int,
    today: date | None = None,
) -> dict[str, int]:
    """Create the demo case files for these households, once; returns what the municipality has."""
    municipality = Region.objects.get(code=municipality_code, level=RegionLevel.MUNICIPALITY)
    if Case.objects.filter(municipality=municipality).exists():
        return _summary(municipality)
    rng = random.Random(seed)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    events = _Events()
    staff, organisations = demo_teams_ensure(municipality=municipality, users=users, fake=fake, events=events)
    gen = _Generator(
        municipality=municipality,
        staff=staff,
        organisations=organisations,
        users=users,
        rng=rng,
        fake=fake,
        today=today or timezone.localdate(),
        events=events,
    )
    homes = gen.homes(sorted(households, key=lambda h: h.pk))
    rng.shuffle(homes)
    gen.plan_cases(homes[:FIRST_CASES])
    gen.assign_coordinators()
    gen.mark_safety_and_partner()
    gen.write_cases()
    involvements = gen.involvements()
    gen.plans(involvements)
    gen.contact_moments(involvements)
    gen.conferences(involvements)
    gen.front_door(homes[FIRST_CASES:])
    events.save()
    return _summary(municipality)


def _summary(municipality: Region) -> dict[str, int]:
    cases = Case.objects.filter(municipality=municipality)
    return {
        "cases": cases.count(),
        "open_cases": cases.open().count(),
        "short_contacts": ShortContact.objects.filter(municipality=municipality).count(),
        "signals": Signal.objects.filter(municipality=municipality).count(),
    }
