"""A spaced full name with a hiragana given name before a particle, in prose and after a label's の."""

from __future__ import annotations

from mamori.pii import detect


def _persons(text: str) -> list[str]:
    return [s.text for s in detect(text) if s.label == "PERSON"]


def test_a_given_name_the_analyser_reads_as_a_native_noun_is_kept_after_a_label():
    # つむぎ is 紬 to the analyser and no dictionary given name's reading: it was cut off (梶原)
    assert _persons("受付の梶原 つむぎが対応いたしました。\n") == ["梶原 つむぎ"]


def test_a_spaced_name_with_a_hiragana_given_name_before_a_particle_is_a_person_in_prose():
    assert _persons("先週、梶原 つむぎが見学に来ました。\n") == ["梶原 つむぎ"]
    assert _persons("会員の野々村 ひなたは今月で退会です。\n") == ["野々村 ひなた"]
    assert _persons("野々村 ひなたより連絡がありました。\n") == ["野々村 ひなた"]


def test_the_sentence_going_on_after_a_spaced_surname_or_a_town_is_no_given_name():
    assert _persons("山田 ところが問題がありました。\n") == []
    assert _persons("山田 こちらが資料です。\n") == []
    assert _persons("山田 としますが、よろしいですか。\n") == []
    assert _persons("佐藤 みんなが集まりました。\n") == []
    assert _persons("田中 ことが大事です。\n") == []
    assert _persons("北野 ひばりが丘3丁目\n") == []
    assert _persons("中央 ひろばが会場です。\n") == []


def test_a_spaced_full_name_with_a_kanji_given_name_before_a_particle_is_a_person():
    # 佐藤 健が参加 gave nothing: the run before が (健) is too short for prose, and no の before the name
    assert _persons("来月の安全講習には杉浦 聡が出席します。\n") == ["杉浦 聡"]
    assert _persons("先ほど、堀田 玲奈から電話がありました。\n") == ["堀田 玲奈"]


def test_a_spaced_place_and_word_before_a_particle_is_no_person():
    text = "中央 公園が会場です。\n大阪 支店より連絡。\n山田 部長が来社。\n吉田 橋本が欠席。\n松本 城が見える。\n"
    assert _persons(text) == ["山田", "吉田", "橋本"]
