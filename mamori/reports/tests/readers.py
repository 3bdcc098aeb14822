"""Open generated files with real readers: LibreOffice headless and poppler's pdftotext / pdffonts."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest


def tool(*names: str) -> str:
    """Return the first binary found, or skip (fail when ``MAMORI_REQUIRE_TOOLS`` is set)."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("MAMORI_REQUIRE_TOOLS"):
        pytest.fail(f"{names[0]} is required: install the packages of deploy/apt/reports.txt")
    pytest.skip(f"{names[0]} is not installed")


def libreoffice_convert(sources: list[Path], target: str, outdir: Path) -> list[Path]:
    """Convert ``sources`` with LibreOffice headless (own profile) and return the new files."""
    binary = tool("soffice", "libreoffice")
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [
        binary,
        f"-env:UserInstallation=file://{outdir / '.lo-profile'}",
        "--headless",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        *map(str, sources),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=240)
    ext = target.split(":")[0]
    results = [outdir / f"{src.stem}.{ext}" for src in sources]
    for path in results:
        assert path.is_file(), f"LibreOffice did not write {path.name}"
    return results


def pdftotext(path: Path) -> str:
    """Return the text poppler extracts from the PDF (fails on a broken file)."""
    result = subprocess.run(
        [tool("pdftotext"), "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, timeout=60
    )
    return result.stdout.decode("utf-8")


def pdffonts(path: Path) -> list[dict[str, str]]:
    """Return the fonts of the PDF as poppler lists them: name, type, emb."""
    out = subprocess.run(
        [tool("pdffonts"), str(path)], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    fonts = []
    for line in out.splitlines()[2:]:
        match = re.match(r"(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)", line)
        if match:
            fonts.append({"name": match[1], "type": match[2], "emb": match[4], "uni": match[6]})
    return fonts


def squash(text: str) -> str:
    """Return ``text`` without any whitespace (readers wrap lines where they like)."""
    return re.sub(r"\s+", "", text)


def fill_letter_items(incident, manager):
    """Give an incident everything a notice to the individuals needs (the manager's report details)."""
    from mamori.reports import services

    org = incident.organisation
    org.inquiry_desk = org.inquiry_desk or "お客様相談室 0120-000-000 privacy@example.com"
    org.inquiry_hours = "平日 9:00〜17:00（土日祝日・年末年始を除く）"
    org.save()
    services.report_details_update(
        incident=incident,
        actor=manager,
        public_summary="お客様へのご案内メールを、誤って別のお客様に送信いたしました。",
        cause_details="送信前の宛先確認が不十分でした。",
        measures_taken="誤送信先のお客様にメールの削除をお願いし、削除のご連絡をいただきました。",
        secondary_damage="現時点で二次被害は確認されておりません。",
        prevention_notes="送信前に宛先を二名で確認する手順を定めました。",
    )
