from django.core.management.base import BaseCommand

from nabij.privacy.retention import retention_plan, retention_run


class Command(BaseCommand):
    help = "Remove or anonymise what has passed its retention term. Use --dry-run first to see the report."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would happen; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        plan = retention_plan()
        for line in plan.lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing changed."))
            return
        result = retention_run()
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {result.cases_removed} cases removed, {result.destructions_carried_out} destruction "
                f"requests carried out, {result.audit_events_removed} audit events removed."
            )
        )
        if result.destructions_blocked:
            self.stdout.write(self.style.ERROR(f"Blocked destruction requests: {result.destructions_blocked}"))
        if result.cases_skipped:
            self.stdout.write(f"Skipped (reopened or removed during the run): case ids {result.cases_skipped}")
        if result.cases_blocked:
            self.stdout.write(self.style.ERROR(f"Blocked (kept): case ids {result.cases_blocked}"))
