from datetime import date

import pytest

from wijkteam.households import relations
from wijkteam.households.models import RelationKind, RelationRole
from wijkteam.households.relations import (
    CHILD,
    CURATOR,
    GUARDIAN,
    INFORMAL_CARER,
    MENTOR,
    PARENT_WITH_AUTHORITY,
    PARENT_WITHOUT_AUTHORITY,
    PARTNER,
    CircleRole,
    RelationFact,
)

TODAY = date(2026, 6, 1)
ADULT = date(1980, 1, 1)
CHILD_BORN = date(2015, 1, 1)
OLD = date(1940, 1, 1)


def test_kinds_and_roles_match_the_model_choices():
    assert set(RelationKind.values) == set(relations.KINDS)
    assert set(RelationRole.values) == set(relations.ROLES)
    assert set(relations.INVERSE_ROLE) == set(relations.KINDS)


@pytest.mark.parametrize(
    ("kind", "inverse"),
    [
        (PARENT_WITH_AUTHORITY, CHILD),
        (PARENT_WITHOUT_AUTHORITY, CHILD),
        (CHILD, relations.ROLE_PARENT),
        (PARTNER, PARTNER),
        (GUARDIAN, relations.ROLE_REPRESENTED),
        (CURATOR, relations.ROLE_REPRESENTED),
        (MENTOR, relations.ROLE_REPRESENTED),
        (INFORMAL_CARER, relations.ROLE_CARED_FOR),
    ],
)
def test_inverse_role(kind, inverse):
    assert relations.inverse_role(kind) == inverse


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (RelationFact(1, 2, PARTNER), RelationFact(2, 1, PARTNER), True),
        (RelationFact(1, 2, PARENT_WITH_AUTHORITY), RelationFact(2, 1, CHILD), True),
        (RelationFact(1, 2, PARENT_WITH_AUTHORITY), RelationFact(1, 2, PARENT_WITHOUT_AUTHORITY), True),
        (RelationFact(1, 2, INFORMAL_CARER), RelationFact(1, 2, INFORMAL_CARER), True),
        (RelationFact(1, 2, INFORMAL_CARER), RelationFact(2, 1, INFORMAL_CARER), False),
        (RelationFact(1, 2, PARENT_WITH_AUTHORITY), RelationFact(2, 1, PARENT_WITH_AUTHORITY), False),
        (RelationFact(1, 2, MENTOR), RelationFact(1, 2, CURATOR), False),
    ],
)
def test_same_fact(a, b, same):
    assert relations.same_fact(a, b) is same


@pytest.mark.parametrize(
    ("fact", "births", "existing", "problems"),
    [
        (RelationFact(1, 2, PARENT_WITH_AUTHORITY), (ADULT, CHILD_BORN), [], []),
        (RelationFact(1, 1, PARTNER), (ADULT, ADULT), [], ["self"]),
        (RelationFact(1, 2, PARTNER), (ADULT, ADULT), [RelationFact(2, 1, PARTNER)], ["duplicate"]),
        (
            RelationFact(1, 2, PARENT_WITHOUT_AUTHORITY),
            (ADULT, CHILD_BORN),
            [RelationFact(1, 2, PARENT_WITH_AUTHORITY)],
            ["authority_changes"],
        ),
        (RelationFact(2, 1, CHILD), (CHILD_BORN, ADULT), [RelationFact(1, 2, PARENT_WITH_AUTHORITY)], ["duplicate"]),
        # Parent of your own parent:
        (
            RelationFact(2, 1, PARENT_WITHOUT_AUTHORITY),
            (None, None),
            [RelationFact(1, 2, PARENT_WITH_AUTHORITY)],
            ["contradicts"],
        ),
        (RelationFact(1, 2, PARENT_WITH_AUTHORITY), (OLD, ADULT), [], ["minor_only"]),
        (RelationFact(1, 2, PARENT_WITHOUT_AUTHORITY), (OLD, ADULT), [], []),
        (RelationFact(3, 2, GUARDIAN), (ADULT, ADULT), [], ["minor_only"]),
        (RelationFact(3, 2, GUARDIAN), (ADULT, None), [], []),  # unknown age: not refused
        (RelationFact(3, 2, CURATOR), (ADULT, CHILD_BORN), [], ["adult_only"]),
        (RelationFact(3, 2, MENTOR), (ADULT, OLD), [], []),
        (
            RelationFact(3, 2, GUARDIAN),
            (ADULT, CHILD_BORN),
            [RelationFact(1, 2, PARENT_WITH_AUTHORITY), RelationFact(4, 2, PARENT_WITH_AUTHORITY)],
            ["too_many_authority"],
        ),
        (
            RelationFact(3, 2, PARENT_WITHOUT_AUTHORITY),
            (ADULT, CHILD_BORN),
            [RelationFact(1, 2, PARENT_WITH_AUTHORITY), RelationFact(4, 2, GUARDIAN)],
            [],
        ),
        (
            RelationFact(1, 2, GUARDIAN),
            (ADULT, CHILD_BORN),
            [RelationFact(1, 2, PARENT_WITHOUT_AUTHORITY), RelationFact(4, 2, PARENT_WITH_AUTHORITY)],
            [],
        ),
        (RelationFact(1, 2, PARENT_WITH_AUTHORITY), (CHILD_BORN, ADULT), [], ["minor_only", "parent_not_older"]),
        (RelationFact(2, 1, CHILD), (ADULT, CHILD_BORN), [], ["parent_not_older"]),
        (RelationFact(1, 2, INFORMAL_CARER), (CHILD_BORN, OLD), [], []),
    ],
)
def test_relation_problems(fact, births, existing, problems):
    found = relations.relation_problems(
        fact=fact, on=TODAY, from_birth_date=births[0], to_birth_date=births[1], open_relations=existing
    )
    assert found == problems


def test_household_circle_with_a_co_parenting_child():
    # Household A: mother 1 and child 3. Household B: father 2 (parent of 3), his partner 4.
    facts = [
        RelationFact(1, 3, PARENT_WITH_AUTHORITY),
        RelationFact(2, 3, PARENT_WITH_AUTHORITY),
        RelationFact(2, 4, PARTNER),
        RelationFact(5, 1, INFORMAL_CARER),
        RelationFact(6, 7, PARTNER),  # unrelated to both households
    ]
    circle_b = relations.household_circle([2, 4], facts)
    assert [(e.person_id, e.is_member) for e in circle_b] == [(2, True), (4, True), (3, False)]
    by_id = {e.person_id: e.roles for e in circle_b}
    assert by_id[3] == [CircleRole(CHILD, 2)]
    assert by_id[2] == [CircleRole(PARENT_WITH_AUTHORITY, 3), CircleRole(PARTNER, 4)]
    assert by_id[4] == [CircleRole(PARTNER, 2)]

    circle_a = relations.household_circle([1, 3], facts)
    assert [(e.person_id, e.is_member) for e in circle_a] == [(1, True), (3, True), (2, False), (5, False)]
    by_id = {e.person_id: e.roles for e in circle_a}
    assert by_id[3] == [CircleRole(CHILD, 1), CircleRole(CHILD, 2)]
    assert by_id[5] == [CircleRole(INFORMAL_CARER, 1)]
    assert CircleRole(relations.ROLE_CARED_FOR, 5) in by_id[1]
