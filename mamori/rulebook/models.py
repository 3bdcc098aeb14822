"""Internal rules documents (内部規程), their approved versions and the employees' acknowledgements."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RulesDocument(models.Model):
    """An internal rules document (内部規程) of the PMS; its text lives in versions."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("number"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "training_rulesdocument"  # made by the training app, which held the rules before
        verbose_name = _("internal rules document")
        verbose_name_plural = _("internal rules documents")
        ordering = ["code", "title"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


class RulesVersion(models.Model):
    """One approved version of a rules document, in force from a date."""

    document = models.ForeignKey(RulesDocument, on_delete=models.CASCADE, related_name="versions")
    version = models.CharField(_("version"), max_length=20)
    body = models.TextField(_("text (Markdown)"))
    change_summary = models.CharField(_("what changed"), max_length=300, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_by_name = models.CharField(_("approved by"), max_length=150)
    approved_on = models.DateField(_("approved on"))
    in_force_from = models.DateField(_("in force from"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "training_rulesversion"
        verbose_name = _("rules version")
        verbose_name_plural = _("rules versions")
        ordering = ["document", "-in_force_from", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "version"], name="training_rules_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.version}"


class Acknowledgement(models.Model):
    """An employee's confirmation of having read one version of a rules document."""

    version = models.ForeignKey(RulesVersion, on_delete=models.CASCADE, related_name="acknowledgements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "training_acknowledgement"
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        constraints = [models.UniqueConstraint(fields=["version", "user"], name="training_ack_unique_user")]

    def __str__(self) -> str:
        return f"{self.version} / {self.user}"
