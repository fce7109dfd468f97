"""Synthetic data at municipal and national scale, deterministic with a seed, loaded in bulk.

`generate(scale="M", seed=1)` fills the database with teams, workers, households, persons, addresses,
cases with their plan, goals, actions, involvements and contact moments, spread over the real CBS
neighbourhoods of the region registry. All personal data is invented: names are drawn from Faker
(nl_NL) pools, every BSN is a synthetic number from `households.bsn.bsn_synthetic` (starts with 9,
passes the 11-test). PostgreSQL loads with COPY (psycopg3 `cursor.copy`), SQLite with `bulk_create`.

The same seed and scale give the same rows (ids included, on an empty database). Usable for demos too:
`python -m bench generate --scale S --seed 7` on any database with the region registry imported.
"""

from __future__ import annotations

import random
import shutil
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

# Bumped whenever the generated rows change, so `make bench` reloads instead of reusing older data.
GENERATOR_VERSION = 2

# Rows per unit, used for the disk estimate and the documented row counts (bench/README.md).
BYTES_PER_HOUSEHOLD = 23_000  # 19 kB measured at scale M on PostgreSQL (tables and indexes), plus headroom


@dataclass(frozen=True)
class Scale:
    name: str
    households: int
    cases: int
    contact_moments: int
    municipalities: int | None  # None: every municipality of the country
    assessments: int = 0  # once wijkteam.assessments exists
    decisions: int = 0  # once wijkteam.provisions exists
    suggestion_team_size: int = 150

    @property
    def disk_bytes(self) -> int:
        return self.households * BYTES_PER_HOUSEHOLD


SCALES = {
    "S": Scale(
        "S",
        households=1_000,
        cases=1_600,
        contact_moments=20_000,
        municipalities=1,
        assessments=5_000,
        decisions=3_000,
        suggestion_team_size=40,
    ),
    "M": Scale(
        "M",
        households=50_000,
        cases=80_000,
        contact_moments=1_000_000,
        municipalities=1,
        assessments=250_000,
        decisions=150_000,
    ),
    "L": Scale(
        "L",
        households=1_500_000,
        cases=2_400_000,
        contact_moments=30_000_000,
        municipalities=None,
        assessments=7_500_000,
        decisions=4_500_000,
    ),
}
MAX_DISK_BYTES = 35 * 1024**3
SCALE_MUNICIPALITY = {"S": "GM0153", "M": "GM0363"}  # Enschede for tests, Amsterdam as a large municipality


class NotEnoughDiskError(RuntimeError):
    pass


def disk_check(scale: Scale, path: str = "/") -> None:
    """Refuse clearly when the scale needs more disk than is free (or more than 35 GB)."""
    need = scale.disk_bytes
    if need > MAX_DISK_BYTES:
        raise NotEnoughDiskError(f"scale {scale.name} would need about {need / 1024**3:.1f} GB, more than 35 GB")
    free = shutil.disk_usage(path).free
    if free < need * 1.2:
        raise NotEnoughDiskError(
            f"scale {scale.name} needs about {need / 1024**3:.1f} GB free disk (plus 20 %); "
            f"only {free / 1024**3:.1f} GB is free at {path}"
        )


# ------------------------------------------------------------------------------------------ the sink


class Progress:
    """A one-line progress bar on stderr: rows written, rows per second."""

    def __init__(self, total: int, label: str, stream: Any = None, quiet: bool = False) -> None:
        self.total, self.label, self.done = max(total, 1), label, 0
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.start = time.perf_counter()
        self._last = 0.0

    def add(self, n: int) -> None:
        self.done += n
        now = time.perf_counter()
        if not self.quiet and (now - self._last > 0.5 or self.done >= self.total):
            self._last = now
            share = min(self.done / self.total, 1.0)
            bar = "#" * int(share * 30)
            rate = self.done / max(now - self.start, 1e-9)
            self.stream.write(f"\r{self.label} [{bar:<30}] {share:4.0%} {self.done:,} rows {rate:,.0f} rows/s ")
            self.stream.flush()

    def close(self) -> None:
        if not self.quiet:
            self.stream.write("\n")


