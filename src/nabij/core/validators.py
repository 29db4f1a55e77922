"""Validators for Dutch identifiers and addresses."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

POSTCODE_RE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*$")


def normalise_postcode(value: str) -> str:
    """'1234ab' → '1234 AB'; raises ValidationError when it is not a Dutch postcode."""
    match = POSTCODE_RE.match(value or "")
    if not match:
        raise ValidationError(_("Vul een postcode in zoals 1234 AB."), code="postcode")
    letters = match.group(2).upper()
    if letters in {"SA", "SD", "SS"}:
        raise ValidationError(_("Vul een postcode in zoals 1234 AB."), code="postcode")
    return f"{match.group(1)} {letters}"


def validate_postcode(value: str) -> None:
    normalise_postcode(value)


def is_valid_bsn(value: str) -> bool:
    """The eleven-test (elfproef) for a BSN of 9 digits (8 digits get a leading zero)."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def validate_bsn(value: str) -> None:
    if not is_valid_bsn(value):
        raise ValidationError(_("Dit is geen geldig BSN: controleer de negen cijfers."), code="bsn")
