"""The rules of an assessment, free of the ORM: which domains may be scored, and what is wrong with a
set of scores. Tested table-driven in tests/test_scoring.py.

Only the domains the help request or the plan touches are scored; the others stay empty and need no
reason (registering beyond the request is unlawful, as the Dutch DPA found in 2018). The justice domain
(criminal-law data) only where the team has enabled it. Only adults (18+) are assessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from wijkteam.households.age import is_minor_on

NON_FIELD = "__all__"


@dataclass(frozen=True)
class Domain:
    code: str
    name: str
    is_criminal_data: bool = False


@dataclass(frozen=True)
class ScoringFrame:
    """What an assessment of one person in one case may contain."""

    scale_min: int
    scale_max: int
    instrument_domains: tuple[Domain, ...]
    touched_codes: frozenset[str]
    justice_enabled: bool


def scorable_domains(frame: ScoringFrame) -> list[Domain]:
    """The instrument's domains the request or plan touches, the justice domain only when enabled."""
    return [
        domain
        for domain in frame.instrument_domains
        if domain.code in frame.touched_codes and (frame.justice_enabled or not domain.is_criminal_data)
    ]


def score_problems(frame: ScoringFrame, scores: Mapping[str, int | None]) -> dict[str, list[str]]:
    """Messages per domain code (or NON_FIELD) for scores that may not be recorded; empty when all is well.

    `scores` maps domain codes to a score; None (left empty) is allowed and dropped by the caller.
    """
    problems: dict[str, list[str]] = {}
    by_code = {domain.code: domain for domain in frame.instrument_domains}
    given = {code: value for code, value in scores.items() if value is not None}
    if not given:
        problems[NON_FIELD] = [_("Give a score for at least one life domain.")]
    for code, value in given.items():
        domain = by_code.get(code)
        if domain is None:
            problems.setdefault(code, []).append(_("This life domain is not part of the instrument."))
            continue
        if domain.is_criminal_data and not frame.justice_enabled:
            problems.setdefault(code, []).append(
                _("The justice domain is off for this team: criminal data are not scored.")
            )
        elif code not in frame.touched_codes:
            problems.setdefault(code, []).append(
                _("%(domain)s is not a life domain of the help request or the plan: leave it empty.")
                % {"domain": domain.name}
            )
        if not frame.scale_min <= value <= frame.scale_max:
            problems.setdefault(code, []).append(
                _("The score for %(domain)s must be between %(min)s and %(max)s.")
                % {"domain": domain.name, "min": frame.scale_min, "max": frame.scale_max}
            )
    return problems


def person_problems(
    *, birth_date: date | None, in_client_system: bool, assessed_on: date, today: date
) -> dict[str, list[str]]:
    """Messages about who is assessed and when."""
    problems: dict[str, list[str]] = {}
    if not in_client_system:
        problems["person"] = [_("This person is not in the client system of the case.")]
    elif is_minor_on(birth_date, assessed_on) is not False:
        problems["person"] = [
            _("Only adults (18 and older) are assessed; this person is a minor or has no known date of birth.")
        ]
    if assessed_on > today:
        problems["assessed_on"] = [_("The date of an assessment cannot be in the future.")]
    return problems


@dataclass(frozen=True)
class Change:
    first: int
    last: int
    first_moment: str

    @property
    def delta(self) -> int:
        return self.last - self.first


def change_since_first(series: Iterable[tuple[date, int, str]]) -> Change | None:
    """The change from the first to the latest score of one domain; None with fewer than two scores."""
    ordered = sorted(series, key=lambda item: item[0])
    if len(ordered) < 2:
        return None
    return Change(first=ordered[0][1], last=ordered[-1][1], first_moment=ordered[0][2])
