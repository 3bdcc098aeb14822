"""Pages of the employee import from the HR system (the PMS manager only): upload, preview, apply."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from mamori.accounts import forms, hr, services
from mamori.accounts.models import EmployeeImport
from mamori.core.models import Organisation


def _require_manager(request: HttpRequest) -> Organisation:
    """Return the manager's organisation; anyone else gets 404."""
    user = request.user
    if not (user.is_authenticated and user.organisation_id is not None and user.is_pms_manager):  # type: ignore[union-attr]
        raise Http404
    return user.organisation  # type: ignore[union-attr,return-value]


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload an HR export (CSV or Excel) for a preview."""
    org = _require_manager(request)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            imp = services.employees_import_upload(
                organisation=org, actor=request.user, filename=upload.name or "upload", data=upload.read()
            )
        except hr.ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("hr:preview", pk=imp.pk)
    return render(request, "accounts/import_form.html", {"form": form})


def _get_import(request: HttpRequest, pk: int) -> EmployeeImport:
    org = _require_manager(request)
    return get_object_or_404(EmployeeImport, pk=pk, organisation=org)


@login_required
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Show what the import would change and the bad rows; apply on POST."""
    imp = _get_import(request, pk)
    if request.method == "POST":
        try:
            summary = services.employees_import_apply(employee_import=imp, actor=request.user)
        except services.ImportAlreadyApplied:
            messages.error(request, _("This import was already applied."))
        else:
            messages.success(
                request,
                _("Applied: %(created)d new, %(updated)d updated, %(deactivated)d deactivated.") % summary,
            )
        return redirect("hr:preview", pk=imp.pk)
    return render(
        request,
        "accounts/import_preview.html",
        {"imp": imp, "plan": services.employees_import_plan(imp) if imp.applied_at is None else None},
    )
