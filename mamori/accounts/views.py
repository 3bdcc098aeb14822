from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

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
