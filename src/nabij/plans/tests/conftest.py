import pytest


@pytest.fixture(autouse=True)
def plans_reference_data(request):
    """The ZRM and closure reasons come from a data migration; a transactional test elsewhere
    in the run empties the tables, so make sure they are there (one query when they are)."""
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("_django_db_helper")
    elif "db" in request.fixturenames or "transactional_db" in request.fixturenames:
        request.getfixturevalue("transactional_db" if "transactional_db" in request.fixturenames else "db")
    else:
        return
    from nabij.plans.models import Instrument
    from nabij.plans.reference import reference_data_ensure

    if not Instrument.objects.exists():
        reference_data_ensure()
