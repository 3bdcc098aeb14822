"""JIPDEC's national accident figures (legal.md §3): parsed from the packaged CSV, kept as published.

Every figure cites JIPDEC's own publication (its annual 「個人情報の取扱いにおける事故報告集計結果」 on
privacymark.jp); a figure found only in press coverage or a blog was dropped, and ``parse`` rejects one whose
source is not JIPDEC's. ``REPORT_YEARS`` lists the years JIPDEC reported on, so that the pages can say which
of them have no figure checked against JIPDEC's own text.

Django-free: stdlib ``csv`` into frozen dataclasses. Up to FY2021 JIPDEC grouped reports by the *old*
taxonomy (誤送付, その他漏えい, 紛失, 盗難, その他 with their subcategories); from FY2022 on four dimensions
(発生事象, 事象分類, 原因, 媒体). ``OLD_TO_EVENT_CLASS`` maps the old groups to today's 事象分類 so that a
long-run chart can show one line over both periods.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

CSV_NAME = "jipdec_incident_statistics.csv"
CSV_COLUMNS = (
    "fiscal_year",
    "taxonomy",
    "dimension",
    "category",
    "subcategory",
    "count",
    "share_pct",
    "basis",
    "source_url",
    "secondary_url",
)

#: How a figure was obtained: as JIPDEC printed it, or computed from figures JIPDEC printed.
BASES = frozenset({"published", "derived"})

#: Hosts of JIPDEC's own publications: the only sources a figure may cite.
PRIMARY_HOSTS = frozenset({"privacymark.jp", "www.privacymark.jp", "jipdec.or.jp", "www.jipdec.or.jp"})

#: Fiscal years of JIPDEC's annual report that mamori knows of (FY2015 to FY2024). A year without a figure
#: in the CSV is one whose figures could not be checked against JIPDEC's own publication.
REPORT_YEARS = tuple(range(2015, 2025))

#: Our dimension names (incident fields) → the CSV's dimension of the FY2022 taxonomy.
CSV_DIMENSION = {"events": "event", "event_class": "event_class", "cause": "root_cause", "medium": "medium"}

#: Spellings that differ between JIPDEC's years (or its press coverage) → the name we code with.
ALIASES = {
    "紛失・滅失・毀損": "紛失・滅失・き損",
    "手順・ルール違反作業、操作": "手順・ルール違反の作業・操作",
}

#: Old (≤FY2021) groups that make up a 事象分類 of the new taxonomy. Each part is a subcategory name (in
#: whichever old group it was published) or ``(group, "")`` for a group's total. The first two are the
#: approximations of legal.md §3; the others are one-to-one renamings.
OLD_TO_EVENT_CLASS: dict[str, tuple[str, ...]] = {
    "誤送信": ("メール誤送信", "FAX誤送信"),
    "誤配達・誤交付": ("宛名間違い等", "封入ミス", "配達ミス"),
    "紛失・滅失・き損": ("紛失:",),
    "不正アクセス": ("不正アクセス・不正ログイン",),
    "マルウェア・ウイルス": ("ウイルス感染",),
    "誤廃棄": ("誤廃棄",),
    "内部不正行為": ("内部不正行為",),
}


class ReferenceDataError(ValueError):
    """The reference CSV does not have the expected shape."""


@dataclass(frozen=True)
class Figure:
    """One published (or derived) national figure: a count, a share in %, or both."""

    fiscal_year: int
    taxonomy: str
    dimension: str
    category: str
    subcategory: str
    count: int | None
    share_pct: float | None
    basis: str
    source_url: str
    #: The press report the figure was first taken from, kept beside JIPDEC's own page for the record.
    secondary_url: str = ""

    @property
    def name(self) -> str:
        """Return the category under the name we code with (aliases resolved)."""
        return canonical(self.category)


@dataclass(frozen=True)
class MappedFigure:
    """An old-taxonomy year's figure summed into a new 事象分類 (see ``OLD_TO_EVENT_CLASS``).

    ``complete`` is False when a part was published only inside a combined row (e.g. 封入ミス+FAX誤送信+
    配達ミス) or not at all: the count is then a lower bound.
    """

    fiscal_year: int
    category: str
    count: int | None
    share_pct: float | None
    complete: bool
    parts: tuple[str, ...]


def canonical(name: str) -> str:
    """Return the category name we code with for one of JIPDEC's spellings."""
    return ALIASES.get(name, name)


