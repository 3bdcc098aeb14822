from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mamori.accounts import tokens
from mamori.accounts.forms import ApiTokenForm
from mamori.accounts.models import ApiToken
from mamori.core.services import log_action


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    """Let a user change their own password."""
    form = PasswordChangeForm(request.user, request.POST or None)  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        log_action(user, "accounts.password.changed", actor=user)
        messages.success(request, _("Your password was changed."))
        return redirect("portal:dashboard")
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    """List the user's API tokens and create one; a new key is shown on this response only."""
    user: Any = request.user
    form = ApiTokenForm(request.POST or None)
    new_key = ""
    if request.method == "POST" and form.is_valid():
        _token, new_key = tokens.api_token_create(user=user, name=form.cleaned_data["name"], actor=user)
        form = ApiTokenForm()
    context = {"form": form, "tokens": ApiToken.objects.filter(user=user), "new_key": new_key}
    return render(request, "accounts/api_tokens.html", context)


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the user's own tokens."""
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    tokens.api_token_revoke(token=token, actor=request.user)
    messages.success(request, _("The token %(prefix)s was revoked.") % {"prefix": token.prefix})
    return redirect("accounts:api_tokens")
