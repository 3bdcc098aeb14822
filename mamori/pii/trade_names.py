"""Words before さん that name a company one trades with, not a person.

Sales and purchasing memos call their customers and suppliers さん: ケーズデンキさん向けの特価,
カインズさんとの商談, ミスミさんに図面を送付. UniDic reads many such words as person names when it is
asked with さん, so the analyser's word alone cannot tell them from スミスさん or ヤマダさん. What can:

- how sure the analyser is that the word is a person's (``analyser.kana_reading``): a surname, a
  surname and a given name, or a foreign name whose lemma names its origin (スミス-Smith, グエン-外国) is
  sure; a given name alone (ミスミ), a name of no known origin (カインズ), a word it does not know, a
  mix of a foreign and a Japanese name (ジョー + シン) or a common noun and a name (モノ + タロウ) is not;
- a word the analyser does not know that is glued from a word and a common noun of three or more kana
  (ケーズ + デンキ, タカラ + スタンダード) is a company's name whatever the context;
- so is a kanji word the analyser reads as no sure name: a name or a place and a common noun (豊田 +
  合成, 名古屋 + 装飾), a common noun first (割烹 まつや); a word ending in 店 is a shop (清水酒店);
- an unsure word is a company in a sentence that speaks of trade (特価, 商談, 単価, 見積, 発注, 点検 …)
  or in a text where two other words before さん / 様 are companies to the analyser or in capital
  letters (京セラさん, 中部電力さん, LIXILさん, TOTOさん): a memo in which the さん are companies. One
  is not enough: a letter that names an insurer (東京海上日動さん) names persons with rare names too.

A structural rule (the analyser's reading) with a contextual one (the sentence, the text): no company
is listed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mamori.pii.analyser import UNKNOWN_COMPOUND, UNSURE, kana_reading, san_tokens
from mamori.pii.dictionaries import surnames
from mamori.pii.name_words import COMPANY_END, KANJI, STOP, known

_KATAKANA = re.compile(r"[\u30a1-\u30faー]{2,14}")
_KANJI_FIRST = re.compile(rf"[{KANJI}]")
_ADDRESSED = re.compile(r" ?(?:さん|様|殿)")
# Words of trade between companies: prices, orders, deliveries, quotes, counters, shop floors.
_TRADE = re.compile(
    r"発注|受注|注文|納品|納入|仕入|見積|単価|特価|値引|値下|卸|商談|取引|代理店|販売店|量販|店頭|売場|売り場|"
    r"在庫|入荷|出荷|出展|催事|窓口|経由|購買|調達|納期|品番|型番|販促|新商品|新製品|カタログ|キャンペーン|"
    r"請求書|口座振替|売上|需要|点検|保守|修理|施工|工事|営業マン|サービスマン|デモ機"
)
_SENTENCE_END = "。！？!?\n"
# A word before さん / 様: capitals (LIXIL, TOTO, NTT), or a run of kanji and katakana.
_BEFORE_SAN = re.compile(rf"(?:([A-Z][A-Z0-9&]{{1,9}})|([{KANJI}\u30a1-\u30faー]{{2,10}})) ?(?=さん|様)")


def company_before_san(text: str, start: int, end: int) -> bool:
    """Return whether the name at ``start:end`` before さん / 様 / 殿 is a company's name."""
    if not _ADDRESSED.match(text, end):
        return False
    word = text[start:end]
    if _KATAKANA.fullmatch(word):
        reading = kana_reading(word)
        if reading == UNKNOWN_COMPOUND:
            return True
        if reading != UNSURE:
            return False
    elif len(word) >= 3 and word[-1] == "店":
        return True  # 清水酒店さん, 山田書店さん: a shop (no name ends in 店)
    elif word in surnames() and trade_sentence(text, start, end):
        return companies_besides(text, word) >= 2  # 堀場さんからデモ機の連絡 in a memo of suppliers
    elif not _KANJI_FIRST.match(word) or known(word) or not _unsure_kanji(word.partition(" ")[0]):
        return False
    return trade_sentence(text, start, end) or companies_besides(text, word) >= 2


def companies_besides(text: str, word: str) -> int:
    """Return how many words before さん / 様 in ``text`` other than ``word`` name companies."""
    return len(_companies(text) - {word})


@lru_cache(maxsize=4096)
def _unsure_kanji(word: str) -> bool:
    """Return whether the analyser reads a ``word`` with kanji before さん as no sure person's name.

    Asked of a name's first word (猪狩 of 猪狩 柚葉). Sure: a surname, or one with a given name (松本,
    佐藤誠, 伊藤忠). Unsure: a given name alone (楽天), a name or a place and a common noun (豊田 + 合成, 名古屋 + 装飾, 伊藤 + 超
    + 短波), a common noun first (割烹 まつや), a word it does not know; in a sentence of trade or a
    memo of companies these are companies.
    """
    tokens = san_tokens(word)
    if not tokens:
        return False
    kinds = [t.feature.pos4 if t.feature.pos3 == "人名" else "" for t in tokens]
    if kinds == ["名"]:
        return True  # a given name alone (楽天: ラクテン to the analyser), as ミスミ in katakana
    return "名" not in kinds and "" in kinds


