from django.urls import path

from mamori.core import views

app_name = "core"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("mail/<int:pk>/retry/", views.mail_retry, name="mail_retry"),
    path("mail/inbox/", views.trial_inbox, name="trial_inbox"),
]
