"""The idempotent import of CBS figures and boundaries, from the snapshot and from CBS open data."""

import csv
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from wijkteam.neighbourhoods import cbs_client, indicators
from wijkteam.neighbourhoods.cbs_client import CbsUnavailable
from wijkteam.neighbourhoods.models import Boundary, Indicator, IndicatorValue
from wijkteam.neighbourhoods.services import (
    LiveImportError,
    boundaries_import,
    indicator_values_import,
    indicators_live_import,
    snapshot_sources,
)
from wijkteam.neighbourhoods.snapshot import Record
from wijkteam.neighbourhoods.tests.factories import SAMPLE_CBS, odata_recording, sample_regions_import

pytestmark = pytest.mark.django_db


def value_of(code, key, year, table):
    return IndicatorValue.objects.get(region__code=code, indicator__key=key, year=year, source_table=table).value


def test_sample_import_keeps_every_edition_and_missing_values_as_null():
    sample_regions_import()
    result = indicator_values_import(sources=snapshot_sources(SAMPLE_CBS))
    assert result.created > 0 and result.updated == 0
    assert Indicator.objects.count() == len(indicators.CATALOGUE)
    # Utrecht district West: 2023 (85618NED) and 2024 (85984NED) side by side
    assert value_of("WK034401", "population", 2023, "85618NED") == 29040
    assert value_of("WK034401", "households_single_person", 2023, "85618NED") == 8165
    assert value_of("WK034401", "persons_social_assistance_bijstand", 2023, "85618NED") == 710
    # The Utrecht file has no dwellings for 2024; the national file has: the value wins over the gap.
    assert value_of("WK034401", "dwellings", 2024, "85984NED") == 13429
    # A cell CBS left empty is stored as missing, not as 0.
    assert value_of("WK034401", "persons_social_assistance_bijstand", 2024, "85984NED") is None
    # Regions outside the 2024 registry are skipped and reported, never guessed.
    assert result.skipped_codes["wbk2022_gemeenten_sociaal.csv"] == ["GM0457"]
    assert "BU00803204" in result.skipped_codes["kwb2025_friesland_wijken_buurten.csv"]


def test_second_import_writes_nothing(django_assert_max_num_queries):
    sample_regions_import()
    first = indicator_values_import(sources=snapshot_sources(SAMPLE_CBS))
    with django_assert_max_num_queries(6):
        second = indicator_values_import(sources=snapshot_sources(SAMPLE_CBS))
    assert (second.created, second.updated, second.unchanged) == (0, 0, first.created)
    assert not second.changed


def test_changed_and_conflicting_values():
    sample_regions_import()
    indicator_values_import(sources=[("a", [Record("GM0153", "population", 2024, "85984NED", 100.0)])])
    result = indicator_values_import(
        sources=[
            ("b", [Record("GM0153", "population", 2024, "85984NED", 101.0)]),
            ("c", [Record("GM0153", "population", 2024, "85984NED", 102.0)]),
            ("d", [Record("GM0153", "population", 2024, "85984NED", None)]),
        ]
    )
    assert (result.updated, result.conflicts) == (1, 1)
    assert value_of("GM0153", "population", 2024, "85984NED") == 102.0  # the later value; a gap changes nothing


def test_boundaries_import_is_idempotent_and_skips_areas_outside_the_registry():
    sample_regions_import()
    first = boundaries_import(directory=SAMPLE_CBS)
    assert first.created == 22  # 2 municipalities + 20 districts
    assert first.skipped_codes == ("GM0998",)
    second = boundaries_import(directory=SAMPLE_CBS)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 22)
    assert Boundary.objects.get(region__code="WK015300").geometry.startswith('{"type":')


def test_command_prints_progress_and_says_when_nothing_changed():
    sample_regions_import()
    out = StringIO()
    call_command("import_indicators", data_dir=SAMPLE_CBS, stdout=out)
    printed = out.getvalue()
    assert "[##############################]" in printed and "GM0457" in printed
    out = StringIO()
    call_command("import_indicators", data_dir=SAMPLE_CBS, stdout=out)
    assert "0 nieuw, 0 gewijzigd" in out.getvalue() and "Er is niets veranderd." in out.getvalue()


def test_command_refuses_a_missing_folder(tmp_path):
    with pytest.raises(CommandError, match="Map niet gevonden"):
        call_command("import_indicators", data_dir=tmp_path / "nope", stdout=StringIO())


def test_command_refuses_a_broken_file_and_imports_nothing(tmp_path):
    sample_regions_import()
    for path in SAMPLE_CBS.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    broken = tmp_path / "wbk2022_gemeenten_sociaal.csv"
    broken.write_text(broken.read_text(encoding="utf-8").replace(",2022,", ",2021,", 1), encoding="utf-8")
    with pytest.raises(CommandError, match="no source table known for year 2021"):
        call_command("import_indicators", data_dir=tmp_path, stdout=StringIO())
    assert not IndicatorValue.objects.exists()


# ------------------------------------------------------------------------------ live (recorded response)


def recorded(table_id, municipality_code):
    assert (table_id, municipality_code) == ("85984NED", "GM0153")
    return odata_recording()


