"""Forms of incident response: the chain steps (manager) and the tasks (manager and owner)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mamori.accounts.models import Role, User
from mamori.incidents.forms import DateInput
from mamori.response.models import ChainRole, ChainStep, Phase

ROLE_RESOLVED = {ChainRole.MANAGER, ChainRole.EXECUTIVE, ChainRole.DEPARTMENT_MANAGER}
MAX_ACK_MINUTES = 7 * 24 * 60


def _people(organisation_id: int) -> Any:
    return User.objects.filter(organisation_id=organisation_id, is_active=True).order_by("username")


class ChainStepForm(forms.ModelForm):
    """One step of the emergency chain: a person of the organisation or an outside address, and a fallback."""

    class Meta:
        model = ChainStep
        fields = ["order", "role", "user", "email", "fallback_user", "fallback_email", "ack_minutes"]

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation_id = organisation_id
        for name in ("user", "fallback_user"):
            self.fields[name].queryset = _people(organisation_id)  # type: ignore[attr-defined]
        self.fields["order"].widget.attrs["min"] = 1
        self.fields["ack_minutes"].widget.attrs.update({"min": 1, "max": MAX_ACK_MINUTES})
        self.fields["user"].help_text = _(
            "Leave both empty for the managers, top management or the incident's department manager."
        )

    def clean_order(self) -> int:
        order: int = self.cleaned_data["order"]
        if order < 1:
            raise forms.ValidationError(_("The order starts at 1."))
        taken = ChainStep.objects.filter(organisation_id=self.organisation_id, order=order)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another step has this order."))
        return order

    def clean_ack_minutes(self) -> int:
        minutes: int = self.cleaned_data["ack_minutes"]
        if not 1 <= minutes <= MAX_ACK_MINUTES:
            raise forms.ValidationError(_("Give between 1 minute and 7 days."))
        return minutes

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if data.get("user") and data.get("email"):
            self.add_error("email", _("Choose a person or an outside address, not both."))
        if data.get("fallback_user") and data.get("fallback_email"):
            self.add_error("fallback_email", _("Choose a person or an outside address, not both."))
        role = data.get("role")
        if role and role not in ROLE_RESOLVED and not data.get("user") and not data.get("email"):
            self.add_error("user", _("Choose the person or give the outside address for this role."))
        return data


OWNERS_LIST = "task-owners"


def owner_candidates(organisation_id: int, department_id: int | None, current: Any = None) -> Any:
    """Return who may own an incident's task: the incident's department, the managers, the current owner."""
    scope = Q(role=Role.MANAGER)
    if department_id:
        scope |= Q(department_id=department_id)
    if getattr(current, "pk", None):
        scope |= Q(pk=current.pk)
    return User.objects.filter(scope, organisation_id=organisation_id, is_active=True).order_by("username")


class OwnerField(forms.CharField):
    """A search field for the owner (user name, suggested from one list per page), checked in one query."""

    def __init__(self, **kwargs: Any) -> None:
        attrs = {"list": OWNERS_LIST, "autocomplete": "off", "size": 14}
        super().__init__(widget=forms.TextInput(attrs=attrs), max_length=150, **kwargs)
        self.candidates: Any = User.objects.none()

    def prepare_value(self, value: Any) -> Any:
        return value.get_username() if isinstance(value, User) else value

    def clean(self, value: Any) -> User | None:
        name = (super().clean(value) or "").strip()
        if not name:
            return None
        user = self.candidates.filter(username=name).first()
        if user is None:
            raise forms.ValidationError(
                _("%(name)s is not in the incident's department or a manager.") % {"name": name}
            )
        return user


class TaskForm(forms.Form):
    """The owner, due date and done mark of one response task."""

    owner = OwnerField(label=_("Owner"), required=False)
    due_on = forms.DateField(label=_("Due date"), required=False, widget=DateInput())
    done = forms.BooleanField(label=_("Done"), required=False)

    def __init__(
        self,
        *args: Any,
        organisation_id: int,
        department_id: int | None = None,
        current_owner: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["owner"]
        field.candidates = owner_candidates(organisation_id, department_id, current_owner)


class TaskAddForm(TaskForm):
    """A hand-made task added by the manager."""

    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)
    title = forms.CharField(label=_("Task"), max_length=300)

    field_order = ["phase", "title", "owner", "due_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["done"]
