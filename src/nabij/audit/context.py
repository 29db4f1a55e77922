"""Who is acting, from where: set per request by the middleware, read by `record_event`.

Kept in a context variable so services need no request argument to write a full event.
"""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class ActorContext:
    ip: str | None = None
    team_id: int | None = None
    role: str = ""
    purpose_of_use: str = ""
    on_behalf_of: str = ""


_current: ContextVar[ActorContext] = ContextVar("nabij_audit_actor", default=ActorContext())  # noqa: B039


def current() -> ActorContext:
    return _current.get()


def set_current(context: ActorContext):
    return _current.set(context)


def reset(token) -> None:
    _current.reset(token)
