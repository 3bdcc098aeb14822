"""The Excel workbook auditors ask for: the incident register and the statistics of one fiscal year.

Only coded facts, dates and determinations leave the system: never the description, the title, notes or
the reporter's name (personal free text stays in mamori).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from mamori.incidents.determination import ground_label, status_label
from mamori.incidents.models import Incident
from mamori.jpcalendar import wareki
from mamori.stats import national
from mamori.stats.rules import DATA_CATEGORY_NAMES, JIPDEC_NAMES, LIKELY, DimensionStats, fiscal_year_bounds

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0B5FA5")
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm"
PERCENT = "0.0"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


def statistics_rows(stats: Sequence[DimensionStats]) -> list[list[Any]]:
    """Return one row per category of each dimension."""
    return [
        [
            f"FY{s.fiscal_year}",
            dimension_label(s.dimension),
            row.category,
            row.count,
            row.share_pct,
            row.near_misses,
            f"FY{s.national_year}" if s.national_year and row.national_basis else "",
            row.national_count,
            row.national_share_pct,
            row.national_basis,
        ]
        for s in stats
        for row in s.rows
    ]


def _keep_text(ws: Worksheet) -> None:
    """Store every text cell as text: openpyxl would make "=..." a formula (formula injection)."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.data_type == "f":
                cell.data_type = "s"


def _table(ws: Worksheet, columns: list[tuple[str, int, str | None]], rows: Iterable[list[Any]]) -> None:
    """Write a header row and data rows: styled header, widths, formats, frozen header, auto-filter."""
    ws.append([header for header, _width, _fmt in columns])
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for values in rows:
        ws.append(values)
    _keep_text(ws)
    for index, (_header, width, fmt) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = width
        if fmt:
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = fmt
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(ws.max_row, 1)}"


def build_workbook(
    *,
    organisation_name: str,
    year: int,
    incidents: Iterable[Incident],
    stats: Sequence[DimensionStats],
) -> bytes:
    """Return the .xlsx bytes: the register, the statistics with national shares, and notes on sources."""
    wb = Workbook()
    register = wb.active
    assert register is not None
    register.title = _("Incident register")
    _table(register, register_columns(), (register_row(i) for i in incidents))

    sheet = wb.create_sheet(_("Statistics"))
    _table(sheet, statistics_columns(), statistics_rows(stats))

    notes = wb.create_sheet(_("Notes"))
    first, last = fiscal_year_bounds(year)
    accidents = stats[0].accidents if stats else 0
    near = stats[0].near_misses if stats else 0
    for label, value in [
        (_("Organisation"), organisation_name),
        (_("Fiscal year"), f"FY{year} ({first.isoformat()} – {last.isoformat()})"),
        (_("Accidents"), accidents),
        (_("Near misses"), near),
        (_("Shares"), _("Our shares are of the accidents of the fiscal year; near misses are not in them.")),
        (_("National figures"), _("JIPDEC, accidents reported by Privacy Mark holders, as published.")),
        (_("Free text"), _("Descriptions, titles and notes are not exported.")),
        (_("Created"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
    ]:
        notes.append([label, value])
    notes.append([])
    notes.append([_("Sources")])
    used = {(s.national_year, s.dimension) for s in stats if s.national_year}
    urls = sorted(
        {
            f.source_url
            for f in national.load()
            for year_, dimension in used
            if f.fiscal_year == year_ and f.dimension == national.CSV_DIMENSION[dimension]
        }
    )
    for url in urls:
        notes.append([url])
    _keep_text(notes)
    notes.column_dimensions["A"].width = 18
    notes.column_dimensions["B"].width = 80
    for row in notes.iter_rows(max_col=1):
        row[0].font = Font(bold=True)

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
