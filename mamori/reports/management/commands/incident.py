"""``mamori incident report KIND ID``: export a report or notice draft as .docx, .pdf or text.

Used by scripts and other tools; exit status 0 when written, 2 on an unknown incident or bad options.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mamori.incidents.models import Incident
from mamori.reports import content, export, queries
from mamori.reports.letters import LetterIncomplete

FORMATS = (*export.FORMATS, "text")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date: not a date (YYYY-MM-DD): {value!r}", returncode=2) from None


class Command(BaseCommand):
    help = "Work with incidents from the command line (report: export a report or notice draft)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        report = actions.add_parser("report", help="Export a report or notice draft of one incident.")
        report.add_argument(
            "kind", choices=content.KINDS, help="ppc, pmark, notice, announcement or controller_notice"
        )
        report.add_argument("incident", help="incident id, or its number (e.g. 2026-0001)")
        report.add_argument("--stage", choices=content.STAGES, default=content.FINAL, help="default: final")
        report.add_argument("--format", dest="fmt", choices=FORMATS, default="pdf", help="default: pdf")
        report.add_argument("-o", "--output", default="-", help="file to write; - (default) for stdout")
        report.add_argument("--organisation", default="", help="organisation slug, when numbers clash")
        report.add_argument("--date", default="", help="date the draft (YYYY-MM-DD); default today")

    def handle(self, *args: Any, **options: Any) -> None:
        kind, stage = options["kind"], options["stage"]
        if (kind, stage) not in content.TITLES:
            raise CommandError(f"a {kind} draft has no {stage} stage (use --stage final)", returncode=2)
        incident = self._incident(options["incident"], options["organisation"])
        prepared_on = _date(options["date"]) if options["date"] else None
        try:
            report = queries.build_report(incident, kind, stage, prepared_on)
        except LetterIncomplete as exc:
            raise CommandError(f"{incident.number}: {exc.reason}", returncode=2) from None
        fmt = options["fmt"]
        data = report.text().encode("utf-8") if fmt == "text" else export.render(report, fmt)
        self._write(data, options["output"])
        if options["output"] != "-":
            missing = ", ".join(item.number for item in report.missing)
            self.stderr.write(
                f"{incident.number}: {kind} {stage} written to {options['output']}"
                + (f" (not in the record yet: items {missing})" if missing else "")
            )

    def _incident(self, ref: str, organisation: str) -> Incident:
        qs = Incident.objects.select_related("organisation")
        if organisation:
            qs = qs.filter(organisation__slug=organisation)
        matches = list(qs.filter(pk=int(ref))) if ref.isdigit() else []
        if not matches:
            matches = list(qs.filter(number=ref))
        if not matches:
            raise CommandError(f"no such incident: {ref!r}", returncode=2)
        if len(matches) > 1:
            raise CommandError(
                f"{ref!r} names incidents of several organisations: use --organisation", returncode=2
            )
        return matches[0]

    def _write(self, data: bytes, output: str) -> None:
        if output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"cannot write {output}: no such directory", returncode=2)
        # Write beside the target and rename, so a reader never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise CommandError(f"cannot write {output}: {exc.strerror}", returncode=2) from None
