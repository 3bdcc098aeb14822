"""Corrective actions (是正処置, JIS Q 15001 10.2) linked to incidents and, later, to audit findings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CorrectiveAction(models.Model):
    """A cause analysis and the action that removes the cause, with an effectiveness review later."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    incident = models.ForeignKey(
        "incidents.Incident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrective_actions",
        verbose_name=_("incident"),
    )
    title = models.CharField(_("title"), max_length=200)
    cause_analysis = models.TextField(_("cause analysis"))
    action = models.TextField(_("action (recurrence prevention)"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="corrective_actions",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due date"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    review_due_on = models.DateField(_("effectiveness review due"), null=True, blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    effective = models.BooleanField(_("effective"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.completed_on is not None
