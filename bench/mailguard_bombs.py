"""Send docx bombs through ``mamori mailguard`` and print the time to the verdict and the check
processes' peak memory.

Starts an aiosmtpd sink and the guard (a migrated SQLite database in a temp directory, the default
memory limit per check process), then sends one mail per size with a docx whose ``word/document.xml``
inflates to that many MiB (under the ratio limit: only memory and time bound its reading) to an
external recipient. Prints, per mail: seconds from DATA to the reply, the verdict, why content was
left unchecked, and the highest resident memory (VmHWM) of any check process meanwhile.

Run: ``python bench/mailguard_bombs.py [--mib 60 195] [--read-all]``
"""

from __future__ import annotations

import argparse
import json
import smtplib
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def peak_rss_mib(pids: set[int]) -> float:
    """Return the largest VmHWM (peak resident memory) of the given processes, in MiB."""
    best = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    best = max(best, int(line.split()[1]))
        except OSError:
            continue
    return best / 1024


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2 :].split()[1]) == pid:
                found.add(int(entry.name))
    return found


class Watcher(threading.Thread):
    """Follow the peak memory of the guard's check processes (replaced ones included) until stopped."""

    def __init__(self, guard_pid: int) -> None:
        super().__init__(daemon=True)
        self.guard_pid = guard_pid
        self.seen: set[int] = set()
        self.peak = 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.seen.update(children(self.guard_pid))
            self.peak = max(self.peak, peak_rss_mib(self.seen))
            time.sleep(0.05)

    def stop(self) -> float:
        self.done.set()
        self.join()
        return self.peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, nargs="+", default=[60, 195], help="XML sizes in MiB")
    parser.add_argument(
        "--read-all", action="store_true", help="policy max_scan_chars 0: read every character (worst case)"
    )
    args = parser.parse_args()

    from mamori.mailguard.tests.guardproc import GuardInstance, free_port, sink_process, wait_port
    from mamori.mailguard.tests.mails import DOCX, docx_bomb, mail

    with tempfile.TemporaryDirectory() as tmp:
        sink_port, guard_port = free_port(), free_port()
        sink = sink_process(sink_port)
        guard = GuardInstance(Path(tmp), guard_port, f"127.0.0.1:{sink_port}", MAMORI_MAILGUARD_WORKERS="1")
        guard.env.pop("MAMORI_MAILGUARD_WORKER_MEMORY_MB", None)  # the default limit
        try:
            guard.setup()
            if args.read_all:
                with sqlite3.connect(Path(tmp) / "mamori.sqlite3") as db:
                    db.execute("""UPDATE mailguard_mailpolicy SET settings = '{"max_scan_chars": 0}'""")
            guard.start()
            wait_port(sink_port)
            assert guard.proc is not None
            print(f"{'XML MiB':>7} {'docx KB':>8} {'seconds':>8} {'peak RSS MiB':>13}  verdict / unchecked")
            for mib in args.mib:
                bomb = docx_bomb(mib)
                raw = mail(to=("客 <kyaku@torihiki.invalid>",), attachments=(("ご案内.docx", bomb, DOCX),))
                watcher = Watcher(guard.proc.pid)
                baseline = peak_rss_mib(children(guard.proc.pid))
                watcher.start()
                started = time.perf_counter()
                with smtplib.SMTP("127.0.0.1", guard_port, timeout=600) as client:
                    client.sendmail("yamada@example.co.jp", ["kyaku@torihiki.invalid"], raw)
                elapsed = time.perf_counter() - started
                peak = watcher.stop()
                with sqlite3.connect(Path(tmp) / "mamori.sqlite3") as db:
                    verdict, findings = db.execute(
                        "SELECT verdict, findings FROM mailguard_heldmessage ORDER BY id DESC LIMIT 1"
                    ).fetchone()
                unchecked = sorted(
                    {
                        reason
                        for f in json.loads(findings)
                        if f["details"].get("unchecked")
                        for reason in f["details"].get("locations", {}).values()
                    }
                )
                print(
                    f"{mib:>7} {len(bomb) / 1024:>8.0f} {elapsed:>8.1f} {peak:>13.0f}  "
                    f"{verdict} / {', '.join(unchecked) or '-'} (peak before: {baseline:.0f} MiB)",
                    flush=True,
                )
        finally:
            guard.stop()
            sink.terminate()
            sink.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
