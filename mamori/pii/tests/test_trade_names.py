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


@pytest.mark.parametrize(
    "text",
    [
        "・三河合成さんから追加の見積依頼。",  # a place + a common noun, in a sentence of trade
        "11:00 来客（岐阜装飾様）/ 15:00 トヨタ紡織様 来訪 / 17:00 中部電力様",  # two other companies
        "・山口酒店さん：新酒 追加",  # a shop
        "仕出し：懐石 しらかわ さん（見積 3,000円〜）",  # a common noun first
    ],
)
def test_companies_written_in_kanji_before_san_are_no_persons(text: str) -> None:
    assert persons(text) == []


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "相良蒼空さんより連絡。",
            "相良蒼空",
        ),  # a place + a noun to the analyser, but no trade and no company
        ("猪狩 柚葉様から見積の依頼。", "猪狩 柚葉"),  # a surname, a space and a given name
        ("パート田中さんが見積書を作成。", "田中"),  # a role before a name
    ],
)
def test_persons_in_kanji_stay_persons_beside_trade(text: str, name: str) -> None:
    assert persons(text) == [name]


def test_a_given_name_alone_in_kanji_is_a_company_in_a_sentence_of_trade() -> None:
    assert persons("・楽天さんのポイント還元キャンペーンに参加。") == []
    assert persons("美咲さんから電話がありました。") == ["美咲"]


def test_surnames_that_are_places_in_a_list_of_visits_make_no_memo_of_companies() -> None:
    visits = (
        "BEGIN:VEVENT\nSUMMARY:名護様 訪問（宮城）\nEND:VEVENT\n"
        "BEGIN:VEVENT\nSUMMARY:伊是名様 訪問（山内）\nEND:VEVENT\n"
        "BEGIN:VEVENT\nSUMMARY:兼島様 訪問（宮城）\nEND:VEVENT\n"
        "BEGIN:VEVENT\nSUMMARY:當山様 訪問（山内）\nEND:VEVENT\n"
    )
    assert persons(visits) == ["名護", "伊是名", "兼島", "當山"]


def test_an_unsure_word_in_a_memo_of_companies_named_by_the_analyser_stays_a_company() -> None:
    assert persons("12/3 京セラさん来訪\n12/4 富士通さんと打合せ\n12/5 三河合成さん来訪\n") == []


def test_a_trade_and_ya_before_san_is_the_shop_a_surname_and_a_building_stay_names() -> None:
    # the analyser's common noun (八百屋, 床屋) or a common noun and the suffix 屋 (豆腐屋, 建具屋), even when
    # a dictionary holds the word as a rare surname too (八百屋)
    assert persons("・きゅうりとなすは八百屋さんに頼む\n") == []
    assert persons("豆腐屋さん、床屋さん、建具屋さん、牛乳屋さんにも回覧を\n") == []
    # surnames ending in 屋, a building's word that is a surname (長屋, 小屋), a name + 屋 given name
    assert persons("土屋さんと守屋さんに連絡\n") == ["土屋", "守屋"]
    assert persons("長屋さんから電話あり\n") == ["長屋"]
    assert persons("八百屋 一郎様\n") == ["八百屋 一郎"]
