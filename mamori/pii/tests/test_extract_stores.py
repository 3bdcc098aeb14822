"""What a real profile or share holds beside documents: SQLite stores, mailboxes, iWork files, stray NULs."""

from __future__ import annotations

import mailbox
import sqlite3
import zipfile
from email.message import EmailMessage
from pathlib import Path

from mamori.pii import detect
from mamori.pii.extract import extract

NAME, PHONE, EMAIL = "森田 隆之", "090-1843-2291", "morita@example.jp"


def read(path: Path | bytes, name: str | None = None) -> tuple[dict[str, str], list[tuple[str, str]]]:
    texts: dict[str, str] = {}
    problems = []
    for part in extract(path, name=name or (path.name if isinstance(path, Path) else None)):
        texts[part.location] = texts.get(part.location, "") + part.text
        problems += [(p.code, str(p.params.get("kind", ""))) for p in part.problems]
    return texts, problems


def found(texts: dict[str, str]) -> set[tuple[str, str]]:
    return {(s.label, s.text) for text in texts.values() for s in detect(text)}


def test_a_browsers_autofill_and_a_contacts_table_in_sqlite_are_read(tmp_path):
    # Chrome / Edge keep what their user typed into forms in "Web Data" (no suffix): name / value rows.
    path = tmp_path / "Web Data"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE autofill (name TEXT, value TEXT, date_created INTEGER, count INTEGER)")
        db.executemany(
            "INSERT INTO autofill VALUES (?, ?, 0, 1)", [("name", NAME), ("tel", PHONE), ("email", EMAIL)]
        )
        db.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, 氏名 TEXT, 電話番号 TEXT, 写真 BLOB)")
        db.execute("INSERT INTO contacts VALUES (1, ?, ?, ?)", (NAME, PHONE, b"\x89PNG\x00\x01"))
    db.close()
    texts, problems = read(path)
    assert problems == []
    assert texts["Web Data!autofill"] == f"name：{NAME}\ntel：{PHONE}\nemail：{EMAIL}"
    assert texts["Web Data!contacts"] == f"id\t氏名\t電話番号\t写真\n1\t{NAME}\t{PHONE}"
    assert {("PERSON", NAME), ("PHONE", PHONE), ("EMAIL", EMAIL)} <= found(texts)


def test_a_damaged_sqlite_file_is_malformed(tmp_path):
    path = tmp_path / "abook.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE properties (card TEXT, name TEXT, value TEXT)")
        db.executemany("INSERT INTO properties VALUES ('1', ?, ?)", [("DisplayName", NAME)] * 500)
    db.close()
    data = bytearray(path.read_bytes())
    data[100:4096] = bytes(len(data[100:4096]))  # the schema page wiped
    _, problems = read(bytes(data), "abook.sqlite")
    assert [code for code, _ in problems] == ["malformed"]


def test_each_message_of_a_mailbox_is_read_with_its_attachment(tmp_path):
    path = tmp_path / "Inbox"  # Thunderbird keeps a folder as an mbox file without a suffix
    box = mailbox.mbox(str(path))
    for number in range(2):
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = "a@example.jp", "b@example.jp", f"件名{number}"
        message.set_content(f"担当の{NAME}です。\n携帯 {PHONE}\n", charset="utf-8", cte="base64")
        message.add_attachment(
            f"氏名,電話番号\n{NAME},{PHONE}\n".encode(), maintype="text", subtype="csv", filename="名簿.csv"
        )
        box.add(message)
    box.flush()
    box.close()
    texts, problems = read(path)
    assert problems == []
    assert {"Inbox!1!headers", "Inbox!2!headers", "Inbox!2!名簿.csv"} <= set(texts)
    assert PHONE in texts["Inbox!1!body1"]  # decoded from base64: the raw mailbox held no phone
    assert PHONE.encode() not in path.read_bytes().split(b"\n\n", 1)[1].split(b"Content-Disposition")[0]


def test_an_iwork_document_is_a_format_not_read(tmp_path):
    # Hand-built: Pages / Numbers / Keynote zips hold snappy-compressed protobuf under Index/ (no Mac here).
    path = tmp_path / "顧客.numbers"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Index/Document.iwa", b"\x00\x1b\x00\x00binary")
        zf.writestr("preview.jpg", b"\xff\xd8\xff\xe0" + bytes(32))
    assert read(path)[1] == [("unsupported", "Apple iWork document")]


def test_a_stray_nul_in_a_csv_leaves_it_text_and_many_make_it_binary():
    rows = f"氏名,電話番号\n{NAME},{PHONE}\n".encode() + "佐藤 花子,080-2345-6789\n".encode() * 60
    texts, problems = read(rows[:30] + b"\x00" + rows[30:], "顧客.csv")
    assert problems == [] and ("PHONE", "080-2345-6789") in found(texts)
    for blob in (
        rows + bytes(16) + rows,
        rows[:200] + b"\x00" + rows[200:300],
    ):  # many, or one in a short file
        _, problems = read(blob, "顧客.csv")
        assert [code for code, _ in problems] == ["binary"]
