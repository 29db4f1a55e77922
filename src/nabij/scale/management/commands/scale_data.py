"""`manage.py scale_data --residents N`: a synthetic city of N residents on top of the demo."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from nabij.scale.generate import SYNTHETIC_PASSWORD, build


class Command(BaseCommand):
    help = "Generate a synthetic data set of N residents (COPY on PostgreSQL), on top of the demo data."

    def add_arguments(self, parser):
        parser.add_argument("--residents", type=int, required=True)
        parser.add_argument("--contacts-per-resident", type=float, default=10.0)
        parser.add_argument(
            "--bsn-fraction", type=float, default=0.01, help="Share of residents with an encrypted BSN."
        )
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--no-demo", action="store_true", help="Do not load the demo municipality first.")

    def handle(self, *args, residents, contacts_per_resident, bsn_fraction, seed, no_demo, **options):
        started = time.monotonic()
        if not no_demo:
            call_command("demo", stdout=self.stdout)
        built = build(
            residents=residents,
            contacts_per_resident=contacts_per_resident,
            bsn_fraction=bsn_fraction,
            seed=seed,
            stdout=self.stdout,
        )
        self.stdout.write(f"Klaar in {time.monotonic() - started:.1f} s.")
        for label, count in built.counts.items():
            self.stdout.write(f"  {label:<28} {count:>12,}")
        self.stdout.write(
            f"Benchmark-accounts: {built.bench_worker} (werker), {built.bench_coordinator} (coördinator); "
            f"wachtwoord {SYNTHETIC_PASSWORD}"
        )
