"""Reading the CBS snapshot files without the ORM: every column is known, bad files are refused."""

import csv
import json

import pytest

from wijkteam.neighbourhoods import indicators
from wijkteam.neighbourhoods.services import SNAPSHOT_DIR
from wijkteam.neighbourhoods.snapshot import (
    BOUNDARY_FILES,
    IDENTIFIER_COLUMNS,
    SNAPSHOT_FILES,
    SnapshotError,
    normalise_code,
    read_boundaries,
    read_indicator_file,
)


def test_the_snapshot_files_are_in_the_repository_with_their_attribution():
    readme = (SNAPSHOT_DIR / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme and "Bron: CBS" in readme
    for snapshot in SNAPSHOT_FILES:
        assert (SNAPSHOT_DIR / snapshot.name).is_file()
    for name, _code in BOUNDARY_FILES:
        assert (SNAPSHOT_DIR / name).is_file()


@pytest.mark.parametrize("snapshot", SNAPSHOT_FILES, ids=lambda f: f.name)
def test_every_column_of_every_file_is_an_identifier_or_a_catalogued_indicator(snapshot):
    with (SNAPSHOT_DIR / snapshot.name).open(encoding="utf-8") as handle:
        columns = next(csv.reader(handle))
    indicator_columns = [c for c in columns if c not in IDENTIFIER_COLUMNS]
    assert indicator_columns and all(c in indicators.BY_KEY for c in indicator_columns)


@pytest.mark.parametrize("snapshot", SNAPSHOT_FILES, ids=lambda f: f.name)
def test_every_cell_of_every_file_reads(snapshot):
    path = SNAPSHOT_DIR / snapshot.name
    with path.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        keys = [c for c in reader.fieldnames if c in indicators.BY_KEY]
    records = list(read_indicator_file(path, snapshot.tables))
    assert len(records) == len(rows) * len(keys)
    assert {r.source_table for r in records} == set(snapshot.tables.values())
    # An empty cell is missing (None), never 0.
    empty = sum(1 for row in rows for k in keys if row[k].strip() in ("", "."))
    assert sum(1 for r in records if r.value is None) == empty


def write(tmp_path, text):
    path = tmp_path / "figures.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("region_code,year,population,shoe_size\nGM0153,2024,1,2\n", "not in the indicator catalogue: shoe_size"),
        ("region_code,year,population\nGM0153,2023,1\n", "no source table known for year 2023"),
        ("region_code,year,population\nGM0153,tweeduizend,1\n", "invalid year"),
        ("region_code,year,population\n,2024,1\n", "empty region code"),
        ("region_code,year,population\nGM0153,2024,veel\n", "line 2: population"),
        ("region_code,year,population,source\nGM0153,2024,1,CBS 85618NED\n", "source says 85618NED"),
        ("region_name,population\nEnschede,1\n", "needs a region_code or municipality_code column"),
    ],
)
def test_bad_files_are_refused_with_file_and_line(tmp_path, text, message):
    with pytest.raises(SnapshotError, match=message):
        list(read_indicator_file(write(tmp_path, text), {2024: "85984NED"}))


def test_municipality_files_use_the_municipality_code(tmp_path):
    path = write(tmp_path, "municipality_code,municipality_name,year,households\nGM0153,Enschede,2024,\n")
    assert list(read_indicator_file(path, {2024: "85984NED"})) == [("GM0153", "households", 2024, "85984NED", None)]


@pytest.mark.parametrize(("raw", "code"), [("GM0153    ", "GM0153"), ("NL01", "NL00"), ("nl00", "NL00"), ("", "")])
def test_normalise_code(raw, code):
    assert normalise_code(raw) == code


def test_boundaries_read_as_compact_geojson():
    rows = list(read_boundaries(SNAPSHOT_DIR / "wijken_2024.geojson", "district_code"))
    assert len(rows) == 3475
    enschede = next(r for r in rows if r.region_code == "WK015300")
    geometry = json.loads(enschede.geometry)
    assert enschede.year == 2024 and geometry["type"] in ("Polygon", "MultiPolygon")
    assert " " not in enschede.geometry


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not readable GeoJSON"),
        ('{"type": "Feature"}', "not a GeoJSON FeatureCollection"),
        ('{"type": "FeatureCollection", "features": [{"properties": {}, "geometry": null}]}', "feature 1"),
    ],
)
def test_bad_boundary_files(tmp_path, content, message):
    path = tmp_path / "b.geojson"
    path.write_text(content)
    with pytest.raises(SnapshotError, match=message):
        list(read_boundaries(path, "district_code"))
