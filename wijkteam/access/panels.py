"""Home-page panels of the access app: who am I, my roles, my account."""

from __future__ import annotations

from wijkteam.core.home import register_panel


def register() -> None:
    register_panel(key="account", template="access/panels/account.html", order=900)
