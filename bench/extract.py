"""Profile text extraction on the benchmark trees and print where its CPU goes, beside detection's.

Builds the generated company file server of ``bench/scan_tree.py`` and the mixed-format tree of
``bench/scan.py`` (xlsx, docx, PDF made by LibreOffice, CP932 CSV, zip), runs
``mamori.pii.extract.extract`` on every file in this one process (once to import the readers, once
timed, once under cProfile), and prints per format the files, MB, extraction CPU seconds and MB/s and
the CPU of detecting the same text, then the functions that take the most CPU in extraction. With ``--sheet-mb N`` it also writes the big xlsx
(XlsxWriter) and ods (LibreOffice) customer lists of ``bench/scan_big.py`` with N MiB of sheet XML and
extracts each in a process of its own, streamed and by python-calamine, printing the CPU seconds, the
peak memory and whether both texts are the same. Run:
``python bench/extract.py [--scale 10] [--files 300] [--top 20] [--sheet-mb 40]``. CPU time is used,
so the figures hold on a shared machine; say the load when quoting wall time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _kind(path: Path) -> str:
    return path.suffix.lower().lstrip(".") or "none"


def profile(files: list[Path], top: int) -> None:
    """Time the extraction of every file of *files*, then profile it; print the figures per format and the top functions.

    The times come from a pass without the profiler (cProfile triples the cost of Python-heavy
    readers) after a first pass that imports the readers, as a scan's workers do once; the function
    list comes from a third pass under cProfile.
    """
    from mamori.pii import detect_all
    from mamori.pii.extract import extract

    for path in files:  # imports and first-call costs, paid once per worker in a scan
        for _ in extract(path):
            pass
    per: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0, 0, 0.0])
    for path in files:
        started = time.process_time()
        texts = [part.text for part in extract(path)]
        extracted = time.process_time()
        for text in texts:  # detection of the same text, for the share extraction takes
            detect_all(text)
        row = per[_kind(path)]
        row[0] += 1
        row[1] += path.stat().st_size
        row[2] += extracted - started
        row[3] += sum(map(len, texts))
        row[4] += time.process_time() - extracted
    profiler = cProfile.Profile(time.process_time)
    for path in files:
        profiler.enable()
        for _ in extract(path):
            pass
        profiler.disable()
    total = [sum(row[i] for row in per.values()) for i in range(5)]
    print(
        f"{'format':<8} {'files':>6} {'MB':>8} {'extract CPU s':>13} {'MB/s':>7} {'Mchars':>7} {'detect CPU s':>12}"
    )
    for kind, (count, size, cpu, chars, detect) in sorted(per.items(), key=lambda item: -item[1][2]):
        rate = size / 1e6 / cpu if cpu else float("inf")
        print(
            f"{kind:<8} {count:>6} {size / 1e6:>8.2f} {cpu:>13.2f} {rate:>7.1f} {chars / 1e6:>7.2f} {detect:>12.2f}"
        )
    print(
        f"{'all':<8} {total[0]:>6} {total[1] / 1e6:>8.2f} {total[2]:>13.2f} {total[1] / 1e6 / total[2]:>7.1f} "
        f"{total[3] / 1e6:>7.2f} {total[4]:>12.2f}  (extraction {100 * total[2] / (total[2] + total[4]):.0f} % of the CPU)"
    )
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    lines = out.getvalue().splitlines()
    start = next(i for i, text in enumerate(lines) if "ncalls" in text)
    print("\n".join(lines[start : start + top + 1]))


SHEET_CHILD = """
import hashlib, json, resource, sys, time
from mamori.pii.extract import extract, xlsxstream
if sys.argv[2] == "calamine":
    xlsxstream.STREAM_SHEET_BYTES = 1 << 40
cpu = time.process_time()
digest, parts = hashlib.sha256(), 0
for part in extract(sys.argv[1]):
    digest.update(part.text.encode())
    parts += 1
cpu = time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"cpu": cpu, "peak_mb": peak / 1024, "parts": parts, "sha256": digest.hexdigest()}))
"""


def sheets(tmp: Path, megabytes: int) -> None:
    """Extract big xlsx and ods sheets streamed and by calamine, each in a fresh process."""
    import json
    import subprocess

    import scan_big

    print(f"\n== big sheets, {megabytes} MiB of sheet XML (extraction only, one process each)")
    for name, write in (("customers.xlsx", scan_big.write_xlsx), ("customers.ods", scan_big.write_ods)):
        path = tmp / name
        write(path, megabytes)
        runs = {}
        for mode in ("streamed", "calamine"):
            cmd = [sys.executable, "-c", SHEET_CHILD, str(path), mode]
            runs[mode] = json.loads(
                subprocess.run(cmd, cwd=ROOT, capture_output=True, check=True, text=True).stdout
            )
        same = "same text" if runs["streamed"]["sha256"] == runs["calamine"]["sha256"] else "TEXT DIFFERS"
        streamed, whole = runs["streamed"], runs["calamine"]
        print(
            f"{name}: streamed CPU {streamed['cpu']:.2f} s, peak {streamed['peak_mb']:.0f} MB, "
            f"{streamed['parts']} parts; calamine CPU {whole['cpu']:.2f} s, peak {whole['peak_mb']:.0f} MB; {same}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale", type=int, default=10, help="scale of the bench/scan_tree.py tree (0: skip)"
    )
    parser.add_argument("--files", type=int, default=300, help="files of the bench/scan.py tree (0: skip)")
    parser.add_argument("--top", type=int, default=20, help="functions to print, by own CPU time")
    parser.add_argument(
        "--sheet-mb", type=int, default=0, help="MiB of sheet XML of a big xlsx and ods to time (0: skip)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.scale:
            from mamori.testing.scan_tree import build

            build(Path(tmp) / "server", scale=args.scale)
            files = sorted(p for p in (Path(tmp) / "server").rglob("*") if p.is_file())
            print(f"== bench/scan_tree.py tree, scale {args.scale}: {len(files)} files")
            profile(files, args.top)
        if args.files:
            import scan as mixed

            mixed.build(Path(tmp) / "mixed", args.files)
            files = sorted(p for p in (Path(tmp) / "mixed").rglob("*") if p.is_file())
            print(f"\n== bench/scan.py tree: {len(files)} files")
            profile(files, args.top)
        if args.sheet_mb:
            sheets(Path(tmp), args.sheet_mb)


if __name__ == "__main__":
    main()
