"""tar archives and gzip / bzip2 / xz streams, with Japanese names and the same bomb limits as zip."""

from __future__ import annotations

import bz2
import gzip
import lzma
import shutil
import subprocess

import pytest

from mamori.pii.extract import Limits, extract

from .extract_samples import JAPANESE_TEXT, tar_bytes, zip_bytes


def codes(parts) -> list[str]:
    return [problem.code for part in parts for problem in part.problems]


def texts(parts) -> dict[str, str]:
    return {part.location: part.text for part in parts if part.text}


@pytest.mark.parametrize(
    ("compress", "suffix"), [(gzip.compress, "gz"), (bz2.compress, "bz2"), (lzma.compress, "xz")]
)
def test_compressed_tar_is_read_through_both_layers(compress, suffix):
    data = compress(tar_bytes({"名簿/顧客.csv": JAPANESE_TEXT.encode("cp932")}))
    parts = list(extract(data, name=f"backup.tar.{suffix}"))
    assert texts(parts)[f"backup.tar.{suffix}!/backup.tar!/名簿/顧客.csv"] == JAPANESE_TEXT
    assert codes(parts) == []


def test_tar_with_cp932_member_names_is_decoded():
    parts = list(extract(tar_bytes({"顧客.txt": b"x"}, encoding="cp932"), name="a.tar"))
    assert parts[0].text == "顧客.txt"


def test_tar_made_by_gnu_tar_is_read(tmp_path):
    if not shutil.which("tar"):
        pytest.skip("GNU tar is not installed")
    (tmp_path / "名簿.txt").write_text(JAPANESE_TEXT, encoding="utf-8")
    subprocess.run(["tar", "czf", "a.tgz", "名簿.txt"], cwd=tmp_path, check=True)
    parts = list(extract(tmp_path / "a.tgz", name="a.tgz"))
    assert texts(parts)["a.tgz!/a.tar!/名簿.txt"] == JAPANESE_TEXT


def test_gzip_bomb_is_stopped_by_the_compression_ratio():
    data = gzip.compress(bytes(64 * 1024 * 1024))
    assert codes(extract(data, name="zeros.gz")) == ["ratio_exceeded"]


def test_zip_inside_gzip_inside_tar_counts_towards_the_depth():
    inner = gzip.compress(zip_bytes({"a.txt": b"x"}))
    parts = list(extract(tar_bytes({"a.zip.gz": inner}), name="t.tar", limits=Limits(max_depth=2)))
    assert codes(parts) == ["depth_exceeded"]


@pytest.mark.parametrize("name", ["a.tar.gz", "a.tar.bz2", "a.tar.xz", "a.tar"])
def test_truncated_compressed_files_are_reported_malformed(name):
    raw = tar_bytes({"a.txt": JAPANESE_TEXT.encode() * 100})
    compress = {"gz": gzip.compress, "bz2": bz2.compress, "xz": lzma.compress}.get(name.rsplit(".", 1)[1])
    data = compress(raw) if compress else raw
    assert "malformed" in codes(extract(data[: min(len(data) // 2, 2000)], name=name))
