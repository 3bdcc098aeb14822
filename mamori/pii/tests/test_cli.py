"""Test ``mamori pii detect`` end to end through a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys


def run(stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the console command with ``stdin`` and return the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "mamori.cli", "pii", "detect", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_each_line_gets_its_spans_in_order_with_code_point_offsets() -> None:
    lines = [
        {"id": "a", "text": "氏名：山田 太郎\n電話：０９０－１２３４－５６７８"},
        {"id": 7, "text": "特になし"},
    ]
    proc = run("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
    assert proc.returncode == 0, proc.stderr  # every line answered (findings are in the spans)
    out = [json.loads(x) for x in proc.stdout.splitlines()]
    assert out == [
        {
            "id": "a",
            "spans": [
                {"start": 3, "end": 8, "label": "PERSON"},
                {"start": 12, "end": 25, "label": "PHONE"},
            ],
        },
        {"id": 7, "spans": []},
    ]


def test_a_malformed_line_is_named_on_stderr_and_the_others_are_answered() -> None:
    stdin = '{"id": 1, "text": "a@example.com"}\n{not json\n{"id": 3}\n{"id": 4, "text": ""}\n'
    proc = run(stdin)
    assert proc.returncode == 2
    assert "line 2" in proc.stderr and "line 3" in proc.stderr
    assert [json.loads(x)["id"] for x in proc.stdout.splitlines()] == [1, 4]


def test_exit_status_is_zero_when_nothing_is_found() -> None:
    proc = run('{"id": "x", "text": "本日は晴天です。"}\n')
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == {"id": "x", "spans": []}


def test_help_describes_the_format() -> None:
    proc = run("", "--help")
    assert proc.returncode == 0
    assert '"spans"' in proc.stdout


def test_odd_input_is_answered_not_crashed_on() -> None:
    stdin = '{"id": "\\ud800", "text": "氏名：山田 太郎"}\n{"id": "empty", "text": ""}\n' + "\xff\n"
    proc = run(stdin)
    assert proc.returncode == 2  # the undecodable third line is malformed
    ids = [json.loads(x)["id"] for x in proc.stdout.splitlines()]
    assert ids == ["\ud800", "empty"]
