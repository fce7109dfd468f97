from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from wijkteam.core.progress import progress_bar
from wijkteam.neighbourhoods.services import SNAPSHOT_DIR, boundaries_import, indicator_values_import, snapshot_sources
from wijkteam.neighbourhoods.snapshot import SnapshotError


class Command(BaseCommand):
    help = (
        "Import every indicator and the municipality and district boundaries of the CBS snapshot in data/cbs/. "
        "Idempotent: a second run changes nothing. Run import_regions first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data-dir", type=Path, default=SNAPSHOT_DIR, help="folder with the CBS snapshot")

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["data_dir"]
        verbose = options["verbosity"] > 0
        if not directory.is_dir():
            raise CommandError(_("Folder not found: %(path)s") % {"path": directory})
        start = time.perf_counter()
        try:
            result = indicator_values_import(
                sources=snapshot_sources(directory), progress=progress_bar(self.stdout) if verbose else None
            )
            boundaries = boundaries_import(directory=directory)
        except (SnapshotError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        if not verbose:
            return
        seconds = time.perf_counter() - start
        self.stdout.write(
            _("CBS figures: %(created)s new, %(updated)s changed, %(unchanged)s unchanged (%(seconds).1f s).")
            % {
                "created": number_format(result.created, force_grouping=True),
                "updated": number_format(result.updated, force_grouping=True),
                "unchanged": number_format(result.unchanged, force_grouping=True),
                "seconds": seconds,
            }
        )
        if result.conflicts:
            self.stdout.write(
                _("%(n)s figures were given twice with different values; the later file was kept.")
                % {"n": result.conflicts}
            )
        for name, codes in result.skipped_codes.items():
            self.stdout.write(
                _("%(file)s: %(n)d regions not in the registry (edition 2024), skipped: %(codes)s")
                % {"file": name, "n": len(codes), "codes": _short_list(codes)}
            )
        self.stdout.write(
            _("Boundaries: %(created)d new, %(updated)d changed, %(unchanged)d unchanged.")
            % {"created": boundaries.created, "updated": boundaries.updated, "unchanged": boundaries.unchanged}
        )
        if boundaries.skipped_codes:
            self.stdout.write(
                _("%(n)d boundaries of areas outside the registry (abroad, open water), skipped: %(codes)s")
                % {"n": len(boundaries.skipped_codes), "codes": _short_list(list(boundaries.skipped_codes))}
            )
        if not result.changed and not boundaries.created and not boundaries.updated:
            self.stdout.write(_("Nothing changed."))


def _short_list(codes: list[str], limit: int = 6) -> str:
    shown = ", ".join(codes[:limit])
    return shown + (f" … (+{len(codes) - limit})" if len(codes) > limit else "")
