"""A letter-spaced document title (御 見 積 書) is read as its unspaced form, and holds no spaced name."""

from __future__ import annotations

import pytest

from mamori.pii import detect, detect_all


def _labels(text: str) -> list[str]:
    return [s.label for s in detect(text)]


@pytest.mark.parametrize(
    "title", ["御見積書", "御 見 積 書", "御\u3000見\u3000積\u3000書", "請 求 書", "納　品　書"]
)
def test_the_issuer_s_officer_under_a_spaced_title_is_corporate(title):
    text = f"{title}\n北上物産株式会社 御中\n有限会社 秋田板金\n代表取締役　菅原 和也\n合計 88,000円\n"
    assert _labels(text) == []
    assert [s.text for s in detect_all(text).corporate] == ["菅原 和也"]


def test_two_spaced_kanji_of_a_title_are_no_name():
    assert _labels("見 積\n代表取締役 佐藤 勝\n") == [
        "PERSON"
    ]  # no legal form: the name stays, 見 積 is none
    assert [s.text for s in detect("御 見 積 書\n代表取締役 佐藤 勝\n")] == ["佐藤 勝"]


def test_a_spaced_name_on_its_own_line_or_before_様_stays_a_person():
    assert [s.text for s in detect("お疲れ様です。\n\n関 亮\n")] == ["関 亮"]
    assert [s.text for s in detect("関 亮 様\n")] == ["関 亮"]
    assert [s.text for s in detect("見 積 書\n宛先 関 亮 様\n")] == ["関 亮"]
