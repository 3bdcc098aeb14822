"""Forms of the reports app: the report facts, and the record of a filing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mamori.incidents.forms import DateTimeLocalInput
from mamori.reports.models import Channel, ReportDetails
from mamori.reports.services import DETAIL_FIELDS


class ReportDetailsForm(forms.ModelForm):
    """The report items the incident record does not hold; empty means not known yet (調査中)."""

    class Meta:
        model = ReportDetails
        fields = DETAIL_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in DETAIL_FIELDS if name != "addressee"}


class FilingForm(forms.Form):
    """When and how the draft shown was filed; the hidden fields pin the exact draft."""

    filed_at = forms.DateTimeField(label=_("Filed at"), widget=DateTimeLocalInput())
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    note = forms.CharField(
        label=_("Note (e.g. receipt number)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    sha256 = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput())
    prepared_on = forms.DateField(widget=forms.HiddenInput())
