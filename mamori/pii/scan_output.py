"""Write scan results as a readable table, an HTML report, JSON Lines or CSV.

JSON Lines and CSV are written one file at a time as results come in. The table and the HTML report
are what a privacy manager reads: the files with personal data sorted by persons, a roll-up per
folder, the files that could not be read, and the summary.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import gettext
import html
import json
import os
import socket
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from mamori.cells import neutralise
from mamori.pii.extract import INCOMPLETE, MESSAGES
from mamori.pii.extract.model import MORE
from mamori.pii.paths import mask_path
from mamori.pii.spans import LABEL_NAMES

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"

CSV_COLUMNS = (
    "path",
    "status",
    "persons",
    "findings",
    "counts",
    "examples",
    "problems",
    "encodings",
    "cached",
)


@dataclass
class Totals:
    """Count results over all files, for the summary line and the exit status."""

    files: int = 0
    bytes: int = 0
    findings: int = 0
    errors: int = 0
    unsupported: int = 0
    skipped: int = 0
    cached: int = 0
    persons: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    corporate: Counter[str] = field(default_factory=Counter)
    unsupported_kinds: Counter[str] = field(default_factory=Counter)

    def add(self, result: dict[str, Any]) -> None:
        """Count one file's result."""
        self.files += 1
        self.bytes += result.get("size", 0)
        self.cached += bool(result.get("cached"))
        self.persons += result.get("persons", 0)
        self.corporate.update(result.get("corporate_counts") or {})
        if result.get("counts"):
            self.findings += 1
            for label, n in result["counts"].items():
                self.kinds[label] = self.kinds.get(label, 0) + n
        codes = {p["code"] for p in result.get("problems", [])}
        if codes & INCOMPLETE - {"unsupported"}:
            self.errors += 1
        elif "unsupported" in codes and not result.get("counts"):
            self.unsupported += 1
            for problem in result.get("problems", []):
                if problem["code"] == "unsupported":
                    self.unsupported_kinds[str(problem.get("params", {}).get("kind", "?"))] += 1
        elif result.get("status") == "skipped":
            self.skipped += 1

    def exit_code(self) -> int:
        """Return 1 when any file holds personal data, else 2 when something could not be read, else 0.

        A format that is not read (an image, a RAR archive) was not checked: 2 as a scanned PDF is.
        What holds no documents (programs, fonts, FIFOs) is skipped and leaves 0.
        """
        return 1 if self.findings else 2 if self.errors or self.unsupported else 0

    def line(self, seconds: float) -> str:
        """Return the one-line summary of the whole scan."""
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(self.kinds.items())) or "none"
        formats = ", ".join(f"{k} {v}" for k, v in self.unsupported_kinds.most_common(5))
        unsupported = f"{self.unsupported} unsupported" + (f" ({formats})" if formats else "")
        return (
            f"{self.files} files ({self.bytes / 1e6:.1f} MB) in {seconds:.1f} s: {self.findings} with findings, "
            f"{self.errors} not fully read, {unsupported}, {self.skipped} skipped, {self.cached} unchanged (cached); "
            f"persons (estimate, summed over files) {self.persons}; findings by kind: {kinds}"
        )


def _cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula (CSV injection), as every export does."""
    return neutralise(value)


def _counts_text(result: dict[str, Any]) -> str:
    return ", ".join(f"{label} {n}" for label, n in result.get("counts", {}).items())


def _label(code: str) -> str:
    """Return the Japanese name of a label for the HTML report (氏名, 電話番号), the code if unknown."""
    return japanese().gettext(LABEL_NAMES[code]) if code in LABEL_NAMES else code


def _counts_japanese(result: dict[str, Any]) -> str:
    return "、".join(f"{_label(label)} {n}" for label, n in result.get("counts", {}).items())


def _example_text(example: dict[str, str]) -> str:
    shown = example.get("value") or example["masked"]
    return f"{example['label']} {shown}"


@functools.cache
def japanese() -> gettext.NullTranslations:
    """Return mamori's Japanese catalogue, read with the standard library (``mamori scan`` runs without Django)."""
    return gettext.translation("django", localedir=LOCALE_DIR, languages=["ja"], fallback=True)


