"""Running a service from a form view: the service's refusal lands on the form.

Views call a service inside `run_service` / `service_ok`; a ValidationError goes onto the
field it names (or the form), a concurrent edit onto the form, so the page shows the message
beside what the user typed instead of an error page.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError

from nabij.core.concurrency import ConcurrentEditError


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field when it names known fields."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def attempt_service(form, call: Callable[[], Any]) -> tuple[bool, Any]:
    """Run `call`; (True, its result), or (False, None) with the errors on the form."""
    try:
        return True, call()
    except ConcurrentEditError as error:
        form.add_error(None, error.message)
    except ValidationError as error:
        add_service_errors(form, error)
    return False, None


def run_service(form, call: Callable[[], Any]):
    """The service's result, or None when it refused (the errors are on the form)."""
    return attempt_service(form, call)[1]


def service_ok(form, call: Callable[[], Any]) -> bool:
    """Whether the service went through; for services whose result the view does not need."""
    return attempt_service(form, call)[0]
