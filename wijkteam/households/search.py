"""Reading what someone typed in a search box for persons: a BSN, a postcode, a birth date, words.

- Eight or nine digits (spaces and dots allowed) are a BSN and nothing else: a BSN is only ever
  matched exactly, never as a fragment.
- "7511 AB", "7511AB 12", "7511 ab 12a-2": a postcode, optionally with a house number.
- "12-03-1980", "12/3/1980", "1980-03-12": a birth date.
- Everything else is words (folded, see names.fold); a number among words is a house number
  ("Hoofdstraat 12").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from wijkteam.households import names
from wijkteam.households.bsn import bsn_normalise
from wijkteam.households.postcode import HouseNumber, house_number_parse, postcode_normalise

_BSN_LIKE = re.compile(r"^[\d\s.]+$")
_POSTCODE = re.compile(r"(?<![\dA-Za-z])([1-9]\d{3})\s?([A-Za-z]{2})(?![A-Za-z])")
_DATE_DMY = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")
_DATE_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_HOUSE_NUMBER_WORD = re.compile(r"^\d{1,5}[a-z]?$")
MIN_WORD_LENGTH = 2


@dataclass(frozen=True)
class SearchTerms:
    bsn: str = ""
    postcode: str = ""
    house_number: HouseNumber | None = None
    birth_date: date | None = None
    words: tuple[str, ...] = ()
    # True when the text has a part that can match nothing (an impossible date, a lone number).
    unmatchable: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.bsn or self.postcode or self.birth_date or self.words)


def _date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def search_parse(text: str | None) -> SearchTerms:
    text = " ".join((text or "").split())
    if not text:
        return SearchTerms()
    if _BSN_LIKE.match(text):
        digits = bsn_normalise(text)
        if len(digits) == 9 and digits.isdigit():
            return SearchTerms(bsn=digits)

    unmatchable = False
    birth_date = None
    for pattern, order in ((_DATE_ISO, (1, 2, 3)), (_DATE_DMY, (3, 2, 1))):
        match = pattern.search(text)
        if match:
            birth_date = _date(*(match.group(i) for i in order))
            unmatchable = unmatchable or birth_date is None
            text = text[: match.start()] + " " + text[match.end() :]
            break

    postcode = ""
    house_number = None
    match = _POSTCODE.search(text)
    if match and (normalised := postcode_normalise(match.group(1) + match.group(2))):
        postcode = normalised
        rest = text[match.end() :].strip()
        text = text[: match.start()]
        if rest:
            # "7511AB 12a-2", or "7511AB 12 Jansen": a house number first, words after it.
            house_number = house_number_parse(rest)
            if house_number is None:
                first, _, remainder = rest.partition(" ")
                house_number = house_number_parse(first)
                text = f"{text} {remainder if house_number else rest}"

    words: list[str] = []
    for word in names.fold(text).split():
        if _HOUSE_NUMBER_WORD.match(word) and house_number is None and not postcode:
            house_number = house_number_parse(word)
        else:
            words.append(word)
    if words and all(len(word) < MIN_WORD_LENGTH for word in words):
        words = []  # initials alone would match almost everyone
    if house_number is not None and not (postcode or words):
        unmatchable = True  # a lone number is neither a name nor an address
    return SearchTerms(
        postcode=postcode,
        house_number=house_number,
        birth_date=birth_date,
        words=tuple(dict.fromkeys(words)),
        unmatchable=unmatchable,
    )
