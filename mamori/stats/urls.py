from django.urls import path

from mamori.stats import views

app_name = "stats"
urlpatterns = [
    path("", views.statistics, name="index"),
    path("export/", views.statistics_export, name="export"),
]
