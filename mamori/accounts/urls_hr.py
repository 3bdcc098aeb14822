from django.urls import path

from mamori.accounts import views_hr

app_name = "hr"
urlpatterns = [
    path("", views_hr.import_upload, name="upload"),
    path("<int:pk>/", views_hr.import_preview, name="preview"),
]
