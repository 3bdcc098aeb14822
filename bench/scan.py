"""Measure ``mamori scan`` on a directory of mixed real formats and print its figures.

Builds a tree of xlsx, docx, pdf (made by LibreOffice), CP932 csv and zip files holding fictional
personal data, scans it with all cores and no cache, then scans a tree twice as large, printing
files/s, MB/s and the peak resident memory of the main process and of the largest worker: the peak
must not grow with the size of the tree. Run: ``python bench/scan.py [--files 300] [--jobs N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

SURNAMES = ["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤"]
GIVEN = ["太郎", "花子", "一郎", "美咲", "健太", "陽子", "翔", "愛", "大輔", "由美"]
FORMATS = ("xlsx", "docx", "pdf", "csv", "zip")

CHILD = """
import json, resource, sys, time
from mamori.pii import scan
started = time.perf_counter()
code = scan.main(sys.argv[2:])
seconds = time.perf_counter() - started
usage = {"self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
         "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}
open(sys.argv[1], "w").write(json.dumps({"code": code, "seconds": seconds, "maxrss_kib": usage}))
"""


def rows(rng: random.Random, n: int) -> list[tuple[str, str, str]]:
    """Return *n* fictional (name, e-mail, mobile number) rows."""
    people = []
    for i in range(n):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        phone = f"090-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
        people.append((name, f"user{i}.{rng.randint(0, 99999)}@example.com", phone))
    return people


def write_xlsx(path: Path, people: list[tuple[str, str, str]]) -> None:
    """Write a roster workbook with openpyxl."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["氏名", "メール", "電話"])
    for person in people:
        sheet.append(list(person))
    book.save(path)


def write_docx(path: Path, people: list[tuple[str, str, str]]) -> None:
    """Write a letter with a contact table with python-docx."""
    import docx

    document = docx.Document()
    document.add_paragraph("連絡先一覧をお送りします。")
    table = document.add_table(rows=0, cols=3)
    for person in people:
        cells = table.add_row().cells
        for cell, value in zip(cells, person, strict=True):
            cell.text = value
    document.save(str(path))


def build(root: Path, files: int, seed: int = 7) -> tuple[int, int]:
    """Fill *root* with *files* files of the five formats; return (file count, total bytes)."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    docx_for_pdf = []
    for i in range(files):
        fmt = FORMATS[i % len(FORMATS)]
        folder = root / f"dept{i % 7}"
        folder.mkdir(exist_ok=True)
        people = rows(rng, 2000 if i % 25 == 24 else rng.randint(20, 60))  # a few large rosters
        path = folder / f"名簿{i:05d}.{fmt}"
        if fmt == "xlsx":
            write_xlsx(path, people)
        elif fmt in ("docx", "pdf"):
            write_docx(path.with_suffix(".docx"), people)
            if fmt == "pdf":
                docx_for_pdf.append(path.with_suffix(".docx"))
        elif fmt == "csv":
            path.write_bytes("".join(",".join(p) + "\n" for p in people).encode("cp932"))
        else:
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
                zf.writestr("顧客.csv", "".join(",".join(p) + "\n" for p in people).encode("cp932"))
    _to_pdf(docx_for_pdf)
    sizes = [p.stat().st_size for p in root.rglob("*") if p.is_file()]
    return len(sizes), sum(sizes)


def _to_pdf(sources: list[Path]) -> None:
    """Convert docx files to PDF with LibreOffice in place, one call per folder."""
    soffice = shutil.which("soffice")
    if not soffice:
        sys.exit("LibreOffice (soffice) is needed to make the PDF files: see deploy/apt/scan.txt")
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    by_folder: dict[Path, list[Path]] = {}
    for src in sources:
        by_folder.setdefault(src.parent, []).append(src)
    for folder, group in by_folder.items():
        cmd = [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, group),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=600)
        for src in group:
            src.unlink()
    shutil.rmtree(profile, ignore_errors=True)


def measure(tree: Path, jobs: int, extra: list[str]) -> dict:
    """Scan *tree* in a fresh interpreter and return its timing and peak memory."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        report = Path(fh.name)
    argv = [str(tree), "--format", "jsonl", "--no-progress", "--jobs", str(jobs), *extra]
    with open(os.devnull, "w") as devnull:
        subprocess.run(
            [sys.executable, "-c", CHILD, str(report), *argv], check=False, stdout=devnull, stderr=devnull
        )
    result = json.loads(report.read_text())
    report.unlink()
    return result


def line(label: str, files: int, size: int, m: dict) -> str:
    """Format one measurement."""
    rss = m["maxrss_kib"]
    return (
        f"{label:<28} {files:>6} files {size / 1e6:>7.1f} MB  {m['seconds']:>6.1f} s  "
        f"{files / m['seconds']:>7.1f} files/s  {size / 1e6 / m['seconds']:>6.2f} MB/s  "
        f"peak RSS main {rss['self'] / 1024:>5.0f} MiB, largest worker {rss['children'] / 1024:>5.0f} MiB  "
        f"exit {m['code']}"
    )


def main() -> None:
    """Build the trees, run the scans and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--copies", type=int, default=16, help="also scan this many copies of the tree")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mamori-bench-"))
    try:
        started = time.perf_counter()
        small = work / "tree1"
        files, size = build(small, args.files)
        big = work / "tree2"
        shutil.copytree(small, big / "a")
        shutil.copytree(small, big / "b")
        print(
            f"built {files} files ({size / 1e6:.1f} MB) and a copy twice as large in "
            f"{time.perf_counter() - started:.0f} s; cores {os.cpu_count()}, jobs {args.jobs}"
        )
        cache = str(work / "cache.sqlite3")
        one = measure(small, args.jobs, ["--no-cache"])
        two = measure(big, args.jobs, ["--no-cache"])
        print(line("tree, no cache", files, size, one))
        print(line("tree x2, no cache", 2 * files, 2 * size, two))
        print(
            line("tree x2, filling cache", 2 * files, 2 * size, measure(big, args.jobs, ["--cache", cache]))
        )
        print(
            line("tree x2, all from cache", 2 * files, 2 * size, measure(big, args.jobs, ["--cache", cache]))
        )
        growth = (two["maxrss_kib"]["self"] - one["maxrss_kib"]["self"]) / 1024
        print(f"main process peak RSS change when the tree doubled: {growth:+.1f} MiB")
        if args.copies > 2:
            many = work / "tree-many"
            for copy in range(args.copies):
                shutil.copytree(small, many / f"c{copy}", copy_function=os.link)  # hard links: cheap copies
            wide = measure(many, args.jobs, ["--no-cache"])
            print(line(f"tree x{args.copies} (hard links)", args.copies * files, args.copies * size, wide))
            growth = (wide["maxrss_kib"]["self"] - one["maxrss_kib"]["self"]) / 1024
            print(f"main process peak RSS change at x{args.copies}: {growth:+.1f} MiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
