"""Build (or top up) the fictional demo municipality. Safe to run again: nothing doubles.

Each app may have a `demo.py` with `build(stdout) -> None`; they run in INSTALLED_APPS
order, so later issues add their demo records without touching this command.
"""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load the fictional demo municipality (idempotent) and print the demo accounts."

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            if not config.name.startswith("nabij."):
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            with transaction.atomic():
                module.build(self.stdout)
        from nabij.accounts.demo import print_accounts

        print_accounts(self.stdout)
