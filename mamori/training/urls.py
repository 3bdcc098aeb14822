from django.urls import path

from mamori.training import views, views_manage

app_name = "training"
urlpatterns = [
    path("", views.my_training, name="mine"),
    path("a/<int:pk>/", views.assignment_detail, name="assignment"),
    path("a/<int:pk>/lessons/<int:lesson_pk>/", views.lesson_detail, name="lesson"),
    path("a/<int:pk>/start/", views.attempt_start, name="attempt_start"),
    path("a/<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    path("attempts/<int:pk>/", views.attempt_detail, name="attempt"),
    path("images/<int:pk>/", views.image, name="image"),
    path("manage/", views_manage.overview, name="overview"),
    path("manage/records.xlsx", views_manage.records_export, name="records_export"),
    path("manage/campaigns/new/", views_manage.campaign_new, name="campaign_new"),
    path("manage/campaigns/<int:pk>/", views_manage.campaign_detail, name="campaign"),
    path("manage/campaigns/<int:pk>/remind/", views_manage.campaign_remind, name="campaign_remind"),
    path("manage/campaigns/<int:pk>/records.xlsx", views_manage.campaign_export, name="campaign_export"),
    path("manage/courses/", views_manage.course_list, name="courses"),
    path(
        "manage/courses/install-builtin/", views_manage.course_install_builtin, name="course_install_builtin"
    ),
    path("manage/courses/new/", views_manage.course_new, name="course_new"),
    path("manage/courses/<int:pk>/", views_manage.course_edit, name="course"),
    path("manage/courses/<int:pk>/images/", views_manage.image_upload, name="image_upload"),
    path("manage/courses/<int:pk>/lessons/new/", views_manage.lesson_edit, name="lesson_new"),
    path("manage/courses/<int:pk>/lessons/<int:lesson_pk>/", views_manage.lesson_edit, name="lesson_edit"),
    path("manage/courses/<int:pk>/questions/new/", views_manage.question_edit, name="question_new"),
    path(
        "manage/courses/<int:pk>/questions/<int:question_pk>/",
        views_manage.question_edit,
        name="question_edit",
    ),
]
