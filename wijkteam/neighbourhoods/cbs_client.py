"""The one place that talks to CBS open data over the internet (with the `cbsodata` package).

Everything else of the live import is `odata.py` (mapping, no network) and the import service, so tests
pass a recorded response instead of calling this.
"""

from __future__ import annotations

from typing import Any


class CbsUnavailable(Exception):  # noqa: N818 - reads as a state, like Django's ServiceUnavailable
    """CBS open data could not be reached or read (no internet, CBS down, package missing)."""


def fetch_table(table_id: str, municipality_code: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Table information and the rows of the country, one municipality and its districts and
    neighbourhoods, as `cbsodata` returns them (a dict and a list of dicts)."""
    try:
        import cbsodata  # optional: only the live import needs it
    except ImportError as exc:
        raise CbsUnavailable("the cbsodata package is not installed (pip install cbsodata)") from exc
    digits = municipality_code[2:6]
    regions = " or ".join(f"startswith(WijkenEnBuurten,'{prefix}{digits}')" for prefix in ("GM", "WK", "BU"))
    try:
        info = cbsodata.get_info(table_id) or {}
        rows = cbsodata.get_data(table_id, filters=f"{regions} or startswith(WijkenEnBuurten,'NL')")
    except (OSError, ValueError, KeyError) as exc:  # requests' errors are OSErrors
        raise CbsUnavailable(str(exc) or exc.__class__.__name__) from exc
    return dict(info), list(rows)
