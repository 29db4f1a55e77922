"""Puts who is acting and from where into the audit context for the request's duration."""

from nabij.audit import context


def client_ip(request) -> str | None:
    # Behind the reverse proxy (docs/deploy.md) nginx sets X-Real-IP; otherwise REMOTE_ADDR.
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        team = getattr(request, "active_team", None)
        token = context.set_current(
            context.ActorContext(
                ip=client_ip(request),
                team_id=team.id if team else None,
                role=getattr(request, "active_role", "") or "",
                purpose_of_use="care",
            )
        )
        try:
            return self.get_response(request)
        finally:
            context.reset(token)
