"""Measure ``mamori scan`` on a generated company file server and print its figures.

Builds ``mamori.testing.scan_tree`` at ``--scale`` (company-only quotes, invoices, logs, masters, manuals,
source; customer lists, mailing lists, HR sheets ...), scans it with ``--jobs`` workers and no cache, and
prints: wall time and MB/s, file recall on files with personal data, the share of company-only files
flagged, identifier labels on files without them, the exit status; then detection throughput per core
(one process, best of three) on the digit-dense files (logs, shipping / order / product CSVs, customer
and mailing lists) and on sparse business prose. Run: ``python bench/scan_tree.py [--scale 20] [--jobs 2]``.
Figures on a shared machine vary with load; run it twice.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mamori.pii import detect  # noqa: E402
from mamori.pii.extract.text import decode_bytes  # noqa: E402
from mamori.testing.pii_corpus import business_corpus  # noqa: E402
from mamori.testing.scan_tree import build  # noqa: E402

STRONG = {"PASSPORT", "CREDIT_CARD", "MY_NUMBER"}


def per_core(texts: list[str]) -> float:
    size = sum(len(t.encode("utf-8")) for t in texts)
    detect("氏名：山田 太郎 経理の伊藤が不在")
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for text in texts:
            detect(text)
        best = min(best, time.process_time() - start)
    return size / 1e6 / best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "share"
        truth = build(root, scale=args.scale)
        size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "mamori.cli", "scan", str(root), "--format", "jsonl", "--no-cache"]
            + ["--jobs", str(args.jobs), "--no-progress"],
            capture_output=True,
            text=True,
            check=False,
        )
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        rows = {os.path.relpath(r["path"], root): r for r in map(json.loads, proc.stdout.splitlines())}
        personal = [k for k, t in truth.items() if t["personal"]]
        company = [k for k, t in truth.items() if not t["personal"]]
        missed = [k for k in personal if not rows[k]["counts"]]
        flagged = [k for k in company if rows[k]["counts"]]
        strong = [k for k in company if STRONG & set(rows[k]["counts"])]
        print(
            f"tree: {len(truth)} files, {size / 1e6:.1f} MB ({len(personal)} personal, {len(company)} company-only)"
        )
        print(
            f"scan, {args.jobs} jobs: {wall:.1f} s wall, {size / 1e6 / wall:.1f} MB/s, exit status {proc.returncode}"
        )
        print(
            f"scan CPU time (scanner and workers): {cpu:.1f} s, {size / 1e6 / cpu:.1f} MB/s per core busy; "
            f"on a quiet machine the wall rate on {args.jobs} jobs approaches {args.jobs} x that"
        )
        print(
            f"file recall {1 - len(missed) / len(personal):.3f}; company-only files flagged {len(flagged)}/{len(company)}"
        )
        print(f"PASSPORT / CREDIT_CARD / MY_NUMBER on files without them: {len(strong)}")
        dense = [
            decode_bytes((root / k).read_bytes())[0]
            for k, t in truth.items()
            if t.get("encoding") not in (None, "utf-16") and k.endswith((".log", ".csv", ".tsv"))
        ]
        print(
            f"detection per core, digit-dense files ({sum(map(len, dense)) / 1e6:.1f} M chars): {per_core(dense):.1f} MB/s"
        )
        print(f"detection per core, sparse business prose: {per_core(business_corpus(3_000_000)):.1f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
