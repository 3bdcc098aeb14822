"""The documents training produces: the certificate PDF and the Excel records for the auditor."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from mamori.core.pdf import pdf_fonts
from mamori.jpcalendar import wareki
from mamori.training.models import Assignment


def _font() -> str:
    """Return the certificate's font: the embedded Japanese gothic face (``mamori.core.pdf``)."""
    return pdf_fonts()[1]


def certificate_pdf(assignment: Assignment, organisation_name: str) -> bytes:
    """Return a one-page A4 landscape certificate of having passed the assignment's course."""
    font = _font()
    passed_on = assignment.passed_on or timezone.localdate()
    buf = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buf, pagesize=(width, height), initialFontName=font)
    heading = _("Certificate of training")
    pdf.setTitle(f"{heading} {assignment.campaign.course.title}")
    pdf.setAuthor(organisation_name)
    pdf.setLineWidth(3)
    pdf.rect(30, 30, width - 60, height - 60)
    pdf.setLineWidth(1)
    pdf.rect(38, 38, width - 76, height - 76)
    pdf.setFont(font, 36)
    pdf.drawCentredString(width / 2, height - 130, heading)
    pdf.setFont(font, 22)
    pdf.drawCentredString(width / 2, height - 200, _("Awarded to %(name)s") % {"name": assignment.user})
    pdf.setFont(font, 14)
    lines = [
        _("This certifies that you took the following training on personal information protection"),
        _("and passed its test."),
        "",
        _("Course: %(course)s") % {"course": assignment.campaign.course.title},
        _("Campaign: %(campaign)s") % {"campaign": assignment.campaign.title},
        _("Score: %(score)s (pass mark %(mark)s)")
        % {"score": assignment.best_percent, "mark": assignment.campaign.course.pass_mark},
        _("Passed on: %(date)s (%(wareki)s)") % {"date": passed_on.isoformat(), "wareki": wareki(passed_on)},
    ]
    y = height - 260
    for line in lines:
        pdf.drawCentredString(width / 2, y, line)
        y -= 26
    pdf.setFont(font, 16)
    pdf.drawRightString(width - 80, 90, organisation_name)
    pdf.setFont(font, 10)
    pdf.drawString(
        60, 60, _("Certificate number %(number)s") % {"number": f"T-{assignment.pk:06d}"} + "  mamori"
    )
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def records_xlsx(assignments: Iterable[Assignment], title: str) -> bytes:
    """Return an Excel workbook of attendance and scores: one row per assignment, one sheet of attempts."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _("Attendance")[:31]
    head = [
        _("Campaign"),
        _("Course"),
        _("Department"),
        _("Name"),
        _("User name"),
        _("Due date"),
        _("Lessons read"),
        _("Attempts"),
        _("Best score (%)"),
        _("Result"),
        _("Passed on"),
    ]
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([_("Exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    ws.append(head)
    for cell in ws[3]:
        cell.font = Font(bold=True)
    attempts_ws = wb.create_sheet(_("Attempts")[:31])
    attempts_ws.append(
        [
            _("Campaign"),
            _("Name"),
            _("User name"),
            _("Attempt"),
            _("Submitted at"),
            _("Score (%)"),
            _("Result"),
        ]
    )
    for cell in attempts_ws[1]:
        cell.font = Font(bold=True)
    today = timezone.localdate()
    for a in assignments:
        tries = [t for t in a.attempts.all() if t.submitted_at]
        ws.append(
            [
                a.campaign.title,
                a.campaign.course.title,
                a.department.name if a.department else "",
                str(a.user),
                a.user.get_username(),
                a.due_date,
                len(a.lessons_read),
                len(tries),
                a.best_percent,
                _result(a, today),
                a.passed_on,
            ]
        )
        for t in tries:
            assert t.submitted_at is not None
            attempts_ws.append(
                [
                    a.campaign.title,
                    str(a.user),
                    a.user.get_username(),
                    t.number,
                    timezone.localtime(t.submitted_at).replace(tzinfo=None),
                    t.percent,
                    _("Passed") if t.passed else _("Failed"),
                ]
            )
    for sheet in (ws, attempts_ws):
        for i in range(1, sheet.max_column + 1):
            sheet.column_dimensions[get_column_letter(i)].width = 18
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, dt.datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _result(a: Assignment, today: dt.date) -> str:
    if a.passed_at:
        return _("Passed")
    if today > a.due_date:
        return _("Overdue")
    return _("Not yet passed")
