"""The timeline of a case: everything that happened, newest first, from sources the apps register.

`cases` registers its own sources (contact moments, plan versions, coordinator changes, conferences,
opening and closing); assessments and provisions add theirs (step changes, assessments, decisions) in
their AppConfig.ready(). A source receives the case and what the user may see, and returns items.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class TimelineItem:
    when: date | datetime
    kind: str  # e.g. "contact_moment", "plan_version", "step_change"
    title: str
    text: str = ""
    who: str = ""
    url: str = ""
    # When it was recorded: orders the items of one day (a visit and a plan agreed on the same date).
    recorded_at: datetime | None = None

    @property
    def sort_key(self) -> tuple[date, float]:
        day = self.when.date() if isinstance(self.when, datetime) else self.when
        moment = self.recorded_at or (self.when if isinstance(self.when, datetime) else None)
        return (day, moment.timestamp() if moment else 0.0)


TimelineSource = Callable[[Any, Any], list[TimelineItem]]
_sources: dict[str, TimelineSource] = {}


def register_timeline_source(key: str, source: TimelineSource) -> None:
    """Register `source(view, user) -> list[TimelineItem]`; `view` is the selectors.CaseView."""
    _sources[key] = source


def timeline_items(view: Any, user: Any, limit: int | None = None) -> list[TimelineItem]:
    items: list[TimelineItem] = []
    for source in _sources.values():
        items.extend(source(view, user))
    items.sort(key=lambda item: item.sort_key, reverse=True)
    return items[:limit] if limit else items
