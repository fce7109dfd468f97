"""Sections of the district profile that other apps add (e.g. the social map kept by teams).

The neighbourhoods app knows no team or case: an app registers a section with a template and a
function that builds its context for a region; the profile page renders the registered sections.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class ProfileSection:
    key: str
    template: str
    order: int
    context: Callable[[Any, HttpRequest], dict[str, Any]]


_sections: dict[str, ProfileSection] = {}


def register_profile_section(
    *, key: str, template: str, context: Callable[[Any, HttpRequest], dict[str, Any]], order: int = 100
) -> None:
    """Register (or replace) a section; `context(region, request)` returns the template's context."""
    _sections[key] = ProfileSection(key, template, order, context)


def profile_sections() -> list[ProfileSection]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))
