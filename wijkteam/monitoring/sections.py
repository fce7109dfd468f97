"""The registry of metric providers: each dashboard section is a provider.

A provider computes, for a `Scope` (whole period, optionally one whole team and/or one whole district),
its headline figures under the METRICS keys of `teams/targets.py` (plus its own keys) and its tables, all
already protected by `suppression`. A provider whose data source does not exist yet (assessments,
provisions) registers with `available=False`; the dashboard then says "not yet available" instead of
showing numbers. Apps never import monitoring, so the providers live here and are registered in
`MonitoringConfig.ready()`; a provider that needs another app checks `apps.is_installed` at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from wijkteam.monitoring.metrics import Scope, Table
    from wijkteam.monitoring.suppression import Protected, Rules

FiguresFn = Callable[["Scope", "Rules"], dict[str, "Protected"]]
TablesFn = Callable[["Scope", "Rules", Any], list["Table"]]


@dataclass(frozen=True)
class Provider:
    key: str
    title: str | Promise
    order: int
    figures: FiguresFn | None = None
    tables: TablesFn | None = None
    available: Callable[[], bool] = lambda: True
    note: str | Promise = ""
    trend: bool = True  # compute the headline figures for the previous periods as well


_providers: dict[str, Provider] = {}


def register_provider(provider: Provider) -> None:
    """Register (or replace) a section of the dashboard."""
    _providers[provider.key] = provider


def providers() -> list[Provider]:
    return sorted(_providers.values(), key=lambda p: (p.order, p.key))


def provider(key: str) -> Provider | None:
    return _providers.get(key)


def register_builtin_sections() -> None:
    from wijkteam.monitoring import metrics

    metrics.register()
