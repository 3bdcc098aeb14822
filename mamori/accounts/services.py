"""Every write of accounts: the employee import from the HR system (users, departments, leavers); audited.

The audit codes keep the ``training.import.`` prefix they were first written with, so that entries
already in the log stay readable.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from mamori.accounts import hr
from mamori.accounts.models import EmployeeImport, EmployeeProfile, Role, User
from mamori.core.models import Department, Organisation
from mamori.core.services import log_action


@transaction.atomic
def employees_import_upload(
    *, organisation: Organisation, actor: Any, filename: str, data: bytes
) -> EmployeeImport:
    """Parse an HR export and keep it for the preview; raise hr.ImportFileError if it is unusable."""
    parsed = hr.parse_file(data, filename)
    imp = EmployeeImport.objects.create(
        organisation=organisation,
        filename=filename[:200],
        encoding=parsed.encoding,
        rows=[r.as_json() for r in parsed.rows],
        errors=[{"line": b.line, "reasons": list(b.reasons)} for b in parsed.bad],
        created_by=actor,
    )
    log_action(
        imp,
        "training.import.uploaded",
        actor=actor,
        data={"rows": len(parsed.rows), "bad_rows": len(parsed.bad), "encoding": parsed.encoding},
    )
    return imp


def employees_import_plan(imp: EmployeeImport) -> hr.Plan:
    """Return what applying the import would change (the preview)."""
    users = User.objects.filter(organisation_id=imp.organisation_id).select_related(
        "department", "hr_profile"
    )
    existing = {}
    for u in users:
        if not u.email:
            continue
        profile = getattr(u, "hr_profile", None)
        existing[u.email.lower()] = hr.Existing(
            name=u.display_name,
            department=u.department.name if u.department else "",
            joined_on=profile.joined_on if profile else None,
            left_on=profile.left_on if profile else None,
            active=u.is_active,
        )
    departments = Department.objects.filter(organisation_id=imp.organisation_id).values_list(
        "name", flat=True
    )
    return hr.plan_changes(
        (hr.Row.from_json(r) for r in imp.rows), existing, list(departments), timezone.localdate()
    )


class ImportAlreadyApplied(ValueError):
    """The import was applied before."""


@transaction.atomic
def employees_import_apply(*, employee_import: EmployeeImport, actor: Any) -> dict[str, int]:
    """Apply a previewed import: create and update users and departments, deactivate leavers."""
    imp = EmployeeImport.objects.select_for_update().get(pk=employee_import.pk)
    if imp.applied_at is not None:
        raise ImportAlreadyApplied
    plan = employees_import_plan(imp)
    org_id = imp.organisation_id
    departments = {d.name: d for d in Department.objects.filter(organisation_id=org_id)}
    for name in plan.new_departments:
        departments[name] = Department.objects.create(organisation_id=org_id, name=name)
        log_action(departments[name], "core.department.created", actor=actor, data={"via": "training.import"})
    by_email = {u.email.lower(): u for u in User.objects.filter(organisation_id=org_id).exclude(email="")}
    for row in plan.new:
        user = User.objects.create(
            username=_free_username(row.email),
            email=row.email,
            display_name=row.name,
            organisation_id=org_id,
            department=departments.get(row.department),
            role=Role.EMPLOYEE,
            password=make_password(None),  # unusable: they set one through the password reset
        )
        _save_profile(user, row)
        log_action(user, "training.import.user_created", actor=actor, data={"import": imp.pk})
    for row, fields in plan.changed:
        user = by_email[row.email]
        user.display_name = row.name
        if row.department:
            user.department = departments[row.department]
        user.is_active = True
        user.save()
        _save_profile(user, row)
        log_action(
            user, "training.import.user_updated", actor=actor, data={"import": imp.pk, "fields": fields}
        )
    for row in plan.leaving:
        user = by_email[row.email]
        user.is_active = False
        user.save(update_fields=["is_active"])
        _save_profile(user, row)
        log_action(user, "training.import.user_deactivated", actor=actor, data={"import": imp.pk})
    imp.summary = {
        "created": len(plan.new),
        "updated": len(plan.changed),
        "deactivated": len(plan.leaving),
        "departments": len(plan.new_departments),
        "bad_rows": len(imp.errors),
    }
    imp.applied_at = timezone.now()
    imp.save(update_fields=["summary", "applied_at"])
    log_action(imp, "training.import.applied", actor=actor, data=imp.summary)
    return imp.summary


def employees_deactivate_leavers(*, today: dt.date | None = None) -> str:
    """Deactivate users whose HR leaving date has come (imported earlier with a future date); idempotent."""
    today = today or timezone.localdate()
    count = 0
    for pk in User.objects.filter(is_active=True, hr_profile__left_on__lte=today).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            user = User.objects.select_for_update().get(pk=pk)
            user.is_active = False
            user.save(update_fields=["is_active"])
            log_action(user, "training.import.user_deactivated", data={"reason": "left_on"})
            count += 1
    return f"{count} leavers deactivated"


def _free_username(email: str) -> str:
    base = email[:140]
    name, n = base, 1
    while User.objects.filter(username=name).exists():
        n += 1
        name = f"{base}.{n}"
    return name


def _save_profile(user: User, row: hr.Row) -> None:
    EmployeeProfile.objects.update_or_create(
        user=user,
        defaults={"joined_on": row.joined_on, "left_on": row.left_on, "employee_number": row.employee_number},
    )


def client_ip(request: Any) -> str:
    """Return the client's address: the direct peer, or behind a trusted proxy the forwarded one.

    X-Forwarded-For is read from the right, skipping trusted proxies: the left part is whatever the
    client sent and cannot be trusted. Without ``MAMORI_TRUSTED_PROXIES`` the header is ignored.
    """
    peer = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXIES
    if peer not in trusted:
        return peer
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if hop not in trusted:
            return hop
    return peer
