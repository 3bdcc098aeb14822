"""Run scan tasks in worker processes, surviving workers that hang or crash on hostile files."""

from __future__ import annotations

import signal
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from mamori.pii.extract import INCOMPLETE, Problem
from mamori.pii.scan_worker import Task, scan_file

Result = dict[str, Any]
GRACE = 10.0  # seconds past a task's own time budget before its worker is presumed stuck and killed


def problem_result(path: str, size: int, code: str, **params: Any) -> Result:
    """Return the result of a file that could not be scanned at all."""
    problem = Problem(code, path, params)
    status = "error" if code in INCOMPLETE else "unsupported"
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
    """One file in the window: its task, cached row, and the future or finished result."""

    task: Task
    cached: dict[str, Any] | None
    outcome: Future[Result] | Result
    attempts: int = 1


class WorkerPool:
    """Wrap a process pool: a worker stuck past the time budget is killed, a crashed pool is replaced.

    Pure-Python time checks cannot interrupt a library stuck in C code (pdfium, a regex); only killing
    the process can. Killing loses the other in-flight tasks, which are resubmitted once.
    """

    def __init__(self, jobs: int, func: Callable[[Task], Result] = scan_file) -> None:
        self.jobs = jobs
        self.func = func
        self.executor: ProcessPoolExecutor | None = None

    def submit(self, task: Task) -> Future[Result]:
        """Start *task* on a worker, replacing a broken pool first."""
        if self.executor is None:
            self.executor = ProcessPoolExecutor(self.jobs, initializer=_ignore_interrupt)
        try:
            return self.executor.submit(self.func, task)
        except BrokenProcessPool:
            self.restart()
            return self.submit(task)

    def restart(self) -> None:
        """Kill every worker and forget the pool; the next submit starts a new one."""
        if self.executor is None:
            return
        processes = list(getattr(self.executor, "_processes", {}).values())  # no public API to kill workers
        for process in processes:
            process.kill()
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = None

    def wait(self, job: Job, window: list[Job]) -> Result:
        """Return the result of *job*, killing its worker past the budget; resubmit *window*'s lost jobs.

        When the pool breaks, *job* is retried alone first, so that only the file that crashes a worker
        twice is blamed, not its innocent neighbours.
        """
        assert isinstance(job.outcome, Future)
        try:
            return job.outcome.result(timeout=job.task.limits.time_budget + GRACE)
        except FutureTimeout:
            self.restart()
            self._resubmit(window)
            return problem_result(job.task.path, job.task.size, "timeout", limit=job.task.limits.time_budget)
        except BrokenProcessPool:
            self.restart()
            if job.attempts > 1:
                return problem_result(job.task.path, job.task.size, "malformed", kind="file", error="crash")
            job.attempts += 1
            job.outcome = self.submit(job.task)
            try:
                return self.wait(job, [])
            finally:
                self._resubmit(window)

    def _resubmit(self, window: list[Job]) -> None:
        for other in window:
            if isinstance(other.outcome, Future) and not _succeeded(other.outcome):
                other.outcome = self.submit(other.task)

    def close(self) -> None:
        """Stop the workers at once: after the last result nothing runs; after Ctrl-C nothing should."""
        self.restart()


def _ignore_interrupt() -> None:
    """Leave Ctrl-C to the main process, which stops the scan; workers would print tracebacks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _succeeded(future: Future[Result]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None
