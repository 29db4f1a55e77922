"""Partial indexes on the open cases: of ten years of cases most are closed, and the screens
that list a team's or a worker's open cases should not walk the closed ones.

- case_team_open: a team's open cases (coordinator caseloads, scale.caseloads refresh job).
- case_contact_open: a worker's open cases in opened_at order (the worklist's main branch).

Raw SQL (both databases support partial indexes) so the models' Meta stays as it is."""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS case_team_open ON cases_case (team_id) WHERE closed_at IS NULL",
    "CREATE INDEX IF NOT EXISTS case_contact_open ON cases_case (contact_person_id, opened_at) WHERE closed_at IS NULL",
]
BACKWARD = ["DROP INDEX IF EXISTS case_contact_open", "DROP INDEX IF EXISTS case_team_open"]


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_case_file")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
