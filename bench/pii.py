"""Benchmark the PII engine: throughput per core and accuracy per label.

Run ``python bench/pii.py`` (optionally ``--mb 8``). It prints
- detection throughput in MB/s (UTF-8 bytes) on one core over a generated corpus of mixed Japanese
  business text with sparse PII (``mamori.testing.pii_corpus.business_corpus``);
- exact-span P/R/F1 per label and reported decoys on the shared dev sample (if present), on the dev
  sample with every name and address swapped for unseen ones, and on a generated held-out set whose
  names, towns and templates differ from the dev sample.
Exit status 1 when a figure misses the issue's thresholds (10 MB/s, F1 per label, zero decoys).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mamori.pii import detect  # noqa: E402
from mamori.pii.evaluate import load, score  # noqa: E402
from mamori.testing.pii_corpus import business_corpus, generate, swap_names  # noqa: E402

DEV = [ROOT.parent / "shared" / "data" / "pii-dev" / "dev.jsonl", Path("/work/shared/data/pii-dev/dev.jsonl")]
MIN_MB_PER_S = 10.0


def throughput(megabytes: float) -> float:
    """Return MB/s of ``detect`` over a generated corpus of about ``megabytes`` MB, best of three runs."""
    docs = business_corpus(int(megabytes * 1_000_000))
    size = sum(len(d.encode("utf-8")) for d in docs)
    detect("氏名：山田 太郎")  # load the dictionaries outside the timing
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for doc in docs:
            detect(doc)
        best = min(best, time.process_time() - start)
    print(f"corpus: {len(docs)} documents, {size / 1e6:.2f} MB UTF-8")
    return size / 1e6 / best


def main(argv: list[str] | None = None) -> int:
    """Print throughput and accuracy figures; return 1 if any misses its threshold."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--mb", type=float, default=6.0, help="size of the throughput corpus in MB (default 6)"
    )
    parser.add_argument("--heldout", type=int, default=500, help="number of generated held-out documents")
    args = parser.parse_args(argv)
    problems: list[str] = []
    rate = throughput(args.mb)
    print(f"throughput: {rate:.1f} MB/s per core (CPU time, single process)\n")
    if rate < MIN_MB_PER_S:
        problems.append(f"throughput {rate:.1f} MB/s")
    dev = next((p for p in DEV if p.exists()), None)
    sets = [("held-out (generated, seed 99)", list(generate(args.heldout, seed=99)))]
    if dev is not None:
        dev_docs = load(dev)
        rng = random.Random(5)
        sets.insert(
            0,
            (
                "dev sample, names and addresses swapped for unseen ones",
                [swap_names(d, rng) for d in dev_docs],
            ),
        )
        sets.insert(0, (f"dev sample ({dev})", dev_docs))
    else:
        print("dev sample not found; skipped\n")
    for name, docs in sets:
        result = score(docs)
        print(f"== {name}: {len(docs)} documents")
        print(result.table() + "\n")
        problems += [f"{name}: {p}" for p in result.failures()]
    print("PASS" if not problems else "FAIL: " + "; ".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
