from __future__ import annotations

from pathlib import Path

from django.conf import settings

from wijkteam.neighbourhoods.services import regions_import

SAMPLE = Path(settings.BASE_DIR) / "wijkteam" / "neighbourhoods" / "tests" / "data" / "regions_sample.csv"


def sample_regions_import() -> None:
    """Import a small real extract of the registry: NL, Enschede and Utrecht with their districts."""
    regions_import(path=SAMPLE)
