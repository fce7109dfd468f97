"""Dutch postcodes and house numbers as the BAG (Basisregistratie Adressen en Gebouwen) knows them.

A postcode is four digits (1000–9999, never a leading 0) and two letters; the letter pairs SA, SD and
SS are never issued. A house number is 1–99999, optionally with one house letter (huisletter, "12A")
and a house-number addition (huisnummertoevoeging) of up to four letters or digits ("12A-2", "12-HS").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EXCLUDED_LETTER_PAIRS = frozenset({"SA", "SD", "SS"})
MAX_HOUSE_NUMBER = 99999
_POSTCODE = re.compile(r"^([1-9]\d{3})\s*([A-Z]{2})$")
_HOUSE_NUMBER = re.compile(
    r"""^(?P<number>\d{1,5})(?!\d)
        \s*(?P<letter>[A-Z](?![A-Z0-9]))?          # one letter straight after the number
        (?:\s*[-/\s]?\s*(?P<addition>[A-Z0-9]{1,4}))?$""",
    re.VERBOSE,
)


def postcode_normalise(value: str | None) -> str | None:
    """ "7511 ab" → "7511AB"; None when `value` is not a postcode that can exist."""
    if value is None:
        return None
    match = _POSTCODE.match(value.strip().upper().replace("\u00a0", " "))
    if not match or match.group(2) in EXCLUDED_LETTER_PAIRS:
        return None
    return match.group(1) + match.group(2)


def postcode_is_valid(value: str | None) -> bool:
    return postcode_normalise(value) is not None


def postcode_display(postcode: str) -> str:
    """ "7511AB" → "7511 AB", as it is written on letters."""
    return f"{postcode[:4]} {postcode[4:]}" if len(postcode) == 6 else postcode


@dataclass(frozen=True)
class HouseNumber:
    number: int
    letter: str = ""
    addition: str = ""

    def __str__(self) -> str:
        return house_number_display(self.number, self.letter, self.addition)


def house_number_parse(value: str | int | None) -> HouseNumber | None:
    """ "12" → 12; "12a" → 12 A; "12-2" → 12, addition 2; "12 A 2" → 12 A-2; "12 hs" → 12, addition HS.

    A single letter right after the number is the house letter; anything after a separator (or a second
    group) is the addition. None when `value` is not a house number.
    """
    if value is None:
        return None
    text = str(value).strip().upper()
    match = _HOUSE_NUMBER.match(text)
    if not match:
        return None
    number = int(match.group("number"))
    if not 1 <= number <= MAX_HOUSE_NUMBER:
        return None
    return HouseNumber(number=number, letter=match.group("letter") or "", addition=match.group("addition") or "")


def house_letter_normalise(value: str | None) -> str | None:
    """One letter A–Z (upper case), "" for none; None when invalid."""
    text = (value or "").strip().upper()
    if not text:
        return ""
    return text if len(text) == 1 and "A" <= text <= "Z" else None


def addition_normalise(value: str | None) -> str | None:
    """Up to four letters or digits (upper case), "" for none; None when invalid."""
    text = re.sub(r"[\s-]", "", (value or "").upper())
    if not text:
        return ""
    return text if len(text) <= 4 and text.isascii() and text.isalnum() else None


def house_number_display(number: int, letter: str = "", addition: str = "") -> str:
    """12, "A", "2" → "12A-2"."""
    text = f"{number}{letter}"
    return f"{text}-{addition}" if addition else text
