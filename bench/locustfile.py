"""The coordinator mix for `make bench` (locust, headless, closed loop without think time).

Each simulated user is one coordinator with a logged-in session (prepared by bench/run.py and passed in
the JSON file named by BENCH_USERS): my cases, case detail, household search, record a contact moment,
plan update, the API case list, plus the bench floors (minimal view) and the unrestricted twins.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from datetime import date

from locust import HttpUser, constant, task

USERS = json.loads(open(os.environ["BENCH_USERS"]).read())  # noqa: SIM115 - read once at start
_next = itertools.count()
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')


class Coordinator(HttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        me = USERS[next(_next) % len(USERS)]
        self.me = me
        self.rng = random.Random(me["user_id"])
        self.client.cookies.set("sessionid", me["session"])
        html = self.client.get(f"/casussen/{me['cases'][0]}/contact/", name="(warm-up)").text
        match = TOKEN.search(html)
        self.csrf = match.group(1) if match else ""

    def _case(self) -> int:
        return self.rng.choice(self.me["cases"])

    @task(6)
    def my_cases(self) -> None:
        self.client.get("/casussen/?scope=mine", name="my cases")

    @task(6)
    def case_detail(self) -> None:
        self.client.get(f"/casussen/{self._case()}/", name="case detail")

    @task(3)
    def household_search(self) -> None:
        self.client.get(f"/zoeken/?q={self.rng.choice(self.me['search'])}", name="household search")

    @task(2)
    def contact_moment(self) -> None:
        data = {
            "csrfmiddlewaretoken": self.csrf,
            "occurred_on": date.today().isoformat(),  # noqa: DTZ011 - the server's local day
            "kind": "call",
            "note": "Telefonisch contact (bench).",
            "audience": "team",
        }
        with self.client.post(
            f"/casussen/{self._case()}/contact/",
            data=data,
            name="record a contact moment",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"answered {response.status_code}")

    @task(1)
    def plan_update(self) -> None:
        case = self._case()
        html = self.client.get(f"/casussen/{case}/plan/", name="plan page").text
        match = VERSION.search(html)
        data = {
            "csrfmiddlewaretoken": self.csrf,
            "summary": f"Samen werken aan rust en overzicht ({self.rng.randrange(1000)}).",
            "version": match.group(1) if match else "",
        }
        with self.client.post(
            f"/casussen/{case}/plan/", data=data, name="plan update", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"answered {response.status_code}")

    @task(3)
    def api_case_list(self) -> None:
        self.client.get("/api/v1/cases/?mine=1", name="API case list")

    # Floors and the unrestricted twins, measured in the same run.
    @task(2)
    def minimal(self) -> None:
        self.client.get("/_bench/minimal/", name="minimal view")

    @task(3)
    def my_cases_unrestricted(self) -> None:
        self.client.get("/_bench/unrestricted/casussen/?scope=mine", name="my cases, unrestricted")

    @task(3)
    def case_detail_unrestricted(self) -> None:
        self.client.get(f"/_bench/unrestricted/casussen/{self._case()}/", name="case detail, unrestricted")

    @task(2)
    def api_case_list_unrestricted(self) -> None:
        self.client.get("/_bench/unrestricted/api/cases/?mine=1", name="API case list, unrestricted")
