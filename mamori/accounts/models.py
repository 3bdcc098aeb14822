"""Users and their PMS roles."""

from __future__ import annotations

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

    @property
    def sees_whole_organisation(self) -> bool:
        """Return whether the role reads every record of the organisation."""
        return self.role in {Role.MANAGER, Role.AUDITOR, Role.EXECUTIVE}

    @property
    def is_pms_manager(self) -> bool:
        """Return whether the user is the 個人情報保護管理者 (triages and decides)."""
        return self.role == Role.MANAGER
