"""Pages of the internal rules (内部規程): read the version in force, acknowledge it, manage versions."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mamori.accounts.models import User
from mamori.core.markdown import markdown_to_html
from mamori.rulebook import forms, queries, services
from mamori.rulebook.models import Acknowledgement, RulesVersion


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    """List the rules documents with the version in force and whether the user has read it."""
    if request.user.organisation_id is None:  # type: ignore[union-attr]
        raise Http404
    done = set(Acknowledgement.objects.filter(user=_user(request)).values_list("version_id", flat=True))
    can_manage = queries.can_manage(request.user)
    rows = []
    for doc in queries.rules_documents_for_user(request.user):
        version = queries.version_in_force(doc)
        missing = queries.not_acknowledged(version).count() if can_manage and version else None
        rows.append((doc, version, version is not None and version.pk in done, missing))
    return render(request, "rulebook/list.html", {"rows": rows, "can_manage": can_manage})


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the version in force, the history, and (manager) who has not acknowledged it."""
    doc = queries.get_rules_document_for_user(request.user, pk)
    version = queries.version_in_force(doc)
    can_manage = queries.can_manage(request.user)
    acknowledged = (
        version is not None and Acknowledgement.objects.filter(version=version, user=_user(request)).exists()
    )
    return render(
        request,
        "rulebook/detail.html",
        {
            "doc": doc,
            "version": version,
            "html": markdown_to_html(version.body) if version else "",
            "versions": doc.versions.select_related("approved_by"),
            "acknowledged": acknowledged,
            "can_manage": can_manage,
            "missing": queries.not_acknowledged(version) if can_manage and version else None,
        },
    )


@login_required
@require_POST
def acknowledge(request: HttpRequest, pk: int, version_pk: int) -> HttpResponse:
    """Confirm having read a version (only the version in force can be acknowledged)."""
    doc = queries.get_rules_document_for_user(request.user, pk)
    version = get_object_or_404(RulesVersion, pk=version_pk, document=doc)
    current = queries.version_in_force(doc)
    if current is None or current.pk != version.pk:
        messages.error(request, _("Only the version in force can be acknowledged."))
    else:
        services.rules_acknowledge(version=version, user=request.user)
        messages.success(request, _("Thank you. Your acknowledgement was recorded."))
    return redirect("rulebook:detail", pk=doc.pk)


@login_required
def document_new(request: HttpRequest) -> HttpResponse:
    """Register a new rules document."""
    if not queries.can_manage(request.user):
        raise Http404
    form = forms.RulesDocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        doc = services.rules_document_create(
            organisation=request.user.organisation,  # type: ignore[union-attr,arg-type]
            actor=request.user,
            **form.cleaned_data,
        )
        return redirect("rulebook:version_new", pk=doc.pk)
    return render(request, "rulebook/document_form.html", {"form": form})


@login_required
def version_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an approved version to a rules document."""
    if not queries.can_manage(request.user):
        raise Http404
    doc = queries.get_rules_document_for_user(request.user, pk)
    form = forms.RulesVersionForm(request.POST or None, organisation=request.user.organisation)  # type: ignore[union-attr,arg-type]
    if request.method == "POST" and form.is_valid():
        try:
            services.rules_version_add(document=doc, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The version was added."))
            return redirect("rulebook:detail", pk=doc.pk)
    return render(request, "rulebook/version_form.html", {"form": form, "doc": doc})
