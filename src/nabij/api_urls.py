"""Routes only: each app's api.py holds its serializers and viewsets and a `register(router)`."""

import importlib

from rest_framework.routers import DefaultRouter

API_APPS = ["residents", "cases", "intake", "plans", "consent", "privacy"]

router = DefaultRouter()
for app in API_APPS:
    module = importlib.import_module(f"nabij.{app}.api")
    module.register(router)

urlpatterns = router.urls
