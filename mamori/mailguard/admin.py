from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from mamori.mailguard import services
from mamori.mailguard.models import HeldMessage, MailDomain, MailPolicy


@admin.register(MailDomain)
class MailDomainAdmin(admin.ModelAdmin):
    """The operator verifies claims here (after checking the TXT record ``mamori-verify=<token>``)."""

    list_display = ("domain", "organisation", "claimed_at", "verified_at", "verified_by")
    list_filter = ("organisation",)
    readonly_fields = ("organisation", "domain", "claimed_by", "verified_at", "verified_by", "token")
    actions = ["verify"]

    @admin.action(description=_("Verify the selected domains"))
    def verify(self, request, queryset):  # type: ignore[no-untyped-def]
        if not request.user.is_superuser:
            self.message_user(request, _("Only the deployment's operator verifies domains."), level="error")
            return
        for domain in queryset:
            try:
                services.mail_domain_verify(domain=domain, actor=request.user)
            except services.DomainClaimError as exc:
                self.message_user(request, str(exc), level="error")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


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
