"""Run scan tasks in worker processes, surviving workers that hang or crash on hostile files."""

from __future__ import annotations

import math
import multiprocessing
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from mamori.pii.engine import warm_up
from mamori.pii.extract import INCOMPLETE, Problem
from mamori.pii.scan_worker import Task, scan_file

Result = dict[str, Any]
GRACE = 10.0  # seconds past a task's own time budget before the kernel ends its stuck worker


def problem_result(path: str, size: int, code: str, **params: Any) -> Result:
    """Return the result of a file that could not be scanned at all."""
    problem = Problem(code, path, params)
    status = "skipped" if code not in INCOMPLETE else code if code == "unsupported" else "error"
    return {
        "path": path,
        "size": size,
        "status": status,
        "counts": {},
        "persons": 0,
        "examples": [],
        "problems": [problem.as_dict()],
    }


@dataclass
class Job:
    """One walked entry: its task (``None`` for a walk problem), its cached row, and its result if known."""

    task: Task | None
    cached: dict[str, Any] | None = None
    result: Result | None = None


def _run_in_worker(func: Callable[[Task], Result], task: Task) -> Result:
    """Run *func* under an alarm whose default action ends the process, even inside C code."""
    signal.alarm(math.ceil(task.limits.time_budget + GRACE))
    try:
        return func(task)
    finally:
        signal.alarm(0)


def _ignore_interrupt() -> None:
    """Leave Ctrl-C to the main process, which stops the scan; workers would print tracebacks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)


class WorkerPool:
    """Wrap a process pool that is replaced whenever a worker dies (crash or alarm)."""

    def __init__(self, jobs: int, func: Callable[[Task], Result] = scan_file) -> None:
        self.jobs = jobs
        self.func = func
        self.executor: ProcessPoolExecutor | None = None

    def submit(self, task: Task) -> Future[Result]:
        """Start *task* on a worker, starting a pool first if needed."""
        if self.executor is None:
            if multiprocessing.get_start_method() == "fork":
                warm_up()  # forked workers inherit the prefilter and dictionaries instead of building them
            self.executor = ProcessPoolExecutor(self.jobs, initializer=_ignore_interrupt)
        return self.executor.submit(_run_in_worker, self.func, task)

    def run_alone(self, task: Task) -> Result:
        """Run *task* with no other task in flight, so that a dead worker can be blamed on it."""
        started = time.monotonic()
        try:
            return self.submit(task).result()
        except (BrokenProcessPool, CancelledError):
            self.close()
            if time.monotonic() - started >= task.limits.time_budget:
                return problem_result(task.path, task.size, "timeout", limit=task.limits.time_budget)
            return problem_result(task.path, task.size, "malformed", kind="file", error="crash")

    def close(self) -> None:
        """Kill every worker and forget the pool; after the last result nothing runs anyway."""
        if self.executor is None:
            return
        for process in list(getattr(self.executor, "_processes", {}).values()):  # no public API to kill
            process.kill()
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = None


def run_jobs(pool: WorkerPool | None, jobs: Iterable[Job], window: int) -> Iterator[tuple[Job, Result]]:
    """Yield ``(job, result)`` for every job, as results complete, with at most *window* in flight.

    Without a pool the jobs run here, one by one, in order. When a worker dies, every task in flight
    is lost; they are then run again one at a time, and only the one whose worker dies alone is
    reported (``timeout`` past its budget, else ``malformed``).
    """
    pending: dict[Future[Result], Job] = {}
    for job in jobs:
        if job.result is not None or job.task is None:
            yield job, job.result or {}
        elif pool is None:
            yield job, scan_file(job.task)
        else:
            pending[pool.submit(job.task)] = job
            yield from _harvest(pool, pending, block=len(pending) >= window)
    while pending:
        assert pool is not None
        yield from _harvest(pool, pending, block=True)


def _harvest(
    pool: WorkerPool, pending: dict[Future[Result], Job], block: bool
) -> Iterator[tuple[Job, Result]]:
    done, _ = wait(pending, timeout=None if block else 0, return_when=FIRST_COMPLETED)
    lost: list[Job] = []
    for future in done:
        job = pending.pop(future)
        assert job.task is not None
        try:
            yield job, future.result()
        except (BrokenProcessPool, CancelledError):
            lost.append(job)
        except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable result: one file's problem
            yield (
                job,
                problem_result(
                    job.task.path, job.task.size, "malformed", kind="file", error=type(exc).__name__
                ),
            )
    if not lost:
        return
    pool.close()  # settles every other future: done, broken or cancelled
    for future, job in list(pending.items()):
        if future.done() and not future.cancelled() and future.exception() is None:
            yield job, future.result()
        else:
            lost.append(job)
        del pending[future]
    for job in lost:
        assert job.task is not None
        yield job, pool.run_alone(job.task)
