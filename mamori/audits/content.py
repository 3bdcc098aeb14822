"""Build the documents of the internal audit and the management review from the records."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from mamori.audits import catalogue
from mamori.audits.documents import Doc, Table
from mamori.audits.models import Audit, AuditProgramme, ManagementReview
from mamori.jpcalendar import compact, seireki_wareki


def _d(day) -> str:  # type: ignore[no-untyped-def]
    """Return a date in a document's table (the compact style of lists)."""
    return compact(day) if day else "—"


def _doc_date(day) -> str:  # type: ignore[no-untyped-def]
    """Return a date in a document's header: 西暦 with 和暦, as documents write it."""
    return seireki_wareki(day) if day else "—"


def _requirement(code: str) -> str:
    req = catalogue.by_code().get(code)
    return req.label if req else code


def programme_doc(programme: AuditProgramme) -> Doc:
    """Return the audit plan (内部監査計画書) with its approval."""
    audits = programme.audits.select_related("department", "auditor")
    return Doc(
        title=f"{programme.fiscal_year}年度 内部監査計画書",
        header=[
            f"組織：{programme.organisation.name}",
            f"監査責任者：{programme.audit_lead}",
            f"承認：{programme.approved_by or '未承認'}　{_doc_date(programme.approved_on)}",
            f"作成日：{_doc_date(timezone.localdate())}",
        ],
        tables=[
            Table(
                "監査日程",
                ["監査対象", "予定日", "監査員", "実施日"],
                [[a.target, _d(a.planned_on), str(a.auditor), _d(a.conducted_on)] for a in audits],
            )
        ],
    )


def checklist_doc(audit: Audit) -> Doc:
    """Return one audit's checklist with answers and comments."""
    return Doc(
        title=f"内部監査チェックリスト（{audit.target}）",
        header=[
            f"予定日：{_doc_date(audit.planned_on)}",
            f"監査員：{audit.auditor}",
            f"実施日：{_doc_date(audit.conducted_on)}",
        ],
        tables=[
            Table(
                "チェック項目",
                ["No.", "区分", "要求事項", "確認内容", "結果", "コメント", "証跡"],
                [
                    [
                        i.order,
                        i.get_kind_display(),
                        _requirement(i.requirement),
                        i.question,
                        i.get_answer_display() if i.answer else "",
                        i.comment,
                        "あり" if i.evidence else "",
                    ]
                    for i in audit.items.all()
                ],
            )
        ],
        landscape=True,
    )


def report_doc(programme: AuditProgramme) -> Doc:
    """Return the audit report (内部監査報告書): audits, findings and the approval."""
    audits = programme.audits.select_related("department", "auditor").prefetch_related("findings")
    findings: list[Sequence[Any]] = [
        [
            a.target,
            f.get_grade_display(),
            _requirement(f.requirement),
            f.description,
            f.evidence,
            str(f.acknowledged_by or ""),
        ]
        for a in audits
        for f in a.findings.all()
    ]
    return Doc(
        title=f"{programme.fiscal_year}年度 内部監査報告書",
        header=[
            f"組織：{programme.organisation.name}",
            f"監査責任者：{programme.audit_lead}",
            f"総括：{programme.report_summary or '—'}",
            f"承認：{programme.report_approved_by or '未承認'}　{_doc_date(programme.report_approved_on)}",
        ],
        tables=[
            Table(
                "実施状況",
                ["監査対象", "監査員", "実施日"],
                [[a.target, str(a.auditor), _d(a.conducted_on)] for a in audits],
            ),
            Table("指摘事項", ["監査対象", "区分", "要求事項", "内容", "証拠", "被監査部署の確認"], findings),
        ],
        landscape=True,
    )


def minutes_doc(review: ManagementReview) -> Doc:
    """Return the management review minutes (議事録): inputs, figures, decisions, actions."""
    inputs = review.inputs.all()
    return Doc(
        title="マネジメントレビュー議事録",
        header=[
            f"組織：{review.organisation.name}",
            f"対象期間：{_doc_date(review.period_start)} 〜 {_doc_date(review.period_end)}",
            f"実施日：{_doc_date(review.held_on)}",
            f"承認（代表者）：{review.approved_by or '未承認'}",
        ],
        tables=[
            Table(
                "インプットと決定事項",
                ["No.", "インプット", "数値", "決定事項"],
                [
                    [
                        i.order,
                        i.title,
                        "、".join(f"{label}：{value}" for label, value in i.figures),
                        f"今回は該当なし（理由：{i.reason}）" if i.not_applicable else i.decision,
                    ]
                    for i in inputs
                ],
            ),
            Table(
                "処置事項",
                ["インプット", "処置", "担当者", "期限", "完了日"],
                [
                    [a.review_input.title, a.description, str(a.owner), _d(a.due_on), _d(a.done_on)]
                    for a in review.actions.select_related("review_input", "owner")
                ],
            ),
        ],
    )
