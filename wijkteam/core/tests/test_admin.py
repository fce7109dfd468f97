"""The Django admin shows no person-level data: only support models are registered, and none of their
pages shows a resident's name."""

import pytest
from django.contrib import admin

from wijkteam.access.tests.factories import UserFactory
from wijkteam.cases.tests.factories import scenario_create

pytestmark = pytest.mark.django_db

# Every model the admin may show; none holds data about residents.
ALLOWED = {
    "access.user",
    "access.apitoken",
    "reference.lifedomain",
    "reference.carelevel",
    "reference.legalbasis",
    "neighbourhoods.region",
    "neighbourhoods.indicator",
    "neighbourhoods.indicatorvalue",
    "neighbourhoods.boundary",
    "cases.retentioncategory",
    "provisions.catalogueoption",
    "provisions.budget",
    "provisions.legalterm",
}
PERSON_APPS = {"households", "cases", "assessments", "provisions", "portal"}


def test_only_support_models_are_in_the_admin():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered <= ALLOWED | {"auth.group"}, registered - ALLOWED
    assert not {label for label in registered if label.split(".")[0] in PERSON_APPS} - ALLOWED
    assert not registered & {"access.accesslogentry", "access.auditevent", "access.emergencyaccess"}


def test_admin_pages_show_no_resident(client):
    s = scenario_create()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    names = [p.family_name for p in s.family_a.members] + [s.family_a.household.name]
    for model in admin.site._registry:
        meta = model._meta
        response = client.get(f"/beheer/{meta.app_label}/{meta.model_name}/")
        assert response.status_code == 200, meta.label
        body = response.content.decode()
        assert not [n for n in names if n in body], meta.label
