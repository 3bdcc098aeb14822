"""The management review pack counts what the records say; decisions, actions and closing rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from mamori.audits import operation, review
from mamori.audits import services as ca_services
from mamori.audits.models import CorrectiveAction, Grade, ReviewInput
from mamori.incidents.models import Incident
from mamori.mailguard.models import HeldMessage, State
from mamori.testing import factories
from mamori.testing.audits import seed_company
from mamori.training.models import Assignment, Campaign
from mamori.training.services import campaigns as training_campaigns
from mamori.training.services import courses as training_courses

pytestmark = pytest.mark.django_db
START, END = dt.date(2025, 4, 1), dt.date(2026, 3, 31)


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=timezone.get_current_timezone())


def held(org, day: dt.date, state: str) -> None:
    msg = HeldMessage.objects.create(
        organisation=org, mail_from="a@example.com", digest="x", verdict="hold", state=state
    )
    HeldMessage.objects.filter(pk=msg.pk).update(created_at=at(day))


@pytest.fixture
def year():
    """A fixture year with records inside and just outside FY2025."""
    c = seed_company()
    for day, near in [
        (dt.date(2025, 4, 1), False),
        (dt.date(2025, 9, 9), True),
        (dt.date(2026, 3, 31), False),
        (dt.date(2025, 3, 31), False),
        (dt.date(2026, 4, 1), True),
    ]:
        factories.make_incident(c.staff[0], discovered_at=at(day), is_near_miss=near)
    for day, state in [
        (dt.date(2025, 6, 1), State.CANCELLED),
        (dt.date(2025, 6, 2), State.DELIVERED),
        (dt.date(2025, 12, 1), State.REJECTED),
        (dt.date(2026, 4, 1), State.CANCELLED),
    ]:
        held(c.org, day, state)
    course, _ = training_courses.course_install_builtin(organisation=c.org, key="privacy-basics")
    training_campaigns.campaign_create(
        organisation=c.org,
        actor=c.manager,
        course=course,
        title="FY2025",
        scope=Campaign.Scope.EVERYONE,
        due_date=dt.date(2025, 9, 30),
    )
    Assignment.objects.filter(user__in=c.staff[:3]).update(passed_at=at(dt.date(2025, 9, 1)))
    for day in (dt.date(2025, 5, 1), dt.date(2026, 5, 1)):
        ca = ca_services.corrective_action_create(
            actor=c.manager,
            title="誤送信対策",
            cause_analysis="確認不足",
            action="二重確認",
            owner=c.manager,
            due_on=day,
        )
        CorrectiveAction.objects.filter(pk=ca.pk).update(created_at=at(day))
    return c


def figures(pack, code: str) -> dict:
    return dict(pack.inputs.get(code=code).figures)


def test_the_pack_has_every_input_and_counts_equal_direct_counts(year):
    pack = review.review_create(organisation=year.org, period_start=START, period_end=END, actor=year.manager)
    assert pack.inputs.count() == 14
    incidents = Incident.objects.filter(organisation=year.org, known_on__range=(START, END))
    assert (
        figures(pack, "incidents")
        == {
            "事故等": incidents.filter(is_near_miss=False).count(),
            "ヒヤリハット": incidents.filter(is_near_miss=True).count(),
        }
        == {"事故等": 2, "ヒヤリハット": 1}
    )
    mails = [
        m
        for m in HeldMessage.objects.filter(organisation=year.org)
        if START <= timezone.localdate(m.created_at) <= END
    ]
    assert (
        figures(pack, "mailguard")
        == {
            "保留・承認対象メール": len(mails),
            "取消・却下（ヒヤリハット）": sum(m.state in (State.CANCELLED, State.REJECTED) for m in mails),
        }
        == {"保留・承認対象メール": 3, "取消・却下（ヒヤリハット）": 2}
    )
    assignments = Assignment.objects.filter(campaign__organisation=year.org)
    assert figures(pack, "training") == {"受講対象": assignments.count(), "修了": 3}
    assert figures(pack, "corrective_actions")["是正処置（新規）"] == 1
    national = figures(pack, "environment_changes")
    assert any(label.startswith("JIPDEC") and value for label, value in national.items())


def test_not_applicable_needs_a_reason_and_the_review_closes_when_all_are_decided(year):
    pack = review.review_create(organisation=year.org, period_start=START, period_end=END, actor=year.manager)
    first = pack.inputs.first()
    with pytest.raises(ValueError, match="理由"):
        review.review_decide(review_input=first, actor=year.executive, not_applicable=True)
    with pytest.raises(ValueError):
        review.review_decide(review_input=first, actor=year.manager, decision="継続")
    with pytest.raises(ValueError, match="決定のない"):
        review.review_approve(review=pack, actor=year.executive, held_on=END)
    for item in pack.inputs.all():
        review.review_decide(review_input=item, actor=year.executive, decision="現状維持")
    action = review.review_action_add(
        review_input=first,
        actor=year.executive,
        description="監査員を2名増やす",
        owner=year.manager,
        due_on=END + dt.timedelta(days=60),
    )
    review.review_approve(review=pack, actor=year.executive, held_on=END)
    assert pack.approved_by == year.executive and action.owner == year.manager
    with pytest.raises(ValueError):
        review.review_action_done(action=action, actor=year.staff[0], done_on=END)
    review.review_action_done(action=action, actor=year.manager, done_on=END + dt.timedelta(days=20))
    follow_up = review.review_create(
        organisation=year.org,
        period_start=END + dt.timedelta(days=1),
        period_end=END + dt.timedelta(days=365),
        actor=year.manager,
    )
    assert dict(follow_up.inputs.get(code="previous_review").figures) == {"前回の決定事項": 1, "完了": 1}
    assert ReviewInput.objects.filter(review=pack, decision="現状維持").count() == 14


def test_a_corrective_action_closes_only_after_an_effective_review(year):
    ca = CorrectiveAction.objects.first()
    with pytest.raises(ValueError, match="effectiveness"):
        ca_services.corrective_action_close(ca=ca, actor=year.manager, closed_on=END)
    ca_services.corrective_action_complete(ca=ca, actor=year.manager, completed_on=END)
    ca_services.corrective_action_review(ca=ca, actor=year.manager, reviewed_on=END, effective=False)
    with pytest.raises(ValueError):
        ca_services.corrective_action_close(ca=ca, actor=year.manager, closed_on=END)
    ca_services.corrective_action_review(ca=ca, actor=year.manager, reviewed_on=END, effective=True)
    assert ca_services.corrective_action_close(ca=ca, actor=year.manager, closed_on=END).closed_on == END


def test_operation_checks_run_quarterly_for_the_department_manager_with_reminders(
    year, mailoutbox, django_capture_on_commit_callbacks
):
    dept = year.departments[0]
    near_miss = HeldMessage.objects.create(
        organisation=year.org,
        department=dept,
        mail_from="a@example.com",
        digest="y",
        verdict="hold",
        state=State.CANCELLED,
    )
    HeldMessage.objects.filter(pk=near_miss.pk).update(created_at=at(dt.date(2025, 8, 20)))
    operation.template_create(organisation=year.org, department=dept, actor=year.manager, first_period=START)
    assert operation.runs_schedule(dt.date(2025, 12, 15)) == 3
    assert operation.runs_schedule(dt.date(2025, 12, 15)) == 0
    runs = list(operation.OperationRun.objects.order_by("period_start"))
    assert [r.period_start for r in runs] == [START, dt.date(2025, 7, 1), dt.date(2025, 10, 1)]
    assert {r.assignee for r in runs} == {year.department_managers[0]}
    with django_capture_on_commit_callbacks(execute=True):
        assert operation.reminders_send(dt.date(2025, 12, 15)) == 3
        assert operation.reminders_send(dt.date(2025, 12, 16)) == 0
    assert len(mailoutbox) == 3 and mailoutbox[0].subject.startswith("[mamori] 運用の確認の期限")
    assert mailoutbox[0].to == [year.department_managers[0].email]
    run = runs[0]
    # The incident known on 2025-03-31 falls in the quarter before the first period.
    assert run.items == [*run.template.items, "前期間の事故等・ヒヤリハット 1 件の再発防止策を実施している"]
    assert "メールガードのヒヤリハット 1 件の原因を部署内で共有した" in runs[2].items
    answers = [{"item": t, "answer": "yes", "comment": ""} for t in run.items]
    answers[1]["answer"] = "no"
    with django_capture_on_commit_callbacks(execute=True):
        operation.run_complete(
            run=run, actor=year.department_managers[0], answers=answers, completed_on=dt.date(2025, 4, 20)
        )
    assert mailoutbox[-1].to == [year.manager.email]
    assert "8 項目のうち 1 項目が未実施" in mailoutbox[-1].body
    assert operation.yearly_summary(year.org, START, END) == {"due": 3, "done": 1, "items_not_met": 1}
    assert Grade.MAJOR in Grade.values
