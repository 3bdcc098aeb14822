from django.contrib import admin
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from mamori.core import audit_labels
from mamori.core.models import AuditLogEntry, Department, Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "report_destination", "pmark_registration_number")


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation")
    list_filter = ("organisation",)


class CappedCountPaginator(Paginator):
    """Count at most ``CAP`` rows: the audit log grows to millions and a full count costs a scan."""

    CAP = 10_000

    @cached_property
    def count(self) -> int:  # type: ignore[override]
        return self.object_list[: self.CAP].count()  # type: ignore[attr-defined]


class ActionFilter(admin.SimpleListFilter):
    """Filter by the action codes the apps register: no DISTINCT over a log of millions of rows."""

    title = "action"
    parameter_name = "action"

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        return sorted((code, f"{audit_labels.label(code)} ({code})") for code in audit_labels.LABELS)

    def queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor_name", "action", "object_type", "object_repr")
    list_filter = (ActionFilter,)
    paginator = CappedCountPaginator
    show_full_result_count = False
    list_per_page = 50  # half the rendering of Django's 100 rows; the log is read page by page

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
