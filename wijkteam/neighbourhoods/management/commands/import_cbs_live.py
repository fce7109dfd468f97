from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from wijkteam.core.progress import progress_bar
from wijkteam.neighbourhoods.cbs_client import CbsUnavailable
from wijkteam.neighbourhoods.services import LiveImportError, indicators_live_import


class Command(BaseCommand):
    help = (
        "Import one municipality's CBS figures (with its districts and neighbourhoods) live from CBS open data "
        "with the cbsodata package. Needs internet. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", required=True, help="CBS code, e.g. GM0153")
        parser.add_argument(
            "--table", default="85984NED", help="Kerncijfers wijken en buurten table (default 85984NED, 2024)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbose = options["verbosity"] > 0
        try:
            live = indicators_live_import(
                municipality_code=options["municipality"],
                table_id=options["table"],
                progress=progress_bar(self.stdout) if verbose else None,
            )
        except CbsUnavailable as exc:
            if isinstance(exc.__cause__, ImportError):
                raise CommandError(_("The live import needs the cbsodata package: pip install cbsodata")) from exc
            raise CommandError(
                _("CBS open data could not be reached (%(error)s). Check the internet connection and try again.")
                % {"error": exc}
            ) from exc
        except LiveImportError as exc:
            raise CommandError(str(exc)) from exc
        if verbose:
            result = live.result
            self.stdout.write(
                _(
                    "CBS %(table)s (%(year)d): %(rows)d regions, %(mapped)d columns imported, %(unmapped)d not used; "
                    "%(created)d new, %(updated)d changed, %(unchanged)d unchanged."
                )
                % {
                    "table": live.table_id,
                    "year": live.year,
                    "rows": live.rows,
                    "mapped": live.mapped_columns,
                    "unmapped": live.unmapped_columns,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                }
            )
            for codes in result.skipped_codes.values():
                self.stdout.write(
                    _("%(n)d regions not in the registry, skipped: %(codes)s")
                    % {"n": len(codes), "codes": ", ".join(codes[:6]) + (" …" if len(codes) > 6 else "")}
                )
