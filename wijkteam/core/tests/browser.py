"""Pytest fixtures for browser tests: Playwright driving Debian's chromium against the shared live server.

Every page a browser test visits should be checked with `axe_check(page)` (axe-core: no serious or
critical violations); console errors, including Content-Security-Policy violations, fail the test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = os.environ.get("WIJKTEAM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def base_data(transactional_db: Any) -> None:
    """Roles and reference data (incl. disciplines), which a transactional test's flush removes; restored
    before each test."""
    from wijkteam.access.services import roles_sync
    from wijkteam.assessments.services import instrument_data_sync
    from wijkteam.reference.services import reference_data_sync
    from wijkteam.teams.services import discipline_data_sync

    roles_sync()
    reference_data_sync()
    discipline_data_sync()
    instrument_data_sync()


@pytest.fixture
def page(browser: Any, live_server: Any, base_data: None) -> Iterator[Any]:
    """A fresh browser context per test; fails the test on console errors (e.g. CSP violations).

    Browser tests run with `transactional_db` (the live server sees committed data only); `base_data`
    restores the roles and reference data that the flush after each such test removes.
    """
    context = browser.new_context(locale="nl-NL", base_url=live_server.url, accept_downloads=True)
    context.set_default_timeout(10_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not errors, f"browser console errors: {errors}"


def axe_check(page: Any) -> None:
    """Run axe-core on the current page; fail on serious or critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    details = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in bad]
    assert not bad, f"accessibility violations on {page.url}:\n" + "\n".join(details)


def login(page: Any, username: str, password: str = "wijkteam-demo") -> None:  # noqa: S107 - demo password
    """Log in through the login page."""
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/inloggen/" not in url)
