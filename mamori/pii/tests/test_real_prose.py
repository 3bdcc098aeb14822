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

import pytest

from mamori.pii import detect

FIXTURE = Path(__file__).parent / "fixtures" / "real_prose.jsonl"
# ``fixtures/real_news.jsonl``: 386 sentences of news prose (court, police, sports, company personnel,
# obituaries, politics, economy, local news, universities) from 55 public pages, each with its ``source``;
# persons annotated by hand, place and company names that hold surnames (山本海苔店, 石川、富山両県警,
# 高砂殿グループ) and titles without a name (新社長, 本部長, 名誉会長, 初代会長) left unannotated.
NEWS = Path(__file__).parent / "fixtures" / "real_news.jsonl"
# ``fixtures/real_press.jsonl``: 318 sentences of the text businesses and offices publish, from 80 public
# pages: personnel announcements (人事異動 with readings in parentheses and department titles: 総合政策部長,
# 建設課長), press releases, new presidents' press conferences, obituaries, police, fraud, court and
# traffic news, awards, hospital and school notices, council minutes, high-school baseball, foreign
# trainees' names; persons annotated by hand (readings too). The first 221 were collected after the
# rules above were tuned and first scored precision 101/134 = 0.75 (departments before 部長 / 課長 read
# as names); the last 97 were collected after those were fixed and first scored 68/71 = 0.96 (本日会長,
# 出光興産新社長, 一宮市さん).
PRESS = Path(__file__).parent / "fixtures" / "real_press.jsonl"


def _sentences(fixture: Path = FIXTURE) -> list[dict]:
    return [json.loads(line) for line in fixture.read_text(encoding="utf-8").splitlines()]


def _score(sentences: list[dict]) -> tuple[int, int, int, int, list]:
    """Return (right, wrong, gold found, gold) of PERSON spans, overlap counting as a match."""
    right = wrong = found = total = 0
    mistakes = []
    for sentence in sentences:
        gold = sentence["persons"]
        spans = [s for s in detect(sentence["text"]) if s.label == "PERSON"]
        for span in spans:
            if any(span.start < end and start < span.end for start, end in gold):
                right += 1
            else:
                wrong += 1
                mistakes.append((span.text, sentence["text"][:60]))
        total += len(gold)
        found += sum(1 for start, end in gold if any(s.start < end and start < s.end for s in spans))
    return right, wrong, found, total, mistakes


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


@pytest.mark.parametrize(
    ("fixture", "sentences_at_least", "names_at_least", "recall_at_least"),
    [(NEWS, 300, 150, 0.6), (PRESS, 300, 300, 0.5)],  # recall is reported in the README
)
def test_person_precision_on_real_news_and_press_is_at_least_095(
    fixture: Path, sentences_at_least: int, names_at_least: int, recall_at_least: float
) -> None:
    sentences = _sentences(fixture)
    assert len(sentences) >= sentences_at_least and all(s["source"].startswith("http") for s in sentences)
    right, wrong, found, total, mistakes = _score(sentences)
    assert total >= names_at_least
    assert right / (right + wrong) >= 0.95, mistakes
    assert found / total >= recall_at_least  # here it must not collapse
