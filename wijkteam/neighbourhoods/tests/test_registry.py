"""The pure registry reader: parent codes and bad input."""

from pathlib import Path

import pytest

from wijkteam.neighbourhoods.registry import RegistryError, municipality_code_of, parent_code_of, read_regions


@pytest.mark.parametrize(
    ("code", "level", "parent", "municipality"),
    [
        ("NL00", "country", None, None),
        ("GM0153", "municipality", "NL00", "GM0153"),
        ("WK015300", "district", "GM0153", "GM0153"),
        ("BU01530000", "neighbourhood", "WK015300", "GM0153"),
        ("BU0363AF09", "neighbourhood", "WK0363AF", "GM0363"),  # letters in codes since 2023 (Amsterdam)
    ],
)
def test_parent_and_municipality_codes(code, level, parent, municipality):
    assert parent_code_of(code, level) == parent
    assert municipality_code_of(code, level) == municipality


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "regions.csv"
    path.write_text("region_code,region_type,region_name,year\n" + body, encoding="utf-8")
    return path


def test_reads_rows(tmp_path):
    rows = list(read_regions(write(tmp_path, "NL00,land,Nederland,2024\nGM0153,gemeente,Enschede,2024\n")))
    assert [(r.code, r.level, r.parent_code) for r in rows] == [
        ("NL00", "country", None),
        ("GM0153", "municipality", "NL00"),
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("GM0153,provincie,Enschede,2024\n", "unknown region type"),
        ("WK0153,gemeente,Enschede,2024\n", "invalid code"),
        ("GM0153,gemeente,,2024\n", "empty name"),
        ("GM0153,gemeente,Enschede,twintig\n", "invalid year"),
    ],
)
def test_bad_rows_name_the_line(tmp_path, body, message):
    with pytest.raises(RegistryError, match=f"line 2: .*{message.split()[0]}"):
        list(read_regions(write(tmp_path, body)))


def test_missing_columns(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("code,name\nGM0153,Enschede\n")
    with pytest.raises(RegistryError, match="missing columns"):
        list(read_regions(path))
