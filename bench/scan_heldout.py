"""Scan a bigger copy of the held-out share (``mamori/pii/tests/fixtures/heldout2_src``) as a user would.

    python bench/scan_heldout.py [--scale 40] [--jobs 2] [--keep DIR]

Builds the share with every list and log ``--scale`` times longer (same files, same hand labels; needs
LibreOffice), runs ``mamori scan --jobs N --no-cache --format jsonl`` in a subprocess, and prints the
wall time and the scan's CPU time (children's rusage) with the load average, MB/s wall and per busy
core, the exit code, file recall, the share of company-only files flagged and identifier labels on files
without them. Wall figures depend on the load of the shared machine: quote them with it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "mamori" / "pii" / "tests" / "fixtures" / "heldout2_src"
STRONG = {"PASSPORT", "CREDIT_CARD", "MY_NUMBER", "DRIVERS_LICENSE", "BANK_ACCOUNT"}


def build(out: Path, scale: int, pool: Path | None) -> dict[str, dict]:
    env = dict(os.environ, HELDOUT_OUT=str(out / "tree"), HELDOUT_SCALE=str(scale), SAL_USE_VCLPLUGIN="svp")
    if pool:
        env["HELDOUT_POOL"] = str(pool.resolve())
    subprocess.run([sys.executable, "build.py"], cwd=SRC, env=env, check=True, stdout=subprocess.DEVNULL)
    return json.loads((out / "labels.json").read_text(encoding="utf-8"))


def scan(tree: Path, jobs: int) -> tuple[int, float, float, list[dict]]:
    mamori = Path(sys.executable).with_name("mamori")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        [
            str(mamori),
            "scan",
            str(tree),
            "--jobs",
            str(jobs),
            "--no-cache",
            "--no-progress",
            "--format",
            "jsonl",
        ],
        capture_output=True,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rows = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines() if line.strip()]
    return proc.returncode, wall, cpu, rows


def score(tree: Path, labels: dict[str, dict], rows: list[dict]) -> dict[str, object]:
    results = {os.path.relpath(r["path"], tree): r for r in rows}
    personal = [rel for rel, t in labels.items() if t["personal"]]
    company = [rel for rel, t in labels.items() if not t["personal"]]
    missed = [rel for rel in personal if not results[rel]["counts"]]
    flagged = {rel: results[rel]["counts"] for rel in company if results[rel]["counts"]}
    wrong_ids = {
        rel: sorted(set(results[rel]["counts"]) & STRONG - set(t["identifiers"]))
        for rel, t in labels.items()
        if set(results[rel]["counts"]) & STRONG - set(t["identifiers"])
    }
    return {
        "recall": (len(personal) - len(missed)) / len(personal),
        "missed": missed,
        "flagged_share": len(flagged) / len(company),
        "flagged": flagged,
        "company_files": len(company),
        "identifier_labels_on_files_without_them": wrong_ids,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=40, help="rows of every list and log × this")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    parser.add_argument(
        "--pool",
        type=Path,
        help="JSON of other names (surnames / given / foreign: [kanji, kana] pairs) to use instead",
    )
    parser.add_argument(
        "--rounds", type=int, default=2, help="scans of the same tree (the best wall is kept)"
    )
    args = parser.parse_args()
    out = args.keep or Path(tempfile.mkdtemp(prefix="heldout-"))
    t0 = time.perf_counter()
    labels = build(out, args.scale, args.pool)
    tree = out / "tree"
    size = sum(p.stat().st_size for p in tree.rglob("*") if p.is_file())
    print(
        f"built {len(labels)} files, {size / 1e6:.1f} MB at scale {args.scale} in {time.perf_counter() - t0:.0f} s"
    )
    for _ in range(args.rounds):
        load = Path("/proc/loadavg").read_text().split()[:3]
        code, wall, cpu, rows = scan(tree, args.jobs)
        print(
            f"jobs {args.jobs}: wall {wall:.2f} s = {size / 1e6 / wall:.1f} MB/s wall; CPU {cpu:.2f} s = "
            f"{size / 1e6 / cpu:.1f} MB/s per busy core; exit {code}; load before {' '.join(load)}"
        )
    result = score(tree, labels, rows)
    print(
        f"file recall {result['recall']:.3f}; company-only flagged {len(result['flagged'])}/{result['company_files']}"  # type: ignore[arg-type]
        f" = {result['flagged_share']:.3f}; identifier labels on files without them: "
        f"{result['identifier_labels_on_files_without_them'] or 'none'}"
    )
    for rel, counts in sorted(result["flagged"].items()):  # type: ignore[attr-defined]
        print(f"  flagged {rel}: {counts}")
    for rel in result["missed"]:  # type: ignore[attr-defined]
        print(f"  missed {rel}")
    if not args.keep:
        shutil.rmtree(out)


if __name__ == "__main__":
    main()
