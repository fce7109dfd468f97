"""Reading the access log needs a session that passed a second factor, and the reading is logged."""

import time

import pytest

from wijkteam.access import totp, two_factor
from wijkteam.access.models import AccessLogEntry
from wijkteam.access.tests.factories import UserFactory
from wijkteam.access.two_factor import SESSION_SECOND_FACTOR

pytestmark = pytest.mark.django_db


def test_access_log_needs_a_second_factor_and_reading_it_is_logged(client, settings):
    settings.WIJKTEAM_REQUIRE_2FA = True
    officer = UserFactory(roles=["privacy_officer"])
    client.force_login(officer)  # a password-only session
    assert client.get("/privacy/").status_code == 403
    assert client.get("/privacy/inzage/", {"person": 42}).status_code == 403
    assert client.get("/bewaren/").status_code == 403
    assert not AccessLogEntry.objects.filter(user=officer).exists()
    session = client.session
    session[SESSION_SECOND_FACTOR] = True
    session.save()
    assert client.get("/privacy/").status_code == 200
    assert client.get("/bewaren/").status_code == 200
    assert client.get("/privacy/inzage/", {"person": 42}).status_code == 200
    entry = AccessLogEntry.objects.get(user=officer)
    assert (entry.person_id, entry.data_category) == (42, "access log")


def test_demo_accounts_skip_the_second_factor(client, settings):
    settings.WIJKTEAM_REQUIRE_2FA = True
    client.force_login(UserFactory(roles=["privacy_officer"], is_demo=True))
    assert client.get("/privacy/").status_code == 200


def test_login_with_totp_marks_the_session(client, settings):
    settings.WIJKTEAM_REQUIRE_2FA = True
    officer = UserFactory(roles=["privacy_officer"], password="a-long-test-password-1")
    device = two_factor.two_factor_enroll_start(user=officer)
    now = time.time()
    two_factor.two_factor_confirm(user=officer, code=totp.code_at(device.secret, totp.step_of(now) - 1), now=now)
    response = client.post("/inloggen/", {"username": officer.username, "password": "a-long-test-password-1"})
    assert response.status_code == 302
    client.post("/inloggen/tweede-stap/", {"code": totp.code_at(device.secret, totp.step_of(time.time()))})
    assert client.session.get(SESSION_SECOND_FACTOR) is True
    assert client.get("/privacy/").status_code == 200
