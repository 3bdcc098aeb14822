from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView

from mamori.accounts.login import AdminLoginForm

urlpatterns = [
    path("", include("mamori.portal.urls")),
    path("", include("mamori.core.urls")),
    path("accounts/", include("mamori.accounts.urls")),
    path("ledger/", include("mamori.ledger.urls")),
    path("scans/", include("mamori.scans.urls")),
    path("incidents/", include("mamori.incidents.urls")),
    path("training/rules/", include("mamori.rulebook.urls")),
    path("training/manage/import/", include("mamori.accounts.urls_hr")),
    path("training/", include("mamori.training.urls")),
    path("incidents/", include("mamori.reports.urls")),
    path("stats/", include("mamori.stats.urls")),
    path("response/", include("mamori.response.urls")),
    path("audits/", include("mamori.audits.urls")),
    path("mailguard/", include("mamori.mailguard.urls")),
    path("api/", include("mamori.incidents.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "mamori"
admin.site.site_title = "mamori"
admin.site.login_form = AdminLoginForm  # the per-user login delay applies here too
