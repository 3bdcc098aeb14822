"""Receive uploaded scan results: idempotent per batch, so a client can retry and resume."""

from __future__ import annotations

import hashlib
import ntpath
import posixpath
import secrets
from collections import Counter
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from mamori.core.models import Organisation
from mamori.core.services import log_action
from mamori.pii.paths import mask_path
from mamori.scans.models import Machine, ScannedFile, ScannedFolder, ScanRun, ScanToken

MAX_FILES_PER_BATCH = 500
_EXAMPLE_KEYS = ("label", "masked", "location")  # never a raw value, even if a client sent one


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(organisation: Organisation, name: str, actor: Any = None) -> str:
    """Create an upload token and return it; only its hash is stored, so show it once."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        row = ScanToken.objects.create(organisation=organisation, name=name, digest=digest(token))
        log_action(organisation, "scans.token.created", actor=actor, data={"token": row.pk, "name": name})
    return token


def revoke_token(organisation: Organisation, pk: int, actor: Any = None) -> ScanToken | None:
    """Revoke the organisation's token ``pk`` (uploads with it are refused from now on); None if unknown."""
    with transaction.atomic():
        row = ScanToken.objects.select_for_update().filter(organisation=organisation, pk=pk).first()
        if row is None or row.revoked_at is not None:
            return row
        row.revoked_at = timezone.now()
        row.save(update_fields=["revoked_at"])
        log_action(organisation, "scans.token.revoked", actor=actor, data={"token": row.pk, "name": row.name})
    return row


def organisation_for(token: str) -> Organisation | None:
    row = (
        ScanToken.objects.select_related("organisation").filter(digest=digest(token), revoked_at=None).first()
    )
    return row.organisation if row else None


def start_run(organisation: Organisation, machine_name: str, run_id: str, started_at: str | None) -> ScanRun:
    """Return the run ``run_id`` of the machine, creating both when new (a retried start is harmless)."""
    machine, _ = Machine.objects.get_or_create(organisation=organisation, name=machine_name[:200])
    started = parse_datetime(started_at) if started_at else None
    run, _ = ScanRun.objects.get_or_create(
        machine=machine, run_id=run_id[:64], defaults={"started_at": started}
    )
    return run


def folder_of(path: str) -> str:
    """Return the folder of an uploaded path, read as Windows when it uses backslashes only.

    Scanner agents run on Windows PCs and shares (``C:\\共有\\顧客.xlsx``, ``\\\\fs01\\share\\a.csv``) as
    well as on Linux servers; the server must roll both up by their own folders.
    """
    module = ntpath if "\\" in path and "/" not in path else posixpath
    return module.dirname(path) or "."


def _clean_file(item: dict[str, Any]) -> dict[str, Any]:
    """Return the fields stored for one uploaded file; names in its path are masked (山田**_履歴書.docx)."""
    raw_path = str(item.get("path", ""))[:4096]
    path = mask_path(raw_path)
    return {
        "path": path,
        "folder": folder_of(path),
        "status": str(item.get("status", ""))[:16],
        "persons": max(0, int(item.get("persons") or 0)),
        "counts": {str(k): int(v) for k, v in (item.get("counts") or {}).items()},
        "corporate_counts": {str(k): int(v) for k, v in (item.get("corporate_counts") or {}).items()},
        "examples": [
            {
                k: mask_path(str(ex.get(k, ""))) if k == "location" else str(ex.get(k, ""))
                for k in _EXAMPLE_KEYS
            }
            for ex in (item.get("examples") or [])[:20]
        ],
        "problems": [_clean_problem(p, raw_path, path) for p in (item.get("problems") or [])[:10]],
    }


def _clean_problem(problem: dict[str, Any], raw_path: str, masked_path: str) -> dict[str, str]:
    """Return the code of a problem, where it is (names masked) and its message (with the masked path)."""
    location = str(problem.get("location", ""))[:4096]
    masked = mask_path(location)
    message = str(problem.get("message", ""))
    message = message.replace(location, masked) if location else message.replace(raw_path, masked_path)
    return {"code": str(problem.get("code", ""))[:32], "location": masked, "message": message[:500]}


def add_batch(run: ScanRun, number: int, files: list[dict[str, Any]]) -> bool:
    """Store one batch of files; return False when it was stored before (a retry), True when new."""
    if len(files) > MAX_FILES_PER_BATCH:
        raise ValueError(f"at most {MAX_FILES_PER_BATCH} files per batch")
    cleaned = [_clean_file(item) for item in files]
    with transaction.atomic():
        run = ScanRun.objects.select_for_update().get(pk=run.pk)
        if number in run.batches:
            return False
        ScannedFile.objects.bulk_create(ScannedFile(run=run, batch=number, **item) for item in cleaned)
        run.batches = sorted([*run.batches, number])
        run.save(update_fields=["batches"])
    return True


def finish_run(run: ScanRun, totals: dict[str, Any]) -> ScanRun:
    """Close the run: totals, per-folder roll-up, the machine's last upload, an audit entry."""
    with transaction.atomic():
        run = ScanRun.objects.select_for_update().select_related("machine").get(pk=run.pk)
        files = list(run.files.all())
        folders: dict[str, tuple[int, int, Counter[str]]] = {}
        for f in files:
            if not f.counts:
                continue
            n, persons, counts = folders.get(f.folder, (0, 0, Counter()))
            counts.update(f.counts)
            folders[f.folder] = (n + 1, persons + f.persons, counts)
        run.folders.all().delete()
        ScannedFolder.objects.bulk_create(
            ScannedFolder(run=run, path=path, files=n, persons=persons, counts=dict(counts))
            for path, (n, persons, counts) in folders.items()
        )
        run.files_total = max(0, int(totals.get("files") or 0))
        run.bytes_total = max(0, int(totals.get("bytes") or 0))
        run.files_personal = sum(1 for f in files if f.counts)
        run.files_unread = sum(1 for f in files if not f.counts and f.status == "error")
        run.persons = sum(f.persons for f in files)
        run.finished_at = timezone.now()
        run.save()
        machine = run.machine
        machine.last_upload_at = run.finished_at
        machine.save(update_fields=["last_upload_at"])
        log_action(
            machine.organisation,
            "scans.run.received",
            data={"machine": machine.name, "files_personal": run.files_personal, "persons": run.persons},
        )
    return run


def latest_runs(organisation: Organisation) -> list[ScanRun]:
    """Return the latest finished run of every machine of the organisation."""
    runs = []
    for machine in Machine.objects.filter(organisation=organisation):
        run = machine.runs.filter(finished_at__isnull=False).order_by("-finished_at").first()
        if run is not None:
            runs.append(run)
    return runs
