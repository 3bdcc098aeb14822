"""The manager's forms for the organisation's mail domains and mail policy."""

from __future__ import annotations

from typing import Any

import yaml
from django import forms
from django.utils.translation import gettext_lazy as _

from mamori.accounts.models import User
from mamori.mailguard.domains import normalize_domain
from mamori.mailguard.policy import Policy, PolicyError

DOMAIN_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-.")
ACTION_CHOICES = [
    ("deliver", _("Send")),
    ("hold", _("Hold (sent after the delay)")),
    ("approve", _("Ask for approval")),
    ("reject", _("Refuse")),
]
BY_SEVERITY = [("", _("As for its severity")), *ACTION_CHOICES]
# Settings with a field of their own; everything else stays in the additional settings (YAML).
FORM_KEYS = (
    "partner_domains",
    "convert_exposed_to_bcc",
    "severity_actions",
    "code_actions",
    "pii_list_threshold",
    "max_scan_chars",
)
CODE_FIELDS = {"external_action": "EXTERNAL_RECIPIENTS", "encrypted_archive_action": "ENCRYPTED_ARCHIVE"}


def clean_domain(value: str) -> str:
    """Return a normalised domain or raise a validation error naming the input."""
    domain = normalize_domain(value.strip().lstrip("@"))
    ascii_form = domain.encode("idna").decode() if not domain.isascii() else domain
    if "." not in domain or not set(ascii_form) <= DOMAIN_CHARS:
        raise forms.ValidationError(_("Not a domain: %(value)s"), params={"value": value})
    return domain


class MailDomainForm(forms.Form):
    """Claim one mail domain for the organisation."""

    domain = forms.CharField(label=_("Domain"), max_length=253, help_text=_("e.g. example.co.jp"))

    def clean_domain(self) -> str:
        return clean_domain(self.cleaned_data["domain"])


class MailPolicyForm(forms.Form):
    """Delay, limits, approver, partner domains and the action for each kind of finding."""

    delay_minutes = forms.IntegerField(
        label=_("Delay for external mail (minutes)"), min_value=0, max_value=1440
    )
    many_recipients = forms.IntegerField(label=_("Recipient limit"), min_value=1, max_value=10000)
    approver = forms.ModelChoiceField(
        label=_("Designated approver"), queryset=User.objects.none(), required=False
    )
    partner_domains = forms.CharField(
        label=_("Partner domains"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One domain per line: known business partners (look-alikes of them are flagged)."),
    )
    action_info = forms.ChoiceField(label=_("Action for notes"), choices=ACTION_CHOICES)
    action_warning = forms.ChoiceField(label=_("Action for warnings"), choices=ACTION_CHOICES)
    action_high = forms.ChoiceField(label=_("Action for serious findings"), choices=ACTION_CHOICES)
    external_action = forms.ChoiceField(
        label=_("Action for any mail to outside recipients"), choices=BY_SEVERITY, required=False
    )
    encrypted_archive_action = forms.ChoiceField(
        label=_("Action for encrypted archives (cannot be checked)"), choices=BY_SEVERITY, required=False
    )
    convert_exposed_to_bcc = forms.BooleanField(
        label=_("Move outside recipients who can see each other to Bcc"), required=False
    )
    pii_list_threshold = forms.IntegerField(
        label=_("Personal data values that make a list"), min_value=1, max_value=100000
    )
    max_scan_chars = forms.IntegerField(
        label=_("Characters read per attachment part (0: everything)"), min_value=0
    )
    additional = forms.CharField(
        label=_("Additional settings (YAML)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("Departments, address book and other keys of the policy file format."),
    )

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["approver"].queryset = User.objects.filter(organisation=organisation, is_active=True)  # type: ignore[attr-defined]

    @classmethod
    def initial_from(cls, record: Any) -> dict[str, Any]:
        """Return the form's initial values from a saved policy record (or the defaults)."""
        defaults = Policy()
        data = dict(record.settings or {}) if record else {}
        severity = {**defaults.severity_actions, **data.get("severity_actions", {})}
        codes = dict(data.get("code_actions", defaults.code_actions))
        rest = {k: v for k, v in data.items() if k not in FORM_KEYS}
        return {
            "delay_minutes": record.delay_minutes if record else defaults.delay_minutes,
            "many_recipients": record.many_recipients if record else defaults.many_recipients,
            "approver": record.approver_id if record else None,
            "partner_domains": "\n".join(data.get("partner_domains", [])),
            **{f"action_{s}": severity[s] for s in ("info", "warning", "high")},
            **{name: codes.get(code, "") for name, code in CODE_FIELDS.items()},
            "convert_exposed_to_bcc": data.get("convert_exposed_to_bcc", defaults.convert_exposed_to_bcc),
            "pii_list_threshold": data.get("pii_list_threshold", defaults.pii_list_threshold),
            "max_scan_chars": data.get("max_scan_chars", defaults.max_scan_chars),
            "additional": yaml.safe_dump(rest, allow_unicode=True, sort_keys=False) if rest else "",
        }

    def clean_partner_domains(self) -> list[str]:
        return list(dict.fromkeys(clean_domain(d) for d in self.cleaned_data["partner_domains"].split()))

    def clean_additional(self) -> dict[str, Any]:
        text = self.cleaned_data["additional"].strip()
        if not text:
            return {}
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise forms.ValidationError(_("Not valid YAML: %(error)s"), params={"error": str(exc)}) from exc
        if not isinstance(data, dict):
            raise forms.ValidationError(_("Expected keys and values."))
        if "history_key" in data:
            raise forms.ValidationError(_("The history key is derived by mamori; remove it."))
        clash = sorted(set(data) & {*FORM_KEYS, "delay_minutes", "many_recipients"})
        if clash:
            raise forms.ValidationError(
                _("Set these with the fields above: %(keys)s"), params={"keys": ", ".join(clash)}
            )
        return data

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        settings = dict(cleaned["additional"])
        settings["partner_domains"] = cleaned["partner_domains"]
        settings["convert_exposed_to_bcc"] = cleaned["convert_exposed_to_bcc"]
        settings["severity_actions"] = {s: cleaned[f"action_{s}"] for s in ("info", "warning", "high")}
        settings["code_actions"] = {
            code: cleaned[name] for name, code in CODE_FIELDS.items() if cleaned[name]
        }
        settings["pii_list_threshold"] = cleaned["pii_list_threshold"]
        settings["max_scan_chars"] = cleaned["max_scan_chars"]
        try:
            Policy.from_dict({**settings, "internal_domains": ["example.invalid"]})
        except PolicyError as exc:
            raise forms.ValidationError(str(exc)) from exc
        cleaned["settings"] = settings
        return cleaned

    def policy_values(self) -> dict[str, Any]:
        """Return the keyword arguments of ``mail_policy_save`` from a valid form."""
        keys = ("delay_minutes", "many_recipients", "approver", "settings")
        return {k: self.cleaned_data[k] for k in keys}
