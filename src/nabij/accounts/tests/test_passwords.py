"""OWASP ASVS 5 level 2: ≥ 12 characters, common passwords refused, no composition rules."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("password", ["kort", "elf-tekens!", "123123123123", "password1234"])
def test_short_or_common_passwords_are_refused(password):  # "123123123123" is on the common list
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize(
    "password",
    [
        "alleenkleineletters",  # no composition rules
        "de kat zit op de mat bij de buren",  # passphrases with spaces
        "x" * 20 + "y" * 100,  # long passwords are welcome
    ],
)
def test_long_passphrases_without_composition_rules_are_accepted(password):
    validate_password(password)
