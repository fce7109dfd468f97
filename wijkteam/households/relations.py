"""Relations between persons and the roles they give: the rules for adding one, and a household's circle.

A relation is stored directed: `from_person` is <kind> of `to_person` ("A is parent_with_authority of
B"). The person at the other end has the inverse role (B is A's child). Partner is symmetric, so A
partner of B is the same fact as B partner of A; "B child of A" is the same fact as "A parent of B".

Dutch law behind the checks: parental authority (gezag, by a parent or a guardian/voogd) exists over
minors only and by at most two persons at once; curatele and mentorschap are measures for adults.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from wijkteam.households.age import is_minor_on

PARENT_WITH_AUTHORITY = "parent_with_authority"
PARENT_WITHOUT_AUTHORITY = "parent_without_authority"
GUARDIAN = "guardian"
CURATOR = "curator"
MENTOR = "mentor"
INFORMAL_CARER = "informal_carer"
PARTNER = "partner"
CHILD = "child"

KINDS = (
    PARENT_WITH_AUTHORITY,
    PARENT_WITHOUT_AUTHORITY,
    GUARDIAN,
    CURATOR,
    MENTOR,
    INFORMAL_CARER,
    PARTNER,
    CHILD,
)
PARENT_KINDS = frozenset({PARENT_WITH_AUTHORITY, PARENT_WITHOUT_AUTHORITY})
AUTHORITY_KINDS = frozenset({PARENT_WITH_AUTHORITY, GUARDIAN})
LEGAL_REPRESENTATIVE_KINDS = frozenset({PARENT_WITH_AUTHORITY, GUARDIAN, CURATOR, MENTOR})
MAX_AUTHORITY_HOLDERS = 2

# Roles that only appear as the other end of a relation.
ROLE_PARENT = "parent"
ROLE_REPRESENTED = "represented_person"
ROLE_CARED_FOR = "cared_for_person"
INVERSE_ROLE = {
    PARENT_WITH_AUTHORITY: CHILD,
    PARENT_WITHOUT_AUTHORITY: CHILD,
    GUARDIAN: ROLE_REPRESENTED,
    CURATOR: ROLE_REPRESENTED,
    MENTOR: ROLE_REPRESENTED,
    INFORMAL_CARER: ROLE_CARED_FOR,
    PARTNER: PARTNER,
    CHILD: ROLE_PARENT,
}
ROLES = (*KINDS, ROLE_PARENT, ROLE_REPRESENTED, ROLE_CARED_FOR)


@dataclass(frozen=True)
class RelationFact:
    """An open relation: `from_id` is `kind` of `to_id`."""

    from_id: int
    to_id: int
    kind: str


def inverse_role(kind: str) -> str:
    """The role of `to_person` towards `from_person`: parent_with_authority → child, partner → partner."""
    return INVERSE_ROLE[kind]


def _parent_child(fact: RelationFact) -> tuple[int, int] | None:
    """(parent, child) when the fact says who is whose parent, whatever its direction."""
    if fact.kind in PARENT_KINDS:
        return fact.from_id, fact.to_id
    if fact.kind == CHILD:
        return fact.to_id, fact.from_id
    return None


def same_fact(a: RelationFact, b: RelationFact) -> bool:
    """Whether two relations state the same thing (partner both ways; child vs parent of the pair)."""
    if a == b:
        return True
    if a.kind == PARTNER == b.kind:
        return {a.from_id, a.to_id} == {b.from_id, b.to_id}
    pair_a, pair_b = _parent_child(a), _parent_child(b)
    return pair_a is not None and pair_a == pair_b


def relation_problems(
    *,
    fact: RelationFact,
    on: date,
    from_birth_date: date | None,
    to_birth_date: date | None,
    open_relations: Iterable[RelationFact],
) -> list[str]:
    """Why `fact` cannot be added next to the persons' open relations (codes; empty when it can).

    Codes: "self", "duplicate", "authority_changes" (the parent is recorded with the other kind of
    parent relation: end that one first), "contradicts" (a reverse parent/child relation exists), "minor_only"
    (authority over an adult), "adult_only" (curatele/mentorschap of a minor), "too_many_authority"
    (a third authority holder), "parent_not_older" (a parent born after the child).
    """
    problems: list[str] = []
    if fact.from_id == fact.to_id:
        return ["self"]
    existing = list(open_relations)
    for other in existing:
        if same_fact(fact, other):
            # A parent with authority recorded again without (or the reverse): end the old one first.
            changes_authority = fact.kind in PARENT_KINDS and other.kind in PARENT_KINDS and fact.kind != other.kind
            problems.append("authority_changes" if changes_authority else "duplicate")
            break
    pair = _parent_child(fact)
    if pair is not None:
        for other in existing:
            other_pair = _parent_child(other)
            if other_pair is not None and other_pair == (pair[1], pair[0]):
                problems.append("contradicts")
                break
    if fact.kind in AUTHORITY_KINDS and is_minor_on(to_birth_date, on) is False:
        problems.append("minor_only")
    if fact.kind in (CURATOR, MENTOR) and is_minor_on(to_birth_date, on) is True:
        problems.append("adult_only")
    if fact.kind in AUTHORITY_KINDS:
        holders = {
            other.from_id
            for other in existing
            if other.kind in AUTHORITY_KINDS and other.to_id == fact.to_id and other.from_id != fact.from_id
        }
        if len(holders) >= MAX_AUTHORITY_HOLDERS:
            problems.append("too_many_authority")
    if pair is not None:
        parent_birth, child_birth = (
            (from_birth_date, to_birth_date) if fact.kind in PARENT_KINDS else (to_birth_date, from_birth_date)
        )
        if parent_birth and child_birth and parent_birth >= child_birth:
            problems.append("parent_not_older")
    return problems


@dataclass(frozen=True)
class CircleRole:
    """`role` towards `other_id`, e.g. ("child", 12): this person is the child of person 12."""

    role: str
    other_id: int


@dataclass
class CircleEntry:
    """One person in a household's circle: a member, or someone related to a member."""

    person_id: int
    is_member: bool
    roles: list[CircleRole] = field(default_factory=list)


def household_circle(member_ids: Iterable[int], relations: Iterable[RelationFact]) -> list[CircleEntry]:
    """The members and everyone with an open relation to a member, each with their roles.

    Members come first (in the given order), then the others in order of first appearance. A child in
    co-parenting who lives elsewhere appears in the circle of the other parent's household this way.
    """
    members = list(dict.fromkeys(member_ids))
    member_set = set(members)
    entries: dict[int, CircleEntry] = {pid: CircleEntry(pid, True) for pid in members}
    for fact in relations:
        if fact.from_id not in member_set and fact.to_id not in member_set:
            continue
        for person_id, role, other_id in (
            (fact.from_id, fact.kind, fact.to_id),
            (fact.to_id, inverse_role(fact.kind), fact.from_id),
        ):
            entry = entries.setdefault(person_id, CircleEntry(person_id, False))
            circle_role = CircleRole(role, other_id)
            if circle_role not in entry.roles:
                entry.roles.append(circle_role)
    return list(entries.values())
