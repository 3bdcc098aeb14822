"""Run the checks in worker processes, with a time and a memory budget per message.

Each worker is a spawned process holding one end of a pipe. It limits its own address space
(``RLIMIT_AS``), dies with the guard (``PR_SET_PDEATHSIG``) and is replaced after a kill, a crash, a
time-out, a memory error or ``max_tasks`` messages, so one dead worker never poisons the pool.

:meth:`CheckPool.check` returns a verdict for every mail by its deadline: when no worker finished in
time (or the worker died), the verdict says ``ATTACHMENT_NOT_SCANNABLE`` (time, memory, crash) and the
policy holds the mail; it is never passed unchecked and never left without a reply.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import queue
import resource
import signal
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, cast

from .analyse import Analysis, analyse, unchecked_analysis, warm_up
from .policy import Envelope, Policy

log = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1
READY_TIMEOUT = 180.0  # seconds a new worker may take to import the checks
# Part of the mail's budget kept back from the worker's own deadline: the worker stops extracting
# at its deadline and still has time to answer before the guard gives up on it and kills it.
GRACE_SHARE = 0.2
GRACE_MAX = 5.0


def _die_with_parent() -> None:
    """Ask Linux to kill this process when the guard dies (a ``kill -9`` leaves no orphan worker)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the closed pipe still ends an idle worker
        pass


def _address_space() -> int:
    """Return this process's current virtual memory size in bytes (0 when unknown)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def limit_memory(extra_bytes: int) -> None:
    """Limit this process's address space to what it uses now plus *extra_bytes* (0: no limit)."""
    if extra_bytes <= 0:
        return
    limit = _address_space() + extra_bytes
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def worker_main(conn: Connection, memory_bytes: int) -> None:
    """Serve check jobs on *conn* until it closes (runs in the worker process)."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the guard, which stops its workers
    warm_up()
    limit_memory(memory_bytes)
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        raw, envelope, policy, seconds = job
        try:
            analysis = analyse(raw, envelope, policy, time.monotonic() + seconds)
            result: tuple[str, Any] = ("retire" if _ran_out_of_memory(analysis) else "ok", analysis)
        except MemoryError:
            result = ("memory", None)
        except Exception as exc:  # noqa: BLE001 - a bug in a check must still give the mail a verdict
            result = ("crash", type(exc).__name__)
        del raw, job
        try:
            conn.send(result)
        except MemoryError:
            return
        if result[0] in ("memory", "retire"):
            return  # the heap may be in pieces: a fresh process takes over


def _ran_out_of_memory(analysis: Analysis) -> bool:
    """Return whether a reader hit the memory limit while checking this mail."""
    return any(
        f.details.get("unchecked") and "memory" in f.details.get("locations", {}).values()
        for f in analysis.verdict.findings
    )


@dataclass(eq=False)
class _Worker:
    process: Any
    conn: Connection
    tasks: int = 0

    def stop(self, kill: bool = False) -> None:
        try:
            if kill:
                self.process.kill()
            else:
                self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.conn.close()
        self.process.join(timeout=10 if not kill else 30)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=30)


class CheckPool:
    """Worker processes that check mail; every call of :meth:`check` ends in a verdict by its deadline."""

    def __init__(self, size: int, *, memory_mb: int = 0, max_tasks: int = 0) -> None:
        self.size = max(1, size)
        self.memory_bytes = max(0, memory_mb) * 1024 * 1024
        self.max_tasks = max(0, max_tasks)
        self.context = multiprocessing.get_context("spawn")
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.workers: set[_Worker] = set()
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.replaced = 0  # workers started to replace a killed, crashed or retired one
        self.wanted: queue.Queue[bool] = queue.Queue()  # replacements asked for

    def start(self) -> None:
        """Start every worker and wait until each has imported the checks."""
        for worker in [self._spawn() for _ in range(self.size)]:
            self._await_ready(worker)
            self.idle.put(worker)
        # One long-lived thread starts the replacements: Linux sends PR_SET_PDEATHSIG when the
        # *thread* that forked a worker ends, so a short-lived thread would take its worker with it.
        threading.Thread(target=self._spawner, name="mailguard-spawner", daemon=True).start()

    def _spawner(self) -> None:
        while self.wanted.get():
            self._replace_now()

    def _spawn(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(
            target=worker_main, args=(child, self.memory_bytes), name="mailguard-check", daemon=True
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self.lock:
            self.workers.add(worker)
        return worker

    def _await_ready(self, worker: _Worker) -> None:
        if not worker.conn.poll(READY_TIMEOUT):
            self._discard(worker, kill=True)
            raise RuntimeError("a mail guard check process did not start")
        try:
            worker.conn.recv()
        except (EOFError, OSError) as exc:
            self._discard(worker, kill=True)
            raise RuntimeError("a mail guard check process stopped while starting") from exc

    def _discard(self, worker: _Worker, kill: bool) -> None:
        with self.lock:
            self.workers.discard(worker)
        worker.stop(kill=kill)

    def _replace(self) -> None:
        """Start a new worker in the background (a spawn takes a second or two)."""
        self.replaced += 1
        self.wanted.put(True)

    def _replace_now(self) -> None:
        delay = 1.0
        while not self.stopping.is_set():
            try:
                worker = self._spawn()
                self._await_ready(worker)
            except (OSError, RuntimeError):
                log.exception("could not start a mail guard check process; retrying")
                self.stopping.wait(delay)
                delay = min(delay * 2, 60.0)
                continue
            if self.stopping.is_set():
                self._discard(worker, kill=False)
            else:
                self.idle.put(worker)
            return

    def check(self, raw: bytes, envelope: Envelope, policy: Policy, deadline: float) -> Analysis:
        """Return the analysis of one mail by *deadline* (``time.monotonic()``), blocking this thread.

        Waiting for a free worker counts against the deadline too: mail queued behind heavy mail
        still gets its verdict in time.
        """
        try:
            worker = self.idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return unchecked_analysis(raw, envelope, policy, "time")
        left = deadline - time.monotonic()
        own = max(0.05, left - min(GRACE_MAX, left * GRACE_SHARE))
        try:
            worker.conn.send((raw, envelope, policy, own))
            ready = worker.conn.poll(max(0.0, deadline - time.monotonic()))
            outcome, value = worker.conn.recv() if ready else ("time", None)
        except (EOFError, OSError):
            outcome, value = "crash", None
        worker.tasks += 1
        if outcome in ("ok", "retire"):
            if outcome == "retire" or (self.max_tasks and worker.tasks >= self.max_tasks):
                self._discard(worker, kill=False)
                self._replace()
            else:
                self.idle.put(worker)
            return cast(Analysis, value)
        log.warning("mail guard check ended by %s; the mail is held unchecked", outcome)
        self._discard(worker, kill=True)
        self._replace()
        return unchecked_analysis(raw, envelope, policy, outcome)

    def pids(self) -> list[int]:
        """Return the process ids of the live workers (tests and diagnostics)."""
        with self.lock:
            return [w.process.pid for w in self.workers if w.process.is_alive()]

    def shutdown(self) -> None:
        """Stop every worker (idle ones finish cleanly; busy ones are killed)."""
        self.stopping.set()
        self.wanted.put(False)
        with self.lock:
            workers = list(self.workers)
        for worker in workers:
            self._discard(worker, kill=False)
