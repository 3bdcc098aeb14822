"""Forms of the internal rules: a document, an approved version."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mamori.accounts.models import Role, User
from mamori.core.forms import DateInput
from mamori.core.models import Organisation


class RulesDocumentForm(forms.Form):
    code = forms.CharField(label=_("number"), max_length=40, required=False)
    title = forms.CharField(label=_("title"), max_length=200)


class RulesVersionForm(forms.Form):
    version = forms.CharField(label=_("version"), max_length=20)
    body = forms.CharField(label=_("text (Markdown)"), widget=forms.Textarea(attrs={"rows": 16}))
    change_summary = forms.CharField(label=_("what changed"), max_length=300, required=False)
    approved_by = forms.ModelChoiceField(label=_("approved by"), queryset=User.objects.none())
    approved_on = forms.DateField(label=_("approved on"), widget=DateInput)
    in_force_from = forms.DateField(label=_("in force from"), widget=DateInput)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["approved_by"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation, is_active=True, role__in=[Role.MANAGER, Role.EXECUTIVE]
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("approved_on")
            and data.get("in_force_from")
            and data["in_force_from"] < data["approved_on"]
        ):
            self.add_error("in_force_from", _("A version cannot be in force before it was approved."))
        return data
