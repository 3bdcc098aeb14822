from django.contrib import admin

from mamori.scans.models import Machine, ScanToken


@admin.register(ScanToken)
class ScanTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "created_at", "revoked_at")
    readonly_fields = ("digest",)


@admin.register(Machine)
class MachineAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "last_upload_at")
