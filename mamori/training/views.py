"""Pages of training for employees: what is due, lessons, the test, results and the certificate."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mamori.core.markdown import markdown_to_html
from mamori.rulebook import queries as rulebook_queries
from mamori.training import documents, forms, queries, rules
from mamori.training.models import Attempt, Lesson, Question
from mamori.training.services import attempts, campaigns


@login_required
def my_training(request: HttpRequest) -> HttpResponse:
    """List what is due for the user, progress, results and certificates; and rules to acknowledge."""
    if request.user.organisation_id is None:  # type: ignore[union-attr]
        raise Http404
    today = timezone.localdate()
    rows = []
    for a in queries.assignments_for_user(request.user).prefetch_related("attempts"):
        lessons = a.campaign.course.lessons.count()
        rows.append(
            {
                "a": a,
                "state": queries.state_of(a, today),
                "progress": (len(a.lessons_read) * 100 // lessons) if lessons else 100,
                "attempts": [t for t in a.attempts.all() if t.submitted_at],
            }
        )
    return render(
        request,
        "training/mine.html",
        {
            "rows": rows,
            "unacknowledged": rulebook_queries.unacknowledged_for_user(request.user),
            "can_see_records": queries.can_see_records(request.user),
            "can_manage": queries.can_manage(request.user),
        },
    )


@login_required
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a course to its assignee: lessons with progress, the test, attempts and the certificate."""
    a = queries.get_assignment_for_user(request.user, pk)
    course = a.campaign.course
    tries = list(a.attempts.all())
    open_attempt = next((t for t in tries if t.submitted_at is None), None)
    return render(
        request,
        "training/assignment.html",
        {
            "a": a,
            "course": course,
            "lessons": course.lessons.all(),
            "read": set(a.lessons_read),
            "attempts": [t for t in tries if t.submitted_at],
            "open_attempt": open_attempt,
            "state": queries.state_of(a),
            "may_start": open_attempt is None
            and rules.may_start_attempt(
                attempts_used=len(tries), max_attempts=course.max_attempts, passed=a.passed
            ),
        },
    )


@login_required
def lesson_detail(request: HttpRequest, pk: int, lesson_pk: int) -> HttpResponse:
    """Show one lesson (the "our company" chapter rendered from live data) and count it as read."""
    a = queries.get_assignment_for_user(request.user, pk)
    lesson = get_object_or_404(Lesson, pk=lesson_pk, course_id=a.campaign.course_id)
    campaigns.assignment_mark_read(assignment=a, lesson=lesson)
    lessons = list(a.campaign.course.lessons.all())
    index = lessons.index(lesson)
    context: dict[str, Any] = {
        "a": a,
        "lesson": lesson,
        "previous": lessons[index - 1] if index > 0 else None,
        "next": lessons[index + 1] if index + 1 < len(lessons) else None,
    }
    if lesson.kind == Lesson.Kind.OUR_COMPANY:
        context.update(queries.our_company(request.user))
        context["organisation"] = a.campaign.organisation
    context["html"] = markdown_to_html(lesson.body)
    return render(request, "training/lesson.html", context)


@login_required
@require_POST
def attempt_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Start (or resume) an attempt at the test."""
    a = queries.get_assignment_for_user(request.user, pk)
    try:
        attempt = attempts.attempt_start(assignment=a, actor=request.user)
    except attempts.AttemptNotAllowed:
        messages.error(request, _("No more attempts are possible for this course."))
        return redirect("training:assignment", pk=a.pk)
    return redirect("training:attempt", pk=attempt.pk)


@login_required
def attempt_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the test of an open attempt and score it on submit; show the result of a submitted one."""
    attempt = queries.get_attempt_for_user(request.user, pk)
    if attempt.submitted_at is not None:
        return _result(request, attempt)
    form = forms.attempt_form(attempt, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            attempts.attempt_submit(attempt=attempt, actor=request.user, answers=forms.answers_from(form))
            return redirect("training:attempt", pk=attempt.pk)
        messages.error(request, _("Please answer every question."))
    return render(
        request, "training/attempt.html", {"attempt": attempt, "form": form, "a": attempt.assignment}
    )


def _result(request: HttpRequest, attempt: Attempt) -> HttpResponse:
    questions = {
        q.pk: q for q in Question.objects.filter(pk__in=attempt.question_ids).prefetch_related("choices")
    }
    keys = {k.id: k.correct for k in attempts.answer_keys(attempt.question_ids)}
    items = []
    for number, qid in enumerate(attempt.question_ids, start=1):
        q = questions.get(qid)
        if q is None:
            continue
        chosen = set(attempt.answers.get(str(qid), []))
        items.append(
            {
                "number": number,
                "question": q,
                "right": chosen == set(keys[qid]),
                "choices": [(c, c.pk in chosen, c.is_correct) for c in q.choices.all()],
            }
        )
    a = attempt.assignment
    return render(
        request,
        "training/result.html",
        {
            "attempt": attempt,
            "a": a,
            "items": items,
            "may_retry": not a.passed
            and rules.may_start_attempt(
                attempts_used=a.attempts.count(), max_attempts=a.campaign.course.max_attempts, passed=a.passed
            ),
        },
    )


@login_required
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    """Return the certificate PDF of a passed assignment."""
    a = queries.get_assignment_for_user(request.user, pk)
    if not a.passed:
        raise Http404("Not passed yet")
    pdf = documents.certificate_pdf(a, a.campaign.organisation.name)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{a.pk}.pdf"'
    return response


@login_required
def image(request: HttpRequest, pk: int) -> FileResponse:
    """Serve a lesson image to a logged-in member of its organisation."""
    img = queries.get_image_for_user(request.user, pk)
    response = FileResponse(img.file.open("rb"), content_type=img.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
