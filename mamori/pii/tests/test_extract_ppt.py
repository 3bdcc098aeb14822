"""PowerPoint 97-2003 (.ppt) extraction on files written by LibreOffice Impress, and damaged ones."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from mamori.pii.extract import extract
from mamori.pii.extract.ppt import ppt_text

from .extract_samples import EMAIL, NAME, PHONE, convert, make_pptx
from .test_extract_doc import codes, damaged_copies


@pytest.fixture(scope="module")
def deck(tmp_path_factory) -> Path:
    """python-pptx's deck (a title, a body with a name and a mail address, notes) saved as .ppt by Impress."""
    root = tmp_path_factory.mktemp("ppt")
    (ppt,) = convert([make_pptx(root / "deck.pptx")], "ppt:MS PowerPoint 97", root)
    return ppt


def test_slides_and_notes_of_a_ppt_written_by_impress_are_read(deck):
    parts = list(extract(deck, name=deck.name))
    assert codes(parts) == []
    lines = parts[0].text.splitlines()
    assert "営業担当" in lines and f"{NAME} {EMAIL}" in lines
    assert f"携帯 {PHONE}" in lines  # the notes page


def test_truncated_ppt_is_reported_malformed(deck):
    data = deck.read_bytes()
    for size in (len(data) // 2, 4096):
        assert codes(extract(data[:size], name="deck.ppt")) == ["malformed"], size


def test_damaged_ppt_never_raises(deck):
    for damaged in damaged_copies(deck.read_bytes(), 100, seed=7):
        for part in extract(damaged, name="d.ppt"):
            assert part.problems or isinstance(part.text, str)


def test_text_atoms_are_found_inside_containers_in_both_encodings():
    # [MS-PPT] record header: recVer (4 bits) / recInstance (12 bits), recType, recLen.
    def atom(kind: int, payload: bytes) -> bytes:
        return struct.pack("<HHI", 0, kind, len(payload)) + payload

    inner = atom(0x0FA0, "氏名\r山田太郎".encode("utf-16-le")) + atom(0x03F3, b"\x00" * 8)
    inner += atom(0x0FA8, "Tel 03-1234-5678\vcafé".encode("latin-1"))
    stream = struct.pack("<HHI", 0x000F, 0x03F8, len(inner)) + inner
    assert ppt_text(stream) == "氏名\n山田太郎\nTel 03-1234-5678\ncafé"