def test_live_import_maps_cbs_columns_like_the_snapshot():
    sample_regions_import()
    live = indicators_live_import(municipality_code="gm0153", fetch=recorded)
    assert (live.table_id, live.year, live.rows) == ("85984NED", 2024, 14)  # NL, GM, 10 WK, 2 BU
    # Nederland_20 (born in NL) is not Nederland_17 (origin); the relative and string columns are not used.
    assert (live.mapped_columns, live.unmapped_columns) == (32, 4)
    assert not live.result.skipped_codes
    with (SAMPLE_CBS / "kwb2024_nl_gemeenten_wijken_buurten.csv").open(encoding="utf-8") as handle:
        rows = {row["region_code"]: row for row in csv.DictReader(handle)}
    for code in ("NL00", "GM0153", "WK015300", "WK015307"):
        for key in ("population", "age_65_plus", "origin_netherlands", "origin_outside_europe"):
            assert value_of(code, key, 2024, "85984NED") == float(rows[code][key])
    with (SAMPLE_CBS / "kwb2024_gemeenten_uitkeringen_partial.csv").open(encoding="utf-8") as handle:
        enschede = next(csv.DictReader(handle))
    for key in ("households_single_person", "persons_social_assistance_bijstand", "marital_widowed"):
        assert value_of("GM0153", key, 2024, "85984NED") == float(enschede[key])
    # CBS null stays missing
    assert value_of("WK015300", "households", 2024, "85984NED") is None


def test_live_import_and_snapshot_agree_so_the_second_changes_nothing():
    sample_regions_import()
    indicator_values_import(sources=snapshot_sources(SAMPLE_CBS))
    before = IndicatorValue.objects.count()
    live = indicators_live_import(municipality_code="GM0153", fetch=recorded)
    # Figures the snapshot has are unchanged; the live table adds figures the snapshot lacks (e.g. births).
    assert live.result.updated == 0
    assert IndicatorValue.objects.count() == before + live.result.created


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"municipality_code": "GM9999"}, "GM9999 is geen gemeente in het register"),
        ({"municipality_code": "WK015300"}, "geen gemeente"),
        ({"municipality_code": "GM0153", "table_id": "kwb2024"}, "geen CBS-tabelcode"),
    ],
)
def test_live_import_refuses_bad_input(kwargs, message):
    sample_regions_import()
    with pytest.raises(LiveImportError, match=message):
        indicators_live_import(fetch=recorded, **kwargs)


def test_live_import_of_a_table_without_rows_for_the_municipality():
    sample_regions_import()
    with pytest.raises(LiveImportError, match="geen rijen"):
        indicators_live_import(municipality_code="GM0344", fetch=lambda table, code: odata_recording())


def test_live_command_without_internet_fails_with_a_clear_message(monkeypatch):
    sample_regions_import()

    def offline(table_id, municipality_code):
        raise CbsUnavailable("Failed to resolve 'opendata.cbs.nl'")

    monkeypatch.setattr(cbs_client, "fetch_table", offline)
    with pytest.raises(CommandError, match=r"CBS open data is niet bereikbaar .*internetverbinding"):
        call_command("import_cbs_live", municipality="GM0153", stdout=StringIO())
    assert not IndicatorValue.objects.exists()


def test_live_command_with_a_recorded_response(monkeypatch):
    sample_regions_import()
    monkeypatch.setattr(cbs_client, "fetch_table", recorded)
    out = StringIO()
    call_command("import_cbs_live", municipality="GM0153", stdout=out)
    assert "CBS 85984NED (2024): 14 regio's, 32 kolommen geïmporteerd" in out.getvalue()


class FakeCbsodata:
    """Stands in for the cbsodata package: the network is never used in tests."""

    def __init__(self, error=None):
        self.error = error
        self.calls = []

    def get_info(self, table_id):
        if self.error:
            raise self.error
        return {"Title": "Kerncijfers wijken en buurten 2024"}

    def get_data(self, table_id, filters=None):
        self.calls.append((table_id, filters))
        return [{"Codering_3": "GM0153    ", "AantalInwoners_5": 1}]


def test_fetch_table_asks_cbs_for_one_municipality_and_the_country(monkeypatch):
    fake = FakeCbsodata()
    monkeypatch.setitem(sys.modules, "cbsodata", fake)
    info, rows = cbs_client.fetch_table("85984NED", "GM0153")
    assert info["Title"].endswith("2024") and rows[0]["AantalInwoners_5"] == 1
    ((table, filters),) = fake.calls
    assert table == "85984NED"
    assert "startswith(WijkenEnBuurten,'GM0153')" in filters and "startswith(WijkenEnBuurten,'BU0153')" in filters
    assert "startswith(WijkenEnBuurten,'NL')" in filters


@pytest.mark.parametrize(
    "error", [ConnectionError("no route to host"), TimeoutError("timed out"), ValueError("bad json")]
)
def test_fetch_table_turns_network_errors_into_cbs_unavailable(monkeypatch, error):
    monkeypatch.setitem(sys.modules, "cbsodata", FakeCbsodata(error))
    with pytest.raises(CbsUnavailable):
        cbs_client.fetch_table("85984NED", "GM0153")


def test_fetch_table_without_the_package(monkeypatch):
    monkeypatch.setitem(sys.modules, "cbsodata", None)
    with pytest.raises(CbsUnavailable, match="pip install cbsodata"):
        cbs_client.fetch_table("85984NED", "GM0153")
