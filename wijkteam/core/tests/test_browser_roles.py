"""Every demo role logs in through a real browser and sees its home page; axe finds nothing serious."""

import pytest

from wijkteam.core.tests.browser import axe_check, login
from wijkteam.demo.accounts import DEMO_ACCOUNTS, demo_accounts_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_accounts(base_data):
    demo_accounts_load()


def test_login_page_is_accessible(page):
    page.goto("/inloggen/")
    assert page.title() == "Inloggen · wijkteam"
    axe_check(page)


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.username)
def test_each_demo_role_sees_its_home_page(page, demo_accounts, account):
    login(page, account.username)
    heading = page.get_by_role("heading", level=1)
    assert account.first_name in heading.inner_text()
    assert page.locator(".wt-banner").is_visible()  # demo banner
    assert page.get_by_role("heading", name="Mijn account").is_visible()
    axe_check(page)


def test_language_switch_and_skip_link(page, demo_accounts):
    login(page, "demo-advisor")
    page.get_by_role("button", name="EN", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="My account").is_visible()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    axe_check(page)
    page.get_by_role("button", name="NL", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "nl"


def test_wrong_password_message(page, demo_accounts):
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("demo-generalist")
    page.get_by_label("Wachtwoord").fill("fout")
    page.get_by_role("button", name="Inloggen").click()
    assert page.locator(".utrecht-alert--error").is_visible()
    axe_check(page)
