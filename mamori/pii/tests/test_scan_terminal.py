"""``mamori scan`` as a person runs it: through the console command, with a progress bar on a terminal."""

from __future__ import annotations

import csv
import fcntl
import io
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

from mamori.cli import main as mamori_main
from mamori.pii.scan_output import Writer

from .extract_samples import make_xlsx


def test_console_command_routes_scan_without_django(tmp_path, capsys):
    make_xlsx(tmp_path / "名簿.xlsx")
    assert mamori_main(["scan", str(tmp_path), "--no-cache", "--jobs", "1", "--no-progress"]) == 1
    assert "名簿.xlsx" in capsys.readouterr().out


def _run_with_stderr_on_a_terminal(args: list[str]) -> tuple[int, str, str]:
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a 100x24 terminal
    proc = subprocess.Popen(
        [sys.executable, "-m", "mamori.cli", "scan", *args],
        stdout=subprocess.PIPE,
        stderr=follower,
        env={**os.environ, "COLUMNS": "100"},
    )
    os.close(follower)
    out, _ = proc.communicate(timeout=120)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the terminal's other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return proc.returncode, out.decode(), b"".join(chunks).decode(errors="replace")


def test_progress_bar_is_drawn_on_a_terminal_and_never_on_stdout(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text("特になし\n", encoding="utf-8")
    code, out, terminal = _run_with_stderr_on_a_terminal([str(tmp_path), "--no-cache", "--jobs", "2"])
    assert code == 0
    assert "files" in terminal and "\r" in terminal
    assert "\r" not in out


def test_no_progress_keeps_the_terminal_quiet(tmp_path):
    (tmp_path / "a.txt").write_text("特になし\n", encoding="utf-8")
    _, _, terminal = _run_with_stderr_on_a_terminal([str(tmp_path), "--no-cache", "--no-progress"])
    assert "\r" not in terminal


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_quoted():
    out = io.StringIO()
    Writer("csv", out).write({"path": '=HYPERLINK("x")', "status": "clean"})
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[1][0].startswith("'=")


def test_relative_paths_are_reported_as_given(tmp_path, monkeypatch, capsys):
    make_xlsx(tmp_path / "名簿.xlsx")
    monkeypatch.chdir(tmp_path)
    mamori_main(["scan", ".", "--no-cache", "--jobs", "1", "--no-progress"])
    assert str(Path(".") / "名簿.xlsx") in capsys.readouterr().out
