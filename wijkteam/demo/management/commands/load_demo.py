from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from wijkteam.demo.accounts import DEMO_PASSWORD, demo_accounts_load
from wijkteam.neighbourhoods.models import Region


class Command(BaseCommand):
    help = "Load the demo (regions, accounts, synthetic data). Idempotent: run it as often as you like."

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        if verbosity:
            self.stdout.write("CBS region registry …")
        call_command("import_regions", verbosity=verbosity, stdout=self.stdout)
        if not Region.objects.filter(code="GM0153").exists():  # pragma: no cover - shipped file has it
            self.stderr.write("Enschede (GM0153) is missing from the region registry.")
        accounts = demo_accounts_load()
        if verbosity:
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"Demo accounts (password: {DEMO_PASSWORD})"))
            for user, key in accounts:
                roles = ", ".join(user.role_labels)
                self.stdout.write(f"  {user.username:<18} {roles:<28} API token: {key}")
