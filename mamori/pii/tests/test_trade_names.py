"""Test katakana words before さん that name the companies a sales or purchasing memo trades with.

The companies here are none of those of the held-out share (``fixtures/heldout2``) whose memos the
rule was written for: they check that it reads the analyser and the context, not a list.
"""

from __future__ import annotations

import pytest

from mamori.pii import detect
from mamori.pii.analyser import SURE, UNKNOWN_COMPOUND, UNSURE, kana_reading


def persons(text: str) -> list[str]:
    return [s.text for s in detect(text) if s.label == "PERSON"]


@pytest.mark.parametrize(
    "word, reading",
    [
        ("ヤマダ", SURE),  # a surname
        ("ヤマダタロウ", SURE),  # surname + given name
        ("スミス", SURE),  # a foreign name of known origin (Smith)
        ("ナム", SURE),  # a listed Vietnamese name UniDic reads as "number"
        ("ユキ", UNSURE),  # a given name alone
        ("サントス", UNSURE),  # a name of no known origin
        ("クマール", UNSURE),  # a word the analyser does not know, made of no common noun
        ("コーナン", UNSURE),  # two names of different kinds (コー + ナン)
        ("ヤマカワスタンダード", UNKNOWN_COMPOUND),  # an unknown word glued to a common noun
    ],
)
def test_how_sure_the_analyser_is_of_a_katakana_name(word: str, reading: str) -> None:
    assert kana_reading(word) == reading


@pytest.mark.parametrize(
    "text",
    [
        "ナフコさんの店頭在庫を確認しました。",
        "ノジマさんから追加発注がありました。",
        "コーナンさん向けの特価を提案。",
        "ケーヨーデイツーさんとの商談は来週です。",
        "・トモエさんに治具の図面を送付済み。\n・京セラさんの工具、丸紅さん経由の見積もり。",
        "アサヒデンキさんに連絡する。",  # an unknown word glued to デンキ, whatever the sentence
    ],
)
def test_companies_a_memo_trades_with_are_no_persons(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("アンナさんが通訳として同行します。", "アンナ"),
        ("ユキさんから電話がありました。", "ユキ"),
        ("クマールさんが来日します。", "クマール"),
        ("サントスさんの在留カードの更新を手伝った。", "サントス"),
        ("スミスさんから見積が届いた。", "スミス"),  # a name the analyser is sure of, in any sentence
        ("グエンさんに発注書を渡した。", "グエン"),
        ("ヤマダさんから注文の電話。", "ヤマダ"),
    ],
)
def test_persons_called_with_san_stay_persons(text: str, name: str) -> None:
    assert persons(text) == [name]


def test_an_unsure_name_in_a_sentence_of_trade_is_read_as_a_company() -> None:
    # The price of the rule: a person the analyser is unsure of, in a sentence about an order.
    assert persons("ユキさんに在庫の確認をお願いした。") == []
