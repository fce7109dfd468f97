"""`make bench`: load a scale into a PostgreSQL bench database, serve the app with gunicorn on loopback,
drive it with locust (1 and 16 users, closed loop, no think time) and write docs/benchmarks.md.

Environment: SCALE (S, M, L; default M), SEED (default 1), BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/wijkteam_bench), BENCH_SECONDS (per load step, default 40),
BENCH_WORKERS (gunicorn workers, default 4). Loaded data is reused when scale and seed match.
"""

from __future__ import annotations

import csv
import json
import os
import platform
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "benchmarks.md"
BIN = Path(sys.executable).parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/wijkteam_bench"
OPEN_STATUSES = ("plan", "execution", "evaluation")
META_TABLE = "bench_meta"


# ------------------------------------------------------------------------------------------- helpers


def machine() -> str:
    cores = os.cpu_count()
    try:
        meminfo = Path("/proc/meminfo").read_text().splitlines()
        mem_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
        memory = f"{mem_kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        memory = "unknown"
    return f"{platform.machine()}, {cores} cores, {memory} RAM"


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_ensure(url: str, *, drop: bool = False) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and drop:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


@dataclass
class Row:
    what: str
    users: str = ""
    p50: str = ""
    p95: str = ""
    p99: str = ""
    throughput: str = ""
    errors: str = ""
    queries: str = ""
    scale: str = ""


@dataclass
class Report:
    scale: str
    seed: int
    rows: list[Row] = field(default_factory=list)
    other: list[tuple[str, str, str]] = field(default_factory=list)  # what, figure, scale
    targets: list[tuple[str, str, str]] = field(default_factory=list)  # target, figure, met
    notes: list[str] = field(default_factory=list)
    versions: str = ""


# ------------------------------------------------------------------------------------------ the steps


def meta_get(connection: Any) -> dict | None:
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (id int PRIMARY KEY, data text NOT NULL)")
        cursor.execute(f"SELECT data FROM {META_TABLE} WHERE id = 1")  # noqa: S608  # nosec B608 - a constant
        row = cursor.fetchone()
    return json.loads(row[0]) if row else None


def meta_set(connection: Any, data: dict) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {META_TABLE}")  # noqa: S608  # nosec B608 - a constant
        cursor.execute(f"INSERT INTO {META_TABLE} (id, data) VALUES (1, %s)", [json.dumps(data)])  # noqa: S608  # nosec B608 - a constant


def cbs_import(report: Report) -> None:
    from wijkteam.neighbourhoods.services import (
        boundaries_import,
        indicator_values_import,
        regions_import,
        snapshot_sources,
    )

    start = time.perf_counter()
    regions = regions_import()
    label = "empty database" if regions.created else "second run"
    report.other.append(
        (f"CBS region registry import, {label}", f"{time.perf_counter() - start:.2f} s", f"{regions.total} regions")
    )
    start = time.perf_counter()
    figures = indicator_values_import(sources=snapshot_sources())
    boundaries = boundaries_import()
    label = "empty database" if figures.created else "second run"
    report.other.append(
        (
            f"CBS indicators and boundaries import (whole snapshot), {label}",
            f"{time.perf_counter() - start:.2f} s",
            f"{figures.created + figures.updated + figures.unchanged} figures, "
            f"{boundaries.created + boundaries.updated + boundaries.unchanged} boundaries",
        )
    )


def load(report: Report, url: str, scale: str, seed: int) -> dict:
    """The scale's data, generated now or reused when the database already holds this scale and seed."""
    import django
    from django.core.management import call_command
    from django.db import connection

    from bench.generate import GENERATOR_VERSION, SCALES, disk_check, generate

    django.setup()
    call_command("migrate", verbosity=0)
    meta = meta_get(connection)
    if meta and (meta["scale"], meta["seed"], meta.get("version")) == (scale, seed, GENERATOR_VERSION):
        report.notes.append(f"data of scale {scale}, seed {seed} reused from an earlier run (loaded {meta['loaded']})")
        cbs_import(report)
        return meta
    from wijkteam.cases.models import Case

    if Case.objects.exists() or meta:
        connection.close()
        database_ensure(url, drop=True)
        call_command("migrate", verbosity=0)
        meta_get(connection)
    if scale == "L":
        disk_check(SCALES["L"])
    cbs_import(report)
    result = generate(scale=scale, seed=seed)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT pg_database_size(current_database())")
        size = cursor.fetchone()[0]
    meta = {
        "scale": scale,
        "seed": seed,
        "version": GENERATOR_VERSION,
        "loaded": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "seconds": result.seconds,
        "rows": result.rows,
        "rows_per_second": result.rows_per_second,
        "index_seconds": result.index_seconds,
        "counts": result.counts,
        "coordinators": result.coordinators,
        "suggestion_team_id": result.suggestion_team_id,
        "database_bytes": size,
    }
    meta_set(connection, meta)
    return meta


