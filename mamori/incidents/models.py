"""The incident register: incidents and near misses, their determinations and timeline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mamori.incidents.taxonomy import Cause, DiscoveredBy, EventClass, Medium, Role, Status

TRI_STATE_HELP = _("Leave empty while unknown: the determination then says it needs review.")


class Incident(models.Model):
    """One accident (事故) or near miss (ヒヤリハット) and the facts the law asks about."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="incidents")
    number = models.CharField(_("number"), max_length=20)
    department = models.ForeignKey(
        "core.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("department"),
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reported_incidents",
        verbose_name=_("reported by"),
    )
    is_near_miss = models.BooleanField(_("near miss (ヒヤリハット)"), default=False)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what happened"))
    occurred_at = models.DateTimeField(_("when it happened"), null=True, blank=True)
    discovered_at = models.DateTimeField(_("when it was noticed"))
    known_on = models.DateField(_("date the business knew (知った日)"))
    discovered_by = models.CharField(_("who noticed"), max_length=20, choices=DiscoveredBy.choices)
    data_categories = models.JSONField(_("personal data affected"), default=list, blank=True)
    persons = models.PositiveIntegerField(_("number of persons"), null=True, blank=True)
    persons_is_upper_bound = models.BooleanField(_("the number is an upper bound"), default=False)
    medium = models.CharField(_("medium"), max_length=20, choices=Medium.choices, blank=True)
    ledger_entries = models.ManyToManyField(
        "ledger.LedgerEntry", blank=True, related_name="incidents", verbose_name=_("ledger rows involved")
    )

    # Facts of the APPI determination: None means unknown.
    advanced_encryption = models.BooleanField(_("protected by advanced encryption"), null=True, blank=True)
    recovered_before_viewed = models.BooleanField(
        _("all data recovered before anyone viewed it"), null=True, blank=True
    )
    special_care = models.BooleanField(_("special-care information (要配慮個人情報)"), null=True, blank=True)
    property_damage_risk = models.BooleanField(_("risk of property damage"), null=True, blank=True)
    unauthorized_purpose = models.BooleanField(
        _("possibly caused with an unauthorised purpose"), null=True, blank=True
    )
    my_number = models.BooleanField(_("My Number (特定個人情報) involved"), null=True, blank=True)
    my_number_viewable_by_unspecified = models.BooleanField(
        _("My Number data made viewable by unspecified persons"), null=True, blank=True
    )
    my_number_network = models.BooleanField(
        _("information-provision network involved"), null=True, blank=True
    )

    my_number_persons = models.PositiveIntegerField(
        _("persons whose My Number data is involved"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the number of persons of the incident."),
    )
    copy_kept = models.BooleanField(
        _("the same data is kept elsewhere (backup)"), null=True, blank=True, default=None
    )
    pseudonymized = models.BooleanField(
        _("pseudonymously processed information (仮名加工情報)"), default=False
    )

    # Entrustment (委託): our role for the data (APPI Art. 26(1) proviso, Enforcement Rules Art. 9).
    role = models.CharField(
        _("our role for the data"), max_length=20, choices=Role.choices, default=Role.CONTROLLER
    )
    occurred_at_contractor = models.BooleanField(
        _("it happened at our contractor, who told us (委託先で発生)"), default=False
    )
    contractor = models.CharField(_("contractor / entrusting business"), max_length=200, blank=True)
    entrustor_notified_at = models.DateTimeField(
        _("entrusting business notified at (委託元への通知)"), null=True, blank=True
    )

    # JIPDEC coding (triage by the manager).
    events = models.JSONField(_("event categories (発生事象)"), default=list, blank=True)
    likely = models.BooleanField(_("only likely (おそれ)"), default=False)
    event_class = models.CharField(
        _("event class (事象分類)"), max_length=30, choices=EventClass.choices, blank=True
    )
    cause = models.CharField(_("cause (原因)"), max_length=30, choices=Cause.choices, blank=True)
    triaged_at = models.DateTimeField(_("triaged at"), null=True, blank=True)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    # Cached results of the latest determination, for lists and sorting.
    appi_status = models.CharField(max_length=20, blank=True)
    appi_grounds = models.JSONField(default=list, blank=True)
    final_due = models.DateField(null=True, blank=True)
    preliminary_target = models.DateField(null=True, blank=True)
    pmark_preliminary_required = models.BooleanField(null=True)
    pmark_final_due = models.DateField(null=True, blank=True)
    next_deadline = models.DateField(null=True, blank=True, db_index=True)
    # Which deadline next_deadline is (a code of incidents.rules), so lists name it without a query per row.
    next_deadline_kind = models.CharField(max_length=60, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-discovered_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="incident_unique_number"),
        ]
        indexes = [
            # The register's list order, read page by page (keyset) within one organisation.
            models.Index(fields=["organisation", "-discovered_at", "-id"], name="incident_org_discovered"),
            # The dashboard: open incidents by nearest deadline and their counts (most incidents are closed).
            models.Index(
                fields=["organisation", "next_deadline", "-discovered_at"],
                name="incident_open_deadline",
                condition=~models.Q(status="closed"),
            ),
            # The statistics' cache key: the organisation's latest change.
            models.Index(fields=["organisation", "updated_at"], name="incident_org_updated"),
            # The dashboard's new, not yet coded incidents, newest first.
            models.Index(
                fields=["organisation", "-created_at"],
                name="incident_open_untriaged",
                condition=models.Q(triaged_at__isnull=True) & ~models.Q(status="closed"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def audit_repr(self) -> str:
        """Name the incident in the audit log by its number only (titles may name people)."""
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED


class IncidentCounter(models.Model):
    """The last incident number given in one organisation and year; the row is locked to take the next."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="incident_counter_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year}: {self.last}"


class Determination(models.Model):
    """A snapshot of the law's answer for the facts as they stood; kept to show how it changed."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="determinations")
    created_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    facts = models.JSONField()
    result = models.JSONField()
    appi_status = models.CharField(max_length=20)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.incident.number} {self.created_at:%Y-%m-%d %H:%M} {self.appi_status}"


class TimelineEntry(models.Model):
    """One event or decision in an incident's chronology (経緯)."""

    class Kind(models.TextChoices):
        REPORTED = "reported", _("Reported")
        NOTE = "note", _("Note")
        STATUS = "status", _("Status change")
        TRIAGE = "triage", _("Coding and facts")
        DETERMINATION = "determination", _("Determination changed")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="timeline")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"
