"""The スキャン結果 page: what the scans of every machine found, for the privacy manager."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from mamori.pii import LABELS
from mamori.pii.extract import PROBLEM_LABELS
from mamori.scans import services
from mamori.scans.models import ScannedFile, ScannedFolder, ScanToken

PAGE_SIZE = 50


@login_required
def results(request: HttpRequest) -> HttpResponse:
    """List machines, folders and files with personal data; filter by label, persons, machine and folder.

    Folders, files and unread files are each paged (a company's share holds thousands); a folder's link
    shows the files of that folder only.
    """
    user: Any = request.user
    if not (getattr(user, "is_pms_manager", False) or getattr(user, "role", "") == "auditor"):
        raise PermissionDenied
    runs = services.latest_runs(user.organisation)
    label = request.GET.get("label", "")
    label = label if label in LABELS else ""
    persons = request.GET.get("persons", "")
    min_persons = int(persons) if persons.isdigit() else 0
    machine = request.GET.get("machine", "")
    folder = request.GET.get("folder", "")
    shown = [r for r in runs if not machine.isdigit() or r.machine_id == int(machine)]
    files = ScannedFile.objects.filter(run__in=shown, persons__gte=min_persons).exclude(counts={})
    folders = ScannedFolder.objects.filter(run__in=shown, persons__gte=min_persons)
    unread = ScannedFile.objects.filter(run__in=shown, counts={}).exclude(problems=[])
    if label:
        files = files.filter(counts__has_key=label)
        folders = folders.filter(counts__has_key=label)
    if folder:
        files = files.filter(folder=folder)
        unread = unread.filter(folder=folder)
    unread_page = _page(request, unread.select_related("run__machine").order_by("path", "pk"), "upage")
    return render(
        request,
        "scans/results.html",
        {
            "runs": runs,
            "files": _page(request, files.select_related("run__machine"), "page"),
            "folders": _page(request, folders.select_related("run__machine"), "dpage"),
            "unread": unread_page,
            "unread_rows": [(f, [reason(p, f.path) for p in f.problems]) for f in unread_page],
            "labels": LABELS,
            "label": label,
            "persons": min_persons or "",
            "machine": int(machine) if machine.isdigit() else None,
            "folder": folder,
        },
    )


def _page(request: HttpRequest, rows: Any, param: str) -> Page:
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get(param))


def reason(problem: dict[str, Any], path: str) -> str:
    """Return why (part of) a file was not read, in the user's language: the label of its problem code,
    and where inside the file when that is a member, sheet or page (``名簿.zip!/顧客.csv``)."""
    code = str(problem.get("code", ""))
    label = _(PROBLEM_LABELS[code]) if code in PROBLEM_LABELS else str(problem.get("message") or code)
    inner = str(problem.get("location", "")).removeprefix(path).lstrip("!/")
    return f"{label}{pgettext('label separator', ': ')}{inner}" if inner else label


def _manager(request: HttpRequest) -> Any:
    user: Any = request.user
    if not getattr(user, "is_pms_manager", False):
        raise PermissionDenied
    return user


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """List the upload tokens and create one; a new token is shown once, on this response only."""
    user = _manager(request)
    created = None
    error = ""
    if request.method == "POST":
        name = request.POST.get("name", "").strip()[:200]
        if name:
            created = services.create_token(user.organisation, name, actor=user)
        else:
            error = _("Give the token a name (what or where it is for).")
    rows = ScanToken.objects.filter(organisation=user.organisation).order_by("revoked_at", "-created_at")
    return render(
        request,
        "scans/tokens.html",
        {"tokens": rows, "created": created, "created_name": request.POST.get("name", ""), "error": error},
    )


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke an upload token of the organisation."""
    user = _manager(request)
    services.revoke_token(user.organisation, pk, actor=user)
    return redirect("scans:tokens")
