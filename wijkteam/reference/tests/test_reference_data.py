import pytest
from django.utils import translation

from wijkteam.reference.models import CareLevel, LegalBasis, LifeDomain
from wijkteam.reference.services import reference_data_sync

pytestmark = pytest.mark.django_db


def test_shipped_reference_data_is_loaded_by_migrations():
    assert LifeDomain.objects.count() == 13
    assert list(CareLevel.objects.values_list("level", flat=True)) == [0, 1, 2, 3, 4]
    assert set(LegalBasis.objects.values_list("code", flat=True)) == {"wmo2015", "jeugdwet", "participatiewet", "wgs"}


def test_only_justice_is_criminal_data():
    assert list(LifeDomain.objects.filter(is_criminal_data=True).values_list("code", flat=True)) == ["justice"]


def test_customised_and_specialist_levels_need_a_decision():
    assert list(CareLevel.objects.filter(requires_decision=True).values_list("level", flat=True)) == [3, 4]


def test_names_follow_the_active_language():
    domain = LifeDomain.objects.get(code="finances")
    with translation.override("nl"):
        assert str(domain) == "Financiën"
    with translation.override("en"):
        assert str(domain) == "Finances"


def test_sync_is_idempotent_and_keeps_added_items():
    LifeDomain.objects.create(code="parenting", name_nl="Opvoeding", name_en="Parenting", order=99)
    reference_data_sync()
    reference_data_sync()
    assert LifeDomain.objects.count() == 14


@pytest.mark.parametrize(
    ("path", "count"), [("/api/v1/life-domains/", 13), ("/api/v1/care-levels/", 5), ("/api/v1/legal-bases/", 4)]
)
def test_reference_api(api_client, path, count):
    from wijkteam.access.tests.factories import UserFactory

    api_client.force_authenticate(UserFactory())
    body = api_client.get(path).json()
    assert body["count"] == count
    first = body["results"][0]
    assert api_client.get(f"{path}{first['id']}/").json() == first
