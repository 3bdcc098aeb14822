"""Implement ``mamori scan PATH...``: find personal data in files, in parallel, with a result cache.

Every file is summarised by the kinds of personal data found, an estimate of how many persons it
concerns (the largest number of distinct values of one person-identifying kind: names, e-mail
addresses, phone numbers, My Number, licence / passport / insurance numbers) and masked examples.
Exit status over all files: 0 clean, 1 findings, 2 some file could not be fully read (or bad usage).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from mamori.pii.extract import Limits, Problem
from mamori.pii.scan_cache import Cache, default_path, engine_version
from mamori.pii.scan_output import Totals, Writer
from mamori.pii.scan_worker import Task, scan_file

WINDOW_PER_JOB = 4  # files in flight per worker: keeps workers busy, bounds memory on any tree size


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Parse the command line of ``mamori scan``."""
    parser = argparse.ArgumentParser(prog="mamori scan", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories (recursive)")
    parser.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
    parser.add_argument("--show-values", action="store_true", help="print raw values (default: masked only)")
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)"
    )
    parser.add_argument("--cache", type=Path, default=None, help=f"result cache (default: {default_path()})")
    parser.add_argument("--no-cache", action="store_true", help="read every file again, remember nothing")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    parser.add_argument("--max-file-size", type=int, default=Limits().max_file_size, help="bytes per file")
    parser.add_argument("--time-budget", type=float, default=Limits().time_budget, help="seconds per file")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    return args


def _problem_result(path: str, code: str, **params: Any) -> dict[str, Any]:
    problem = Problem(code, path, params)
    return {
        "path": path,
        "size": 0,
        "status": "error",
        "counts": {},
        "persons": 0,
        "examples": [],
        "problems": [problem.as_dict()],
    }


def walk(paths: Iterable[str]) -> Iterator[tuple[str, os.stat_result] | dict[str, Any]]:
    """Yield ``(path, stat)`` of every regular file under *paths*, sorted, or a problem result.

    Directory symlinks are not followed (loops); only the directories on the current path are held.
    """
    for top in paths:
        try:
            st = os.stat(top)
        except OSError as exc:
            yield _problem_result(top, "unreadable", reason=exc.strerror or type(exc).__name__)
            continue
        if not os.path.isdir(top):
            yield top, st
            continue
        try:
            stack: list[Iterator[os.DirEntry[str]]] = [iter(_entries(top))]
        except OSError as exc:
            yield _problem_result(top, "unreadable", reason=exc.strerror or type(exc).__name__)
            continue
        while stack:
            entry = next(stack[-1], None)
            if entry is None:
                stack.pop()
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(iter(_entries(entry.path)))
                elif entry.is_file():
                    yield entry.path, entry.stat()
                elif entry.is_symlink() and not os.path.exists(entry.path):
                    yield _problem_result(entry.path, "unreadable", reason="broken symbolic link")
            except OSError as exc:
                yield _problem_result(entry.path, "unreadable", reason=exc.strerror or type(exc).__name__)


def _entries(directory: str) -> list[os.DirEntry[str]]:
    with os.scandir(directory) as it:
        return sorted(it, key=lambda e: e.name)


class Scanner:
    """Turn walked files into results: from the cache when unchanged, else through the worker pool."""

    def __init__(self, args: argparse.Namespace, cache: Cache | None) -> None:
        self.limits = Limits(max_file_size=args.max_file_size, time_budget=args.time_budget)
        self.show_values = args.show_values
        self.cache = cache
        self.jobs = args.jobs

    def _task(self, path: str, st: os.stat_result) -> tuple[Task, dict[str, Any] | None]:
        cached = self.cache.lookup(os.path.abspath(path)) if self.cache else None
        if cached and self.show_values:
            cached = None  # the cache holds masked previews only: read the file again to show values
        task = Task(
            path,
            st.st_size,
            st.st_mtime_ns,
            cached["hash"] if cached else None,
            self.show_values,
            self.limits,
        )
        return task, cached

    def _finish(self, task: Task, cached: dict[str, Any] | None, result: dict[str, Any]) -> dict[str, Any]:
        if result.get("status") == "unchanged" and cached:
            result = {**cached["result"], "path": task.path, "mtime_ns": task.mtime_ns, "cached": True}
        if self.cache:
            self.cache.store(os.path.abspath(task.path), result)
        return result

    def results(
        self, walked: Iterable[tuple[str, os.stat_result] | dict[str, Any]]
    ) -> Iterator[dict[str, Any]]:
        """Yield one result per walked file, in walk order, with at most a bounded number in flight."""
        pool = ProcessPoolExecutor(self.jobs) if self.jobs > 1 else None
        window: deque[tuple[Task, dict[str, Any] | None, Future[dict[str, Any]] | dict[str, Any]]] = deque()
        try:
            for item in walked:
                if isinstance(item, dict):
                    yield item
                    continue
                task, cached = self._task(*item)
                if cached and cached["size"] == task.size and cached["mtime_ns"] == task.mtime_ns:
                    job: Future[dict[str, Any]] | dict[str, Any] = {"status": "unchanged"}
                elif pool is None:
                    job = scan_file(task)
                else:
                    job = pool.submit(scan_file, task)
                window.append((task, cached, job))
                while window and (
                    len(window) > self.jobs * WINDOW_PER_JOB or not isinstance(window[0][2], Future)
                ):
                    yield self._pop(window)
            while window:
                yield self._pop(window)
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)

    def _pop(self, window: deque[Any]) -> dict[str, Any]:
        task, cached, job = window.popleft()
        try:
            result = job.result() if isinstance(job, Future) else job
        except Exception as exc:  # noqa: BLE001 - a crashed worker is one file's problem, not the scan's
            result = _problem_result(task.path, "malformed", kind="file", error=type(exc).__name__)
            result["size"] = task.size
        return self._finish(task, cached, result)


def _progress(enabled: bool) -> Any:
    if not enabled or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit=" files", file=sys.stderr, dynamic_ncols=True, leave=False)


def _open_cache(args: argparse.Namespace, limits: Limits) -> Cache | None:
    if args.no_cache:
        return None
    path = args.cache or default_path()
    try:
        return Cache(path, engine_version(limits))
    except Exception as exc:  # noqa: BLE001 - a broken cache must not stop the scan
        print(f"mamori scan: cache {path} not used: {exc}", file=sys.stderr)
        return None


def main(argv: list[str]) -> int:
    """Run ``mamori scan`` with *argv* and return the exit status (0 clean, 1 findings, 2 errors)."""
    try:
        args = parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    started = time.monotonic()
    scanner = Scanner(args, None)
    scanner.cache = cache = _open_cache(args, scanner.limits)
    writer, totals, bar = Writer(args.format, sys.stdout), Totals(), _progress(not args.no_progress)
    try:
        for result in scanner.results(walk(args.paths)):
            writer.write(result)
            totals.add(result)
            if bar is not None:
                bar.update(1)
                bar.set_postfix_str(f"{totals.bytes / 1e6:.0f} MB", refresh=False)
    except KeyboardInterrupt:
        print("mamori scan: interrupted", file=sys.stderr)
        return 2
    finally:
        if bar is not None:
            bar.close()
        if cache is not None:
            cache.close()
    writer.finish(totals, time.monotonic() - started, sys.stderr)
    return totals.exit_code()
