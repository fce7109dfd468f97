"""The front door's services and selectors without pages: all-or-nothing registration, re-entry in
months, who a search and a match may show."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from wijkteam.access.tests.factories import UserFactory
from wijkteam.cases import lifecycle, selectors, services
from wijkteam.cases.models import HelpRequest, ShortContact
from wijkteam.cases.tests.factories import scenario_create
from wijkteam.households import relations
from wijkteam.households.models import Address, Household, Person
from wijkteam.households.tests.factories import PersonFactory, RelationFactory, neighbourhoods


@pytest.mark.parametrize(
    ("earlier", "later", "months"),
    [
        (date(2024, 1, 15), date(2024, 2, 14), 0),
        (date(2024, 1, 15), date(2024, 2, 15), 1),
        (date(2024, 1, 31), date(2024, 2, 29), 1),
        (date(2024, 3, 31), date(2024, 11, 30), 8),
        (date(2023, 11, 23), date(2024, 11, 23), 12),
        (date(2024, 5, 1), date(2024, 4, 1), 0),
    ],
)
def test_whole_months_between(earlier, later, months):
    assert lifecycle.whole_months_between(earlier, later) == months


@pytest.mark.parametrize(
    ("closures", "months"),
    [
        ([], None),
        ([None], None),
        ([date(2024, 3, 23)], 8),
        ([date(2023, 11, 22)], None),  # more than 12 months ago
        ([date(2022, 1, 1), date(2024, 10, 1)], 1),  # the latest counts
        ([date(2024, 11, 23)], 0),
    ],
)
def test_reentry_months_ago(closures, months):
    assert lifecycle.reentry_months_ago(on=date(2024, 11, 23), earlier_closures=closures) == months


@pytest.fixture
def s(db):
    return scenario_create()


def address():
    return services.AddressInput(postcode="7511 AB", house_number="12A", neighbourhood=neighbourhoods()[0])


def test_a_household_is_registered_all_or_nothing(s):
    taken = s.family_a.adults[0].bsn
    persons = [
        services.PersonInput(family_name="Vries", prefix="de", given_names="Anna", birth_date=date(1985, 1, 1)),
        services.PersonInput(
            family_name="Vries", prefix="de", given_names="Bo", birth_date=date(2015, 1, 1), bsn=taken
        ),
    ]
    households, addresses = Household.objects.count(), Address.objects.count()
    with pytest.raises(ValidationError) as error:
        services.intake_household_register(team=s.team_a, persons=persons, address=address(), actor=s.coordinator)
    assert "persons.1.bsn" in error.value.message_dict
    assert (Household.objects.count(), Address.objects.count()) == (households, addresses)

    household = services.intake_household_register(
        team=s.team_a, persons=persons[:1], address=address(), actor=s.coordinator
    )
    assert household.name == "De Vries"
    member = Person.objects.get(household=household)
    assert member.current_residence.address.house_letter == "A"


def test_the_same_bsn_twice_in_one_household_is_refused(s):
    bsn = "999999990"
    persons = [
        services.PersonInput(family_name="Kok", given_names="A", birth_date=date(1980, 1, 1), bsn=bsn),
        services.PersonInput(family_name="Kok", given_names="B", birth_date=date(1981, 1, 1), bsn=bsn),
    ]
    with pytest.raises(ValidationError) as error:
        services.intake_household_register(team=s.team_a, persons=persons, address=address(), actor=s.coordinator)
    assert "persons.1.bsn" in error.value.message_dict


def test_intake_register_is_all_or_nothing(s):
    before = HelpRequest.objects.count()
    with pytest.raises(ValidationError):
        services.intake_register(
            household=s.family_a.household,
            team=s.team_a,
            received_on=timezone.localdate(),
            channel="self",
            words="Hulp bij de administratie",
            life_domain_codes=["finances"],
            outcome="case",
            coordinator=s.other_team_worker,  # not a member of team A
            actor=s.coordinator,
        )
    assert HelpRequest.objects.count() == before


def test_a_help_request_answered_briefly_counts_in_the_households_district(s):
    result = services.intake_register(
        household=s.family_a.household,
        team=s.team_a,
        received_on=timezone.localdate(),
        channel="school",
        words="Vraag over de schoolkosten",
        life_domain_codes=["social_network", "finances"],
        outcome="short_contact",
        what_was_done="Verwezen naar het kindpakket.",
        actor=s.coordinator,
    )
    contact = result.short_contact
    assert result.case is None
    assert contact.life_domain.code == "finances"  # the first domain in the matrix order
    assert contact.district == s.family_a.address.neighbourhood.parent
    assert contact.channel == "school" and contact.help_request == result.help_request
    with pytest.raises(ValidationError):
        services.help_request_answer_briefly(
            help_request=result.help_request, what_was_done="Nog eens", actor=s.coordinator
        )
    assert ShortContact.objects.count() == 1


def test_justice_domain_is_refused_unless_the_team_enabled_it(s):
    with pytest.raises(ValidationError) as error:
        services.intake_register(
            household=s.family_a.household,
            team=s.team_a,
            received_on=timezone.localdate(),
            channel="police",
            words="Contact met justitie",
            life_domain_codes=["justice"],
            outcome="case",
            actor=s.coordinator,
        )
    assert "life_domains" in error.value.message_dict


def test_match_on_an_invisible_household_shows_no_one(s):
    adult = s.family_a.adults[0]
    matches = selectors.intake_match_for_user(user=s.other_team_worker, team=s.team_b, bsn=adult.bsn)
    assert len(matches) == 1
    match = matches[0]
    assert not match.visible and match.candidates == [] and match.household is None
    assert match.reasons == ("bsn",) and match.may_continue
    assert [(f.team_name, f.coordinator_names) for f in match.files.other_files] == [
        (s.team_a.name, (str(s.coordinator),))
    ]
    assert match.files.cases == []


def test_match_on_a_person_without_a_household(s):
    loner = PersonFactory(family_name="Eenling", birth_date=date(1970, 2, 3))
    matches = selectors.intake_match_for_user(
        user=s.coordinator, team=s.team_a, family_name="Eenling", birth_date=date(1970, 2, 3)
    )
    assert [(m.household_id, m.visible, m.may_continue) for m in matches] == [(None, False, False)]
    assert loner.household_id is None


def test_intake_household_for_user_needs_visibility_or_a_match(s):
    with pytest.raises(Http404):
        selectors.intake_household_for_user(user=s.other_team_worker, household_id=s.family_a.household.pk)
    found = selectors.intake_household_for_user(
        user=s.other_team_worker, household_id=s.family_a.household.pk, matched_ids=[s.family_a.household.pk]
    )
    assert not found.visible and found.files.cases == []
    assert {p.pk for p in found.members} == {p.pk for p in s.family_a.members}


def test_search_reaches_related_persons_but_not_strangers(s):
    father = PersonFactory(family_name="Elders", given_names="Vader")
    RelationFactory(from_person=father, to_person=s.family_a.children[0], kind=relations.PARENT_WITH_AUTHORITY)
    stranger = PersonFactory(family_name="Elders", given_names="Vreemde")
    found = set(selectors.person_search_for_user(s.coordinator, "Elders"))
    assert father in found and stranger not in found
    assert set(selectors.person_search_for_user(UserFactory(roles=["generalist"]), "Elders")) == set()


def test_search_is_one_query_with_the_visibility_filter(s, django_assert_num_queries):
    with django_assert_num_queries(2):  # the persons, and their current addresses
        persons = list(selectors.person_search_for_user(s.coordinator, s.family_a.adults[0].family_name))
    assert s.family_a.adults[0] in persons


def test_volunteer_sees_recent_done_actions_only(s):
    plan = services.plan_get_or_create(case=s.case_a, actor=s.coordinator)
    action = services.action_add(
        plan=plan,
        data=services.ActionInput(who_kind="volunteer", what="Boodschappen", assignee_id=s.volunteer.pk),
        actor=s.coordinator,
    )
    services.action_set_status(action=action, expected_version=1, status="done", actor=s.volunteer)
    assert [a.pk for a in selectors.volunteer_actions_for_user(user=s.volunteer)] == [action.pk]
    later = timezone.localdate() + timedelta(days=selectors.VOLUNTEER_DONE_DAYS + 1)
    assert selectors.volunteer_actions_for_user(user=s.volunteer, today=later) == []
