"""Pages of the ledger (thin: forms in, services and queries out)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mamori.accounts.models import Role
from mamori.core import xlsx
from mamori.core.models import Department
from mamori.core.services import audit_entries_for, log_action
from mamori.ledger import files, matching, queries, services
from mamori.ledger.actions import entry_actions
from mamori.ledger.catalogue import catalogue
from mamori.ledger.columns import COLUMN_BY_FIELD, COLUMNS
from mamori.ledger.forms import (
    CampaignForm,
    EntryForm,
    ImportForm,
    NoticeSettingsForm,
    RiskForm,
    ScanUploadForm,
)
from mamori.ledger.models import LedgerEntry, Phase, ReviewCampaign
from mamori.ledger.notice import as_docx, as_text, purposes_of, sections
from mamori.ledger.queries import matrix, notice_facts, risk_rows
from mamori.ledger.rules import ITEM_SYNONYMS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _reader(request: HttpRequest) -> Any:
    if not queries.can_read_ledger(request.user):
        raise PermissionDenied
    return request.user


def _manager(request: HttpRequest) -> Any:
    user = _reader(request)
    if not user.is_pms_manager:
        raise PermissionDenied
    return user


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    """List the rows the user reads, with the findings of the checks and the organisation's findings."""
    user = _reader(request)
    qs = queries.with_risks(queries.entries_for_user(user))
    department = request.GET.get("department", "")
    if department.isdigit():
        qs = qs.filter(department_id=int(department))
    rows = queries.checked(qs)
    departments = sorted(
        {r.entry.department for r in queries.checked(queries.entries_for_user(user))}, key=str
    )
    return render(
        request,
        "ledger/list.html",
        {
            "rows": rows,
            "departments": departments,
            "department": department,
            "organisation_findings": [(f, f.text(_)) for f in queries.organisation_findings(user)],
            "overdue": len(queries.review_overdue(user)),
            "can_create": user.role in (Role.MANAGER, Role.DEPARTMENT_MANAGER),
        },
    )


def _form_page(request: HttpRequest, form: EntryForm, entry: LedgerEntry | None) -> HttpResponse:
    return render(
        request,
        "ledger/form.html",
        {"form": form, "entry": entry, "item_names": list(ITEM_SYNONYMS)},
    )


