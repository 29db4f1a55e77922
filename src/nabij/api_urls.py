"""Routes only: each app's api.py holds its serializers and viewsets."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()

# Apps register here: router.register("cases", CaseViewSet, basename="case") …
from nabij.cases.api import register as register_cases  # noqa: E402

register_cases(router)

urlpatterns = router.urls
