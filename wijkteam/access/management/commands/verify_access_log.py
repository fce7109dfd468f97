from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from wijkteam.access.chain import chain_verify


class Command(BaseCommand):
    help = "Verify the hash chain of the access log. Exit 0 when intact, 1 naming the first broken link."

    def handle(self, *args: Any, **options: Any) -> None:
        report = chain_verify()
        if report.ok:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Access log intact: {report.links_checked} links, {report.entries_checked} entries."
                )
            )
            return
        self.stderr.write(
            f"Access log chain broken at link {report.broken_link_id}: {report.reason} "
            f"(after {report.links_checked} intact links)."
        )
        sys.exit(1)
