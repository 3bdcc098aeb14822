"""The mail guard's records: each organisation's policy, held messages and the keyed recipient history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MailDomain(models.Model):
    """A mail domain owned by one organisation: claimed once, verified where several companies share mamori.

    A message is judged only by the policy of the organisation that owns the sender's domain (the
    longest verified suffix). A claim waiting for verification owns nothing yet, so a squatter's claim
    neither takes the mail nor blocks the real owner's claim.
    """

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="mail_domains"
    )
    domain = models.CharField(_("domain"), max_length=253)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    claimed_at = models.DateTimeField(_("claimed at"), auto_now_add=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.CharField(_("verified by"), max_length=150, blank=True)
    token = models.CharField(_("verification token"), max_length=64)

    class Meta:
        verbose_name = _("mail domain")
        verbose_name_plural = _("mail domains")
        ordering = ["domain"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "domain"], name="maildomain_claimed_once"),
            # Several organisations may wait for the same domain; only one claim is ever in force.
            models.UniqueConstraint(
                fields=["domain"], condition=models.Q(verified_at__isnull=False), name="maildomain_one_owner"
            ),
        ]

    def __str__(self) -> str:
        return self.domain

    @property
    def is_verified(self) -> bool:
        """Return whether the claim is in force."""
        return self.verified_at is not None


class MailPolicy(models.Model):
    """One organisation's mail guard policy; it applies to mail from the organisation's own domains."""

    organisation = models.OneToOneField(
        "core.Organisation", on_delete=models.CASCADE, related_name="mail_policy"
    )
    delay_minutes = models.PositiveIntegerField(
        _("delay for external mail (minutes)"),
        default=5,
        help_text=_("Held mail is released after this many minutes unless cancelled; 0 holds nothing."),
    )
    many_recipients = models.PositiveIntegerField(_("recipient limit"), default=20)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("designated approver"),
        help_text=_("Approves held mail when the sender's department has no department manager."),
    )
    # Further settings in the shape of Policy.from_dict (partner domains, actions, departments...).
    settings = models.JSONField(_("advanced settings"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mail policy")
        verbose_name_plural = _("mail policies")

    def __str__(self) -> str:
        return f"{self.organisation} mail policy"


class State(models.TextChoices):
    """Where a guarded message is in its life."""

    HELD = "held", _("Held (sent after the delay)")
    AWAITING_APPROVAL = "awaiting_approval", _("Waiting for approval")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled by the sender")
    REJECTED = "rejected", _("Rejected")
    FAILED = "failed", _("Delivery failed")


OPEN_STATES = (State.HELD, State.AWAITING_APPROVAL)


class HeldMessage(models.Model):
    """One mail the guard held, sent for approval or rejected; the message itself is in the spool."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "core.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mail_from = models.CharField(_("envelope sender"), max_length=320)
    recipients = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=500, blank=True, db_index=True)
    digest = models.CharField(max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    findings = models.JSONField(_("findings"), default=list, blank=True)
    bcc_conversion = models.JSONField(default=list, blank=True)
    verdict = models.CharField(_("verdict"), max_length=20)
    reason = models.TextField(_("reason"), blank=True)
    spool_name = models.CharField(max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, db_index=True)
    release_at = models.DateTimeField(_("release at"), null=True, blank=True, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=40, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("guarded message")
        verbose_name_plural = _("guarded messages")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"mail #{self.pk}"

    @property
    def is_open(self) -> bool:
        """Return whether the message still waits (held or for approval)."""
        return self.state in OPEN_STATES


class RecipientHistory(models.Model):
    """A recipient address or domain an organisation has sent to, remembered only as a keyed hash."""

    class Kind(models.TextChoices):
        ADDRESS = "address", _("address")
        DOMAIN = "domain", _("domain")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    digest = models.CharField(max_length=64)
    first_sent_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("recipient history entry")
        verbose_name_plural = _("recipient history")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "digest"], name="mailguard_history_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.digest[:12]}"


class RelayedMessage(models.Model):
    """A message the guard relayed at once, remembered by digest so a client's retry is not relayed again.

    Written after the upstream's 250 to DATA and before the guard answers its client: a client that
    lost our 250 (a crash in between) and resends the same bytes gets 250 without a second copy.
    """

    key = models.CharField(max_length=64, db_index=True)  # SHA-256 of envelope and bytes
    message_id = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("relayed message")
        verbose_name_plural = _("relayed messages")

    def __str__(self) -> str:
        return f"relayed {self.key[:12]}"
