"""Services: validation with clear messages, history kept, audit events in the same transaction."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from wijkteam.access.models import AuditEvent
from wijkteam.access.tests.factories import UserFactory
from wijkteam.reference.models import CareLevel, LifeDomain
from wijkteam.teams import services
from wijkteam.teams.models import Discipline, Membership, Organisation, Team
from wijkteam.teams.tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
    district,
    enschede,
)

pytestmark = pytest.mark.usefixtures("regions")


@pytest.fixture
def admin():
    return UserFactory(roles=["functional_admin"])


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def messages_of(exc_info) -> str:
    return " ".join(m for messages in exc_info.value.message_dict.values() for m in messages)


# ------------------------------------------------------------------------------------------ disciplines
def test_disciplines_are_seeded_with_life_domains():
    debts = Discipline.objects.get(code="debts_money")
    assert set(debts.life_domains.values_list("code", flat=True)) == {"finances"}
    generalist = Discipline.objects.get(code="generalist")
    assert generalist.is_broad
    assert generalist.life_domains.count() == 12
    assert not generalist.life_domains.filter(code="justice").exists()
    assert set(Discipline.objects.get(code="youth").life_domains.values_list("code", flat=True)) == {
        "domestic_relations",
        "work_education",
        "social_network",
    }


def test_discipline_sync_is_idempotent_and_keeps_an_administrators_changes(admin):
    debts = Discipline.objects.get(code="debts_money")
    services.discipline_update(discipline=debts, data={"name_nl": "Geld en schulden"}, actor=admin)
    Discipline.objects.filter(code="housing").delete()
    assert services.discipline_data_sync() == 1
    assert services.discipline_data_sync() == 0
    assert Discipline.objects.get(code="debts_money").name_nl == "Geld en schulden"
    assert Discipline.objects.filter(code="housing").exists()


def test_discipline_create_and_update_record_changes(admin):
    domains = LifeDomain.objects.filter(code__in=["housing", "finances"])
    discipline = services.discipline_create(
        code="budget_coaching", name_nl="Budgetcoaching", name_en="Budget coaching", life_domains=domains, actor=admin
    )
    services.discipline_update(
        discipline=discipline, data={"life_domains": LifeDomain.objects.filter(code="finances")}, actor=admin
    )
    event = AuditEvent.objects.filter(action="discipline.updated").get()
    assert event.details["life_domains"] == [["Financiën", "Huisvesting"], ["Financiën"]]
    with pytest.raises(ValidationError) as exc_info:
        services.discipline_create(code="budget_coaching", name_nl="x", name_en="x", actor=admin)
    assert "bestaat al" in messages_of(exc_info)


# ------------------------------------------------------------------------------------------ organisations
def test_organisation_create_and_update(admin):
    organisation = services.organisation_create(
        municipality=enschede(), name="  Buurtzorg test  ", kind="district_nursing", actor=admin
    )
    assert organisation.name == "Buurtzorg test"
    assert AuditEvent.objects.filter(action="organisation.created", target_id=str(organisation.pk)).exists()
    with pytest.raises(ValidationError) as exc_info:
        services.organisation_create(municipality=enschede(), name="buurtzorg TEST", kind="other", actor=admin)
    assert "bestaat al" in messages_of(exc_info)
    services.organisation_update(organisation=organisation, data={"is_active": False}, actor=admin)
    event = AuditEvent.objects.get(action="organisation.updated")
    assert event.details == {"is_active": [True, False]}


def test_organisation_needs_a_municipality(admin):
    with pytest.raises(ValidationError):
        services.organisation_create(municipality=district("WK015300"), name="X", kind="other", actor=admin)


# ------------------------------------------------------------------------------------------------- teams
def test_team_create_with_districts_of_its_municipality(admin):
    team = services.team_create(
        municipality=enschede(),
        name="Wijkteam Noord",
        organisational_form="pilot",
        start_date=date(2025, 1, 1),
        districts=[district("WK015304"), district("WK015305")],
        caseload_norm_per_fte=Decimal("18"),
        actor=admin,
    )
    assert sorted(team.districts.values_list("code", flat=True)) == ["WK015304", "WK015305"]
    assert team.caseload_norm_per_fte == Decimal("18")
    assert AuditEvent.objects.get(action="team.created").details == {"districts": ["WK015304", "WK015305"]}


@pytest.mark.parametrize(
    ("districts", "whole", "message"),
    [
        (["WK034401"], False, "Kies wijken van Enschede"),
        ([], False, "Kies de wijken die het team bedient"),
    ],
)
def test_team_create_refuses_bad_coverage(admin, districts, whole, message):
    with pytest.raises(ValidationError) as exc_info:
        services.team_create(
            municipality=enschede(),
            name="Wijkteam X",
            organisational_form="pilot",
            start_date=date(2025, 1, 1),
            districts=[district(code) for code in districts],
            covers_whole_municipality=whole,
            actor=admin,
        )
    assert message in messages_of(exc_info)
    assert not Team.objects.exists()


def test_team_covering_the_whole_municipality_needs_no_districts(admin):
    team = services.team_create(
        municipality=enschede(),
        name="Jeugdteam",
        organisational_form="municipal_team",
        start_date=date(2025, 1, 1),
        covers_whole_municipality=True,
        actor=admin,
    )
    assert team.districts.count() == 0


def test_team_update_records_before_and_after(admin):
    team = TeamFactory(districts=["WK015300"])
    services.team_update(team=team, data={"name": "Wijkteam Centrum", "districts": [district("WK015301")]}, actor=admin)
    team.refresh_from_db()
    assert team.name == "Wijkteam Centrum"
    details = AuditEvent.objects.get(action="team.updated").details
    assert details["districts"] == [["WK015300"], ["WK015301"]]
    assert details["name"][1] == "Wijkteam Centrum"


def test_team_end_date_before_start_is_refused(admin):
    team = TeamFactory()
    with pytest.raises(ValidationError) as exc_info:
        services.team_update(team=team, data={"end_date": date(2020, 1, 1)}, actor=admin)
    assert "einddatum" in messages_of(exc_info)


# ----------------------------------------------------------------------------------------------- mandate
def test_mandate_items(admin):
    team = TeamFactory()
    finances = LifeDomain.objects.get(code="finances")
    item = services.mandate_item_add(team=team, life_domain=finances, in_scope=True, note="Eerste hulp", actor=admin)
    services.mandate_item_add(team=team, target_group="homeless", in_scope=False, actor=admin)
    with pytest.raises(ValidationError) as exc_info:
        services.mandate_item_add(team=team, life_domain=finances, in_scope=False, actor=admin)
    assert "al onderdeel van de opdracht" in messages_of(exc_info)
    with pytest.raises(ValidationError):
        services.mandate_item_add(team=team, life_domain=finances, target_group="youth", in_scope=True, actor=admin)
    with pytest.raises(ValidationError):
        services.mandate_item_add(team=team, in_scope=True, actor=admin)
    services.mandate_item_update(item=item, in_scope=False, note="Alleen doorverwijzen", actor=admin)
    item.refresh_from_db()
    assert (item.in_scope, item.note) == (False, "Alleen doorverwijzen")
    services.mandate_item_remove(item=item, actor=admin)
    assert team.mandate_items.count() == 1
    assert list(AuditEvent.objects.filter(target_id=str(team.pk)).order_by("pk").values_list("action", flat=True)) == [
        "mandate_item.added",
        "mandate_item.added",
        "mandate_item.updated",
        "mandate_item.removed",
    ]


@pytest.mark.parametrize(
    ("metric", "comparison", "value", "period", "field", "message"),
    [
        ("share_closed_improved", "gte", "60", "2026-H3", "period", "Vul een periode in"),
        ("share_closed_improved", "gte", "60", "volgend jaar", "period", "Vul een periode in"),
        ("share_closed_improved", "gte", "120", "2026", "value", "percentage van 0 tot 100"),
        ("days_request_to_plan", "lte", "-1", "2026", "value", "niet negatief"),
        ("unknown_metric", "gte", "1", "2026", "metric_key", "Kies een indicator"),
        ("reentry_12m", "eq", "1", "2026", "comparison", "Kies ≥ of ≤"),
    ],
)
def test_target_validation(admin, metric, comparison, value, period, field, message):
    with pytest.raises(ValidationError) as exc_info:
        services.target_set(
            team=TeamFactory(), metric_key=metric, comparison=comparison, value=value, period=period, actor=admin
        )
    assert message in " ".join(exc_info.value.message_dict[field])


def test_target_period_is_normalised_and_unique(admin):
    team = TeamFactory()
    target = services.target_set(
        team=team, metric_key="reentry_12m", comparison="lte", value=Decimal("15"), period=" 2026-q1 ", actor=admin
    )
    assert target.period == "2026-Q1"
    with pytest.raises(ValidationError) as exc_info:
        services.target_set(
            team=team, metric_key="reentry_12m", comparison="lte", value=Decimal("12"), period="2026-Q1", actor=admin
        )
    assert "2026-Q1" in messages_of(exc_info)
    services.target_remove(target=target, actor=admin)
    assert not team.targets.exists()


# ------------------------------------------------------------------------------------------- memberships
@pytest.fixture
def team():
    return TeamFactory(districts=["WK015300", "WK015301"], start_date=date(2024, 1, 1))


@pytest.fixture
def organisation():
    return OrganisationFactory()


def start(team, organisation, admin, user=None, **kwargs):
    values = {
        "team": team,
        "user": user or UserFactory(roles=["generalist"]),
        "organisation": organisation,
        "kind": "generalist",
        "fte": Decimal("0.8"),
        "start_date": date(2025, 1, 1),
        "actor": admin,
    }
    values.update(kwargs)
    return services.membership_start(**values)


def test_membership_start(team, organisation, admin):
    membership = start(
        team,
        organisation,
        admin,
        disciplines=Discipline.objects.filter(code__in=["generalist", "youth"]),
        districts=[district("WK015301")],
        collective_hours_per_week=Decimal("4"),
    )
    assert membership.is_running(date(2025, 6, 1))
    details = AuditEvent.objects.get(action="membership.started").details
    assert details["disciplines"] == ["generalist", "youth"]
    assert details["districts"] == ["WK015301"]
    assert details["fte"] == "0.8"


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"start_date": date(2023, 12, 31)}, "start_date", "Het team start op"),
        ({"fte": Decimal("2")}, "fte", "tussen 0 en 1,5"),
        ({"collective_hours_per_week": Decimal("-1")}, "collective_hours_per_week", "tussen 0 en 60"),
        ({"districts": "other"}, "districts", "Kies wijken die het team bedient"),
        ({"organisation": "utrecht"}, "organisation", "gemeente van het team"),
        ({"kind": "boss"}, "kind", "Kies een soort"),
    ],
)
def test_membership_start_validation(team, organisation, admin, kwargs, field, message):
    from wijkteam.neighbourhoods.models import Region

    if kwargs.get("districts") == "other":
        kwargs["districts"] = [district("WK015305")]
    if kwargs.pop("organisation", None) == "utrecht":
        organisation = OrganisationFactory(municipality=Region.objects.get(code="GM0344"))
    with pytest.raises(ValidationError) as exc_info:
        start(team, organisation, admin, **kwargs)
    assert message in " ".join(exc_info.value.message_dict[field])
    assert not Membership.objects.exists()


def test_overlapping_membership_is_refused_but_a_later_one_is_fine(team, organisation, admin):
    user = UserFactory()
    first = start(team, organisation, admin, user=user)
    with pytest.raises(ValidationError) as exc_info:
        start(team, organisation, admin, user=user, start_date=date(2025, 6, 1))
    assert "al lid van dit team" in messages_of(exc_info)
    services.membership_end(membership=first, end_date=date(2025, 5, 31), actor=admin)
    second = start(team, organisation, admin, user=user, start_date=date(2025, 6, 1))
    assert second.pk != first.pk


def test_membership_change_ends_and_starts_so_history_is_kept(team, organisation, admin):
    membership = start(team, organisation, admin, disciplines=Discipline.objects.filter(code="generalist"))
    new = services.membership_change(
        membership=membership,
        change_date=date(2025, 7, 1),
        kind="specialist",
        fte=Decimal("0.5"),
        disciplines=Discipline.objects.filter(code="debts_money"),
        actor=admin,
    )
    membership.refresh_from_db()
    assert membership.end_date == date(2025, 6, 30)
    assert (membership.kind, membership.fte) == ("generalist", Decimal("0.80"))
    assert (new.kind, new.fte, new.start_date, new.end_date) == ("specialist", Decimal("0.5"), date(2025, 7, 1), None)
    assert list(new.disciplines.values_list("code", flat=True)) == ["debts_money"]
    assert Membership.objects.filter(team=team).count() == 2
    event = AuditEvent.objects.get(action="membership.changed")
    assert event.details["before"]["fte"] == "0.80" and event.details["after"]["fte"] == "0.50"
    assert event.details["previous"] == membership.pk


def test_membership_change_on_the_start_date_corrects_in_place(team, organisation, admin):
    membership = start(team, organisation, admin)
    same = services.membership_change(
        membership=membership, change_date=membership.start_date, kind="generalist", fte=Decimal("0.9"),
        disciplines=[], actor=admin,
    )  # fmt: skip
    assert same.pk == membership.pk and same.fte == Decimal("0.9")
    assert Membership.objects.count() == 1


def test_membership_change_without_changes_writes_nothing(team, organisation, admin):
    membership = start(team, organisation, admin)
    result = services.membership_change(
        membership=membership, change_date=date(2025, 3, 1), kind="generalist", fte=Decimal("0.80"),
        disciplines=[], actor=admin,
    )  # fmt: skip
    assert result.pk == membership.pk
    assert not AuditEvent.objects.filter(action="membership.changed").exists()


@pytest.mark.parametrize(
    ("change_date", "message"),
    [(date(2024, 12, 1), "vanaf het begin van het lidmaatschap"), (date(2026, 1, 1), "is beëindigd op")],
)
def test_membership_change_dates(team, organisation, admin, change_date, message):
    membership = start(team, organisation, admin, end_date=date(2025, 12, 31))
    with pytest.raises(ValidationError) as exc_info:
        services.membership_change(
            membership=membership, change_date=change_date, kind="specialist", fte=Decimal("0.5"),
            disciplines=[], actor=admin,
        )  # fmt: skip
    assert message in messages_of(exc_info)


def test_membership_end(team, organisation, admin):
    membership = start(team, organisation, admin)
    with pytest.raises(ValidationError) as exc_info:
        services.membership_end(membership=membership, end_date=date(2024, 12, 31), actor=admin)
    assert "niet voor de startdatum" in messages_of(exc_info)
    services.membership_end(membership=membership, end_date=date(2025, 12, 31), actor=admin)
    membership.refresh_from_db()
    assert membership.end_date == date(2025, 12, 31)
    assert not membership.is_running(date(2026, 1, 1))
    assert AuditEvent.objects.get(action="membership.ended").details == {"end_date": [None, "2025-12-31"]}


# ------------------------------------------------------------------------------------------ affiliations
def test_affiliation_start_and_end(admin):
    organisation = OrganisationFactory(kind="debt_counselling")
    partner = UserFactory(roles=["partner"])
    affiliation = services.affiliation_start(
        user=partner,
        organisation=organisation,
        start_date=date(2024, 1, 1),
        job_title="Schuldhulpverlener",
        actor=admin,
    )
    with pytest.raises(ValidationError) as exc_info:
        services.affiliation_start(user=partner, organisation=organisation, start_date=date(2025, 1, 1), actor=admin)
    assert "hoort in die periode al bij deze organisatie" in messages_of(exc_info)
    with pytest.raises(ValidationError):
        services.affiliation_end(affiliation=affiliation, end_date=date(2023, 1, 1), actor=admin)
    services.affiliation_end(affiliation=affiliation, end_date=date(2025, 6, 30), actor=admin)
    assert not affiliation.is_running(date(2025, 7, 1))
    assert AuditEvent.objects.filter(action__startswith="affiliation.").count() == 2


def test_affiliation_with_an_inactive_organisation_is_refused(admin):
    organisation = OrganisationFactory(is_active=False)
    with pytest.raises(ValidationError):
        services.affiliation_start(
            user=UserFactory(), organisation=organisation, start_date=date(2025, 1, 1), actor=admin
        )


# ------------------------------------------------------------------------------------------- social map
def test_initiative_create_and_update(admin):
    team = TeamFactory()
    initiative = services.initiative_create(
        team=team,
        district=district("WK015300"),
        name="Eettafel test",
        kind="meal_club",
        care_level=CareLevel.objects.get(level=0),
        life_domains=LifeDomain.objects.filter(code="social_network"),
        actor=admin,
    )
    services.initiative_update(
        initiative=initiative,
        data={"schedule": "Dinsdag 12.00 uur", "life_domains": LifeDomain.objects.filter(code__in=["time_use"])},
        actor=admin,
    )
    details = AuditEvent.objects.get(action="initiative.updated").details
    assert details["schedule"] == ["", "Dinsdag 12.00 uur"]
    assert details["life_domains"] == [["Sociaal netwerk"], ["Tijdsbesteding"]]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"care_level": 2}, "care_level", "trede 0 of 1"),
        ({"district": "WK034401"}, "district", "wijk van de gemeente van het team"),
        ({"district": "GM0153"}, "district", "wijk van de gemeente van het team"),
        ({"name": "Bestaand"}, "name", "heeft al een initiatief met deze naam"),
        ({"name": "   "}, "name", "Vul een naam in"),
    ],
)
def test_initiative_validation(admin, overrides, field, message):
    from wijkteam.neighbourhoods.models import Region

    team = TeamFactory()
    InitiativeFactory(team=team, name="Bestaand")
    values = {
        "team": team,
        "district": district("WK015300"),
        "name": "Nieuw",
        "kind": "walk_in",
        "care_level": CareLevel.objects.get(level=1),
        "actor": admin,
    }
    if "care_level" in overrides:
        values["care_level"] = CareLevel.objects.get(level=overrides["care_level"])
    if "district" in overrides:
        values["district"] = Region.objects.get(code=overrides["district"])
    if "name" in overrides:
        values["name"] = overrides["name"]
    with pytest.raises(ValidationError) as exc_info:
        services.initiative_create(**values)
    assert message in " ".join(exc_info.value.message_dict[field])


def test_unknown_fields_cannot_be_changed(admin):
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError):
        services.organisation_update(organisation=organisation, data={"municipality": None}, actor=admin)
    assert Organisation.objects.get(pk=organisation.pk).municipality is not None


def test_membership_factory_makes_a_running_membership():
    membership = MembershipFactory(disciplines=["youth"])
    assert membership.is_running()
    assert list(membership.disciplines.values_list("code", flat=True)) == ["youth"]
