"""Services and selectors of stepped care on the database: step changes, decisions, frontline payments,
lawfulness checks and expenditure (query counts constant in data size)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wijkteam.access.models import AuditEvent
from wijkteam.cases.models import Case
from wijkteam.cases.tests.factories import scenario_create
from wijkteam.households.tests.factories import family_create
from wijkteam.provisions import lawfulness, selectors, services
from wijkteam.provisions.models import Budget, LegalTerm, StepChange
from wijkteam.provisions.tests.factories import option_create, wmo_consultant_create
from wijkteam.reference.models import CareLevel, LegalBasis

pytestmark = pytest.mark.django_db

EVALUATION = {
    "tried": "Maatjesproject en inloopspreekuur",
    "duration": "drie maanden",
    "result": "Post blijft liggen",
    "why_insufficient": "Er is structurele begeleiding nodig",
}


def level(n):
    return CareLevel.objects.get(level=n)


@pytest.fixture
def s():
    return scenario_create()


def test_team_step_up_needs_evaluation_and_updates_the_case(s):
    services.step_change_record(case=s.case_a, to_level=level(1), route="team", actor=s.coordinator)
    with pytest.raises(ValidationError) as refused:
        services.step_change_record(case=s.case_a, to_level=level(2), route="team", actor=s.coordinator)
    assert "__all__" in refused.value.message_dict
    assert Case.objects.get(pk=s.case_a.pk).care_level.level == 1
    change = services.step_change_record(
        case=s.case_a, to_level=level(2), route="team", actor=s.coordinator, **EVALUATION
    )
    assert change.from_level.level == 1 and change.has_evaluation
    assert Case.objects.get(pk=s.case_a.pk).care_level.level == 2
    assert AuditEvent.objects.filter(action="case.stepped_up", target_id=str(s.case_a.pk)).exists()


@pytest.mark.parametrize("route", ["application", "wmo_report", "referral", "safety"])
def test_never_blocked_routes(s, route):
    services.step_change_record(case=s.case_a, to_level=level(0), route="team", actor=s.coordinator)
    change = services.step_change_record(
        case=s.case_a,
        to_level=level(4 if route in ("referral", "safety") else 3),
        route=route,
        actor=s.coordinator,
        legal_basis=LegalBasis.objects.get(code="jeugdwet" if route == "referral" else "wmo2015"),
    )
    assert change.route == route
    if route != "safety":
        assert change.received_on == timezone.localdate()  # the legal clock starts


def test_step_down_needs_reason_and_no_future_dates(s):
    services.step_change_record(case=s.case_a, to_level=level(3), route="application", actor=s.coordinator)
    with pytest.raises(ValidationError) as refused:
        services.step_change_record(case=s.case_a, to_level=level(1), route="team", actor=s.coordinator)
    assert "reason" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.step_change_record(
            case=s.case_a,
            to_level=level(1),
            route="team",
            reason="Doelen bereikt",
            decided_on=timezone.localdate() + timedelta(days=1),
            actor=s.coordinator,
        )
    services.step_change_record(
        case=s.case_a, to_level=level(1), route="team", reason="Doelen bereikt", actor=s.coordinator
    )
    assert StepChange.objects.filter(case=s.case_a).count() == 2


def test_legal_terms_are_loaded_and_sync_is_idempotent():
    assert LegalTerm.objects.count() == 6
    assert services.legal_terms_sync() == 0
    assert len(selectors.terms_table()) == 6


def _decision(s, user, option, **values):
    person = s.case_a.client_system.first().person
    status = values.pop("status", "granted")
    data = {
        "period_start": date(2025, 1, 1),
        "period_end": date(2025, 12, 31),
        "volume": Decimal("3"),
        "frequency": "week",
        "decided_on": date(2024, 12, 20),
        "application_date": date(2024, 12, 10),
        **values,
    }
    return services.decision_record(case=s.case_a, person=person, option=option, data=data, status=status, actor=user)


def test_decisions_only_by_wmo_consultants_and_status_flow(s):
    option = option_create("Begeleiding individueel", 3, "wmo2015", tariff="62.50")
    with pytest.raises(ValidationError):
        _decision(s, s.coordinator, option)
    sevda = wmo_consultant_create(s)
    decision = _decision(s, sevda, option)
    assert decision.tariff == Decimal("62.50") and decision.legal_basis.code == "wmo2015"
    assert decision.team_id == s.case_a.team_id
    with pytest.raises(ValidationError) as refused:
        services.decision_status_set(decision=decision, status="requested", actor=sevda)
    assert "status" in refused.value.message_dict
    services.decision_status_set(decision=decision, status="ended", on=date(2025, 3, 31), actor=sevda)
    decision.refresh_from_db()
    assert decision.ended_on == date(2025, 3, 31)
    with pytest.raises(ValidationError):
        services.decision_status_set(decision=decision, status="granted", actor=sevda)


def test_decision_validation(s):
    sevda = wmo_consultant_create(s)
    option = option_create("Huishoudelijke ondersteuning", 3, "wmo2015")
    with pytest.raises(ValidationError) as refused:
        _decision(s, sevda, option, period_end=date(2024, 12, 1))
    assert "period_end" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        _decision(s, sevda, option, decided_on=None)
    assert "decided_on" in refused.value.message_dict
    stranger = family_create(adults=1, children=0).adults[0]
    with pytest.raises(ValidationError):
        services.decision_record(
            case=s.case_a,
            person=stranger,
            option=option,
            data={"period_start": date(2025, 1, 1), "volume": 1, "frequency": "week"},
            actor=sevda,
        )


def test_decision_clocks_flag_overrun(s):
    sevda = wmo_consultant_create(s)
    option = option_create("Huishoudelijke ondersteuning", 3, "wmo2015")
    decision = _decision(
        s,
        sevda,
        option,
        status="requested",
        decided_on=None,
        report_date=date(2024, 10, 1),
        investigation_done_on=date(2024, 11, 20),
        application_date=date(2024, 11, 25),
    )
    clocks = selectors.decision_clocks(decision, table=selectors.terms_table(), today=date(2024, 12, 20))
    assert [(c.label, c.clock.state) for c in clocks] == [("investigation", "finished_late"), ("decision", "overdue")]


def test_frontline_payment_four_eyes(s):
    with pytest.raises(ValidationError):
        services.frontline_payment_record(
            case=s.case_a, amount=Decimal("80"), reason="Boodschappen", requested_by=s.coordinator, actor=s.coordinator
        )
    with pytest.raises(ValidationError):
        services.frontline_payment_record(
            case=s.case_a, amount=Decimal("80"), reason="Boodschappen", requested_by=s.team_lead, actor=s.team_lead
        )
    payment = services.frontline_payment_record(
        case=s.case_a, amount=Decimal("80"), reason="Boodschappen", requested_by=s.coordinator, actor=s.team_lead
    )
    assert payment.approved_by == s.team_lead and payment.team_id == s.team_a.pk


def test_need_to_know_on_person_level_lists(s):
    sevda = wmo_consultant_create(s)
    option = option_create("Begeleiding groep", 3, "wmo2015")
    _decision(s, sevda, option)
    assert selectors.decision_list_for_user(user=sevda).count() == 1
    assert selectors.decision_list_for_user(user=s.coordinator).count() == 1
    assert selectors.decision_list_for_user(user=s.teammate).count() == 0  # index card only
    assert selectors.decision_list_for_user(user=s.other_team_worker).count() == 0


def test_lawfulness_findings(s):
    sevda = wmo_consultant_create(s)
    option = option_create("Begeleiding individueel", 3, "wmo2015", tariff="60.00")
    uninvestigated = _decision(s, sevda, option, tariff=Decimal("70.00"), period_start=date(2024, 12, 1))
    report = selectors.lawfulness_for_team(team=s.team_a, today=date(2026, 1, 10))
    codes = set(report.findings[0].codes)
    assert codes == {
        lawfulness.NO_INVESTIGATION,
        lawfulness.OUTSIDE_PERIOD,
        lawfulness.BEFORE_REQUEST,
        lawfulness.OVER_TARIFF,
    }
    assert report.findings[0].decision_id == uninvestigated.pk
    services.step_change_record(
        case=s.case_a, to_level=level(3), route="application", actor=s.coordinator, decided_on=date(2024, 12, 10)
    )
    report = selectors.lawfulness_for_team(team=s.team_a, today=date(2026, 1, 10))
    assert lawfulness.NO_INVESTIGATION not in report.findings[0].codes


def test_over_budget(s):
    sevda = wmo_consultant_create(s)
    option = option_create("Dagbesteding", 3, "wmo2015", tariff="50.00", budget_function="6.71")
    today = timezone.localdate()
    _decision(
        s,
        sevda,
        option,
        period_start=date(today.year, 1, 1),
        period_end=date(today.year, 12, 31),
        decided_on=None,
        application_date=None,
        status="requested",
    )
    Budget.objects.create(
        municipality=s.team_a.municipality,
        team=s.team_a,
        year=today.year,
        budget_function="6.71",
        amount=Decimal("100"),
    )
    assert not selectors.lawfulness_for_team(team=s.team_a).over_budget  # only requested: no cost yet
    decision = s.case_a.decisions.get()
    services.decision_status_set(decision=decision, status="granted", on=date(today.year, 1, 1), actor=sevda)
    report = selectors.lawfulness_for_team(team=s.team_a)
    assert report.over_budget and report.counts[lawfulness.OVER_BUDGET] == 1


@pytest.mark.parametrize("by", selectors.DIMENSIONS)
def test_expenditure_query_count_constant(s, by, django_assert_max_num_queries):
    sevda = wmo_consultant_create(s)
    option = option_create("Begeleiding individueel", 3, "wmo2015", tariff="10.00")
    for _ in range(3):
        _decision(s, sevda, option, volume=Decimal("7"), frequency="week")
    services.frontline_payment_record(
        case=s.case_a,
        amount=Decimal("50"),
        reason="Boodschappen",
        requested_by=s.coordinator,
        actor=s.team_lead,
        paid_on=date(2025, 2, 3),
    )
    with django_assert_max_num_queries(2):
        figures = selectors.expenditure(municipality_id=s.team_a.municipality_id, year=2025, by=by)
    # 7 hours a week at EUR 10: EUR 10 a day, 365 days, three times; plus the payment.
    assert figures.decisions_total == Decimal("10950.00")
    assert figures.frontline_total == Decimal("50")
    assert sum(r.total for r in figures.rows) == figures.total


def test_options_for_case_lightest_first(s):
    option_create("Schuldhulpverlening", 3, "wgs", domains=["finances"])
    option_create("Formulierenhulp", 1, None, domains=["finances"])
    option_create("Jeugdhulp ambulant", 4, "jeugdwet", domains=["domestic_relations"])
    offers = selectors.options_for_case(case=s.case_a, district=None)
    assert [o.name for o in offers] == ["Formulierenhulp", "Schuldhulpverlening"]


def test_an_assessment_counts_as_investigation(s):
    from django.apps import apps

    sevda = wmo_consultant_create(s)
    option = option_create("Begeleiding individueel", 3, "wmo2015")
    _decision(s, sevda, option, decided_on=date(2025, 1, 10), application_date=date(2025, 1, 2))
    report = selectors.lawfulness_for_team(team=s.team_a, today=date(2025, 2, 1))
    assert lawfulness.NO_INVESTIGATION in report.findings[0].codes
    # The assessments app is a sibling (no import): create its row through the app registry.
    instrument = apps.get_model("assessments", "Instrument").objects.first()
    apps.get_model("assessments", "Assessment").objects.create(
        case=s.case_a,
        person=s.case_a.client_system.first().person,
        instrument=instrument,
        moment="intake",
        assessed_on=date(2025, 1, 5),
        assessed_by=s.coordinator,
    )
    report = selectors.lawfulness_for_team(team=s.team_a, today=date(2025, 2, 1))
    assert not report.findings or lawfulness.NO_INVESTIGATION not in report.findings[0].codes
