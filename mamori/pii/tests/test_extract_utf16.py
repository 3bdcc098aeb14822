"""UTF-16 text without a BOM is read, in either byte order; real binaries stay ``binary``.

The text comes from the tools that write it (iconv, Python's codecs, PowerShell's ``Export-Csv`` layout
with CRLF and quotes) and from real prose (the hand-written business prose fixture); the binaries are
made by real tools too (msgfmt catalogues, SQLite databases holding UTF-16 text, a LibreOffice dBASE
file LibreOffice ships, WAV audio, compiled Python).
"""

from __future__ import annotations

import py_compile
import random
import shutil
import sqlite3
import subprocess
import wave
from pathlib import Path

import pytest

from mamori.pii.extract import STREAM_SIZE, Limits, extract
from mamori.pii.extract.text import utf16_codec
from mamori.pii.scan_worker import Task, scan_file
from mamori.testing.scan_tree import _address, _mobile, _name, _postal

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[3]


def customer_csv(rows: int = 30, newline: str = "\n", quoted: bool = False) -> str:
    rng = random.Random(3)
    lines = [["氏名", "郵便番号", "住所", "電話番号", "メールアドレス"]]
    lines += [
        [_name(rng, "cp932"), _postal(rng), _address(rng), _mobile(rng), f"user{i}@mirai-mail.jp"]
        for i in range(rows)
    ]
    if quoted:  # Export-Csv quotes every field
        return newline.join(",".join(f'"{cell}"' for cell in line) for line in lines) + newline
    return newline.join(",".join(line) for line in lines) + newline


def iconv(data: bytes, target: str) -> bytes:
    if shutil.which("iconv") is None:
        pytest.skip("iconv is not installed")
    return subprocess.run(
        ["iconv", "-f", "UTF-8", "-t", target], input=data, capture_output=True, check=True
    ).stdout


def only_part(path: Path):
    (part,) = extract(path)
    return part


@pytest.mark.parametrize(("target", "codec"), [("UTF-16LE", "utf-16-le"), ("UTF-16BE", "utf-16-be")])
def test_a_csv_converted_by_iconv_without_bom_is_read_and_counts_as_the_utf8_one(tmp_path, target, codec):
    text = customer_csv()
    data = iconv(text.encode(), target)
    assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    path = tmp_path / "顧客名簿.csv"
    path.write_bytes(data)
    part = only_part(path)
    assert (part.text, part.encoding, part.problems) == (text, codec, ())
    utf8 = tmp_path / "utf8.csv"
    utf8.write_text(text, encoding="utf-8")
    results = [scan_file(Task(str(p), p.stat().st_size, 0)) for p in (path, utf8)]
    assert results[0]["counts"] == results[1]["counts"]
    assert results[0]["persons"] == results[1]["persons"] == 30


def test_powershell_export_csv_layout_without_bom_is_read(tmp_path):
    # [Text.Encoding]::Unicode.GetBytes() of Export-Csv output: quoted fields, CRLF, no BOM
    text = customer_csv(newline="\r\n", quoted=True)
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode("utf-16-le"))
    part = only_part(path)
    assert (part.text, part.encoding) == (text, "utf-16-le")


def test_japanese_prose_with_little_ascii_is_read(tmp_path):
    prose = (FIXTURES / "business_prose.txt").read_text(encoding="utf-8").replace("{{", "").replace("}}", "")
    for codec in ("utf-16-le", "utf-16-be"):
        data = prose.encode(codec)
        assert utf16_codec(data) == codec
        path = tmp_path / f"memo-{codec}.txt"
        path.write_bytes(data)
        assert only_part(path).text == prose


def test_a_truncated_utf16_file_is_read_with_a_replacement(tmp_path):
    path = tmp_path / "cut.csv"
    path.write_bytes(customer_csv().encode("utf-16-le")[:-1])
    part = only_part(path)
    assert part.encoding == "utf-16-le (with replacements)"
    assert part.text.startswith("氏名,郵便番号") and part.text.endswith("\ufffd")


def test_a_big_utf16_file_without_bom_is_streamed(tmp_path):
    text = customer_csv(STREAM_SIZE // 120)
    path = tmp_path / "big.csv"
    path.write_bytes(text.encode("utf-16-le"))
    assert path.stat().st_size > STREAM_SIZE
    parts = list(extract(path, limits=Limits(max_file_size=4 * STREAM_SIZE)))
    assert len(parts) > 2 and {p.encoding for p in parts} == {"utf-16-le"}
    assert "".join(p.text for p in parts) == text


def _binaries(tmp_path: Path) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    catalogue = ROOT / "mamori" / "locale" / "ja" / "LC_MESSAGES" / "django.po"
    if shutil.which("msgfmt"):
        subprocess.run(["msgfmt", "-o", str(tmp_path / "django.mo"), str(catalogue)], check=True)
        out["django.mo"] = (tmp_path / "django.mo").read_bytes()
    for encoding in ("UTF-16le", "UTF-16be"):
        db = tmp_path / f"customers-{encoding}.db"
        with sqlite3.connect(db) as conn:
            conn.execute(f'PRAGMA encoding = "{encoding}"')
            conn.execute("CREATE TABLE customer (name TEXT, address TEXT, phone TEXT)")
            rng = random.Random(1)
            conn.executemany(
                "INSERT INTO customer VALUES (?, ?, ?)",
                [(_name(rng), _address(rng), _mobile(rng)) for _ in range(2000)],
            )
        conn.close()
        out[db.name] = db.read_bytes()
    sound = tmp_path / "voice.wav"
    with wave.open(str(sound), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        rng = random.Random(2)
        w.writeframes(bytes(rng.randrange(256) if i % 2 else rng.randrange(4) for i in range(64000)))
    out["voice.wav"] = sound.read_bytes()
    source = tmp_path / "mod.py"
    source.write_text("NAMES = ['山田太郎', '佐藤花子']\n" * 50, encoding="utf-8")
    py_compile.compile(str(source), cfile=str(tmp_path / "mod.pyc"), doraise=True)
    out["mod.pyc"] = (tmp_path / "mod.pyc").read_bytes()
    return out


def test_real_binaries_stay_binary(tmp_path):
    binaries = _binaries(tmp_path)
    assert len(binaries) >= 4
    for name, data in binaries.items():
        assert b"\x00" in data[:8192], name
        assert utf16_codec(data) is None, name
        parts = list(extract(data, name=name + ".txt"))  # a name that claims text
        if name.endswith(".db"):  # SQLite, in UTF-16 too, is read table by table (extract/sqlite.py)
            assert [(part.location, part.problems) for part in parts][:1] == [(f"{name}.txt!customer", ())]
            assert parts[0].text.startswith("name\taddress\tphone\n"), name
            continue
        assert [p.code for part in parts for p in part.problems] == ["binary"], name


def test_a_dbase_file_of_text_records_stays_binary():
    # ASCII records read two bytes at a time look like kanji: the kana test keeps them binary. The
    # dBASE file is the bibliography database LibreOffice ships (its headless export cannot write one).
    soffice = shutil.which("soffice")
    dbf = Path(soffice or "/usr/bin/soffice").resolve().parents[1] / "presets/database/biblio/biblio.dbf"
    if not dbf.is_file():
        pytest.skip("LibreOffice's biblio.dbf is not installed")
    data = dbf.read_bytes()
    assert b"\x00" in data[:8192]
    assert utf16_codec(data) is None
    (part,) = extract(data, name="biblio.dbf.txt")
    assert [p.code for p in part.problems] == ["binary"]
