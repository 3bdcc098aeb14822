"""Read the requirement catalogue (指針 J-items) and name the management-review inputs (pure, no Django).

The catalogue is data (``mamori/reference/pms_requirements.yaml``): numbers, titles, the JIS Q 15001:2023
clause, the 2017 Annex A id, a source URL and whether the item was verified; the check wording is ours,
never the standard's text (it is copyrighted).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Requirement:
    """One J-item of the 構築・運用指針."""

    code: str
    title: str
    clause_2023: str
    annex_2017: str
    source_url: str
    verified: bool
    check: str = ""
    group: bool = False

    @property
    def label(self) -> str:
        """Return "J.6.2 内部監査" (with a mark when the number or title is unverified)."""
        return f"{self.code} {self.title}" + ("" if self.verified else " (未確認)")


@cache
def requirements() -> tuple[Requirement, ...]:
    """Return every J-item in catalogue order."""
    text = resources.files("mamori.reference").joinpath("pms_requirements.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    sources = data["sources"]
    return tuple(
        Requirement(
            code=item["code"],
            title=item["title"],
            clause_2023=str(item["clause_2023"]),
            annex_2017=str(item["annex_2017"]),
            source_url=sources[item["source"]],
            verified=bool(item["verified"]),
            check=item.get("check", ""),
            group=bool(item.get("group", False)),
        )
        for item in data["items"]
    )


def by_code() -> dict[str, Requirement]:
    """Return the J-items by code."""
    return {r.code: r for r in requirements()}


def checkable() -> tuple[Requirement, ...]:
    """Return the J-items that carry a check (the conformity checklist of an audit)."""
    return tuple(r for r in requirements() if r.check and not r.group)


def choices() -> list[tuple[str, str]]:
    """Return (code, label) pairs for forms."""
    return [(r.code, r.label) for r in requirements() if not r.group]


@dataclass(frozen=True)
class ReviewInput:
    """One input the management review must consider (指針 J.6.3 / JIS Q 15001:2023 9.3), our wording."""

    code: str
    title: str


REVIEW_INPUTS: tuple[ReviewInput, ...] = (
    ReviewInput("audit_results", "内部監査の結果"),
    ReviewInput("operation_results", "運用の確認の結果"),
    ReviewInput("outside_opinions", "苦情を含む外部からの意見"),
    ReviewInput("previous_review", "前回までのマネジメントレビューの結果へのフォローアップ"),
    ReviewInput("law_changes", "個人情報の取扱いに関する法令等の改正状況"),
    ReviewInput("environment_changes", "社会情勢・技術の変化（JIPDEC・個人情報保護委員会の公表値）"),
    ReviewInput("business_changes", "事業領域の変化（台帳・委託先・移転先国）"),
    ReviewInput("improvement_proposals", "改善のための提案"),
    ReviewInput("objectives", "個人情報保護目的の達成状況"),
    ReviewInput("risks", "リスクアセスメント及びリスク対応の状況"),
    ReviewInput("incidents", "事故等及びヒヤリハット"),
    ReviewInput("training", "教育の実施状況"),
    ReviewInput("mailguard", "メール誤送信防止（メールガード）の状況"),
    ReviewInput("corrective_actions", "是正処置の状況"),
)
