"""A registry of panels on the home page, filled by the apps.

The core app knows no domain: an app registers a panel with the capabilities a user needs to see it
(none: every logged-in user) and a function that builds its context; the home view asks the registry
which panels apply to the user.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class HomePanel:
    key: str
    template: str
    capabilities: frozenset[str] | None
    order: int
    context: Callable[[HttpRequest], dict[str, Any]]


_panels: dict[str, HomePanel] = {}


def register_panel(
    *,
    key: str,
    template: str,
    capabilities: Iterable[str] | None = None,
    order: int = 100,
    context: Callable[[HttpRequest], dict[str, Any]] | None = None,
) -> None:
    """Register (or replace) a home panel for users with any of `capabilities` (None: everyone)."""
    caps = frozenset(capabilities) if capabilities is not None else None
    _panels[key] = HomePanel(key, template, caps, order, context or (lambda request: {}))


def panels_for(has_capability: Callable[[str], bool]) -> list[HomePanel]:
    """The panels for a user, given a predicate telling which capabilities they have, in display order."""
    visible = [p for p in _panels.values() if p.capabilities is None or any(map(has_capability, p.capabilities))]
    return sorted(visible, key=lambda p: (p.order, p.key))
