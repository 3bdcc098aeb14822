"""Forms of the ledger: a row, a risk, a review campaign, the notice facts and a file to import."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mamori.core.models import Department
from mamori.ledger import rules
from mamori.ledger.catalogue import catalogue
from mamori.ledger.columns import BOOL_FIELDS, CONTENT_FIELDS
from mamori.ledger.models import LedgerEntry, NoticeSettings, Risk
from mamori.ledger.services import RISK_FIELDS

LIST_FIELDS = ("subjects", "items", "special_care_kinds", "contractors")
_SPLIT = re.compile(r"[、,，;；\n]")
TRI_CHOICES = [("unknown", _("Not recorded")), ("true", _("Yes")), ("false", _("No"))]


class ListField(forms.CharField):
    """A list of short texts typed as one line separated by 、 or commas."""

    def __init__(self, *args: Any, encoder: Any = None, decoder: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # a JSONField's form field gets its encoder and decoder

    def prepare_value(self, value: Any) -> Any:
        return "、".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [part.strip() for part in _SPLIT.split(text) if part.strip()]


class TriStateSelect(forms.NullBooleanSelect):
    """Yes / no / not recorded, selected from the model's True / False / None."""

    def __init__(self, attrs: Any = None) -> None:
        super().__init__(attrs)
        self.choices = TRI_CHOICES


class TriStateField(forms.NullBooleanField):
    widget = TriStateSelect


class EntryForm(forms.ModelForm):
    """Every column of a ledger row; the department is limited to the user's organisation (and scope)."""

    class Meta:
        model = LedgerEntry
        fields = list(CONTENT_FIELDS)
        field_classes = {name: ListField for name in LIST_FIELDS}
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "storage": forms.Textarea(attrs={"rows": 2}),
            "access": forms.Textarea(attrs={"rows": 2}),
            "disposal": forms.Textarea(attrs={"rows": 2}),
            "provision_recipients": forms.Textarea(attrs={"rows": 2}),
            "joint_use_items": forms.Textarea(attrs={"rows": 2}),
            "joint_use_scope": forms.Textarea(attrs={"rows": 2}),
            "joint_use_purpose": forms.Textarea(attrs={"rows": 2}),
            "joint_use_responsible": forms.Textarea(attrs={"rows": 2}),
            "count_as_of": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "last_reviewed": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        departments = Department.objects.filter(organisation_id=user.organisation_id)
        if not user.is_pms_manager:
            departments = departments.filter(pk=user.department_id)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        for name in BOOL_FIELDS:
            field = self.fields[name]
            self.fields[name] = TriStateField(label=field.label, required=False, help_text=field.help_text)
        for name in LIST_FIELDS:
            self.fields[name].required = False
            self.fields[name].help_text = _("Separate with 、 or commas.")
        self.fields["items"].widget.attrs["list"] = "ledger-items"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        exception = data.get("special_care_exception", "")
        if data.get("special_care") and data.get("special_care_consent") is False and not exception:
            self.add_error(
                "special_care_exception",
                _("Special-care information without consent needs an exception of APPI Art. 20(2)."),
            )
        return data


LEVELS = [(1, _("1 (low)")), (2, _("2 (medium)")), (3, _("3 (high)"))]


class RiskForm(forms.ModelForm):
    """One risk; the controls are picked from the §10 catalogue."""

    controls = forms.MultipleChoiceField(
        label=_("Current controls (PPC Guidelines §10)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[],
    )
    likelihood = forms.TypedChoiceField(label=_("likelihood (1-3)"), choices=LEVELS, coerce=int)
    impact = forms.TypedChoiceField(label=_("impact (1-3)"), choices=LEVELS, coerce=int)

    class Meta:
        model = Risk
        fields = list(RISK_FIELDS)
        widgets = {
            "treatment_plan": forms.Textarea(attrs={"rows": 2}),
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["controls"].choices = [  # type: ignore[attr-defined]
            (c.code, f"{c.label}（{c.category_label}）") for c in catalogue().controls
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("residual") and data.get("kind") in rules.UNACCEPTABLE_RESIDUAL_KINDS:
            self.add_error(
                "residual",
                _("Improper acquisition and use beyond the purpose can never be accepted as residual risks."),
            )
        return data


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    due_date = forms.DateField(label=_("due date"), widget=forms.DateInput(attrs={"type": "date"}))
    departments = forms.ModelMultipleChoiceField(
        label=_("departments"),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None selected: every department."),
    )

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = Department.objects.filter(  # type: ignore[attr-defined]
            organisation_id=organisation_id
        )


class NoticeSettingsForm(forms.ModelForm):
    class Meta:
        model = NoticeSettings
        fields = [
            "business_name",
            "address",
            "representative",
            "request_procedure",
            "request_fee",
            "safety_measures",
            "complaints_desk",
            "accredited_body",
        ]
        widgets = {
            "request_procedure": forms.Textarea(attrs={"rows": 4}),
            "safety_measures": forms.Textarea(attrs={"rows": 6}),
            "complaints_desk": forms.Textarea(attrs={"rows": 3}),
        }


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Ledger file (.xlsx or .csv)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


class ScanUploadForm(forms.Form):
    machine = forms.CharField(
        label=_("Scanned machine or share"),
        max_length=200,
        help_text=_("The PC or file server the scan ran on, as the ledger's storage column names it."),
    )
    file = forms.FileField(
        label=_("Result of mamori scan --format jsonl"),
        help_text=_("Masked results only; mamori keeps nothing of the file after the comparison."),
    )
