"""What the audit, 運用の確認 and the review draw from the ledger (個人情報管理台帳) and its risks.

Reads only: rows by department, rows overdue for their yearly review, risk treatments due, and the
changes in the business (new rows, contractors, foreign countries) for the management review. Row
numbers and names of the information are shown, never the personal data itself.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from mamori.core.models import Department, Organisation
from mamori.ledger import rules as ledger_rules
from mamori.ledger.models import EntryStatus, LedgerEntry, Risk, Treatment

Question = tuple[str, str, str]  # (requirement, source, question)


def _live(qs):  # type: ignore[no-untyped-def]
    return qs.exclude(status=EntryStatus.RETIRED)


def _overdue(entry: LedgerEntry, day: dt.date) -> bool:
    limit = day - dt.timedelta(days=ledger_rules.REVIEW_INTERVAL_DAYS)
    return entry.last_reviewed is None or entry.last_reviewed < limit


def audit_questions(department: Department, day: dt.date) -> list[Question]:
    """Return 運用状況 questions for an audit of ``department`` on ``day`` from its rows and risks."""
    questions: list[Question] = []
    entries = _live(LedgerEntry.objects.filter(department=department)).order_by("number")
    for entry in entries:
        label = f"台帳 {entry.number}「{entry.name}」"
        questions.append(
            ("J.3.1.1", label, f"{label}の保管・アクセス・廃棄が台帳の記載どおりか（現物を確認）")
        )
        if _overdue(entry, day):
            last = entry.last_reviewed.isoformat() if entry.last_reviewed else "記録なし"
            questions.append(
                ("J.3.1.1", label, f"{label}の年次見直しが期限切れ（最終 {last}）：見直しの予定と理由")
            )
        if entry.entrusted:
            questions.append(("J.9.4", label, f"{label}の委託先との契約と委託先評価の記録があるか"))
    risks = Risk.objects.filter(entry__in=entries, due_on__isnull=False, due_on__lte=day).exclude(
        treatment=Treatment.ACCEPT
    )
    for risk in risks.select_related("entry"):
        questions.append(
            (
                "J.3.1.4",
                f"リスク {risk}",
                f"リスク対応（{risk.entry.number} {risk.get_phase_display()}、期限 {risk.due_on}）が実施されたか",
            )
        )
    return questions


def operation_items(department: Department, since: dt.date, until: dt.date) -> list[str]:
    """Return 運用の確認 items from the ledger: rows overdue for review, risk treatments falling due."""
    items = []
    entries = _live(LedgerEntry.objects.filter(department=department))
    overdue = sum(1 for e in entries if _overdue(e, until))
    if overdue:
        items.append(f"個人情報管理台帳の見直し期限切れ {overdue} 件を見直した")
    due = Risk.objects.filter(entry__in=entries, due_on__range=(since, until)).exclude(
        treatment=Treatment.ACCEPT
    )
    if due.exists():
        items.append(f"期限の来たリスク対応 {due.count()} 件を実施した")
    return items


def business_changes(org: Organisation, start: dt.date, end: dt.date) -> list[tuple[str, object]]:
    """Return the review's "changes in the business" figures from the ledger for a period."""
    entries = _live(LedgerEntry.objects.filter(organisation=org))
    new = entries.filter(created_at__date__range=(start, end))
    contractors = sorted({c for e in entries.filter(entrusted=True) for c in e.contractors or []})
    countries = sorted({e.foreign_country for e in entries if e.foreign_country})
    return [
        ("台帳の行（現在）", entries.count()),
        ("期間中に追加された行", new.count()),
        ("委託している行", entries.filter(entrusted=True).count()),
        ("委託先（件）", len(contractors)),
        ("外国にある第三者への提供先の国", "、".join(countries) or "なし"),
    ]


def risk_status(org: Organisation, end: dt.date) -> list[tuple[str, object]]:
    """Return the review's "risk assessment and treatment" figures from the ledger at ``end``."""
    entries = _live(LedgerEntry.objects.filter(organisation=org))
    risks = Risk.objects.filter(entry__in=entries)
    high = sum(1 for r in risks if r.value >= 6)
    overdue = risks.filter(due_on__lt=end).exclude(treatment=Treatment.ACCEPT).count()
    return [
        ("リスク（件）", risks.count()),
        ("高リスク（6以上）", high),
        ("対応期限を過ぎたリスク対応", overdue),
        ("残留リスクあり", risks.filter(residual=True).count()),
        ("リスク評価がトップマネジメント承認済みの行", entries.filter(~Q(risks_approved_at=None)).count()),
        ("見直し期限切れの行", sum(1 for e in entries if _overdue(e, end))),
    ]
