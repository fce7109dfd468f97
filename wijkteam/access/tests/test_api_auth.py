from datetime import timedelta

import pytest
from django.utils import timezone

from wijkteam.access import services
from wijkteam.access.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_me_without_credentials_is_401_or_403(api_client):
    assert api_client.get("/api/v1/me/").status_code in (401, 403)


def test_me_with_token(api_client):
    user = UserFactory(roles=["generalist"])
    _, key = services.api_token_create(user=user, name="t", actor=user)
    response = api_client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response.json()["username"] == user.username
    assert response.json()["roles"] == ["generalist"]


@pytest.mark.parametrize("state", ["revoked", "expired", "inactive", "wrong"])
def test_unusable_tokens_are_refused(api_client, state):
    user = UserFactory()
    token, key = services.api_token_create(user=user, name="t", actor=user)
    if state == "revoked":
        services.api_token_revoke(token=token, actor=user)
    elif state == "expired":
        token.expires_at = timezone.now() - timedelta(minutes=1)
        token.save()
    elif state == "inactive":
        user.is_active = False
        user.save()
    elif state == "wrong":
        key = key[:-2] + "xx"
    response = api_client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 401


def test_session_authentication_works_for_the_api(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/api/v1/me/").status_code == 200
