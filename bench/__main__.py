"""`make bench`: measure what exists so far and write docs/benchmarks.md (machine, date, figures).

Runs in-process against a fresh temporary SQLite database unless DATABASE_URL is set. Grows with the
performance issue into a load test on PostgreSQL; timings are reported here, never asserted in tests.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "benchmarks.md"


def machine() -> str:
    cores = os.cpu_count()
    try:
        meminfo = Path("/proc/meminfo").read_text().splitlines()
        mem_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
        memory = f"{mem_kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        memory = "unknown"
    return f"{platform.machine()}, {cores} cores, {memory} RAM, Python {platform.python_version()}"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed_requests(client, path: str, n: int) -> tuple[float, float, float]:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
    return statistics.median(samples), percentile(samples, 0.95), percentile(samples, 0.99)


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("HTTPS", "false")
    tmp = None
    if not os.environ.get("DATABASE_URL"):
        tmp = tempfile.TemporaryDirectory(prefix="wijkteam-bench-")
        os.environ["WIJKTEAM_VAR_DIR"] = tmp.name
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from wijkteam.demo.accounts import demo_accounts_load
    from wijkteam.neighbourhoods.services import (
        boundaries_import,
        indicator_values_import,
        regions_import,
        snapshot_sources,
    )
    from wijkteam.reference.services import reference_data_sync

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    rows: list[tuple[str, str, str]] = []

    start = time.perf_counter()
    first = regions_import()
    rows.append(
        ("CBS region registry import, empty database", f"{time.perf_counter() - start:.2f} s", f"{first.total} regions")
    )
    start = time.perf_counter()
    second = regions_import()
    rows.append(
        (
            "CBS region registry import, second run",
            f"{time.perf_counter() - start:.2f} s",
            f"{second.unchanged} unchanged",
        )
    )

    start = time.perf_counter()
    figures = indicator_values_import(sources=snapshot_sources())
    boundaries = boundaries_import()
    rows.append(
        (
            "CBS indicators and boundaries import (whole snapshot), empty database",
            f"{time.perf_counter() - start:.2f} s",
            f"{figures.created} figures, {boundaries.created} boundaries",
        )
    )
    start = time.perf_counter()
    figures = indicator_values_import(sources=snapshot_sources())
    boundaries = boundaries_import()
    rows.append(
        (
            "CBS indicators and boundaries import, second run",
            f"{time.perf_counter() - start:.2f} s",
            f"{figures.created + figures.updated} figures and "
            f"{boundaries.created + boundaries.updated} boundaries written, {figures.unchanged} unchanged",
        )
    )

    reference_data_sync()
    user = demo_accounts_load()[0][0]
    client = Client()
    client.force_login(user)
    n = 200
    for label, path in [
        ("API regions: districts of Enschede", "/api/v1/regions/?level=district&parent=GM0153"),
        ("API regions: 1,000 neighbourhoods", "/api/v1/regions/?level=neighbourhood&page_size=1000"),
        ("page: municipality with its districts", "/regio/GM0153/"),
        ("page: district profile (wijkanalyse) with expected demand", "/regio/WK034403/"),
        ("page: municipality map, another figure", "/regio/GM0344/?indicator=age_65_plus:2024:85984NED"),
        ("API indicators of a district", "/api/v1/regions/WK034403/indicators/"),
        ("API expected demand of a district", "/api/v1/regions/WK034403/expected-demand/"),
        ("page: start page", "/"),
    ]:
        p50, p95, p99 = timed_requests(client, path, n)
        rows.append((label, f"p50 {p50:.1f} ms · p95 {p95:.1f} ms · p99 {p99:.1f} ms", f"{n} requests, in-process"))

    body = [
        f"## Run of {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"- machine: {machine()}",
        f"- database: {connection.vendor} ({'temporary' if tmp else 'DATABASE_URL'})",
        f"- Django {django.get_version()}",
        "",
        "| what | figure | scale |",
        "|---|---|---|",
        *[f"| {a} | {b} | {c} |" for a, b, c in rows],
        "",
    ]
    previous = ""
    if OUTPUT.exists():
        text = OUTPUT.read_text()
        if "## Run of" in text:
            last = text[text.index("## Run of") :]
            last = last.split("# Previous run")[0].strip()
            previous = "\n# Previous run\n\n" + last.replace("## Run of", "## Run of", 1) + "\n"
    header = (
        "# Benchmarks\n\nWritten by `make bench`; the previous run is kept below for comparison. Timings are "
        "measured here and never asserted in tests (query counts are).\n\n"
    )
    OUTPUT.write_text(header + "\n".join(body) + previous)
    print("\n".join(body))
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
