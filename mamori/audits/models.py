"""Check and act: internal audits (9.2), 運用の確認 (9.1), management review (9.3), corrective actions (10.2).

Requirements are cited by their 指針 J-item code (``mamori.audits.catalogue``), stored as plain text.
"""

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
    finding = models.ForeignKey(
        "audits.Finding",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrective_actions",
        verbose_name=_("audit finding"),
    )
    requirement = models.CharField(_("requirement (J-item)"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=200)
    correction = models.TextField(_("correction (immediate fix)"), blank=True)
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
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        ordering = ["due_on", "id"]
        indexes = [
            # The list's order (open ones first), read page by page within one organisation.
            models.Index(fields=["organisation", "completed_on", "due_on", "id"], name="ca_org_list_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.completed_on is not None

    @property
    def can_close(self) -> bool:
        """Return whether the action may be closed: completed and reviewed as effective."""
        return self.completed_on is not None and self.reviewed_on is not None and bool(self.effective)


class AuditProgramme(models.Model):
    """The yearly internal-audit programme (内部監査計画) and its report, approved by top management."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveIntegerField(_("fiscal year"))
    audit_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("audit lead")
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_on = models.DateField(_("plan approved on"), null=True, blank=True)
    report_summary = models.TextField(_("report summary"), blank=True)
    report_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    report_approved_on = models.DateField(_("report approved on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("audit programme")
        verbose_name_plural = _("audit programmes")
        ordering = ["-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "fiscal_year"], name="audit_programme_unique_year"
            )
        ]

    def __str__(self) -> str:
        return f"FY{self.fiscal_year}"


class Audit(models.Model):
    """One audit of one department (or of the PMS secretariat when ``department`` is empty)."""

    programme = models.ForeignKey(AuditProgramme, on_delete=models.CASCADE, related_name="audits")
    department = models.ForeignKey(
        "core.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department"),
    )
    planned_on = models.DateField(_("planned on"))
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("auditor")
    )
    conducted_on = models.DateField(_("conducted on"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit")
        verbose_name_plural = _("audits")
        ordering = ["planned_on", "id"]

    def __str__(self) -> str:
        return f"{self.target} {self.planned_on:%Y-%m-%d}"

    @property
    def target(self) -> str:
        return self.department.name if self.department else str(_("PMS secretariat"))


class Answer(models.TextChoices):
    """How a check item was answered."""

    YES = "yes", _("Conforms")
    PARTLY = "partly", _("Partly")
    NO = "no", _("Does not conform")
    NOT_APPLICABLE = "na", _("Not applicable")


class ChecklistItem(models.Model):
    """One question of an audit's checklist: conformity (from the catalogue) or operation (from data)."""

    class Kind(models.TextChoices):
        CONFORMITY = "conformity", _("Conformity (適合状況)")
        OPERATION = "operation", _("Operation (運用状況)")

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    requirement = models.CharField(_("requirement (J-item)"), max_length=20, blank=True)
    source = models.CharField(_("source"), max_length=100, blank=True)
    question = models.TextField(_("question"))
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to="audit-evidence/%Y/", blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.question[:60]


class Grade(models.TextChoices):
    """The classes of an audit finding."""

    MAJOR = "major", _("Nonconformity (major)")
    MINOR = "minor", _("Nonconformity (minor)")
    OBSERVATION = "observation", _("Observation")
    OPPORTUNITY = "opportunity", _("Opportunity for improvement")
    GOOD = "good", _("Good practice")


NONCONFORMITIES = (Grade.MAJOR, Grade.MINOR)


class Finding(models.Model):
    """One audit finding with its requirement, evidence and the auditee's acknowledgement."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="findings")
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="findings"
    )
    grade = models.CharField(_("class"), max_length=20, choices=Grade.choices)
    requirement = models.CharField(_("requirement (J-item)"), max_length=20)
    description = models.TextField(_("finding"))
    evidence = models.TextField(_("evidence"), blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("audit finding")
        verbose_name_plural = _("audit findings")
        ordering = ["audit", "id"]

    def __str__(self) -> str:
        return f"{self.get_grade_display()} {self.requirement}"

    @property
    def is_nonconformity(self) -> bool:
        return self.grade in NONCONFORMITIES


class OperationTemplate(models.Model):
    """A department's 運用の確認 checklist and how often it is run."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        "core.Department", on_delete=models.CASCADE, related_name="+", verbose_name=_("department")
    )
    title = models.CharField(_("title"), max_length=200)
    frequency_months = models.PositiveSmallIntegerField(_("every (months)"), default=3)
    items = models.JSONField(_("items"), default=list)
    first_period = models.DateField(_("first period starts"))

    class Meta:
        verbose_name = _("operation check template")
        verbose_name_plural = _("operation check templates")
        ordering = ["department__name", "id"]

    def __str__(self) -> str:
        return self.title


class OperationRun(models.Model):
    """One 運用の確認 of one period, assigned to the department manager."""

    template = models.ForeignKey(OperationTemplate, on_delete=models.CASCADE, related_name="runs")
    period_start = models.DateField(_("period starts"))
    due_on = models.DateField(_("due date"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("assignee"),
    )
    items = models.JSONField(_("items"), default=list)
    answers = models.JSONField(_("answers"), default=list)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("operation check")
        verbose_name_plural = _("operation checks")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["template", "period_start"], name="operation_run_unique_period")
        ]

    def __str__(self) -> str:
        return f"{self.template} {self.period_start:%Y-%m}"


class ManagementReview(models.Model):
    """A management review (マネジメントレビュー) of a period: the inputs, decisions and actions."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("management review")
        verbose_name_plural = _("management reviews")
        ordering = ["-period_end", "-id"]

    def __str__(self) -> str:
        return f"{self.period_start:%Y-%m-%d} - {self.period_end:%Y-%m-%d}"


class ReviewInput(models.Model):
    """One input of a review with its figures and top management's decision."""

    review = models.ForeignKey(ManagementReview, on_delete=models.CASCADE, related_name="inputs")
    order = models.PositiveSmallIntegerField(default=0)
    code = models.CharField(max_length=40)
    title = models.CharField(_("input"), max_length=200)
    figures = models.JSONField(_("figures"), default=list)
    decision = models.TextField(_("decision"), blank=True)
    not_applicable = models.BooleanField(_("not applicable this time"), default=False)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("review input")
        verbose_name_plural = _("review inputs")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def decided(self) -> bool:
        return bool(self.decision.strip()) or (self.not_applicable and bool(self.reason.strip()))


class ReviewAction(models.Model):
    """An action decided in a review, with an owner and a due date."""

    review = models.ForeignKey(ManagementReview, on_delete=models.CASCADE, related_name="actions")
    review_input = models.ForeignKey(ReviewInput, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("action"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("review action")
        verbose_name_plural = _("review actions")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description[:60]
