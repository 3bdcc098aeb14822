"""PERSON precision and recall on business mail, minutes and memos written by hand (not generated).

``fixtures/business_prose.txt``: one sentence a line, every person marked ``{{山田}}``. Single katakana
names before an honorific (ウィリアムズ氏, スミスさん), bare names after a role word (担当は鈴木です,
文責：今井) and speakers in minutes (菅原：了解しました) are positives; company, shop, carrier and role
words before 様 / さん (お客様, メーカーさん, アマゾンさん, ヤマトさん, ソニーさん, 中村屋さん) are the hard
negatives. A reported PERSON counts as right when it overlaps a marked name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mamori.pii import detect

FIXTURE = Path(__file__).parent / "fixtures" / "business_prose.txt"
_MARK = re.compile(r"(\{\{[^}]+\}\})")


def _sentences(section: str | None = None) -> list[tuple[str, list[tuple[int, int]]]]:
    """Return (text, person spans) of every sentence, or of one ``## section``."""
    out = []
    current = None
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:]
            continue
        if not line or line.startswith("#") or (section and current != section):
            continue
        text, persons = "", []
        for part in _MARK.split(line):
            if part.startswith("{{"):
                persons.append((len(text), len(text) + len(part) - 4))
                text += part[2:-2]
            else:
                text += part
        out.append((text, persons))
    return out


def _score(sentences: list[tuple[str, list[tuple[int, int]]]]) -> tuple[int, int, int, int, list]:
    right = wrong = found = total = 0
    mistakes = []
    for text, gold in sentences:
        spans = [s for s in detect(text) if s.label == "PERSON"]
        for span in spans:
            if any(span.start < end and start < span.end for start, end in gold):
                right += 1
            else:
                wrong += 1
                mistakes.append((span.text, text))
        total += len(gold)
        found += sum(1 for start, end in gold if any(s.start < end and start < s.end for s in spans))
    return right, wrong, found, total, mistakes


def test_the_set_holds_names_and_hard_negatives_in_every_section():
    for section in ("mail", "minutes", "held-out"):
        sentences = _sentences(section)
        assert len(sentences) >= 30
        assert sum(len(gold) for _text, gold in sentences) >= 25
        assert sum(1 for _text, gold in sentences if not gold) >= 8


def test_person_precision_and_recall_on_business_prose():
    right, wrong, found, total, mistakes = _score(_sentences())
    assert right / (right + wrong) >= 0.97, mistakes
    assert found / total >= 0.95


