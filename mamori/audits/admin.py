from django.contrib import admin

from mamori.audits.models import CorrectiveAction


@admin.register(CorrectiveAction)
class CorrectiveActionAdmin(admin.ModelAdmin):
    list_display = ("title", "incident", "owner", "due_on", "completed_on", "effective")
    list_filter = ("organisation",)