class Sink:
    """Writes rows (dicts of attnames) per model: COPY on PostgreSQL, bulk_create elsewhere.

    Columns a row leaves out get the field's default, `now` for timestamps, or NULL/"" as the field allows.
    """

    def __init__(self, now: datetime, progress: Progress | None = None) -> None:
        from django.db import connection

        self.connection = connection
        self.vendor = connection.vendor
        self.now = now
        self.progress = progress
        self.counts: dict[str, int] = defaultdict(int)
        self._columns: dict[Any, tuple[list[str], dict[str, Any]]] = {}
        self._next_id: dict[Any, int] = {}

    def next_ids(self, model: Any, n: int) -> range:
        if model not in self._next_id:
            from django.db.models import Max

            self._next_id[model] = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        start = self._next_id[model]
        self._next_id[model] = start + n
        return range(start, start + n)

    def _spec(self, model: Any) -> tuple[list[str], dict[str, Any]]:
        if model not in self._columns:
            from django.db import models as m

            columns, defaults = [], {}
            for f in model._meta.concrete_fields:
                columns.append(f.attname)
                if f.has_default():
                    defaults[f.attname] = f.get_default()
                elif isinstance(f, m.DateTimeField):
                    defaults[f.attname] = self.now
                elif f.null:
                    defaults[f.attname] = None
                elif isinstance(f, (m.CharField, m.TextField)):
                    defaults[f.attname] = ""
            self._columns[model] = (columns, defaults)
        return self._columns[model]

    def write(self, model: Any, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        columns, defaults = self._spec(model)
        table = model._meta.db_table
        if self.vendor == "postgresql":
            from psycopg.types.json import Jsonb

            json_cols = {i for i, c in enumerate(columns) if c in ("details", "snapshot")}
            cols = ", ".join(f'"{c}"' for c in columns)
            with self.connection.cursor() as cursor:
                raw = cursor.cursor if hasattr(cursor, "cursor") else cursor
                with raw.copy(f'COPY "{table}" ({cols}) FROM STDIN') as copy:
                    for row in rows:
                        values = [row[c] if c in row else defaults[c] for c in columns]
                        for i in json_cols:
                            values[i] = Jsonb(values[i])
                        copy.write_row(values)
        else:
            objs = [model(**{c: (row[c] if c in row else defaults[c]) for c in columns}) for row in rows]
            model.objects.bulk_create(objs, batch_size=2000)
        self.counts[table] += len(rows)
        if self.progress:
            self.progress.add(len(rows))

    def reset_sequences(self, models: Iterable[Any]) -> None:
        if self.vendor != "postgresql":
            return
        with self.connection.cursor() as cursor:
            for model in models:
                table = model._meta.db_table
                max_id = f'SELECT MAX(id) FROM "{table}"'  # noqa: S608  # nosec B608 - our own table names
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE(({max_id}), 0) + 1, false)",
                    [f'"{table}"'],
                )


# ----------------------------------------------------------------------------------- distributions

# CBS StatLine 2023, households: singles 39 %, couples without children 28 %, couples with children 25 %,
# single parents 8 %; households in support skew to singles and single parents.
HOUSEHOLD_KINDS = {"single": 44, "couple": 20, "couple_with_children": 22, "single_parent": 14}
CASE_STATUS = {"closed": 62, "execution": 20, "plan": 8, "intake": 5, "evaluation": 5}
CARE_LEVEL_WEIGHTS = [30, 35, 22, 10, 3]  # levels 0–4: most support is light
CONTACT_KINDS = {"home_visit": 35, "call": 35, "meeting": 15, "message": 15}
AUDIENCES = {"team": 70, "involved": 15, "coordinator": 10, "organisation": 5}
CHANNELS = {"self": 35, "gp": 15, "neighbour": 8, "school": 10, "police": 5, "partner": 20, "signal": 4, "other": 3}
CLOSING = {"goals_reached": 45, "partly_reached": 25, "referred": 12, "no_longer_wanted": 8, "moved": 5, "other": 5}
RESULT_OF = {"goals_reached": "improved", "partly_reached": "improved", "referred": "stable"}
ORGANISATIONS = [
    ("Gemeente", "municipality", False),
    ("Algemeen maatschappelijk werk", "social_work", False),
    ("MEE cliëntondersteuning", "client_support", False),
    ("GGZ wijkteam", "mental_health", True),
    ("Schuldhulp", "debt_counselling", False),
    ("Wijkverpleging", "district_nursing", True),
    ("Jeugdhulp", "youth_care", False),
    ("Vrijwilligerscentrale", "volunteer_organisation", False),
]
# Score changes between two assessments: mostly better, sometimes the same, rarely worse.
IMPROVEMENT = [-1, 0, 0, 1, 1, 1, 2]
DECISION_STATUS = {"granted": 80, "requested": 10, "rejected": 5, "objection": 5}
# (name, care level, legal basis, unit, tariff, Iv3 budget function)
CATALOGUE = [
    ("Huishoudelijke ondersteuning", 3, "wmo2015", "hour", "32.50", "6.71"),
    ("Individuele begeleiding", 3, "wmo2015", "hour", "65.00", "6.71"),
    ("Dagbesteding", 3, "wmo2015", "day_part", "48.00", "6.71"),
    ("Woningaanpassing", 3, "wmo2015", "piece", "2800.00", "6.71"),
    ("Ambulante jeugdhulp", 3, "jeugdwet", "hour", "82.00", "6.72"),
    ("Jeugdhulp met verblijf", 4, "jeugdwet", "day", "210.00", "6.82"),
    ("Beschermd wonen", 4, "wmo2015", "day", "145.00", "6.81"),
    ("Schuldhulpverlening", 3, "wgs", "trajectory", "1450.00", "6.3"),
]
GOAL_TEXTS = [
    "Weer overzicht over de post en rekeningen",
    "De kinderen gaan elke dag naar school",
    "Zelf de boodschappen kunnen doen",
    "Minder alleen zijn, één keer per week iets met anderen",
    "Een schuldenregeling die past",
    "Rust in huis en vaste afspraken",
    "Een passende dagbesteding",
    "Weer werk of vrijwilligerswerk",
]
ACTION_TEXTS = [
    "Aanvraag indienen bij schuldhulp",
    "Samen de post doornemen",
    "Gesprek met school plannen",
    "Buurvrouw vragen om mee te gaan",
    "Huisarts bellen over verwijzing",
    "Inkomensoverzicht maken",
]
NOTE_TEXTS = [
    "Huisbezoek: gesproken over de stand van zaken en de volgende stap.",
    "Telefonisch contact, afspraak verzet naar volgende week.",
    "Overleg met de partner over de voortgang van het plan.",
    "Bericht gestuurd met de gemaakte afspraken.",
    "Gesprek over de financiën, papieren samen geordend.",
    "Kort contact: het gaat beter, volgende afspraak over twee weken.",
]


