"""Find personal data in files and folders (``mamori scan PATH...``), in parallel, with a result cache.

Every file is summarised by the kinds of personal data found, an estimate of how many persons it
concerns (the largest number of distinct values of one person-identifying kind: names, e-mail
addresses, phone numbers, My Number, licence / passport / insurance numbers) and masked examples.
Exit status over all files: 1 personal data found, else 2 something could not be read, else 0.
"""

from __future__ import annotations

import argparse
import base64
import io
import itertools
import os
import stat
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from mamori.pii.extract import Limits
from mamori.pii.scan_cache import Cache, default_path, engine_version
from mamori.pii.scan_output import Totals, Writer
from mamori.pii.scan_pool import Job, Result, WorkerPool, problem_result, run_jobs
from mamori.pii.scan_worker import Task

EPILOG = """\
exit status: 1 personal data was found (in any file); 2 nothing was found but some file could not
be fully read (unreadable, encrypted, damaged, image-only, an image or a format not read such as RAR
or 7-Zip, binary content under a text or document name, over a limit), bad usage or the scan
failed; 0 every file was read and nothing was found (programs, fonts, media and system files, which
hold no documents, are skipped).
persons: an estimate per file: the table rows (records) that hold personal data (one person in two
tables or sheets, joined by a name, e-mail or phone, once) plus the persons in running text not in a
record (the most distinct values of one kind that identifies a person: name, e-mail, phone, My
Number, licence, passport, insurance number). Contact data of organisations (head office
TEL/FAX, 振込先, info@) is counted apart as corporate_counts and never makes a file personal.
"""
SORT_LIMIT = 10_000  # entries of one directory sorted in memory; larger directories stream unsorted
WINDOW_PER_JOB = 4  # files in flight per worker: keeps workers busy, bounds memory on any tree size
ORDER_BATCH = 10_000  # walked files put in order of size at a time (largest first) for the workers


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Parse the command line of ``mamori scan``."""
    parser = argparse.ArgumentParser(
        prog="mamori scan",
        description=__doc__.split("\n\n")[0],
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories (recursive)")
    parser.add_argument(
        "--format",
        choices=("table", "jsonl", "csv", "html"),
        default="table",
        help="table (sorted by persons, per-folder roll-up) | jsonl | csv | html (a report to keep)",
    )
    parser.add_argument("--show-values", action="store_true", help="print raw values (default: masked only)")
    parser.add_argument(
        "--jobs", type=int, default=_cores(), help="worker processes (default: all usable cores)"
    )
    parser.add_argument("--cache", type=Path, default=None, help=f"result cache (default: {default_path()})")
    parser.add_argument("--no-cache", action="store_true", help="read every file again, remember nothing")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    parser.add_argument(
        "--max-file-size",
        type=int,
        default=Limits().max_file_size,
        help="bytes per file (an Outlook .pst / .ost is read on demand: each attachment in it)",
    )
    parser.add_argument(
        "--time-budget",
        type=float,
        default=Limits().time_budget,
        help="seconds per file (a big mail store may need more)",
    )
    parser.add_argument(
        "--upload",
        metavar="URL",
        help="send the masked results to the mamori server at URL (token in $MAMORI_SCAN_TOKEN)",
    )
    parser.add_argument("--machine", default=None, help="machine name for --upload (default: host name)")
    args = parser.parse_args(argv)
    if args.upload and not os.environ.get("MAMORI_SCAN_TOKEN"):
        parser.error("--upload needs the upload token in the environment variable MAMORI_SCAN_TOKEN")
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    return args


def _cores() -> int:
    """Return the number of cores this process may run on (respects CPU affinity in containers)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _problem_result(path: str, code: str, **params: Any) -> Result:
    return problem_result(path, 0, code, **params)


def display_path(path: str) -> tuple[str, str | None]:
    """Return *path* as valid text and, when its name was not UTF-8, its raw bytes in base64.

    File names copied from Windows zips are often raw CP932 bytes: Python keeps them as lone
    surrogates, which no UTF-8 writer, JSON reader or SQLite accepts. They are shown decoded as CP932
    when that works (else with U+FFFD), and the exact bytes are kept so the file can still be found.
    """
    try:
        path.encode("utf-8")
        return path, None
    except UnicodeEncodeError:
        raw = os.fsencode(path)
    return "/".join(map(_component, raw.split(b"/"))), base64.b64encode(raw).decode("ascii")


