from django.contrib import admin

from mamori.audits.models import AuditProgramme, CorrectiveAction, ManagementReview, OperationTemplate


@admin.register(CorrectiveAction)
class CorrectiveActionAdmin(admin.ModelAdmin):
    list_display = ("title", "incident", "owner", "due_on", "completed_on", "effective")
    list_filter = ("organisation",)


# Read-mostly views for support; every change goes through the pages (services write the audit log).
@admin.register(AuditProgramme)
class AuditProgrammeAdmin(admin.ModelAdmin):
    list_display = ("organisation", "fiscal_year", "audit_lead", "approved_on", "report_approved_on")
    list_filter = ("organisation",)


@admin.register(ManagementReview)
class ManagementReviewAdmin(admin.ModelAdmin):
    list_display = ("organisation", "period_start", "period_end", "held_on", "approved_by")
    list_filter = ("organisation",)


@admin.register(OperationTemplate)
class OperationTemplateAdmin(admin.ModelAdmin):
    list_display = ("title", "department", "frequency_months", "first_period")
    list_filter = ("organisation",)
