"""Measure the mail guard against a plain aiosmtpd relay in the same run, and print the figures.

Starts an aiosmtpd sink (the "internet"), a plain pass-through aiosmtpd relay and ``mamori
mailguard`` (a migrated SQLite database in a temp directory), each as its own process, then sends
the same mails through both with smtplib clients: 10 KB text mail (internal recipient: the deliver
path), 10 KB mail to an external recipient (the hold path: spool fsync + database row), and 1 MB
mail with an xlsx attachment. Prints messages/s and p50/p99 latency, the guard's added latency,
and how long the checks of the 1 MB mail take on their own. For the 10 KB path it states the guard
against the plain relay both ways: the throughput ratio (over all rounds, and the median of the
rounds run back to back) and the CPU time per mail of each side, which the load of the shared
machine hardly moves, with the load average at the start and the end.

Run: ``python bench/mailguard.py [--messages 1600] [--rounds 16] [--clients 4] [--big 20]``
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import random
import smtplib
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def text_mail(size: int, to: str) -> bytes:
    """Return a Japanese text mail of about ``size`` bytes (no personal data)."""
    msg = EmailMessage()
    msg["From"] = "山田 太郎 <yamada@example.co.jp>"
    msg["To"] = to
    msg["Subject"] = "週次の進捗報告"
    line = "今週の作業は予定どおり進んでいます。来週は試験環境の準備を行います。\n"
    body = line * (size // len(line.encode()) + 1)
    msg.set_content(body[: size // 3])
    return msg.as_bytes(policy=SMTP)


def xlsx_bytes(target: int) -> bytes:
    """Return an order sheet (product codes, quantities, prices, dates) of about ``target`` bytes."""
    from openpyxl import Workbook

    rng = random.Random(7)
    rows = 4000
    while True:
        wb = Workbook()
        ws = wb.active
        ws.append(["品番", "品名", "数量", "単価", "金額", "納期", "備考"])
        for _ in range(rows):
            qty, price = rng.randint(1, 500), rng.randint(100, 99999)
            ws.append(
                [
                    f"P-{rng.randint(10000, 99999)}",
                    f"部品{rng.randint(1, 999)}型",
                    qty,
                    price,
                    qty * price,
                    f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    rng.choice(["", "至急", "分納可"]),
                ]
            )
        buf = io.BytesIO()
        wb.save(buf)
        data = buf.getvalue()
        if len(data) >= target:
            return data
        rows = int(rows * target / len(data) * 1.05) + 100


def big_mail(to: str) -> bytes:
    """Return a mail of about 1 MB with an xlsx attachment."""
    msg = EmailMessage()
    msg["From"] = "山田 太郎 <yamada@example.co.jp>"
    msg["To"] = to
    msg["Subject"] = "受注一覧の送付"
    msg.set_content("受注一覧をお送りします。ご確認ください。\n")
    data = xlsx_bytes(740_000)
    msg.add_attachment(
        data,
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename="受注一覧.xlsx",
    )
    return msg.as_bytes(policy=SMTP)


class PlainRelay:
    """Relay every mail to the upstream with smtplib (in threads), answering only after it accepted."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.pool = ThreadPoolExecutor(8)

    def _send(self, mail_from: str, rcpts: list[str], data: bytes) -> None:
        with smtplib.SMTP(*self.upstream, timeout=30) as smtp:
            smtp.sendmail(mail_from, rcpts, data)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(
                self.pool, self._send, envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content
            )
        except (OSError, smtplib.SMTPException):
            return "451 4.4.1 upstream unavailable"
        return "250 2.0.0 Ok: delivered"


def run_plain_relay(listen: int, upstream: int) -> None:
    """Serve the plain relay until killed (runs in its own process)."""
    from aiosmtpd.controller import Controller

    controller = Controller(
        PlainRelay(("127.0.0.1", upstream)), hostname="127.0.0.1", port=listen, data_size_limit=10240000
    )
    controller.start()
    threading.Event().wait()


_sent = iter(range(10**9))


