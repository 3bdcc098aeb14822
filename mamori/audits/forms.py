"""Forms of corrective actions: the manager records them, the owner completes, the manager reviews."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mamori.accounts.models import Role, User
from mamori.audits import catalogue
from mamori.audits.models import Answer, Grade
from mamori.core.models import Department
from mamori.incidents.forms import DateInput


class CorrectiveActionForm(forms.Form):
    """Cause analysis, action, owner and dates of a corrective action (是正処置)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    correction = forms.CharField(
        label=_("Correction (immediate fix)"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    cause_analysis = forms.CharField(
        label=_("Cause analysis"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )
    action = forms.CharField(
        label=_("Action (recurrence prevention)"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    due_on = forms.DateField(label=_("Due date"), widget=DateInput())
    review_due_on = forms.DateField(label=_("Effectiveness review due"), required=False, widget=DateInput())

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            organisation_id=organisation_id, is_active=True
        ).order_by("username")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        due, review = data.get("due_on"), data.get("review_due_on")
        if due and review and review < due:
            self.add_error("review_due_on", _("The review comes after the action is due."))
        return data


def _not_future(value: dt.date) -> None:
    if value > timezone.localdate():
        raise forms.ValidationError(_("This date is in the future."))


class CompleteForm(forms.Form):
    """The date the action was carried out."""

    completed_on = forms.DateField(label=_("Completed on"), widget=DateInput(), validators=[_not_future])


class ReviewForm(forms.Form):
    """The effectiveness review."""

    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DateInput(), validators=[_not_future])
    effective = forms.TypedChoiceField(
        label=_("Was the action effective?"),
        choices=[("true", _("Effective")), ("false", _("Not effective"))],
        coerce=lambda v: v == "true",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Review note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, completed_on: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.completed_on = completed_on

    def clean_reviewed_on(self) -> dt.date:
        value: dt.date = self.cleaned_data["reviewed_on"]
        if self.completed_on and value < self.completed_on:
            raise forms.ValidationError(_("The review comes after the completion."))
        return value


class ProgrammeForm(forms.Form):
    """A year's audit programme and its lead (never top management)."""

    fiscal_year = forms.IntegerField(label=_("Fiscal year"), min_value=2000, max_value=2100)
    audit_lead = forms.ModelChoiceField(label=_("Audit lead"), queryset=User.objects.none())

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["audit_lead"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            organisation_id=organisation_id, is_active=True
        ).exclude(role=Role.EXECUTIVE)


class AuditForm(forms.Form):
    """One planned audit: a department (empty: the PMS secretariat), a date and an auditor."""

    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("PMS secretariat"),
    )
    planned_on = forms.DateField(label=_("Planned on"), widget=DateInput())
    auditor = forms.ModelChoiceField(label=_("Auditor"), queryset=User.objects.none())

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(organisation_id=organisation_id)  # type: ignore[attr-defined]
        self.fields["auditor"].queryset = User.objects.filter(organisation_id=organisation_id, is_active=True)  # type: ignore[attr-defined]


class ItemForm(forms.Form):
    """The answer to one check item, with a comment and an evidence photo or file."""

    answer = forms.ChoiceField(label=_("Result"), choices=Answer.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence = forms.FileField(label=_("Evidence (photo or file)"), required=False)


class FindingForm(forms.Form):
    """An audit finding: its class, the J-item, what was found and the evidence."""

    grade = forms.ChoiceField(label=_("Class"), choices=Grade.choices)
    requirement = forms.ChoiceField(label=_("Requirement"), choices=catalogue.choices)
    description = forms.CharField(
        label=_("Finding"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.CharField(
        label=_("Evidence"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ManagementReviewForm(forms.Form):
    """The period a management review pack covers."""

    period_start = forms.DateField(label=_("Period starts"), widget=DateInput())
    period_end = forms.DateField(label=_("Period ends"), widget=DateInput())
