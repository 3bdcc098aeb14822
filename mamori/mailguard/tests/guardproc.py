"""Run a whole mamori (migrated SQLite database, seeded data, ``mamori mailguard``) in subprocesses."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MAMORI = str(Path(sys.executable).with_name("mamori"))
SEED = """
from mamori.accounts.models import Role
from mamori.mailguard import services
from mamori.testing import factories
org = factories.make_organisation()
sales = factories.make_department(org, "営業部")
manager = factories.make_user(org, Role.MANAGER, username="manager")
yamada = factories.make_user(org, Role.EMPLOYEE, sales, username="yamada")
yamada.email = "yamada@example.co.jp"
yamada.save()
services.mail_policy_save(organisation=org, actor=manager, internal_domains=["example.co.jp"],
                          delay_minutes=5, many_recipients=20)
"""


def free_port() -> int:
    """Return a loopback port that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on {port}")


def sink_process(port: int) -> subprocess.Popen[bytes]:
    """Start an aiosmtpd sink (accepts every mail and keeps nothing) on a loopback port."""
    return subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Sink"]
    )


_seeded: Path | None = None  # a migrated and seeded database to copy


class GuardInstance:
    """One mamori data directory and the ``mamori mailguard`` processes run on it."""

    def __init__(self, data_dir: Path, port: int, upstream: str, **extra: str) -> None:
        self.data_dir, self.port = data_dir, port
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("MAMORI_", "DATABASE_URL"))}
        self.env.update(
            MAMORI_DATA_DIR=str(data_dir),
            MAMORI_SECRET_KEY="test-secret-key-for-the-guard-process-0123456789",
            MAMORI_MAILGUARD_LISTEN=f"127.0.0.1:{port}",
            MAMORI_MAILGUARD_UPSTREAM=upstream,
            MAMORI_MAILGUARD_RELEASE_INTERVAL="1",
            MAMORI_MAILGUARD_WORKERS="1",
            MAMORI_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            MAMORI_LOG_LEVEL="WARNING",
        )
        self.env.update(extra)
        self.proc: subprocess.Popen[bytes] | None = None

    def manage(self, *args: str) -> str:
        out = subprocess.run(
            [MAMORI, *args], env=self.env, capture_output=True, text=True, timeout=180, check=False
        )
        assert out.returncode == 0, out.stderr[-2000:]
        return out.stdout

    def setup(self) -> None:
        """Migrate and seed the database once per test run; later instances copy that database."""
        global _seeded  # noqa: PLW0603 - one template per test process
        if _seeded is None or not _seeded.exists():
            self.manage("migrate", "-v", "0")
            self.manage("shell", "-c", SEED)
            template = Path(tempfile.mkdtemp(prefix="mamori-guard-seed-")) / "mamori.sqlite3"
            with (
                sqlite3.connect(self.data_dir / "mamori.sqlite3") as source,
                sqlite3.connect(template) as dest,
            ):
                source.backup(dest)
            _seeded = template
            return
        with sqlite3.connect(_seeded) as source, sqlite3.connect(self.data_dir / "mamori.sqlite3") as dest:
            source.backup(dest)

    def start(self) -> None:
        log = (self.data_dir / "guard.log").open("ab")
        self.proc = subprocess.Popen(
            [MAMORI, "mailguard"], env=self.env, stdout=log, stderr=log, start_new_session=True
        )
        wait_port(self.port)

    def kill9(self) -> None:
        """Kill the guard and its worker processes with SIGKILL, as a crash would."""
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()

    def db(self) -> sqlite3.Connection:
        return sqlite3.connect(self.data_dir / "mamori.sqlite3", timeout=20)

    def states(self) -> list[str]:
        with self.db() as conn:
            return [r[0] for r in conn.execute("SELECT state FROM mailguard_heldmessage ORDER BY id")]

    def spool_files(self) -> list[str]:
        spool = self.data_dir / "mailguard-spool"
        return sorted(p.name for p in spool.glob("*.eml")) if spool.exists() else []

    def pretend_delay_passed(self) -> None:
        """Move every release time into the past (instead of waiting five minutes)."""
        with self.db() as conn:
            conn.execute(
                "UPDATE mailguard_heldmessage SET release_at = '2000-01-01 00:00:00' WHERE state = 'held'"
            )
