import pytest
from django.conf import settings

from wijkteam.neighbourhoods.models import Region
from wijkteam.neighbourhoods.services import REGISTRY_FILE, regions_import
from wijkteam.neighbourhoods.tests.factories import SAMPLE

pytestmark = pytest.mark.django_db


def test_sample_import_links_parents_and_municipalities():
    result = regions_import(path=SAMPLE)
    assert (result.created, result.updated, result.orphans) == (93, 0, 0)
    buurt = Region.objects.select_related("parent__parent", "municipality").get(code="BU01530000")
    assert (buurt.name, buurt.level) == ("City", "neighbourhood")
    assert buurt.parent.code == "WK015300"
    assert buurt.parent.parent.code == "GM0153"
    assert buurt.municipality.code == "GM0153"
    assert Region.objects.get(code="GM0153").parent.code == "NL00"
    assert Region.objects.filter(municipality__code="GM0344", level="district").count() == 10


def test_second_import_changes_nothing(django_assert_max_num_queries):
    regions_import(path=SAMPLE)
    with django_assert_max_num_queries(10):
        result = regions_import(path=SAMPLE)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 93)


def test_changed_name_is_updated(tmp_path):
    regions_import(path=SAMPLE)
    changed = tmp_path / "changed.csv"
    changed.write_text(SAMPLE.read_text().replace(",Enschede,Enschede,", ",Enschede-Stad,Enschede,", 1))
    result = regions_import(path=changed)
    assert (result.created, result.updated) == (0, 1)
    assert Region.objects.get(code="GM0153").name == "Enschede-Stad"


def test_bad_file_imports_nothing(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(SAMPLE.read_text() + "XX99,provincie,Nergens,GM0000,,,2024\n")
    with pytest.raises(ValueError):
        regions_import(path=bad)
    assert Region.objects.count() == 0


def test_full_registry_counts():
    assert REGISTRY_FILE.is_relative_to(settings.BASE_DIR)
    result = regions_import(path=REGISTRY_FILE)
    assert result.created == 18310
    counts = {
        level: Region.objects.filter(level=level).count()
        for level in ("country", "municipality", "district", "neighbourhood")
    }
    assert counts == {"country": 1, "municipality": 342, "district": 3393, "neighbourhood": 14574}
    assert Region.objects.get(code="GM0153").name == "Enschede"
    assert result.orphans == 0
