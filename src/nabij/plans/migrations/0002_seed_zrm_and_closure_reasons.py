"""Seed the self-reliance matrix (ZRM, 2017 edition, 13 domains) and the closure reasons.

Both are data the functional admin edits afterwards (another instrument, an extra domain
such as Opvoeding, another closure reason); this only gives a fresh installation a start.
The lists live in nabij.plans.reference (the demo uses them too).
"""

from django.db import migrations

from nabij.plans.reference import reference_data_ensure


def seed(apps, schema_editor):
    reference_data_ensure(
        apps.get_model("plans", "Instrument"), apps.get_model("plans", "LifeDomain"), apps.get_model("plans", "ClosureReason")
    )


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
