"""The steps of the demo loader, in order. Each app with demo data adds one step here.

A step takes the `DemoContext` and must be idempotent: `make run` runs the loader every time. All
personal data is generated with the context's seeded `random` and Faker (`nl_NL`), never real.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.management import call_command

from wijkteam.assessments.demo import demo_load as assessments_demo_load
from wijkteam.demo.accounts import demo_accounts_load
from wijkteam.demo.cases import demo_cases_load
from wijkteam.demo.households import demo_households_load
from wijkteam.neighbourhoods.models import Region
from wijkteam.provisions.demo import demo_load as provisions_demo_load
from wijkteam.teams.demo import demo_load as teams_demo_load

DEMO_MUNICIPALITY = "GM0153"  # Enschede, lead municipality of the first source study
# The district analysis of the demo: Enschede, and Utrecht, the one municipality whose districts have
# household and benefit figures in the CBS snapshot (Enschede's districts have demographics only).
DEMO_ANALYSIS_MUNICIPALITIES = ("GM0153", "GM0344")
SEED = 20261123


@dataclass
class DemoContext:
    stdout: Any
    verbosity: int = 1
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    # Filled by the steps for the ones after them (e.g. the demo users by username).
    shared: dict[str, Any] = field(default_factory=dict)

    def say(self, message: str) -> None:
        if self.verbosity:
            self.stdout.write(message)


def regions(ctx: DemoContext) -> None:
    call_command("import_regions", verbosity=ctx.verbosity, stdout=ctx.stdout)


def indicators(ctx: DemoContext) -> None:
    call_command("import_indicators", verbosity=ctx.verbosity, stdout=ctx.stdout)
    if ctx.verbosity:
        links = ", ".join(f"/regio/{code}/" for code in DEMO_ANALYSIS_MUNICIPALITIES)
        ctx.say(f"  Wijkanalyse: {links}")


def accounts(ctx: DemoContext) -> None:
    loaded = demo_accounts_load()
    ctx.shared["users"] = {user.username: user for user, _ in loaded}
    ctx.shared["tokens"] = {user.username: key for user, key in loaded}


def households(ctx: DemoContext) -> None:
    # Always draw the seed, so the steps after this one get the same random stream on every run.
    seed = ctx.rng.getrandbits(32)
    loaded = demo_households_load(municipality_code=DEMO_MUNICIPALITY, seed=seed)
    ctx.shared["households"] = loaded
    ctx.say(f"  {len(loaded)} households in {DEMO_MUNICIPALITY}")


def teams(ctx: DemoContext) -> None:
    loaded = teams_demo_load(users=ctx.shared["users"], rng=ctx.rng)
    ctx.shared["organisations"] = loaded["organisations"]
    ctx.shared["teams"] = loaded["teams"]


def cases(ctx: DemoContext) -> None:
    # Always draw the seed, so the steps after this one get the same random stream on every run.
    seed = ctx.rng.getrandbits(32)
    loaded = demo_cases_load(
        municipality_code=DEMO_MUNICIPALITY, households=ctx.shared["households"], users=ctx.shared["users"], seed=seed
    )
    ctx.say(
        f"  {loaded['cases']} cases ({loaded['open_cases']} open), {loaded['short_contacts']} short contacts, "
        f"{loaded['signals']} signals"
    )


def assessments(ctx: DemoContext) -> None:
    # Always draw the seed, so the steps after this one get the same random stream on every run.
    seed = ctx.rng.getrandbits(32)
    loaded = assessments_demo_load(
        municipality_code=DEMO_MUNICIPALITY, users=ctx.shared.get("users", {}), rng=random.Random(seed)
    )
    ctx.say(f"  {loaded['assessments']} self-reliance assessments, {loaded['goal_ratings']} goal ratings")


def provisions(ctx: DemoContext) -> None:
    # Its own seeded stream, so adding this step leaves the steps before it unchanged.
    rng = random.Random(ctx.rng.getrandbits(32))
    municipality = Region.objects.get(code=DEMO_MUNICIPALITY, level="municipality")
    loaded = provisions_demo_load(municipality=municipality, users=ctx.shared["users"], rng=rng)
    ctx.say(
        f"  {loaded['options']} catalogue options, {loaded['step_changes']} step changes, "
        f"{loaded['decisions']} decisions, {loaded['payments']} frontline payments"
    )


STEPS: list[tuple[str, Callable[[DemoContext], None]]] = [
    ("CBS region registry", regions),
    ("CBS figures and boundaries (district analysis)", indicators),
    ("Demo accounts", accounts),
    ("Households", households),
    ("Teams, organisations and the social map", teams),
    ("Case files, short contacts and signals", cases),
    ("Self-reliance assessments and goal ratings", assessments),
    ("Stepped care: catalogue, step changes, decisions and costs", provisions),
]