def problem_text(problem: dict[str, Any], translations: gettext.NullTranslations | None = None) -> str:
    """Return the message of one problem of a result in Japanese (as it came when its code is unknown)."""
    tr = translations or japanese()
    template = MESSAGES.get(str(problem.get("code")))
    if template is None:
        return str(problem.get("message", ""))
    try:
        params = dict(problem.get("params", {}))
        if isinstance(params.get("kind"), str):  # PNG image, executable ... are msgids too
            params["kind"] = tr.gettext(params["kind"])
        text = tr.gettext(template) % {"location": problem.get("location", ""), **params}
        if problem.get("more"):
            text = tr.gettext(MORE) % {"message": text, "more": problem["more"]}
    except (KeyError, TypeError, ValueError):  # a result from an older version, or odd params
        return str(problem.get("message", ""))
    return text


class Writer:
    """Write results to *out* in one of the formats ``table``, ``jsonl`` or ``csv``."""

    def __init__(self, fmt: str, out: TextIO) -> None:
        self.fmt = fmt
        self.out = out
        self.csv = csv.writer(out) if fmt == "csv" else None
        self.header_done = False
        self.report = Report()

    def prints(self, result: dict[str, Any]) -> bool:
        """Tell whether :meth:`write` prints anything now (the table and HTML print at the end)."""
        return self.fmt in ("jsonl", "csv")

    def write(self, result: dict[str, Any]) -> None:
        """Write the result of one file (table and HTML: remember it for the report at the end)."""
        if self.fmt == "jsonl":
            self.out.write(json.dumps(result, ensure_ascii=False) + "\n")
        elif self.csv is not None:
            self._write_csv(result)
        else:
            self.report.add(result)
            return
        self.out.flush()

    def _write_csv(self, result: dict[str, Any]) -> None:
        assert self.csv is not None
        if not self.header_done:
            self.csv.writerow(CSV_COLUMNS)
            self.header_done = True
        self.csv.writerow(
            _cell(value)
            for value in [
                result["path"],
                result.get("status", ""),
                result.get("persons", 0),
                sum(result.get("counts", {}).values()),
                ";".join(f"{k}={v}" for k, v in result.get("counts", {}).items()),
                "; ".join(f"{_example_text(e)} @ {e['location']}" for e in result.get("examples", [])),
                "; ".join(f"{p['code']}: {p['message']}" for p in result.get("problems", [])),
                ";".join(result.get("encodings", [])),
                bool(result.get("cached")),
            ]
        )

    def _write_table(self, result: dict[str, Any]) -> None:
        if result.get("status") in ("clean", "unsupported", "skipped"):
            return  # the table lists what needs attention; the summary counts the rest
        if not self.header_done:
            self.out.write(f"{'STATUS':<9} {'PERSONS':>7}  {'FINDINGS':<40} PATH\n")
            self.header_done = True
        counts = _counts_text(result) or "-"
        self.out.write(
            f"{result['status']:<9} {result.get('persons', 0):>7}  {counts:<40} {result['path']}\n"
        )
        for example in result.get("examples", []):
            # The inner part (sheet, page, archive member) is shown next to a masked value: a member
            # named after a person (!/履歴書_柳田心春.txt) is masked like it (!/履歴書_柳田**.txt).
            where = mask_path(example["location"].removeprefix(result["path"]))
            self.out.write(
                f"{'':<19}  e.g. {_example_text(example)}" + (f"  at {where}" if where else "") + "\n"
            )
        for problem in result.get("problems", []):
            self.out.write(f"{'':<19}  ! {problem['code']}: {problem['message']}\n")

    def finish(self, totals: Totals, seconds: float, err: TextIO) -> None:
        """Write the report and summary, or the summary to *err* so that JSONL / CSV stay machine-readable."""
        if self.fmt == "table":
            for result in self.report.sorted_findings() + self.report.problems:
                self._write_table(result)
            if not self.header_done:
                self.out.write("Nothing found that needs attention.\n")
            else:
                self._write_folders()
            self.out.write(totals.line(seconds) + "\n")
        elif self.fmt == "html":
            self.out.write(self.report.html(totals, seconds))
            err.write(totals.line(seconds) + "\n")
        else:
            err.write(totals.line(seconds) + "\n")
        self.out.flush()

    def _write_folders(self) -> None:
        folders = self.report.top_folders()
        if not folders:
            return
        self.out.write(f"\n{'PERSONS':>7} {'FILES':>5}  {'FINDINGS':<40} FOLDER\n")
        for folder, stats in folders:
            counts = ", ".join(f"{k} {v}" for k, v in stats.kinds.most_common())
            self.out.write(f"{stats.persons:>7} {stats.files:>5}  {counts:<40} {folder}\n")
        self.out.write("\n")


@dataclass
class Folder:
    """Roll up the files with personal data of one folder."""

    files: int = 0
    persons: int = 0
    kinds: Counter[str] = field(default_factory=Counter)


