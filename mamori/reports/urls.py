from django.urls import path

from mamori.reports import views

app_name = "reports"
urlpatterns = [
    path("<int:pk>/reports/", views.report_index, name="index"),
    path("<int:pk>/reports/details/", views.report_details, name="details"),
    path("<int:pk>/reports/filed/<int:filed_pk>/", views.filed_report, name="filed"),
    path("<int:pk>/reports/<str:kind>/<str:stage>/", views.report_draft, name="draft"),
    path(
        "<int:pk>/reports/<str:kind>/<str:stage>/download.<str:fmt>", views.report_download, name="download"
    ),
    path("<int:pk>/reports/<str:kind>/<str:stage>/file/", views.report_file, name="file"),
]
