"""Test the ``mamori appi assess`` machine interface: JSON Lines in and out, exit status 2 on errors."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mamori.incidents.assess import main, run

ISSUE_EXAMPLE = {
    "id": "s1",
    "known_on": "2026-11-30",
    "events": ["leak"],
    "persons": 1001,
    "special_care": False,
    "property_damage_risk": False,
    "unauthorized_purpose": False,
    "advanced_encryption": False,
    "recovered_before_viewed": False,
    "my_number": False,
}


def assess_lines(*lines: str | dict[str, Any]) -> tuple[list[dict[str, Any]], str, int]:
    """Run the command on ``lines`` and return the parsed output lines, the error text and the status."""
    text = "".join((json.dumps(line) if isinstance(line, dict) else line) + "\n" for line in lines)
    out, err = io.StringIO(), io.StringIO()
    status = run(io.BytesIO(text.encode("utf-8")), out, err, "<stdin>")
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue(), status


def scenario(**fields: Any) -> dict[str, Any]:
    return {"id": "x", "known_on": "2026-04-01", "events": ["leak"], "persons": 10, **fields}


def test_issue_example_gives_the_documented_answer() -> None:
    (result,), err, status = assess_lines(ISSUE_EXAMPLE)
    assert status == 0 and err == ""
    assert result["id"] == "s1"
    appi = {k: result["appi"][k] for k in ("reportable", "grounds", "final_due", "notify_individuals")}
    assert appi == {
        "reportable": True,
        "grounds": ["over_1000"],
        "final_due": "2027-01-04",
        "notify_individuals": True,
    }
    assert result["pmark"]["report_required"] is True
    assert result["pmark"]["preliminary_required"] is True


def test_answers_come_one_per_scenario_in_input_order() -> None:
    results, _, status = assess_lines(*(scenario(id=f"s{n}") for n in range(5)))
    assert [r["id"] for r in results] == ["s0", "s1", "s2", "s3", "s4"]
    assert status == 0


def test_missing_booleans_are_false() -> None:
    (result,), _, _ = assess_lines({"id": 7, "known_on": "2026-04-01", "events": ["leak"], "persons": 3})
    assert result["id"] == 7
    assert result["appi"]["reportable"] is False
    assert result["appi"]["status"] == "not_reportable"
    assert result["appi"]["final_due"] is None
    assert result["appi"]["grounds"] == []


def test_explicit_null_boolean_means_unknown_and_needs_review() -> None:
    (result,), _, status = assess_lines(scenario(advanced_encryption=None, special_care=True))
    assert status == 0
    assert result["appi"]["reportable"] is None
    assert result["appi"]["status"] == "needs_review"
    assert result["appi"]["needs_review"] == ["advanced_encryption"]
    assert result["appi"]["final_due"] is None
    assert result["appi"]["final_due_if_reportable"] == "2026-04-30"


def test_unknown_persons_still_reportable_on_another_ground() -> None:
    (result,), _, _ = assess_lines(scenario(persons=None, unauthorized_purpose=True, known_on="2026-03-05"))
    assert result["appi"]["reportable"] is True
    assert result["appi"]["grounds"] == ["unauthorized_purpose"]
    assert result["appi"]["final_due"] == "2026-05-07"


@pytest.mark.parametrize(
    "line", [scenario(persons=None), {k: v for k, v in scenario().items() if k != "persons"}]
)
def test_unknown_persons_without_another_ground_needs_review(line: dict[str, Any]) -> None:
    (result,), _, _ = assess_lines(line)
    assert result["appi"]["reportable"] is None
    assert result["appi"]["status"] == "needs_review"
    assert result["appi"]["needs_review"] == ["persons"]


def test_grounds_are_sorted() -> None:
    line = scenario(persons=2000, unauthorized_purpose=True, special_care=True, property_damage_risk=True)
    (result,), _, _ = assess_lines(line)
    assert result["appi"]["grounds"] == [
        "over_1000",
        "property_damage",
        "special_care",
        "unauthorized_purpose",
    ]


def test_appi_is_article_26_only_and_my_number_has_its_own_key() -> None:
    (result,), _, _ = assess_lines(scenario(my_number=True, persons=101))
    assert result["appi"]["reportable"] is False
    assert result["my_number"]["reportable"] is True
    assert result["my_number"]["grounds"] == ["my_number_over_100"]
    assert result["pmark"]["criteria"] == ["my_number_over_100"]


def test_extra_keys_give_deadlines_and_reasons() -> None:
    (result,), _, _ = assess_lines(scenario(known_on="2026-04-06", special_care=True))
    assert result["appi"]["preliminary_due"] == {"warn": "2026-04-08", "target": "2026-04-10"}
    assert result["pmark"]["final_due"] == "2026-05-05"  # plain calendar date for the P-mark
    assert result["pmark"]["preliminary_due"] == {"warn": "2026-04-08", "target": "2026-04-10"}
    assert all({"code", "article", "message"} <= set(r) for r in result["appi"]["reasons"])


def test_encryption_exemption_is_reported() -> None:
    (result,), _, _ = assess_lines(scenario(persons=5000, advanced_encryption=True))
    assert result["appi"]["reportable"] is False
    assert result["appi"]["exemption_applied"] is True
    assert result["appi"]["exempted_grounds"] == ["over_1000"]
    assert result["pmark"]["preliminary_required"] is True


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "invalid JSON"),
        ("[1, 2]", "JSON object"),
        (json.dumps(scenario(events=["leak", "leek"])), "unknown event code(s): leek"),
        (json.dumps(scenario(events="leak")), "events must be a list"),
        (json.dumps({"id": "x", "known_on": "2026-04-01"}), "events must be a list"),
        (json.dumps(scenario(persons="1001")), "persons must be"),
        (json.dumps(scenario(persons=-1)), "persons must be"),
        (json.dumps(scenario(persons=1001.5)), "persons must be"),
        (json.dumps(scenario(persons=True)), "persons must be"),
        (json.dumps(scenario(known_on="2026-02-30")), "known_on is not a valid date"),
        (json.dumps(scenario(known_on="2026/11/30")), "known_on must be a date"),
        (json.dumps(scenario(known_on="20261130")), "known_on must be a date"),
        (json.dumps(scenario(discovered_on=20261130)), "discovered_on must be a date"),
        (json.dumps(scenario(special_care="yes")), "special_care must be true, false or null"),
        (json.dumps(scenario(my_number=1)), "my_number must be true, false or null"),
        (json.dumps({k: v for k, v in scenario().items() if k != "id"}), "id must be"),
        (json.dumps(scenario(id=None)), "id must be"),
    ],
)
def test_a_malformed_line_is_named_on_stderr_and_the_others_are_answered(line: str, message: str) -> None:
    results, err, status = assess_lines(scenario(id="before"), line, scenario(id="after"))
    assert status == 2
    assert [r["id"] for r in results] == ["before", "after"]
    assert "line 2" in err
    assert message in err
    assert len(err.splitlines()) == 1


def test_every_malformed_line_is_reported() -> None:
    results, err, status = assess_lines("{", scenario(id="ok"), "", "[]")
    assert status == 2
    assert [r["id"] for r in results] == ["ok"]
    assert "line 1" in err and "line 4" in err and "line 3" not in err


def test_blank_lines_are_skipped_without_error() -> None:
    results, err, status = assess_lines("", "   ", scenario(id="only"))
    assert (len(results), err, status) == (1, "", 0)


def test_invalid_utf8_is_an_error_for_that_line() -> None:
    out, err = io.StringIO(), io.StringIO()
    data = b'{"id": "\xff"}\n' + json.dumps(scenario(id="ok")).encode() + b"\n"
    assert run(io.BytesIO(data), out, err, "<stdin>") == 2
    assert "line 1: not UTF-8" in err.getvalue()
    assert json.loads(out.getvalue())["id"] == "ok"


def test_a_utf8_byte_order_mark_is_accepted() -> None:
    out, err = io.StringIO(), io.StringIO()
    data = b"\xef\xbb\xbf" + json.dumps(scenario(id="bom")).encode() + b"\n"
    assert run(io.BytesIO(data), out, err, "<stdin>") == 0
    assert json.loads(out.getvalue())["id"] == "bom"


def test_reads_a_file_named_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "scenarios.jsonl"
    path.write_text(json.dumps(ISSUE_EXAMPLE) + "\nbad\n", encoding="utf-8")
    assert main([str(path)]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out)["appi"]["final_due"] == "2027-01-04"
    assert f"{path}: line 2" in captured.err


def test_an_unreadable_file_is_an_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "missing.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_extra_arguments_are_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["a.jsonl", "b.jsonl"]) == 2
    assert "usage" in capsys.readouterr().err


def test_runs_from_the_console_command_on_stdin_without_django_settings() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = (
        "import sys; from mamori.cli import main; status = main(['appi', 'assess']); "
        "print('django.conf' in sys.modules, file=sys.stderr); sys.exit(status)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(ISSUE_EXAMPLE) + "\n{oops\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["appi"]["grounds"] == ["over_1000"]
    assert "<stdin>: line 2" in proc.stderr
    assert proc.stderr.strip().endswith("False")  # Django settings never imported


def test_unknown_fields_are_warned_about_and_the_line_is_still_answered() -> None:
    results, err, status = assess_lines(scenario(id="typo", specal_care=True))
    assert status == 0
    assert [r["id"] for r in results] == ["typo"]
    assert "line 1: warning: ignored unknown field(s): specal_care" in err