def _weighted(rng: random.Random, table: dict[str, int]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


@dataclass
class _Pools:
    """Names drawn once from Faker with the seed; drawing from pools keeps generation fast."""

    female: list[str]
    male: list[str]
    families: list[tuple[str, str]]
    streets: list[str]

    @classmethod
    def build(cls, seed: int) -> _Pools:
        from faker import Faker

        from wijkteam.households import names

        fake = Faker("nl_NL")
        fake.seed_instance(seed)
        families = [names.name_split(fake.last_name()) for _ in range(1500)]
        return cls(
            female=[fake.first_name_female() for _ in range(400)],
            male=[fake.first_name_male() for _ in range(400)],
            families=[(p, f) for p, f in families if f],
            streets=[fake.street_name() for _ in range(600)],
        )


# -------------------------------------------------------------------------------------- the generator


@dataclass
class Result:
    scale: str
    seed: int
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    coordinators: list[int] = field(default_factory=list)  # user ids with open cases (for the load test)
    suggestion_team_id: int | None = None
    index_seconds: float = 0.0  # of `seconds`: rebuilding the secondary indexes after the load (PostgreSQL)

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


class Generator:
    def __init__(self, *, scale: Scale, seed: int, sink: Sink, today: date) -> None:
        from wijkteam.cases import models as cases
        from wijkteam.households import models as households
        from wijkteam.reference.models import CareLevel, LifeDomain
        from wijkteam.teams import models as teams

        self.scale, self.seed, self.sink, self.today = scale, seed, sink, today
        self.rng = random.Random(seed)
        self.pools = _Pools.build(seed)
        self.c, self.h, self.t = cases, households, teams
        self.domains = list(LifeDomain.objects.order_by("order", "code").values_list("pk", flat=True))
        self.care_levels = list(CareLevel.objects.order_by("pk").values_list("pk", flat=True))
        self.disciplines = list(teams.Discipline.objects.order_by("order", "code").values_list("pk", flat=True))
        self.bsn_counter: dict[int, int] = defaultdict(int)
        self._optional_init()
        self.coordinators: list[int] = []
        self.suggestion_team_id: int | None = None

    # --- assessments and decisions (when those apps are installed) ----------------------------------

    def _optional_init(self) -> None:
        from django.apps import apps

        self.assessment_models = self.provision_models = None
        if apps.is_installed("wijkteam.assessments"):
            instrument_model = apps.get_model("assessments", "Instrument")
            domain_model = apps.get_model("assessments", "InstrumentDomain")
            instrument = instrument_model.objects.filter(is_active=True).order_by("pk").first()
            if instrument is not None:
                self.instrument = (instrument.pk, instrument.scale_min, instrument.scale_max)
                self.instrument_domains = list(
                    domain_model.objects.filter(instrument=instrument)
                    .order_by("order")
                    .values_list("life_domain_id", flat=True)
                )
                self.assessment_models = (
                    apps.get_model("assessments", "Assessment"),
                    apps.get_model("assessments", "DomainScore"),
                )
        if apps.is_installed("wijkteam.provisions"):
            from wijkteam.reference.models import CareLevel, LegalBasis

            self.level_ids = dict(CareLevel.objects.values_list("level", "pk"))
            self.basis_ids = dict(LegalBasis.objects.values_list("code", "pk"))
            self.provision_models = (
                apps.get_model("provisions", "CatalogueOption"),
                apps.get_model("provisions", "Decision"),
            )

    def _catalogue(self, municipality_id: int, org_ids: list[int]) -> list[tuple[int, str, str, Decimal]]:
        """A small stepped-care catalogue per municipality; returns (option id, legal basis, unit, tariff)."""
        option_model, _decision = self.provision_models
        rows, out = [], []
        for oid, (name, level, basis, unit, tariff, function) in zip(
            self._ids(option_model, len(CATALOGUE)), CATALOGUE, strict=True
        ):
            rows.append(
                {
                    "id": oid,
                    "municipality_id": municipality_id,
                    "name": name,
                    "care_level_id": self.level_ids.get(level) or self.care_levels[0],
                    "legal_basis_id": self.basis_ids.get(basis),
                    "provider_id": org_ids[1 + oid % (len(org_ids) - 1)],
                    "unit": unit,
                    "tariff": Decimal(tariff),
                    "budget_function": function,
                }
            )
            out.append((oid, basis, unit, Decimal(tariff)))
        self.sink.write(option_model, rows)
        return out

    def _assessments(self, case: dict, members: list, domains: list[int], rows: list, scores: list) -> None:
        """Intake, evaluations every half year and closure, for the client (and often a second adult);
        scores mostly improve."""
        rng = self.rng
        instrument, low, high = self.instrument
        scored = [d for d in domains if d in self.instrument_domains] or rng.sample(
            self.instrument_domains, k=min(3, len(self.instrument_domains))
        )
        opened, closed = case["opened_on"], case["closed_on"]
        end = closed or self.today
        adults = [pid for pid, role, _f in members if role == "adult"]
        persons = adults[:1] + ([adults[1]] if len(adults) > 1 and rng.random() < 0.4 else [])
        assessment_model, _score_model = self.assessment_models
        for pid in persons:
            moments = [("intake", min(opened + timedelta(days=rng.randint(7, 21)), end))]
            for k in range(1, min(3, (end - opened).days // 180) + 1):
                moments.append(("evaluation", opened + timedelta(days=180 * k)))
            if closed:
                moments.append(("closure", closed))
            current = {d: rng.randint(low, min(high, low + 2)) for d in scored}
            for moment, on in moments:
                (aid,) = self._ids(assessment_model, 1)
                rows.append(
                    {
                        "id": aid,
                        "case_id": case["id"],
                        "person_id": pid,
                        "instrument_id": instrument,
                        "moment": moment,
                        "assessed_on": on,
                        "assessed_by_id": case["coordinator_id"],
                    }
                )
                scores += [{"assessment_id": aid, "life_domain_id": d, "score": v} for d, v in current.items()]
                current = {d: max(low, min(high, v + rng.choice(IMPROVEMENT))) for d, v in current.items()}

    def _decisions(self, case: dict, members: list, district: int | None, options: list, rows: list) -> None:
        rng = self.rng
        if rng.random() > 0.8:
            return
        children = [pid for pid, role, _f in members if role == "child"]
        for _k in range(rng.choice([1, 1, 2, 2, 3, 4])):
            option, basis, unit, tariff = rng.choice(options)
            person = rng.choice(children) if basis == "jeugdwet" and children else members[0][0]
            start = min(case["opened_on"] + timedelta(days=rng.randint(14, 90)), self.today)
            if case["closed_on"]:
                status = "ended" if rng.random() < 0.9 else "rejected"
            else:
                status = _weighted(rng, DECISION_STATUS)
            rows.append(
                {
                    "case_id": case["id"],
                    "person_id": person,
                    "option_id": option,
                    "legal_basis_id": self.basis_ids.get(basis),
                    "team_id": case["team_id"],
                    "district_id": district,
                    "form": "pgb" if rng.random() < 0.08 else "in_kind",
                    "period_start": start,
                    "period_end": start + timedelta(days=rng.choice([90, 182, 365])),
                    "ended_on": case["closed_on"] if status == "ended" else None,
                    "volume": Decimal(rng.choice(["1", "2", "3", "4", "6", "8"])),
                    "unit": unit,
                    "frequency": "period" if unit in ("piece", "trajectory") else "week",
                    "tariff": tariff,
                    "status": status,
                    "report_date": case["opened_on"],
                    "application_date": case["opened_on"] + timedelta(days=7),
                    "decided_on": None if status == "requested" else start - timedelta(days=rng.randint(1, 10)),
                    "recorded_by_id": case["coordinator_id"],
                }
            )

    # --- workers and teams -------------------------------------------------------------------------

    def _users(self, n: int, role_group: int, municipality_code: str) -> list[int]:
        from wijkteam.access.models import User

        ids = list(self.sink.next_ids(User, n))
        rows, groups = [], []
        for uid in ids:
            female = self.rng.random() < 0.75
            first = self.rng.choice(self.pools.female if female else self.pools.male)
            prefix, family = self.rng.choice(self.pools.families)
            rows.append(
                {
                    "id": uid,
                    "password": "!bench-unusable",
                    "username": f"bench-{municipality_code.lower()}-{uid}",
                    "first_name": first,
                    "last_name": f"{prefix} {family}".strip(),
                    "email": f"bench-{uid}@wijkteam.example.nl",
                    "is_active": True,
                    "is_staff": False,
                    "is_superuser": False,
                    "is_demo": False,
                    "date_joined": self.sink.now,
                }
            )
            groups.append({"user_id": uid, "group_id": role_group})
        self.sink.write(User, rows)
        self.sink.write(
            User.groups.through,
            [{"id": i, **g} for i, g in zip(self._ids(User.groups.through, len(groups)), groups, strict=True)],
        )
        return ids

    def _ids(self, model: Any, n: int) -> range:
        return self.sink.next_ids(model, n)

    def municipality(self, municipality: Any, households: int, cases: int, contacts: int, groups: dict) -> None:
        from wijkteam.neighbourhoods.models import Region, RegionLevel

        t = self.t
        rng = self.rng
        districts = list(Region.objects.filter(municipality=municipality, level=RegionLevel.DISTRICT).order_by("code"))
        hoods = list(
            Region.objects.filter(municipality=municipality, level=RegionLevel.NEIGHBOURHOOD)
            .order_by("code")
            .values_list("pk", "parent_id")
        )
        if not hoods:
            return
        code = municipality.code
        city = municipality.name

        # Organisations.
        org_ids = list(self._ids(t.Organisation, len(ORGANISATIONS)))
        self.sink.write(
            t.Organisation,
            [
                {"id": oid, "municipality_id": municipality.pk, "name": name, "kind": kind, "professional_secrecy": s}
                for oid, (name, kind, s) in zip(org_ids, ORGANISATIONS, strict=True)
            ],
        )
        # Teams: one per 3 districts (at least one); about one generalist per 25 open cases.
        open_cases = int(cases * (1 - CASE_STATUS["closed"] / 100))
        n_teams = max(1, len(districts) // 3)
        team_ids = list(self._ids(t.Team, n_teams))
        self.sink.write(
            t.Team,
            [
                {
                    "id": tid,
                    "municipality_id": municipality.pk,
                    "name": f"Wijkteam {city} {i + 1}",
                    "covers_whole_municipality": not districts,
                    "organisational_form": "municipal_team",
                    "start_date": date(2020, 1, 1),
                }
                for i, tid in enumerate(team_ids)
            ],
        )
        district_team = {d.pk: team_ids[min(i // 3, n_teams - 1)] for i, d in enumerate(districts)}
        self.sink.write(
            t.Team.districts.through,
            [
                {"id": i, "team_id": district_team[d.pk], "region_id": d.pk}
                for i, d in zip(self._ids(t.Team.districts.through, len(districts)), districts, strict=True)
            ],
        )
        # Members: generalists (coordinators), a team lead per team, partner professionals; the first team
        # of the first municipality gets `suggestion_team_size` generalists (coordinator suggestion bench).
        per_team = max(4, open_cases // 25 // n_teams)
        sizes = [per_team] * n_teams
        if self.suggestion_team_id is None:
            sizes[0] = max(sizes[0], self.scale.suggestion_team_size)
            self.suggestion_team_id = team_ids[0]
        team_workers: dict[int, list[int]] = {}
        memberships, disciplines = [], []
        for tid, size in zip(team_ids, sizes, strict=True):
            workers = self._users(size, groups["generalist"], code)
            lead = self._users(1, groups["team_lead"], code)
            team_workers[tid] = workers
            for uid, kind in [(u, "generalist") for u in workers] + [(lead[0], "team_lead")]:
                memberships.append(
                    {
                        "user_id": uid,
                        "team_id": tid,
                        "organisation_id": org_ids[rng.choice([0, 0, 1, 1, 2])],
                        "kind": kind,
                        "fte": Decimal(rng.choice(["0.67", "0.78", "0.89", "1.00"])),
                        "start_date": date(2021, 1, 1) + timedelta(days=rng.randrange(1200)),
                    }
                )
        m_ids = list(self._ids(t.Membership, len(memberships)))
        for mid, m in zip(m_ids, memberships, strict=True):
            m["id"] = mid
            for d in rng.sample(self.disciplines, k=min(2, len(self.disciplines))):
                disciplines.append({"membership_id": mid, "discipline_id": d})
        self.sink.write(t.Membership, memberships)
        self.sink.write(
            t.Membership.disciplines.through,
            [
                {"id": i, **d}
                for i, d in zip(self._ids(t.Membership.disciplines.through, len(disciplines)), disciplines, strict=True)
            ],
        )
        partners = self._users(max(2, open_cases // 200), groups["partner"], code)
        partner_org = {u: org_ids[rng.choice([3, 4, 5, 6])] for u in partners}
        options = self._catalogue(municipality.pk, org_ids) if self.provision_models else []
        district_of = dict(hoods)

        # Households in chunks, each flushed to the database.
        chunk = 5_000
        cases_per_household = cases / households
        contacts_per_case = contacts / max(cases, 1)
        for start in range(0, households, chunk):
            n = min(chunk, households - start)
            self._households(
                municipality,
                city,
                n,
                hoods,
                district_team,
                team_ids,
                team_workers,
                partners,
                partner_org,
                org_ids,
                cases_per_household,
                contacts_per_case,
                options,
                district_of,
            )

    def _households(
        self,
        municipality: Any,
        city: str,
        n: int,
        hoods: list,
        district_team: dict,
        team_ids: list,
        team_workers: dict,
        partners: list,
        partner_org: dict,
        org_ids: list,
        cases_per_household: float,
        contacts_per_case: float,
        options: list,
        district_of: dict,
    ) -> None:
        from wijkteam.households import names

        c, h = self.c, self.h
        rng, today, mid = self.rng, self.today, municipality.pk
        hh_ids = list(self._ids(h.Household, n))
        addr_ids = list(self._ids(h.Address, n))
        hh_rows, addr_rows, person_rows, res_rows, rel_rows = [], [], [], [], []
        members_of: dict[int, list[tuple[int, str, bool]]] = {}
        team_of: dict[int, int] = {}
        hood_of: dict[int, int] = {}
        for hh, aid in zip(hh_ids, addr_ids, strict=True):
            hood, district = rng.choice(hoods)
            team_of[hh] = district_team.get(district, team_ids[0])
            hood_of[hh] = hood
            prefix, family = rng.choice(self.pools.families)
            kind = _weighted(rng, HOUSEHOLD_KINDS)
            hh_rows.append({"id": hh, "municipality_id": mid, "name": f"{prefix} {family}".strip()})
            street = rng.choice(self.pools.streets)
            addr_rows.append(
                {
                    "id": aid,
                    "municipality_id": mid,
                    "postcode": f"{1000 + aid % 8999:04d}{chr(65 + aid // 8999 % 26)}{chr(65 + aid // 233974 % 26)}",
                    "house_number": 1 + aid % 9999,
                    "street": street,
                    "street_key": names.fold(street),
                    "city": city,
                    "neighbourhood_id": hood,
                }
            )
            adults = 1 if kind in ("single", "single_parent") else 2
            children = rng.choice([1, 1, 2, 2, 3]) if kind in ("couple_with_children", "single_parent") else 0
            members: list[tuple[int, str, bool]] = []
            pids = list(self._ids(h.Person, adults + children))
            for i, pid in enumerate(pids):
                adult = i < adults
                female = rng.random() < (0.6 if i == 0 else 0.5)
                given = rng.choice(self.pools.female if female else self.pools.male)
                p_prefix, p_family = (
                    (prefix, family) if (not adult or i == 0 or rng.random() < 0.3) else rng.choice(self.pools.families)
                )
                age = rng.randint(19, 88) if adult else rng.randint(0, 17)
                born = today - timedelta(days=age * 365 + rng.randrange(365))
                n_bsn = self.bsn_counter[mid]
                self.bsn_counter[mid] += 1
                person_rows.append(
                    {
                        "id": pid,
                        "municipality_id": mid,
                        "household_id": hh,
                        "given_names": given,
                        "prefix": p_prefix,
                        "family_name": p_family,
                        "birth_date": born,
                        "bsn": _bsn(n_bsn) if rng.random() < 0.95 else None,
                        "gender": "female" if female else "male",
                        "family_name_key": names.family_name_key(p_prefix, p_family),
                        "search_text": names.search_text(given, p_prefix, p_family),
                    }
                )
                res_rows.append(
                    {
                        "municipality_id": mid,
                        "person_id": pid,
                        "address_id": aid,
                        "household_id": hh,
                        "valid_from": born if not adult else today - timedelta(days=rng.randrange(30, 6000)),
                    }
                )
                members.append((pid, "adult" if adult else "child", female))
            for parent, _r, _f in members[:adults]:
                for child, _r2, _f2 in members[adults:]:
                    rel_rows.append(
                        {
                            "municipality_id": mid,
                            "from_person_id": parent,
                            "to_person_id": child,
                            "kind": "parent_with_authority",
                        }
                    )
            members_of[hh] = members
        self.sink.write(h.Household, hh_rows)
        self.sink.write(h.Address, addr_rows)
        self.sink.write(h.Person, person_rows)
        for rows, model in ((res_rows, h.Residence), (rel_rows, h.Relation)):
            for i, row in zip(self._ids(model, len(rows)), rows, strict=True):
                row["id"] = i
            self.sink.write(model, rows)

        # Cases: a Poisson-like number per household, spread over the last six years.
        hr_rows, hr_domains, case_rows, cs_rows, plan_rows, goal_rows, action_rows = [], [], [], [], [], [], []
        inv_rows, cm_rows, cm_domains, cm_people = [], [], [], []
        assessment_rows, score_rows, decision_rows = [], [], []
        for hh in hh_ids:
            k = int(cases_per_household) + (1 if rng.random() < cases_per_household % 1 else 0)
            team = team_of[hh]
            workers = team_workers[team]
            for j in range(k):
                opened = today - timedelta(days=rng.randrange(1, 6 * 365))
                status = _weighted(rng, CASE_STATUS) if j == k - 1 else "closed"
                duration = int(rng.lognormvariate(5.3, 0.6))  # median about 200 days
                if status != "closed" and (today - opened).days > 720:
                    opened = today - timedelta(days=rng.randrange(14, 720))
                closed = min(opened + timedelta(days=duration), today) if status == "closed" else None
                coordinator = rng.choice(workers)
                (hr_id,) = self._ids(c.HelpRequest, 1)
                (case_id,) = self._ids(c.Case, 1)
                domains = rng.sample(self.domains, k=min(len(self.domains), rng.choice([1, 1, 2, 2, 3, 4])))
                hr_rows.append(
                    {
                        "id": hr_id,
                        "municipality_id": mid,
                        "team_id": team,
                        "household_id": hh,
                        "received_on": opened,
                        "channel": _weighted(rng, CHANNELS),
                        "words": "Wij hebben hulp nodig bij " + ("geldzaken" if j % 2 else "de opvoeding") + ".",
                        "urgency": "normal" if rng.random() < 0.9 else "soon",
                        "is_wmo_report": rng.random() < 0.25,
                        "status": "case",
                        "registered_by_id": coordinator,
                    }
                )
                hr_domains += [{"helprequest_id": hr_id, "lifedomain_id": d} for d in domains]
                reason = _weighted(rng, CLOSING) if closed else ""
                case_rows.append(
                    {
                        "id": case_id,
                        "municipality_id": mid,
                        "team_id": team,
                        "household_id": hh,
                        "help_request_id": hr_id,
                        "coordinator_id": coordinator,
                        "status": status,
                        "opened_on": opened,
                        "plan_agreed_on": opened + timedelta(days=rng.randint(14, 42)) if status != "intake" else None,
                        "closed_on": closed,
                        "closing_reason": reason,
                        "result": RESULT_OF.get(reason, "unknown") if closed else "",
                        "care_level_id": rng.choices(
                            self.care_levels, weights=CARE_LEVEL_WEIGHTS[: len(self.care_levels)]
                        )[0]
                        if self.care_levels
                        else None,
                        "next_step": "" if closed else "Huisbezoek plannen",
                        "is_reentry": j > 0 and rng.random() < 0.3,
                    }
                )
                members = members_of[hh]
                case = case_rows[-1]
                if self.assessment_models and status != "intake":
                    self._assessments(case, members, domains, assessment_rows, score_rows)
                if options and status != "intake":
                    self._decisions(case, members, district_of.get(hood_of[hh]), options, decision_rows)
                for n_m, (pid, r, _f) in enumerate(members):
                    cs_rows.append(
                        {
                            "case_id": case_id,
                            "person_id": pid,
                            "role": "client" if n_m == 0 else ("child" if r == "child" else "household_member"),
                        }
                    )
                end = closed or today
                if status != "intake":
                    (plan_id,) = self._ids(c.Plan, 1)
                    plan_rows.append(
                        {
                            "id": plan_id,
                            "case_id": case_id,
                            "version": rng.randint(1, 4),
                            "summary": "Samen werken aan rust en overzicht.",
                            "agreed_on": opened + timedelta(days=21),
                            "updated_by_id": coordinator,
                        }
                    )
                    for g, d in enumerate(domains[: rng.randint(1, 3)]):
                        (goal_id,) = self._ids(c.Goal, 1)
                        goal_rows.append(
                            {
                                "id": goal_id,
                                "plan_id": plan_id,
                                "life_domain_id": d,
                                "text": rng.choice(GOAL_TEXTS),
                                "status": ("reached" if rng.random() < 0.6 else "partly") if closed else "open",
                                "order": g,
                            }
                        )
                        for _a in range(rng.randint(1, 2)):
                            due = opened + timedelta(days=rng.randint(7, 120))
                            done = closed is not None or due < today - timedelta(days=30)
                            action_rows.append(
                                {
                                    "plan_id": plan_id,
                                    "goal_id": goal_id,
                                    "who_kind": rng.choice(["household", "worker", "partner", "own_network"]),
                                    "assignee_id": coordinator if rng.random() < 0.4 else None,
                                    "what": rng.choice(ACTION_TEXTS),
                                    "due_on": due,
                                    "status": "done" if done else "open",
                                    "done_on": min(due, end) if done else None,
                                }
                            )
                if rng.random() < 0.2:
                    partner = rng.choice(partners)
                    inv_rows.append(
                        {
                            "case_id": case_id,
                            "user_id": partner,
                            "organisation_id": partner_org[partner],
                            "role": rng.choice(["debt_counsellor", "mental_health", "district_nurse", "youth_worker"]),
                            "start_date": opened + timedelta(days=7),
                            "end_date": closed,
                        }
                    )
                span = max((end - opened).days, 1)
                n_contacts = max(1, int(rng.expovariate(1 / contacts_per_case)))
                for cm_id in self._ids(c.ContactMoment, n_contacts):
                    cm_rows.append(
                        {
                            "id": cm_id,
                            "case_id": case_id,
                            "occurred_on": opened + timedelta(days=rng.randrange(span)),
                            "kind": _weighted(rng, CONTACT_KINDS),
                            "note": rng.choice(NOTE_TEXTS),
                            "audience": _weighted(rng, AUDIENCES),
                            "author_id": coordinator,
                            "author_organisation_id": org_ids[0],
                        }
                    )
                    if rng.random() < 0.6:
                        cm_domains.append({"contactmoment_id": cm_id, "lifedomain_id": rng.choice(domains)})
                    if rng.random() < 0.5:
                        cm_people.append({"contactmoment_id": cm_id, "person_id": members[0][0]})
                if status in ("execution", "plan", "evaluation") and coordinator not in self._seen_coordinators:
                    self._seen_coordinators.add(coordinator)
                    self.coordinators.append(coordinator)
        self.sink.write(c.HelpRequest, hr_rows)
        self.sink.write(c.Case, case_rows)
        self.sink.write(c.Plan, plan_rows)
        self.sink.write(c.Goal, goal_rows)
        self.sink.write(c.ContactMoment, cm_rows)
        if self.assessment_models:
            self.sink.write(self.assessment_models[0], assessment_rows)
            self._write_with_ids(self.assessment_models[1], score_rows)
        if self.provision_models:
            self._write_with_ids(self.provision_models[1], decision_rows)
        for rows, model in (
            (hr_domains, c.HelpRequest.life_domains.through),
            (cs_rows, c.ClientSystemMember),
            (action_rows, c.Action),
            (inv_rows, c.Involvement),
            (cm_domains, c.ContactMoment.life_domains.through),
            (cm_people, c.ContactMoment.participants.through),
        ):
            for i, row in zip(self._ids(model, len(rows)), rows, strict=True):
                row["id"] = i
            self.sink.write(model, rows)

    _seen_coordinators: set[int] = set()

    def _write_with_ids(self, model: Any, rows: list[dict]) -> None:
        for i, row in zip(self._ids(model, len(rows)), rows, strict=True):
            row["id"] = i
        self.sink.write(model, rows)


def _bsn(n: int) -> str:
    from wijkteam.households.bsn import SYNTHETIC_CAPACITY, bsn_synthetic

    return bsn_synthetic(n % SYNTHETIC_CAPACITY)


def touched_models() -> list[Any]:
    from wijkteam.access.models import User
    from wijkteam.cases import models as c
    from wijkteam.households import models as h
    from wijkteam.teams import models as t

    return [
        User,
        User.groups.through,
        t.Organisation,
        t.Team,
        t.Team.districts.through,
        t.Membership,
        t.Membership.disciplines.through,
        h.Household,
        h.Address,
        h.Person,
        h.Residence,
        h.Relation,
        c.HelpRequest,
        c.HelpRequest.life_domains.through,
        c.Case,
        c.ClientSystemMember,
        c.Plan,
        c.Goal,
        c.Action,
        c.Involvement,
        c.ContactMoment,
        c.ContactMoment.life_domains.through,
        c.ContactMoment.participants.through,
        *_optional_models(),
    ]


def _optional_models() -> list[Any]:
    from django.apps import apps

    names = []
    if apps.is_installed("wijkteam.assessments"):
        names += [("assessments", "Assessment"), ("assessments", "DomainScore")]
    if apps.is_installed("wijkteam.provisions"):
        names += [("provisions", "CatalogueOption"), ("provisions", "Decision")]
    return [apps.get_model(app, name) for app, name in names]


def _skip_foreign_key_triggers() -> None:
    """On PostgreSQL as a superuser: no foreign-key triggers for this transaction.

    Django's foreign keys are DEFERRABLE INITIALLY DEFERRED, so every loaded row queues a check that runs
    at COMMIT: at scale M the commit alone took minutes. The generator writes consistent rows by
    construction (the SQLite test loads scale S with its foreign keys checked), so the bench loader may
    skip them, as `pg_restore --disable-triggers` does. Without superuser rights the checks stay.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
        if row and row[0]:
            cursor.execute("SET LOCAL session_replication_role = replica")


# Tables that grow with the scale: their secondary indexes are dropped before the COPY and built again after it.
BULK_APPS = ("households", "cases", "assessments", "provisions")


def _secondary_indexes_drop(models: Iterable[Any]) -> list[str]:
    """On PostgreSQL: drop the indexes of the bulk tables that back no constraint; returns their definitions.

    Maintaining a dozen b-trees per row while loading (names, dates and foreign keys in random order) is
    most of the load's cost at scale L; one sorted build per index afterwards is several times faster. The
    primary keys and unique constraints stay, so the loaded rows are still checked against them. Runs in
    the load's transaction: if the load fails, the indexes come back with the rollback."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    tables = [m._meta.db_table for m in models if m._meta.app_label in BULK_APPS]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relname = ANY(%s)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            ORDER BY 1
            """,
            [tables],
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(f"DROP INDEX {name}")  # nosec B608 - a name read from pg_index just now
    return [definition for _name, definition in found]


def _secondary_indexes_build(definitions: list[str], quiet: bool = False) -> None:
    from django.db import connection

    if not definitions:
        return
    progress = Progress(len(definitions), "indexes", quiet=quiet)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for definition in definitions:
            cursor.execute(definition)  # nosec B608 - a definition read from pg_get_indexdef
            progress.add(1)
    progress.close()


def estimated_rows(scale: Scale) -> int:
    # About 2.2 persons per household and per person a residence; per case about 11 rows besides contacts.
    return int(
        scale.households * 5.5
        + scale.cases * 11
        + scale.contact_moments * 2.1
        + scale.assessments * 3.5
        + scale.decisions
    )


def generate(*, scale: str | Scale = "S", seed: int = 1, today: date | None = None, quiet: bool = False) -> Result:
    """Generate and load one scale into the current database (which must hold the region registry).

    `scale` is a name of SCALES or a Scale of its own (tests use a tiny one)."""
    from django.contrib.auth.models import Group
    from django.db import transaction

    from wijkteam.access.services import roles_sync
    from wijkteam.neighbourhoods.models import Region, RegionLevel
    from wijkteam.reference.services import reference_data_sync
    from wijkteam.teams.services import discipline_data_sync

    spec = SCALES[scale] if isinstance(scale, str) else scale
    if spec.name == "L":
        disk_check(spec)
    roles_sync()
    reference_data_sync()
    discipline_data_sync()
    from django.apps import apps

    if apps.is_installed("wijkteam.assessments"):
        from wijkteam.assessments.services import instrument_data_sync

        instrument_data_sync()
    groups = {g.name: g.pk for g in Group.objects.all()}
    now = datetime(2026, 1, 1, 12, tzinfo=UTC)
    progress = Progress(estimated_rows(spec), f"scale {spec.name}", quiet=quiet)
    sink = Sink(now, progress)
    gen = Generator(scale=spec, seed=seed, sink=sink, today=today or date(2026, 1, 1))
    gen._seen_coordinators = set()
    municipalities = Region.objects.filter(level=RegionLevel.MUNICIPALITY).order_by("code")
    if spec.municipalities == 1:
        plan = [(municipalities.get(code=SCALE_MUNICIPALITY.get(spec.name, "GM0153")), 1.0)]
    else:
        from django.db.models import Count

        weights = dict(
            Region.objects.filter(level=RegionLevel.NEIGHBOURHOOD)
            .values_list("municipality_id")
            .annotate(n=Count("id"))
            .values_list("municipality_id", "n")
        )
        total = sum(weights.values())
        plan = [(m, weights.get(m.pk, 0) / total) for m in municipalities if weights.get(m.pk)]
    start = time.perf_counter()
    with transaction.atomic():
        _skip_foreign_key_triggers()
        indexes = _secondary_indexes_drop(touched_models())
        for municipality, share in plan:
            households = max(1, round(spec.households * share))
            gen.municipality(
                municipality,
                households,
                round(spec.cases * share),
                round(spec.contact_moments * share),
                groups,
            )
        sink.reset_sequences(touched_models())
        progress.close()
        index_start = time.perf_counter()
        _secondary_indexes_build(indexes, quiet=quiet)
        index_seconds = time.perf_counter() - index_start
    seconds = time.perf_counter() - start
    return Result(
        scale=spec.name,
        seed=seed,
        seconds=seconds,
        counts=dict(sink.counts),
        coordinators=gen.coordinators,
        suggestion_team_id=gen.suggestion_team_id,
        index_seconds=index_seconds,
    )


def iter_chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
