"""Coordinator suggestion: which team members fit a new case best, and why. Pure rules, no ORM.

This ranks **workers**, not citizens: it is not a model of any household or person, it learns nothing
and predicts nothing. It adds up four transparent parts and the team lead decides.

Score (0–100) of a candidate for a case:

| part | points | how |
|---|---|---|
| discipline fit | 40 | 40 × covered ÷ number of the case's life domains (see below) |
| caseload headroom | 25 | 25 × (capacity − caseload) ÷ capacity, 0 at or above the norm |
| continuity | 20 | 20 when the member helped this household before |
| district | 15 | 15 when the member works in the household's district |

"Covered" counts each of the case's life domains as 1 when a specialised discipline of the member covers
it and ½ when only a broad (generalist) discipline does, so a debt counsellor beats a generalist on
finances, and a generalist who is also a debt counsellor beats both.

Each part is rounded half-up to one decimal; the score is their sum.

Order: members with headroom (caseload below capacity) come first; members at or above their capacity
come after them, unless nobody has headroom, in which case everyone is ranked on the score alone. Within
a group: higher score first, then more headroom, then name (case-insensitive), then user id — so the
order is always the same for the same input.

Volunteers and team leads are never suggested as coordinator.

Each suggestion carries plain-Dutch reasons ("Kent dit huishouden al", "Discipline past bij: Financiën,
Werk & opleiding", "Ruimte in caseload: 6 van 20", "Zit aan of boven de norm").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

WEIGHTS: dict[str, int] = {"fit": 40, "headroom": 25, "continuity": 20, "district": 15}
NEVER_COORDINATOR = frozenset({"volunteer", "team_lead"})
DEFAULT_LIMIT = 3

_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Candidate:
    """A running team member as the suggestion sees them."""

    user_id: int
    name: str
    kind: str
    life_domains: frozenset[str]  # codes of the life domains the member's specialised disciplines cover
    caseload: Decimal
    capacity: Decimal
    districts: frozenset[str]  # CBS codes the member works in (the team's districts when not narrowed)
    helped_before: bool = False
    broad_domains: frozenset[str] = frozenset()  # covered only through a broad (generalist) discipline


@dataclass(frozen=True)
class CaseNeed:
    """What the new case asks for: its life domains (code → label, in display order) and district."""

    life_domains: Mapping[str, str] = field(default_factory=dict)
    district_code: str | None = None


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    score: Decimal
    breakdown: Mapping[str, Decimal]
    has_headroom: bool
    headroom: Decimal
    matched_domains: tuple[str, ...]
    broad_domains: tuple[str, ...]
    reasons: tuple[str, ...]


def _tenth(value: Decimal) -> Decimal:
    return Decimal(value).quantize(_TENTH, rounding=ROUND_HALF_UP)


def _number(value: Decimal) -> str:
    value = _tenth(value)
    return str(int(value)) if value == value.to_integral_value() else number_format(value, 1)


def score(candidate: Candidate, need: CaseNeed) -> Suggestion:
    """The score breakdown and reasons of one candidate for one case."""
    matched = tuple(label for code, label in need.life_domains.items() if code in candidate.life_domains)
    broad = tuple(
        label
        for code, label in need.life_domains.items()
        if code in candidate.broad_domains and code not in candidate.life_domains
    )
    covered = Decimal(len(matched)) + Decimal(len(broad)) / 2
    fit = Decimal(WEIGHTS["fit"]) * covered / len(need.life_domains) if need.life_domains else Decimal(0)
    headroom = candidate.capacity - candidate.caseload
    has_headroom = candidate.capacity > 0 and headroom > 0
    room = Decimal(WEIGHTS["headroom"]) * headroom / candidate.capacity if has_headroom else Decimal(0)
    continuity = Decimal(WEIGHTS["continuity"]) if candidate.helped_before else Decimal(0)
    in_district = bool(need.district_code) and need.district_code in candidate.districts
    district = Decimal(WEIGHTS["district"]) if in_district else Decimal(0)
    breakdown = {
        "fit": _tenth(fit),
        "headroom": _tenth(room),
        "continuity": _tenth(continuity),
        "district": _tenth(district),
    }

    reasons: list[str] = []
    if candidate.helped_before:
        reasons.append(_("Knows this household already"))
    if matched:
        reasons.append(_("Discipline fits: %(domains)s") % {"domains": ", ".join(matched)})
    if broad:
        reasons.append(_("As a generalist also for: %(domains)s") % {"domains": ", ".join(broad)})
    if need.life_domains and not matched and not broad:
        reasons.append(_("No discipline for these life domains"))
    if in_district:
        reasons.append(_("Works in the household's district"))
    if has_headroom:
        reasons.append(
            _("Room in caseload: %(caseload)s of %(capacity)s")
            % {"caseload": _number(candidate.caseload), "capacity": _number(candidate.capacity)}
        )
    elif candidate.capacity > 0:
        reasons.append(_("At or above the norm"))
    else:
        reasons.append(_("No caseload capacity"))
    return Suggestion(
        candidate=candidate,
        score=sum(breakdown.values(), Decimal("0.0")),
        breakdown=breakdown,
        has_headroom=has_headroom,
        headroom=headroom,
        matched_domains=matched,
        broad_domains=broad,
        reasons=tuple(reasons),
    )


def rank(candidates: Iterable[Candidate], need: CaseNeed, *, limit: int | None = DEFAULT_LIMIT) -> list[Suggestion]:
    """Candidates who may coordinate, best first (see the module docstring); at most `limit` (None: all)."""
    scored = [score(c, need) for c in candidates if c.kind not in NEVER_COORDINATOR]
    scored.sort(
        key=lambda s: (
            not s.has_headroom,
            -s.score,
            -s.headroom,
            s.candidate.name.casefold(),
            s.candidate.user_id,
        )
    )
    return scored if limit is None else scored[:limit]
