"""Organisation, departments and the append-only audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A business that runs its PMS in mamori (one tenant)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    report_destination = models.CharField(
        _("report destination"),
        max_length=200,
        default="個人情報保護委員会",
        help_text=_("Where APPI breach reports go (the PPC unless its power was delegated to a ministry)."),
    )
    pmark_body = models.CharField(_("Privacy Mark granting body"), max_length=200, blank=True)
    inquiry_desk = models.CharField(_("inquiry desk (苦情相談窓口)"), max_length=300, blank=True)
    inquiry_hours = models.CharField(
        _("inquiry desk hours"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 平日 9:00〜17:00（土日祝日・年末年始を除く）"),
    )
    # The reporter block of the PPC report and the sender of letters (Rules Art. 8, the PPC's form).
    address = models.CharField(_("address"), max_length=300, blank=True)
    representative = models.CharField(
        _("representative (title and name)"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 代表取締役 山田 太郎"),
    )
    corporate_number = models.CharField(_("corporate number (法人番号)"), max_length=13, blank=True)
    industry = models.CharField(_("industry (業種)"), max_length=200, blank=True)
    contact_person = models.CharField(_("contact person for reports (担当者)"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    pmark_registration_number = models.CharField(
        _("Privacy Mark registration number (登録番号)"), max_length=50, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A department of an organisation; its manager approves and sees its records."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="departments")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="department_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class AppendOnlyQuerySet(models.QuerySet):
    """Refuse every ORM route that changes or removes rows (the database triggers refuse the rest)."""

    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError("the audit log is append-only")

    def _update(self, values):  # type: ignore[no-untyped-def]
        raise PermissionError("the audit log is append-only")

    def bulk_update(self, objs, fields, batch_size=None):  # type: ignore[no-untyped-def]
        raise PermissionError("the audit log is append-only")

    def delete(self):  # type: ignore[no-untyped-def]
        raise PermissionError("the audit log is append-only")

    def _raw_delete(self, using):  # type: ignore[no-untyped-def]
        raise PermissionError("the audit log is append-only")


class AppendOnlyModel(models.Model):
    """A row written once: saving it again or deleting it is refused."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.pk is not None:
            raise PermissionError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError("the audit log is append-only")


class AuditLogEntry(AppendOnlyModel):
    """One thing somebody did to one record. Append-only (enforced here and by database triggers)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, related_name="+")
    # No database constraint: an entry outlives its actor and is never updated (actor_name keeps the name).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=200, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        # Related-object and admin code use the base manager: it must refuse changes too.
        base_manager_name = "objects"

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    @property
    def operator(self) -> str:
        """Return who did it as people know them: the user's name, else the login kept in the entry."""
        if self.actor_id is None:
            return str(_("system")) if self.actor_name == "system" else self.actor_name
        try:
            actor = self.actor
        except models.ObjectDoesNotExist:  # the account is gone; the entry keeps its login
            actor = None
        return str(actor) if actor is not None else self.actor_name


class AuditLogSeal(AppendOnlyModel):
    """The digest of one day's audit entries chained to the day before; proves that none was removed."""

    day = models.DateField(unique=True)
    entries = models.PositiveIntegerField()
    last_id = models.BigIntegerField(null=True)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit log seal")
        verbose_name_plural = _("audit log seals")
        ordering = ["day"]
        base_manager_name = "objects"

    def __str__(self) -> str:
        return f"{self.day} {self.entries} {self.digest[:12]}"


class MailDelivery(models.Model):
    """One mail mamori sends to one address, kept until it left (or mamori gave up) with every attempt.

    The row is written in the transaction of the change that causes the mail (so a crash between the
    change and the send loses nothing); the first attempt follows on commit and ``mamori runperiodic``
    retries with backoff. Nothing is called sent before the mail server accepted it.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        RETRYING = "retrying", _("Not sent yet, will be retried")
        FAILED = "failed", _("Could not be sent")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, null=True, related_name="+")
    kind = models.CharField(max_length=60, db_index=True)  # e.g. "response.chain", "training.reminder"
    # What the mail is about, named like the audit log does (app_label.model, primary key).
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    to = models.EmailField(max_length=254)  # staff or counsel; never a data subject
    subject = models.CharField(max_length=300)
    body = models.TextField()  # the mails carry numbers, kinds and links only, never the record's text
    data = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    give_up_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error_code = models.CharField(max_length=30, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("mail delivery")
        verbose_name_plural = _("mail deliveries")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["state", "next_attempt_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.state})"

    @property
    def is_open(self) -> bool:
        """Whether mamori still tries to send it."""
        return self.state in (self.State.PENDING, self.State.RETRYING)


class MailAttempt(models.Model):
    """One try to hand a :class:`MailDelivery` to the mail server, and what the server said."""

    delivery = models.ForeignKey(MailDelivery, on_delete=models.CASCADE, related_name="attempt_set")
    at = models.DateTimeField()
    ok = models.BooleanField()
    error_code = models.CharField(max_length=30, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["delivery", "at", "id"]

    def __str__(self) -> str:
        return f"{self.delivery_id} {self.at:%Y-%m-%d %H:%M} {'ok' if self.ok else self.error_code}"


class TrialMail(models.Model):
    """A mail kept inside mamori instead of being sent (``MAMORI_EMAIL_BACKEND=inbox``, for a trial)."""

    to = models.JSONField(default=list)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("trial inbox mail")
        verbose_name_plural = _("trial inbox")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject
