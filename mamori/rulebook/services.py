"""Every write of the internal rules: documents, approved versions, acknowledgements; each audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mamori.accounts.models import User
from mamori.core.models import Organisation
from mamori.core.services import log_action
from mamori.rulebook.models import Acknowledgement, RulesDocument, RulesVersion


@transaction.atomic
def rules_document_create(
    *, organisation: Organisation, actor: Any, title: str, code: str = ""
) -> RulesDocument:
    """Register an internal rules document (its text comes with its first version)."""
    doc = RulesDocument.objects.create(organisation=organisation, title=title, code=code)
    log_action(doc, "training.rules.created", actor=actor, data={"title": title, "code": code})
    return doc


@transaction.atomic
def rules_version_add(
    *,
    document: RulesDocument,
    actor: Any,
    version: str,
    body: str,
    approved_by: User | None,
    approved_on: dt.date,
    in_force_from: dt.date,
    change_summary: str = "",
) -> RulesVersion:
    """Add an approved version of a rules document; it is in force from ``in_force_from``."""
    if document.versions.filter(version=version).exists():
        raise ValidationError(_("Version %(version)s already exists.") % {"version": version})
    if in_force_from < approved_on:
        raise ValidationError(_("A version cannot be in force before it was approved."))
    if approved_by is not None and approved_by.organisation_id != document.organisation_id:
        raise ValidationError(_("The approver belongs to another organisation."))
    v = RulesVersion.objects.create(
        document=document,
        version=version,
        body=body,
        change_summary=change_summary,
        approved_by=approved_by,
        approved_by_name=str(approved_by) if approved_by else "",
        approved_on=approved_on,
        in_force_from=in_force_from,
    )
    log_action(
        document,
        "training.rules.version_added",
        actor=actor,
        data={"version": version, "in_force_from": in_force_from.isoformat()},
    )
    return v


@transaction.atomic
def rules_acknowledge(*, version: RulesVersion, user: Any) -> Acknowledgement:
    """Record that ``user`` read ``version`` (once; a second click changes nothing)."""
    ack, created = Acknowledgement.objects.get_or_create(version=version, user=user)
    if created:
        log_action(
            version.document, "training.rules.acknowledged", actor=user, data={"version": version.version}
        )
    return ack
