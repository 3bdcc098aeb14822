"""The management review pack (JIS Q 15001:2023 9.3 / 指針 J.6.3): every input with mamori's figures.

Figures are counted for the review's period (inclusive dates, Asia/Tokyo) straight from the records:
incidents by the day the business knew, training by due date, mail-guard holds by the day received,
corrective actions by creation day, audits by the day conducted. Top management records a decision per
input ("not applicable this time" needs a reason); decisions become actions with an owner and a due date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mamori.accounts.models import Role
from mamori.audits import catalogue, ledger_data
from mamori.audits.models import (
    Audit,
    CorrectiveAction,
    Finding,
    Grade,
    ManagementReview,
    ReviewAction,
    ReviewInput,
)
from mamori.audits.operation import yearly_summary
from mamori.core.models import Organisation
from mamori.core.services import log_action

Figures = list[tuple[str, Any]]


def _day_range(field: str, start: dt.date, end: dt.date) -> Q:
    tz = timezone.get_current_timezone()
    low = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return Q(**{f"{field}__gte": low, f"{field}__lt": high})


def _audits(org: Organisation, start: dt.date, end: dt.date) -> Figures:
    audits = Audit.objects.filter(programme__organisation=org, conducted_on__range=(start, end))
    findings = Finding.objects.filter(audit__in=audits)
    figures: Figures = [("監査実施数", audits.count())]
    figures += [(str(grade.label), findings.filter(grade=grade).count()) for grade in Grade]
    return figures


def _incidents(org: Organisation, start: dt.date, end: dt.date) -> Figures:
    from mamori.incidents.models import Incident

    qs = Incident.objects.filter(organisation=org, known_on__range=(start, end))
    return [
        ("事故等", qs.filter(is_near_miss=False).count()),
        ("ヒヤリハット", qs.filter(is_near_miss=True).count()),
    ]


def _outside(org: Organisation, start: dt.date, end: dt.date) -> Figures:
    from mamori.incidents.models import Incident

    qs = Incident.objects.filter(
        organisation=org,
        known_on__range=(start, end),
        discovered_by__in=["individual", "outside", "recipient"],
    )
    return [("本人・外部からの指摘による事故等", qs.count())]


def _training(org: Organisation, start: dt.date, end: dt.date) -> Figures:
    from mamori.training.models import Assignment

    qs = Assignment.objects.filter(campaign__organisation=org, due_date__range=(start, end))
    return [("受講対象", qs.count()), ("修了", qs.filter(passed_at__isnull=False).count())]


def _mailguard(org: Organisation, start: dt.date, end: dt.date) -> Figures:
    from mamori.mailguard.models import HeldMessage, State

    qs = HeldMessage.objects.filter(_day_range("created_at", start, end), organisation=org)
    near = qs.filter(state__in=[State.CANCELLED, State.REJECTED]).count()
    return [("保留・承認対象メール", qs.count()), ("取消・却下（ヒヤリハット）", near)]


def _actions(org: Organisation, start: dt.date, end: dt.date) -> Figures:
    qs = CorrectiveAction.objects.filter(_day_range("created_at", start, end), organisation=org)
    return [
        ("是正処置（新規）", qs.count()),
        ("実施済み", qs.filter(completed_on__isnull=False).count()),
        ("有効性確認済み（有効）", qs.filter(effective=True).count()),
        ("完了（クローズ）", qs.filter(closed_on__isnull=False).count()),
    ]


def _previous(org: Organisation, start: dt.date) -> Figures:
    previous = (
        ManagementReview.objects.filter(organisation=org, period_end__lt=start)
        .order_by("-period_end")
        .first()
    )
    if previous is None:
        return [("前回のレビュー", "なし")]
    actions = previous.actions.all()
    return [("前回の決定事項", actions.count()), ("完了", actions.filter(done_on__isnull=False).count())]


#: The national figures beside our own (JIPDEC's accident reports): ``provider(end) -> Figures``. The
#: statistics app owns them and sits on this app's layer, so ``mamori.portal`` wires it in.
_national_providers: list[Callable[[dt.date], Figures]] = []


def register_national_figures(provider: Callable[[dt.date], Figures]) -> None:
    """Add a source of national figures for the "changes in the environment" input."""
    if provider not in _national_providers:
        _national_providers.append(provider)


def _environment(start: dt.date, end: dt.date) -> Figures:
    figures: Figures = [row for provider in _national_providers for row in provider(end)]
    figures.append(
        ("個人情報保護委員会 年次報告", "https://www.ppc.go.jp/aboutus/report/ （要確認：期間の件数を記入）")
    )
    return figures


def _operation(org: Organisation, start: dt.date, end: dt.date) -> Figures:
    summary = yearly_summary(org, start, end)
    return [("予定", summary["due"]), ("実施", summary["done"]), ("不備の項目", summary["items_not_met"])]


def _improvements(org: Organisation, start: dt.date, end: dt.date) -> Figures:
    qs = Finding.objects.filter(audit__programme__organisation=org, audit__conducted_on__range=(start, end))
    return [
        ("改善の機会", qs.filter(grade=Grade.OPPORTUNITY).count()),
        ("良い点", qs.filter(grade=Grade.GOOD).count()),
    ]


def figures_for(org: Organisation, code: str, start: dt.date, end: dt.date) -> Figures:
    """Return the figures of one review input for a period."""
    table = {
        "audit_results": lambda: _audits(org, start, end),
        "operation_results": lambda: _operation(org, start, end),
        "outside_opinions": lambda: _outside(org, start, end),
        "previous_review": lambda: _previous(org, start),
        "environment_changes": lambda: _environment(start, end),
        "business_changes": lambda: ledger_data.business_changes(org, start, end),
        "improvement_proposals": lambda: _improvements(org, start, end),
        "risks": lambda: ledger_data.risk_status(org, end),
        "incidents": lambda: _incidents(org, start, end),
        "training": lambda: _training(org, start, end),
        "mailguard": lambda: _mailguard(org, start, end),
        "corrective_actions": lambda: _actions(org, start, end),
    }
    return table[code]() if code in table else []


@transaction.atomic
def review_create(
    *, organisation: Organisation, period_start: dt.date, period_end: dt.date, actor: Any
) -> ManagementReview:
    """Generate a review pack for a period with every input of the 指針 and its figures."""
    if period_end < period_start:
        raise ValueError("the period ends before it starts")
    review = ManagementReview.objects.create(
        organisation=organisation, period_start=period_start, period_end=period_end
    )
    ReviewInput.objects.bulk_create(
        ReviewInput(
            review=review,
            order=i,
            code=item.code,
            title=item.title,
            figures=[
                [label, value]
                for label, value in figures_for(organisation, item.code, period_start, period_end)
            ],
        )
        for i, item in enumerate(catalogue.REVIEW_INPUTS, start=1)
    )
    log_action(
        review,
        "audits.review.created",
        actor=actor,
        data={"start": period_start.isoformat(), "end": period_end.isoformat()},
    )
    return review


@transaction.atomic
def review_decide(
    *,
    review_input: ReviewInput,
    actor: Any,
    decision: str = "",
    not_applicable: bool = False,
    reason: str = "",
) -> ReviewInput:
    """Record top management's decision on one input; "not applicable" needs a reason."""
    if getattr(actor, "role", None) != Role.EXECUTIVE:
        raise ValueError("only top management decides")
    if not_applicable and not reason.strip():
        raise ValueError("「今回は該当なし」には理由が必要です。")
    if not not_applicable and not decision.strip():
        raise ValueError("決定事項を記入してください。")
    review_input.decision, review_input.not_applicable, review_input.reason = decision, not_applicable, reason
    review_input.save(update_fields=["decision", "not_applicable", "reason"])
    log_action(review_input.review, "audits.review.decided", actor=actor, data={"input": review_input.code})
    return review_input


