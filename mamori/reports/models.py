"""Facts the report forms ask for beyond the incident record, and every report or notice filed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What is drafted: the PPC report, the Privacy Mark report, the notice and the announcement."""

    PPC = "ppc", _("Report to the PPC (漏えい等報告)")
    PMARK = "pmark", _("Privacy Mark incident report (事故報告)")
    NOTICE = "notice", _("Notice to the individuals (本人への通知)")
    ANNOUNCEMENT = "announcement", _("Public announcement (公表)")
    CONTROLLER_NOTICE = "controller_notice", _("Notice to the entrusting business (委託元への通知)")


class Stage(models.TextChoices):
    """速報 or 確報; notices and announcements have one stage only (``final``)."""

    PRELIMINARY = "preliminary", _("Preliminary report (速報)")
    FINAL = "final", _("Final report (確報)")


class Channel(models.TextChoices):
    """How a report or notice left the organisation."""

    WEB_FORM = "web_form", _("Web form (PPC / P-mark portal)")
    EMAIL = "email", _("E-mail")
    POST = "post", _("Post")
    PHONE = "phone", _("Phone")
    WEBSITE = "website", _("Website")
    OTHER = "other", _("Other")


class Addressee(models.TextChoices):
    """Who the notice to the individuals speaks to."""

    CUSTOMERS = "customers", _("Customers (お客様)")
    EMPLOYEES = "employees", _("Employees (従業員の皆様)")
    INDIVIDUAL = "individual", _("The person concerned (ご本人様)")


class ReportDetails(models.Model):
    """The report items that the incident record does not hold (Rules Art. 8(1) v-ix, PMK500).

    Empty means "not known yet": the preliminary report then says 調査中.
    """

    incident = models.OneToOneField(
        "incidents.Incident", on_delete=models.CASCADE, related_name="report_details"
    )
    discovery_circumstances = models.TextField(_("how it was discovered (発覚の経緯)"), blank=True)
    cause_details = models.TextField(_("cause in detail (原因)"), blank=True)
    secondary_damage = models.TextField(_("secondary damage or its risk (二次被害)"), blank=True)
    individuals_response = models.TextField(_("response to the individuals (本人への対応)"), blank=True)
    public_announcement = models.TextField(_("public announcement (公表)"), blank=True)
    prevention_notes = models.TextField(_("recurrence prevention, besides corrective actions"), blank=True)
    other_notes = models.TextField(_("other useful matters (その他参考となる事項)"), blank=True)
    safety_measures = models.TextField(_("safety measures in place (安全管理措置)"), blank=True)
    apology = models.TextField(_("apology and contact wording for the notice"), blank=True)
    public_summary = models.TextField(
        _("what happened, in plain words for the individuals"),
        blank=True,
        help_text=_("Used in the notice and the announcement; never the internal description."),
    )
    measures_taken = models.TextField(_("what we did (当社の対応)"), blank=True)
    advice = models.TextField(_("what the individuals should watch for (ご注意いただきたいこと)"), blank=True)
    addressee = models.CharField(
        _("notice addressed to"), max_length=20, choices=Addressee.choices, default=Addressee.CUSTOMERS
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("report details")
        verbose_name_plural = _("report details")

    def __str__(self) -> str:
        return f"{self.incident.number} report details"


class FiledReport(models.Model):
    """One report or notice as it was filed: who, when, how, and the exact text with its hash."""

    incident = models.ForeignKey("incidents.Incident", on_delete=models.PROTECT, related_name="filed_reports")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    version = models.PositiveIntegerField(_("version"))
    filed_at = models.DateTimeField(_("filed at"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("filed by")
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    note = models.TextField(_("note"), blank=True)
    content_text = models.TextField(_("text as filed"))
    content_sha256 = models.CharField(_("SHA-256 of the text"), max_length=64)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("filed report")
        verbose_name_plural = _("filed reports")
        ordering = ["-filed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "kind", "stage", "version"], name="filed_report_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.incident.number} {self.kind} {self.stage} v{self.version}"