def load(port: int, raw: bytes, rcpt: str, count: int, clients: int) -> dict[str, Any]:
    """Send ``count`` mails over ``clients`` connections; return msg/s and latency percentiles (ms).

    Every mail gets a Message-ID of its own: the guard answers a byte-identical retry of a relayed
    mail without relaying it again, which would flatter its figures.
    """
    latencies: list[float] = []
    lock = threading.Lock()
    per_client = [count // clients + (1 if i < count % clients else 0) for i in range(clients)]

    def client(n: int) -> None:
        mine = []
        with smtplib.SMTP("127.0.0.1", port, timeout=120) as smtp:
            for _ in range(n):
                with lock:
                    unique = b"Message-ID: <%d.%d@bench.example.co.jp>\r\n" % (next(_sent), os.getpid())
                started = time.perf_counter()
                refused = smtp.sendmail("yamada@example.co.jp", [rcpt], unique + raw)
                mine.append(time.perf_counter() - started)
                assert not refused
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in per_client]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "msgs": len(latencies),
        "rate": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "elapsed": elapsed,
        "latencies": latencies,
    }


def cpu_seconds(pid: int) -> float:
    """Return the CPU time (user + system) of a process and all its descendants, living or reaped."""
    tick = os.sysconf("SC_CLK_TCK")
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                text = (entry / "stat").read_text()
            except OSError:
                continue
            stats[int(entry.name)] = text[text.rindex(")") + 2 :].split()
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        fields = stats.get(current)
        if fields is None:
            continue
        # fields[1] is the parent; [11:15] are utime, stime, cutime, cstime (reaped children).
        total += sum(int(x) for x in fields[11:15]) / tick
        todo.extend(child for child, f in stats.items() if int(f[1]) == current)
    return total


