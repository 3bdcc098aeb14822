"""Statistics of the incident register against JIPDEC's national figures (pure functions, no ORM).

Our codes (the stable English values of ``mamori.incidents.taxonomy``, written out here so that this
module loads no Django; a test holds the two in step) are mapped *explicitly* to the Japanese
category names JIPDEC publishes (legal.md §3), so that our shares line up with the national ones in
``mamori/reference/jipdec_incident_statistics.csv``. Shares, not counts, are compared: a company has a
handful of incidents a year, JIPDEC several thousand.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from mamori.stats import national

TOKYO = ZoneInfo("Asia/Tokyo")

#: The four JIPDEC dimensions we count, in the order the page shows them.
DIMENSIONS = ("event_class", "events", "cause", "medium")

#: 発生事象 counted instead of the events themselves when they are only likely (おそれ).
LIKELY = "上記事象のおそれ"
#: Incidents not coded yet on a dimension (no triage yet).
UNCODED = "未分類"

#: Our codes → JIPDEC's Japanese category names, one table per dimension.
JIPDEC_NAMES: dict[str, dict[str, str]] = {
    "events": {
        "leak": "漏えい",
        "loss": "紛失",
        "destruction_damage": "滅失・き損",
        "tampering": "改ざん・正確性の未確保",
        "improper_acquisition": "不正・不適正取得",
        "purpose_violation": "目的外利用・提供",
        "misuse": "不正利用",
        "request_refusal": "開示等の求め等の拒否",
    },
    "event_class": {
        "misdelivery": "誤配達・誤交付",
        "missent": "誤送信",
        "loss": "紛失・滅失・き損",
        "unauthorized_access": "不正アクセス",
        "misdisplay": "誤表示",
        "misregistration": "誤登録",
        "malware": "マルウェア・ウイルス",
        "wrong_disposal": "誤廃棄",
        "theft": "盗難",
        "insider": "内部不正行為",
        "other": "その他",
    },
    "cause": {
        "rule_violation": "手順・ルール違反の作業・操作",
        "operation_error": "作業・操作ミス",
        "insufficient_check": "確認不足",
        "insufficient_training": "従業員教育不十分",
        "risk_assessment": "リスク特定・分析・評価不十分",
        "design_config": "プログラム設計、設定の不備",
        "access_control": "アクセス制御不備",
        "weak_password": "簡易なパスワード設定",
        "patching": "バージョン・パッチ適用の不備",
        "other": "その他",
    },
    "medium": {
        "paper": "紙",
        "electronic": "電子データ",
        "other": "その他",
    },
}

#: Kinds of personal data → JIPDEC's names of the affected items (for the register export).
DATA_CATEGORY_NAMES: dict[str, str] = {
    "name": "氏名",
    "address": "住所",
    "phone": "電話番号",
    "email": "メールアドレス",
    "birth_date": "生年月日",
    "card": "クレジットカード情報",
    "bank": "銀行口座",
    "login": "ID・パスワード",
    "payment_login": "ID・パスワード",
    "my_number": "マイナンバー",
    "health": "病歴・健康診断結果",
    "other_special_care": "信条・犯罪歴等",
    "employment": "人事情報",
    "other": "その他",
}


@dataclass(frozen=True)
class IncidentRow:
    """The coded facts of one incident that statistics need (no free text, no persons)."""

    known_on: dt.date
    is_near_miss: bool
    events: tuple[str, ...] = ()
    likely: bool = False
    event_class: str = ""
    cause: str = ""
    medium: str = ""
    count: int = 1  # incidents with exactly these facts (rows come aggregated from the database)


@dataclass(frozen=True)
class ComparisonRow:
    """One category of one dimension: our accidents (count, share), our near misses, the nation's share."""

    category: str
    count: int
    share_pct: float | None
    near_misses: int
    national_count: int | None
    national_share_pct: float | None
    national_basis: str


@dataclass(frozen=True)
class DimensionStats:
    """Our figures of one fiscal year on one dimension, beside the national ones of ``national_year``."""

    dimension: str
    fiscal_year: int
    accidents: int
    near_misses: int
    national_year: int | None
    rows: tuple[ComparisonRow, ...]


def fiscal_year(value: dt.date | dt.datetime) -> int:
    """Return the Japanese fiscal year (April-March) of a date; FY2026 = 2026-04-01..2027-03-31.

    An aware datetime is taken in Asia/Tokyo first (a time of 2026-03-31 20:00 UTC is April 1st in Tokyo).
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError("fiscal_year needs an aware datetime or a date")
        value = value.astimezone(TOKYO).date()
    return value.year if value.month >= 4 else value.year - 1


def fiscal_year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day of fiscal ``year``."""
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)


