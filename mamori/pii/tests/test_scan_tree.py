"""Scan a generated company file server and score it per file and per span (issue 11's targets)."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from collections import Counter
from pathlib import Path

import pytest

from mamori.pii import detect_all, scan
from mamori.pii.extract.text import decode_bytes
from mamori.testing.scan_tree import build


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    root = tmp_path_factory.mktemp("share")
    truth = build(root, scale=2)
    out = tmp_path_factory.mktemp("out") / "scan.jsonl"
    with open(out, "w", encoding="utf-8") as fh:
        import contextlib

        with contextlib.redirect_stdout(fh):
            code = scan.main([str(root), "--format", "jsonl", "--no-cache", "--jobs", "1", "--no-progress"])
    results = {}
    for line in out.read_text(encoding="utf-8").splitlines():  # valid UTF-8 even for CP932 names
        row = json.loads(line)
        results[os.path.relpath(row["path"], root)] = row
    return root, truth, results, code


def test_every_file_is_reported_once_and_the_exit_status_says_found(scanned):
    _root, truth, results, code = scanned
    assert code == 1
    assert sorted(results) == sorted(truth)


def test_file_level_recall_and_false_flags(scanned):
    _root, truth, results, _code = scanned
    personal = [rel for rel, t in truth.items() if t["personal"]]
    company = [rel for rel, t in truth.items() if not t["personal"]]
    missed = [rel for rel in personal if not results[rel]["counts"]]
    flagged = [rel for rel in company if results[rel]["counts"]]
    assert len(company) >= 30 and len(personal) >= 20
    assert 1 - len(missed) / len(personal) >= 0.98, missed
    assert len(flagged) / len(company) <= 0.05, {rel: results[rel]["counts"] for rel in flagged}


def test_no_identifier_labels_on_files_without_them(scanned):
    _root, truth, results, _code = scanned
    strong = {"PASSPORT", "CREDIT_CARD", "MY_NUMBER", "DRIVERS_LICENSE", "BANK_ACCOUNT"}
    for rel, t in truth.items():
        expected = {label for label, _ in t["spans"] or []}
        reported = set(results[rel]["counts"]) & strong
        assert reported <= expected, (rel, reported)


def test_company_contact_data_is_kept_apart(scanned):
    _root, _truth, results, _code = scanned
    quotes = [row for rel, row in results.items() if rel.startswith("営業/見積/見積書_")]
    invoices = [
        row for rel, row in results.items() if rel.startswith("経理/請求書/") and rel.endswith(".txt")
    ]
    sheets = [row for rel, row in results.items() if rel.startswith("経理/請求書/") and rel.endswith(".xlsx")]
    assert quotes and invoices and sheets
    for row in sheets:  # the letterhead laid out in one column of a sheet is still the company's
        assert row["counts"] == {} and row["persons"] == 0
        assert {"PHONE", "ADDRESS", "POSTAL_CODE", "BANK_ACCOUNT"} <= set(row["corporate_counts"])
    for row in quotes + invoices:
        assert row["counts"] == {} and row["persons"] == 0
        assert {"PHONE", "ADDRESS", "POSTAL_CODE", "EMAIL"} <= set(row["corporate_counts"])
    assert all(row["corporate_counts"]["BANK_ACCOUNT"] == 1 for row in invoices)
    named = [row for rel, row in results.items() if "担当者付き" in rel]
    assert named and all(row["counts"] == {"PERSON": 1} and row["corporate_counts"] for row in named)


def test_persons_count_records_not_values(scanned):
    _root, truth, results, _code = scanned
    for rel, row in results.items():
        spans = truth[rel]["spans"] or []
        if rel.startswith("総務/DM/宛名リスト"):
            assert row["persons"] == len(spans) // 3  # one record per row: 〒, 住所, 宛名
        elif rel.startswith("総務/DM/配布先住所"):
            assert row["persons"] == len(spans)  # an address-only list counts its addresses
        elif rel.startswith("人事/"):
            assert row["persons"] == len(spans) // 4
        elif not truth[rel]["personal"]:
            assert row["persons"] == 0, rel


def test_span_level_precision_and_recall(scanned):
    root, truth, _results, _code = scanned
    tp = fp = fn = 0
    by_label: Counter[str] = Counter()
    for rel, t in truth.items():
        if t["spans"] is None:
            continue
        text = decode_bytes((root / rel).read_bytes())[0] if t["encoding"] != "utf-16" else None
        if text is None:
            text = (root / rel).read_bytes().decode("utf-16")
        got = Counter((s.label, s.text) for s in detect_all(text).personal)
        want = Counter(t["spans"])
        tp += sum((got & want).values())
        fp += sum((got - want).values())
        fn += sum((want - got).values())
        by_label.update(label for label, _ in (got - want) + (want - got))
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.99, (precision, by_label)
    assert recall >= 0.97, (recall, by_label)


def test_a_cp932_file_name_is_written_as_utf8_with_its_bytes(scanned):
    root, _truth, results, _code = scanned
    row = results["総務/旧名簿.csv"]
    assert row["counts"] == {"PERSON": 1, "PHONE": 1}
    import base64

    raw = base64.b64decode(row["path_bytes"])
    assert raw == os.fsencode(root) + "/総務/".encode() + "旧名簿.csv".encode("cp932")
    assert Path(os.fsdecode(raw)).exists()


def test_the_table_is_sorted_by_persons_with_a_folder_roll_up(tmp_path, capsys):
    build(tmp_path, scale=1)
    code = scan.main([str(tmp_path), "--no-cache", "--jobs", "1"])
    out = capsys.readouterr().out
    assert code == 1
    rows = [line.split() for line in out.splitlines() if line.startswith("findings")]
    persons = [int(row[1]) for row in rows]
    assert persons == sorted(persons, reverse=True) and persons[0] == 60
    assert "FOLDER" in out and f"{tmp_path}/総務/DM" in out


def test_the_html_report_has_summary_folders_and_masked_files(tmp_path, capsys):
    build(tmp_path, scale=1)
    code = scan.main([str(tmp_path), "--no-cache", "--jobs", "1", "--format", "html"])
    page = capsys.readouterr().out
    assert code == 1
    assert page.startswith("<!DOCTYPE html>") and "個人情報スキャン結果" in page
    assert "フォルダ別" in page and "宛名リスト_000.csv" in page and "法人の連絡先" in page
    # A report to keep says when and on which machine the scan ran.
    days = {dt.date.today(), dt.date.today() - dt.timedelta(days=1)}  # the scan may have run before midnight
    assert any(f"<th>実施日時</th><td>{day:%Y-%m-%d} " in page for day in days)
    assert f"<th>コンピューター</th><td>{socket.gethostname()}</td>" in page
    assert "-****-" in page  # masked phones only
    assert "user0" not in page and "u***@mirai-mail.jp" in page  # local parts masked
    # The kinds are named as a privacy manager names them, not by the labels of the JSON output.
    assert "氏名 " in page and "電話番号 " in page and "メールアドレス u***@" in page
    assert "PERSON" not in page and "PHONE" not in page
