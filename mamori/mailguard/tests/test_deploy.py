"""The systemd unit in deploy/: valid for systemd, and its ExecStart really runs the guard, whose check
processes die with it (no systemd runs here: the unit's command is started as systemd would start it)."""

from __future__ import annotations

import configparser
import os
import shlex
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from mamori.mailguard.tests.conftest import wait_until
from mamori.mailguard.tests.guardproc import MAMORI, GuardInstance, free_port, wait_port

UNIT = Path(__file__).resolve().parents[3] / "deploy" / "mamori-mailguard.service"
INSTALLED = "/opt/mamori/venv/bin/mamori"  # where the README installs mamori


def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    # systemd keys are case-sensitive
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(UNIT.read_text())
    return parser


def exec_start() -> list[str]:
    """Return the unit's command line with mamori where this test run has it installed."""
    argv = shlex.split(unit()["Service"]["ExecStart"])
    assert argv[0] == INSTALLED
    return [MAMORI, *argv[1:]]


def processes() -> dict[int, tuple[int, int]]:
    """Return {pid: (parent pid, process group)} of every process."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2 :].split()
            if fields[0] != "Z":  # a zombie is dead already
                found[int(entry.name)] = (int(fields[1]), int(fields[2]))
    return found


def descendants(pid: int) -> set[int]:
    table = processes()
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        children = {p for p, (parent, _) in table.items() if parent == current}
        found |= children
        todo.extend(children)
    return found


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_unit(tmp_path):
    local = tmp_path / UNIT.name
    text = UNIT.read_text().replace(INSTALLED, MAMORI)
    local.write_text(text.replace("/etc/mamori/mamori.env", str(UNIT.parent / "mamori.env")))
    out = subprocess.run(
        ["systemd-analyze", "verify", str(local)], capture_output=True, text=True, timeout=60, check=False
    )
    assert out.returncode == 0 and out.stderr.strip() == "", out.stderr
    # It does check: the unit as shipped names a program this machine does not have.
    out = subprocess.run(
        ["systemd-analyze", "verify", str(UNIT)], capture_output=True, text=True, timeout=60, check=False
    )
    assert out.returncode != 0 and INSTALLED in out.stderr


def test_the_unit_stops_every_process_of_the_guard_and_restarts_it():
    service = unit()["Service"]
    assert service["KillMode"] == "control-group"  # systemd kills the check processes with the unit
    assert service["Restart"] == "always" and service["KillSignal"] == "SIGTERM"
    assert int(service["TimeoutStopSec"]) >= 60  # room for the release round to finish


def test_the_units_command_starts_the_guard_and_its_workers_die_with_it(tmp_path, sink_server):
    guard = GuardInstance(
        tmp_path, free_port(), f"127.0.0.1:{sink_server.port}", MAMORI_MAILGUARD_WORKERS="2"
    )
    guard.setup()
    log = (tmp_path / "guard.log").open("ab")
    proc = subprocess.Popen(exec_start(), env=guard.env, stdout=log, stderr=log, start_new_session=True)
    workers: set[int] = set()
    try:
        wait_port(guard.port, timeout=120)
        assert wait_until(lambda: len(descendants(proc.pid)) >= 2, 60)  # the two check processes
        workers = descendants(proc.pid)
        table = processes()
        # One process group with the main process: what systemd's control group (or a kill of the
        # group) reaches.
        assert {table[w][1] for w in workers if w in table} == {proc.pid}
        os.kill(proc.pid, signal.SIGKILL)  # the main process alone, as the OOM killer would
        proc.wait(timeout=30)
        # No one kills the workers here: they notice on their own (PR_SET_PDEATHSIG) and end.
        assert wait_until(lambda: not (workers & set(processes())), 20), workers & set(processes())
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        for pid in workers & set(processes()):
            os.kill(pid, signal.SIGKILL)
