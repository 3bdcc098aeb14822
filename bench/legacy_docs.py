"""Time and check the readers of Word 97 (.doc) and RTF against the other ways to read them.

    python bench/legacy_docs.py [--rows 500] [--repeat 20]

Builds with LibreOffice a Japanese application form (a paragraph, a two-column table, a link) and a
roster of ``--rows`` invented people as Word 97 .doc and RTF, adds the held-out share's .doc / .rtf,
and prints per file: mamori's CPU time per read (``time.process_time``, median of ``--repeat``), whether
every expected name / address is in the text, and the same for catdoc, antiword (Debian; child CPU from
``os.times``), msdoc2docx (PyPI, converts to docx, read back with python-docx) and a LibreOffice
conversion to text, when they are installed. Quote the printed load average with the figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
HELDOUT = REPO / "mamori" / "pii" / "tests" / "fixtures" / "heldout2"
SEI = "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 林 斎藤 清水".split()
MEI = "陽翔 凛 蓮 結衣 湊 葵 大和 陽菜 悠真 美咲 颯太 琴音 樹 さくら 奏 ひなた 健 花子 光 千鶴".split()


def roster(rows: int) -> tuple[str, list[str]]:
    names = [f"{SEI[i % 20]} {MEI[(i * 7 + i // 20) % 20]}" for i in range(rows)]
    cells = "".join(
        f"<tr><td>{i + 1}</td><td>{n}</td><td>長野県松本市中央{i % 4 + 1}丁目{i % 9 + 1}-{i % 30 + 1}</td></tr>"
        for i, n in enumerate(names)
    )
    body = f"<h1>会員名簿</h1><table border='1'><tr><td>No</td><td>氏名</td><td>住所</td></tr>{cells}</table>"
    return body, [names[0], names[-1], f"長野県松本市中央{(rows - 1) % 4 + 1}丁目"]


def build(out: Path, rows: int) -> dict[Path, list[str]]:
    form = (
        "<h1>入居申込書</h1><p>申込者氏名：鬼塚 光（おにづか ひかる）様 café</p>"
        "<p>住所：〒390-0815 長野県松本市深志2丁目5-1 <a href='mailto:h@example.jp'>h@example.jp</a></p>"
        "<table border='1'><tr><td>氏名</td><td>住所</td></tr><tr><td>栗林 凛</td><td>松本市中央3丁目</td></tr></table>"
    )
    big, big_expected = roster(rows)
    sources = {
        "申込書": (form, ["鬼塚 光", "深志2丁目5-1", "h@example.jp", "栗林 凛"]),
        "会員名簿": (big, big_expected),
    }
    expected: dict[Path, list[str]] = {}
    for stem, (body, words) in sources.items():
        html = out / f"{stem}.html"
        html.write_text(
            f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8"
        )
        for target, ext in (("doc:MS Word 97", "doc"), ("rtf:Rich Text Format", "rtf")):
            lo(["--infilter=HTML (StarWriter)", "--convert-to", target, str(html)], out)
            expected[out / f"{stem}.{ext}"] = words
    expected[HELDOUT / "ひかり不動産/旧データ/入居申込書_2009.doc"] = ["御手洗 琴音", "大通西20丁目3-18"]
    expected[HELDOUT / "NPO法人みどりの街/会員/会員連絡メモ.rtf"] = ["齋藤 ひなた", "大通西20丁目3-18"]
    return expected


def lo(args: list[str], out: Path) -> None:
    profile = f"-env:UserInstallation=file://{out}/.lo-profile"
    cmd = ["soffice", profile, "--headless", *args[:-1], "--outdir", str(out), args[-1]]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)


def mamori_text(path: Path) -> str:
    from mamori.pii.extract import extract

    return "\n".join(p.text for p in extract(path, name=path.name))


def child_cpu(run: Callable[[], str]) -> tuple[str, float]:
    before = os.times()
    text = run()
    after = os.times()
    return text, (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )


def tool(cmd: list[str]) -> Callable[[Path], str]:
    return lambda path: subprocess.run([*cmd, str(path)], capture_output=True, check=False).stdout.decode(
        "utf-8", "replace"
    )


def msdoc2docx(path: Path) -> str:
    import doc2docx
    import docx

    with tempfile.TemporaryDirectory() as tmp:
        doc2docx.convert(path, Path(tmp) / "out.docx")
        document = docx.Document(str(Path(tmp) / "out.docx"))
    cells = ["\t".join(c.text for c in row.cells) for t in document.tables for row in t.rows]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def libreoffice(path: Path) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        lo(["--convert-to", "txt:Text (encoded):UTF8", str(path)], Path(tmp))
        return next(Path(tmp).glob("*.txt")).read_text(encoding="utf-8-sig")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        expected = build(Path(tmp), args.rows)
        print(
            f"load {open('/proc/loadavg').read().strip()}  {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
        )
        print(f"{'file':28} {'KB':>6}  {'reader':10} {'CPU ms':>8}  correct")
        for path, words in expected.items():
            readers: dict[str, Callable[[Path], str]] = {"mamori": mamori_text}
            if path.suffix == ".doc":
                for name in ("catdoc", "antiword"):
                    if shutil.which(name):
                        readers[name] = tool(
                            ["catdoc", "-d", "utf-8"] if name == "catdoc" else ["antiword", "-m", "UTF-8.txt"]
                        )
                try:
                    import doc2docx  # noqa: F401

                    readers["msdoc2docx"] = msdoc2docx
                except ImportError:
                    pass
            readers["soffice"] = libreoffice
            for name, read in readers.items():
                repeat = 1 if name == "soffice" else args.repeat
                times = []
                for _ in range(repeat):
                    start = time.process_time()
                    text, children = child_cpu(lambda: read(path))  # noqa: B023 - called at once
                    times.append(time.process_time() - start + children)
                missing = [w for w in words if w not in text]
                label = path.name[:26]
                ok = (
                    "yes" if not missing else f"no: {len(missing)} of {len(words)} missing ({missing[0]!r} …)"
                )
                print(
                    f"{label:28} {path.stat().st_size // 1024:6} {name:10} {statistics.median(times) * 1000:8.1f}  {ok}"
                )


if __name__ == "__main__":
    main()
