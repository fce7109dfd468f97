"""Demo accounts, one per role, with a fixed password and a deterministic API token."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import transaction

from wijkteam.access import services as access_services
from wijkteam.access import tokens
from wijkteam.access.models import ApiToken, User
from wijkteam.access.roles import Role

DEMO_PASSWORD = "wijkteam-demo"  # noqa: S105 - public demo password, documented in README


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    roles: tuple[str, ...]


# Invented names (see USER-JOURNEYS.md); no real persons.
DEMO_ACCOUNTS: list[DemoAccount] = [
    DemoAccount("demo-generalist", "Fatima", "Yilmaz", (Role.GENERALIST,)),
    DemoAccount("demo-partner", "Joost", "Bakker", (Role.PARTNER,)),
    DemoAccount("demo-volunteer", "Henk", "Smit", (Role.VOLUNTEER,)),
    DemoAccount("demo-teamlead", "Anouk", "Visser", (Role.TEAM_LEAD,)),
    DemoAccount("demo-wmo", "Sevda", "Arslan", (Role.WMO_CONSULTANT,)),
    DemoAccount("demo-advisor", "Marco", "de Jong", (Role.POLICY_ADVISOR,)),
    DemoAccount("demo-analyst", "Sanne", "Mulder", (Role.DATA_ANALYST,)),
    DemoAccount("demo-admin", "Ruben", "Kok", (Role.FUNCTIONAL_ADMIN,)),
    DemoAccount("demo-privacy", "Linda", "Bos", (Role.PRIVACY_OFFICER,)),
]


def demo_token_key(username: str) -> str:
    """A deterministic token for a demo account, so reloading the demo keeps printed tokens valid."""
    digest = hashlib.sha256(f"wijkteam-demo-token:{username}".encode()).hexdigest()
    return f"wt_{digest[:8]}_{digest[8:48]}"


@transaction.atomic
def demo_accounts_load() -> list[tuple[User, str]]:
    """Create or refresh the demo accounts; returns each user with its API token key."""
    result = []
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user = access_services.user_create(
                username=account.username,
                first_name=account.first_name,
                last_name=account.last_name,
                email=f"{account.username}@wijkteam.example.nl",
                roles=account.roles,
                password=DEMO_PASSWORD,
                is_demo=True,
                actor=None,
            )
        else:
            access_services.user_roles_set(user=user, roles=account.roles, actor=None)
            if not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
        key = demo_token_key(account.username)
        if not ApiToken.objects.filter(key_hash=tokens.token_hash(key), revoked_at__isnull=True).exists():
            access_services.api_token_create(user=user, name="demo", key=key, actor=None)
        result.append((user, key))
    return result
