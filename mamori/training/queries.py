"""Permission-scoped reads of training: one getter per object type, so an outsider gets 404 everywhere."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from mamori.accounts.models import Role, User
from mamori.rulebook import queries as rulebook_queries
from mamori.training import rules
from mamori.training.models import (
    Assignment,
    Attempt,
    Campaign,
    Course,
    LessonImage,
)


def _member(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.organisation_id is not None)


def can_manage(user: Any) -> bool:
    """Return whether ``user`` manages courses, campaigns, rules and the HR import (the PMS manager)."""
    return _member(user) and user.is_pms_manager


def can_see_records(user: Any) -> bool:
    """Return whether ``user`` sees training records of others (whole organisation or own department)."""
    return _member(user) and (user.sees_whole_organisation or user.role == Role.DEPARTMENT_MANAGER)


def _get(qs: QuerySet[Any], pk: Any, what: str) -> Any:
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404(f"No such {what}") from None


def courses_for_manager(user: Any) -> QuerySet[Course]:
    """Return the courses the user may edit (the manager's organisation's)."""
    if not can_manage(user):
        return Course.objects.none()
    return Course.objects.filter(organisation_id=user.organisation_id)


def get_course_for_manager(user: Any, pk: Any) -> Course:
    """Return one editable course or raise 404."""
    return _get(courses_for_manager(user), pk, "course")


def get_image_for_user(user: Any, pk: Any) -> LessonImage:
    """Return a lesson image of the user's organisation or raise 404."""
    if not _member(user):
        raise Http404("No such image")
    return _get(LessonImage.objects.filter(organisation_id=user.organisation_id), pk, "image")


def assignments_for_user(user: Any) -> QuerySet[Assignment]:
    """Return the user's own assignments, nearest due date first."""
    if not _member(user):
        return Assignment.objects.none()
    return Assignment.objects.filter(
        user=user, campaign__organisation_id=user.organisation_id
    ).select_related("campaign", "campaign__course")


def get_assignment_for_user(user: Any, pk: Any) -> Assignment:
    """Return one of the user's own assignments or raise 404."""
    return _get(assignments_for_user(user), pk, "assignment")


def get_attempt_for_user(user: Any, pk: Any) -> Attempt:
    """Return one of the user's own attempts or raise 404."""
    if not _member(user):
        raise Http404("No such attempt")
    qs = Attempt.objects.filter(
        assignment__user=user, assignment__campaign__organisation_id=user.organisation_id
    ).select_related("assignment", "assignment__campaign", "assignment__campaign__course")
    return _get(qs, pk, "attempt")


def campaigns_for_user(user: Any) -> QuerySet[Campaign]:
    """Return the campaigns whose records ``user`` may see (department managers: their department's)."""
    if not can_see_records(user):
        return Campaign.objects.none()
    qs = Campaign.objects.filter(organisation_id=user.organisation_id).select_related("course")
    if user.sees_whole_organisation:
        return qs
    return qs.filter(assignments__department_id=user.department_id).distinct()


def get_campaign_for_user(user: Any, pk: Any) -> Campaign:
    """Return one campaign the user may see or raise 404."""
    return _get(campaigns_for_user(user), pk, "campaign")


def campaign_assignments_for_user(user: Any, campaign: Campaign) -> QuerySet[Assignment]:
    """Return the assignments of ``campaign`` the user may see."""
    qs = campaign.assignments.select_related("user", "department").order_by(
        "department__name", "user__username"
    )
    if user.sees_whole_organisation:
        return qs
    return qs.filter(department_id=user.department_id)


def state_of(assignment: Assignment, today: dt.date | None = None) -> rules.State:
    """Return the state of one assignment today."""
    return rules.assignment_state(
        due=assignment.due_date, passed_on=assignment.passed_on, today=today or timezone.localdate()
    )


def rates_by_department(assignments: Iterable[Assignment]) -> list[tuple[str, rules.Rate]]:
    """Return the completion rate per department name (and the total last), leaving out leavers not passed."""
    assignments = list(assignments)
    today = timezone.localdate()
    groups: dict[str, list[tuple[rules.State, bool]]] = defaultdict(list)
    every: list[tuple[rules.State, bool]] = []
    tried = set(
        Attempt.objects.filter(
            assignment__in=[a.pk for a in assignments], submitted_at__isnull=False
        ).values_list("assignment_id", flat=True)
    )
    for a in assignments:
        if not a.user.is_active and a.passed_at is None:
            continue  # a leaver who never passed is no longer due; the record stays in the export
        item = (state_of(a, today), a.pk in tried)
        groups[a.department.name if a.department else "-"].append(item)
        every.append(item)
    rows = [(name, rules.completion(states)) for name, states in sorted(groups.items())]
    rows.append(("", rules.completion(every)))
    return rows


