from datetime import date

import pytest

from wijkteam.households.postcode import HouseNumber
from wijkteam.households.search import SearchTerms, search_parse


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("123456782", SearchTerms(bsn="123456782")),
        ("123 456 782", SearchTerms(bsn="123456782")),
        ("1234.56.782", SearchTerms(bsn="123456782")),
        ("12345672", SearchTerms(bsn="012345672")),
        # Nine digits are a BSN even when it fails the 11-test: searched exactly, so found nowhere.
        ("123456789", SearchTerms(bsn="123456789")),
        ("7511 AB", SearchTerms(postcode="7511AB")),
        ("7511ab 12a-2", SearchTerms(postcode="7511AB", house_number=HouseNumber(12, "A", "2"))),
        ("7511AB12", SearchTerms(postcode="7511AB", house_number=HouseNumber(12))),
        ("7511AB 12 Jansen", SearchTerms(postcode="7511AB", house_number=HouseNumber(12), words=("jansen",))),
        ("Jansen 7511AB", SearchTerms(postcode="7511AB", words=("jansen",))),
        ("de Vries 12-03-1980", SearchTerms(birth_date=date(1980, 3, 12), words=("de", "vries"))),
        ("12/3/1980", SearchTerms(birth_date=date(1980, 3, 12))),
        ("1980-03-12", SearchTerms(birth_date=date(1980, 3, 12))),
        ("Hoofdstraat 12", SearchTerms(house_number=HouseNumber(12), words=("hoofdstraat",))),
        ("Hoofdstraat 12a", SearchTerms(house_number=HouseNumber(12, "A"), words=("hoofdstraat",))),
        ("Vries, de", SearchTerms(words=("vries", "de"))),
        ("J. de Vries", SearchTerms(words=("j", "de", "vries"))),
        ("Çelik", SearchTerms(words=("celik",))),
        ("jansen JANSEN", SearchTerms(words=("jansen",))),
        ("", SearchTerms()),
        ("   ", SearchTerms()),
        ("a", SearchTerms()),  # initials alone would match almost everyone
        ("j k", SearchTerms()),
        ("31-02-1980 Jansen", SearchTerms(words=("jansen",), unmatchable=True)),
        ("12", SearchTerms(house_number=HouseNumber(12), unmatchable=True)),
        ("1234567", SearchTerms(house_number=None, words=("1234567",))),
    ],
)
def test_search_parse(text, terms):
    assert search_parse(text) == terms


@pytest.mark.parametrize(("text", "empty"), [("", True), ("a", True), ("ja", False), ("7511AB", False)])
def test_is_empty(text, empty):
    assert search_parse(text).is_empty is empty
