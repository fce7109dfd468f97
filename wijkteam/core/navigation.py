"""The main menu, filled by the apps: each registers its items and who may see them.

An item is marked current on its app's pages, unless another item names the page itself in
`current_for` (several menu items of one app: "Aanmelden", "Signalen", "Zoeken" in cases)."""

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
    current_for: frozenset[str] = frozenset()


_items: dict[str, NavItem] = {}


def register_nav_item(
    *,
    key: str,
    label: str | Promise,
    url_name: str,
    app_name: str,
    capabilities: Iterable[str] | None = None,
    order: int = 100,
    current_for: Iterable[str] = (),
) -> None:
    """Register a menu item; `app_name` marks it current on that app's pages, `current_for` (view names,
    e.g. "cases:signal_list") on those pages only, before any item of the app; None capabilities: everyone."""
    caps = frozenset(capabilities) if capabilities is not None else None
    _items[key] = NavItem(key, label, url_name, app_name, caps, order, frozenset(current_for))


def nav_items_for(has_capability: Callable[[str], bool]) -> list[NavItem]:
    visible = [i for i in _items.values() if i.capabilities is None or any(map(has_capability, i.capabilities))]
    return sorted(visible, key=lambda i: (i.order, i.key))


def nav_current(items: Iterable[NavItem], *, view_name: str, app_name: str) -> str | None:
    """The key of the one item to mark current on a page: the item naming the page, else the first
    item of the page's app that names no pages of its own."""
    items = list(items)
    for item in items:
        if view_name in item.current_for:
            return item.key
    for item in items:
        if not item.current_for and item.app_name == app_name:
            return item.key
    return None
