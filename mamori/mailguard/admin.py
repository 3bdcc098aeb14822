from django.contrib import admin

from mamori.mailguard.models import HeldMessage, MailPolicy


@admin.register(MailPolicy)
class MailPolicyAdmin(admin.ModelAdmin):
    list_display = ("organisation", "delay_minutes", "many_recipients", "updated_at")


@admin.register(HeldMessage)
class HeldMessageAdmin(admin.ModelAdmin):
    """Read-only: decisions go through the review UI so that they are audited."""

    list_display = ("pk", "organisation", "state", "verdict", "created_at", "release_at", "attempts")
    list_filter = ("state", "verdict")
    exclude = ("recipients", "subject", "claim_token")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
