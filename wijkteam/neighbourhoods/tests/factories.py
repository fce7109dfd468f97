from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings

from wijkteam.neighbourhoods.services import (
    boundaries_import,
    indicator_values_import,
    regions_import,
    snapshot_sources,
)

DATA = Path(settings.BASE_DIR) / "wijkteam" / "neighbourhoods" / "tests" / "data"
SAMPLE = DATA / "regions_sample.csv"
# Real rows of every file of data/cbs/ for the sample regions (and a few outside the sample registry:
# GM0457, merged since 2022; Leeuwarden's 2025 codes; GM0998 "Buitenland"), so imports can be tested fast.
SAMPLE_CBS = DATA / "cbs_sample"
ODATA_RECORDING = DATA / "cbs_odata_85984NED_GM0153.json"


def sample_regions_import() -> None:
    """Import a small real extract of the registry: NL, Enschede and Utrecht with their districts."""
    regions_import(path=SAMPLE)


def sample_indicators_import() -> None:
    """The sample registry with the CBS figures and boundaries of its regions (real snapshot rows)."""
    sample_regions_import()
    indicator_values_import(sources=snapshot_sources(SAMPLE_CBS))
    boundaries_import(directory=SAMPLE_CBS)


def odata_recording() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A CBS OData response for Enschede (table 85984NED) as `cbsodata` returns it: (info, rows)."""
    recorded = json.loads(ODATA_RECORDING.read_text(encoding="utf-8"))
    return recorded["info"], recorded["rows"]
