"""The Excel workbook auditors ask for: the incident register and the statistics of one fiscal year.

Only coded facts, dates and determinations leave the system: never the description, the title, notes or
the reporter's name (personal free text stays in mamori).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mamori.core import xlsx
from mamori.incidents.determination import ground_label, status_label
from mamori.incidents.models import Incident
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


def _local(value: dt.datetime | None) -> dt.datetime | None:
    """Return an aware datetime as naive Asia/Tokyo wall time (Excel has no time zones)."""
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def _names(codes: Iterable[str], table: dict[str, str]) -> str:
    return "、".join(table.get(c, c) for c in codes)


def _events_text(incident: Incident) -> str:
    text = _names(incident.events, JIPDEC_NAMES["events"])
    return f"{text}（{LIKELY}）" if text and incident.likely else text


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


def register_row(incident: Incident) -> list[Any]:
    """Return one incident as the register's cells (coded facts only, no free text)."""
    return [
        incident.number,
        _("Near miss (ヒヤリハット)") if incident.is_near_miss else _("Accident (事故)"),
        incident.department.name if incident.department else "",
        _local(incident.occurred_at),
        _local(incident.discovered_at),
        incident.known_on,
        wareki(incident.known_on),
        incident.get_status_display(),
        _events_text(incident),
        JIPDEC_NAMES["event_class"].get(incident.event_class, ""),
        JIPDEC_NAMES["cause"].get(incident.cause, ""),
        JIPDEC_NAMES["medium"].get(incident.medium, ""),
        _names(incident.data_categories, DATA_CATEGORY_NAMES),
        incident.persons,
        _("yes") if incident.persons_is_upper_bound else "",
        status_label(incident.appi_status) if incident.appi_status else "",
        "、".join(ground_label(g) for g in incident.appi_grounds),
        incident.preliminary_target,
        incident.final_due,
        wareki(incident.final_due),
        incident.pmark_final_due,
        _local(incident.closed_at),
    ]


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
    incidents: Iterable[Incident],
    stats: Sequence[DimensionStats],
    titles: bool = False,
) -> list[xlsx.Sheet]:
    """Return the sheets of the export: the register, the statistics with national shares, and notes.

    ``incidents`` is read once, as the register is written (pass an iterator: memory stays flat).
    With ``titles`` the register gets the incidents' titles (the audit lead's export, audited).
    """
    columns = register_columns()
    rows: Iterable[list[Any]] = (register_row(i) for i in incidents)
    if titles:
        columns = [*columns[:1], (_("Title"), 40, None), *columns[1:]]
        rows = ([r[0], i.title, *r[1:]] for i in incidents for r in [register_row(i)])
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
    incidents: Iterable[Incident],
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
