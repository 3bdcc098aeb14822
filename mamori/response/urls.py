from django.urls import path

from mamori.response import views

app_name = "response"
urlpatterns = [
    path("chain/", views.chain, name="chain"),
    path("chain/<int:pk>/", views.chain_step_edit, name="chain_step"),
    path("chain/<int:pk>/delete/", views.chain_step_delete, name="chain_step_delete"),
    path("tasks/", views.my_tasks, name="my_tasks"),
    path("tasks/<int:pk>/", views.task_update, name="task"),
    path("incidents/<int:pk>/tasks/", views.task_add, name="task_add"),
    path("incidents/<int:pk>/checklist/", views.checklist_create, name="checklist"),
    path("incidents/<int:pk>/acknowledge/", views.incident_acknowledge, name="incident_ack"),
    path("ack/", views.acknowledge, name="ack_open"),
    # Links mailed before the token moved after "#" (they work for 30 days).
    path("ack/<str:token>/", views.acknowledge, name="ack"),
]