def _int(text: str, line: int) -> int | None:
    if text == "":
        return None
    try:
        return int(text)
    except ValueError:
        raise ReferenceDataError(f"line {line}: count {text!r} is not a whole number") from None


def _float(text: str, line: int) -> float | None:
    if text == "":
        return None
    try:
        return float(text)
    except ValueError:
        raise ReferenceDataError(f"line {line}: share {text!r} is not a number") from None


def _host(url: str) -> str:
    parts = url.split("/")
    return parts[2].lower() if len(parts) > 2 and parts[0] in {"http:", "https:"} else ""


def parse(text: str) -> tuple[Figure, ...]:
    """Parse the long-format CSV ``text``; raise ``ReferenceDataError`` naming the line on bad input.

    A figure must be ``published`` or ``derived`` and cite a page or PDF of JIPDEC's own (``PRIMARY_HOSTS``).
    """
    reader = csv.DictReader(io.StringIO(text))
    # ``secondary_url`` is optional: files written before it was added stay readable.
    if tuple(reader.fieldnames or ()) not in {CSV_COLUMNS, CSV_COLUMNS[:-1]}:
        raise ReferenceDataError(f"unexpected columns {reader.fieldnames!r}, expected {CSV_COLUMNS!r}")
    figures = []
    for row in reader:
        line = reader.line_num
        year = _int(row["fiscal_year"] or "", line)
        if year is None or row["taxonomy"] not in {"old", "new"} or not row["dimension"]:
            raise ReferenceDataError(
                f"line {line}: fiscal year, taxonomy (old/new) and dimension are required"
            )
        if row["basis"] not in BASES:
            raise ReferenceDataError(f"line {line}: basis {row['basis']!r} is not one of {sorted(BASES)}")
        if _host(row["source_url"]) not in PRIMARY_HOSTS:
            raise ReferenceDataError(
                f"line {line}: source {row['source_url']!r} is not a publication of JIPDEC's own"
            )
        figures.append(
            Figure(
                fiscal_year=year,
                taxonomy=row["taxonomy"],
                dimension=row["dimension"],
                category=row["category"],
                subcategory=row["subcategory"],
                count=_int(row["count"], line),
                share_pct=_float(row["share_pct"], line),
                basis=row["basis"],
                source_url=row["source_url"],
                secondary_url=row.get("secondary_url") or "",
            )
        )
    return tuple(figures)


@functools.cache
def load() -> tuple[Figure, ...]:
    """Return the packaged national figures (read once)."""
    text = resources.files("mamori.reference").joinpath(CSV_NAME).read_text(encoding="utf-8")
    return parse(text)


def fiscal_years(figures: Iterable[Figure]) -> list[int]:
    """Return the fiscal years with figures, oldest first."""
    return sorted({f.fiscal_year for f in figures})


def years_without_figures(figures: Iterable[Figure]) -> list[int]:
    """Return the years of ``REPORT_YEARS`` with no figure checked against JIPDEC's own publication."""
    have = set(fiscal_years(figures))
    return [y for y in REPORT_YEARS if y not in have]


def total_reports(figures: Iterable[Figure], fiscal_year: int) -> int | None:
    """Return the number of reports JIPDEC received in ``fiscal_year`` (None when not published)."""
    for f in figures:
        if f.fiscal_year == fiscal_year and f.dimension == "total" and f.category == "reports":
            return f.count
    return None


