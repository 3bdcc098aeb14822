"""Send a machine's masked scan results to the mamori server (``mamori scan --upload URL``).

The results are first written to a spool file (masked values only, mode 0600), then sent in numbered
batches with a bearer token (``MAMORI_SCAN_TOKEN``). Each request is retried with back-off; the server
stores each batch once and tells a restarted upload which batches it already has, so a broken upload
resumes where it stopped, also from the next ``mamori scan --upload`` run (leftover spool files are
sent first). Standard library only: this module stays free of Django.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mamori.pii.cache_dir import cache_dir
from mamori.pii.scan_cache import public

BATCH = 200
ATTEMPTS = 5
TOKEN_ENV = "MAMORI_SCAN_TOKEN"  # noqa: S105 - the name of the variable, not a secret


class UploadError(Exception):
    """The server could not be reached or refused the upload; the spool file is kept for a retry."""


def spool_dir() -> Path:
    return cache_dir() / "uploads"


def machine_name() -> str:
    return socket.gethostname() or "unknown"


def write_spool(
    directory: Path, url: str, machine: str, results: Iterable[dict[str, Any]], totals: dict[str, Any]
) -> Path:
    """Write one run's results (files with findings or problems, masked) to a new spool file."""
    old = os.umask(0o077)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        run_id = uuid.uuid4().hex
        path = directory / f"{run_id}.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            meta = {
                "url": url,
                "machine": machine,
                "run_id": run_id,
                "started_at": dt.datetime.now(dt.UTC).isoformat(),
                "totals": totals,
            }
            fh.write(json.dumps(meta, ensure_ascii=False) + "\n")
            for result in results:
                fh.write(json.dumps(public(result), ensure_ascii=False) + "\n")
    finally:
        os.umask(old)
    return path


def send_spool(path: Path, token: str, sleep: Callable[[float], None] | None = None) -> dict[str, Any]:
    """Send one spool file (resuming after the batches the server has); delete it when done."""
    sleep = sleep or time.sleep
    lines = path.read_text(encoding="utf-8").splitlines()
    meta = json.loads(lines[0])
    rows = [json.loads(line) for line in lines[1:]]
    base = meta["url"].rstrip("/") + "/scans/api/runs/"
    ident = {"machine": meta["machine"]}
    started = _post(base, token, {**ident, "run_id": meta["run_id"], "started_at": meta["started_at"]}, sleep)
    have = set(started.get("batches", []))
    for number, start in enumerate(range(0, len(rows), BATCH)):
        if number in have:
            continue  # arrived before the connection broke
        _post(
            f"{base}{meta['run_id']}/batches/{number}/",
            token,
            {**ident, "files": rows[start : start + BATCH]},
            sleep,
        )
    answer = _post(f"{base}{meta['run_id']}/finish/", token, {**ident, "totals": meta["totals"]}, sleep)
    path.unlink()
    return answer


def pending(directory: Path, url: str) -> list[Path]:
    """Return the spool files of earlier runs for *url* that were not fully sent."""
    found = []
    for path in sorted(directory.glob("*.jsonl")) if directory.is_dir() else []:
        try:
            with open(path, encoding="utf-8") as fh:
                if json.loads(fh.readline()).get("url") == url:
                    found.append(path)
        except (OSError, ValueError):
            continue
    return found


def _post(url: str, token: str, body: dict[str, Any], sleep: Callable[[float], None]) -> dict[str, Any]:
    if not url.startswith(("http://", "https://")):
        raise UploadError(f"{url}: only http:// and https:// URLs can be used")
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    last = ""
    for attempt in range(ATTEMPTS):
        request = urllib.request.Request(  # noqa: S310 - scheme checked above
            url,
            data=data,
            method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - the URL the user gave
                return dict(json.loads(response.read().decode("utf-8")))
        except urllib.error.HTTPError as exc:
            last = f"HTTP {exc.code}"
            if exc.code < 500 and exc.code != 429:
                raise UploadError(f"{url}: {last} {exc.read()[:200].decode('utf-8', 'replace')}") from exc
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            last = str(getattr(exc, "reason", exc))
        if attempt + 1 < ATTEMPTS:
            sleep(min(30.0, 2.0**attempt))
    raise UploadError(f"{url}: {last} (after {ATTEMPTS} attempts)")
