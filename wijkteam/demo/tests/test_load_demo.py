from io import StringIO

import pytest
from django.core.management import call_command

from wijkteam.access.models import ApiToken, AuditEvent, User
from wijkteam.demo.accounts import DEMO_ACCOUNTS, demo_token_key
from wijkteam.neighbourhoods.models import Boundary, IndicatorValue, Region

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent_and_prints_accounts_and_tokens(api_client):
    out = StringIO()
    call_command("load_demo", stdout=out)
    counts = (User, ApiToken, Region, AuditEvent, IndicatorValue, Boundary)
    first = tuple(model.objects.count() for model in counts)
    again = StringIO()
    call_command("load_demo", stdout=again)
    second = tuple(model.objects.count() for model in counts)
    assert first == second
    assert "Er is niets veranderd." in again.getvalue()
    assert len(DEMO_ACCOUNTS) == 9
    assert sorted(u.username for u in User.objects.all() if u.has_usable_password()) == sorted(
        a.username for a in DEMO_ACCOUNTS
    )
    printed = out.getvalue()
    for account in DEMO_ACCOUNTS:
        assert account.username in printed
        assert demo_token_key(account.username) in printed
    assert "wijkteam-demo" in printed
    assert Region.objects.filter(code="GM0153").exists()
    # The district analysis of the demo: Enschede and Utrecht, whose districts have households and benefits.
    assert "Wijkanalyse: /regio/GM0153/, /regio/GM0344/" in printed
    assert IndicatorValue.objects.filter(
        region__code="WK034403", indicator__key="persons_social_assistance_bijstand", year=2023
    ).exists()

    response = api_client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {demo_token_key('demo-advisor')}")
    assert response.json()["roles"] == ["policy_advisor"]


def test_demo_accounts_are_marked_and_only_the_loader_makes_them():
    assert not User.objects.filter(is_demo=True).exists()
    call_command("load_demo", stdout=StringIO())
    # Only the loader makes them: the demo accounts, plus generated team workers who cannot log in.
    assert set(User.objects.filter(is_demo=False).values_list("username", flat=True)) == set()
    demo_users = set(User.objects.filter(is_demo=True).values_list("username", flat=True))
    assert {a.username for a in DEMO_ACCOUNTS} <= demo_users
    assert all(name.startswith("wt-enschede-") for name in demo_users - {a.username for a in DEMO_ACCOUNTS})