def dimension_figures(figures: Iterable[Figure], dimension: str, fiscal_year: int) -> dict[str, Figure]:
    """Return the new-taxonomy figures of our ``dimension`` in ``fiscal_year`` by canonical category."""
    csv_dimension = CSV_DIMENSION[dimension]
    return {
        f.name: f
        for f in figures
        if f.fiscal_year == fiscal_year and f.taxonomy == "new" and f.dimension == csv_dimension
    }


def latest_year_with_shares(figures: Iterable[Figure], dimension: str, up_to: int) -> int | None:
    """Return the latest fiscal year ≤ ``up_to`` in which ``dimension`` has published shares.

    Shares, not counts, are what we compare (our organisation is far smaller), so a year that gives only
    counts for a dimension (原因 from FY2023) is passed over for an earlier one that gives shares.
    """
    csv_dimension = CSV_DIMENSION[dimension]
    years = [
        f.fiscal_year
        for f in figures
        if f.taxonomy == "new"
        and f.dimension == csv_dimension
        and f.share_pct is not None
        and f.fiscal_year <= up_to
    ]
    return max(years) if years else None


def _old_part(figures: list[Figure], fiscal_year: int, part: str) -> Figure | None:
    for f in figures:
        if f.fiscal_year != fiscal_year or f.taxonomy != "old" or f.dimension != "cause":
            continue
        if part.endswith(":"):
            if f.category == part[:-1] and f.subcategory == "":
                return f
        elif f.subcategory == part:
            return f
    return None


def mapped_event_class(figures: Iterable[Figure], category: str, fiscal_year: int) -> MappedFigure | None:
    """Return the old-taxonomy figures of ``fiscal_year`` summed into the new ``category``.

    The count is the sum of the parts' counts (None unless each found part has one); the share is the sum
    of their published shares when each found part has one, else the count over the year's reports. When a
    part is missing both are lower bounds (``complete`` False). Returns None when no part was published.
    """
    rows = list(figures)
    parts = OLD_TO_EVENT_CLASS[category]
    found = [_old_part(rows, fiscal_year, p) for p in parts]
    known = [f for f in found if f is not None]
    if not known:
        return None
    complete = len(known) == len(found)
    counts = [f.count for f in known if f.count is not None]
    count = sum(counts) if len(counts) == len(known) else None
    shares = [f.share_pct for f in known if f.share_pct is not None]
    share: float | None = None
    if len(shares) == len(known):
        share = round(sum(shares), 1)
    elif count is not None:
        reports = total_reports(rows, fiscal_year)
        share = round(100 * count / reports, 1) if reports else None
    return MappedFigure(
        fiscal_year=fiscal_year,
        category=category,
        count=count,
        share_pct=share,
        complete=complete,
        parts=tuple(p.rstrip(":") for p in parts),
    )


def long_run(figures: Iterable[Figure], category: str) -> list[MappedFigure]:
    """Return one figure per fiscal year for a 事象分類: old years mapped, new years as published."""
    rows = list(figures)
    series: list[MappedFigure] = []
    for year in fiscal_years(rows):
        new = dimension_figures(rows, "event_class", year).get(category)
        if new is not None:
            series.append(
                MappedFigure(year, category, new.count, new.share_pct, complete=True, parts=(category,))
            )
            continue
        mapped = mapped_event_class(rows, category, year)
        if mapped is not None:
            series.append(mapped)
    return series


def review_figures(end: dt.date) -> list[tuple[str, Any]]:
    """Return JIPDEC's latest published report count up to ``end``'s year, for the management review."""
    figures = load()
    years = [y for y in fiscal_years(figures) if y <= end.year]
    if not years:
        return []
    year = years[-1]
    return [
        (f"JIPDEC 事故等報告件数（{year}年度）", total_reports(figures, year)),
        ("出典", "https://privacymark.jp/ （JIPDEC 個人情報の取扱いにおける事故報告集計結果）"),
    ]