FOLDERS_SHOWN = 30


class Report:
    """Keep what the table and HTML report show: files with findings, problems, folders."""

    def __init__(self) -> None:
        self.findings: list[dict[str, Any]] = []
        self.problems: list[dict[str, Any]] = []
        self.folders: dict[str, Folder] = {}

    def add(self, result: dict[str, Any]) -> None:
        if result.get("counts"):
            self.findings.append(result)
            folder = self.folders.setdefault(os.path.dirname(result["path"]) or ".", Folder())
            folder.files += 1
            folder.persons += result.get("persons", 0)
            folder.kinds.update(result["counts"])
        elif result.get("status") not in ("clean", "unsupported", "skipped"):
            self.problems.append(result)

    def sorted_findings(self) -> list[dict[str, Any]]:
        return sorted(self.findings, key=lambda r: (-r.get("persons", 0), r["path"]))

    def top_folders(self) -> list[tuple[str, Folder]]:
        ranked = sorted(self.folders.items(), key=lambda item: (-item[1].persons, item[0]))
        return ranked[:FOLDERS_SHOWN]

    def html(self, totals: Totals, seconds: float) -> str:
        """Return a standalone HTML report (Japanese), values masked as in the table."""
        e = html.escape
        kinds = "、".join(f"{e(_label(k))} {v}" for k, v in sorted(totals.kinds.items())) or "なし"
        corporate = "、".join(f"{e(_label(k))} {v}" for k, v in sorted(totals.corporate.items())) or "なし"
        parts = [
            '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>個人情報スキャン結果</title>',
            "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
            "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}"
            "th{white-space:nowrap}td.n{text-align:right;white-space:nowrap}td.p{word-break:break-all}"
            "</style></head><body>",
            "<h1>個人情報スキャン結果</h1>",
            "<h2>概要</h2><table>",
            f"<tr><th>実施日時</th><td>{dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}</td></tr>",
            f"<tr><th>コンピューター</th><td>{e(socket.gethostname())}</td></tr>",
            f"<tr><th>ファイル数</th><td>{totals.files}（{totals.bytes / 1e6:.1f} MB、{seconds:.1f} 秒）</td></tr>",
            f"<tr><th>個人情報のあるファイル</th><td>{totals.findings}</td></tr>",
            f"<tr><th>本人数の見積もり（合計）</th><td>{totals.persons}</td></tr>",
            f"<tr><th>種類別の件数</th><td>{kinds}</td></tr>",
            f"<tr><th>法人の連絡先（個人情報ではない）</th><td>{corporate}</td></tr>",
            f"<tr><th>読めなかったファイル</th><td>{totals.errors}</td></tr>",
            f"<tr><th>読めない形式（画像など、未確認）</th><td>{totals.unsupported}</td></tr>",
            f"<tr><th>対象外（プログラム等、文書を含まない）</th><td>{totals.skipped}</td></tr></table>",
            "<h2>フォルダ別</h2><table><tr><th>フォルダ</th><th>ファイル数</th><th>本人数</th><th>種類</th></tr>",
        ]
        for folder, stats in self.top_folders():
            counts = "、".join(f"{e(_label(k))} {v}" for k, v in stats.kinds.most_common())
            parts.append(
                f'<tr><td class="p">{e(folder)}</td><td class="n">{stats.files}</td>'
                f'<td class="n">{stats.persons}</td><td>{counts}</td></tr>'
            )
        parts.append("</table><h2>ファイル別（本人数の多い順）</h2><table>")
        parts.append("<tr><th>ファイル</th><th>本人数</th><th>種類</th><th>例（マスク済み）</th></tr>")
        for result in self.sorted_findings():
            examples = "<br>".join(
                e(f"{_label(x['label'])} {x.get('value') or x['masked']}") for x in result.get("examples", [])
            )
            parts.append(
                f'<tr><td class="p">{e(result["path"])}</td><td class="n">{result.get("persons", 0)}</td>'
                f"<td>{e(_counts_japanese(result))}</td><td>{examples}</td></tr>"
            )
        parts.append("</table>")
        if self.problems:
            parts.append("<h2>読めなかったファイル</h2><table><tr><th>ファイル</th><th>理由</th></tr>")
            for result in self.problems:
                reasons = "<br>".join(e(problem_text(p)) for p in result.get("problems", []))
                parts.append(f"<tr><td>{e(result['path'])}</td><td>{reasons}</td></tr>")
            parts.append("</table>")
        parts.append("</body></html>\n")
        return "".join(parts)
