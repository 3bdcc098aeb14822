"""Rare surnames in a list of lines that name someone before 様 / さん in the same words."""

from __future__ import annotations

from mamori.pii import detect


def _persons(text: str) -> list[str]:
    return [s.text for s in detect(text) if s.label == "PERSON"]


def test_a_rare_surname_read_as_words_in_a_list_of_visits_is_a_name():
    visits = "".join(
        f"BEGIN:VEVENT\nSUMMARY:{name}様 訪問（{staff}）\nEND:VEVENT\n"
        for name, staff in [
            ("比屋根", "宮城"),
            ("山田", "宮城"),
            ("佐藤", "山内"),
            ("比屋根", "山内"),
            ("中村", "宮城"),
        ]
    )
    assert _persons(visits) == ["比屋根", "山田", "佐藤", "比屋根", "中村"]


def test_a_list_of_companies_or_of_words_before_sama_names_no_one():
    clients = "12/3 北斗建設様 訪問\n12/4 東和精機様 訪問\n12/5 山陽商事様 訪問\n12/6 比屋根様 訪問\n"
    assert _persons(clients) == []
    assert _persons("比屋根様 訪問\n山田様 来店\n") == ["山田"]  # two lines of no one shape
