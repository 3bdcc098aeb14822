"""Demo activity that makes every module show something: response tasks with owners and due dates,
corrective actions at several stages, internal rules read and acknowledged, training attempts and a
mail held by the mail guard itself (judged by the guard's own code, waiting for approval).

Everything goes through the apps' services, as a user's clicks would; it runs once per organisation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from mamori.accounts.models import User
from mamori.audits import services as audits
from mamori.audits.models import CorrectiveAction
from mamori.core.models import Organisation
from mamori.incidents.models import Incident
from mamori.mailguard import services as mailguard
from mamori.mailguard import smtp
from mamori.mailguard.analyse import analyse
from mamori.mailguard.models import HeldMessage
from mamori.mailguard.policy import Envelope
from mamori.reports import content
from mamori.reports import services as reports
from mamori.reports.models import FiledReport
from mamori.response import services as response
from mamori.rulebook import services as rulebook
from mamori.rulebook.models import RulesDocument
from mamori.training.models import Assignment, Choice
from mamori.training.services import attempts

RULES_BODY = """# 個人情報保護規程（デモ）

## 第1条（目的）
この規程は、当社が取り扱う個人情報を適切に保護するための基本的な事項を定める。

## 第2条（事故の報告）
従業者は、個人情報の漏えい等が発生し、又は発生したおそれがあるときは、直ちに上長及び個人情報保護管理者に報告する。
"""

HELD_MAIL = (
    "From: 社員 さくら <employee@example.com>\r\n"
    "To: 担当者様 <tanaka@customer.example.net>, 担当者様 <suzuki@partner.example.org>\r\n"
    "Subject: =?utf-8?b?44GU6KuL5rGC5YWI5LiA6Kan44Gu44GU6YCB5LuY?=\r\n"
    "Message-ID: <demo-held-1@example.com>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n"
    "\r\n"
    "お世話になっております。ご請求先一覧をお送りします。\r\n"
    "山田 太郎 東京都千代田区千代田1-1 090-1234-5678 yamada.taro@example.net\r\n"
    "佐藤 花子 大阪府大阪市北区梅田2-2 080-2345-6789 sato.hanako@example.net\r\n"
    "鈴木 一郎 愛知県名古屋市中区栄3-3 070-3456-7890 suzuki.ichiro@example.net\r\n"
).encode()


def load(org: Organisation, users: dict[str, User]) -> None:
    """Add the demo activity once (each part checks whether it is already there)."""
    today = timezone.localdate()
    _tasks(org, users, today)
    _corrective_actions(org, users, today)
    _rules(org, users, today)
    _training(org, users)
    _held_mail(org, users)
    _final_report(org, users)


def _tasks(org: Organisation, users: dict[str, User], today: dt.date) -> None:
    """Give the first tasks of the open accidents owners and due dates; mark the containment done."""
    incidents = Incident.objects.filter(organisation=org, is_near_miss=False).exclude(status="closed")
    owners = [users["manager"], users["depmgr"], users["employee"]]
    for incident in incidents.order_by("pk")[:4]:
        response.checklist_create(incident=incident, actor=None)  # the chain would add it on commit
        tasks = list(incident.response_tasks.order_by("order")[:3])
        if not tasks or any(t.owner_id for t in tasks):
            continue
        for n, task in enumerate(tasks):
            response.task_update(
                task=task,
                actor=users["manager"],
                owner=owners[n % len(owners)],
                due_on=today + dt.timedelta(days=n * 2 - 1),
                done=n == 0,
            )


def _corrective_actions(org: Organisation, users: dict[str, User], today: dt.date) -> None:
    """One corrective action per stage: planned, carried out (awaiting review), reviewed and closed."""
    if CorrectiveAction.objects.filter(incident__organisation=org).exists():
        return
    incidents = list(Incident.objects.filter(organisation=org, is_near_miss=False).order_by("pk")[:3])
    plans = [
        (
            "宛先の入力補完を無効にする",
            "入力補完で同姓の別会社を選んだ",
            "メールソフトの宛先補完を全社で無効化する",
        ),
        (
            "一斉送信はBcc配信ツールに限る",
            "Toに全員を入れて送信した",
            "顧客への一斉送信は配信ツールからのみ行う",
        ),
        ("封入前の二人確認", "封入物の照合をしていなかった", "封入時に二人で宛名と中身を照合し記録する"),
    ]
    manager, depmgr = users["manager"], users["depmgr"]
    actions: list[Any] = []
    for incident, (title, cause, action) in zip(incidents, plans, strict=False):
        actions.append(
            audits.corrective_action_create(
                actor=manager,
                title=title,
                cause_analysis=cause,
                action=action,
                owner=depmgr,
                due_on=today + dt.timedelta(days=14),
                incident=incident,
                review_due_on=today + dt.timedelta(days=45),
            )
        )
    if len(actions) >= 2:
        audits.corrective_action_complete(
            ca=actions[1], actor=depmgr, completed_on=today - dt.timedelta(days=3)
        )
    if len(actions) >= 3:
        audits.corrective_action_complete(
            ca=actions[2], actor=depmgr, completed_on=today - dt.timedelta(days=20)
        )
        audits.corrective_action_review(
            ca=actions[2],
            actor=manager,
            reviewed_on=today - dt.timedelta(days=2),
            effective=True,
            note="再発なし",
        )
        audits.corrective_action_close(ca=actions[2], actor=manager, closed_on=today - dt.timedelta(days=1))


def _rules(org: Organisation, users: dict[str, User], today: dt.date) -> None:
    """The personal-information protection rules in force, read and acknowledged by two people."""
    if RulesDocument.objects.filter(organisation=org).exists():
        return
    doc = rulebook.rules_document_create(
        organisation=org, actor=users["manager"], title="個人情報保護規程（デモ）", code="PMS-01"
    )
    version = rulebook.rules_version_add(
        document=doc,
        actor=users["manager"],
        version="1.0",
        body=RULES_BODY,
        approved_by=users["executive"],
        approved_on=today - dt.timedelta(days=60),
        in_force_from=today - dt.timedelta(days=30),
        change_summary="制定",
    )
    for name in ("employee", "depmgr"):
        rulebook.rules_acknowledge(version=version, user=users[name])


def _answers(attempt: Any, *, right: bool) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for qid in attempt.question_ids:
        choices = Choice.objects.filter(question_id=qid, is_correct=right)
        out[qid] = list(choices.values_list("pk", flat=True)) if right else [choices.first().pk]  # type: ignore[union-attr]
    return out


def _training(org: Organisation, users: dict[str, User]) -> None:
    """The employee passes the test; the department manager fails once and has not retried yet."""
    for name, right in (("employee", True), ("depmgr", False)):
        assignment = Assignment.objects.filter(campaign__organisation=org, user=users[name]).first()
        if assignment is None or assignment.attempts.exists():
            continue
        attempt = attempts.attempt_start(assignment=assignment, actor=users[name])
        if not all(
            Choice.objects.filter(question_id=q, is_correct=False).exists() for q in attempt.question_ids
        ):
            right = True  # a question without a wrong choice cannot be failed on purpose
        attempts.attempt_submit(attempt=attempt, actor=users[name], answers=_answers(attempt, right=right))


def _held_mail(org: Organisation, users: dict[str, User]) -> None:
    """Judge a mail of a customer list to two outside companies with the mail guard's own code; it is held
    and its sender asks for approval, so the department manager has one to decide."""
    if HeldMessage.objects.filter(organisation=org).exists():
        return
    mailguard.mail_policy_save(
        organisation=org,
        actor=users["manager"],
        delay_minutes=10,
        many_recipients=20,
        internal_domains=["example.com"],
        approver=users["depmgr"],
    )
    mail_from = users["employee"].email
    rcpts = ["tanaka@customer.example.net", "suzuki@partner.example.org"]
    smtp.clear_caches()  # the guard caches policies per process; this one was just saved
    ctx = smtp.load_context(mail_from, rcpts)
    if ctx is None:  # the domain waits for the operator's verification (several organisations)
        return
    analysis = analyse(HELD_MAIL, Envelope(mail_from, tuple(rcpts)), ctx.policy)
    if analysis.verdict.action not in ("hold", "approve"):
        return
    held = HeldMessage.objects.get(pk=smtp._hold(ctx, mail_from, rcpts, HELD_MAIL, analysis))
    if held.state != "awaiting_approval":
        mailguard.held_message_request_approval(message=held, actor=users["employee"])


FINAL_REPORT_DETAILS = {
    "discovery_circumstances": "送信直後に送信者本人が宛先欄の誤りに気付き、上長へ報告した。",
    "cause_details": "一斉送信の際、配信ツールを使わずメールソフトで送信し、顧客のアドレスをBccではなくToに入力した。送信前の確認手順が定められていなかった。",
    "secondary_damage": "現時点で二次被害の報告はない。受信者からの問い合わせは12件で、いずれも削除を依頼済み。",
    "individuals_response": "翌日、対象の顧客1,250名全員にお詫びと経緯をメールで通知し、受信したメールの削除を依頼した。",
    "public_announcement": "本人への通知で足りると判断し、公表は行わない。",
    "measures_taken": "受信者への削除依頼、問い合わせ窓口の設置。",
    "prevention_notes": "顧客への一斉送信は配信ツールからのみ行う運用に改め、メールソフトの外部宛て送信はメールガードで保留・承認とした。全従業者に再教育を実施する。",
    "apology": "ご迷惑とご心配をおかけしましたことを深くお詫び申し上げます。",
}


def _final_report(org: Organisation, users: dict[str, User]) -> None:
    """File the PPC 速報 of the Bcc mistake and fill in every item of its 確報, ready to file."""
    incident = Incident.objects.filter(organisation=org, title__startswith="メールマガジン").first()
    if incident is None or FiledReport.objects.filter(incident=incident).exists():
        return
    reports.report_details_update(incident=incident, actor=users["manager"], **FINAL_REPORT_DETAILS)
    reports.report_file(
        incident=incident,
        actor=users["manager"],
        kind=content.PPC,
        stage=content.PRELIMINARY,
        filed_at=timezone.now() - dt.timedelta(hours=20),
        channel="web_form",
        note="個人情報保護委員会の報告フォームから提出（デモ）",
    )
