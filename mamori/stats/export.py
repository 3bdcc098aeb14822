"""The Excel workbook auditors ask for: the incident register and the statistics of one fiscal year.

Only coded facts, dates and determinations leave the system: never the description, the title, notes or
the reporter's name (personal free text stays in mamori).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mamori.core import xlsx
from mamori.incidents.determination import ground_label, status_label
from mamori.incidents.models import Incident
from mamori.incidents.taxonomy import Status
from mamori.jpcalendar import wareki
from mamori.stats import national
from mamori.stats.rules import DATA_CATEGORY_NAMES, JIPDEC_NAMES, LIKELY, DimensionStats, fiscal_year_bounds

DATE = xlsx.DATE
DATETIME = xlsx.DATETIME
PERCENT = "0.0"
XLSX_CONTENT_TYPE = xlsx.CONTENT_TYPE


def dimension_label(dimension: str) -> str:
    """Return the translated name of a JIPDEC dimension."""
    labels = {
        "events": _("Events (発生事象)"),
        "event_class": _("Event class (事象分類)"),
        "cause": _("Cause (原因)"),
        "medium": _("Medium (媒体)"),
    }
    return labels[dimension]


def _names(codes: Iterable[str], table: dict[str, str]) -> str:
    return "、".join(table.get(c, c) for c in codes)


@functools.lru_cache(maxsize=4096)
def _wareki(value: dt.date | None) -> str:
    """Return the 和暦 of a date; a fiscal year has 365 of them, its register thousands of rows."""
    return wareki(value)


def register_columns() -> list[tuple[str, int, str | None]]:
    """Return the register's columns: header, width in characters, number format."""
    return [
        (_("Number"), 12, None),
        (_("Kind"), 16, None),
        (_("Department"), 14, None),
        (_("Occurred"), 17, DATETIME),
        (_("Noticed"), 17, DATETIME),
        (_("Date the business knew (知った日)"), 14, DATE),
        (_("Date the business knew (和暦)"), 18, None),
        (_("Status"), 22, None),
        (_("Events (発生事象)"), 22, None),
        (_("Event class (事象分類)"), 18, None),
        (_("Cause (原因)"), 26, None),
        (_("Medium (媒体)"), 12, None),
        (_("Personal data affected"), 30, None),
        (_("Number of persons"), 10, "#,##0"),
        (_("Upper bound"), 8, None),
        (_("APPI determination"), 16, None),
        (_("Grounds"), 30, None),
        (_("Preliminary report target (速報)"), 14, DATE),
        (_("Final report due (確報)"), 14, DATE),
        (_("Final report due (和暦)"), 18, None),
        (_("Privacy Mark report due"), 14, DATE),
        (_("Closed"), 17, DATETIME),
    ]


REGISTER_FIELDS = (
    "number", "is_near_miss", "department__name", "occurred_at", "discovered_at", "known_on", "status",
    "events", "likely", "event_class", "cause", "medium", "data_categories", "persons",
    "persons_is_upper_bound", "appi_status", "appi_grounds", "preliminary_target", "final_due",
    "pmark_final_due", "closed_at",
)  # fmt: skip


