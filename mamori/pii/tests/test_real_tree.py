"""Scan a hand-made SME file share (not the generator's) and score it per file (issue 11's targets).

``fixtures/realtree`` was written by hand and made with real tools (LibreOffice for xlsx / docx / pdf,
CSV in CP932 and UTF-8 with BOM, .eml, ``zip``); ``fixtures/realtree_src/build.py`` rebuilds it and
``labels.json`` says which files hold personal data and which identifier labels they really hold.
The company-only files are the traps a privacy manager's share is full of: quotes and invoices with
both companies' blocks and our 振込先, a vendor master with company 口座名義, a list of our own sites,
product masters (MB2493714, JAN), shipping lists with 12-digit slips and Luhn-valid order numbers,
logs with ``order=`` / ``ship_no=`` / ``id=``, manuals and form samples with placeholder data
(user@example.com, 03-0000-0000, 記入例 山田 花子), rules, policies, a ledger export, source and config.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mamori.pii import detect
from mamori.pii.extract import extract
from mamori.pii.tests.conftest import scan_tree_jsonl

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = FIXTURES / "realtree"
LABELS = json.loads((FIXTURES / "realtree_src" / "labels.json").read_text(encoding="utf-8"))
STRONG = {"PASSPORT", "CREDIT_CARD", "MY_NUMBER", "DRIVERS_LICENSE", "BANK_ACCOUNT"}


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    return scan_tree_jsonl(ROOT, tmp_path_factory.mktemp("out") / "scan.jsonl")


def _persons(rel: str) -> list[str]:
    return [
        s.text for part in extract(ROOT / rel, name=rel) for s in detect(part.text) if s.label == "PERSON"
    ]


def test_the_labels_cover_the_tree_and_both_kinds_of_file():
    on_disk = sorted(os.path.relpath(p, ROOT) for p in ROOT.rglob("*") if p.is_file())
    assert on_disk == sorted(LABELS)
    assert sum(t["personal"] for t in LABELS.values()) >= 15
    assert sum(not t["personal"] for t in LABELS.values()) >= 20


def test_file_recall_and_company_files_flagged(scanned):
    results, code = scanned
    assert code == 1
    personal = [rel for rel, t in LABELS.items() if t["personal"]]
    company = [rel for rel, t in LABELS.items() if not t["personal"]]
    missed = [rel for rel in personal if not results[rel]["counts"]]
    flagged = {rel: results[rel]["counts"] for rel in company if results[rel]["counts"]}
    assert len(missed) / len(personal) <= 0.02, missed
    assert len(flagged) / len(company) <= 0.05, flagged


def test_no_identifier_label_on_a_file_without_it(scanned):
    results, _code = scanned
    for rel, truth in LABELS.items():
        assert set(results[rel]["counts"]) & STRONG <= set(truth["identifiers"]), rel
    for rel, truth in LABELS.items():  # and the real ones are found
        assert set(truth["identifiers"]) <= set(results[rel]["counts"]), rel


def test_company_contact_data_is_kept_apart(scanned):
    results, _code = scanned
    for rel in (
        "経理/取引先マスタ.csv",
        "総務/拠点一覧.csv",
        "経理/請求書/2024年10月/請求書_山陽商事_202410.pdf",
    ):
        assert results[rel]["counts"] == {} and results[rel]["persons"] == 0
        assert {"PHONE", "ADDRESS", "POSTAL_CODE"} <= set(results[rel]["corporate_counts"]), rel
    named = results["営業/見積書/見積書_Q2024-0322_北斗建設御中.txt"]
    assert named["counts"] == {"PERSON": 1} and named["corporate_counts"]


def test_names_people_actually_write_are_found():
    minutes = _persons("営業/会議/定例会議議事録_20241015.docx")
    assert {"山本", "中村", "小林", "伊藤", "グエン"} <= set(minutes)
    roster = _persons("総務/人事/社員名簿_2024.xlsx")
    assert {"山﨑 健二", "𠮷田 美穂", "髙橋 翔", "グエン ヴァン ナム", "李 偉"} <= set(roster)
    ledger = _persons("営業/顧客/顧客台帳_2024.csv")
    assert {"ミラー エミリー", "長谷川 浩一", "ハセガワ コウイチ", "大和田 實"} <= set(ledger)
    assert "ファム ティ ラン" in _persons("営業/DM/DM宛名リスト_秋.csv")
    assert {"髙橋 翔", "グエン ヴァン ナム"} <= set(_persons("総務/出張/海外出張申請_202411.xlsx"))
    assert "山田 太郎" in _persons("総務/採用/応募書類/山田太郎_履歴書.docx")  # a key-value table row


def test_placeholders_of_manuals_and_form_samples_are_nobodys(scanned):
    results, _code = scanned
    for rel in ("総務/マニュアル/受発注システム操作マニュアル_v3.pdf", "総務/様式/入会申込書_記入例.pdf"):
        assert results[rel]["counts"] == {}, rel
    assert detect("氏名：山田 太郎\n電話：090-1234-5678\nメール：taro.yamada@example.com")  # no 記入例: kept
