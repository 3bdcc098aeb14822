"""Forms of training: courses, lessons, campaigns, the test, rules and the HR import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mamori.core.forms import DateInput
from mamori.core.models import Department, Organisation
from mamori.training import rules
from mamori.training.models import Attempt, Campaign, Course, Question


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = ["title", "summary", "pass_mark", "questions_per_attempt", "max_attempts", "is_active"]

    def clean_pass_mark(self) -> int:
        value = self.cleaned_data["pass_mark"]
        if not 1 <= value <= 100:
            raise forms.ValidationError(_("The pass mark is a percentage from 1 to 100."))
        return value


class LessonForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    order = forms.IntegerField(label=_("order"), min_value=0, max_value=999, initial=0)
    body = forms.CharField(
        label=_("text (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_("Markdown: ## heading, **bold**, - list, | table |, ![text](image address)."),
    )


class ImageForm(forms.Form):
    file = forms.FileField(label=_("image (PNG, JPEG or GIF, up to 5 MB)"))


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    course = forms.ModelChoiceField(label=_("course"), queryset=Course.objects.none())
    scope = forms.ChoiceField(label=_("who"), choices=Campaign.Scope.choices)
    departments = forms.ModelMultipleChoiceField(
        label=_("departments"),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    joined_since = forms.DateField(label=_("joined on or after"), required=False, widget=DateInput)
    due_date = forms.DateField(label=_("due date"), widget=DateInput)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation, is_active=True
        )
        self.fields["departments"].queryset = Department.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        scope = data.get("scope")
        if scope == Campaign.Scope.DEPARTMENTS and not data.get("departments"):
            self.add_error("departments", _("Choose at least one department."))
        if scope == Campaign.Scope.NEW_JOINERS and not data.get("joined_since"):
            self.add_error("joined_since", _("Give the date from which joiners are new."))
        due = data.get("due_date")
        if due and due < timezone.localdate():
            self.add_error("due_date", _("The due date is in the past."))
        return data


def attempt_form(attempt: Attempt, data: Any = None) -> forms.Form:
    """Build the test form of an attempt: questions and choices in the attempt's seeded order."""
    questions = {
        q.pk: q for q in Question.objects.filter(pk__in=attempt.question_ids).prefetch_related("choices")
    }
    form = forms.Form(data)
    for number, qid in enumerate(attempt.question_ids, start=1):
        q = questions.get(qid)
        if q is None:
            continue
        by_id = {c.pk: c for c in q.choices.all()}
        order = rules.choice_order(
            attempt.seed, q.pk, list(by_id), shuffle=q.kind != Question.Kind.TRUE_FALSE
        )
        choices = [(str(cid), by_id[cid].text) for cid in order]
        label = f"{number}. {q.text}"
        field: forms.Field
        if q.kind == Question.Kind.MULTIPLE:
            field = forms.MultipleChoiceField(
                label=label,
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                help_text=_("Choose every correct answer."),
                error_messages={"required": _("Answer this question.")},
            )
        else:
            field = forms.ChoiceField(
                label=label,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Answer this question.")},
            )
        form.fields[f"q{q.pk}"] = field
    return form


def answers_from(form: forms.Form) -> dict[int, list[int]]:
    """Return question id -> chosen choice ids from a valid test form."""
    out: dict[int, list[int]] = {}
    for name, value in form.cleaned_data.items():
        values = value if isinstance(value, list) else [value]
        out[int(name[1:])] = [int(v) for v in values]
    return out


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Question.Kind.choices)
    order = forms.IntegerField(label=_("order"), min_value=0, max_value=999, initial=0)
    text = forms.CharField(label=_("question"), widget=forms.Textarea(attrs={"rows": 3}))
    choices = forms.CharField(
        label=_("choices"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One choice per line; start the correct ones with * (for example: * 正しい)."),
    )
    explanation = forms.CharField(label=_("explanation"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        raw = data.get("choices") or ""
        parsed = []
        for line in raw.splitlines():
            text = line.strip()
            if not text:
                continue
            correct = text.startswith("*")
            text = text.lstrip("*").strip()
            if text:
                parsed.append((text[:500], correct))
        correct_count = sum(1 for _text, ok in parsed if ok)
        kind = data.get("kind")
        if len(parsed) < 2:
            self.add_error("choices", _("Give at least two choices."))
        elif kind == Question.Kind.MULTIPLE and correct_count < 1:
            self.add_error("choices", _("Mark at least one correct choice with *."))
        elif kind != Question.Kind.MULTIPLE and correct_count != 1:
            self.add_error("choices", _("Mark exactly one correct choice with *."))
        if kind == Question.Kind.TRUE_FALSE and len(parsed) != 2:
            self.add_error("choices", _("A true-or-false question has exactly two choices."))
        data["parsed_choices"] = parsed
        return data