def _component(raw: bytes) -> str:
    """Return one path component as text: UTF-8, else CP932, else UTF-8 with U+FFFD."""
    for encoding in ("utf-8", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def _clean_paths(result: Result) -> Result:
    """Return *result* with its path (and the locations inside it) as valid text."""
    path = result.get("path", "")
    shown, raw = display_path(path)
    if raw is None:
        return result
    result = {**result, "path": shown, "path_bytes": raw}
    for key in ("examples", "problems"):
        result[key] = [
            {**item, "location": display_path(item["location"])[0]} if "location" in item else item
            for item in result.get(key, [])
        ]
    return result


def walk(paths: Iterable[str]) -> Iterator[tuple[str, os.stat_result] | dict[str, Any]]:
    """Yield ``(path, stat)`` of every regular file under *paths*, or a problem result.

    Directory symlinks are not followed (loops). A symlinked file is scanned once: not when its target
    lies under a scanned path (the target is scanned itself), and only once per target otherwise.
    Devices, FIFOs and sockets are listed as skipped. Only the open directories on the current path
    are held, and a directory's entries are sorted only when it has fewer than ``SORT_LIMIT``.
    """
    roots = [os.path.join(os.path.realpath(p), "") for p in paths if os.path.isdir(p)]
    linked: set[tuple[int, int]] = set()
    for item in _walk(paths):
        if isinstance(item, tuple) and os.path.islink(item[0]):
            target = os.path.realpath(item[0])
            key = (item[1].st_dev, item[1].st_ino)
            if any(target.startswith(root) for root in roots) or key in linked:
                continue
            linked.add(key)
        yield item


def _walk(paths: Iterable[str]) -> Iterator[tuple[str, os.stat_result] | dict[str, Any]]:
    for top in paths:
        try:
            st = os.stat(top)
        except OSError as exc:
            yield _problem_result(top, "unreadable", reason=exc.strerror or type(exc).__name__)
            continue
        if stat.S_ISREG(st.st_mode):
            yield top, st
        elif stat.S_ISDIR(st.st_mode):
            yield from _walk_directory(top)
        else:  # a FIFO or device would block the reader forever
            yield _problem_result(top, "skipped", kind="special file")


def _walk_directory(top: str) -> Iterator[tuple[str, os.stat_result] | dict[str, Any]]:
    stack: list[tuple[str, Iterator[os.DirEntry[str]]]] = [(top, _entries(top))]
    while stack:
        directory, entries = stack[-1]
        try:
            entry = next(entries, None)
        except OSError as exc:  # the directory cannot be listed
            stack.pop()
            yield _problem_result(directory, "unreadable", reason=exc.strerror or type(exc).__name__)
            continue
        if entry is None:
            stack.pop()
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, _entries(entry.path)))
            elif entry.is_file():
                yield entry.path, entry.stat()
            elif entry.is_symlink() and not os.path.exists(entry.path):
                yield _problem_result(entry.path, "unreadable", reason="broken symbolic link")
            elif not entry.is_symlink():  # a FIFO, device or socket: reading it could block forever
                yield _problem_result(entry.path, "skipped", kind="special file")
        except OSError as exc:
            yield _problem_result(entry.path, "unreadable", reason=exc.strerror or type(exc).__name__)


def _entries(directory: str) -> Iterator[os.DirEntry[str]]:
    """Yield the entries of *directory*, sorted by name unless there are very many of them."""
    with os.scandir(directory) as it:
        head = list(itertools.islice(it, SORT_LIMIT))
        if len(head) < SORT_LIMIT:
            yield from sorted(head, key=lambda e: e.name)
        else:  # a huge flat directory: stream it rather than hold all its entries
            yield from head
            yield from it


def largest_first(
    walked: Iterable[tuple[str, os.stat_result] | Result], batch: int = ORDER_BATCH
) -> Iterator[tuple[str, os.stat_result] | Result]:
    """Yield the walked files of each *batch* biggest first, and walk problems as they come.

    Workers given the big files first finish together: a 14 MB log started last kept one core busy
    alone for a third of the scan while the other had nothing left. Files of one size keep walk order.
    """
    files: list[tuple[str, os.stat_result]] = []
    for item in walked:
        if isinstance(item, dict):
            yield item
            continue
        files.append(item)
        if len(files) >= batch:
            files.sort(key=lambda f: -f[1].st_size)
            yield from files
            files = []
    files.sort(key=lambda f: -f[1].st_size)
    yield from files


def _cache_key(path: str) -> str:
    """Return the absolute path as text SQLite accepts (undecodable bytes escaped, still unique)."""
    return os.fsencode(os.path.abspath(path)).decode("utf-8", "backslashreplace")


