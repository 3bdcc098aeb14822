from django.urls import path

from mamori.mailguard import views

app_name = "mailguard"
urlpatterns = [
    path("", views.message_list, name="list"),
    path("policy/", views.policy_edit, name="policy"),
    path("policy/domains/", views.domain_claim, name="domain_claim"),
    path("policy/domains/<int:pk>/release/", views.domain_release, name="domain_release"),
    path("m/", views.message_link, name="link_open"),
    path("m/<str:token>/", views.message_link, name="link"),  # links mailed before the token moved after "#"
    path("<int:pk>/", views.message_detail, name="detail"),
    path("<int:pk>/cancel/", views.message_cancel, name="cancel"),
    path("<int:pk>/send-now/", views.message_send_now, name="send_now"),
    path("<int:pk>/request-approval/", views.message_request_approval, name="request_approval"),
    path("<int:pk>/approve/", views.message_approve, name="approve"),
    path("<int:pk>/reject/", views.message_reject, name="reject"),
    path("<int:pk>/report-incident/", views.message_report_incident, name="report_incident"),
]
