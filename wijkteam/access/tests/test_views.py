import pytest

from wijkteam.access.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_login_page_is_public_and_dutch(client):
    response = client.get("/inloggen/")
    assert response.status_code == 200
    assert 'lang="nl"' in response.content.decode()
    assert "Inloggen" in response.content.decode()


def test_login_logout_round_trip(client):
    UserFactory(username="eva", password="correct-horse-battery")
    response = client.post("/inloggen/", {"username": "eva", "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert client.post("/uitloggen/").status_code == 302
    assert client.get("/").status_code == 302


def test_wrong_password_shows_a_message_not_an_error(client):
    UserFactory(username="eva", password="correct-horse-battery")
    response = client.post("/inloggen/", {"username": "eva", "password": "fout"})
    assert response.status_code == 200
    assert "utrecht-alert--error" in response.content.decode()


def test_password_change(client):
    user = UserFactory(password="correct-horse-battery")
    client.force_login(user)
    response = client.post(
        "/wachtwoord/",
        {
            "old_password": "correct-horse-battery",
            "new_password1": "n1euw-Wachtwoord!",
            "new_password2": "n1euw-Wachtwoord!",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("n1euw-Wachtwoord!")


def test_home_shows_roles(client):
    user = UserFactory(roles=["policy_advisor"], first_name="Marco")
    client.force_login(user)
    body = client.get("/").content.decode()
    assert "Marco" in body
    assert "Beleidsadviseur" in body
