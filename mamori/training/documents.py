"""The documents training produces: the certificate PDF and the Excel records for the auditor."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from mamori.core import xlsx
from mamori.core.pdf import pdf_fonts
from mamori.jpcalendar import seireki_wareki
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
        _("Passed on: %(date)s") % {"date": seireki_wareki(passed_on)},
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


def records_sheets(assignments: Iterable[Assignment]) -> list[xlsx.Sheet]:
    """Return the sheets of the records: one row per assignment, one sheet of every submitted attempt."""
    today = timezone.localdate()
    attendance: list[list[Any]] = []
    attempts: list[list[Any]] = []
    for a in assignments:
        tries = [t for t in a.attempts.all() if t.submitted_at]
        attendance.append(
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
        attempts.extend(
            [
                a.campaign.title,
                str(a.user),
                a.user.get_username(),
                t.number,
                timezone.localtime(t.submitted_at).replace(tzinfo=None) if t.submitted_at else None,
                t.percent,
                _("Passed") if t.passed else _("Failed"),
            ]
            for t in tries
        )
    date, when = xlsx.DATE, xlsx.DATETIME
    return [
        xlsx.Sheet(
            _("Attendance"),
            [
                xlsx.Column(_("Campaign"), 24),
                xlsx.Column(_("Course"), 24),
                xlsx.Column(_("Department"), 16),
                xlsx.Column(_("Name"), 16),
                xlsx.Column(_("User name"), 14),
                xlsx.Column(_("Due date"), 12, date),
                xlsx.Column(_("Lessons read"), 8),
                xlsx.Column(_("Attempts"), 8),
                xlsx.Column(_("Best score (%)"), 10),
                xlsx.Column(_("Result"), 12),
                xlsx.Column(_("Passed on"), 12, date),
            ],
            attendance,
        ),
        xlsx.Sheet(
            _("Attempts"),
            [
                xlsx.Column(_("Campaign"), 24),
                xlsx.Column(_("Name"), 16),
                xlsx.Column(_("User name"), 14),
                xlsx.Column(_("Attempt"), 8),
                xlsx.Column(_("Submitted at"), 17, when),
                xlsx.Column(_("Score (%)"), 10),
                xlsx.Column(_("Result"), 12),
            ],
            attempts,
        ),
    ]


def records_xlsx(assignments: Iterable[Assignment], title: str) -> bytes:
    """Return an Excel workbook of attendance and scores (``title`` is printed in every page's header)."""
    return xlsx.to_bytes(title=title, sheets=records_sheets(assignments))


def _result(a: Assignment, today: dt.date) -> str:
    if a.passed_at:
        return _("Passed")
    if today > a.due_date:
        return _("Overdue")
    return _("Not yet passed") if a.attempts.exists() else _("Not taken yet")
