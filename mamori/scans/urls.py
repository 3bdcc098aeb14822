from django.urls import path

from mamori.scans import api, views

app_name = "scans"
urlpatterns = [
    path("", views.results, name="results"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("api/runs/", api.RunStart.as_view(), name="api_start"),
    path("api/runs/<str:run_id>/batches/<int:number>/", api.RunBatch.as_view(), name="api_batch"),
    path("api/runs/<str:run_id>/finish/", api.RunFinish.as_view(), name="api_finish"),
]
