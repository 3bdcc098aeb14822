"""Measure memory and time of ``mamori scan`` on single big files: the peak must not follow the size.

Writes a big customer CSV (UTF-8), a big log (CP932) and a Word document whose XML is large for its
zip size, scans each alone with one job, no cache and a ``--max-file-size`` above it, and prints the
file size, the seconds, MB/s and the peak resident memory of the scanning process. Run:
``python bench/scan_big.py [--mb 200] [--docx-mb 60]``. Figures on a shared machine vary with load.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, resource, sys, time
from mamori.pii import scan
started = time.perf_counter()
code = scan.main(sys.argv[2:])
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
open(sys.argv[1], "w").write(json.dumps({"code": code, "seconds": seconds, "maxrss_kib": peak}))
"""
SURNAMES = ["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤"]
GIVEN = ["太郎", "花子", "一郎", "美咲", "健太", "陽子", "翔", "愛", "大輔", "由美"]


def write_csv(path: Path, size: int) -> None:
    rng = random.Random(1)
    with path.open("w", encoding="utf-8") as fh:
        fh.write("顧客番号,氏名,電話番号,メールアドレス,住所,備考\n")
        n = 0
        while fh.tell() < size:
            n += 1
            name = rng.choice(SURNAMES) + " " + rng.choice(GIVEN)
            fh.write(
                f"{n},{name},090-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)},"
                f"user{n}@example.jp,東京都千代田区丸の内{rng.randint(1, 3)}-{rng.randint(1, 9)},\n"
            )


def write_log(path: Path, size: int) -> None:
    rng = random.Random(2)
    with path.open("w", encoding="cp932") as fh:
        n = 0
        while fh.tell() < size:
            n += 1
            fh.write(
                f"2026-04-01 12:{n % 60:02d}:{n % 59:02d} INFO 受注処理 order={rng.randint(10**9, 10**10)} "
                f"ship_no={rng.randint(10**11, 10**12)} status=完了 担当=システム\n"
            )


def write_docx(path: Path, megabytes: int) -> None:
    """Write a docx whose document.xml holds about *megabytes* MiB of repetitive paragraphs."""
    from docx import Document

    template = Path(tempfile.mkdtemp()) / "t.docx"
    Document().save(str(template))
    para = "<w:p><w:r><w:t>本契約の条項に従い、甲は乙に対して業務を委託する。</w:t></w:r></w:p>"
    person = "<w:p><w:r><w:t>担当者：山田 太郎 電話 090-1234-5678</w:t></w:r></w:p>"
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dest:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                head, tail = data.split(b"<w:body>", 1)
                count = megabytes * 1024 * 1024 // len(para.encode())
                with dest.open("word/document.xml", "w") as out:
                    out.write(head + b"<w:body>" + person.encode())
                    rng = random.Random(3)
                    for _ in range(count // 1000):  # numbered clauses: compresses about 150 times
                        out.write(
                            "".join(
                                para.replace("本契約", f"第{rng.randint(1, 10**4)}条") for _ in range(1000)
                            ).encode()
                        )
                    out.write(tail)
            else:
                dest.writestr(info, data)


def measure(path: Path, extra: list[str]) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        cmd = [sys.executable, "-c", CHILD, out.name, str(path), "--format", "jsonl", "--no-cache"]
        cmd += [
            "--jobs",
            "1",
            "--no-progress",
            "--max-file-size",
            str(max(4 * path.stat().st_size, 2**30)),
            *extra,
        ]
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
        figures = json.loads(Path(out.name).read_text())
        figures["result"] = json.loads(proc.stdout.splitlines()[0]) if proc.stdout else {}
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=200, help="size of the CSV and of the log (MB)")
    parser.add_argument("--docx-mb", type=int, default=60, help="MiB of XML in the Word document")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for name, writer, size in (("customers.csv", write_csv, args.mb), ("orders.log", write_log, args.mb))[
            : 2 if args.mb else 0
        ]:
            path = Path(tmp) / name
            writer(path, size * 1_000_000)
            files.append(path)
        if args.docx_mb:
            path = Path(tmp) / "contract.docx"
            write_docx(path, args.docx_mb)
            files.append(path)
        for path in files:
            started = time.perf_counter()
            m = measure(path, [])
            size = path.stat().st_size
            result = m["result"]
            print(
                f"{path.name}: {size / 1e6:.1f} MB, {m['seconds']:.1f} s ({size / 1e6 / m['seconds']:.1f} MB/s), "
                f"peak memory {m['maxrss_kib'] / 1024:.0f} MB; status {result.get('status')}, "
                f"counts {result.get('counts')}, problems {[p['code'] for p in result.get('problems', [])]}"
                f" [{time.perf_counter() - started:.0f} s]"
            )
            sys.stdout.flush()


if __name__ == "__main__":
    main()
