"""case_closed: the closed cases in closing order, for retention (the privacy officer's dry run
and the nightly job read "closed before <term>"). Without it that read walked every case: a
Seq Scan of 300,000 cases at a million residents on each view of the retention page.

Partial (closed cases only) and raw SQL like 0003, so the models' Meta stays as it is."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_open_case_indexes")]

    operations = [
        migrations.RunSQL(
            ["CREATE INDEX IF NOT EXISTS case_closed ON cases_case (closed_at) WHERE closed_at IS NOT NULL"],
            ["DROP INDEX IF EXISTS case_closed"],
        )
    ]
