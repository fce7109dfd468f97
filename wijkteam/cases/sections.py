"""Sections of the case page that other apps contribute (assessments, provisions, ...).

`cases` knows nothing of the apps above it: an app registers a section in its AppConfig.ready() with a
template and a function that builds the section's context from the request and the `CaseView` (whose
content the user may see: sections only appear on the content page, never on the index card). The
function returns None to leave the section out for this case or user. Place "main" puts the section in
the left column (after the plan), "aside" in the right column (after "About this case").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

PLACES = ("main", "aside")


@dataclass(frozen=True)
class CaseSection:
    key: str
    template: str
    context: Callable[[HttpRequest, Any], dict[str, Any] | None]
    place: str = "main"
    order: int = 100


@dataclass(frozen=True)
class RenderedSection:
    key: str
    template: str
    context: dict[str, Any]


_sections: dict[str, CaseSection] = {}


def register_case_section(
    *,
    key: str,
    template: str,
    context: Callable[[HttpRequest, Any], dict[str, Any] | None],
    place: str = "main",
    order: int = 100,
) -> None:
    """Register (or replace) a section of the case page."""
    if place not in PLACES:
        raise ValueError(f"place must be one of {PLACES}, not {place!r}")
    _sections[key] = CaseSection(key, template, context, place, order)


def unregister_case_section(key: str) -> None:
    _sections.pop(key, None)


def case_sections(request: HttpRequest, view: Any) -> dict[str, list[RenderedSection]]:
    """The sections to show for this case and user, per place, in order."""
    result: dict[str, list[RenderedSection]] = {place: [] for place in PLACES}
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.key)):
        context = section.context(request, view)
        if context is not None:
            result[section.place].append(RenderedSection(section.key, section.template, context))
    return result
