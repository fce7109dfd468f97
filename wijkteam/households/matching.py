"""Intake matching: why a registered person may be the one a new help request is about, and in what order.

At intake the whole municipality is searched ("one front door"), so a match must be specific enough
that it does not turn into a lookup of strangers. Each reason needs its full set of facts:

- `bsn`: the same BSN;
- `name_birthdate`: the same family name (key, see names.family_name_key) and the same birth date;
- `address`: the same current address (postcode and house number, and letter/addition when given).

A postcode alone, or a family name without a birth date, matches nothing. Conflicts flag a match that
looks wrong: the same BSN with another birth date, or the same name and birth date with another BSN.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from wijkteam.households.names import family_name_key_from_text

BSN = "bsn"
NAME_BIRTHDATE = "name_birthdate"
ADDRESS = "address"
REASONS = (BSN, NAME_BIRTHDATE, ADDRESS)
SCORES = {BSN: 100, NAME_BIRTHDATE: 40, ADDRESS: 20}

BIRTH_DATE_DIFFERS = "birth_date_differs"
BSN_DIFFERS = "bsn_differs"


@dataclass(frozen=True)
class IntakeQuery:
    """What the worker knows at intake, normalised (BSN digits, family-name key, postcode "7511AB")."""

    bsn: str = ""
    family_name_key: str = ""
    birth_date: date | None = None
    postcode: str = ""
    house_number: int | None = None
    house_letter: str = ""
    addition: str = ""

    @property
    def can_match_bsn(self) -> bool:
        return bool(self.bsn)

    @property
    def can_match_name(self) -> bool:
        return bool(self.family_name_key and self.birth_date)

    @property
    def can_match_address(self) -> bool:
        return bool(self.postcode and self.house_number)

    @property
    def is_empty(self) -> bool:
        return not (self.can_match_bsn or self.can_match_name or self.can_match_address)


def intake_query(
    *,
    bsn: str = "",
    family_name: str = "",
    birth_date: date | None = None,
    postcode: str = "",
    house_number: int | None = None,
    house_letter: str = "",
    addition: str = "",
) -> IntakeQuery:
    """Build the query from already validated input (a normalised BSN and postcode)."""
    return IntakeQuery(
        bsn=bsn or "",
        family_name_key=family_name_key_from_text(family_name or ""),
        birth_date=birth_date,
        postcode=postcode or "",
        house_number=house_number,
        house_letter=(house_letter or "").upper(),
        addition=(addition or "").upper(),
    )


@dataclass(frozen=True)
class CandidateFacts:
    """What matching may compare of a registered person (with their current address, if any)."""

    person_id: int
    bsn: str
    family_name_key: str
    birth_date: date | None
    postcode: str = ""
    house_number: int | None = None
    house_letter: str = ""
    addition: str = ""


@dataclass(frozen=True)
class RankedMatch:
    person_id: int
    reasons: tuple[str, ...]
    conflicts: tuple[str, ...]
    score: int


def match_reasons(query: IntakeQuery, facts: CandidateFacts) -> tuple[str, ...]:
    reasons = []
    if query.can_match_bsn and facts.bsn == query.bsn:
        reasons.append(BSN)
    if query.can_match_name and facts.family_name_key == query.family_name_key and facts.birth_date == query.birth_date:
        reasons.append(NAME_BIRTHDATE)
    if (
        query.can_match_address
        and facts.postcode == query.postcode
        and facts.house_number == query.house_number
        and (not query.house_letter or facts.house_letter == query.house_letter)
        and (not query.addition or facts.addition == query.addition)
    ):
        reasons.append(ADDRESS)
    return tuple(reasons)


def match_conflicts(query: IntakeQuery, facts: CandidateFacts, reasons: Iterable[str]) -> tuple[str, ...]:
    reasons = set(reasons)
    conflicts = []
    if BSN in reasons and query.birth_date and facts.birth_date and facts.birth_date != query.birth_date:
        conflicts.append(BIRTH_DATE_DIFFERS)
    if NAME_BIRTHDATE in reasons and query.bsn and facts.bsn and facts.bsn != query.bsn:
        conflicts.append(BSN_DIFFERS)
    return tuple(conflicts)


def candidates_rank(query: IntakeQuery, candidates: Iterable[CandidateFacts]) -> list[RankedMatch]:
    """Candidates with at least one reason, strongest first (BSN, then name and birth date, then
    address; more reasons rank higher); ties keep the order given."""
    ranked = []
    for facts in candidates:
        reasons = match_reasons(query, facts)
        if not reasons:
            continue
        ranked.append(
            RankedMatch(
                person_id=facts.person_id,
                reasons=reasons,
                conflicts=match_conflicts(query, facts, reasons),
                score=sum(SCORES[reason] for reason in reasons),
            )
        )
    ranked.sort(key=lambda match: -match.score)
    return ranked