def trade_sentence(text: str, start: int, end: int) -> bool:
    """Return whether the sentence holding ``start:end`` speaks of trade."""
    lo = max(text.rfind(c, max(0, start - 120), start) for c in _SENTENCE_END) + 1
    ends = [i for i in (text.find(c, end, end + 120) for c in _SENTENCE_END) if i >= 0]
    hi = min(ends) if ends else min(len(text), end + 120)
    return _TRADE.search(text, lo, hi) is not None


@lru_cache(maxsize=16)
def _companies(text: str) -> frozenset[str]:
    """Return the words before さん / 様 in ``text`` that name no person: capitals (LIXIL, TOTO), words
    the analyser reads with no name in them (京セラ, ニトリ, ダイキン, ビル + ソリューションズ) and
    unknown words glued to a common noun (ケーズデンキ), carriers and katakana words of no sure name in a
    sentence of trade (コルグさんに発注); not words for people (奥さん, 業者さん)."""
    out = set()
    for m in _BEFORE_SAN.finditer(text):
        word = m.group(1) or m.group(2)
        if m.group(1) or (word not in STOP and (_no_name(word) or kana_reading(word) == UNKNOWN_COMPOUND)):
            out.add(word)
        elif carrier(text, m.start(2), m.end(2)) or (
            _KATAKANA.fullmatch(word)
            and kana_reading(word) == UNSURE
            and trade_sentence(text, m.start(), m.end())
        ):
            out.add(word)  # 佐川さん beside 発送, コルグさんに発注: companies too
    return frozenset(out)


@lru_cache(maxsize=4096)
def _no_name(word: str) -> bool:
    """Return whether the analyser reads ``word`` before さん as a company's or a place's name: one
    proper noun of no person, alone or first (京セラ, ニトリ, トヨタ + 紡織), katakana words with no name in them (ビル +
    ソリューションズ), or a word ending like a company (中部電力, 信州霊柩自動車). Kanji words of no
    name to the analyser are no evidence: rare names read so too (相良 + 蒼空, 香 + 乃 + 子)."""
    if word in surnames():
        return False
    if len(word) >= 3 and word.endswith(COMPANY_END):
        return True
    tokens = san_tokens(word)
    if not tokens or not all(t.feature.lemma and t.feature.pos3 != "人名" for t in tokens):
        return False
    first = tokens[0].feature
    if len(tokens) == 1 and first.pos3 == "地名" and _KANJI_FIRST.match(word):
        return False  # 嘉手納様, 内間様: a place in kanji alone is a surname as often (Okinawa's), no company
    if len(tokens) == 1 or first.pos2 == "固有名詞" and first.pos3 != "地名":  # トヨタ + 紡織, 名鉄 + 協商
        return first.pos2 == "固有名詞"
    return _KATAKANA.fullmatch(word) is not None


# Carriers that business Japanese calls with さん (佐川さん, 日通さん, 西濃さん, 福山さん). 佐川, 福山, 西濃
# and 中越 are surnames too: they are the carrier only with a word of shipping in the same sentence
# nearby (佐川さんの集荷, 福山さんの路線便で発送), a person otherwise (福山さんから電話がありました).
_CARRIERS = frozenset("日通 名鉄 トナミ 郵便局 日本郵便 第一貨物 久留米運送 新潟運輸 ヤマト クロネコ".split())
_CARRIER_SURNAMES = frozenset("佐川 福山 西濃 中越 岡山県貨物".split())
_SHIPPING = re.compile(
    r"集荷|配送|発送|配達|出荷|運賃|送り状|伝票|追跡|荷物|着払|元払|引取|引き取|持ち込|持込|ドライバー|"
    r"チャーター|路線|営業所留|宅配|運送|納品|貨物|パレット|便"
)


_CARRIER_IN_FULL = re.compile(f"({'|'.join(_CARRIER_SURNAMES)})(?:急便|運輸|通運|運送|急送|貨物)")


@lru_cache(maxsize=16)
def _carriers_in_full(text: str) -> frozenset[str]:
    """Return the carriers' surnames ``text`` writes with their trade (佐川急便, 西濃運輸)."""
    return frozenset(m.group(1) for m in _CARRIER_IN_FULL.finditer(text))


def carrier(text: str, start: int, end: int) -> bool:
    """Return whether the name at ``start:end`` is a carrier (佐川さんの集荷), not a person."""
    name = text[start:end]
    if name in _CARRIERS:
        return True
    if name not in _CARRIER_SURNAMES:
        return False
    lo, hi = max(0, start - 12), end + 14
    window = text[lo:hi]
    cut = max(window.rfind(c, 0, start - lo) for c in "。\n")  # the sentence the name is in
    stop = [i for i in (window.find(c, end - lo) for c in "。\n") if i >= 0]
    if _SHIPPING.search(window, cut + 1, min(stop) if stop else len(window)) is not None:
        return True
    # the text names the carrier in full (佐川急便), or the paragraph speaks of shipping (発送業務メモ)
    if name in _carriers_in_full(text):
        return True
    para_lo = text.rfind("\n\n", max(0, start - 600), start)
    para_hi = text.find("\n\n", end, end + 600)
    return (
        _SHIPPING.search(text, max(para_lo, start - 600, 0), para_hi if para_hi >= 0 else end + 600)
        is not None
    )