def sessions(meta: dict, n: int = 16) -> list[dict]:
    """Logged-in sessions for n coordinators with running cases (as after the two-factor login)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from wijkteam.access.models import User
    from wijkteam.cases.models import Case

    users = []
    for user_id in meta["coordinators"]:
        cases = list(
            Case.objects.filter(coordinator_id=user_id, status__in=OPEN_STATUSES)
            .order_by("id")
            .values_list("id", "household__name")
        )
        if len(cases) < 3:
            continue
        user = User.objects.get(pk=user_id)
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.set_expiry(3 * 3600)
        store.create()
        users.append(
            {
                "user_id": user_id,
                "session": store.session_key,
                "cases": [c for c, _n in cases],
                "search": sorted({n.split()[-1] for _c, n in cases}),
            }
        )
        if len(users) == n:
            break
    return users


def serve(url: str, port: int, workers: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "WIJKTEAM_BENCH": "1",
        "HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_DEBUG": "false",
    }
    process = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    import requests

    for _ in range(120):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return process
        except requests.RequestException:
            pass
        time.sleep(0.5)
    process.terminate()
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


def locust(port: int, users_file: Path, n: int, seconds: int, workdir: Path) -> tuple[dict[str, dict], float]:
    """Run the mix with n users; returns stats per request name and the load tool's CPU use (cores)."""
    prefix = workdir / f"u{n}"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(  # noqa: S603 - our own venv's locust
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(n),
            "--spawn-rate",
            str(n),
            "--run-time",
            f"{seconds}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env={**os.environ, "BENCH_USERS": str(users_file)},
        check=False,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stats = {}
    with open(f"{prefix}_stats.csv") as handle:
        for line in csv.DictReader(handle):
            stats[line["Name"]] = line
    return stats, cpu / wall


def query_counts(port: int, user: dict) -> dict[str, str]:
    """SQL queries per request (the X-Bench-Queries header), one request of each kind."""
    import requests

    base = f"http://127.0.0.1:{port}"
    s = requests.Session()
    s.cookies.set("sessionid", user["session"])
    case = user["cases"][0]
    html = s.get(f"{base}/casussen/{case}/contact/").text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    csrf = token.group(1) if token else ""
    counts = {}
    gets = {
        "my cases": "/casussen/?scope=mine",
        "case detail": f"/casussen/{case}/",
        "household search": f"/zoeken/?q={user['search'][0]}",
        "API case list": "/api/v1/cases/?mine=1",
        "minimal view": "/_bench/minimal/",
        "my cases, unrestricted": "/_bench/unrestricted/casussen/?scope=mine",
        "case detail, unrestricted": f"/_bench/unrestricted/casussen/{case}/",
        "API case list, unrestricted": "/_bench/unrestricted/api/cases/?mine=1",
        "plan page": f"/casussen/{case}/plan/",
    }
    for name, path in gets.items():
        counts[name] = s.get(base + path, allow_redirects=False).headers.get("X-Bench-Queries", "?")
    response = s.post(
        f"{base}/casussen/{case}/contact/",
        data={
            "csrfmiddlewaretoken": csrf,
            "occurred_on": datetime.now(UTC).date().isoformat(),
            "kind": "call",
            "note": "Telefonisch contact (bench).",
            "audience": "team",
        },
        allow_redirects=False,
    )
    counts["record a contact moment"] = response.headers.get("X-Bench-Queries", "?")
    version = re.search(r'name="version" value="(\d+)"', s.get(f"{base}/casussen/{case}/plan/").text)
    response = s.post(
        f"{base}/casussen/{case}/plan/",
        data={
            "csrfmiddlewaretoken": csrf,
            "summary": "Samen verder (bench).",
            "version": version.group(1) if version else "",
        },
        allow_redirects=False,
    )
    counts["plan update"] = response.headers.get("X-Bench-Queries", "?")
    return counts


def raw_sql_floor(url: str, user: dict, paths: dict[str, str], repeat: int = 30) -> dict[str, tuple[float, int]]:
    """The reads of one request replayed as raw SQL through psycopg: p50 of the summed time, and count."""
    import psycopg
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from wijkteam.access.models import User

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(User.objects.get(pk=user["user_id"]))
    result = {}
    with psycopg.connect(url, autocommit=True) as conn:
        for name, path in paths.items():
            with CaptureQueriesContext(connection) as captured:
                client.get(path)
            reads = [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
            samples = []
            for _ in range(repeat):
                start = time.perf_counter()
                for sql in reads:
                    conn.execute(sql.replace("%", "%%")).fetchall()
                samples.append((time.perf_counter() - start) * 1000)
            result[name] = (statistics.median(samples), len(reads))
    return result


def district_analysis(report: Report) -> float:
    """Expected demand (planning) for every district of the country, the whole way from the database."""
    from wijkteam.neighbourhoods.models import Region, RegionLevel
    from wijkteam.planning.selectors import expected_demand_for_regions

    samples = []
    for _ in range(3):
        start = time.perf_counter()
        districts = list(Region.objects.filter(level=RegionLevel.DISTRICT))
        expected_demand_for_regions(regions=districts)
        samples.append(time.perf_counter() - start)
    seconds = statistics.median(samples)
    report.other.append(
        (
            "district analysis (expected demand) for all districts of the country",
            f"{seconds:.2f} s",
            f"{len(districts)} districts, median of 3",
        )
    )
    return seconds


def suggestion(report: Report, meta: dict) -> None:
    from wijkteam.cases.models import Case
    from wijkteam.teams.models import Team
    from wijkteam.teams.selectors import coordinator_suggestions

    team = Team.objects.get(pk=meta["suggestion_team_id"])
    members = team.memberships.filter(end_date__isnull=True).count()
    case = Case.objects.filter(team=team).select_related("household").first()
    district = team.districts.order_by("code").first()
    samples = []
    for _ in range(10):
        start = time.perf_counter()
        coordinator_suggestions(
            team=team,
            life_domain_codes=["finances", "parenting", "mental_health"],
            district_code=district.code if district else None,
            household_id=case.household_id if case else None,
        )
        samples.append((time.perf_counter() - start) * 1000)
    report.other.append(
        (
            f"coordinator suggestion for a team of {members} members",
            f"p50 {statistics.median(samples):.0f} ms · max {max(samples):.0f} ms",
            f"scale {meta['scale']}, 10 runs, in-process",
        )
    )


def monitoring_dashboard(report: Report, meta: dict) -> float:
    """The monitoring dashboard of one whole municipality (all teams and districts, the current year with
    its trend periods), computed in-process as the dashboard view does; median of 5 after one warm-up."""
    from django.db import connection, reset_queries
    from django.test.utils import override_settings

    from bench.generate import SCALE_MUNICIPALITY
    from wijkteam.monitoring import metrics, selectors, suppression

    code = SCALE_MUNICIPALITY.get(meta["scale"], "GM0363")
    samples: list[float] = []
    queries = 0
    with override_settings(WIJKTEAM_MUNICIPALITY=code, DEBUG=True):
        scope = selectors.scope_from_query({"period": [str(datetime.now(UTC).year)]})
        rules = suppression.rules_from_settings()
        for run in range(6):
            reset_queries()
            start = time.perf_counter()
            board = metrics.dashboard(scope, rules)
            board.tables()
            if run:
                samples.append((time.perf_counter() - start) * 1000)
            queries = len(connection.queries)
    median = statistics.median(samples)
    report.other.append(
        (
            f"monitoring dashboard of one municipality ({code}, all teams and districts, year with trend)",
            f"p50 {median:.0f} ms · max {max(samples):.0f} ms · {queries} SQL queries",
            f"scale {meta['scale']}, 5 runs after a warm-up, in-process",
        )
    )
    return median


# -------------------------------------------------------------------------------------------- writing

TARGET_NOTE = "targets are set for scale L; this run is scale {scale}"


def _f(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def evaluate(
    report: Report, stats: dict[int, dict], floors: dict, district_s: float, dashboard_ms: float | None = None
) -> None:
    def p(users: int, name: str, key: str) -> float:
        return _f(stats[users].get(name, {}).get(key))

    def errors(name: str) -> int:
        return sum(int(_f(stats[u].get(name, {}).get("Failure Count", 0)) or 0) for u in stats)

    def met(ok: bool) -> str:
        return "met" if ok else "**not met**"

    for name in ("my cases", "case detail"):
        v1, v16 = p(1, name, "50%"), p(16, name, "95%")
        report.targets.append((f"{name}: p50 ≤ 15 ms at 1 user", f"{v1:.0f} ms", met(v1 <= 15)))
        report.targets.append((f"{name}: p95 ≤ 100 ms at 16 users", f"{v16:.0f} ms", met(v16 <= 100)))
        report.targets.append((f"{name}: no errors", str(errors(name)), met(errors(name) == 0)))
    v = p(16, "household search", "95%")
    report.targets.append(("household search: p95 ≤ 150 ms at 16 users", f"{v:.0f} ms", met(v <= 150)))
    for name, twin in (
        ("my cases", "my cases, unrestricted"),
        ("case detail", "case detail, unrestricted"),
        ("API case list", "API case list, unrestricted"),
    ):
        checked, free = p(1, name, "Average Response Time"), p(1, twin, "Average Response Time")
        ratio = checked / free if free else float("nan")
        report.targets.append(
            (f"{name}: access-checked ÷ unrestricted ≤ 1.2 (mean, 1 user)", f"{ratio:.2f}", met(ratio <= 1.2))
        )
    minimal = p(1, "minimal view", "50%")
    raw = floors.get("case detail", (float("nan"), 0))[0]
    detail = p(1, "case detail", "50%")
    bound = 3 * (minimal + raw)
    report.targets.append(
        (
            "case detail p50 ≤ 3 × (minimal-view p50 + raw-SQL p50)",
            f"{detail:.0f} ms vs 3 × ({minimal:.0f} + {raw:.1f}) = {bound:.0f} ms",
            met(detail <= bound),
        )
    )
    if dashboard_ms is None:
        report.targets.append(("monitoring dashboard ≤ 300 ms at scale M", "not measured", "–"))
    else:
        limit = 300 if report.scale != "L" else 2000
        report.targets.append(
            (
                f"monitoring dashboard ≤ {limit} ms at scale {report.scale} (in-process)",
                f"{dashboard_ms:.0f} ms",
                met(dashboard_ms <= limit),
            )
        )
    report.targets.append(("national district analysis ≤ 1 s", f"{district_s:.2f} s", met(district_s <= 1)))


def write(report: Report) -> str:
    lines = [
        f"## Run of {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"- machine: {machine()}; load average at the end {load_average()} (the machine is shared)",
        f"- scale of every figure: **{report.scale}** (seed {report.seed}) unless the row says otherwise",
        f"- versions: {report.versions}",
        *[f"- {note}" for note in report.notes],
        "",
        "### Requests (gunicorn on loopback, locust headless, closed loop without think time)",
        "",
        "| request | users | p50 | p95 | p99 | throughput | errors | SQL queries |",
        "|---|---|---|---|---|---|---|---|",
        *[
            f"| {r.what} | {r.users} | {r.p50} | {r.p95} | {r.p99} | {r.throughput} | {r.errors} | {r.queries} |"
            for r in report.rows
        ],
        "",
        "### Other figures",
        "",
        "| what | figure | scale |",
        "|---|---|---|",
        *[f"| {a} | {b} | {c} |" for a, b, c in report.other],
        "",
        "### Targets (issue 9)",
        "",
        f"Note: {TARGET_NOTE.format(scale=report.scale)}.",
        "",
        "| target | figure | met |",
        "|---|---|---|",
        *[f"| {a} | {b} | {c} |" for a, b, c in report.targets],
        "",
    ]
    return "\n".join(lines)


def save(body: str) -> None:
    previous = ""
    if OUTPUT.exists():
        text = OUTPUT.read_text()
        if "## Run of" in text:
            last = text[text.index("## Run of") :].split("# Previous run")[0].strip()
            closing = ""
            if "# Closing note" in last:
                last, closing = last.split("# Closing note", 1)
            previous = "\n# Previous run\n\n" + last.strip() + "\n"
    header = (
        "# Benchmarks\n\nWritten by `make bench` (bench/run.py); the previous run is kept below for comparison. "
        "Timings are measured here and never asserted in tests (query counts are). Row counts per scale: "
        "bench/README.md.\n\n"
    )
    closing_path = ROOT / "bench" / "CLOSING.md"
    closing = "\n# Closing note\n\n" + closing_path.read_text().strip() + "\n" if closing_path.exists() else ""
    OUTPUT.write_text(header + body + closing + previous)


# ---------------------------------------------------------------------------------------------- main


def main() -> int:
    scale = os.environ.get("SCALE", "M").upper()
    seed = int(os.environ.get("SEED", "1"))
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    seconds = int(os.environ.get("BENCH_SECONDS", "40"))
    workers = int(os.environ.get("BENCH_WORKERS", "4"))
    os.environ["DATABASE_URL"] = url
    os.environ["WIJKTEAM_BENCH"] = "1"
    os.environ["HTTPS"] = "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    database_ensure(url)

    import django
    import locust as locust_package
    import psycopg

    report = Report(scale=scale, seed=seed)
    meta = load(report, url, scale, seed)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
        settings_shown = []
        for name in ("shared_buffers", "work_mem", "effective_cache_size", "max_connections"):
            cursor.execute(f"SHOW {name}")  # nosec B608 - constant names
            settings_shown.append(f"{name} {cursor.fetchone()[0]}")
    report.notes.append(
        "PostgreSQL as installed on the machine (not tuned for the bench): " + ", ".join(settings_shown)
    )
    report.versions = (
        f"Python {platform.python_version()}, Django {django.get_version()}, PostgreSQL {pg}, "
        f"psycopg {psycopg.__version__}, gunicorn ({workers} sync workers), locust {locust_package.__version__}"
    )
    counts = meta["counts"]
    report.other.append(
        (
            "synthetic data generator and bulk load (COPY)",
            f"{meta['rows_per_second']:,.0f} rows/s ({meta['rows']:,} rows in {meta['seconds']:.0f} s"
            + (
                f", of which {meta['index_seconds']:.0f} s building indexes after the COPY)"
                if meta.get("index_seconds")
                else ")"
            ),
            f"scale {meta['scale']}",
        )
    )
    report.other.append(
        (
            "database size after load",
            f"{meta['database_bytes'] / 1024**3:.2f} GB",
            f"scale {meta['scale']}: {counts.get('households_household', 0):,} households, "
            f"{counts.get('cases_case', 0):,} cases, {counts.get('cases_contactmoment', 0):,} contact moments",
        )
    )
    if scale != "L":
        from bench.generate import SCALES, estimated_rows

        l_rows = estimated_rows(SCALES["L"])
        report.other.append(
            (
                "estimated load time of scale L at this throughput",
                f"{l_rows / meta['rows_per_second'] / 60:.0f} min ({l_rows:,} rows)",
                "L, estimate",
            )
        )
    district_s = district_analysis(report)
    suggestion(report, meta)
    dashboard_ms = monitoring_dashboard(report, meta)

    users = sessions(meta)
    if not users:
        raise RuntimeError("no coordinator with running cases in the bench data")
    floors = raw_sql_floor(
        url,
        users[0],
        {"my cases": "/casussen/?scope=mine", "case detail": f"/casussen/{users[0]['cases'][0]}/"},
    )
    for name, (ms, n) in floors.items():
        report.other.append(
            (f"floor: {name} as raw SQL through psycopg ({n} reads)", f"p50 {ms:.1f} ms", f"scale {scale}")
        )

    connection.close()
    port = free_port()
    server = serve(url, port, workers)
    stats: dict[int, dict] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="wijkteam-bench-") as tmp:
            users_file = Path(tmp) / "users.json"
            users_file.write_text(json.dumps(users))
            for n in (1, 16):
                stats[n], cpu = locust(port, users_file, n, seconds, Path(tmp))
                report.other.append(
                    (f"load tool (locust) CPU use at {n} users", f"{cpu:.2f} cores", f"{seconds} s run")
                )
            queries = query_counts(port, users[0])
    finally:
        server.terminate()
        server.wait(timeout=30)

    order = [
        "my cases",
        "my cases, unrestricted",
        "case detail",
        "case detail, unrestricted",
        "household search",
        "record a contact moment",
        "plan page",
        "plan update",
        "API case list",
        "API case list, unrestricted",
        "minimal view",
    ]
    for name in order:
        for n in (1, 16):
            s = stats[n].get(name)
            if not s:
                continue
            report.rows.append(
                Row(
                    what=name,
                    users=str(n),
                    p50=f"{_f(s['50%']):.0f} ms",
                    p95=f"{_f(s['95%']):.0f} ms",
                    p99=f"{_f(s['99%']):.0f} ms",
                    throughput=f"{_f(s['Requests/s']):.1f}/s",
                    errors=f"{s['Failure Count']} of {s['Request Count']}",
                    queries=queries.get(name, ""),
                )
            )
    for n in (1, 16):
        s = stats[n].get("Aggregated")
        if s:
            report.rows.append(
                Row(
                    what="all requests of the mix together",
                    users=str(n),
                    p50=f"{_f(s['50%']):.0f} ms",
                    p95=f"{_f(s['95%']):.0f} ms",
                    p99=f"{_f(s['99%']):.0f} ms",
                    throughput=f"{_f(s['Requests/s']):.1f}/s",
                    errors=f"{s['Failure Count']} of {s['Request Count']}",
                    queries="",
                )
            )
    evaluate(report, stats, floors, district_s, dashboard_ms)
    body = write(report)
    save(body)
    print(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
