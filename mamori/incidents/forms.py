"""Forms of the incident register: intake by anyone, triage and status by the manager."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mamori.incidents.facts import TRI_STATE_FACTS
from mamori.incidents.models import Incident
from mamori.incidents.taxonomy import (
    Cause,
    DataCategory,
    DiscoveredBy,
    Event,
    EventClass,
    Medium,
    Role,
    Status,
)

MAX_PERSONS = 200_000_000  # more than the population of Japan: a typing error


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def tri_state(label: Any, help_text: Any = "") -> forms.NullBooleanField:
    """Return a yes / no / unknown field (unknown keeps the determination at "needs review")."""
    return forms.NullBooleanField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.NullBooleanSelect(),
    )


def _persons_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Number of persons affected"),
        required=False,
        min_value=0,
        max_value=MAX_PERSONS,
        help_text=_(
            "If you do not know the exact number, give the largest possible number and tick the box."
        ),
    )


class IncidentReportForm(forms.Form):
    """What any employee fills in, in a few minutes, when something went wrong (or nearly did)."""

    is_near_miss = forms.TypedChoiceField(
        label=_("What are you reporting?"),
        choices=[("false", _("An accident (事故)")), ("true", _("A near miss (ヒヤリハット)"))],
        coerce=lambda v: v == "true",
        initial="false",
        widget=forms.RadioSelect,
    )
    event_class = forms.ChoiceField(
        label=_("What kind of event?"), choices=[("", "---------"), *EventClass.choices]
    )
    title = forms.CharField(
        label=_("Short title"), max_length=200, help_text=_("e.g. Quotation mailed to the wrong customer")
    )
    description = forms.CharField(
        label=_("What happened?"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Describe what happened in your own words. Do not write the personal data itself."),
    )
    occurred_at = forms.DateTimeField(
        label=_("When did it happen?"), required=False, widget=DateTimeLocalInput()
    )
    discovered_at = forms.DateTimeField(label=_("When was it noticed?"), widget=DateTimeLocalInput())
    discovered_by = forms.ChoiceField(label=_("Who noticed it?"), choices=DiscoveredBy.choices)
    data_categories = forms.MultipleChoiceField(
        label=_("Which personal data was involved?"),
        choices=DataCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick the kinds of data, never write the values."),
    )
    persons = _persons_field()
    persons_is_upper_bound = forms.BooleanField(
        label=_("The number is an upper bound (estimate)"), required=False
    )
    medium = forms.ChoiceField(
        label=_("Medium"), choices=[("", "---------"), *Medium.choices], required=False
    )
    advanced_encryption = tri_state(
        _(
            "Was the data protected by strong encryption, with the key or password kept safe (not lost or sent with it)?"
        )
    )
    recovered_before_viewed = tri_state(_("Was all the data recovered before anyone looked at it?"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("discovered_at", timezone.localtime().replace(second=0, microsecond=0))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        now = timezone.now() + dt.timedelta(minutes=5)
        discovered, occurred = data.get("discovered_at"), data.get("occurred_at")
        if discovered and discovered > now:
            self.add_error("discovered_at", _("This date is in the future."))
        if occurred and occurred > now:
            self.add_error("occurred_at", _("This date is in the future."))
        if occurred and discovered and occurred > discovered:
            self.add_error("occurred_at", _("It cannot have happened after it was noticed."))
        return data


#: Labels of the tri-state facts at triage, where they say more than the field's name.
TRIAGE_LABELS: dict[str, Any] = {
    "special_care": _("Special-care information (要配慮個人情報) involved"),
    "property_damage_risk": _("Risk of property damage through misuse (card numbers, IDs and passwords)"),
    "unauthorized_purpose": _("Possibly caused with an unauthorised purpose (attack, theft, insider)"),
    "advanced_encryption": _("Protected by advanced encryption, key not leaked"),
    "recovered_before_viewed": _("All data recovered before any third party viewed it"),
    "my_number": _("My Number (特定個人情報) involved"),
    "my_number_viewable_by_unspecified": _("My Number data made viewable by unspecified persons"),
    "my_number_network": _("Information-provision network involved"),
    "copy_kept": _("The same data is kept elsewhere (backup), so lost or damaged data can be restored"),
}


def _field_label(name: str) -> Any:
    return Incident._meta.get_field(name).verbose_name  # type: ignore[union-attr]


class TriageForm(forms.Form):
    """The manager's JIPDEC coding and the facts of the legal determination."""

    title = forms.CharField(label=_("Short title"), max_length=200)
    events = forms.MultipleChoiceField(
        label=_("Event categories (発生事象)"),
        choices=Event.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    likely = forms.BooleanField(label=_("Only likely so far (おそれ)"), required=False)
    event_class = forms.ChoiceField(
        label=_("Event class (事象分類)"), choices=[("", "---------"), *EventClass.choices], required=False
    )
    cause = forms.ChoiceField(
        label=_("Cause (原因)"), choices=[("", "---------"), *Cause.choices], required=False
    )
    medium = forms.ChoiceField(
        label=_("Medium (媒体)"), choices=[("", "---------"), *Medium.choices], required=False
    )
    data_categories = forms.MultipleChoiceField(
        label=_("Personal data affected"),
        choices=DataCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    known_on = forms.DateField(label=_("Date the business knew (知った日)"), widget=DateInput())
    persons = _persons_field()
    persons_is_upper_bound = forms.BooleanField(
        label=_("The number is an upper bound (estimate)"), required=False
    )
    is_near_miss = forms.BooleanField(
        label=_("Near miss (ヒヤリハット): no personal data left our control"),
        required=False,
        help_text=_("Untick to treat it as an accident; the determination then follows the facts below."),
    )
    role = forms.TypedChoiceField(
        label=_("Our role for the data (委託)"),
        choices=Role.choices,
        required=False,
        empty_value=Role.CONTROLLER,
    )
    contractor = forms.CharField(
        label=_("Contractor or entrusting business"),
        max_length=200,
        required=False,
        help_text=_("The business that entrusted the data to us, or our contractor where it happened."),
    )
    occurred_at_contractor = forms.BooleanField(
        label=_("It happened at our contractor, who told us (the date we knew is the day they told us)"),
        required=False,
    )
    my_number_persons = forms.IntegerField(
        label=_("Persons whose My Number data is involved"),
        required=False,
        min_value=0,
        max_value=MAX_PERSONS,
        help_text=_("Leave empty to use the number of persons above."),
    )
    pseudonymized = forms.BooleanField(
        label=_("The data is pseudonymously processed information (仮名加工情報)"), required=False
    )

    def clean_known_on(self) -> dt.date:
        value: dt.date = self.cleaned_data["known_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."))
        return value


# The tri-state facts come from the one list of ``incidents.facts``, labelled for the manager.
TriageForm.base_fields.update(
    {name: tri_state(TRIAGE_LABELS.get(name) or _field_label(name)) for name in TRI_STATE_FACTS}
)


class StatusForm(forms.Form):
    """Move an incident along the response workflow."""

    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class NoteForm(forms.Form):
    """Add a note to the timeline."""

    text = forms.CharField(label=_("Note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
