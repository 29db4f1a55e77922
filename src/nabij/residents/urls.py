from django.urls import path

from nabij.residents import views

app_name = "residents"

urlpatterns = [
    path("zoeken/", views.search, name="search"),
]
