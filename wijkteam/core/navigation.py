"""The main menu, filled by the apps: each registers its items and who may see them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise
    url_name: str
    app_name: str
    capabilities: frozenset[str] | None
    order: int


_items: dict[str, NavItem] = {}


def register_nav_item(
    *,
    key: str,
    label: str | Promise,
    url_name: str,
    app_name: str,
    capabilities: Iterable[str] | None = None,
    order: int = 100,
) -> None:
    """Register a menu item; `app_name` marks it current on that app's pages; None capabilities: everyone."""
    caps = frozenset(capabilities) if capabilities is not None else None
    _items[key] = NavItem(key, label, url_name, app_name, caps, order)


def nav_items_for(has_capability: Callable[[str], bool]) -> list[NavItem]:
    visible = [i for i in _items.values() if i.capabilities is None or any(map(has_capability, i.capabilities))]
    return sorted(visible, key=lambda i: (i.order, i.key))
