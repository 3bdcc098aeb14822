"""Recognise PERSON in prose where a spaced full name stands before a particle.

``昨日、宇佐美 ひなたが来店``, ``会員の宇佐美 ひなたは退会``: no label or honorific points at the name, and
MeCab reads the given name as a common noun (ひなた: 日向), so neither ``names`` nor ``prose`` finds it.
Japanese puts no space inside a sentence; a dictionary surname, a space and a hiragana word that ends
right before a particle is a written full name when the word is a given name's reading or one native
noun of the kind given names are to the analyser (``given_parts.hiragana_given``). The sentence going on
after a surname (``山田 ところが``, ``山田 ことが``, ``山田 こちらが``, ``山田 としますが``: a formal noun is none here, though
こと is an old given name's reading too) and a town's name
(``北野 ひばりが丘``) are none. A given name in kanji counts when the dictionaries hold it as a given name
and no surname (``研修には佐藤 健が参加``; not ``吉田 橋本が``, two attendees, nor ``山田 部長が``).
"""

from __future__ import annotations

import re

from mamori.pii.analyser import FORMAL_NOUNS
from mamori.pii.dictionaries import given_names, surnames
from mamori.pii.given_parts import hiragana_given
from mamori.pii.name_words import KANJI
from mamori.pii.not_names import not_a_name
from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit
from mamori.pii.trade_names import carrier

# From the space (a literal the regex engine skips to): the hiragana word, then the particle after it.
# A particle が before a place's kanji (ひばりが丘, つつじが崎) is part of a town's name.
_SPACED_KANA = re.compile(
    r" ([\u3041-\u3096]{2,4})(?=(?:が(?![丘岡原浜谷崎森関島台坂池沢瀬峰])|は|と|も|を|に|の|より|から|へ|や))"
)
_SURNAME_BEFORE = re.compile(rf"(?<![{KANJI}])[{KANJI}]{{1,4}}\Z")
# A given name in kanji, then a particle (研修には佐藤 健が参加): both parts in the dictionaries.
_SPACED_KANJI = re.compile(rf" ([{KANJI}]{{1,3}})(?=が|は|と|も|を|に|より|から|へ|、)")

TRIGGERS = Triggers(search=(_SPACED_KANA, _SPACED_KANJI))


def find_spaced_kana_persons(text: str) -> list[Hit]:
    """Return PERSON hits for a dictionary surname, a space and a hiragana given name before a particle."""
    hits: list[Hit] = []
    sur = surnames()
    for m in _SPACED_KANA.finditer(text):
        # the look-behind sees before the search's start: a run glued to more kanji is a longer word
        run = _SURNAME_BEFORE.search(text, max(0, m.start() - 4), m.start())
        word = m.group(1)
        if run is None or run.group() not in sur or word in FORMAL_NOUNS or not hiragana_given(word):
            continue
        if not not_a_name(text, run.start(), m.end(1)):
            hits.append((run.start(), m.end(1), "PERSON", 2))
    given = given_names()
    for m in _SPACED_KANJI.finditer(text):
        run = _SURNAME_BEFORE.search(text, max(0, m.start() - 4), m.start())
        if run is None or run.group() not in sur or m.group(1) not in given or m.group(1) in sur:
            continue
        if not not_a_name(text, run.start(), m.end(1)) and not carrier(text, run.start(), m.end(1)):
            hits.append((run.start(), m.end(1), "PERSON", 2))
    return hits
