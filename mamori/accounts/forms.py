"""Forms of accounts: the HR export upload."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_IMPORT_BYTES = 10 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=_("HR export (CSV or Excel)"))

    def clean_file(self) -> Any:
        f = self.cleaned_data["file"]
        if f.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return f


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("What the token is for"), max_length=100, required=False)
