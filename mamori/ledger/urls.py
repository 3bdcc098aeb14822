from django.urls import path

from mamori.ledger import views

app_name = "ledger"
urlpatterns = [
    path("", views.entry_list, name="list"),
    path("new/", views.entry_create, name="create"),
    path("<int:pk>/", views.entry_detail, name="detail"),
    path("<int:pk>/edit/", views.entry_edit, name="edit"),
    path("<int:pk>/approve/", views.entry_approve, name="approve"),
    path("<int:pk>/review/", views.entry_review, name="review"),
    path("<int:pk>/risks/approve/", views.risks_approve, name="risks_approve"),
    path("<int:pk>/risks/new/", views.risk_edit, name="risk_add"),
    path("<int:pk>/risks/<int:risk_pk>/", views.risk_edit, name="risk_edit"),
    path("<int:pk>/risks/<int:risk_pk>/delete/", views.risk_delete, name="risk_delete"),
    path("export/", views.export, name="export"),
    path("template/", views.template, name="template"),
    path("import/", views.import_file, name="import"),
    path("notice/", views.notice_page, name="notice"),
    path("notice/docx/", views.notice_docx, name="notice_docx"),
    path("notice/settings/", views.notice_settings, name="notice_settings"),
    path("notice/publish/", views.notice_publish, name="notice_publish"),
    path("risks/", views.risk_matrix, name="matrix"),
    path("risks/xlsx/", views.risk_matrix_xlsx, name="matrix_xlsx"),
    path("scan/", views.scan_compare, name="scan"),
    path("reviews/", views.campaigns, name="campaigns"),
    path("reviews/<int:pk>/", views.campaign_detail, name="campaign"),
]
