"""Login through the municipality's IdP (OpenID Connect) against a mocked provider: the code flow, an
existing user matched on the username claim, the second factor taken from the acr claim."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any
from unittest import mock
from urllib.parse import parse_qs, urlparse

import pytest

from wijkteam.access.tests.factories import UserFactory
from wijkteam.access.two_factor import SESSION_SECOND_FACTOR

pytestmark = pytest.mark.django_db

SECRET = "test-client-secret-for-hs256-signing"
STRONG = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"


@pytest.fixture
def oidc(settings):
    settings.OIDC_ENABLED = True
    settings.WIJKTEAM_REQUIRE_2FA = True
    settings.AUTHENTICATION_BACKENDS = [
        "django.contrib.auth.backends.ModelBackend",
        "wijkteam.access.oidc.MunicipalityOIDCBackend",
    ]
    settings.OIDC_RP_CLIENT_ID = "wijkteam"
    settings.OIDC_RP_CLIENT_SECRET = SECRET
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.example.nl/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.example.nl/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.example.nl/userinfo"
    settings.OIDC_ACR_SECOND_FACTOR = [STRONG]
    return settings


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _id_token(claims: dict[str, Any]) -> str:
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = _b64(json.dumps(claims).encode())
    signature = hmac.new(SECRET.encode(), f"{header}.{body}".encode(), hashlib.sha256).digest()
    return f"{header}.{body}.{_b64(signature)}"


def _login(client: Any, *, username: str, acr: str | None) -> Any:
    start = client.get("/inloggen/gemeente/")
    assert start.status_code == 302 and start["Location"].startswith("https://idp.example.nl/authorize")
    query = parse_qs(urlparse(start["Location"]).query)
    claims = {"iss": "https://idp.example.nl", "aud": "wijkteam", "sub": "abc", "nonce": query["nonce"][0]}
    if acr:
        claims["acr"] = acr
    token_response = mock.Mock(status_code=200)
    token_response.json.return_value = {"id_token": _id_token(claims), "access_token": "access"}
    userinfo = mock.Mock(status_code=200, headers={"content-type": "application/json"})
    userinfo.json.return_value = {"sub": "abc", "preferred_username": username}
    with (
        mock.patch("mozilla_django_oidc.auth.requests.post", return_value=token_response) as post,
        mock.patch("mozilla_django_oidc.auth.requests.get", return_value=userinfo),
    ):
        response = client.get("/inloggen/gemeente/terug/", {"code": "the-code", "state": query["state"][0]})
    assert post.call_args.kwargs["data"]["code"] == "the-code"
    return response


def test_off_by_default(client):
    assert client.get("/inloggen/gemeente/").status_code == 404
    assert "gemeente" not in client.get("/inloggen/").content.decode().split("<main")[-1].split("</form>")[-1]


def test_login_with_a_second_factor_from_the_idp(client, oidc):
    officer = UserFactory(username="linda", roles=["privacy_officer"])
    assert "/inloggen/gemeente/" in client.get("/inloggen/").content.decode()
    response = _login(client, username="linda", acr=STRONG)
    assert response.status_code == 302 and "/inloggen/" not in response["Location"]
    assert int(client.session["_auth_user_id"]) == officer.pk
    assert client.session[SESSION_SECOND_FACTOR] is True
    assert client.get("/privacy/").status_code == 200


def test_roles_with_person_data_are_refused_without_a_strong_acr(client, oidc):
    UserFactory(username="fatima", roles=["generalist"])
    response = _login(client, username="fatima", acr="urn:oasis:names:tc:SAML:2.0:ac:classes:Password")
    assert response.status_code == 302 and "/inloggen/" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_a_role_without_person_data_may_log_in_without_it_but_not_read_the_log(client, oidc):
    UserFactory(username="marco", roles=["policy_advisor"])
    _login(client, username="marco", acr=None)
    assert "_auth_user_id" in client.session and client.session[SESSION_SECOND_FACTOR] is False


def test_unknown_users_are_not_created(client, oidc):
    response = _login(client, username="nobody", acr=STRONG)
    assert "/inloggen/" in response["Location"] and "_auth_user_id" not in client.session
