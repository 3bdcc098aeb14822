"""PERSON precision on real Japanese prose that no generator wrote (annotated by hand, sources kept).

``fixtures/real_prose.jsonl``: 280 sentences from public press-conference minutes and speeches of the
Cabinet Office, ministries, prefectures and cities (each line keeps its ``source`` URL), with every
mention of a person's name annotated (``persons``: start, end). A reported PERSON counts as right when it
overlaps an annotated name. The minutes are full of titles, offices, places and organisations that are
not persons (知事, 内閣, 石木ダム, 長崎県), which is what this set is for.
"""

from __future__ import annotations

import json
from pathlib import Path

from mamori.pii import detect

FIXTURE = Path(__file__).parent / "fixtures" / "real_prose.jsonl"


def _sentences() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]


def test_the_set_is_real_annotated_prose_with_sources():
    sentences = _sentences()
    assert len(sentences) >= 250
    assert all(s["source"].startswith("http") for s in sentences)
    assert sum(len(s["persons"]) for s in sentences) >= 40


def test_person_precision_on_real_prose_is_at_least_095():
    right = wrong = 0
    mistakes = []
    for sentence in _sentences():
        gold = sentence["persons"]
        for span in detect(sentence["text"]):
            if span.label != "PERSON":
                continue
            if any(span.start < end and start < span.end for start, end in gold):
                right += 1
            else:
                wrong += 1
                mistakes.append((span.text, sentence["text"][:60]))
    assert right >= 15  # names in prose are found at all, not only avoided
    assert right / (right + wrong) >= 0.95, mistakes
