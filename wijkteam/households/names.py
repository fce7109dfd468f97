"""Dutch personal names: folding for search and matching, prefixes (tussenvoegsels), display forms.

Searching and matching compare *folded* text: lower case, accents and punctuation removed
("Çelik-de Wit" → "celik de wit"), so "Celik" finds "Çelik" on every database. The family-name key
also drops leading prefixes, so "de Vries", "De Vries" and "Vries, de" are one key: "vries".
"""

from __future__ import annotations

import re
import unicodedata

# Words that start a Dutch (or Flemish, German, French, …) surname without being sorted on.
PREFIX_WORDS = frozenset(
    {
        "'t", "t", "aan", "af", "al", "am", "auf", "bij", "d", "da", "dal", "de", "del", "della", "den",
        "der", "des", "di", "do", "dos", "du", "el", "het", "in", "l", "la", "le", "lo", "op", "over",
        "s", "te", "ten", "ter", "tho", "thoe", "to", "toe", "tot", "uit", "uijt", "van", "ver", "voor",
        "von", "vom", "zu", "zum", "zur",
    }
)  # fmt: skip
# Letters that Unicode decomposition does not reduce to ASCII.
_SPECIAL = str.maketrans(
    {"ß": "ss", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l",
     "đ": "d", "Đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)  # fmt: skip
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str | None) -> str:
    """Lower case ASCII letters and digits separated by single spaces."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _NON_ALNUM.sub(" ", ascii_text).strip()


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def name_split(text: str) -> tuple[str, str]:
    """A surname as typed → (prefix, family name): "de Vries", "Vries, de" → ("de", "Vries").

    Leading prefix words become the prefix as long as a family name remains ("Van" alone stays a
    family name). Double names keep their inner prefixes: "Jansen-de Vries" → ("", "Jansen-de Vries").
    """
    text = _clean(text)
    if "," in text:
        family, _, prefix = text.partition(",")
        return _clean(prefix), _clean(family)
    words = text.split(" ")
    cut = 0
    while cut < len(words) - 1 and words[cut].lower() in PREFIX_WORDS:
        cut += 1
    return " ".join(words[:cut]), " ".join(words[cut:])


def family_name_key(prefix: str, family_name: str) -> str:
    """The family name to match on: folded, without leading prefixes ("Van der Berg" → "berg")."""
    words = fold(f"{prefix} {family_name}").split()
    cut = 0
    while cut < len(words) - 1 and words[cut] in PREFIX_WORDS:
        cut += 1
    return " ".join(words[cut:])


def family_name_key_from_text(text: str) -> str:
    """The key of a surname as someone typed it, in any of its forms ("Vries, de", "de Vries")."""
    prefix, family = name_split(text)
    return family_name_key(prefix, family)


def search_text(given_names: str, prefix: str, family_name: str) -> str:
    """What a name search looks in: all parts folded ("Çelik, Ayşe" → "ayse celik")."""
    return fold(f"{given_names} {prefix} {family_name}")


def full_name(given_names: str, prefix: str, family_name: str) -> str:
    """ "Jan Pieter", "de", "Vries" → "Jan Pieter de Vries"."""
    return " ".join(part for part in (_clean(given_names), _clean(prefix), _clean(family_name)) if part)


def sort_name(given_names: str, prefix: str, family_name: str) -> str:
    """ "Vries, Jan Pieter de", as lists sort and show it."""
    rest = " ".join(part for part in (_clean(given_names), _clean(prefix)) if part)
    return f"{_clean(family_name)}, {rest}" if rest else _clean(family_name)


def surname(prefix: str, family_name: str) -> str:
    """The surname standing alone, prefix capitalised as Dutch spelling wants: "De Vries"."""
    prefix = _clean(prefix)
    family_name = _clean(family_name)
    if not prefix:
        return family_name
    return f"{prefix[0].upper()}{prefix[1:]} {family_name}"
