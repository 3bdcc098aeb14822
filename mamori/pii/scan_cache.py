"""Remember scan results per file in SQLite so that unchanged files are not read again."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from mamori.pii.cache_dir import cache_dir
from mamori.pii.extract import Limits

SCHEMA_VERSION = 2  # PRAGMA user_version; an older cache is dropped, never migrated (it is only a cache)
SCHEMA = """
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hash TEXT NOT NULL,
    engine TEXT NOT NULL,
    result TEXT NOT NULL,
    seen REAL NOT NULL
)
"""
_COMMIT_EVERY = 200
_RETRY = frozenset({"timeout", "unreadable"})  # may succeed next time: never served from the cache


def default_path() -> Path:
    """Return the cache file under the user's cache directory (``$XDG_CACHE_HOME`` or ``~/.cache``)."""
    return cache_dir() / "scan.sqlite3"


def engine_version(limits: Limits) -> str:
    """Return a digest of the detection and extraction code and the limits: a change invalidates the cache."""
    digest = hashlib.blake2b(repr(limits).encode(), digest_size=12)
    root = Path(__file__).parent
    for path in sorted(root.rglob("*")):
        if (
            path.is_file()
            and "tests" not in path.parts
            and path.suffix in (".py", ".txt", ".json", ".gz", ".tsv")
        ):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def public(result: dict[str, Any]) -> dict[str, Any]:
    """Return *result* without raw values: only masked examples may be stored."""
    examples = [{k: v for k, v in ex.items() if k != "value"} for ex in result.get("examples", [])]
    return {**result, "examples": examples}


class Cache:
    """Store one result per absolute path, keyed by size, mtime, content hash and engine version."""

    def __init__(self, path: Path, engine: str) -> None:
        old_umask = os.umask(0o077)  # the cache and its WAL files hold masked previews: keep them private
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            if self.db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                self.db.execute("DROP TABLE IF EXISTS files")
                self.db.execute(SCHEMA)
                self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                self.db.commit()
        finally:
            os.umask(old_umask)
        self.engine = engine
        self.started = time.time()
        self.pending = 0

    def lookup(self, path: str) -> dict[str, Any] | None:
        """Return the cached row of *path* (``size``, ``mtime_ns``, ``hash``, ``result``) for this engine."""
        row = self.db.execute(
            "SELECT size, mtime_ns, hash, result FROM files WHERE path = ? AND engine = ?",
            (path, self.engine),
        ).fetchone()
        if row is None:
            return None
        return {"size": row[0], "mtime_ns": row[1], "hash": row[2], "result": json.loads(row[3])}

    def store(self, path: str, result: dict[str, Any]) -> None:
        """Remember the result of a scanned file, unless it could not be read or ran out of time."""
        if not result.get("hash") or any(p["code"] in _RETRY for p in result.get("problems", [])):
            return
        self.db.execute(
            "INSERT OR REPLACE INTO files (path, size, mtime_ns, hash, engine, result, seen)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                path,
                result["size"],
                result["mtime_ns"],
                result["hash"],
                self.engine,
                json.dumps(public(result), ensure_ascii=False),
                self.started,
            ),
        )
        self.pending += 1
        if self.pending >= _COMMIT_EVERY:
            self.db.commit()
            self.pending = 0

    def prune(self, roots: list[str]) -> int:
        """Forget files under the directories *roots* that this scan did not see (deleted or moved).

        Call only after a complete scan: the cache must not keep previews of data that is gone.
        """
        removed = 0
        for root in roots:
            if not os.path.isdir(root):
                continue
            prefix = os.fsencode(os.path.join(os.path.abspath(root), "")).decode("utf-8", "backslashreplace")
            cursor = self.db.execute(
                "DELETE FROM files WHERE substr(path, 1, ?) = ? AND seen < ?",
                (len(prefix), prefix, self.started),
            )
            removed += cursor.rowcount
        return removed

    def close(self) -> None:
        """Commit and close the database."""
        self.db.commit()
        self.db.close()