def alternating(
    ports: tuple[int, int],
    pids: tuple[int, int],
    sink_pid: int,
    raw: bytes,
    rcpt: str,
    count: int,
    clients: int,
    rounds: int,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Measure both servers in alternating rounds, so a burst of load on the shared machine hits both.

    The order flips every round (plain-guard, guard-plain, ...), so neither side always runs second.
    Besides the rates, each side's CPU time per message (its process and its children), the sink's
    and this process's (the clients): unlike the rates, they hardly depend on what else runs on the
    machine. Each side's result keeps its per-round rates, to pair the rounds that ran back to back.
    """
    runs: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])
    for number in range(rounds):
        for side in (0, 1) if number % 2 == 0 else (1, 0):
            before, sink_before = cpu_seconds(pids[side]), cpu_seconds(sink_pid)
            own = time.process_time()
            run = load(ports[side], raw, rcpt, max(clients, count // rounds), clients)
            run["client_cpu"] = time.process_time() - own
            run["cpu"] = cpu_seconds(pids[side]) - before
            run["sink_cpu"] = cpu_seconds(sink_pid) - sink_before
            runs[side].append(run)
    merged = []
    for side_runs in runs:
        latencies = sorted(x for run in side_runs for x in run["latencies"])
        per_msg = 1000 / len(latencies)
        merged.append(
            {
                "msgs": len(latencies),
                "rate": len(latencies) / sum(run["elapsed"] for run in side_runs),
                "p50": statistics.median(latencies) * 1000,
                "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
                "cpu_ms": sum(run["cpu"] for run in side_runs) * per_msg,
                "sink_ms": sum(run["sink_cpu"] for run in side_runs) * per_msg,
                "client_ms": sum(run["client_cpu"] for run in side_runs) * per_msg,
                "round_rates": [run["rate"] for run in side_runs],
            }
        )
    return merged[0], merged[1]


def ratio_report(plain: dict[str, Any], guard: dict[str, Any]) -> list[str]:
    """Return the lines that state the guard against the plain relay: throughput and CPU, both ways."""
    paired = sorted(g / p for p, g in zip(plain["round_rates"], guard["round_rates"], strict=True))
    machine_plain = plain["cpu_ms"] + plain["sink_ms"] + plain["client_ms"]
    machine_guard = guard["cpu_ms"] + guard["sink_ms"] + guard["client_ms"]
    return [
        f"  throughput ratio guard/plain: {guard['rate'] / plain['rate']:.0%} over all rounds; "
        f"median of {len(paired)} back-to-back rounds {statistics.median(paired):.0%} "
        f"(min {paired[0]:.0%}, max {paired[-1]:.0%})",
        f"  CPU per mail: plain relay {plain['cpu_ms']:.2f} ms, guard {guard['cpu_ms']:.2f} ms: "
        f"CPU ratio plain/guard {plain['cpu_ms'] / guard['cpu_ms']:.0%} (the guard costs "
        f"{guard['cpu_ms'] / plain['cpu_ms']:.2f}x)",
        f"  whole machine per mail (relay + sink + clients): plain {machine_plain:.2f} ms "
        f"({plain['cpu_ms']:.2f} + {plain['sink_ms']:.2f} + {plain['client_ms']:.2f}), guard "
        f"{machine_guard:.2f} ms ({guard['cpu_ms']:.2f} + {guard['sink_ms']:.2f} + "
        f"{guard['client_ms']:.2f}): throughput ratio when the CPU is the limit ~"
        f"{machine_plain / machine_guard:.0%}",
    ]


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1600, help="10 KB mails per side (default 1600)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent SMTP clients (default 4)")
    parser.add_argument("--big", type=int, default=20, help="1 MB mails per path (default 20)")
    parser.add_argument(
        "--rounds",
        type=int,
        default=16,
        help="alternating rounds per path (default 16; the machine is shared)",
    )
    parser.add_argument(
        "--inline-bytes",
        default="65536",
        help="the guard's MAMORI_MAILGUARD_INLINE_BYTES (default 65536; 0: every mail to a check process)",
    )
    parser.add_argument(
        "--plain-relay", nargs=2, type=int, metavar=("LISTEN", "UPSTREAM"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.plain_relay:
        run_plain_relay(*args.plain_relay)
        return 0

    from mamori.mailguard.tests.guardproc import GuardInstance, free_port, sink_process, wait_port

    small_in = text_mail(10_000, "鈴木 <suzuki@example.co.jp>")
    small_out = text_mail(10_000, "客 <kyaku@torihiki.invalid>")
    big = big_mail("鈴木 <suzuki@example.co.jp>")
    print(
        f"mails: 10 KB text = {len(small_in)} bytes, 1 MB with xlsx = {len(big)} bytes; cores: {os.cpu_count()}; "
        f"load average at the start: {load_average()}"
    )

    procs: list[subprocess.Popen[bytes]] = []
    with tempfile.TemporaryDirectory() as tmp:
        sink_port, plain_port, guard_port = free_port(), free_port(), free_port()
        guard = GuardInstance(
            Path(tmp),
            guard_port,
            f"127.0.0.1:{sink_port}",
            MAMORI_MAILGUARD_WORKERS="2",
            MAMORI_MAILGUARD_RELEASE_INTERVAL="3600",
            MAMORI_MAILGUARD_INLINE_BYTES=args.inline_bytes,
        )
        sink = sink_process(sink_port)
        procs.append(sink)
        plain = subprocess.Popen([sys.executable, __file__, "--plain-relay", str(plain_port), str(sink_port)])
        procs.append(plain)
        try:
            guard.setup()
            guard.start()
            wait_port(sink_port)
            wait_port(plain_port)
            print("  warming up...", file=sys.stderr, flush=True)
            for port in (plain_port, guard_port):  # warm up both (pools, connections, caches)
                load(port, small_in, "suzuki@example.co.jp", 20, 2)
                load(port, big, "suzuki@example.co.jp", 2, 1)
            results = {}
            big_rounds = min(args.rounds, 4)
            for name, raw, rcpt, count, clients, rounds in (
                (
                    "10 KB, deliver",
                    small_in,
                    "suzuki@example.co.jp",
                    args.messages,
                    args.clients,
                    args.rounds,
                ),
                ("1 MB xlsx, 1 client", big, "suzuki@example.co.jp", args.big, 1, big_rounds),
                ("1 MB xlsx, 2 clients", big, "suzuki@example.co.jp", args.big, 2, big_rounds),
            ):
                print(f"  measuring {name}...", file=sys.stderr, flush=True)
                assert guard.proc is not None
                results[name] = alternating(
                    (plain_port, guard_port),
                    (plain.pid, guard.proc.pid),
                    sink.pid,
                    raw,
                    rcpt,
                    count,
                    clients,
                    rounds,
                )
            held = load(guard_port, small_out, "kyaku@torihiki.invalid", args.messages // 2, args.clients)
            window = guard.manage("shell", "-c", WINDOW_SNIPPET).strip().splitlines()[-1]
        finally:
            guard.stop()
            for p in procs:
                p.terminate()
                p.wait()

    print(
        f"\n{'path':<22} {'plain msg/s':>11} {'guard msg/s':>11} {'ratio':>6}   "
        f"{'plain p50/p99 ms':>17} {'guard p50/p99 ms':>17} {'added p50/p99 ms':>17}   "
        f"{'CPU ms/msg plain/guard':>22}"
    )
    for name, (plain_r, guarded) in results.items():
        print(
            f"{name:<22} {plain_r['rate']:>11.1f} {guarded['rate']:>11.1f} "
            f"{guarded['rate'] / plain_r['rate']:>6.0%}   "
            f"{plain_r['p50']:>8.1f}/{plain_r['p99']:<8.1f} {guarded['p50']:>8.1f}/{guarded['p99']:<8.1f} "
            f"{guarded['p50'] - plain_r['p50']:>8.1f}/{guarded['p99'] - plain_r['p99']:<8.1f}   "
            f"{plain_r['cpu_ms']:>10.2f}/{guarded['cpu_ms']:<11.2f}"
        )
    print(
        f"{'10 KB, held (guard)':<22} {'':>11} {held['rate']:>11.1f} {'':>6}   {'':>17} "
        f"{held['p50']:>8.1f}/{held['p99']:<8.1f}"
    )
    print(f"exactly-once window (upstream's 250 -> relay record committed, SQLite): {window}")
    print(header_scaling())
    check_ms = time_checks(big)
    print(f"\nchecks of the 1 MB xlsx mail alone (parse + evaluate, one process): p50 {check_ms:.0f} ms")
    small = results["10 KB, deliver"]
    print(f"\n10 KB deliver, {args.messages} mails per side in {args.rounds} rounds, {args.clients} clients:")
    print("\n".join(ratio_report(*small)))
    print(f"load average at the end: {load_average()}")
    big_added = results["1 MB xlsx, 1 client"][1]["p50"] - results["1 MB xlsx, 1 client"][0]["p50"]
    print(
        f"target: 10 KB throughput >= 80% of plain in the same run: {small[1]['rate'] / small[0]['rate']:.0%} "
        f"(CPU ratio plain/guard {small[0]['cpu_ms'] / small[1]['cpu_ms']:.0%}); "
        f"1 MB checked < 200 ms: added p50 {big_added:.0f} ms"
    )
    return 0


# Run in the guard's own database: how long the relay record takes to commit (the window in which a
# crash of the guard after the upstream's 250 would still lead to a second copy).
WINDOW_SNIPPET = """
import hashlib, statistics, time
from mamori.mailguard import relayed
times = []
for i in range(300):
    key = hashlib.sha256(str(i).encode()).hexdigest()
    started = time.perf_counter()
    relayed.relayed_record(key, "<bench@example.co.jp>")
    times.append(time.perf_counter() - started)
times.sort()
print(f"p50 {statistics.median(times) * 1000:.2f} ms, p99 {times[int(len(times) * 0.99)] * 1000:.2f} ms")
"""


def header_scaling() -> str:
    """Return the parse time of a mail with a long folded Subject at 1 MB and at 8 MB (should be ~x8)."""
    import base64

    from mamori.mailguard.parse import parse_message

    word = "=?UTF-8?B?" + base64.b64encode("個人情報のお知らせ".encode()).decode() + "?="
    out = []
    for mib in (1, 8):
        subject = "\r\n ".join([word] * (mib * 1024 * 1024 // (len(word) + 3)))
        raw = f"From: a@example.co.jp\r\nTo: b@example.com\r\nSubject: {subject}\r\n\r\nx\r\n".encode()
        started = time.perf_counter()
        parse_message(raw)
        out.append(f"{mib} MiB {time.perf_counter() - started:.2f} s")
    return "parsing a long folded Subject (linear): " + ", ".join(out)


def time_checks(raw: bytes) -> float:
    """Return the median time (ms) of parsing and judging one mail in this process."""
    from mamori.mailguard.analyse import analyse
    from mamori.mailguard.policy import Envelope, Policy

    policy = Policy(internal_domains=frozenset({"example.co.jp"}))
    envelope = Envelope("yamada@example.co.jp", ("suzuki@example.co.jp",))
    analyse(raw, envelope, policy)
    times = []
    for _ in range(5):
        started = time.perf_counter()
        analyse(raw, envelope, policy)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


if __name__ == "__main__":
    sys.exit(main())
