"""Daily retention run (cron): propose a destruction list and clear the technical logs.

    15 2 * * *  cd /srv/wijkteam && .venv/bin/python manage.py propose_destruction

Proposing destroys nothing: a privacy officer approves the list on the page "Bewaren en vernietigen".
Login data older than 6 months and access-log entries past their retention (behind a signed
checkpoint) are removed by this run itself; `--no-purge` skips that.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from wijkteam.cases.destruction import destruction_list_propose, technical_logs_purge


class Command(BaseCommand):
    help = "Propose a destruction list of records past their retention period; remove old login data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-purge", action="store_true", help="Do not remove old login data or log entries.")

    def handle(self, *args: Any, **options: Any) -> None:
        dlist = destruction_list_propose(today=timezone.localdate())
        if dlist is None:
            self.stdout.write("Nothing is due for destruction.")
        else:
            self.stdout.write(f"Destruction list {dlist.pk} proposed with {dlist.items.count()} records.")
        if not options["no_purge"]:
            for what, count in technical_logs_purge().items():
                self.stdout.write(f"{what}: {count}")
