"""Outlook data files (.pst / .ost) are read with libpff: headers, bodies and attachments of every item."""

from __future__ import annotations

import lzma
from pathlib import Path

import pytest

from mamori.pii.extract import Limits, extract, pst
from mamori.pii.scan_worker import Task, scan_file

pytest.importorskip("pypff")

SAMPLE = Path(__file__).parent / "fixtures" / "outlook" / "pst-extractor-test.ost.xz"
INBOX = "!/Root - Mailbox/IPM_SUBTREE/Inbox"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("outlook") / "mail.ost"
    path.write_bytes(lzma.decompress(SAMPLE.read_bytes()))
    return path


def by_location(parts) -> dict[str, str]:
    return {part.location: part.text for part in parts}


def test_a_store_on_disk_is_read_item_by_item_with_headers_body_and_attachments(store):
    parts = list(extract(store, name="mail.ost"))
    texts = by_location(parts)
    headers = texts[f"mail.ost{INBOX}/1!headers"]
    assert headers.splitlines()[0].startswith("From: Ed <")
    assert headers.splitlines()[-1] == "Subject: single PDF"
    pages = [loc for loc in texts if loc.startswith(f"mail.ost{INBOX}/1!") and loc.endswith("!p1")]
    assert pages and "Technical Support" in texts[pages[0]]  # the attached PDF, read as a file
    welcome = texts[f"mail.ost{INBOX}/2!body"]
    assert "Welcome to your new Outlook.com account" in welcome  # an HTML body, as text
    assert "Subject: Welcome to your new Outlook.com account" in texts[f"mail.ost{INBOX}/2!headers"]
    images = [p for part in parts for p in part.problems]
    assert {(p.code, p.params["kind"]) for p in images} == {("unsupported", "PNG image")}
    assert len(images) == 11
    appointments = [loc for loc in texts if "/United States holidays/" in loc and loc.endswith("!headers")]
    assert len(appointments) == 160


def test_a_store_inside_a_container_is_read_from_memory_the_same(store):
    on_disk = by_location(extract(store, name="mail.ost"))
    in_xz = by_location(extract(SAMPLE.read_bytes(), name="mail.ost.xz"))
    assert {loc.replace("mail.ost.xz!/mail.ost", "mail.ost"): text for loc, text in in_xz.items()} == on_disk


def test_a_store_is_read_on_demand_past_the_file_size_limit_and_its_problems_fold(store):
    limits = Limits(max_file_size=1024 * 1024)
    result = scan_file(Task(str(store), store.stat().st_size, 0, limits=limits))
    assert result["status"] == "findings"
    [problem] = result["problems"]
    assert problem["code"] == "unsupported" and problem["more"] == 10


@pytest.mark.parametrize("keep", [1024, 64 * 1024, 4 * 1024 * 1024])
def test_a_cut_or_damaged_store_is_malformed_not_a_crash(store, tmp_path, keep):
    data = store.read_bytes()
    cut = tmp_path / "cut.pst"
    cut.write_bytes(data[:keep])
    parts = list(extract(cut, name="cut.pst"))
    codes = {p.code for part in parts for p in part.problems}
    assert codes and codes <= {"malformed", "unsupported"}
    assert "malformed" in codes


def test_garbage_after_the_magic_is_malformed():
    parts = list(extract(pst.MAGIC + bytes(range(256)) * 64, name="壊れた.pst"))
    assert [(p.code, p.params["kind"]) for part in parts for p in part.problems] == [
        ("malformed", "Outlook data file")
    ]


def test_without_libpff_a_store_is_reported_as_not_read(store, monkeypatch):
    monkeypatch.setattr(pst, "available", lambda: False)
    parts = list(extract(store, name="mail.ost"))
    assert [(p.code, p.params["kind"]) for part in parts for p in part.problems] == [
        ("unsupported", "Outlook data file (.pst / .ost)")
    ]
