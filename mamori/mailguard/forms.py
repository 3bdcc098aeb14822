"""The manager's form for the organisation's mail policy."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mamori.accounts.models import User
from mamori.mailguard.domains import normalize_domain
from mamori.mailguard.policy import Policy, PolicyError

DOMAIN_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-.")


class MailPolicyForm(forms.Form):
    """Internal domains, delay, limits, approver and the advanced settings as JSON."""

    internal_domains = forms.CharField(
        label=_("Internal domains"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One domain per line; mail to other domains counts as external."),
    )
    delay_minutes = forms.IntegerField(
        label=_("Delay for external mail (minutes)"), min_value=0, max_value=1440
    )
    many_recipients = forms.IntegerField(label=_("Recipient limit"), min_value=1, max_value=10000)
    approver = forms.ModelChoiceField(
        label=_("Designated approver"), queryset=User.objects.none(), required=False
    )
    settings = forms.CharField(
        label=_("Advanced settings (JSON)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("Partner domains, actions per finding, departments... in the policy file format."),
    )

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["approver"].queryset = User.objects.filter(organisation=organisation, is_active=True)  # type: ignore[attr-defined]

    def clean_internal_domains(self) -> list[str]:
        domains = []
        for item in self.cleaned_data["internal_domains"].split():
            domain = normalize_domain(item.strip().lstrip("@"))
            if "." not in domain or not set(domain) <= DOMAIN_CHARS:
                raise forms.ValidationError(_("Not a domain: %(value)s"), params={"value": item})
            domains.append(domain)
        if not domains:
            raise forms.ValidationError(_("Give at least one internal domain."))
        return list(dict.fromkeys(domains))

    def clean_settings(self) -> dict[str, Any]:
        text = self.cleaned_data["settings"].strip()
        if not text:
            return {}
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(_("Not valid JSON: %(error)s"), params={"error": exc.msg}) from exc
        if not isinstance(data, dict):
            raise forms.ValidationError(_("Expected a JSON object."))
        if "history_key" in data:
            raise forms.ValidationError(_("The history key is derived by mamori; remove it."))
        try:
            Policy.from_dict({**data, "internal_domains": ["example.invalid"]})
        except PolicyError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data
