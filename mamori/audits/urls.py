from django.urls import path

from mamori.audits import views, views_cycle

app_name = "audits"
urlpatterns = [
    path("", views.index, name="index"),
    path("actions/", views.ca_list, name="list"),
    path("actions/new/", views.ca_create, name="create"),
    path("actions/<int:pk>/", views.ca_detail, name="detail"),
    path("actions/<int:pk>/edit/", views.ca_edit, name="edit"),
    path("actions/<int:pk>/complete/", views.ca_complete, name="complete"),
    path("actions/<int:pk>/review/", views.ca_review, name="review"),
    path("programmes/", views_cycle.programme_list, name="programmes"),
    path("programmes/<int:pk>/", views_cycle.programme_detail, name="programme"),
    path("programmes/<int:pk>/approve/", views_cycle.programme_approve, name="programme_approve"),
    path("programmes/<int:pk>/<str:what>.<str:fmt>", views_cycle.programme_export, name="programme_export"),
    path("audit/<int:pk>/", views_cycle.audit_detail, name="audit"),
    path("audit/<int:pk>/checklist.<str:fmt>", views_cycle.checklist_export, name="checklist_export"),
    path("item/<int:pk>/answer/", views_cycle.item_answer, name="item_answer"),
    path("finding/<int:pk>/acknowledge/", views_cycle.finding_acknowledge, name="finding_acknowledge"),
    path("operation/", views_cycle.operation_runs, name="operation_runs"),
    path("operation/<int:pk>/", views_cycle.operation_run, name="operation_run"),
    path("reviews/", views_cycle.review_list, name="mreviews"),
    path("reviews/<int:pk>/", views_cycle.review_detail, name="mreview"),
    path("review-action/<int:pk>/done/", views_cycle.review_action_done, name="review_action_done"),
    path("reviews/<int:pk>/minutes.<str:fmt>", views_cycle.review_export, name="mreview_export"),
    path("actions/<int:pk>/close/", views.ca_close, name="close"),
]
