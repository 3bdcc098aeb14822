"""Users and their PMS roles."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of a PMS (JIS Q 15001 5.3)."""

    MANAGER = "manager", _("Personal information protection manager")
    AUDITOR = "auditor", _("Audit lead")
    DEPARTMENT_MANAGER = "department_manager", _("Department manager")
    EMPLOYEE = "employee", _("Employee")
    EXECUTIVE = "executive", _("Top management")


class User(AbstractUser):
    """A person who logs in to mamori; belongs to one organisation with one role."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    department = models.ForeignKey(
        "core.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.EMPLOYEE)
    display_name = models.CharField(_("display name"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.get_username()

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        """Save; a new password revokes the user's API tokens (a leaked token must not outlive it)."""
        password_changed = self._password is not None and self.pk is not None
        super().save(*args, **kwargs)
        if password_changed:
            ApiToken.objects.filter(user=self).delete()

    @property
    def sees_whole_organisation(self) -> bool:
        """Return whether the role reads every record of the organisation."""
        return self.role in {Role.MANAGER, Role.AUDITOR, Role.EXECUTIVE}

    @property
    def is_pms_manager(self) -> bool:
        """Return whether the user is the 個人情報保護管理者 (triages and decides)."""
        return self.role == Role.MANAGER


class EmployeeImport(models.Model):
    """An uploaded HR export: parsed rows kept for the preview, then applied once."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=200)
    encoding = models.CharField(max_length=20, blank=True)
    rows = models.JSONField(default=list)
    errors = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "training_employeeimport"  # made by the training app, which held the import before
        verbose_name = _("employee import")
        verbose_name_plural = _("employee imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


class EmployeeProfile(models.Model):
    """The HR facts of a user that the account does not hold: joining and leaving dates."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hr_profile")
    employee_number = models.CharField(_("employee number"), max_length=40, blank=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        db_table = "training_employeeprofile"
        verbose_name = _("employee profile")
        verbose_name_plural = _("employee profiles")

    def __str__(self) -> str:
        return str(self.user)


class ApiToken(models.Model):
    """A user's key to the REST API; only a SHA-256 digest of it is kept, so it is shown once.

    A key reads ``mamori_<prefix>_<secret>``: the prefix names the token in lists, the digest finds it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name or self.prefix

    @property
    def organisation(self) -> Any:
        """Return the organisation of the token's user (for the audit log)."""
        return self.user.organisation
