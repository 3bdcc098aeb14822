from django.urls import path

from mamori.audits import views

app_name = "audits"
urlpatterns = [
    path("actions/", views.ca_list, name="list"),
    path("actions/new/", views.ca_create, name="create"),
    path("actions/<int:pk>/", views.ca_detail, name="detail"),
    path("actions/<int:pk>/edit/", views.ca_edit, name="edit"),
    path("actions/<int:pk>/complete/", views.ca_complete, name="complete"),
    path("actions/<int:pk>/review/", views.ca_review, name="review"),
]
