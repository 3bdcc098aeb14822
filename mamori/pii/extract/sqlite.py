"""Read SQLite databases as tables: browsers' autofill and address books, applications' stores.

A user's profile keeps what its owner typed into web forms and address books in SQLite files
(Chrome / Edge ``Web Data``, Thunderbird ``abook.sqlite``, Firefox ``formhistory.sqlite``). Each
table comes as parts at ``file!table``: a header line of its column names, then a row a line, cells
tab-separated, as a spreadsheet's, so that :mod:`mamori.pii.tables` judges the columns by their
names. A table of key and value columns (``name`` / ``value``: Chrome's autofill, Thunderbird's
address book) comes as ``key：value`` lines instead, read by the label rules. BLOBs are left out.
The database is opened in memory from the bytes read (``sqlite3`` ``deserialize``), never from the
share, and only read; a damaged one is ``malformed`` (from :func:`.core.dispatch`); an encrypted one
(SQLCipher) has no SQLite header and is ``binary``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from .model import Budget, Part, one_row
from .xmlstream import streamed

SQLITE_MAGIC = b"SQLite format 3\x00"
_CHECK_EVERY = 5000  # rows between two time-budget checks
_KEYS = frozenset({"name", "key", "field", "fieldname", "field_name", "attribute", "property"})


def read_sqlite(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield the rows of each table of the SQLite database *data*."""
    db = sqlite3.connect(":memory:")
    try:
        db.deserialize(data)
        db.execute("PRAGMA query_only = ON")
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
            )
        ]
        for table in tables:
            if not (yield from streamed(f"{location}!{table}", _lines(db, table, budget), budget)):
                return
    finally:
        db.close()


def _lines(db: sqlite3.Connection, table: str, budget: Budget) -> Iterator[str]:
    quoted = '"' + table.replace('"', '""') + '"'
    cursor = db.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - a table name of the file's own schema, quoted
    columns = [column[0] for column in cursor.description]
    lower = [column.lower() for column in columns]
    key = next((i for i, column in enumerate(lower) if column in _KEYS), None)
    value = lower.index("value") if "value" in lower else None
    if key is None or value is None:
        yield one_row("\t".join(column.replace("\t", " ") for column in columns))
    for n, row in enumerate(cursor):
        if n % _CHECK_EVERY == 0:
            budget.check_time()
        if key is not None and value is not None:
            if (text := _text(row[value])).strip():
                yield one_row(f"{_text(row[key])}：{text}")
        else:
            yield one_row("\t".join(_text(cell).replace("\t", " ") for cell in row).rstrip("\t"))


def _text(value: Any) -> str:
    if value is None or isinstance(value, bytes):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
