"""API for this app: thin serializers and viewsets over its services and selectors."""


def register(router) -> None:
    """Add this app's viewsets to the API router (see nabij/api_urls.py)."""
