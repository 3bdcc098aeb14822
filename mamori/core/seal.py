"""Daily seals of the audit log: a hash chain an auditor checks with ``mamori audit verify-log``.

Each day (Asia/Tokyo) gets one seal: SHA-256 over the previous day's digest and that day's entries in
id order, each in a canonical JSON form. Removing, changing or reordering an entry of a sealed day changes
the digest; removing a whole day breaks the chain of days. The job seals every finished day once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from mamori.core.models import AuditLogEntry, AuditLogSeal

GENESIS = "0" * 64
_FIELDS = (
    "id",
    "created_at",
    "organisation_id",
    "actor_id",
    "actor_name",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "data",
)


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def _canonical(row: dict) -> bytes:
    values = dict(row)
    values["created_at"] = values["created_at"].astimezone(dt.UTC).isoformat()
    return json.dumps(
        [values[f] for f in _FIELDS], sort_keys=True, ensure_ascii=False, separators=(",", ":")
    ).encode()


def _rows(day: dt.date, up_to_id: int | None = None) -> Iterable[dict]:
    start, end = _day_bounds(day)
    qs = AuditLogEntry.objects.filter(created_at__gte=start, created_at__lt=end)
    if up_to_id is not None:
        qs = qs.filter(id__lte=up_to_id)
    return qs.order_by("id").values(*_FIELDS).iterator(chunk_size=2000)


def day_digest(previous: str, day: dt.date, up_to_id: int | None = None) -> tuple[str, int, int | None]:
    """Return (digest, number of entries, last id) of one day chained to ``previous``."""
    sha = hashlib.sha256(previous.encode() + day.isoformat().encode())
    count, last_id = 0, None
    for row in _rows(day, up_to_id):
        sha.update(hashlib.sha256(_canonical(row)).digest())
        count, last_id = count + 1, row["id"]
    return sha.hexdigest(), count, last_id


def seal_days(now: dt.datetime | None = None) -> str:
    """Seal every finished day not sealed yet, from the first entry's day up to yesterday."""
    yesterday = timezone.localdate(now or timezone.now()) - dt.timedelta(days=1)
    last = AuditLogSeal.objects.order_by("-day").first()
    if last is not None:
        day, previous = last.day + dt.timedelta(days=1), last.digest
    else:
        first = AuditLogEntry.objects.order_by("created_at").values_list("created_at", flat=True).first()
        if first is None:
            return "0 days sealed"
        day, previous = timezone.localdate(first), GENESIS
    sealed = 0
    while day <= yesterday:
        digest, count, last_id = day_digest(previous, day)
        with transaction.atomic():
            AuditLogSeal.objects.create(day=day, entries=count, last_id=last_id, digest=digest)
        previous, day, sealed = digest, day + dt.timedelta(days=1), sealed + 1
    return f"{sealed} days sealed"


@dataclass
class Verification:
    """What ``verify`` found: problems mean something was removed or changed."""

    days: int = 0
    entries: int = 0
    head: str = GENESIS
    last_day: dt.date | None = None
    unsealed: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def verify() -> Verification:
    """Recompute every seal from the entries and the chain of days; report what does not match."""
    result = Verification()
    previous, expected_day = GENESIS, None
    for seal in AuditLogSeal.objects.order_by("day").iterator():
        if expected_day is not None and seal.day != expected_day:
            result.problems.append(f"{expected_day}..{seal.day - dt.timedelta(days=1)}: seals missing")
        digest, count, _ = day_digest(previous, seal.day, up_to_id=seal.last_id if seal.last_id else 0)
        if count != seal.entries:
            result.problems.append(f"{seal.day}: {seal.entries} entries sealed, {count} found")
        elif digest != seal.digest:
            result.problems.append(f"{seal.day}: entries were changed after sealing")
        start, end = _day_bounds(seal.day)
        late = AuditLogEntry.objects.filter(
            created_at__gte=start, created_at__lt=end, id__gt=seal.last_id or 0
        )
        if late.exists():
            result.notes.append(f"{seal.day}: {late.count()} entries committed after the seal")
        previous, expected_day = seal.digest, seal.day + dt.timedelta(days=1)
        result.days, result.entries, result.head, result.last_day = (
            result.days + 1,
            result.entries + seal.entries,
            seal.digest,
            seal.day,
        )
    if result.last_day is not None:
        result.unsealed = AuditLogEntry.objects.filter(
            created_at__gte=_day_bounds(result.last_day)[1]
        ).count()
    else:
        result.unsealed = AuditLogEntry.objects.count()
    return result
