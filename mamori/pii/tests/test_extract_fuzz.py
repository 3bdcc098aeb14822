"""Damaged input of every format: extraction reports problems, never raises, and stays within its budget."""

from __future__ import annotations

import gzip
import random
import time

import pytest

from mamori.pii.extract import Limits, extract

from .extract_samples import (
    JAPANESE_TEXT,
    blank_pdf,
    eml_bytes,
    make_docx,
    make_pptx,
    make_xlsx,
    msg_bytes,
    nested_zip,
    tar_bytes,
    zip_bytes,
)

MUTATIONS = 25


def samples(tmp_path) -> dict[str, bytes]:
    return {
        "a.xlsx": make_xlsx(tmp_path / "a.xlsx").read_bytes(),
        "a.docx": make_docx(tmp_path / "a.docx").read_bytes(),
        "a.pptx": make_pptx(tmp_path / "a.pptx").read_bytes(),
        "a.pdf": blank_pdf(),
        "a.zip": nested_zip(3),
        "a.eml": eml_bytes({"x.zip": zip_bytes({"a.txt": JAPANESE_TEXT.encode("cp932")})}),
        "a.msg": msg_bytes("件名", "本文", "送信者", {"a.csv": b"x"}),
        "a.csv": JAPANESE_TEXT.encode("euc_jp"),
        "a.tar.gz": gzip.compress(tar_bytes({"名簿.csv": JAPANESE_TEXT.encode("cp932")})),
    }


def mutate(data: bytes, rng: random.Random) -> bytes:
    """Return *data* truncated, with bytes overwritten, or with a block duplicated."""
    buf = bytearray(data)
    kind = rng.randrange(3)
    if kind == 0:
        return bytes(buf[: rng.randrange(1, len(buf))])
    if kind == 1:
        for _ in range(rng.randint(1, 20)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        return bytes(buf)
    start = rng.randrange(len(data))
    return bytes(data[:start] + data[start : start + 512] + data[start:])


@pytest.mark.parametrize("seed", range(3))
def test_damaged_files_of_every_format_never_raise(tmp_path, seed):
    rng = random.Random(seed)
    limits = Limits(time_budget=10)
    for name, data in samples(tmp_path).items():
        for _ in range(MUTATIONS):
            started = time.monotonic()
            parts = list(extract(mutate(data, rng), name=name, limits=limits))
            assert parts, name
            assert all(isinstance(p.text, str) for p in parts)
            assert time.monotonic() - started < 15, name
