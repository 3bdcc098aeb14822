"""Scan a third held-out share, written apart from the rules and from the other trees' generators.

``fixtures/heldout3`` is the file server of fourteen small organisations none of the other trees has: a
司法書士・行政書士 office, a university lab, a 町内会, an IT system integrator, a business hotel, a 社労士
office, a sake brewery, a funeral home, a second-hand shop (古物台帳), an osteopathic clinic, an architect,
a car repair shop, an after-school club and a community FM station. Files as people keep them (ledgers
and 台帳 in xlsx, CP932 / BOM CSV from PMS, kintone, Google Forms and shop exports, docx forms, LibreOffice
PDFs, zips with CP932 names, UTF-16 and EUC-JP text, fixed width, RTF, ics, vCards, LINE and Slack
exports) and company-only files full of traps (suppliers and shops before さん, shops named after
families, lot numbers that pass the My Number check, equipment serials, a 古物商 permit number,
table definitions with personal column names, dummy test data, templates with 記入例, public offices'
pages, our own 振込先). ``fixtures/heldout3_src/build.py`` rebuilds it byte for byte and
``labels.json`` holds the labels set by hand for each file as it was written.

It was scanned once before any rule was tuned on it (main at e8f6365: file recall 82 / 95, 23 of
119 company-only files flagged, no strong identifier on a file without it, exit code 1); what the
engine does not meet yet is marked ``xfail(strict=True)`` with the reason, so that a fix shows up as an
unexpected pass here and the mark is taken off in the same commit.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from mamori.pii.tests.conftest import (
    files_below,
    scan_tree_jsonl,
    spans_in_file,
    unlabelled_identifiers,
)

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = FIXTURES / "heldout3"
LABELS = json.loads((FIXTURES / "heldout3_src" / "labels.json").read_text(encoding="utf-8"))
PERSONAL = sorted(rel for rel, t in LABELS.items() if t["personal"])
COMPANY = sorted(rel for rel, t in LABELS.items() if not t["personal"])

# Company-only files the engine flags today (file: what it reports, why it is wrong).
FLAGGED_TODAY = {
    "やすらぎ葬祭/営業/仕入先メモ.txt": "PERSON 割烹 まつや before さん (a caterer; one other company in the memo)",
}

# Files with personal data the scan reports as clean today.
MISSED_TODAY: dict[str, str] = {}

# Files whose real identifiers are not reported today.
MISSED_IDS_TODAY: dict[str, str] = {}


def _params(rels, xfails):
    return [
        pytest.param(rel, marks=pytest.mark.xfail(strict=True, reason=xfails[rel])) if rel in xfails else rel
        for rel in rels
    ]


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    return scan_tree_jsonl(ROOT, tmp_path_factory.mktemp("out") / "scan.jsonl")


def test_the_labels_cover_the_tree_and_both_kinds_of_file():
    assert files_below(ROOT) == sorted(LABELS)
    assert len(PERSONAL) >= 80 and len(COMPANY) >= 100
    assert set(FLAGGED_TODAY) <= set(COMPANY) and set(MISSED_TODAY) <= set(PERSONAL)
    assert set(MISSED_IDS_TODAY) <= {rel for rel, t in LABELS.items() if t["identifiers"]}


def test_every_file_is_read_and_the_exit_code_says_found(scanned):
    results, code = scanned
    assert code == 1
    assert sorted(results) == sorted(LABELS)
    assert {rel: row["problems"] for rel, row in results.items() if row["problems"]} == {}


def test_file_recall(scanned):
    results, _code = scanned
    missed = [rel for rel in PERSONAL if not results[rel]["counts"]]
    assert len(missed) / len(PERSONAL) <= 0.02, missed


@pytest.mark.parametrize("rel", _params(PERSONAL, MISSED_TODAY))
def test_a_personal_file_is_found(scanned, rel):
    results, _code = scanned
    assert results[rel]["counts"], rel


def test_at_most_five_percent_of_company_files_flagged(scanned):
    results, _code = scanned
    flagged = {rel: results[rel]["counts"] for rel in COMPANY if results[rel]["counts"]}
    assert len(flagged) / len(COMPANY) <= 0.05, flagged


@pytest.mark.parametrize("rel", _params(COMPANY, FLAGGED_TODAY))
def test_a_company_only_file_is_not_flagged(scanned, rel):
    results, _code = scanned
    assert results[rel]["counts"] == {}, results[rel]["counts"]


def test_no_identifier_label_on_a_file_without_it(scanned):
    # Lot numbers and serials that pass the My Number check, TK12345678 stock numbers, a 古物商 permit.
    results, _code = scanned
    assert unlabelled_identifiers(results, LABELS) == {}


@pytest.mark.parametrize(
    "rel", _params(sorted(r for r, t in LABELS.items() if t["identifiers"]), MISSED_IDS_TODAY)
)
def test_the_real_identifiers_are_found(scanned, rel):
    results, _code = scanned
    assert set(LABELS[rel]["identifiers"]) <= set(results[rel]["counts"])


def _column(rel: str, header: str) -> list[str]:
    """The non-empty cells under *header*, read from the file itself (the truth the test compares with)."""
    path = ROOT / rel
    if rel.endswith(".xlsx"):
        sheet = load_workbook(path, read_only=True).worksheets[0]
        rows = [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    else:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp932")
        rows = list(csv.reader(io.StringIO(text), delimiter="\t" if rel.endswith(".tsv") else ","))
    top = next(i for i, row in enumerate(rows) if header in row)
    col = rows[top].index(header)
    return [row[col] for row in rows[top + 1 :] if len(row) > col and row[col]]


def _squeeze(text: str) -> str:
    return text.replace(" ", "").replace("\u3000", "")


# Every column below was missing names at the first scan (rare surnames, 故人名 / 本名 / じどうのなまえ headers,
# glued names beside ○/× months): name_columns.py reads them.
NAME_COLUMNS = [
    ("やすらぎ葬祭/施行/会葬者名簿_24-315.csv", "ご芳名"),
    ("やすらぎ葬祭/施行/香典帳_24-315.xlsx", "ご芳名"),
    ("やすらぎ葬祭/施行/施行台帳_2024.xlsx", "故人名"),
    ("やすらぎ葬祭/施行/施行台帳_2024.xlsx", "喪主"),
    ("放課後児童クラブ_なかよし/名簿/児童名簿_R6.xlsx", "じどうのなまえ"),
    ("エフエム安曇野/番組/プレゼント当選者_11月.xlsx", "本名"),
    ("ホテル_リバーサイド松本/フロント/PMS出力/予約一覧_202411.csv", "宿泊者名"),
    ("酒造_大雪渓の郷/製造/契約農家一覧.csv", "契約農家"),
    ("桜ヶ丘三丁目町内会/名簿/会員名簿_令和6年度.xlsx", "世帯主"),
    ("桜ヶ丘三丁目町内会/会計/会費集金表_上期.csv", "氏名"),
    ("あずさ司法書士・行政書士事務所/案件管理/案件台帳_令和6年.xlsx", "依頼者"),
    ("ネクサスシステムズ/総務/来館者記録_2024-11.csv", "氏名"),
    ("有賀モータース/顧客/車検顧客リスト.xlsx", "顧客名"),
    ("ホテル_リバーサイド松本/総務/シフト_12月.csv", "氏名"),
    ("放課後児童クラブ_なかよし/名簿/児童名簿_R6.xlsx", "保護者氏名"),
    ("リユースショップ_たからや/古物台帳/古物台帳_2024年11月.xlsx", "相手方氏名"),
    ("酒造_大雪渓の郷/営業/蔵見学予約_フォーム回答.csv", "代表者氏名"),
    ("酒造_大雪渓の郷/総務/技能実習生_管理表.xlsx", "氏名"),
    ("ホテル_リバーサイド松本/フロント/宿泊者名簿_2024年11月.xlsx", "氏名"),
    ("しなの社労士事務所/顧問先/株式会社安曇野ファーム/算定基礎/算定基礎届_2024.csv", "氏名"),
    ("みどり整骨院/受付/領収書控え_11月.csv", "患者氏名"),
    ("ネクサスシステムズ/営業/名刺データ_export.csv", "氏名"),
]


@pytest.mark.parametrize(("rel", "header"), NAME_COLUMNS)
def test_every_name_of_a_name_column_is_found(rel, header):
    persons = {_squeeze(text) for text in spans_in_file(ROOT, rel, "PERSON")}
    cells = _column(rel, header)
    assert len(cells) >= 4
    assert [cell for cell in cells if _squeeze(cell) not in persons] == []


def test_identifier_columns_count_every_row():
    # My Numbers of staff and dependants, foreign guests' passports, salary accounts: each row's value.
    for rel, header, label in (
        (
            "しなの社労士事務所/顧問先/有限会社丸山製麺/マイナンバー/特定個人情報管理台帳.csv",
            "個人番号",
            "MY_NUMBER",
        ),
        ("ホテル_リバーサイド松本/フロント/宿泊者名簿_2024年11月.xlsx", "旅券番号", "PASSPORT"),
        ("しなの社労士事務所/顧問先/有限会社丸山製麺/給与/振込口座一覧.xlsx", "口座番号", "BANK_ACCOUNT"),
    ):
        assert set(_column(rel, header)) == set(spans_in_file(ROOT, rel, label)), rel
