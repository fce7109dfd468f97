from datetime import date

import pytest

from wijkteam.households import matching
from wijkteam.households.matching import ADDRESS, BSN, NAME_BIRTHDATE, CandidateFacts, intake_query

BORN = date(1980, 3, 12)
PERSON = CandidateFacts(
    person_id=1,
    bsn="123456782",
    family_name_key="vries",
    birth_date=BORN,
    postcode="7511AB",
    house_number=12,
    house_letter="A",
    addition="",
)


@pytest.mark.parametrize(
    ("query", "reasons"),
    [
        (intake_query(bsn="123456782"), (BSN,)),
        (intake_query(bsn="111222333"), ()),
        (intake_query(family_name="de Vries", birth_date=BORN), (NAME_BIRTHDATE,)),
        (intake_query(family_name="Vries, de", birth_date=BORN), (NAME_BIRTHDATE,)),
        (intake_query(family_name="DE VRIES", birth_date=BORN), (NAME_BIRTHDATE,)),
        (intake_query(family_name="de Vries", birth_date=date(1980, 3, 13)), ()),
        # A family name without birth date, or a postcode without house number, is too broad.
        (intake_query(family_name="de Vries"), ()),
        (intake_query(postcode="7511AB"), ()),
        (intake_query(postcode="7511AB", house_number=12), (ADDRESS,)),
        (intake_query(postcode="7511AB", house_number=12, house_letter="a"), (ADDRESS,)),
        (intake_query(postcode="7511AB", house_number=12, house_letter="B"), ()),
        (intake_query(postcode="7511AB", house_number=12, addition="2"), ()),
        (intake_query(postcode="7511AB", house_number=13), ()),
        (
            intake_query(bsn="123456782", family_name="de Vries", birth_date=BORN, postcode="7511AB", house_number=12),
            (BSN, NAME_BIRTHDATE, ADDRESS),
        ),
    ],
)
def test_match_reasons(query, reasons):
    assert matching.match_reasons(query, PERSON) == reasons


@pytest.mark.parametrize(
    ("query", "conflicts"),
    [
        (intake_query(bsn="123456782", birth_date=date(1981, 1, 1)), (matching.BIRTH_DATE_DIFFERS,)),
        (intake_query(bsn="123456782", birth_date=BORN), ()),
        (intake_query(bsn="111222333", family_name="de Vries", birth_date=BORN), (matching.BSN_DIFFERS,)),
        (intake_query(family_name="de Vries", birth_date=BORN), ()),
    ],
)
def test_match_conflicts(query, conflicts):
    assert matching.match_conflicts(query, PERSON, matching.match_reasons(query, PERSON)) == conflicts


def test_a_person_without_bsn_has_no_bsn_conflict():
    facts = CandidateFacts(person_id=2, bsn="", family_name_key="vries", birth_date=BORN)
    query = intake_query(bsn="111222333", family_name="de Vries", birth_date=BORN)
    assert matching.match_reasons(query, facts) == (NAME_BIRTHDATE,)
    assert matching.match_conflicts(query, facts, (NAME_BIRTHDATE,)) == ()


def test_rank_orders_by_strength_and_drops_non_matches():
    query = intake_query(bsn="123456782", family_name="Jansen", birth_date=BORN, postcode="7511AB", house_number=12)
    at_address = CandidateFacts(3, "", "bakker", date(1990, 1, 1), "7511AB", 12)
    by_name = CandidateFacts(4, "", "jansen", BORN)
    stranger = CandidateFacts(5, "", "smit", BORN, "7511AB", 14)
    by_bsn = CandidateFacts(6, "123456782", "jansen", BORN)
    ranked = matching.candidates_rank(query, [at_address, by_name, stranger, by_bsn])
    assert [(m.person_id, m.reasons) for m in ranked] == [
        (6, (BSN, NAME_BIRTHDATE)),
        (4, (NAME_BIRTHDATE,)),
        (3, (ADDRESS,)),
    ]
    assert ranked[0].score > ranked[1].score > ranked[2].score


@pytest.mark.parametrize(
    ("query", "empty"),
    [
        (intake_query(), True),
        (intake_query(family_name="Jansen"), True),
        (intake_query(birth_date=BORN), True),
        (intake_query(postcode="7511AB"), True),
        (intake_query(bsn="123456782"), False),
        (intake_query(family_name="Jansen", birth_date=BORN), False),
        (intake_query(postcode="7511AB", house_number=1), False),
    ],
)
def test_query_is_empty(query, empty):
    assert query.is_empty is empty