def categories_of(row: IncidentRow, dimension: str) -> list[str]:
    """Return the JIPDEC categories ``row`` counts under on ``dimension`` (``UNCODED`` when not coded).

    発生事象 may be several at once; when they are only likely the incident counts once under
    上記事象のおそれ, as JIPDEC counts it.
    """
    names = JIPDEC_NAMES[dimension]
    if dimension == "events":
        events = [names[e] for e in row.events if e in names]
        if not events:
            return [UNCODED]
        return [LIKELY] if row.likely else events
    code = getattr(row, dimension)
    return [names[code]] if code in names else [UNCODED]


def category_order(dimension: str) -> list[str]:
    """Return the categories of ``dimension`` in JIPDEC's order, おそれ and 未分類 last."""
    order = list(dict.fromkeys(JIPDEC_NAMES[dimension].values()))
    if dimension == "events":
        order.append(LIKELY)
    return [*order, UNCODED]


def share(count: int, total: int) -> float | None:
    """Return ``count`` as a percentage of ``total`` to one decimal (None when there is nothing to divide)."""
    return round(100 * count / total, 1) if total else None


def dimension_stats(
    rows: Iterable[IncidentRow],
    dimension: str,
    year: int,
    figures: Sequence[national.Figure],
) -> DimensionStats:
    """Count the fiscal year's incidents on ``dimension`` and set them beside the national shares.

    Our shares are of the year's accidents (near misses are counted in a column of their own and never
    in the shares). The national figures are those of the latest fiscal year up to ``year`` that JIPDEC
    published shares for on this dimension; categories with neither ours nor national figures are left out.
    """
    in_year = [r for r in rows if fiscal_year(r.known_on) == year]
    accidents: Counter[str] = Counter()
    near: Counter[str] = Counter()
    for r in in_year:
        for category in categories_of(r, dimension):
            (near if r.is_near_miss else accidents)[category] += r.count
    n_accidents = sum(r.count for r in in_year if not r.is_near_miss)
    n_near = sum(r.count for r in in_year) - n_accidents
    national_year = national.latest_year_with_shares(figures, dimension, year)
    nat = national.dimension_figures(figures, dimension, national_year) if national_year else {}
    out = []
    for category in category_order(dimension):
        fig = nat.get(category)
        if not accidents[category] and not near[category] and fig is None:
            continue
        out.append(
            ComparisonRow(
                category=category,
                count=accidents[category],
                share_pct=share(accidents[category], n_accidents),
                near_misses=near[category],
                national_count=fig.count if fig else None,
                national_share_pct=fig.share_pct if fig else None,
                national_basis=fig.basis if fig else "",
            )
        )
    return DimensionStats(
        dimension=dimension,
        fiscal_year=year,
        accidents=n_accidents,
        near_misses=n_near,
        national_year=national_year,
        rows=tuple(out),
    )


def all_dimensions(
    rows: Iterable[IncidentRow], year: int, figures: Sequence[national.Figure]
) -> list[DimensionStats]:
    """Return ``dimension_stats`` for each of the four dimensions."""
    materialised = list(rows)
    return [dimension_stats(materialised, d, year, figures) for d in DIMENSIONS]


def years_by_kind(rows: Iterable[IncidentRow]) -> dict[int, tuple[int, int]]:
    """Return {fiscal year: (accidents, near misses)} for the years that have incidents, newest first."""
    counts: dict[int, list[int]] = {}
    for r in rows:
        pair = counts.setdefault(fiscal_year(r.known_on), [0, 0])
        pair[1 if r.is_near_miss else 0] += r.count
    return {y: (a, n) for y, (a, n) in sorted(counts.items(), reverse=True)}


def shares_by_year(
    rows: Iterable[IncidentRow], dimension: str, categories: Sequence[str]
) -> list[tuple[int, int, list[float | None]]]:
    """Return each fiscal year with accidents (newest first), their number and each category's share.

    The long-run counterpart of ``dimension_stats`` for our own register: near misses are left out.
    """
    by_year: dict[int, Counter[str]] = {}
    accidents: Counter[int] = Counter()
    for r in rows:
        if r.is_near_miss:
            continue
        year = fiscal_year(r.known_on)
        accidents[year] += r.count
        by_year.setdefault(year, Counter()).update({c: r.count for c in categories_of(r, dimension)})
    return [
        (year, accidents[year], [share(by_year[year][c], accidents[year]) for c in categories])
        for year in sorted(accidents, reverse=True)
    ]
