"""Incident response: the emergency contact chain, its notifications, response tasks and reminders."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_ACK_MINUTES = 30


class ChainRole(models.TextChoices):
    """Who a step of the emergency chain reaches (JIS Q 15001 5.3 roles plus outside help)."""

    MANAGER = "manager", _("Personal information protection manager (個人情報保護管理者)")
    EXECUTIVE = "executive", _("Top management (代表者)")
    DEPARTMENT_MANAGER = "department_manager", _("Department manager of the incident (部門管理者)")
    INQUIRY_DESK = "inquiry_desk", _("Inquiry desk (苦情相談窓口)")
    IT_LEAD = "it_lead", _("IT lead (IT責任者)")
    COUNSEL = "counsel", _("Outside counsel / expert (外部専門家)")


class ChainStep(models.Model):
    """One step of an organisation's emergency contact chain (緊急連絡網), told in ``order``."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(_("order"))
    role = models.CharField(_("role"), max_length=30, choices=ChainRole.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    email = models.EmailField(_("or outside e-mail address"), blank=True)
    fallback_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fallback person"),
    )
    fallback_email = models.EmailField(_("or fallback outside e-mail address"), blank=True)
    ack_minutes = models.PositiveIntegerField(
        _("minutes to acknowledge"),
        default=DEFAULT_ACK_MINUTES,
        help_text=_("Without an acknowledgement in this time the fallback and the next step are told."),
    )

    class Meta:
        verbose_name = _("emergency chain step")
        verbose_name_plural = _("emergency chain")
        ordering = ["organisation", "order"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "order"], name="chainstep_unique_order"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.get_role_display()}"


class ChainNotification(models.Model):
    """That step ``order`` of the chain was told about an incident, when, and whether it acknowledged.

    ``escalated_at`` is claimed with a conditional UPDATE by exactly one run of the periodic job, so a
    step escalates once even when two runs overlap.
    """

    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.CASCADE, related_name="chain_notifications"
    )
    step = models.ForeignKey(ChainStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    order = models.PositiveSmallIntegerField()
    role = models.CharField(max_length=30, choices=ChainRole.choices)
    recipients = models.JSONField(default=list)  # e-mail addresses (staff or counsel, not data subjects)
    ack_minutes = models.PositiveIntegerField(default=DEFAULT_ACK_MINUTES)
    notified_at = models.DateTimeField()
    fallback_recipients = models.JSONField(default=list, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["incident", "order"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "order"], name="chainnotification_unique_step"),
        ]

    def __str__(self) -> str:
        return f"{self.incident_id} step {self.order}"


class Phase(models.TextChoices):
    """The phases of an incident response, in order."""

    CONTAIN = "contain", _("Stop the spread (二次被害の防止)")
    FACTS = "facts", _("Establish the facts (事実確認)")
    SCOPE = "scope", _("Scope the affected persons (影響範囲の特定)")
    NOTICE = "notice", _("Notice and announcement (本人通知・公表)")
    REPORT = "report", _("Report (報告)")
    PREVENT = "prevent", _("Prevent recurrence (再発防止)")


class ResponseTask(models.Model):
    """One task of an incident's response checklist, copied from a template or added by hand."""

    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.CASCADE, related_name="response_tasks"
    )
    order = models.PositiveSmallIntegerField(default=0)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    key = models.CharField(max_length=60, blank=True)  # template task key; blank for hand-made tasks
    title = models.CharField(_("task"), max_length=300)  # English msgid for template tasks
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="response_tasks",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("response task")
        verbose_name_plural = _("response tasks")
        ordering = ["incident", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "key"], condition=~models.Q(key=""), name="responsetask_unique_key"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class ReminderSent(models.Model):
    """That a reminder of ``kind`` for ``on`` was sent: the unique key makes the reminder job idempotent."""

    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=80)
    on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["incident", "kind", "on"], name="remindersent_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.kind} {self.on}"
