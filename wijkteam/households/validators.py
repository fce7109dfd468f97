"""Cleaning BSNs, postcodes and house numbers from input, with Dutch messages (via i18n).

Services call these before they write; forms can call them in their `clean_<field>` methods so the
worker sees the same message on the field.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wijkteam.households.bsn import bsn_is_valid, bsn_normalise
from wijkteam.households.postcode import (
    HouseNumber,
    addition_normalise,
    house_letter_normalise,
    house_number_parse,
    postcode_normalise,
)


def bsn_clean(value: str | int | None) -> str | None:
    """A valid BSN as nine digits, None when empty; ValidationError otherwise."""
    if value is None or not str(value).strip():
        return None
    digits = bsn_normalise(value)
    if len(digits) != 9 or not digits.isdigit():
        raise ValidationError(_("A BSN has nine digits."), code="bsn_length")
    if not bsn_is_valid(digits):
        raise ValidationError(_("This is not a valid BSN: it does not pass the 11-test."), code="bsn_invalid")
    return digits


def postcode_clean(value: str | None) -> str:
    """ "7511 ab" → "7511AB"; ValidationError when empty or not a possible Dutch postcode."""
    normalised = postcode_normalise(value)
    if normalised is None:
        raise ValidationError(
            _("Enter a Dutch postcode: four digits and two letters, such as 7511 AB."), code="postcode_invalid"
        )
    return normalised


def house_number_clean(value: str | int | None, *, letter: str = "", addition: str = "") -> HouseNumber:
    """A house number, given whole ("12A-2") or in parts; ValidationError when it cannot exist."""
    parsed = house_number_parse(value)
    if parsed is None:
        raise ValidationError(
            _("Enter a house number, such as 12, 12A or 12-2 (1 to 99999)."), code="house_number_invalid"
        )
    clean_letter = house_letter_normalise(letter)
    if clean_letter is None:
        raise ValidationError(_("A house letter is one letter, such as A."), code="house_letter_invalid")
    clean_addition = addition_normalise(addition)
    if clean_addition is None:
        raise ValidationError(
            _("A house number addition has at most four letters or digits, such as 2 or HS."),
            code="addition_invalid",
        )
    if (clean_letter and parsed.letter) or (clean_addition and parsed.addition):
        raise ValidationError(
            _("Give the house letter and addition either with the number or separately, not both."),
            code="house_number_twice",
        )
    return HouseNumber(parsed.number, clean_letter or parsed.letter, clean_addition or parsed.addition)