def register_rows(incidents: QuerySet[Incident], *, titles: bool = False) -> Iterator[list[Any]]:
    """Yield each incident as the register's cells (coded facts only, no free text; titles if asked).

    Reads plain values in chunks, not model instances, and translates each code once per export: the
    register of a fiscal year at company size has tens of thousands of rows.
    """
    tz = timezone.get_current_timezone()
    kinds = {True: _("Near miss (ヒヤリハット)"), False: _("Accident (事故)")}
    statuses = {value: str(label) for value, label in Status.choices}
    yes = _("yes")
    cached: dict[Any, str] = {}

    def once(make: Callable[..., str], *args: Any) -> str:
        key = (make, *(tuple(a) if isinstance(a, list) else a for a in args))
        if key not in cached:
            cached[key] = make(*args)
        return cached[key]

    def local(value: dt.datetime | None) -> dt.datetime | None:  # Excel has no time zones
        return value.astimezone(tz).replace(tzinfo=None) if value else None

    def events_text(events: list[str], likely: bool) -> str:
        text = _names(events, JIPDEC_NAMES["events"])
        return f"{text}（{LIKELY}）" if text and likely else text

    def category_text(categories: list[str]) -> str:
        return _names(categories, DATA_CATEGORY_NAMES)

    def appi_text(appi_status: str) -> str:
        return status_label(appi_status) if appi_status else ""

    def grounds_text(grounds: list[str]) -> str:
        return "、".join(ground_label(g) for g in grounds)

    for (
        number, near_miss, department, occurred, discovered, known_on, status, events, likely, event_class,
        cause, medium, categories, persons, upper_bound, appi_status, grounds, preliminary, final_due,
        pmark_due, closed, title,
    ) in incidents.values_list(*REGISTER_FIELDS, "title" if titles else "pk").iterator(chunk_size=2000):  # fmt: skip
        row = [
            number,
            kinds[near_miss],
            department or "",
            local(occurred),
            local(discovered),
            known_on,
            _wareki(known_on),
            statuses.get(status, status),
            once(events_text, events, likely),
            JIPDEC_NAMES["event_class"].get(event_class, ""),
            JIPDEC_NAMES["cause"].get(cause, ""),
            JIPDEC_NAMES["medium"].get(medium, ""),
            once(category_text, categories),
            persons,
            yes if upper_bound else "",
            once(appi_text, appi_status),
            once(grounds_text, grounds),
            preliminary,
            final_due,
            _wareki(final_due),
            pmark_due,
            local(closed),
        ]
        if titles:
            row.insert(1, title)
        yield row


def statistics_columns() -> list[tuple[str, int, str | None]]:
    """Return the statistics sheet's columns: header, width in characters, number format."""
    return [
        (_("Fiscal year"), 10, None),
        (_("Dimension"), 20, None),
        (_("Category"), 30, None),
        (_("Accidents"), 10, "#,##0"),
        (_("Share of accidents (%)"), 12, PERCENT),
        (_("Near misses"), 10, "#,##0"),
        (_("National fiscal year"), 10, None),
        (_("National count"), 10, "#,##0"),
        (_("National share (%)"), 12, PERCENT),
        (_("Basis of the national figure"), 24, None),
    ]


def fiscal_year_label(year: int) -> str:
    """Return a fiscal year as the sheet's language writes it (2026年度, FY2026)."""
    return _("FY%(year)s") % {"year": year}


def fiscal_years_text(years: Iterable[int]) -> str:
    """Return fiscal years with runs joined, in the sheet's language (2015年度、2022〜2024年度)."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    parts = [
        fiscal_year_label(r[0])
        if len(r) == 1
        else _("FY%(first)s to FY%(last)s") % {"first": r[0], "last": r[-1]}
        for r in runs
    ]
    return ("、" if get_language().startswith("ja") else ", ").join(parts)


def missing_years_note(figures: Iterable[national.Figure]) -> str:
    """Return which of JIPDEC's report years have no figure here (none checked against its own text)."""
    missing = national.years_without_figures(figures)
    if not missing:
        return ""
    return _(
        "No national figure for %(years)s: JIPDEC's own publication of those years could not be checked, "
        "and figures found only in press reports are not used."
    ) % {"years": fiscal_years_text(missing)}


def basis_label(basis: str) -> str:
    """Return how a national figure was obtained, in the sheet's language (公表値, 算出値)."""
    labels = {"published": _("published"), "derived": _("derived")}
    return labels.get(basis, basis)


def statistics_rows(stats: Sequence[DimensionStats]) -> list[list[Any]]:
    """Return one row per category of each dimension."""
    return [
        [
            fiscal_year_label(s.fiscal_year),
            dimension_label(s.dimension),
            row.category,
            row.count,
            row.share_pct,
            row.near_misses,
            fiscal_year_label(s.national_year) if s.national_year and row.national_basis else "",
            row.national_count,
            row.national_share_pct,
            basis_label(row.national_basis) if row.national_basis else row.national_basis,
        ]
        for s in stats
        for row in s.rows
    ]


