from django.contrib import admin

from mamori.reports.models import FiledReport, ReportDetails


@admin.register(ReportDetails)
class ReportDetailsAdmin(admin.ModelAdmin):
    list_display = ("incident", "updated_at")
    raw_id_fields = ("incident",)


@admin.register(FiledReport)
class FiledReportAdmin(admin.ModelAdmin):
    """Read-only: a filing is a record of what was sent."""

    list_display = ("incident", "kind", "stage", "version", "filed_at", "filed_by", "channel")
    list_filter = ("kind", "stage", "channel")

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
