"""Test the library's public surface: exports, labels and independence from Django."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import mamori.pii as pii

PII_DIR = Path(pii.__file__).parent


def test_public_names_are_exported() -> None:
    assert {"detect", "Span", "LABELS", "mask", "keyed_hash"} <= set(pii.__all__)
    assert len(pii.LABELS) == 12 and len(set(pii.LABELS)) == 12


def test_span_is_a_frozen_dataclass_with_the_original_substring() -> None:
    span = pii.detect("メール a@example.com")[0]
    assert dataclasses.is_dataclass(span) and span.text == "a@example.com"
    try:
        span.start = 0  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("Span must be frozen")


def test_only_the_twelve_labels_are_ever_reported() -> None:
    from mamori.testing.pii_corpus import generate

    for doc in generate(40, seed=1):
        assert {s.label for s in pii.detect(str(doc["text"]))} <= set(pii.LABELS)


def test_no_module_imports_django() -> None:
    pattern = re.compile(r"^\s*(?:import|from)\s+(?:django|rest_framework)", re.MULTILINE)
    for path in PII_DIR.rglob("*.py"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path


def test_the_library_imports_without_django_settings() -> None:
    code = "import sys, mamori.pii; mamori.pii.detect('x'); assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