@transaction.atomic
def review_action_add(
    *, review_input: ReviewInput, actor: Any, description: str, owner: Any, due_on: dt.date
) -> ReviewAction:
    """Turn a decision into an action with an owner and a due date."""
    if owner.organisation_id != review_input.review.organisation_id:
        raise ValueError("the owner belongs to another organisation")
    action = ReviewAction.objects.create(
        review=review_input.review,
        review_input=review_input,
        description=description,
        owner=owner,
        due_on=due_on,
    )
    log_action(review_input.review, "audits.review.action_added", actor=actor, data={"action": action.pk})
    return action


@transaction.atomic
def review_action_done(*, action: ReviewAction, actor: Any, done_on: dt.date) -> ReviewAction:
    """Mark a review action done (its owner or the 個人情報保護管理者); followed up in the next review."""
    if actor.pk != action.owner_id and getattr(actor, "role", None) != Role.MANAGER:
        raise ValueError("only the owner or the privacy manager marks the action done")
    action.done_on = done_on
    action.save(update_fields=["done_on"])
    log_action(action.review, "audits.review.action_done", actor=actor, data={"action": action.pk})
    return action


@transaction.atomic
def review_approve(*, review: ManagementReview, actor: Any, held_on: dt.date) -> ManagementReview:
    """Close the review: every input has a decision (or a reasoned "not applicable")."""
    if getattr(actor, "role", None) != Role.EXECUTIVE:
        raise ValueError("only top management approves the review")
    missing = [i.title for i in review.inputs.all() if not i.decided]
    if missing:
        raise ValueError("決定のないインプットがあります：" + "、".join(missing))
    review.held_on, review.approved_by = held_on, actor
    review.save(update_fields=["held_on", "approved_by"])
    log_action(review, "audits.review.approved", actor=actor)
    return review