class Scanner:
    """Turn walked files into results: from the cache when unchanged, else through the worker pool."""

    def __init__(self, args: argparse.Namespace, cache: Cache | None) -> None:
        self.limits = Limits(max_file_size=args.max_file_size, time_budget=args.time_budget)
        self.show_values = args.show_values
        self.cache = cache
        self.jobs = args.jobs

    def _job(self, item: tuple[str, os.stat_result] | Result) -> Job:
        if isinstance(item, dict):
            return Job(None, result=item)
        path, st = item
        cached = self.cache.lookup(_cache_key(path)) if self.cache else None
        if cached and self.show_values:
            cached = None  # the cache holds masked previews only: read the file again to show values
        known_hash = cached["hash"] if cached else None
        task = Task(path, st.st_size, st.st_mtime_ns, known_hash, self.show_values, self.limits)
        if cached and cached["size"] == task.size and cached["mtime_ns"] == task.mtime_ns:
            return Job(task, cached, {"status": "unchanged"})
        return Job(task, cached)

    def _finish(self, job: Job, result: Result) -> Result:
        return _clean_paths(self._finish_raw(job, result))

    def _finish_raw(self, job: Job, result: Result) -> Result:
        if job.task is None:
            return result
        if result.get("status") == "unchanged" and job.cached:
            result = {
                **job.cached["result"],
                "path": job.task.path,
                "mtime_ns": job.task.mtime_ns,
                "cached": True,
            }
        if self.cache:
            self.cache.store(_cache_key(job.task.path), _clean_paths(result))
        return result

    def results(self, walked: Iterable[tuple[str, os.stat_result] | Result]) -> Iterator[Result]:
        """Yield one result per walked file as it completes, with a bounded number of files in flight.

        With one job, results come in walk order; with more, in order of completion, so that one slow
        file never leaves the other workers idle, and the biggest files start first.
        """
        pool = WorkerPool(self.jobs) if self.jobs > 1 else None
        if pool is not None:
            walked = largest_first(walked)
        try:
            jobs = (self._job(item) for item in walked)
            for job, result in run_jobs(pool, jobs, self.jobs * WINDOW_PER_JOB):
                yield self._finish(job, result)
        finally:
            if pool is not None:
                pool.close()


def _progress(enabled: bool, paths: list[str]) -> Any:
    """Return a progress bar with the total of files to scan (counted first) and an ETA, or None."""
    if not enabled or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    print("mamori scan: counting files ...", file=sys.stderr, end="\r", flush=True)
    files = total_bytes = 0
    for item in walk(paths):
        files += 1
        total_bytes += item[1].st_size if isinstance(item, tuple) else 0
    bar = tqdm(total=files, unit=" files", file=sys.stderr, dynamic_ncols=True, leave=True)
    bar.total_mb = total_bytes / 1e6
    return bar


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
    """Run ``mamori scan`` with *argv* and return the exit status (1 found, 2 not read / failed, 0 clean).

    An internal error is reported and exits 2, never 1: 1 always means personal data was found.
    """
    try:
        args = parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):  # valid UTF-8 whatever the locale says
            stream.reconfigure(encoding="utf-8", errors="replace")
    try:
        return _scan(args)
    except Exception as exc:  # noqa: BLE001 - the exit status must still say "failed", not "found"
        print(f"mamori scan: failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2


def _scan(args: argparse.Namespace) -> int:
    started = time.monotonic()
    scanner = Scanner(args, None)
    scanner.cache = cache = _open_cache(args, scanner.limits)
    writer, totals = Writer(args.format, sys.stdout), Totals()
    bar = _progress(not args.no_progress, args.paths)
    kept: list[Result] = []  # for --upload: files with findings or problems (masked when sent)
    try:
        for result in scanner.results(walk(args.paths)):
            if bar is not None and writer.prints(result):
                bar.clear()  # a row written to the same terminal must not land inside the bar's line
                writer.write(result)
                bar.refresh()
            else:
                writer.write(result)
            totals.add(result)
            if args.upload and (result.get("counts") or result.get("problems")):
                kept.append(result)
            if bar is not None:
                bar.update(1)
                bar.set_postfix_str(
                    f"{totals.bytes / 1e6:.0f}/{bar.total_mb:.0f} MB, {totals.findings} with personal data",
                    refresh=False,
                )
        if cache is not None:
            cache.prune(args.paths)
    except KeyboardInterrupt:
        print("mamori scan: interrupted", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (``| head``): stop quietly, the scan is incomplete
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the interpreter's final flush quiet
        return 2
    finally:
        if bar is not None:
            bar.close()
        if cache is not None:
            cache.close()
    writer.finish(totals, time.monotonic() - started, sys.stderr)
    code = totals.exit_code()
    if args.upload and not _upload(args, kept, totals):
        return code or 2
    return code


def _upload(args: argparse.Namespace, kept: list[Result], totals: Totals) -> bool:
    """Spool the results, send them and any earlier unsent runs; return False when something failed."""
    from mamori.pii import scan_upload

    token = os.environ["MAMORI_SCAN_TOKEN"]
    directory = scan_upload.spool_dir()
    earlier = scan_upload.pending(directory, args.upload)
    summary = {"files": totals.files, "bytes": totals.bytes, "findings": totals.findings}
    machine = args.machine or scan_upload.machine_name()
    path = scan_upload.write_spool(directory, args.upload, machine, kept, summary)
    ok = True
    for spool in [*earlier, path]:
        try:
            answer = scan_upload.send_spool(spool, token)
        except (scan_upload.UploadError, OSError, ValueError) as exc:
            print(f"mamori scan: upload failed, kept for the next --upload: {exc}", file=sys.stderr)
            ok = False
            continue
        print(
            f"mamori scan: uploaded to {args.upload}: {answer.get('files_personal', 0)} files with "
            f"personal data, persons {answer.get('persons', 0)}",
            file=sys.stderr,
        )
    return ok
