"""Permission-scoped reads of the internal rules: every member reads them, the PMS manager manages them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from mamori.accounts.models import User
from mamori.rulebook import rules
from mamori.rulebook.models import Acknowledgement, RulesDocument, RulesVersion


def _member(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.organisation_id is not None)


def can_manage(user: Any) -> bool:
    """Return whether ``user`` manages the rules documents (the PMS manager)."""
    return _member(user) and user.is_pms_manager


def rules_documents_for_user(user: Any) -> QuerySet[RulesDocument]:
    """Return the organisation's rules documents (every member reads them)."""
    if not _member(user):
        return RulesDocument.objects.none()
    return RulesDocument.objects.filter(organisation_id=user.organisation_id).prefetch_related("versions")


def get_rules_document_for_user(user: Any, pk: Any) -> RulesDocument:
    """Return one rules document of the user's organisation or raise 404."""
    try:
        return rules_documents_for_user(user).get(pk=pk)
    except (RulesDocument.DoesNotExist, ValueError, TypeError):
        raise Http404("No such rules document") from None


def version_in_force(document: RulesDocument, today: dt.date | None = None) -> RulesVersion | None:
    """Return the version of ``document`` in force today, if any."""
    versions = list(document.versions.all())
    vid = rules.version_in_force([(v.pk, v.in_force_from) for v in versions], today or timezone.localdate())
    return next((v for v in versions if v.pk == vid), None)


def rules_in_force(organisation_id: int) -> list[tuple[RulesDocument, RulesVersion]]:
    """Return each rules document of the organisation with its version in force (documents without one skipped)."""
    out = []
    for doc in RulesDocument.objects.filter(organisation_id=organisation_id).prefetch_related("versions"):
        version = version_in_force(doc)
        if version is not None:
            out.append((doc, version))
    return out


def unacknowledged_for_user(user: Any) -> list[tuple[RulesDocument, RulesVersion]]:
    """Return the versions in force the user has not yet confirmed reading."""
    if not _member(user):
        return []
    done = set(Acknowledgement.objects.filter(user=user).values_list("version_id", flat=True))
    return [(d, v) for d, v in rules_in_force(user.organisation_id) if v.pk not in done]


def not_acknowledged(version: RulesVersion) -> QuerySet[User]:
    """Return the active users of the organisation who have not confirmed reading ``version``."""
    return (
        User.objects.filter(organisation_id=version.document.organisation_id, is_active=True)
        .exclude(pk__in=version.acknowledgements.values("user_id"))
        .select_related("department")
        .order_by("department__name", "username")
    )
