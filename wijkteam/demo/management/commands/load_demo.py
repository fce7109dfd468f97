from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wijkteam.demo.accounts import DEMO_PASSWORD
from wijkteam.demo.steps import STEPS, DemoContext


class Command(BaseCommand):
    help = "Load the demo (regions, accounts, synthetic data). Idempotent: run it as often as you like."

    def handle(self, *args: Any, **options: Any) -> None:
        ctx = DemoContext(stdout=self.stdout, verbosity=options["verbosity"])
        for title, step in STEPS:
            ctx.say(f"{title} …")
            step(ctx)
        if ctx.verbosity:
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"Demo accounts (password: {DEMO_PASSWORD})"))
            for username, user in ctx.shared["users"].items():
                roles = ", ".join(user.role_labels)
                self.stdout.write(f"  {username:<18} {roles:<28} API token: {ctx.shared['tokens'][username]}")
