"""Measure detection on generated logs and a quoted order export, the digit-dense files of a share.

Prints, for each shape, the CPU time (one core, best of ``--repeat``) of detecting about ``--mb`` MB
cut in the scan's windows (``scan_windows.Windower``, as ``mamori scan`` does) and the rate in MB/s
per core, then a PASS / FAIL line against issue 11's 8 MB/s for digit-dense text:

- ``access``: a web server's combined log (test-net addresses, status, bytes, referrer, user agent,
  order numbers and item codes in the query strings): nothing personal;
- ``app``: an application log of ``key=value`` pairs aligned by double blanks (INFO  [req=…]);
- ``press``: a machine log of tab-separated fields (time, machine, job, event, counters);
- ``notify``: a notification log with a customer's mailbox at example.net on every line;
- ``pos``: a shop's receipt journal, twelve-digit JAN codes and a points card number per receipt;
- ``orders``: a marketplace's order export quoting every cell, with CR LF line ends;
- ``sales``: a register's sales export (receipt number, JAN code, amounts) whose payment column holds
  クレジット, a header word, on a quarter of the rows;
- ``telemetry``: a vehicle tracker's CSV of positions, speeds and odometers.

Values are invented (example.com / example.net, 203.0.113.0/24, generated names). Run
``python bench/pii_logs.py [--mb 2] [--repeat 3] [--only access,pos] [--profile access]``. CPU time on
a shared machine is noisy: quote the load, or count instructions with callgrind.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pii_tables import _load  # noqa: E402  # bench/ is on the path when a bench script runs

from mamori.pii import detect_all  # noqa: E402
from mamori.pii.engine import warm_up  # noqa: E402
from mamori.pii.scan_windows import Windower  # noqa: E402
from mamori.testing.pii_corpus import address, person, phone  # noqa: E402

TARGET_MB_S = 8.0  # issue 11: digit-dense text at 8 MB/s per core
AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/129.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1",
    "Googlebot/2.1 (+http://www.google.com/bot.html)",
)
PATHS = ("/cart", "/items/AB-{code}", "/api/stock?code=AB-{code}", "/order/complete?order=AB24-{n:06d}", "/")


def _stamp(rng: random.Random, i: int) -> str:
    return f"2024-11-01 {i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d}"


def access_line(rng: random.Random, i: int) -> str:
    path = rng.choice(PATHS).format(code=rng.randrange(10**5), n=rng.randrange(10**6))
    return (
        f"203.0.113.{rng.randrange(1, 255)} - - [01/Nov/2024:{i // 3600 % 24:02d}:{i // 60 % 60:02d}:"
        f'{i % 60:02d} +0900] "GET {path} HTTP/1.1" {rng.choice((200, 200, 304, 404))} {rng.randrange(200, 40000)} '
        f'"https://www.example.com/" "{rng.choice(AGENTS)}" rt={rng.random():.3f}'
    )


def app_line(rng: random.Random, i: int) -> str:
    event = rng.choice(
        (
            f"inventory sync sku=TS-{rng.randrange(1000)} jan=49{rng.randrange(10**11):011d} stock={rng.randrange(300)}",
            f"order created order_id=ORD-20241101-{rng.randrange(10**6):06d} amount={rng.randrange(10**4)} items=2",
            f"shipment registered ship_no={rng.randrange(10**12):012d} carrier=yamato",
            f"GET /v1/products/{rng.randrange(5000)} 200 {rng.randrange(300)}ms",
        )
    )
    return (
        f"{_stamp(rng, i)}.{rng.randrange(1000):03d}+09:00 INFO  [req={rng.randrange(16**10):010x}] {event}"
    )


def press_line(rng: random.Random, i: int) -> str:
    return "\t".join(
        (
            _stamp(rng, i).replace("-", "/"),
            f"PRESS-{rng.choice(('SP29', 'LS40', 'VP12'))}",
            f"JOB=J{rng.randrange(10**5):05d}",
            rng.choice(("RUN", "STOP", "INK_LOW", "PLATE_CHANGE")),
            f"count={rng.randrange(5000)}",
            f"speed={rng.randrange(5000, 14000)}sph",
            f"temp={rng.uniform(22, 28):.1f}",
        )
    )


def notify_line(rng: random.Random, i: int) -> str:
    box = rng.choice((f"user{rng.randrange(10**5)}", f"user{rng.randrange(999)}_{rng.randrange(99)}"))
    return (
        f"{_stamp(rng, i)} [gate-01] card=AS24{rng.randrange(1000):03d} event={rng.choice(('IN', 'OUT'))} "
        f"notify=mail to={box}@example.net status={rng.choice(('sent', 'sent', 'deferred'))}"
    )


def pos_receipt(rng: random.Random, i: int) -> str:
    items = [
        f"  02{rng.randrange(10**10):010d}  商品{rng.randrange(50)}  {rng.randrange(100, 2000)}"
        for _ in range(4)
    ]
    head = f"=== REG{rng.randrange(1, 5)} {_stamp(rng, i).replace('-', '/')} レシートNo.{i:06d} 担当:{rng.randrange(30):02d} ==="
    foot = f"  合計 {rng.randrange(500, 8000)}  QR  ポイントカード:27{rng.randrange(10**11):011d}"
    return "\n".join((head, *items, foot))


SALES_HEADER = "日時,レシートNo,レジ,JANコード,商品名,単価,数量,金額,支払方法"


def sales_row(rng: random.Random, i: int) -> str:
    price = rng.choice((150, 298, 540, 980, 2400))
    qty = rng.randrange(1, 6)
    return (
        f"{_stamp(rng, i).replace('-', '/')},{rng.randrange(10**7, 10**8)},{rng.randrange(1, 5)},"
        f"49{rng.randrange(10**11):011d},商品{rng.randrange(40)},{price},{qty},{price * qty},"
        f"{rng.choice(('現金', 'クレジット', '電子マネー', 'QR'))}"
    )


TELEMETRY_HEADER = "datetime,unit,lat,lon,speed,mode,odometer"


def telemetry_row(rng: random.Random, i: int) -> str:
    return (
        f"{_stamp(rng, i).replace('-', '/')},TR-{rng.randrange(1, 10):02d},{rng.uniform(35, 36):.6f},"
        f"{rng.uniform(139, 140):.6f},{rng.randrange(60)},{rng.choice(('走行', '停車', '作業'))},"
        f"{rng.randrange(10000, 99999)}"
    )


ORDER_HEADER = (
    '"注文番号","注文日","注文者名字","注文者名前","注文者郵便番号1","注文者郵便番号2","注文者住所",'
    '"注文者電話番号","メールアドレス","商品番号","単価","個数","お荷物伝票番号"'
)


def order_row(rng: random.Random, i: int) -> str:
    name, _kana = person(rng)
    family, _, given = name.partition(" ")
    cells = (
        f"100001-20241101-{rng.randrange(10**10):010d}",
        "2024-11-01",
        family,
        given,
        f"{rng.randrange(100, 999)}",
        f"{rng.randrange(10**4):04d}",
        address(rng),
        phone(rng),
        f"user{i}@example.net",
        f"TS-{rng.randrange(1000):03d}",
        str(rng.randrange(100, 10000)),
        str(rng.randrange(1, 5)),
        f"{rng.randrange(10**12):012d}",
    )
    return ",".join(f'"{cell}"' for cell in cells)


SHAPES: dict[str, tuple[str | None, Callable[[random.Random, int], str], str]] = {
    "access": (None, access_line, "\n"),
    "app": (None, app_line, "\n"),
    "press": (None, press_line, "\n"),
    "notify": (None, notify_line, "\n"),
    "pos": (None, pos_receipt, "\n"),
    "orders": (ORDER_HEADER, order_row, "\r\n"),
    "sales": (SALES_HEADER, sales_row, "\n"),
    "telemetry": (TELEMETRY_HEADER, telemetry_row, "\n"),
}


def generate(shape: str, size_bytes: int, seed: int = 7) -> str:
    """Return about ``size_bytes`` UTF-8 bytes of ``shape`` (after its header line, if any)."""
    header, line, end = SHAPES[shape]
    rng = random.Random(seed)
    lines = [header] if header else []
    size, i = 0, 0
    while size < size_bytes:
        row = line(rng, i)
        lines.append(row)
        size += len(row.encode()) + len(end)
        i += rng.randrange(1, 9)
    return end.join(lines) + end


def windows(text: str) -> list[str]:
    """Return the texts of the windows ``mamori scan`` detects in, for ``text`` read as one part."""
    windower = Windower()
    return [w.text for w in [*windower.feed(text), *windower.close()]]


def detect_windows(texts: list[str]) -> int:
    return sum(len(detect_all(text).personal) for text in texts)


def main(argv: list[str] | None = None) -> int:
    """Print the figures; return 1 when a shape misses 8 MB/s per core."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default=",".join(SHAPES), help="shapes to run, comma-separated")
    parser.add_argument("--profile", choices=list(SHAPES), help="print a cProfile of one shape")
    args = parser.parse_args(argv)
    warm_up()
    print(f"detection on generated logs, CPU time per core, in the scan's windows; load {_load()}")
    worst = float("inf")
    for shape in args.only.split(","):
        text = generate(shape, int(args.mb * 1e6))
        texts = windows(text.replace("\r\n", "\n"))  # the extractor reads CR LF as LF
        times = []
        spans = 0
        for _ in range(args.repeat):
            t = time.process_time()
            spans = detect_windows(texts)
            times.append(time.process_time() - t)
        seconds = min(times)
        rate = len(text.encode()) / 1e6 / seconds
        worst = min(worst, rate)
        print(
            f"    {shape:7} {len(text.encode()) / 1e6:5.2f} MB  {seconds * 1000:8.1f} ms  {rate:6.2f} MB/s  spans {spans}"
        )
    verdict = "PASS" if worst >= TARGET_MB_S else "FAIL"
    print(f"{verdict}: generated logs at {worst:.2f} MB/s per core at worst (target {TARGET_MB_S:.0f})")
    if args.profile:
        texts = windows(generate(args.profile, int(args.mb * 1e6)).replace("\r\n", "\n"))
        prof = cProfile.Profile()
        prof.runcall(detect_windows, texts)
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
