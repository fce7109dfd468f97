from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from wijkteam.neighbourhoods.registry import RegistryError
from wijkteam.neighbourhoods.services import REGISTRY_FILE, regions_import


class Command(BaseCommand):
    help = "Import the CBS region registry (country, municipalities, districts, neighbourhoods). Idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file",
            type=Path,
            default=REGISTRY_FILE,
            help="CBS kwb CSV (default: shipped 2024)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(_("File not found: %(path)s") % {"path": path})

        def progress(done: int, total: int) -> None:
            width = 30
            filled = int(width * done / total)
            self.stdout.write(
                f"\r  [{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
                ending="",
            )
            if done == total:
                self.stdout.write("")

        try:
            result = regions_import(path=path, progress=progress if options["verbosity"] > 0 else None)
        except RegistryError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("Regions: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            % {
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            }
        )
        if result.orphans:
            self.stdout.write(self.style.WARNING(_("%(n)d regions without a known parent.") % {"n": result.orphans}))
