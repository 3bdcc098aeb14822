"""Test the ``mamori ledger check`` machine interface: JSON Lines in and out, exit status 2 on errors."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mamori.ledger.check import main, run

DATA = Path(__file__).parent / "data"
TODAY = date(2026, 12, 6)


def check_lines(*lines: str | dict[str, Any], today: date = TODAY) -> tuple[list[dict[str, Any]], str, int]:
    """Run the command on ``lines`` and return the parsed output lines, the error text and the status."""
    text = "".join((json.dumps(line) if isinstance(line, dict) else line) + "\n" for line in lines)
    out, err = io.StringIO(), io.StringIO()
    status = run(io.BytesIO(text.encode("utf-8")), out, err, "<stdin>", today)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue(), status


def codes_by_id(results: list[dict[str, Any]]) -> dict[Any, list[str]]:
    return {r["id"]: [f["code"] for f in r["findings"]] for r in results}


def test_practitioner_ledger_gets_the_findings_a_reviewer_would_write(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = main([str(DATA / "practitioner_ledger.jsonl"), "--today", "2026-12-06"])
    results = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status == 0
    assert codes_by_id(results) == {
        "HR-01": [],
        "HR-02": [],  # health checks without consent, but the Industrial Safety and Health Act is named
        "HR-03": [
            "SPECIAL_CARE_WITHOUT_CONSENT",  # 病歴 among the items, no consent, no exception
            "VAGUE_PURPOSE",
            "PHASE_WITHOUT_RISK",
            "REVIEW_OVERDUE",
            "RESIDUAL_NOT_APPROVED",
            "NOT_PUBLISHED",
        ],
        "SL-01": ["FOREIGN_WITHOUT_BASIS", "JOINT_USE_INCOMPLETE", "RESIDUAL_NOT_ALLOWED"],
        "SL-02": ["PROVISION_RECORD_REQUIRED", "REVIEW_OVERDUE"],
        "GA-01": [],
        "CS-01": ["PHASE_WITHOUT_RISK", "REVIEW_OVERDUE"],  # nothing recorded but the count
        "_organisation": ["NOT_SMALL_BUSINESS"],  # 6,192 persons
    }
    assert list(codes_by_id(results))[-1] == "_organisation"


def test_every_finding_has_code_severity_message_and_article() -> None:
    (row, _), _, _ = check_lines({"id": "a", "retained": True})
    for finding in row["findings"]:
        assert set(finding) == {"code", "severity", "message", "article"}
        assert finding["severity"] in ("error", "warning")
        assert finding["message"] and finding["article"]


def test_a_row_with_only_an_id_is_answered() -> None:
    (row, organisation), err, status = check_lines({"id": 1})
    assert status == 0 and err == ""
    assert row == {"id": 1, "findings": row["findings"]}
    assert [f["code"] for f in row["findings"]] == ["PHASE_WITHOUT_RISK", "REVIEW_OVERDUE"]
    assert organisation == {"id": "_organisation", "findings": []}


def test_empty_input_still_gives_the_organisation_line() -> None:
    results, _, status = check_lines()
    assert results == [{"id": "_organisation", "findings": []}]
    assert status == 0


def test_today_decides_whether_the_review_is_overdue() -> None:
    row = {"id": "r", "last_reviewed": "2025-12-01"}
    (early, _), _, _ = check_lines(row, today=date(2026, 12, 1))
    (late, _), _, _ = check_lines(row, today=date(2026, 12, 2))
    assert "REVIEW_OVERDUE" not in [f["code"] for f in early["findings"]]
    assert "REVIEW_OVERDUE" in [f["code"] for f in late["findings"]]


def test_today_option_is_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "l.jsonl"
    path.write_text(json.dumps({"id": "r", "last_reviewed": "2020-01-01"}) + "\n", encoding="utf-8")
    assert main([str(path), "--today", "2020-06-01"]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert "REVIEW_OVERDUE" not in [f["code"] for f in first["findings"]]
    assert main([str(path), "--today", "2020-13-01"]) == 2
    assert "--today" in capsys.readouterr().err


def test_the_organisation_sums_the_counts_of_every_row() -> None:
    rows: list[dict[str, Any]] = [{"id": n, "count": 1000} for n in range(5)]
    rows += [{"id": "x"}, {"id": "y", "count": 1}]
    results, _, _ = check_lines(*rows)
    assert [f["code"] for f in results[-1]["findings"]] == ["NOT_SMALL_BUSINESS"]
    results, _, _ = check_lines(*rows[:-1])
    assert results[-1]["findings"] == []


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{oops", "invalid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"name": "no id"}', "id must be"),
        ('{"id": true}', "id must be"),
        ('{"id": "c", "count": "1,200"}', "count"),
        ('{"id": "c", "count": -1}', "count"),
        ('{"id": "m", "media": "cloud"}', "media"),
        ('{"id": "p", "provision": "sold"}', "provision"),
        ('{"id": "b", "special_care": "yes"}', "special_care"),
        ('{"id": "d", "last_reviewed": "2026-02-30"}', "last_reviewed"),
        ('{"id": "d", "last_reviewed": "昨年"}', "last_reviewed"),
        ('{"id": "i", "items": "氏名、住所"}', "items"),
        ('{"id": "f", "foreign": {"country": "米国", "basis": "contract"}}', "foreign.basis"),
        ('{"id": "r", "risks": [{"media": "paper"}]}', "risks[0].phase"),
        ('{"id": "r", "risks": [{"phase": "acquire", "residual": "yes"}]}', "risks[0].residual"),
    ],
)
def test_a_malformed_line_is_named_on_stderr_and_the_others_are_answered(line: str, reason: str) -> None:
    results, err, status = check_lines({"id": "before"}, line, {"id": "after"})
    assert status == 2
    assert [r["id"] for r in results] == ["before", "after", "_organisation"]
    assert "<stdin>: line 2:" in err and reason in err


def test_nulls_mean_not_recorded() -> None:
    row = {
        "id": "n",
        "special_care": None,
        "special_care_consent": None,
        "foreign": None,
        "joint_use": None,
        "provision": None,
        "count": None,
        "purpose": None,
        "retained": None,
        "risks": None,
        "last_reviewed": None,
    }
    (result, _), err, status = check_lines(row)
    assert status == 0 and err == ""
    assert [f["code"] for f in result["findings"]] == ["PHASE_WITHOUT_RISK", "REVIEW_OVERDUE"]


def test_dates_may_carry_a_time_or_slashes() -> None:
    (a, b, _), _, status = check_lines(
        {"id": "a", "last_reviewed": "2026-05-01T09:00:00+09:00"}, {"id": "b", "last_reviewed": "2026/5/1"}
    )
    assert status == 0
    assert "REVIEW_OVERDUE" not in [f["code"] for f in a["findings"] + b["findings"]]


def test_unknown_fields_are_warned_about_and_the_line_is_still_answered() -> None:
    (result, _), err, status = check_lines({"id": "typo", "specal_care": True})
    assert status == 0 and result["id"] == "typo"
    assert "line 1: warning: ignored unknown field(s): specal_care" in err


def test_a_byte_order_mark_and_blank_lines_are_tolerated() -> None:
    out, err = io.StringIO(), io.StringIO()
    data = b"\xef\xbb\xbf" + json.dumps({"id": "bom"}).encode() + b"\n\n  \n"
    assert run(io.BytesIO(data), out, err, "f", TODAY) == 0
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == ["bom", "_organisation"]


def test_messages_can_be_had_in_japanese(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "l.jsonl"
    path.write_text(json.dumps({"id": "r", "purpose": "業務のため"}) + "\n", encoding="utf-8")
    assert main([str(path), "--lang", "ja", "--today", "2026-12-06"]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    vague = next(f for f in first["findings"] if f["code"] == "VAGUE_PURPOSE")
    assert "利用目的" in vague["message"] and "業務のため" in vague["message"]


def test_an_unreadable_file_is_an_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "missing.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_runs_from_the_console_command_on_stdin_without_django_settings() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = (
        "import sys; from mamori.cli import main; status = main(['ledger', 'check', '--today', '2026-12-06']); "
        "print('django.conf' in sys.modules, file=sys.stderr); sys.exit(status)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps({"id": "s", "special_care": True, "special_care_consent": False}) + "\n{oops\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    first, organisation = (json.loads(line) for line in proc.stdout.splitlines())
    assert first["findings"][0]["code"] == "SPECIAL_CARE_WITHOUT_CONSENT"
    assert organisation["id"] == "_organisation"
    assert "<stdin>: line 2" in proc.stderr
    assert proc.stderr.strip().endswith("False")  # Django settings never imported


def test_empty_cells_of_an_exported_ledger_mean_not_recorded() -> None:
    row = {"id": "e", "media": "", "provision": " ", "last_reviewed": "", "acquisition": "", "count": 1200.0}
    (result, _), err, status = check_lines(row)
    assert status == 0 and err == ""
    assert [f["code"] for f in result["findings"]] == ["PHASE_WITHOUT_RISK", "REVIEW_OVERDUE"]


def test_a_country_written_alone_is_a_foreign_provision_without_a_basis() -> None:
    (result, _), _, status = check_lines({"id": "f", "foreign": "シンガポール"}, today=TODAY)
    assert status == 0
    assert "FOREIGN_WITHOUT_BASIS" in [f["code"] for f in result["findings"]]
    (result, _), _, _ = check_lines({"id": "g", "foreign": ""})
    assert "FOREIGN_WITHOUT_BASIS" not in [f["code"] for f in result["findings"]]
