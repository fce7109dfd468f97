"""The services: the shipped ZRM, instruments, team choices, assessments and goal ratings (with audit)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wijkteam.access.models import AuditEvent
from wijkteam.assessments import services
from wijkteam.assessments.models import Assessment, GoalRating, Instrument, ScaleLabel, TeamInstrumentSetting
from wijkteam.assessments.tests.factories import assess, world, zrm, zrm_in_use
from wijkteam.cases import services as case_services
from wijkteam.households.tests.factories import PersonFactory
from wijkteam.reference.models import LifeDomain

pytestmark = pytest.mark.django_db


def test_the_zrm_is_loaded_with_13_domains_and_five_labels_and_sync_is_idempotent():
    instrument = zrm()
    assert instrument.domains.count() == 13
    assert [(label.value, label.label_nl) for label in instrument.scale_labels.all()] == [
        (1, "Acute problematiek"),
        (2, "Niet zelfredzaam"),
        (3, "Beperkt zelfredzaam"),
        (4, "Voldoende zelfredzaam"),
        (5, "Volledig zelfredzaam"),
    ]
    services.instrument_data_sync()
    services.instrument_data_sync()
    assert Instrument.objects.count() == 1
    assert ScaleLabel.objects.count() == 5


def test_an_assessment_is_recorded_with_its_scores_and_an_audit_event():
    s = world()
    assessment = assess(s, finances=2, social_network=3)
    assert {(sc.life_domain.code, sc.score) for sc in assessment.scores.all()} == {
        ("finances", 2),
        ("social_network", 3),
    }
    event = AuditEvent.objects.get(action="assessment.recorded")
    assert event.target_id == str(assessment.pk)
    assert event.details["domains"] == ["finances", "social_network"]
    assert "2" not in event.summary  # no scores in the audit trail


def test_empty_domains_are_left_out():
    s = world()
    assessment = assess(s, finances=2, social_network=None)
    assert [sc.life_domain.code for sc in assessment.scores.all()] == ["finances"]


def _minor(s):
    return s.family_a.children[0]


def _outsider(s):
    return PersonFactory(birth_date=timezone.localdate() - timedelta(days=365 * 40))


@pytest.mark.parametrize(
    ("change", "field", "fragment"),
    [
        ({"scores": {"finances": 7}}, "finances", "tussen 1 en 5"),
        ({"scores": {"finances": 0}}, "finances", "tussen 1 en 5"),
        ({"scores": {"housing": 3}}, "housing", "geen leefgebied van de hulpvraag"),
        ({"scores": {"justice": 3}}, "justice", "leefgebied justitie staat uit"),
        ({"scores": {}}, "__all__", "minstens één"),
        ({"person": _minor}, "person", "alleen volwassenen"),
        ({"person": _outsider}, "person", "cliëntsysteem"),
        ({"assessed_on": 1}, "assessed_on", "toekomst"),
        ({"moment": "later"}, "moment", "intake"),
    ],
)
def test_assessment_validation(change, field, fragment):
    s = world()
    values = {
        "case": s.case_a,
        "person": s.family_a.adults[0],
        "moment": "intake",
        "assessed_on": timezone.localdate(),
        "scores": {"finances": 2},
        "actor": s.coordinator,
    }
    for key, value in change.items():
        if key == "person":
            value = value(s)
        elif key == "assessed_on":
            value = timezone.localdate() + timedelta(days=value)
        values[key] = value
    with pytest.raises(ValidationError) as error:
        services.assessment_record(**values)
    messages = " ".join(error.value.message_dict[field]).lower()
    assert fragment.lower() in messages
    assert not Assessment.objects.exists()


def test_a_team_without_the_instrument_cannot_assess():
    s = world()
    TeamInstrumentSetting.objects.filter(team=s.team_a).update(in_use=False)
    with pytest.raises(ValidationError, match="gebruikt dit instrument niet"):
        assess(s)


def test_the_justice_domain_only_where_the_team_enabled_it():
    s = world()
    s.case_a.help_request.life_domains.add(LifeDomain.objects.get(code="justice"))
    with pytest.raises(ValidationError):
        assess(s, justice=3)
    zrm_in_use(s.team_a, s.team_lead, justice=True)
    assessment = assess(s, justice=3)
    assert assessment.scores.get().life_domain.code == "justice"


def test_a_goal_s_life_domain_counts_as_touched():
    s = world()
    plan = case_services.plan_get_or_create(case=s.case_a, actor=s.coordinator)
    case_services.goal_add(plan=plan, life_domain_code="housing", text="Een eigen plek", actor=s.coordinator)
    assert assess(s, housing=2).scores.get().score == 2


def test_one_intake_per_person_but_many_evaluations():
    s = world()
    assess(s, moment="intake", days_ago=60)
    with pytest.raises(ValidationError, match="al een meting"):
        assess(s, moment="intake", days_ago=50)
    assess(s, moment="evaluation", days_ago=30)
    assess(s, moment="evaluation", days_ago=10)
    assert Assessment.objects.count() == 3


def _goal(s):
    plan = case_services.plan_get_or_create(case=s.case_a, actor=s.coordinator)
    return case_services.goal_add(plan=plan, life_domain_code="finances", text="Rond komen", actor=s.coordinator)


def test_a_goal_rating_is_recorded_beside_the_worker_s():
    s = world()
    goal = _goal(s)
    rating = services.goal_rating_record(
        goal=goal,
        moment="evaluation",
        rated_on=timezone.localdate(),
        household_rating="partly",
        worker_rating="reached",
        household_words="Het gaat beter, maar de brieven blijven eng.",
        actor=s.coordinator,
    )
    assert (rating.household_rating, rating.worker_rating) == ("partly", "reached")
    assert AuditEvent.objects.filter(action="goal.rated", target_id=str(rating.pk)).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"rated_on": 1}, "rated_on"),
        ({"household_rating": "maybe"}, "household_rating"),
        ({"worker_rating": ""}, "worker_rating"),
        ({"moment": "intake"}, "moment"),
    ],
)
def test_goal_rating_validation(change, field):
    s = world()
    goal = _goal(s)
    values = {
        "goal": goal,
        "moment": "closure",
        "rated_on": timezone.localdate(),
        "household_rating": "reached",
        "worker_rating": "reached",
        "actor": s.coordinator,
    }
    for key, value in change.items():
        values[key] = timezone.localdate() + timedelta(days=value) if key == "rated_on" else value
    with pytest.raises(ValidationError) as error:
        services.goal_rating_record(**values)
    assert field in error.value.message_dict
    assert not GoalRating.objects.exists()


def test_one_closure_rating_per_goal():
    s = world()
    goal = _goal(s)
    values = {
        "goal": goal,
        "moment": "closure",
        "rated_on": timezone.localdate(),
        "household_rating": "reached",
        "worker_rating": "partly",
        "actor": s.coordinator,
    }
    services.goal_rating_record(**values)
    with pytest.raises(ValidationError):
        services.goal_rating_record(**values)


def test_an_administrator_adds_and_changes_an_instrument():
    s = world()
    domains = list(LifeDomain.objects.filter(code__in=["finances", "housing"]).order_by("order"))
    instrument = services.instrument_save(
        code="eigen-kracht",
        name_nl="Eigen kracht",
        name_en="Own strength",
        scale_min=1,
        scale_max=3,
        life_domains=domains,
        labels={1: ("Laag", "Low"), 2: ("Midden", "Middle"), 3: ("Hoog", "High")},
        actor=s.privacy,
    )
    assert instrument.domains.count() == 2
    with pytest.raises(ValidationError) as error:
        services.instrument_save(
            instrument=instrument,
            code="zrm",
            name_nl="x",
            name_en="x",
            scale_min=3,
            scale_max=3,
            life_domains=[],
            labels={9: ("x", "x")},
            actor=s.privacy,
        )
    assert set(error.value.message_dict) == {"code", "scale_max", "life_domains", "labels"}
    services.instrument_save(
        instrument=instrument,
        code="eigen-kracht",
        name_nl="Eigen kracht",
        name_en="Own strength",
        scale_min=1,
        scale_max=3,
        life_domains=domains[:1],
        labels={1: ("Laag", "Low"), 3: ("Hoog", "High")},
        actor=s.privacy,
    )
    assert instrument.domains.count() == 1
    assert instrument.scale_labels.count() == 2
    assert AuditEvent.objects.filter(action__startswith="instrument.").count() == 2


def test_a_used_instrument_keeps_its_scale():
    s = world()
    assess(s)
    instrument = zrm()
    with pytest.raises(ValidationError, match="schaal"):
        services.instrument_save(
            instrument=instrument,
            code="zrm",
            name_nl=instrument.name_nl,
            name_en=instrument.name_en,
            scale_min=1,
            scale_max=4,
            life_domains=[d.life_domain for d in instrument.domains.all()],
            labels={1: ("a", "a")},
            actor=s.privacy,
        )


def test_team_setting_is_audited_and_justice_needs_use():
    s = world()
    setting = services.team_instrument_setting_set(
        team=s.team_a, instrument=zrm(), in_use=False, justice_enabled=True, actor=s.team_lead
    )
    assert (setting.in_use, setting.justice_enabled) == (False, False)
    assert AuditEvent.objects.filter(action="team.instrument_set", target_id=str(s.team_a.pk)).count() == 2