def _columns(spec: list[tuple[str, int, str | None]]) -> list[xlsx.Column]:
    return [xlsx.Column(header, width, fmt) for header, width, fmt in spec]


def notes_rows(
    *, organisation_name: str, year: int, stats: Sequence[DimensionStats], titles: bool
) -> list[list[Any]]:
    """Return the notes sheet: what the workbook holds, and the sources of the national figures."""
    first, last = fiscal_year_bounds(year)
    accidents = stats[0].accidents if stats else 0
    near = stats[0].near_misses if stats else 0
    free_text = (
        _(
            "Titles are included (export for the audit, recorded in the audit log); descriptions and notes are not."
        )
        if titles
        else _("Descriptions, titles and notes are not exported.")
    )
    rows: list[list[Any]] = [
        [_("Organisation"), organisation_name],
        [
            _("Fiscal year"),
            _("%(year)s (%(first)s to %(last)s)")
            % {"year": fiscal_year_label(year), "first": first.isoformat(), "last": last.isoformat()},
        ],
        [_("Accidents"), accidents],
        [_("Near misses"), near],
        [_("Shares"), _("Our shares are of the accidents of the fiscal year; near misses are not in them.")],
        [_("National figures"), _("JIPDEC, accidents reported by Privacy Mark holders, as published.")],
        [_("Free text"), free_text],
        [_("Created"), timezone.localtime().strftime("%Y-%m-%d %H:%M")],
        [],
    ]
    used = {(s.national_year, s.dimension) for s in stats if s.national_year}
    used_figures = [
        f
        for f in national.load()
        for year_, dimension in used
        if f.fiscal_year == year_ and f.dimension == national.CSV_DIMENSION[dimension]
    ]
    urls = sorted({f.source_url for f in used_figures})
    missing = missing_years_note(national.load())
    notes = [[_("Years without figures"), missing]] if missing else []
    return rows + [[_("Sources"), url] for url in urls] + notes


def register_sheets(
    *,
    organisation_name: str,
    year: int,
    incidents: QuerySet[Incident],
    stats: Sequence[DimensionStats],
    titles: bool = False,
) -> list[xlsx.Sheet]:
    """Return the sheets of the export: the register, the statistics with national shares, and notes.

    ``incidents`` is read once, in chunks, as the register is written: memory stays flat.
    With ``titles`` the register gets the incidents' titles (the audit lead's export, audited).
    """
    columns = register_columns()
    if titles:
        columns = [*columns[:1], (_("Title"), 40, None), *columns[1:]]
    rows = register_rows(incidents, titles=titles)
    return [
        xlsx.Sheet(_("Incident register"), _columns(columns), rows),
        xlsx.Sheet(_("Statistics"), _columns(statistics_columns()), statistics_rows(stats)),
        xlsx.Sheet(
            _("Notes"),
            [xlsx.Column(_("Item"), 18), xlsx.Column(_("Value"), 80)],
            notes_rows(organisation_name=organisation_name, year=year, stats=stats, titles=titles),
        ),
    ]


def build_workbook(
    *,
    organisation_name: str,
    year: int,
    incidents: QuerySet[Incident],
    stats: Sequence[DimensionStats],
) -> bytes:
    """Return the .xlsx bytes of :func:`register_sheets` (small exports and tests)."""
    sheets = register_sheets(organisation_name=organisation_name, year=year, incidents=incidents, stats=stats)
    return xlsx.to_bytes(title=workbook_title(organisation_name, year), sheets=sheets)


def workbook_title(organisation_name: str, year: int) -> str:
    """Return the title printed in the header of every page."""
    return _("%(organisation)s incident register FY%(year)s") % {
        "organisation": organisation_name,
        "year": year,
    }
