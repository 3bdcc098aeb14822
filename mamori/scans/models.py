"""Scan results uploaded by ``mamori scan --upload``: machines, their runs, folders and files (masked)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScanToken(models.Model):
    """A secret that lets scanning machines upload results for one organisation (only its hash is kept)."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="scan_tokens"
    )
    name = models.CharField(_("name"), max_length=200)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("scan upload token")
        verbose_name_plural = _("scan upload tokens")

    def __str__(self) -> str:
        return self.name


class Machine(models.Model):
    """A PC or file server that was scanned, by the name it reports."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="scan_machines"
    )
    name = models.CharField(_("machine"), max_length=200)
    last_upload_at = models.DateTimeField(_("last upload"), null=True, blank=True)

    class Meta:
        verbose_name = _("scanned machine")
        verbose_name_plural = _("scanned machines")
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="scans_machine_unique")]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ScanRun(models.Model):
    """One scan of one machine; files arrive in numbered batches so an upload can resume."""

    machine = models.ForeignKey(Machine, on_delete=models.CASCADE, related_name="runs")
    run_id = models.CharField(max_length=64)
    started_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    batches = models.JSONField(default=list)
    files_total = models.PositiveIntegerField(default=0)
    bytes_total = models.PositiveBigIntegerField(default=0)
    files_personal = models.PositiveIntegerField(default=0)
    files_unread = models.PositiveIntegerField(default=0)
    persons = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["machine", "run_id"], name="scans_run_unique")]
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.machine} {self.run_id}"

    @property
    def organisation(self):  # noqa: ANN201 - for the audit log
        return self.machine.organisation


class ScannedFolder(models.Model):
    """The roll-up of one folder of a finished run."""

    run = models.ForeignKey(ScanRun, on_delete=models.CASCADE, related_name="folders")
    path = models.TextField(_("folder"))
    files = models.PositiveIntegerField(default=0)
    persons = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-persons", "path"]

    def __str__(self) -> str:
        return self.path


class ScannedFile(models.Model):
    """A file with personal data (or one that could not be read): counts and masked examples only."""

    run = models.ForeignKey(ScanRun, on_delete=models.CASCADE, related_name="files")
    batch = models.PositiveIntegerField()
    path = models.TextField(_("file"))
    folder = models.TextField(_("folder"))
    status = models.CharField(max_length=16)
    persons = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict)
    corporate_counts = models.JSONField(default=dict)
    examples = models.JSONField(default=list)
    problems = models.JSONField(default=list)

    class Meta:
        ordering = ["-persons", "path"]
        indexes = [models.Index(fields=["run", "batch"])]

    def __str__(self) -> str:
        return self.path
