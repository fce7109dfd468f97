from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wijkteam.access import emergency
from wijkteam.access.access_log import access_record
from wijkteam.access.models import AccessLogEntry, EmergencyAccess
from wijkteam.access.tests.factories import UserFactory
from wijkteam.core.tests.browser import axe_check, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def linda(client):
    user = UserFactory(username="linda", roles=["privacy_officer"], password="wijkteam-demo")
    client.force_login(user)
    return user


def grant_for(user, **kw):
    return EmergencyAccess.objects.create(
        user=user,
        object_type="cases.case",
        object_id=7,
        reason="Crisis in de nacht, regisseur onbereikbaar",
        expires_at=timezone.now() + timedelta(hours=4),
        **kw,
    )


def test_only_the_privacy_officer_sees_the_page(client):
    client.force_login(UserFactory(roles=["generalist"]))
    assert client.get("/privacy/").status_code == 403
    client.force_login(UserFactory(roles=["policy_advisor"]))
    assert client.get("/privacy/inzage/?person=1").status_code == 403


def test_privacy_page_shows_chain_and_grants(client, linda, django_assert_max_num_queries):
    worker = UserFactory(roles=["generalist"])
    grant_for(worker)
    access_record(user=worker, person_ids=[1, 2], action="view", purpose="case work")
    with django_assert_max_num_queries(13):
        body = client.get("/privacy/").content.decode()
    assert "Intact" in body and "Crisis in de nacht" in body


def test_review_of_a_grant(client, linda):
    grant = grant_for(UserFactory(roles=["generalist"]))
    response = client.post(f"/privacy/noodtoegang/{grant.pk}/beoordelen/", {"outcome": "unjustified", "note": ""})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.reviewed_at is None  # a note is required for an unjustified access
    client.post(f"/privacy/noodtoegang/{grant.pk}/beoordelen/", {"outcome": "justified", "note": ""})
    grant.refresh_from_db()
    assert grant.review_outcome == "justified" and grant.reviewed_by == linda


def test_own_grant_cannot_be_reviewed_by_oneself():
    officer = UserFactory(roles=["privacy_officer", "generalist"])
    grant = grant_for(officer)
    with pytest.raises(ValidationError):
        emergency.emergency_access_review(grant=grant, outcome="justified", note="", actor=officer)


def test_person_log_is_itself_logged(client, linda):
    worker = UserFactory(roles=["generalist"], first_name="Fatima")
    access_record(user=worker, person_ids=[42], action="view", purpose="case work", organisation="Sociaal werk")
    body = client.get("/privacy/inzage/", {"person": 42}).content.decode()
    assert "Fatima" in body and "Sociaal werk" in body
    assert AccessLogEntry.objects.filter(user=linda, person_id=42, data_category="access log").exists()
    assert client.get("/privacy/inzage/", {"person": "abc"}).status_code == 400


def test_grant_needs_reason_and_code(settings):
    settings.WIJKTEAM_REQUIRE_2FA = True
    worker = UserFactory(roles=["generalist"])
    with pytest.raises(ValidationError):
        emergency.emergency_access_grant(user=worker, object_type="cases.case", object_id=1, reason="kort", code="")
    with pytest.raises(ValidationError) as exc:
        emergency.emergency_access_grant(
            user=worker,
            object_type="cases.case",
            object_id=1,
            reason="Crisis, regisseur niet bereikbaar",
            code="123456",
        )
    assert "code" in exc.value.message_dict


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_privacy_page_in_the_browser(page):
    UserFactory(username="linda", roles=["privacy_officer"], password="wijkteam-demo")
    grant_for(UserFactory(roles=["generalist"]))
    login(page, "linda")
    page.get_by_role("link", name="Privacy").first.click()
    assert page.get_by_role("heading", name="Integriteit van het inzagelog").is_visible()
    axe_check(page)
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    assert page.get_by_text("Beoordeling vastgelegd.").is_visible()
    page.get_by_label("Intern persoonsnummer").fill("1")
    page.get_by_role("button", name="Toon het inzagelog").click()
    axe_check(page)
