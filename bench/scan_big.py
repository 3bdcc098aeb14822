"""Measure memory and time of ``mamori scan`` on single big files: the peak must not follow the size.

Writes a big customer CSV (UTF-8), a big log (CP932), a big ISO-2022-JP mail log and an HTML customer
table, and office files whose XML is large for their zip size: a Word document, a PowerPoint deck
(python-pptx), an OpenDocument text and spreadsheet (LibreOffice) and an xlsx customer list (XlsxWriter). Each is
scanned alone with one job, no cache and a ``--max-file-size`` above it; the file size, the seconds,
MB/s, the CPU seconds and the peak resident memory of the scanning process are printed. Run:
``python bench/scan_big.py [--mb 200] [--docx-mb 60] [--office-mb 40] [--only pptx,odt]``. Figures on a
shared machine vary with load.
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
started, cpu = time.perf_counter(), time.process_time()
code = scan.main(sys.argv[2:])
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
figures = {"code": code, "seconds": seconds, "cpu": cpu, "maxrss_kib": peak}
open(sys.argv[1], "w").write(json.dumps(figures))
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


def write_jis_log(path: Path, size: int) -> None:
    """Write an ISO-2022-JP log of mail deliveries, as old Japanese mail systems keep them."""
    rng = random.Random(4)
    with path.open("wb") as fh:
        n = 0
        while fh.tell() < size:
            n += 1
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            line = f"2026-04-01 配信 {n} 宛先 {name}様 user{n}@example.jp 件名 ご注文の確認（受付番号{n}）\n"
            fh.write(line.encode("iso2022_jp"))


def write_html(path: Path, size: int) -> None:
    """Write an HTML customer table, as a web system's export page saved from the browser."""
    rng = random.Random(5)
    with path.open("w", encoding="utf-8") as fh:
        fh.write("<html><head><meta charset='utf-8'><title>顧客一覧</title></head><body><table>\n")
        fh.write("<tr><th>氏名</th><th>電話番号</th><th>メール</th></tr>\n")
        n = 0
        while fh.tell() < size:
            n += 1
            name = rng.choice(SURNAMES) + " " + rng.choice(GIVEN)
            phone = f"090-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
            fh.write(f"<tr><td>{name}</td><td>{phone}</td><td>user{n}@example.jp</td></tr>\n")
        fh.write("</table></body></html>\n")


def _inject(template: Path, path: Path, member: str, marker: bytes, piece: str, megabytes: int) -> None:
    """Copy *template* to *path* with *megabytes* MiB of numbered *piece* XML inserted before *marker*."""
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dest:
        for info in src.infolist():
            data = src.read(info)
            if info.filename != member:
                dest.writestr(info, data)
                continue
            head, tail = data.rsplit(marker, 1)
            count = megabytes * 1024 * 1024 // len(piece.encode())
            rng = random.Random(6)
            with dest.open(info.filename, "w") as out:
                out.write(head)
                for _ in range(count // 1000):
                    out.write(
                        "".join(
                            piece.replace("本契約", f"第{rng.randint(1, 10**4)}条") for _ in range(1000)
                        ).encode()
                    )
                out.write(marker + tail)


def write_pptx(path: Path, megabytes: int) -> None:
    """Write a pptx (python-pptx) whose one slide holds about *megabytes* MiB of paragraphs."""
    import pptx
    from pptx.util import Inches

    template = Path(tempfile.mkdtemp()) / "t.pptx"
    deck = pptx.Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(5)).text_frame
    box.text = "担当者：山田 太郎 電話 090-1234-5678"
    deck.save(str(template))
    piece = '<a:p><a:r><a:rPr lang="ja-JP"/><a:t>本契約の条項に従い、甲は乙に対して業務を委託する。</a:t></a:r></a:p>'
    _inject(template, path, "ppt/slides/slide1.xml", b"</p:txBody>", piece, megabytes)


def write_odt(path: Path, megabytes: int) -> None:
    """Write an odt (LibreOffice headless from a text file) holding about *megabytes* MiB of paragraphs."""
    tmp = Path(tempfile.mkdtemp())
    (tmp / "t.txt").write_text("担当者：山田 太郎 電話 090-1234-5678\n", encoding="utf-8")
    cmd = ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "odt"]
    subprocess.run(
        [*cmd, "--outdir", str(tmp), str(tmp / "t.txt")], check=True, capture_output=True, timeout=300
    )
    piece = '<text:p text:style-name="Standard">本契約の条項に従い、甲は乙に対して業務を委託する。</text:p>'
    _inject(tmp / "t.odt", path, "content.xml", b"</office:text>", piece, megabytes)


