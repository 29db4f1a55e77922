from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

admin.site.site_header = "Nabij — beheer"
admin.site.site_title = "Nabij beheer"
admin.site.login = RedirectView.as_view(pattern_name="accounts:login", query_string=True)

urlpatterns = [
    path("", include("nabij.core.urls")),
    path("", include("nabij.accounts.urls")),
    path("", include("nabij.residents.urls")),
    path("", include("nabij.cases.urls")),
    path("", include("nabij.intake.urls")),
    path("", include("nabij.plans.urls")),
    path("", include("nabij.consent.urls")),
    path("", include("nabij.privacy.urls")),
    path("beheer/", admin.site.urls),
    path("api/", include("nabij.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler404 = "nabij.core.views.error_404"
handler403 = "nabij.core.views.error_403"
handler500 = "nabij.core.views.error_500"
