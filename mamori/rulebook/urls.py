from django.urls import path

from mamori.rulebook import views

app_name = "rulebook"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.document_new, name="new"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/versions/new/", views.version_new, name="version_new"),
    path("<int:pk>/versions/<int:version_pk>/acknowledge/", views.acknowledge, name="acknowledge"),
]
