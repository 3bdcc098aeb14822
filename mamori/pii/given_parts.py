"""Tell the word after a spaced surname in a sentence from its given name (for ``names``).

``担当の宇佐美 が謝罪に伺います``: a label or の puts a surname before a space, and what follows may be
the given name (宇佐美 はるか, 宇佐美 ゆり子) or the sentence going on: a particle before a kanji or
an honorific prefix (が謝罪, はお休み, の代理), a kana function word (へ, では, なので), an honorific
(さん, くんが) or a verb cut off by the given name's length (としま|す). A kana word is a given name
when it is two kana or more, none of those, and a word of its own or, before a particle, a given
name's reading (宇佐美 はるかが: はるか) or one native noun to the analyser (宇佐美 ひなたが: ひなた, 日向;
not こと, こちら, みんな).
"""

from __future__ import annotations

import re

from mamori.pii.analyser import hiragana_noun
from mamori.pii.dictionaries import given_names, given_readings, to_katakana
from mamori.pii.name_words import KANJI

# A particle opening the word after a spaced surname, a kanji or an honorific prefix after it.
_PARTICLE_LED = re.compile(rf"[がをにへでとのはも](?:[{KANJI}]|[おご])")
_HIRAGANA_PART = re.compile(r"[\u3041-\u3096]+")
# Words of a sentence a spaced surname may stand before, not given names (宇佐美 では, 宇佐美 なので).
_FUNCTION_WORDS = frozenset(
    "では には とは なので ので のに けど たち とか だけ のみ しか ほか など ども".split()
)
_HONORIFIC_KANA = ("さん", "さま", "くん", "ちゃん")
_PARTICLE_AFTER = re.compile(r"[がをにへでとのはもや]|より|から|まで|です|さん|様|さま|ちゃん")


def sentence_after_surname(text: str, part: str, end: int) -> bool:
    """Return whether ``part`` (ending at ``end``) after a spaced surname is the sentence, no given name."""
    if _PARTICLE_LED.match(part) and part not in given_names():
        return True  # 宇佐美 が謝罪, 宇佐美 はお休み: a particle and the sentence's verb
    kana = _HIRAGANA_PART.match(part)
    if kana is None:
        return False
    if kana.end() == len(part):
        return not _hiragana_given(text, part, end)  # 宇佐美 へ, では, さん, としま|す
    # 宇佐美 では対応, 宇佐美 くんが伺う: a kana word of the sentence, then its next word
    return kana[0] in _FUNCTION_WORDS or kana[0].startswith(_HONORIFIC_KANA)


def _hiragana_given(text: str, part: str, end: int) -> bool:
    """Return whether a hiragana word after a spaced surname is its given name (see the docstring)."""
    if len(part) < 2 or part.startswith(_HONORIFIC_KANA) or part in _FUNCTION_WORDS:
        return False
    if not _HIRAGANA_PART.match(text, end):
        return True
    return _PARTICLE_AFTER.match(text, end) is not None and hiragana_given(part)


def hiragana_given(word: str) -> bool:
    """Return whether a hiragana word before a particle after a spaced surname is its given name: a given
    name's reading (はるか) or one noun to the analyser of the kind given names are (ひなた, つむぎ)."""
    return to_katakana(word) in given_readings() or hiragana_noun(word)
