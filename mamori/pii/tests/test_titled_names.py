"""Full names glued to the title after them in news and notices, and what is no name there."""

from __future__ import annotations

from mamori.pii import detect
from mamori.pii.titled_names import find_titled_persons


def _persons(text: str) -> list[str]:
    return [s.text for s in detect(text) if s.label == "PERSON"]


def test_full_names_before_titles():
    assert "渡辺秀一" in _persons("同人事は、渡辺秀一代表取締役社長が発表した。")
    assert "長福恭弘" in _persons("同社は23日、長福恭弘取締役副社長を代表取締役に選んだ。")
    assert "中尾懐聖" in _persons("誉田町の無職中尾懐聖容疑者(23)を逮捕した。")
    assert "貴志浩平" in _persons("逮捕を受け、貴志浩平・県警本部長が記者会見した。")
    assert "永井達郎" in _persons("残る1名は「永井達郎」取締役です。")


def test_places_companies_and_words_before_titles_are_no_names():
    for text in (
        "松本市長が表彰した。",
        "長野県知事が訪れた。",
        "豊田通商社長が来日した。",
        "同社社長は会見で述べた。",
        "井元、馬渕両取締役が出席した。",
    ):
        assert find_titled_persons(text) == [], (
            text
        )  # (豊田通商社長 is read elsewhere: the 社長 rule of names)
