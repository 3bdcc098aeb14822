"""Run a practitioner's cases (not the generator's) through ``mamori appi assess`` as a user would.

Each line of ``data/practitioner_cases.jsonl`` is a realistic incident with the article that decides it and
the answer a practitioner expects (dates worked out on the calendar by hand: Golden Week, Silver Week, the
year end). The command is run as a subprocess on the whole file, exactly as a script would call it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

CASES_FILE = Path(__file__).parent / "data" / "practitioner_cases.jsonl"
CASES = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    scenarios = tmp_path_factory.mktemp("cases") / "cases.jsonl"
    scenarios.write_text("".join(json.dumps(case["input"]) + "\n" for case in CASES), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mamori.cli", "appi", "assess", str(scenarios)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # every key of the cases is part of the contract
    return {line["id"]: line for line in map(json.loads, done.stdout.splitlines())}


def _get(answer: dict[str, Any], dotted: str) -> Any:
    section, key = dotted.split(".")
    return answer[section][key]


@pytest.mark.parametrize("case", CASES, ids=[case["input"]["id"] for case in CASES])
def test_practitioner_case(case: dict[str, Any], answers: dict[str, dict[str, Any]]) -> None:
    answer = answers[case["input"]["id"]]
    got = {key: _get(answer, key) for key in case["expect"]}
    assert got == case["expect"], case["cite"]
