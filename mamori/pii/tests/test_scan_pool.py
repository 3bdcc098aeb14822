"""The worker pool survives files whose reader hangs in C code or crashes the process."""

from __future__ import annotations

import os
import time

from mamori.pii import scan_pool
from mamori.pii.extract import Limits
from mamori.pii.scan_pool import Job, WorkerPool
from mamori.pii.scan_worker import Task


def stand_in(task: Task) -> dict:
    """Behave like scan_file, except that 'hang' sleeps and 'crash' kills its worker process."""
    if task.path == "hang":
        time.sleep(60)
    if task.path == "crash":
        os._exit(3)
    return {"path": task.path, "status": "clean", "problems": []}


def run(paths: list[str], monkeypatch) -> list[dict]:
    monkeypatch.setattr(scan_pool, "GRACE", 0.5)
    pool = WorkerPool(2, func=stand_in)
    limits = Limits(time_budget=0.5)
    window = [
        Job(Task(p, 1, 0, limits=limits), None, pool.submit(Task(p, 1, 0, limits=limits))) for p in paths
    ]
    try:
        return [pool.wait(job, window[i + 1 :]) for i, job in enumerate(window)]
    finally:
        pool.close()


def test_a_hanging_worker_is_killed_and_reported_as_timeout(monkeypatch):
    started = time.monotonic()
    results = run(["a", "hang", "b", "c"], monkeypatch)
    assert [r["status"] for r in results] == ["clean", "error", "clean", "clean"]
    assert results[1]["problems"][0]["code"] == "timeout"
    assert time.monotonic() - started < 20


def test_a_crashing_file_is_reported_malformed_and_the_others_still_scanned(monkeypatch):
    results = run(["a", "crash", "b", "c", "crash", "d"], monkeypatch)
    assert [r["path"] for r in results] == ["a", "crash", "b", "c", "crash", "d"]
    assert results[1]["problems"][0]["params"]["error"] == "crash"
    assert [r["status"] for r in results] == ["clean", "error", "clean", "clean", "error", "clean"]
