"""Run ``mamori audit check-programme`` as a separate process, as scripts do."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

# A programme as a P-mark holder's secretariat would write it: five departments on two sites, a
# secretariat under its own name, an external auditor, and last year's audit dates.
PROGRAMME: dict[str, Any] = {
    "today": "2026-04-01",
    "departments": ["営業部", "開発部", "総務部", "大阪営業所", "カスタマーサポート部"],
    "people": [
        {"name": "佐藤 花子", "department": "営業部", "roles": ["auditor"]},
        {"name": "鈴木 一郎", "department": "開発部", "roles": ["auditor"]},
        {"name": "高橋 健", "department": "総務部", "roles": ["audit_lead", "auditor"]},
        {"name": "田中 優", "department": "個人情報保護事務局", "roles": ["privacy_manager"]},
        {"name": "伊藤 誠", "department": ["大阪営業所", "カスタマーサポート部"], "roles": ["auditor"]},
        {"name": "外部 監査人", "department": None, "roles": ["auditor"]},
    ],
    "assignments": [
        {"department": "営業部", "auditor": "鈴木 一郎", "date": "2026-05-12"},
        {"department": "開発部", "auditor": "佐藤 花子", "date": "2026-05-19"},
        {"department": "総務部", "auditor": "伊藤 誠", "date": "2026-06-02"},
        {"department": "大阪営業所", "auditor": "高橋 健", "date": "2026-06-16"},
        {"department": "カスタマーサポート部", "auditor": ["外部 監査人", "鈴木 一郎"], "date": "2026-07-07"},
        {"department": "個人情報保護事務局", "auditor": "高橋 健", "date": "2026-07-21"},
    ],
    "audit_lead": "高橋 健",
    "privacy_manager": "田中 優",
    "last_audited": {"営業部": "2025-05-13", "開発部": "2025-05-20", "総務部": None},
}


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "mamori.cli", "audit", "check-programme", *args]
    proc = subprocess.run(cmd, input=stdin, capture_output=True, timeout=60)
    return subprocess.CompletedProcess(cmd, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


def check(data: Any) -> tuple[int, Any, str]:
    proc = run(stdin=json.dumps(data, ensure_ascii=False).encode())
    return proc.returncode, json.loads(proc.stdout) if proc.stdout else None, proc.stderr


def changed(**changes: Any) -> dict[str, Any]:
    return {**PROGRAMME, **changes}


def test_a_sound_programme_answers_no_findings_and_exits_0():
    assert check(PROGRAMME)[:2] == (0, {"findings": []})


def test_reads_a_file_and_reports_every_kind_of_finding(tmp_path):
    data = changed(
        assignments=[
            {"department": "営業部", "auditor": "佐藤 花子", "date": "2026-05-12"},
            {"department": "開発部", "auditor": "山本 未登録", "date": "2026-05-19"},
            {"department": "総務部", "auditor": "伊藤 誠", "date": "2026-06-02"},
            {"department": "カスタマーサポート部", "auditor": "伊藤 誠", "date": "2027-05-01"},
        ],
        audit_lead="田中 優",
    )
    path = tmp_path / "programme.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    proc = run(str(path))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {
        "findings": [
            {"code": "LEAD_IS_PRIVACY_MANAGER", "department": None, "person": "田中 優"},
            {"code": "UNKNOWN_PERSON", "department": None, "person": "山本 未登録"},
            {"code": "SELF_AUDIT", "department": "営業部", "person": "佐藤 花子"},
            {"code": "SELF_AUDIT", "department": "カスタマーサポート部", "person": "伊藤 誠"},
            {"code": "NOT_COVERED", "department": "大阪営業所", "person": None},
            {"code": "NOT_COVERED", "department": "カスタマーサポート部", "person": None},
            {"code": "SECRETARIAT_NOT_COVERED", "department": "個人情報保護事務局", "person": None},
        ]
    }


def test_explain_adds_a_message_to_each_finding():
    proc = run("--explain", stdin=json.dumps(changed(assignments=[])).encode())
    findings = json.loads(proc.stdout)["findings"]
    assert findings[0]["message"].startswith("last audited 2025-05-13")
    assert "2026-05-13" in findings[0]["message"]


def test_tolerates_a_byte_order_mark_and_warns_of_unknown_keys():
    raw = b"\xef\xbb\xbf" + json.dumps(changed(year=2026), ensure_ascii=False).encode()
    proc = run(stdin=raw)
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == {"findings": []}
    assert "ignored unknown key(s): year" in proc.stderr


def test_warns_of_an_assigned_unit_that_is_not_a_department():
    assignments = [
        *PROGRAMME["assignments"],
        {"department": "営業二部", "auditor": "鈴木 一郎", "date": "2026-08-01"},
    ]
    status, out, err = check(changed(assignments=assignments))
    assert status == 0 and out == {"findings": []}
    assert "not among the departments: 営業二部" in err


def test_missing_optional_parts_are_read_as_empty():
    status, out, _ = check({"today": "2026-04-01", "departments": ["営業部"]})
    assert status == 0
    assert out == {
        "findings": [
            {"code": "NOT_COVERED", "department": "営業部", "person": None},
            {"code": "SECRETARIAT_NOT_COVERED", "department": None, "person": None},
        ]
    }


def bad(**fields: Any) -> bytes:
    return json.dumps({"today": "2026-04-01", "departments": [], **fields}, ensure_ascii=False).encode()


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty input"),
        (b"{not json", "invalid JSON"),
        (b"[]", "the input must be an object"),
        (b"\xff\xfe{}", "not UTF-8"),
        (json.dumps({"departments": []}).encode(), "today must be a date"),
        (bad(today="2026-02-30"), "today is not a valid date"),
        (bad(today="2026/04/01"), "today must be a date"),
        (json.dumps({"today": "2026-04-01"}).encode(), "departments must be a list"),
        (bad(departments="営業部"), "departments must be a list"),
        (bad(departments=[""]), "departments[0] must be"),
        (bad(departments=[1]), "departments[0] must be"),
        (bad(people=[{"department": "x"}]), "people[0].name"),
        (bad(people=["佐藤"]), "people[0] must be an object"),
        (bad(people=[{"name": "佐藤", "roles": [1]}]), "people[0].roles[0]"),
        (bad(assignments=[{"department": "x", "date": "soon"}]), "assignments[0].date"),
        (bad(assignments=[{"date": "2026-05-01"}]), "assignments[0].department"),
        (bad(assignments=[{"department": "x", "auditor": 3}]), "assignments[0].auditor"),
        (bad(last_audited=["x"]), "last_audited must be an object"),
        (bad(last_audited={"x": 20250101}), "last_audited['x']"),
        (bad(audit_lead=7), "audit_lead must be"),
    ],
)
def test_malformed_input_exits_2_with_a_reason_and_no_output(raw, reason):
    proc = run(stdin=raw)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert reason in proc.stderr
    assert "Traceback" not in proc.stderr


def test_an_unreadable_file_exits_2(tmp_path):
    proc = run(str(tmp_path / "missing.json"))
    assert proc.returncode == 2
    assert "cannot read" in proc.stderr


def test_runs_without_django_settings():
    code = (
        "import sys, io; from mamori.cli import main; "
        "sys.stdin = io.TextIOWrapper(io.BytesIO(sys.argv[1].encode())); "
        "status = main(['audit', 'check-programme']); "
        "print('django.conf' in sys.modules, file=sys.stderr); sys.exit(status)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, json.dumps(PROGRAMME)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == "False"
    assert json.loads(proc.stdout) == {"findings": []}
