"""Pages of training for the manager and department managers: campaigns, records, courses."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mamori.core import xlsx
from mamori.core.markdown import markdown_to_html
from mamori.core.models import Organisation
from mamori.training import documents, forms, queries
from mamori.training.models import Lesson, Question
from mamori.training.services import campaigns, courses, reminders


def _require_records(request: HttpRequest) -> None:
    if not queries.can_see_records(request.user):
        raise Http404


def _organisation(request: HttpRequest) -> Organisation:
    return request.user.organisation  # type: ignore[union-attr,return-value]


def _require_manager(request: HttpRequest) -> Organisation:
    if not queries.can_manage(request.user):
        raise Http404
    return request.user.organisation  # type: ignore[union-attr,return-value]


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """List campaigns with their completion rates (department managers: their department's)."""
    _require_records(request)
    campaign_list = list(queries.campaigns_for_user(request.user))
    rates = queries.campaign_rates(request.user, campaign_list)  # one query for every campaign
    rows = [(c, rates[c.pk]) for c in campaign_list]
    return render(
        request,
        "training/manage/overview.html",
        {"rows": rows, "can_manage": queries.can_manage(request.user)},
    )


@login_required
def campaign_new(request: HttpRequest) -> HttpResponse:
    """Start a campaign: a course, who takes it and by when."""
    org = _require_manager(request)
    form = forms.CampaignForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        campaign = campaigns.campaign_create(
            organisation=org,
            actor=request.user,
            course=data["course"],
            title=data["title"],
            scope=data["scope"],
            due_date=data["due_date"],
            departments=data["departments"],
            joined_since=data["joined_since"],
        )
        messages.success(
            request,
            _("The campaign was started and assigned to %(count)d people.")
            % {"count": campaign.assignments.count()},
        )
        return redirect("training:campaign", pk=campaign.pk)
    return render(request, "training/manage/campaign_form.html", {"form": form})


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show completion and pass rates by department, who is overdue, and every record."""
    campaign = queries.get_campaign_for_user(request.user, pk)
    assignments = list(
        queries.campaign_assignments_for_user(request.user, campaign).prefetch_related("attempts")
    )
    today = timezone.localdate()
    records = [
        (a, queries.state_of(a, today), sum(1 for t in a.attempts.all() if t.submitted_at))
        for a in assignments
    ]
    return render(
        request,
        "training/manage/campaign.html",
        {
            "campaign": campaign,
            "rates": queries.rates_by_department(assignments),
            "records": records,
            "overdue": [r for r in records if r[1] == "overdue"],
            "can_manage": queries.can_manage(request.user),
        },
    )


@login_required
@require_POST
def campaign_remind(request: HttpRequest, pk: int) -> HttpResponse:
    """Mail a reminder now to everyone of the campaign who has not passed."""
    _require_manager(request)
    campaign = queries.get_campaign_for_user(request.user, pk)
    count = reminders.campaign_remind(
        campaign=campaign,
        actor=request.user,
        assignments=queries.campaign_assignments_for_user(request.user, campaign),
    )
    messages.success(request, _("A reminder was sent to %(count)d people.") % {"count": count})
    return redirect("training:campaign", pk=campaign.pk)


@login_required
def campaign_export(request: HttpRequest, pk: int) -> FileResponse:
    """Download the attendance and score records of a campaign as an Excel workbook."""
    campaign = queries.get_campaign_for_user(request.user, pk)
    assignments = list(
        queries.campaign_assignments_for_user(request.user, campaign)
        .select_related("campaign__course")
        .prefetch_related("attempts")
    )
    campaigns.records_exported(actor=request.user, target=campaign, rows=len(assignments))
    return xlsx.response(
        filename=f"training-records-{campaign.pk}.xlsx",
        title=campaign.title,
        sheets=documents.records_sheets(assignments),
    )


@login_required
def records_export(request: HttpRequest) -> FileResponse:
    """Download the records of every campaign the user may see, for the auditor (one workbook)."""
    _require_records(request)
    assignments = [
        a
        for c in queries.campaigns_for_user(request.user).order_by("due_date", "pk")
        for a in queries.campaign_assignments_for_user(request.user, c)
        .select_related("campaign__course")
        .prefetch_related("attempts")
    ]
    campaigns.records_exported(actor=request.user, target=_organisation(request), rows=len(assignments))
    return xlsx.response(
        filename=f"training-records-{timezone.localdate()}.xlsx",
        title=_("Training records"),
        sheets=documents.records_sheets(assignments),
    )


@login_required
def course_list(request: HttpRequest) -> HttpResponse:
    """List the organisation's courses for editing."""
    _require_manager(request)
    own_courses = queries.courses_for_manager(request.user)
    missing = set(courses.BUILTIN_COURSES) - set(own_courses.values_list("builtin_key", flat=True))
    return render(
        request, "training/manage/courses.html", {"courses": own_courses, "builtin_missing": bool(missing)}
    )


@login_required
@require_POST
def course_install_builtin(request: HttpRequest) -> HttpResponse:
    """Install the built-in courses for the manager's organisation (nothing changes if already there)."""
    org = _require_manager(request)
    for key in courses.BUILTIN_COURSES:
        course, created = courses.course_install_builtin(organisation=org, key=key, actor=request.user)
        if created:
            messages.success(request, _("Installed: %(title)s") % {"title": course.title})
    return redirect("training:courses")


@login_required
def course_new(request: HttpRequest) -> HttpResponse:
    """Create a course of the organisation's own (lessons and questions are added next)."""
    org = _require_manager(request)
    form = forms.CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        course = courses.course_create(organisation=org, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The course was created. Add its lessons and questions."))
        return redirect("training:course", pk=course.pk)
    return render(request, "training/manage/course_new.html", {"form": form})


@login_required
def course_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a course's settings; list its lessons, questions and images."""
    _require_manager(request)
    course = queries.get_course_for_manager(request.user, pk)
    form = forms.CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        courses.course_update(course=course, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The course was saved."))
        return redirect("training:course", pk=course.pk)
    return render(
        request,
        "training/manage/course.html",
        {
            "course": course,
            "form": form,
            "image_form": forms.ImageForm(),
            "questions": course.questions.prefetch_related("choices"),
        },
    )


@login_required
def lesson_edit(request: HttpRequest, pk: int, lesson_pk: int | None = None) -> HttpResponse:
    """Create or edit a lesson's Markdown, with a preview of the sanitised result."""
    _require_manager(request)
    course = queries.get_course_for_manager(request.user, pk)
    lesson = get_object_or_404(Lesson, pk=lesson_pk, course=course) if lesson_pk else None
    initial = (
        {"title": lesson.title, "body": lesson.body, "order": lesson.order}
        if lesson
        else {"order": course.lessons.count() + 1}
    )
    form = forms.LessonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = courses.lesson_save(course=course, actor=request.user, lesson=lesson, **form.cleaned_data)
        messages.success(request, _("The lesson was saved."))
        return redirect("training:lesson_edit", pk=course.pk, lesson_pk=saved.pk)
    preview = markdown_to_html(lesson.body) if lesson else ""
    return render(
        request,
        "training/manage/lesson_form.html",
        {"course": course, "lesson": lesson, "form": form, "preview": preview, "images": course.images.all()},
    )


@login_required
def question_edit(request: HttpRequest, pk: int, question_pk: int | None = None) -> HttpResponse:
    """Create or edit a test question and its choices."""
    _require_manager(request)
    course = queries.get_course_for_manager(request.user, pk)
    question = get_object_or_404(Question, pk=question_pk, course=course) if question_pk else None
    initial = (
        {
            "kind": question.kind,
            "order": question.order,
            "text": question.text,
            "explanation": question.explanation,
            "choices": "\n".join(f"{'* ' if c.is_correct else ''}{c.text}" for c in question.choices.all()),
        }
        if question
        else {"order": course.questions.count() + 1}
    )
    form = forms.QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        courses.question_save(
            course=course,
            actor=request.user,
            question=question,
            kind=data["kind"],
            text=data["text"],
            explanation=data["explanation"],
            order=data["order"],
            choices=data["parsed_choices"],
        )
        messages.success(request, _("The question was saved."))
        return redirect("training:course", pk=course.pk)
    return render(
        request, "training/manage/question_form.html", {"course": course, "question": question, "form": form}
    )


@login_required
@require_POST
def image_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload an image for the course's lessons and show the Markdown to insert it."""
    _require_manager(request)
    course = queries.get_course_for_manager(request.user, pk)
    form = forms.ImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            img = courses.lesson_image_upload(
                course=course, actor=request.user, file=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Uploaded. Insert it with: %(markdown)s")
                % {"markdown": f"![{img.name}](/training/images/{img.pk}/)"},
            )
    else:
        messages.error(request, _("Choose an image file."))
    return redirect("training:course", pk=course.pk)
