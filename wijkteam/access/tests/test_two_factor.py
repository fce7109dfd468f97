"""Second factor for roles that see person-level data, recovery codes, lockout and idle timeout."""

import time

import pytest

from wijkteam.access import totp
from wijkteam.access.models import LoginAttempt, TwoFactorDevice
from wijkteam.access.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def require_2fa(settings):
    settings.WIJKTEAM_REQUIRE_2FA = True


def login(client, username, password=PASSWORD):
    return client.post("/inloggen/", {"username": username, "password": password})


def current_code(user, offset=0):
    device = TwoFactorDevice.objects.get(user=user)
    return totp.code_at(device.secret, totp.step_of(time.time()) + offset)


def test_first_login_enrols_then_second_login_asks_for_the_code(client):
    user = UserFactory(username="eva", roles=["generalist"])
    response = login(client, "eva")
    assert response.headers["Location"] == "/inloggen/authenticator-instellen/"
    assert client.get("/").status_code == 302  # not logged in yet
    page = client.get("/inloggen/authenticator-instellen/").content.decode()
    assert "otpauth://totp/" in page
    response = client.post(
        "/inloggen/authenticator-instellen/", {"code": "000000" if current_code(user) != "000000" else "111111"}
    )
    assert "niet correct" in response.content.decode()
    response = client.post("/inloggen/authenticator-instellen/", {"code": current_code(user)})
    assert response.status_code == 200 and response.content.decode().count("<code>") == 10  # recovery codes shown once
    assert client.get("/").status_code == 200
    client.post("/uitloggen/")
    response = login(client, "eva")
    assert response.headers["Location"] == "/inloggen/tweede-stap/"
    assert client.get("/").status_code == 302
    response = client.post("/inloggen/tweede-stap/", {"code": current_code(user, offset=1)})
    assert response.status_code == 302 and client.get("/").status_code == 200


def test_a_code_cannot_be_used_twice_and_recovery_codes_work_once(client):
    user = UserFactory(username="eva", roles=["generalist"])
    login(client, "eva")
    client.get("/inloggen/authenticator-instellen/")
    page = client.post("/inloggen/authenticator-instellen/", {"code": current_code(user)}).content.decode()
    recovery = page.split("<code>")[1].split("</code>")[0]
    client.post("/uitloggen/")
    login(client, "eva")
    response = client.post("/inloggen/tweede-stap/", {"code": current_code(user)})  # replay of the enrolment code
    assert response.status_code == 200
    assert client.post("/inloggen/tweede-stap/", {"code": recovery}).status_code == 302
    client.post("/uitloggen/")
    login(client, "eva")
    assert client.post("/inloggen/tweede-stap/", {"code": recovery}).status_code == 200


@pytest.mark.parametrize(
    ("roles", "is_demo", "needs"),
    [
        (["generalist"], False, True),
        (["partner"], False, True),
        (["privacy_officer"], False, True),
        (["policy_advisor"], False, False),
        (["data_analyst"], False, False),
        (["generalist"], True, False),
    ],
)
def test_who_needs_a_second_factor(client, roles, is_demo, needs):
    UserFactory(username="u", roles=roles, is_demo=is_demo)
    response = login(client, "u")
    assert (response.headers["Location"] != "/") is needs


def test_steps_two_without_a_password_go_back_to_login(client):
    assert client.get("/inloggen/tweede-stap/").headers["Location"] == "/inloggen/"
    assert client.get("/inloggen/authenticator-instellen/").headers["Location"] == "/inloggen/"


def test_lockout_after_repeated_failures(client, settings):
    UserFactory(username="eva", roles=["policy_advisor"])
    for _ in range(settings.WIJKTEAM_LOCKOUT_ATTEMPTS):
        assert login(client, "eva", "wrong").status_code == 200
    response = login(client, "eva")  # right password, but locked
    assert response.status_code == 200 and "Te veel mislukte pogingen" in response.content.decode()
    assert LoginAttempt.objects.filter(username="eva", success=False).count() == settings.WIJKTEAM_LOCKOUT_ATTEMPTS


def test_session_has_an_idle_timeout(settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_COOKIE_AGE <= 60 * 60
