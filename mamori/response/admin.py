from django.contrib import admin

from mamori.response.models import ChainNotification, ChainStep, ReminderSent, ResponseTask


@admin.register(ChainStep)
class ChainStepAdmin(admin.ModelAdmin):
    list_display = ("organisation", "order", "role", "user", "fallback_user", "ack_minutes")
    list_filter = ("organisation",)


@admin.register(ChainNotification)
class ChainNotificationAdmin(admin.ModelAdmin):
    list_display = ("incident", "order", "role", "notified_at", "escalated_at", "acknowledged_at")
    readonly_fields = ("notified_at", "escalated_at", "acknowledged_at", "acknowledged_by")


@admin.register(ResponseTask)
class ResponseTaskAdmin(admin.ModelAdmin):
    list_display = ("incident", "order", "phase", "owner", "due_on", "done_at")


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ("incident", "kind", "on", "sent_at")
