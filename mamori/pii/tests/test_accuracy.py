"""Test accuracy against the thresholds on a committed held-out fixture and, if present, the dev sample."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from mamori.pii.evaluate import load, score
from mamori.testing.pii_corpus import generate, swap_names

HERE = Path(__file__).parent
DEV_CANDIDATES = [
    HERE.parents[2] / ".." / "shared" / "data" / "pii-dev" / "dev.jsonl",
    Path("/work/shared/data/pii-dev/dev.jsonl"),
]


def test_committed_fixture_scores_above_the_thresholds() -> None:
    result = score(load(HERE / "fixtures" / "heldout.jsonl"))
    assert result.failures() == [], result.table()


def test_freshly_generated_held_out_documents_score_above_the_thresholds() -> None:
    result = score(generate(150, seed=2026))
    assert result.failures() == [], result.table()


def test_dev_sample_scores_above_the_thresholds() -> None:
    path = next((p for p in DEV_CANDIDATES if p.exists()), None)
    if path is None:
        pytest.skip("shared dev sample not present")
    result = score(load(path))
    assert result.failures() == [], result.table()


def test_dev_sample_with_unseen_names_scores_above_the_thresholds() -> None:
    path = next((p for p in DEV_CANDIDATES if p.exists()), None)
    if path is None:
        pytest.skip("shared dev sample not present")
    rng = random.Random(3)
    result = score(swap_names(doc, rng) for doc in load(path))
    assert result.failures() == [], result.table()


def test_held_out_names_and_places_do_not_occur_in_the_dev_sample() -> None:
    from mamori.testing.pii_corpus import CITIES, GIVEN, SURNAMES, TOWNS

    path = next((p for p in DEV_CANDIDATES if p.exists()), None)
    if path is None:
        pytest.skip("shared dev sample not present")
    dev = path.read_text(encoding="utf-8")
    words = [s for s, _ in SURNAMES] + [g for g, _ in GIVEN] + TOWNS + [c for _, c in CITIES]
    assert [w for w in words if w in dev] == []
