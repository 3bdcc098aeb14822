"""The personal-information ledger (個人情報管理台帳): rows, versions, reviews, lifecycle risks, the notice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TRI_HELP = _("Leave empty while not recorded.")


class Media(models.TextChoices):
    PAPER = "paper", _("Paper")
    ELECTRONIC = "electronic", _("Electronic")
    BOTH = "both", _("Paper and electronic")


class Acquisition(models.TextChoices):
    DIRECT_WRITTEN = "direct_written", _("From the person, in writing")
    DIRECT_OTHER = "direct_other", _("From the person, not in writing")
    THIRD_PARTY = "third_party", _("From a third party")
    PUBLIC = "public", _("From public information")
    ENTRUSTED = "entrusted", _("From an entrustor")


class Measure(models.TextChoices):
    EXPLICIT = "explicit", _("Stated explicitly (明示)")
    NOTIFIED = "notified", _("Notified (通知)")
    PUBLISHED = "published", _("Published (公表)")
    CONSENT = "consent", _("Consent (同意)")
    NONE = "none", _("None")


class Provision(models.TextChoices):
    NONE = "none", _("None")
    CONSENT = "consent", _("On the person's consent")
    OPT_OUT = "opt_out", _("Opt-out")
    EXCEPTION = "exception", _("Statutory exception")
    ENTRUSTMENT = "entrustment", _("With an entrustment")
    JOINT_USE = "joint_use", _("Joint use")


class ForeignBasis(models.TextChoices):
    CONSENT = "consent", _("The person's consent")
    EQUIVALENT_SYSTEM = "equivalent_system", _("Recipient with an equivalent system")
    ADEQUACY = "adequacy", _("Country with an adequate system")


class Processed(models.TextChoices):
    NONE = "none", _("None")
    PSEUDONYMOUS = "pseudonymous", _("Pseudonymously processed information")
    ANONYMOUS = "anonymous", _("Anonymously processed information")


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    RETIRED = "retired", _("Retired")


class LedgerEntry(models.Model):
    """One row of the ledger: one kind of personal information in one business process."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("ledger number"), max_length=30)
    department = models.ForeignKey(
        "core.Department",
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        verbose_name=_("department"),
    )
    process = models.CharField(_("business process"), max_length=200)
    name = models.CharField(_("name of the information"), max_length=200)
    subjects = models.JSONField(_("kinds of persons"), default=list, blank=True)
    owner = models.CharField(_("person responsible"), max_length=100, blank=True)
    items = models.JSONField(_("items"), default=list, blank=True)
    special_care = models.BooleanField(
        _("special-care information"), null=True, blank=True, help_text=TRI_HELP
    )
    special_care_kinds = models.JSONField(_("kinds of special-care information"), default=list, blank=True)
    special_care_consent = models.BooleanField(
        _("consent to acquire special-care information"), null=True, blank=True, help_text=TRI_HELP
    )
    special_care_exception = models.CharField(
        _("exception of APPI Art. 20(2)"),
        max_length=300,
        blank=True,
        help_text=_("The exception that allows acquiring without consent, e.g. 法令に基づく場合."),
    )
    my_number = models.BooleanField(_("My Number (特定個人情報)"), null=True, blank=True, help_text=TRI_HELP)
    count = models.PositiveIntegerField(_("number of persons"), null=True, blank=True)
    count_as_of = models.DateField(_("count as of"), null=True, blank=True)
    media = models.CharField(_("media"), max_length=20, choices=Media.choices, blank=True)
    acquisition = models.CharField(_("how acquired"), max_length=20, choices=Acquisition.choices, blank=True)
    acquisition_source = models.CharField(_("acquired from"), max_length=200, blank=True)
    acquisition_measure = models.CharField(
        _("measure on acquisition"), max_length=20, choices=Measure.choices, blank=True
    )
    acquisition_evidence = models.CharField(_("evidence of the measure"), max_length=300, blank=True)
    purpose = models.TextField(_("purpose of use"), blank=True)
    storage = models.TextField(_("where and how it is kept"), blank=True)
    encrypted = models.BooleanField(_("encrypted"), null=True, blank=True, help_text=TRI_HELP)
    access = models.TextField(_("who may access it"), blank=True)
    retention_period = models.CharField(_("retention period"), max_length=100, blank=True)
    retention_trigger = models.CharField(
        _("retention counted from"), max_length=100, blank=True, help_text=_("e.g. 退職後, 契約終了後")
    )
    disposal = models.TextField(_("disposal and erasure"), blank=True)
    entrusted = models.BooleanField(_("entrusted to contractors"), null=True, blank=True, help_text=TRI_HELP)
    contractors = models.JSONField(_("contractors"), default=list, blank=True)
    provision = models.CharField(
        _("provision to third parties"), max_length=20, choices=Provision.choices, blank=True
    )
    provision_recipients = models.TextField(_("recipients"), blank=True)
    foreign_country = models.CharField(_("foreign country of a recipient"), max_length=100, blank=True)
    foreign_basis = models.CharField(
        _("basis of the foreign provision"), max_length=20, choices=ForeignBasis.choices, blank=True
    )
    joint_use_items = models.TextField(_("joint use: items"), blank=True)
    joint_use_scope = models.TextField(_("joint use: scope of the users"), blank=True)
    joint_use_purpose = models.TextField(_("joint use: purpose"), blank=True)
    joint_use_responsible = models.TextField(_("joint use: person responsible (name, address)"), blank=True)
    retained = models.BooleanField(
        _("retained personal data (保有個人データ)"), null=True, blank=True, help_text=TRI_HELP
    )
    processed = models.CharField(
        _("pseudonymous or anonymous processing"), max_length=20, choices=Processed.choices, blank=True
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    # Top management's approval of the risk assessment: a hash of the row and its risks as approved.
    risks_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    risks_approved_at = models.DateTimeField(_("risks approved at"), null=True, blank=True)
    risks_approved_hash = models.CharField(max_length=64, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ledger row")
        verbose_name_plural = _("ledger rows")
        ordering = ["department__name", "number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="ledger_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class LedgerVersion(models.Model):
    """A snapshot of a row's columns at one version, with who changed it and who approved it."""

    entry = models.ForeignKey(LedgerEntry, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    data = models.JSONField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=200, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["entry", "version"], name="ledger_unique_version")]

    def __str__(self) -> str:
        return f"{self.entry.number} v{self.version}"


class Phase(models.TextChoices):
    """The lifecycle phases of JIS Q 15001 6.2 (A.3.3.3)."""

    ACQUIRE = "acquire", _("Acquisition and input")
    TRANSFER = "transfer", _("Transfer and transmission")
    USE = "use", _("Use and processing")
    STORE = "store", _("Storage and backup")
    DISPOSE = "dispose", _("Erasure and disposal")
    ENTRUST = "entrust", _("Entrustment")
    PROVIDE = "provide", _("Provision")


class RiskMedia(models.TextChoices):
    PAPER = "paper", _("Paper")
    ELECTRONIC = "electronic", _("Electronic")


class RiskKind(models.TextChoices):
    LEAK = "leak", _("Leak")
    LOSS = "loss", _("Loss")
    DAMAGE = "damage", _("Damage")
    IMPROPER_ACQUISITION = "improper_acquisition", _("Improper acquisition")
    BEYOND_PURPOSE = "beyond_purpose", _("Use beyond the purpose")
    OTHER = "other", _("Other")


class Treatment(models.TextChoices):
    REDUCE = "reduce", _("Reduce")
    AVOID = "avoid", _("Avoid")
    TRANSFER = "transfer", _("Transfer")
    ACCEPT = "accept", _("Accept")


class Risk(models.Model):
    """One risk of one row in one phase and medium, with its controls, treatment and residual risk."""

    entry = models.ForeignKey(LedgerEntry, on_delete=models.CASCADE, related_name="risks")
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    media = models.CharField(_("media"), max_length=20, choices=RiskMedia.choices)
    kind = models.CharField(_("kind of risk"), max_length=30, choices=RiskKind.choices, default=RiskKind.LEAK)
    threat = models.CharField(_("threat"), max_length=300)
    vulnerability = models.CharField(_("vulnerability"), max_length=300, blank=True)
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1-3)"), default=2)
    impact = models.PositiveSmallIntegerField(_("impact (1-3)"), default=2)
    controls = models.JSONField(_("current controls"), default=list, blank=True)
    treatment = models.CharField(
        _("treatment"), max_length=20, choices=Treatment.choices, default=Treatment.REDUCE
    )
    treatment_plan = models.TextField(_("treatment plan"), blank=True)
    residual = models.BooleanField(_("residual risk remains"), default=False)
    residual_value = models.PositiveSmallIntegerField(_("residual risk value"), null=True, blank=True)
    residual_owner = models.CharField(_("owner of the residual risk"), max_length=100, blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["entry", "id"]

    def __str__(self) -> str:
        return f"{self.entry.number} {self.get_phase_display()} {self.get_media_display()}"

    @property
    def value(self) -> int:
        """Return the risk value: likelihood × impact (1-9)."""
        return self.likelihood * self.impact


class ReviewCampaign(models.Model):
    """A yearly review of the ledger, per department (or all): each row confirmed or changed."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    departments = models.ManyToManyField("core.Department", blank=True, verbose_name=_("departments"))
    due_date = models.DateField(_("due date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review campaign")
        verbose_name_plural = _("review campaigns")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class ReviewItem(models.Model):
    """One row's review in a campaign."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        CONFIRMED = "confirmed", _("Confirmed unchanged")
        CHANGED = "changed", _("Changed")

    campaign = models.ForeignKey(ReviewCampaign, on_delete=models.CASCADE, related_name="items")
    entry = models.ForeignKey(LedgerEntry, on_delete=models.CASCADE, related_name="reviews")
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["entry__number"]
        constraints = [models.UniqueConstraint(fields=["campaign", "entry"], name="ledger_review_unique")]

    def __str__(self) -> str:
        return f"{self.campaign} {self.entry.number}"


class NoticeSettings(models.Model):
    """The organisation's facts of the published notice (公表事項) that the ledger does not hold."""

    organisation = models.OneToOneField("core.Organisation", on_delete=models.CASCADE, related_name="+")
    business_name = models.CharField(_("name of the business"), max_length=200)
    address = models.CharField(_("address"), max_length=300)
    representative = models.CharField(_("representative"), max_length=100)
    request_procedure = models.TextField(_("procedure for requests (disclosure etc.)"))
    request_fee = models.CharField(_("fee for disclosure requests"), max_length=200, blank=True)
    safety_measures = models.TextField(_("safety measures taken"))
    complaints_desk = models.TextField(_("complaints desk"))
    accredited_body = models.CharField(
        _("accredited personal information protection organisation"), max_length=200, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notice settings")
        verbose_name_plural = _("notice settings")

    def __str__(self) -> str:
        return self.business_name


class NoticePublication(models.Model):
    """One publication of the notice: the text as published and the rows (and purposes) it listed."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    purposes = models.JSONField(default=dict)  # {entry id: purpose as published}
    text = models.TextField()

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return f"{self.published_at:%Y-%m-%d}"
