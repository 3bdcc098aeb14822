"""A throw-away Postfix (config, queue and log in a temp directory, on free loopback ports, never port 25).

It stands for the company MTA with the guard as its after-queue content filter: mail submitted on
``smtpd_port`` goes to the guard on ``guard_port``, which re-injects on ``reinject_port`` (no content
filter there), and Postfix relays to ``relay_port`` (the test's "internet").
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

# How long Postfix waits for the guard's reply to the end of DATA (600 s by default): short here, so a
# guard that took longer than its own budget would leave the mail deferred and fail the test.
CLIENT_TIMEOUT = 20

MAIN_CF = """\
compatibility_level = 3.6
queue_directory = {root}/queue
data_directory = {root}/data
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
meta_directory = /etc/postfix
shlib_directory = /usr/lib/postfix
mail_owner = postfix
setgid_group = postdrop
myhostname = mx.example.co.jp
mydomain = example.co.jp
myorigin = $mydomain
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
relayhost = [127.0.0.1]:{relay_port}
smtp_dns_support_level = disabled
smtp_tls_security_level = none
content_filter = mailguard:[127.0.0.1]:{guard_port}
maillog_file = {root}/maillog
maillog_file_prefixes = {root}
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
message_size_limit = 10240000
biff = no
"""

MASTER_CF = """\
127.0.0.1:{smtpd_port} inet n - n - - smtpd
127.0.0.1:{reinject_port} inet n - n - 10 smtpd
  -o content_filter=
  -o receive_override_options=no_unknown_recipient_checks,no_header_body_checks,no_milters
  -o smtpd_relay_restrictions=permit_mynetworks,reject
pickup fifo n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr fifo n - n 300 1 qmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
smtp unix - - n - - smtp
relay unix - - n - - smtp
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
local unix - n n - - local
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
mailguard unix - - n - 10 smtp
  -o smtp_send_xforward_command=yes
  -o smtp_data_done_timeout={client_timeout}s
  -o disable_mime_output_conversion=yes
"""


def available() -> bool:
    """Return whether Postfix is installed and we may run it (it needs root)."""
    return shutil.which("postfix") is not None and os.geteuid() == 0


class Postfix:
    """Start and stop one private Postfix instance."""

    def __init__(self, *, smtpd_port: int, reinject_port: int, guard_port: int, relay_port: int) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="mamori-postfix-"))
        self.root.chmod(0o755)
        self.etc = self.root / "etc"
        self.etc.mkdir()
        (self.root / "queue").mkdir(mode=0o755)
        (self.root / "data").mkdir(mode=0o700)
        shutil.chown(self.root / "data", "postfix", "postfix")
        ports = {
            "root": self.root,
            "smtpd_port": smtpd_port,
            "reinject_port": reinject_port,
            "guard_port": guard_port,
            "relay_port": relay_port,
            "client_timeout": CLIENT_TIMEOUT,
        }
        (self.etc / "main.cf").write_text(MAIN_CF.format(**ports))
        (self.etc / "master.cf").write_text(MASTER_CF.format(**ports))
        self.smtpd_port, self.reinject_port = smtpd_port, reinject_port

    def run(self, *args: str) -> str:
        out = subprocess.run(
            ["postfix", "-c", str(self.etc), *args], capture_output=True, text=True, timeout=60, check=False
        )
        if out.returncode != 0:
            raise RuntimeError(f"postfix {' '.join(args)} failed: {out.stderr[-1500:]}")
        return out.stdout

    def start(self) -> None:
        self.run("start")

    def stop(self) -> None:
        """Stop Postfix and remove its directory (so a second run starts from nothing)."""
        try:
            self.run("stop")
        except RuntimeError:
            pass
        pid_file = self.root / "queue" / "pid" / "master.pid"
        end = time.monotonic() + 15
        while pid_file.exists() and time.monotonic() < end:
            time.sleep(0.1)
        shutil.rmtree(self.root, ignore_errors=True)

    def queue(self) -> list[str]:
        """Return the queue as postqueue -j lines (JSON)."""
        out = subprocess.run(
            ["postqueue", "-c", str(self.etc), "-j"], capture_output=True, text=True, timeout=30, check=False
        )
        return [line for line in out.stdout.splitlines() if line.strip()]

    def log(self) -> str:
        path = self.root / "maillog"
        return path.read_text(errors="replace") if path.exists() else ""
