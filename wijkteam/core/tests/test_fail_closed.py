"""Fail closed: every URL pattern needs a logged-in user, except the few marked public here."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Reachable without logging in, on purpose.
PUBLIC = {"access:login", "access:oidc_login", "access:oidc_callback", "set_language", "healthz"}
# Served outside our views (Django admin has its own login; static files).
SKIP_PREFIXES = ("beheer/",)


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name}" if entry.name else None


def concrete_path(pattern: str) -> str:
    path = pattern.replace("^", "").replace("$", "")
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "x", path)
    path = re.sub(r"<int:\w+>", "1", path)
    path = re.sub(r"<uuid:\w+>", "00000000-0000-0000-0000-000000000000", path)
    path = re.sub(r"<[^>]+>", "x", path)
    return "/" + path.replace("\\", "")


def test_every_url_needs_login_unless_marked_public(client):
    checked = 0
    for pattern, name in walk(get_resolver().url_patterns):
        if pattern.startswith(SKIP_PREFIXES) or name in PUBLIC or "format" in pattern:
            continue
        path = concrete_path(pattern)
        response = client.get(path)
        if path.startswith("/api/"):
            assert response.status_code in (401, 403), f"{path} ({name}) answered {response.status_code}"
        else:
            assert response.status_code == 302 and "/inloggen/" in response.headers.get("Location", ""), (
                f"{path} ({name}) is reachable without login: {response.status_code}"
            )
        checked += 1
    assert checked > 10


def test_public_urls_are_reachable(client):
    assert client.get("/inloggen/").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/inloggen/"}).status_code == 302