def campaign_rates(user: Any, campaigns: Iterable[Campaign]) -> dict[int, rules.Rate]:
    """Return each campaign's completion rate as ``rates_by_department`` totals it, counted in one query."""
    ids = [c.pk for c in campaigns]
    qs = Assignment.objects.filter(campaign_id__in=ids).filter(
        Q(user__is_active=True) | Q(passed_at__isnull=False)
    )
    if not user.sees_whole_organisation:
        qs = qs.filter(department_id=user.department_id)
    today = timezone.localdate()
    tried = Exists(Attempt.objects.filter(assignment=OuterRef("pk"), submitted_at__isnull=False))
    done = Q(passed_at__isnull=False)
    rows = (
        qs.annotate(tried=tried)
        .values("campaign_id")
        .annotate(
            assigned=Count("id"),
            passed_count=Count("id", filter=done),
            overdue=Count("id", filter=Q(passed_at__isnull=True, due_date__lt=today)),
            attempted=Count("id", filter=done | Q(tried=True)),
        )
        .order_by()
    )
    rates = {
        r["campaign_id"]: rules.Rate(
            assigned=r["assigned"], passed=r["passed_count"], overdue=r["overdue"], attempted=r["attempted"]
        )
        for r in rows
    }
    return {pk: rates.get(pk, rules.Rate(assigned=0, passed=0, overdue=0)) for pk in ids}


def users_in_scope(campaign: Campaign) -> QuerySet[User]:
    """Return the active users of the organisation the campaign applies to."""
    qs = User.objects.filter(organisation_id=campaign.organisation_id, is_active=True).exclude(
        hr_profile__left_on__lte=timezone.localdate()
    )
    if campaign.scope == Campaign.Scope.DEPARTMENTS:
        qs = qs.filter(department__in=campaign.departments.all())
    elif campaign.scope == Campaign.Scope.NEW_JOINERS and campaign.joined_since:
        since = campaign.joined_since
        qs = qs.filter(
            Q(hr_profile__joined_on__gte=since)
            | Q(hr_profile__joined_on__isnull=True, date_joined__date__gte=since)
        )
    return qs


#: Where the "our company" chapter gets the emergency chain from. Training does not import the response
#: app (both are consumers of the register); the composition layer (``portal``) registers
#: ``response.queries.chain_for_user`` here. Without a provider the chapter shows no chain.
_CHAIN_PROVIDERS: list[Callable[[Any], Iterable[Any]]] = []


def register_chain_provider(provider: Callable[[Any], Iterable[Any]]) -> None:
    """Set the function that returns the steps of the user's emergency chain (``get_role_display``, ``user``)."""
    _CHAIN_PROVIDERS[:] = [provider]


def emergency_chain(user: Any) -> list[tuple[str, str]] | None:
    """Return the emergency contact chain as (role, person) pairs, or None when no app provides one.

    Outside contacts are shown by role only: their addresses are for the chain's mails, not for this page.
    """
    if not _CHAIN_PROVIDERS:
        return None
    steps = []
    for step in _CHAIN_PROVIDERS[0](user):
        role = step.get_role_display() if hasattr(step, "get_role_display") else str(step)
        person = getattr(step, "user", None)
        steps.append((str(role), str(person) if person else ""))
    return steps


def our_company(user: Any) -> dict[str, Any]:
    """Return the live facts of the "our company" chapter: who holds each role, rules in force, contacts."""
    organisation_id = user.organisation_id
    users = (
        User.objects.filter(organisation_id=organisation_id, is_active=True)
        .exclude(role=Role.EMPLOYEE)
        .select_related("department")
        .order_by("username")
    )
    order = [Role.EXECUTIVE, Role.MANAGER, Role.AUDITOR, Role.DEPARTMENT_MANAGER]
    roles = [(Role(role).label, [u for u in users if u.role == role]) for role in order]
    return {
        "roles": roles,
        "rules_in_force": rulebook_queries.rules_in_force(organisation_id),
        "emergency_chain": emergency_chain(user),
    }
