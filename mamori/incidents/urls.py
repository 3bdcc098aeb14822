from django.urls import path

from mamori.incidents import views

app_name = "incidents"
urlpatterns = [
    path("", views.incident_list, name="list"),
    path("report/", views.incident_report, name="report"),
    path("<int:pk>/", views.incident_detail, name="detail"),
    path("<int:pk>/triage/", views.incident_triage, name="triage"),
    path("<int:pk>/status/", views.incident_status, name="status"),
    path("<int:pk>/note/", views.incident_note, name="note"),
]
