import pytest


@pytest.fixture(autouse=True)
def _intake_letter_templates(request):
    """The letter templates come with a data migration; a transactional test elsewhere in the
    run empties the tables, so make sure they are there (one query when they are)."""
    if not (request.node.get_closest_marker("django_db") or "db" in request.fixturenames):
        return
    request.getfixturevalue("db")
    from nabij.intake.letter_templates import letter_templates_ensure

    letter_templates_ensure()