@login_required
def entry_create(request: HttpRequest) -> HttpResponse:
    """Create a row (the manager, or a department manager for the department); may be pre-filled by GET."""
    user = _reader(request)
    if user.role not in (Role.MANAGER, Role.DEPARTMENT_MANAGER):
        raise PermissionDenied
    initial = {
        key: request.GET.get(key, "")
        for key in ("name", "process", "storage", "department")
        if request.GET.get(key)
    }
    if request.GET.get("items"):
        initial["items"] = "、".join(request.GET["items"].split(","))
    form = EntryForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.entry_create(organisation=user.organisation, actor=user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Row %(number)s was added as a draft.") % {"number": entry.number})
            return redirect("ledger:detail", pk=entry.pk)
    return _form_page(request, form, None)


@login_required
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a row: a new draft version for the manager to approve."""
    user = _reader(request)
    entry = queries.get_entry_for_user(user, pk)
    if not services.can_edit(user, entry):
        raise PermissionDenied
    form = EntryForm(request.POST or None, instance=entry, user=user)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.changed_data}
        fresh = LedgerEntry.objects.get(pk=entry.pk)
        try:
            changed = services.entry_update(entry=fresh, actor=user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if changed:
                messages.success(
                    request, _("Saved as version %(version)s (draft).") % {"version": fresh.version}
                )
            return redirect("ledger:detail", pk=entry.pk)
    return _form_page(request, form, entry)


def _history(entry: LedgerEntry) -> list[dict[str, Any]]:
    versions = list(entry.versions.select_related("changed_by", "approved_by"))
    history = []
    for newer, older in zip(versions, [*versions[1:], None], strict=True):
        changes = []
        if older is not None:
            for name in services.diff(older.data, newer.data):
                column = COLUMN_BY_FIELD[name]
                changes.append(
                    {
                        "header": column.header,
                        "before": files.cell_text(column, _typed(column, older.data.get(name))),
                        "after": files.cell_text(column, _typed(column, newer.data.get(name))),
                    }
                )
        history.append({"version": newer, "changes": changes})
    return history


def _typed(column: Any, value: Any) -> Any:
    if column.kind == "date" and value:
        return files.parse_cell(column, value)
    return value


@login_required
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a row: its columns, the checks, its risks and approvals, its versions and audit trail."""
    user = _reader(request)
    entry = queries.get_entry_for_user(user, pk)
    (checked,) = queries.checked([entry])
    risks = sorted(entry.risks.all(), key=queries.risk_order)
    snapshot = services.entry_snapshot(entry)
    columns = [
        (
            c.header,
            files.cell_text(
                c, getattr(entry, c.field) if c.field != "department" else snapshot["department"]
            ),
        )
        for c in COLUMNS
    ]
    assessed = {r.phase for r in risks}
    return render(
        request,
        "ledger/detail.html",
        {
            "entry": entry,
            "columns": columns,
            "findings": [(f, f.text(_)) for f in checked.findings],
            "risks": risks,
            "missing_phases": [
                label
                for value, label in Phase.choices
                if value not in assessed and value not in ("entrust", "provide")
            ],
            "controls": {c.code: c.label for c in catalogue().controls},
            "risks_approved": queries.risks_approval_valid(entry),
            "can_edit": services.can_edit(user, entry),
            "can_approve": user.role == Role.MANAGER,
            "can_approve_risks": user.role == Role.EXECUTIVE,
            "actions": entry_actions(user, entry),
            "history": _history(entry),
            "audit": audit_entries_for(entry)[:30],
        },
    )


@login_required
@require_POST
def entry_approve(request: HttpRequest, pk: int) -> HttpResponse:
    user = _manager(request)
    entry = queries.get_entry_for_user(user, pk)
    services.entry_approve(entry=entry, actor=user)
    messages.success(request, _("Version %(version)s was approved.") % {"version": entry.version})
    return redirect("ledger:detail", pk=pk)


@login_required
@require_POST
def entry_review(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reader(request)
    entry = queries.get_entry_for_user(user, pk)
    services.entry_confirm_review(entry=entry, actor=user)
    messages.success(request, _("The review was recorded."))
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("ledger:detail", pk=pk)


@login_required
@require_POST
def risks_approve(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reader(request)
    entry = queries.get_entry_for_user(user, pk)
    try:
        services.risks_approve(entry=entry, actor=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The risk assessment was approved."))
    return redirect("ledger:detail", pk=pk)


@login_required
def risk_edit(request: HttpRequest, pk: int, risk_pk: int | None = None) -> HttpResponse:
    """Add a risk to a row, or change one."""
    user = _reader(request)
    entry = queries.get_entry_for_user(user, pk)
    if not services.can_edit(user, entry):
        raise PermissionDenied
    risk = queries.get_risk_for_user(user, risk_pk) if risk_pk else None
    if risk is not None and risk.entry_id != entry.pk:
        raise Http404
    initial = {"phase": request.GET.get("phase")} if request.GET.get("phase") else None
    form = RiskForm(request.POST or None, instance=risk, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_save(entry=entry, actor=user, risk=risk, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The risk was saved."))
            return redirect("ledger:detail", pk=pk)
    return render(request, "ledger/risk_form.html", {"form": form, "entry": entry, "risk": risk})


@login_required
@require_POST
def risk_delete(request: HttpRequest, pk: int, risk_pk: int) -> HttpResponse:
    user = _reader(request)
    risk = queries.get_risk_for_user(user, risk_pk)
    if risk.entry_id != pk:
        raise Http404
    services.risk_delete(risk=risk, actor=user)
    messages.success(request, _("The risk was removed."))
    return redirect("ledger:detail", pk=pk)


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """Download the rows the user reads as .xlsx or CSV (?format=csv&encoding=cp932|utf-8)."""
    user = _reader(request)
    entries = queries.entries_for_user(user).select_related("approved_by").order_by("number")
    rows, extras = services.export_rows(entries)
    stamp = timezone.localdate().strftime("%Y%m%d")
    fmt = request.GET.get("format", "xlsx")
    log_action(
        user.organisation, "ledger.export.created", actor=user, data={"rows": len(rows), "format": fmt}
    )
    if fmt == "csv":
        encoding = "cp932" if request.GET.get("encoding") == "cp932" else "utf-8"
        try:
            content = files.write_csv(rows, extras, encoding=encoding)
        except UnicodeEncodeError as exc:
            messages.error(
                request,
                _(
                    "A character cannot be written in Shift_JIS (%(char)s); download the UTF-8 CSV or Excel instead."
                )
                % {"char": exc.object[exc.start : exc.end]},
            )
            return redirect("ledger:list")
        return _download(content, f"ledger-{stamp}-{encoding}.csv", f"text/csv; charset={encoding}")
    return _download(
        files.write_xlsx(rows, extras, printed=timezone.localtime()), f"ledger-{stamp}.xlsx", XLSX
    )


@login_required
def template(request: HttpRequest) -> HttpResponse:
    """Download a blank ledger workbook with the Japanese headers and drop-down lists."""
    _reader(request)
    return _download(files.write_xlsx([], printed=timezone.localtime()), "ledger-template.xlsx", XLSX)


@login_required
def import_file(request: HttpRequest) -> HttpResponse:
    """Import rows from .xlsx or CSV: all or nothing, problems listed by line."""
    user = _manager(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            read = files.read_file(upload.name, upload.read())
        except files.FileError as exc:
            form.add_error("file", str(exc))
        else:
            outcome = services.ledger_import(
                organisation=user.organisation, actor=user, rows=read.rows, errors=read.errors
            )
            context.update({"read": read, "outcome": outcome})
            if not outcome.errors:
                messages.success(
                    request,
                    _("Imported: %(created)s new, %(changed)s changed, %(unchanged)s unchanged.")
                    % {
                        "created": len(outcome.created),
                        "changed": len(outcome.changed),
                        "unchanged": len(outcome.unchanged),
                    },
                )
    return render(request, "ledger/import.html", context)


@login_required
def notice_page(request: HttpRequest) -> HttpResponse:
    """Show the notice generated from the ledger, with its publication state."""
    user = _reader(request)
    settings_obj = queries.notice_settings(user.organisation_id)
    facts = notice_facts(user.organisation_id, settings_obj)
    publication = queries.latest_publication(user.organisation_id)
    current = purposes_of(facts.purposes)
    return render(
        request,
        "ledger/notice.html",
        {
            "settings": settings_obj,
            "sections": sections(facts),
            "publication": publication,
            "up_to_date": publication is not None and publication.purposes == current,
            "can_manage": user.is_pms_manager,
        },
    )


@login_required
def notice_docx(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    facts = notice_facts(user.organisation_id, queries.notice_settings(user.organisation_id))
    return _download(as_docx(facts), "notice.docx", DOCX)


@login_required
def notice_settings(request: HttpRequest) -> HttpResponse:
    user = _manager(request)
    form = NoticeSettingsForm(request.POST or None, instance=queries.notice_settings(user.organisation_id))
    if request.method == "POST" and form.is_valid():
        services.notice_settings_save(organisation=user.organisation, actor=user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("ledger:notice")
    return render(request, "ledger/notice_settings.html", {"form": form})


@login_required
@require_POST
def notice_publish(request: HttpRequest) -> HttpResponse:
    user = _manager(request)
    settings_obj = queries.notice_settings(user.organisation_id)
    if settings_obj is None:
        messages.error(request, _("Enter the notice facts first."))
        return redirect("ledger:notice_settings")
    facts = notice_facts(user.organisation_id, settings_obj)
    services.notice_publish(
        organisation=user.organisation, actor=user, text=as_text(facts), purposes=purposes_of(facts.purposes)
    )
    messages.success(request, _("The notice was recorded as published."))
    return redirect("ledger:notice")


@login_required
def risk_matrix(request: HttpRequest) -> HttpResponse:
    """Show the likelihood × impact matrix of the risks the user reads, per department."""
    user = _reader(request)
    entries = queries.with_risks(queries.entries_for_user(user))
    department = request.GET.get("department", "")
    all_departments = sorted({e.department for e in entries}, key=str)
    if department.isdigit():
        entries = entries.filter(department_id=int(department))
    return render(
        request,
        "ledger/matrix.html",
        {
            "grid": matrix(entries),
            "rows": risk_rows(entries),
            "departments": all_departments,
            "department": department,
        },
    )


RISK_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("number", "台帳番号", 10),
    ("department", "部門", 12),
    ("name", "情報名", 18),
    ("phase", "段階", 12),
    ("media", "媒体", 8),
    ("kind", "リスクの種類", 12),
    ("threat", "脅威", 20),
    ("vulnerability", "脆弱性", 20),
    ("likelihood", "発生可能性", 8),
    ("impact", "影響度", 8),
    ("value", "リスク値", 8),
    ("controls", "現在の管理策（ガイドライン10）", 28),
    ("treatment", "対応", 8),
    ("treatment_plan", "対応計画", 24),
    ("residual", "残留リスク", 8),
    ("residual_value", "残留リスク値", 8),
    ("residual_owner", "残留リスクの責任者", 14),
    ("due_on", "期限", 11),
    ("approved_by", "承認者（トップマネジメント）", 14),
    ("approved_on", "承認日", 11),
)


@login_required
def risk_matrix_xlsx(request: HttpRequest) -> FileResponse:
    """Download the lifecycle risks for the auditor (Japanese, one row per risk, printable on A4)."""
    user = _reader(request)
    entries = queries.with_risks(queries.entries_for_user(user))
    with translation.override("ja"):  # the auditor's file is Japanese, like its headers
        rows = risk_rows(entries)
    log_action(user.organisation, "ledger.risks.exported", actor=user, data={"risks": len(rows)})
    yes_no = {True: "あり", False: "なし"}
    sheet = xlsx.Sheet(
        name="リスク評価",
        columns=[
            xlsx.Column(header, width, xlsx.DATE if key in ("due_on", "approved_on") else None)
            for key, header, width in RISK_COLUMNS
        ],
        rows=(
            [yes_no.get(r[key], r[key]) if key == "residual" else r[key] for key, _h, _w in RISK_COLUMNS]
            for r in rows
        ),
        wrap=True,
    )
    return xlsx.response(
        filename=f"risks-{timezone.localdate():%Y%m%d}.xlsx",
        title="リスク評価（個人情報管理台帳）",
        sheets=[sheet],
    )


@login_required
def campaigns(request: HttpRequest) -> HttpResponse:
    """List review campaigns; the manager starts one."""
    user = _reader(request)
    form = CampaignForm(request.POST or None, organisation_id=user.organisation_id)
    if request.method == "POST":
        if not user.is_pms_manager:
            raise PermissionDenied
        if form.is_valid():
            campaign = services.campaign_create(
                organisation=user.organisation, actor=user, **form.cleaned_data
            )
            return redirect("ledger:campaign", pk=campaign.pk)
    items = ReviewCampaign.objects.filter(organisation_id=user.organisation_id)
    return render(
        request,
        "ledger/campaigns.html",
        {"campaigns": items, "form": form, "can_manage": user.is_pms_manager},
    )


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reader(request)
    campaign = get_object_or_404(ReviewCampaign, pk=pk, organisation_id=user.organisation_id)
    items = campaign.items.filter(entry__in=queries.entries_for_user(user)).select_related(
        "entry", "entry__department", "reviewed_by"
    )
    return render(
        request, "ledger/campaign.html", {"campaign": campaign, "items": items, "today": timezone.localdate()}
    )


@login_required
def scan_compare(request: HttpRequest) -> HttpResponse:
    """Compare a scan result with the ledger: folders covered by rows, and 未登録 data to register."""
    user = _reader(request)
    form = ScanUploadForm(request.POST or None, request.FILES or None)
    results: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        try:
            text, _encoding = files.decode(form.cleaned_data["file"].read())
            locations = matching.locations_from_jsonl(text, form.cleaned_data["machine"])
        except (files.FileError, matching.ScanFileError) as exc:
            form.add_error("file", str(exc))
        else:
            results = _scan_results(user, locations)
            log_action(
                user.organisation,
                "ledger.scan.compared",
                actor=user,
                data={
                    "folders": len(results),
                    "unregistered": sum(1 for r in results if r["match"].unregistered),
                },
            )
    uploaded = _scan_results(user, queries.uploaded_scan_locations(user))
    return render(request, "ledger/scan.html", {"form": form, "results": results, "uploaded": uploaded})


def _scan_results(user: Any, locations: list[matching.Location]) -> list[dict[str, Any]]:
    entries = {e.pk: e for e in queries.entries_for_user(user)}
    places = [matching.Place(e.pk, e.department.name, e.storage, tuple(e.items)) for e in entries.values()]
    departments = {e.department.name: e.department_id for e in entries.values()}
    if user.is_pms_manager:
        departments.update(
            dict(Department.objects.filter(organisation_id=user.organisation_id).values_list("name", "pk"))
        )
    results = []
    for found in matching.match(locations, places):
        query = {
            "name": "",
            "storage": f"{found.location.machine} {found.location.path}",
            "items": ",".join(found.items),
        }
        if found.department in departments:
            query["department"] = str(departments[found.department])
        results.append(
            {
                "match": found,
                "rows": [entries[pk] for pk in found.rows],
                "register_url": reverse("ledger:create") + "?" + urlencode(query),
            }
        )
    return results
