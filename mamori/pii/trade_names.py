"""Katakana words before さん that name a company one trades with, not a person.

Sales and purchasing memos call their customers and suppliers さん: ケーズデンキさん向けの特価,
カインズさんとの商談, ミスミさんに図面を送付. UniDic reads many such words as person names when it is
asked with さん, so the analyser's word alone cannot tell them from スミスさん or ヤマダさん. What can:

- how sure the analyser is that the word is a person's (``analyser.kana_reading``): a surname, a
  surname and a given name, or a foreign name whose lemma names its origin (スミス-Smith, グエン-外国) is
  sure; a given name alone (ミスミ), a name of no known origin (カインズ), a word it does not know, a
  mix of a foreign and a Japanese name (ジョー + シン) or a common noun and a name (モノ + タロウ) is not;
- a word the analyser does not know that is glued from a word and a common noun of three or more kana
  (ケーズ + デンキ, タカラ + スタンダード) is a company's name whatever the context;
- an unsure word is a company in a sentence that speaks of trade (特価, 商談, 単価, 見積, 発注 …) or
  in a text where two or more other words before さん / 様 are companies to the analyser or in capital
  letters (京セラさん, 丸紅さん, LIXILさん, TOTOさん): a memo in which every さん is a company.

A structural rule (the analyser's reading) with a contextual one (the sentence, the text): no company
is listed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mamori.pii.analyser import UNKNOWN_COMPOUND, UNSURE, kana_reading, tagger
from mamori.pii.name_words import KANJI

_KATAKANA = re.compile(r"[\u30a1-\u30faー]{2,14}")
_ADDRESSED = re.compile(r" ?(?:さん|様|殿)")
# Words of trade between companies: prices, orders, deliveries, quotes, counters, shop floors.
_TRADE = re.compile(
    r"発注|受注|注文|納品|納入|仕入|見積|単価|特価|値引|値下|卸|商談|取引|代理店|販売店|量販|店頭|売場|売り場|"
    r"在庫|入荷|出荷|出展|催事|窓口|経由|購買|調達|納期|品番|型番|販促|新商品|新製品"
)
_SENTENCE_END = "。！？!?\n"
# A word before さん / 様: capitals (LIXIL, TOTO, NTT), or a run of kanji and katakana.
_BEFORE_SAN = re.compile(rf"(?:([A-Z][A-Z0-9&]{{1,9}})|([{KANJI}\u30a1-\u30faー]{{2,10}})) ?(?=さん|様)")


def kana_company(text: str, start: int, end: int) -> bool:
    """Return whether the katakana name at ``start:end`` before さん / 様 / 殿 is a company's name."""
    word = text[start:end]
    if not _KATAKANA.fullmatch(word) or not _ADDRESSED.match(text, end):
        return False
    reading = kana_reading(word)
    if reading == UNKNOWN_COMPOUND:
        return True
    if reading != UNSURE:
        return False
    return _trade_sentence(text, start, end) or len(_companies(text) - {word}) >= 2


def _trade_sentence(text: str, start: int, end: int) -> bool:
    """Return whether the sentence holding ``start:end`` speaks of trade."""
    lo = max(text.rfind(c, max(0, start - 120), start) for c in _SENTENCE_END) + 1
    ends = [i for i in (text.find(c, end, end + 120) for c in _SENTENCE_END) if i >= 0]
    hi = min(ends) if ends else min(len(text), end + 120)
    return _TRADE.search(text, lo, hi) is not None


@lru_cache(maxsize=16)
def _companies(text: str) -> frozenset[str]:
    """Return the words before さん / 様 in ``text`` that name companies (京セラ, LIXIL, ケーズデンキ)."""
    out = set()
    for m in _BEFORE_SAN.finditer(text):
        if m.group(1):
            out.add(m.group(1))
        elif _proper_noun_of_no_person(m.group(2)) or kana_reading(m.group(2)) == UNKNOWN_COMPOUND:
            out.add(m.group(2))
    return frozenset(out)


@lru_cache(maxsize=4096)
def _proper_noun_of_no_person(word: str) -> bool:
    """Return whether the analyser reads ``word`` before さん as one proper noun that is no person's name
    (京セラ, 丸紅, ニトリ, アマゾン): a company or a place."""
    analyser = tagger()
    if analyser is None:
        return False
    tokens = list(analyser(word + "さん"))[:-1]
    return (
        len(tokens) == 1
        and tokens[0].surface == word
        and tokens[0].feature.pos2 == "固有名詞"
        and tokens[0].feature.pos3 != "人名"
    )