def write_ods(path: Path, megabytes: int) -> None:
    """Write an ods customer list (LibreOffice headless from a CSV, rows added) of about *megabytes* MiB."""
    tmp = Path(tempfile.mkdtemp())
    (tmp / "t.csv").write_text(
        "氏名,電話番号,メールアドレス\n山田 太郎,090-1234-5678,taro@example.jp\n", encoding="utf-8"
    )
    cmd = ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "ods"]
    subprocess.run(
        [*cmd, "--outdir", str(tmp), str(tmp / "t.csv")], check=True, capture_output=True, timeout=300
    )
    cell = '<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>{}</text:p></table:table-cell>'
    row = (
        "<table:table-row>" + cell.format("本契約 顧客") + cell.format("090-1234-5678") + "</table:table-row>"
    )
    _inject(tmp / "t.ods", path, "content.xml", b"</table:table>", row, megabytes)


def write_xlsx(path: Path, megabytes: int) -> None:
    """Write an xlsx customer list (XlsxWriter, constant memory) of about *megabytes* MiB of sheet XML."""
    import datetime as dt

    import xlsxwriter

    rng = random.Random(7)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("顧客")
    dates = book.add_format({"num_format": "yyyy/mm/dd"})
    sheet.write_row(0, 0, ["顧客番号", "氏名", "電話番号", "メールアドレス", "生年月日", "住所"])
    rows = megabytes * 1024 * 1024 // 420  # sheet XML bytes per row, measured on this writer
    for n in range(1, rows + 1):
        name = rng.choice(SURNAMES) + " " + rng.choice(GIVEN)
        sheet.write_number(n, 0, n)
        sheet.write_string(n, 1, name)
        sheet.write_string(n, 2, f"090-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}")
        sheet.write_string(n, 3, f"user{n}@example.jp")
        sheet.write_datetime(n, 4, dt.datetime(1950 + n % 50, 1 + n % 12, 1 + n % 28), dates)
        sheet.write_string(n, 5, f"東京都千代田区丸の内{rng.randint(1, 3)}-{rng.randint(1, 9)}")
    book.close()


def xml_mib(path: Path) -> str:
    """Return ``, N MiB of XML`` for an office file (its inflated members), else an empty string."""
    if not zipfile.is_zipfile(path):
        return ""
    with zipfile.ZipFile(path) as zf:
        return f", {sum(i.file_size for i in zf.infolist()) / 2**20:.0f} MiB of XML"


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
    parser.add_argument("--mb", type=int, default=200, help="size of the CSV, logs and HTML (MB)")
    parser.add_argument("--docx-mb", type=int, default=60, help="MiB of XML in the Word document")
    parser.add_argument("--office-mb", type=int, default=40, help="MiB of XML in the pptx, odt and xlsx")
    parser.add_argument(
        "--only", default="", help="comma-separated kinds: csv,log,jis,html,docx,pptx,odt,xlsx,ods"
    )
    args = parser.parse_args()
    jobs = {
        "csv": ("customers.csv", write_csv, args.mb * 1_000_000),
        "log": ("orders.log", write_log, args.mb * 1_000_000),
        "jis": ("mail-iso2022jp.log", write_jis_log, args.mb * 1_000_000),
        "html": ("customers.html", write_html, args.mb * 1_000_000),
        "docx": ("contract.docx", write_docx, args.docx_mb),
        "pptx": ("deck.pptx", write_pptx, args.office_mb),
        "odt": ("contract.odt", write_odt, args.office_mb),
        "xlsx": ("customers.xlsx", write_xlsx, args.office_mb),
        "ods": ("customers.ods", write_ods, args.office_mb),
    }
    chosen = [kind for kind in (args.only.split(",") if args.only else jobs) if jobs[kind][2]]
    with tempfile.TemporaryDirectory() as tmp:
        for kind in chosen:
            name, writer, size = jobs[kind]
            path = Path(tmp) / name
            writer(path, size)
            started = time.perf_counter()
            m = measure(path, [])
            size = path.stat().st_size
            result = m["result"]
            print(
                f"{path.name}: {size / 1e6:.1f} MB{xml_mib(path)}, {m['seconds']:.1f} s "
                f"({size / 1e6 / m['seconds']:.1f} MB/s, CPU {m['cpu']:.1f} s), "
                f"peak memory {m['maxrss_kib'] / 1024:.0f} MB; status {result.get('status')}, "
                f"counts {result.get('counts')}, problems {[p['code'] for p in result.get('problems', [])]}"
                f" [{time.perf_counter() - started:.0f} s]"
            )
            sys.stdout.flush()
            path.unlink()


if __name__ == "__main__":
    main()