def test_person_precision_and_recall_on_the_held_out_sentences():
    right, wrong, found, total, mistakes = _score(_sentences("held-out"))
    assert right / (right + wrong) >= 0.95, mistakes
    assert found / total >= 0.9


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("明日、ウィリアムズ氏と打ち合わせ", "ウィリアムズ"),
        ("スミスさんから電話", "スミス"),
        ("担当のグエン様", "グエン"),
        ("ヤマダ様からのご依頼", "ヤマダ"),
        ("担当は鈴木です。", "鈴木"),
        ("ご不明点は鈴木までお問い合わせください。", "鈴木"),
        ("対応者：佐藤", "佐藤"),
        ("経理の伊藤が不在", "伊藤"),
        ("鈴木が対応", "鈴木"),
        ("菅原：了解しました。", "菅原"),
        ("以上、文責：今井", "今井"),
        ("大野部長：来期の採用計画について", "大野"),  # a speaker; 来期 is no name after 部長：
        ("福山さんから電話がありました。折り返しをお願いします。", "福山"),  # no shipping word: a person
        ("宮川課長が出席した。", "宮川"),
        ("ナムさんが来社されました。", "ナム"),  # UniDic reads ナム as "number"
        ("ナム課長が出張中です。", "ナム"),
        ("担当のナムが対応します。", "ナム"),
        ("担当：グエン", "グエン"),
        ("営業部の松本より、見積書をお送りします。", "松本"),  # MeCab reads 松本 as the city
        ("宮川怜斗容疑者(28)を逮捕した。", "宮川怜斗"),  # 怜斗 is in no dictionary
        ("会社員の澤田永吉容疑者を逮捕した。", "澤田永吉"),
        ("渡邊久美子医師が副院長に昇任した。", "渡邊久美子"),
        ("星野容疑者が支店係長だったころ、大山容疑者が配達を請け負った。", "星野|大山"),
        ("北村議員が質問した。", "北村"),  # 村 ends the surname, not a village
        ("松本さんと住友さんと丸井さんが来社。", "松本|住友|丸井"),  # surnames, as UniDic reads them
        ("総合政策部長は、高山登(たかやまのぼる)教育次長とする。", "高山登|たかやまのぼる"),
        ("PR TIMES=東京都港区、山口 拓己(やまぐち たくみ)社長=と提携した。", "山口 拓己|やまぐち たくみ"),
        ("▽自治功労賞 木村幸一(朝日)、高橋茂(宇隆)▽自治貢献賞 堀田義勝(新町)", "木村幸一|高橋茂|堀田義勝"),
        ("総務部長(健康福祉部長)手塚均▽健康福祉部長(総合政策課長)○福田充男", "手塚均|福田充男"),
        ("県大会優勝選手の小松原 健が来校し、講演した。", "小松原 健"),  # a spaced name after a role and の
        ("本校卒業生の森岡 千晶は、現在ドイツで研究を続けている。", "森岡 千晶"),
    ],
)
def test_names_people_write_in_prose_are_found(text: str, name: str) -> None:
    assert [s.text for s in detect(text) if s.label == "PERSON"] == name.split("|")


@pytest.mark.parametrize(
    "text",
    [
        "お客様からのお問い合わせ",
        "皆様、本日はありがとうございます。",
        "メーカーさんに確認します。",
        "アマゾンさんで購入しました。",
        "ヤマトさんに集荷を依頼済みです。",
        "デザイナーさんと相談しました。",
        "ソニーさんの新製品",
        "ローソンさんで払込をお願いします。",
        "中村屋さんへの発注",
        "ウィリアムズ氏名",
        "出席者全員で確認した。",
        "佐川さんの集荷は15時です。",
        "日通さんに見積もりを依頼しました。",
        "西濃さんの配送が遅れています。",
        "福山さんの路線便で発送します。",
        "福山通運さんに連絡済み。",
        "本日の発送は佐川さんでお願いします。",
        "丸亀製麺さんとともに取り組みます。",
        "タカノフーズ株式会社様と契約しました。",
        "3名とも奥さん、子供さんを母国に残して来日しました。",
        "総合政策部長は、教育次長とし、新設の健康福祉部長には市民福祉課長を昇格させる。",
        "建設課長と財政課長が出席した。",
        "ホンダ社長が会見した。",  # a surname in katakana before a title is mostly the company
        "シンドラーエレベータ課長",
        "システムの松本より",
        "先発投手の若手が好投した。",
        "県議会議員の視察があった。",
        "同容疑者は黙秘している。",
        "女性医師が担当した。",
        "本日会長副会長会議で決めた。",
        "出光興産新社長が会見した。",
        "本日一宮市さんよりご連絡を頂きました。",
        "愛顔(えがお)あふれる愛媛づくり",  # a word's reading, not a name's
        "伊勢丹さん・三越さんの催事に出展する方向。",  # companies UniDic knows
        "富士通さんの社内販売会、日立さんの見積もり、京セラさんの切削工具、丸紅さん経由の見積もり",
        "▽自治功労賞 町交通安全指導員会(京町)▽総務部長(建設課長)",
        "市の中央 公園が整備された。昨年の全国 大会で、県の山田 知事が挨拶した。",  # no given name after の
    ],
)
def test_company_role_and_shop_words_before_honorifics_are_no_persons(text: str) -> None:
    assert [s.text for s in detect(text) if s.label == "PERSON"] == []
