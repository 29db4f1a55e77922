from django.urls import path

from nabij.cases import views

app_name = "cases"

urlpatterns = [
    path("werkvoorraad/", views.worklist, name="worklist"),
]
