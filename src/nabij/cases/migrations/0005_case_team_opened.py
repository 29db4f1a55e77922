"""case_team_opened: a team's cases newest first (the cases API list, `case_list_for_user`
ordered by opened_at, id). Without it PostgreSQL read all of the team's cases with their
household, resident and areas and sorted them for a page of 50: 11.5 ms at a million
residents (1,085 cases a team), 1.0 ms with it, and the cost no longer grows with the team.

Raw SQL like 0003 and 0004, so the models' Meta stays as it is."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_closed_case_index")]

    operations = [
        migrations.RunSQL(
            ["CREATE INDEX IF NOT EXISTS case_team_opened ON cases_case (team_id, opened_at DESC, id DESC)"],
            ["DROP INDEX IF EXISTS case_team_opened"],
        )
    ]
