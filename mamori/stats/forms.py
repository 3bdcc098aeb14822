"""The fiscal-year selector of the statistics page and the export."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class FiscalYearForm(forms.Form):
    """Choose one of the fiscal years that have incidents (or the current one)."""

    fy = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int)

    def __init__(self, *args: Any, years: Sequence[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["fy"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [
            (y, _("FY%(year)d (April %(year)d – March %(next)d)") % {"year": y, "next": y + 1}) for y in years
        ]
