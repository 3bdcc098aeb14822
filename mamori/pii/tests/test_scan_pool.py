"""The worker pool survives files whose reader hangs in C code or crashes the process."""

from __future__ import annotations

import os
import time

from mamori.pii import scan_pool
from mamori.pii.extract import Limits
from mamori.pii.scan_pool import Job, WorkerPool, run_jobs
from mamori.pii.scan_worker import Task


def stand_in(task: Task) -> dict:
    """Behave like scan_file, except that 'hang' blocks in C code and 'crash' kills its worker process."""
    if task.path.startswith("hang"):
        time.sleep(60)  # a C-level sleep: no Python-level time check could interrupt it
    if task.path.startswith("crash"):
        os._exit(3)
    if task.path.startswith("slow"):
        time.sleep(0.5)
    return {"path": task.path, "status": "clean", "problems": []}


def run(paths: list[str], monkeypatch, window: int = 8) -> dict[str, dict]:
    monkeypatch.setattr(scan_pool, "GRACE", 0.1)
    pool = WorkerPool(2, func=stand_in)
    limits = Limits(time_budget=0.9)
    jobs = [Job(Task(path, 1, 0, limits=limits)) for path in paths]
    try:
        results = [result for _, result in run_jobs(pool, jobs, window)]
    finally:
        pool.close()
    assert len(results) == len(paths)
    return {result["path"]: result for result in results}


def test_a_hanging_worker_is_ended_and_reported_as_timeout_while_the_others_are_scanned(monkeypatch):
    started = time.monotonic()
    results = run(["a", "hang", "b", "c", "d"], monkeypatch)
    assert results["hang"]["problems"][0]["code"] == "timeout"
    assert all(results[p]["status"] == "clean" for p in "abcd")
    assert time.monotonic() - started < 20


def test_only_the_file_that_crashes_its_worker_is_blamed(monkeypatch):
    results = run(["a", "crash1", "b", "c", "crash2", "d"], monkeypatch)
    assert results["crash1"]["problems"][0]["params"]["error"] == "crash"
    assert results["crash2"]["status"] == "error"
    assert all(results[p]["status"] == "clean" for p in "abcd")


def test_a_slow_file_does_not_hold_back_the_results_of_the_others(monkeypatch):
    order = list(run(["slow", "a", "b", "c"], monkeypatch))
    assert order[-1] == "slow"


def prefilter_built(task: Task) -> dict:
    """Tell, before this worker detects anything, whether it holds a built prefilter."""
    from mamori.pii import engine

    return {"path": task.path, "built": engine.prefilter.cache_info().currsize == 1}


def test_forked_workers_inherit_the_prefilter_instead_of_building_it() -> None:
    import multiprocessing

    import pytest

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("spawned workers build their own prefilter: nothing is inherited")
    pool = WorkerPool(1, func=prefilter_built)
    try:
        result = pool.submit(Task("a", 1, 0, limits=Limits(time_budget=30))).result()
    finally:
        pool.close()
    assert result["built"] is True
