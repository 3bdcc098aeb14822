"""The Japanese morphological analyser (MeCab through fugashi, UniDic of ``unidic-lite``) that tags names.

It is slow next to the regular expressions and is asked only behind their fast paths: about sentences
that hold a surname candidate (``prose.py``) and about single katakana words before an honorific
(``names.py``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from mamori.pii.dictionaries import given_readings, surnames, to_katakana

# Words the analyser tags as person names that, before さん in business text, are shops or roles.
_NOT_PERSONS = frozenset("ローソン サガワ ベンダー ファン ママ パパ".split())
# Names of people from Vietnam, Nepal and the Philippines (the largest groups of foreign workers in
# Japan) that UniDic reads as loanwords (ナム as number, ハイ as high, ラン as run) or does not know.
FOREIGN_NAMES = frozenset(
    "ナム ハイ ラム ラン トゥアン ダット クオン トアン ズイ フオン トゥー ファム ブイ ドー トゥン チー "
    "ラメシュ マリセル アンジェリカ デラクルス".split()
)
_KANJI = re.compile(r"[\u3400-\u9fff]")


@cache
def tagger() -> Any | None:
    """Return the MeCab tagger (fugashi + unidic-lite), or None when it is not installed."""
    try:
        import fugashi
    except ImportError:  # pragma: no cover - a dependency; without it these names are not found
        return None
    return fugashi.Tagger()


@lru_cache(maxsize=4096)
def katakana_person(word: str) -> bool:
    """Return whether the analyser reads katakana ``word`` before さん as person names only.

    スミス, グエン, ヤマダタロウ are persons; a company (アマゾン, ソニー, トヨタ), a place (ヤマト) or a
    common noun (メーカー, デザイナー) is not, and a word the analyser does not know is left alone. It is
    asked with さん whatever the honorific was: it reads ヤマダ様 and スズキ様 as the shops, ヤマダさん and
    スズキさん as persons.
    """
    if word in FOREIGN_NAMES:
        return True
    return _person_tokens(word) is not None


@lru_cache(maxsize=4096)
def foreign_person(word: str) -> bool:
    """Return whether katakana ``word`` is a foreign person's name (スミス, グエン, キム, ナム).

    Stricter than ``katakana_person``, asked before 課長: a name the analyser writes in kanji is a
    Japanese surname in katakana, which before a job title is mostly a company (ホンダ社長, スズキ部長),
    and a word it does not know is guessed a name (シンドラーエレベータ).
    """
    if word in FOREIGN_NAMES:
        return True
    lemmas = _person_tokens(word, "課長")
    # UniDic's lemma of a foreign name is its katakana, then its origin: グエン-外国, スミス-Smith
    return lemmas is not None and all(lemma and not _KANJI.search(lemma.split("-")[0]) for lemma in lemmas)


def _person_tokens(word: str, after: str = "さん") -> list[str] | None:
    """Return the lemmas of ``word`` when the analyser reads all of it as person names before ``after``.

    A word the analyser does not know has no lemma (None, given as "").
    """
    analyser = tagger()
    if analyser is None or word in _NOT_PERSONS:
        return None
    tokens = [(t.surface, t.feature.pos3, t.feature.lemma or "") for t in analyser(word + after)][:-1]
    if "".join(surface for surface, _pos3, _lemma in tokens) != word:
        return None
    return [lemma for _surface, _pos3, lemma in tokens] if all(t[1] == "人名" for t in tokens) else None


def san_tokens(word: str) -> list[Any]:
    """Return the analyser's words for ``word`` asked as 〇〇さん, or [] when they do not make up
    ``word`` (or there is no analyser)."""
    analyser = tagger()
    tokens = list(analyser(word + "さん"))[:-1] if analyser is not None else []
    return tokens if "".join(t.surface for t in tokens) == word else []


@lru_cache(maxsize=4096)
def organisation(word: str) -> bool:
    """Return whether the analyser reads kanji ``word`` before さん as one proper noun that is no
    person's name: a company or a place (伊勢丹さん, 富士通さん, 三越さん, 丸紅さん, 日立さん).

    Common surnames are read as person names before さん (松本さん, 住友さん, 丸井さん), and a word the
    analyser splits (伊藤忠) is left to the name rules.
    """
    tokens = san_tokens(word)
    if not tokens:
        return False
    if len(tokens) == 1:
        if (
            tokens[0].feature.pos2 == "普通名詞"
        ):  # 生命さん (はなさく生命), 銀行さん: a known word, no surname
            return bool(tokens[0].feature.lemma) and word not in surnames()  # unknown: 髙吉さん
        return tokens[0].feature.pos2 == "固有名詞" and tokens[0].feature.pos3 != "人名"
    if tokens[0].surface in surnames() or any(t.feature.pos3 == "人名" for t in tokens):
        return False  # 相良蒼空さん: 相良 is a place to the analyser, but a surname too
    # 東京海上日動さん: a place, then more words; 果樹園さん: known common words (果樹 + 園)
    return tokens[0].feature.pos3 == "地名" or (
        tokens[0].feature.pos2 == "普通名詞"
        and all(t.feature.lemma and t.feature.pos1 in ("名詞", "接尾辞") for t in tokens)  # not 香乃子
    )


# Words ending in 屋 that name a building, no trade (長屋, 小屋: surnames too, so names before さん).
_BUILDINGS = frozenset("長屋 小屋 部屋 母屋 納屋 家屋 社屋 楽屋 平屋 岩屋 廃屋 陣屋 東屋".split())


@lru_cache(maxsize=1024)
def trade_shop(word: str) -> bool:
    """Return whether ``word`` ending in 屋 is a trade's shop to the analyser (八百屋さん, 豆腐屋さん).

    One known common noun (八百屋, 魚屋, 床屋) or known common nouns and the suffix 屋 (豆腐 + 屋, 鍵 + 屋),
    even when a dictionary holds the word as a rare surname too; not a building (長屋, 小屋), nor a word
    the analyser reads as a surname (土屋, 米屋) or a name and 屋 (中村屋: ``not_names`` reads that one).
    """
    if len(word) < 2 or word[-1] != "屋" or word in _BUILDINGS:
        return False
    tokens = san_tokens(word)
    if not tokens or not all(t.feature.lemma for t in tokens):
        return False  # an unknown word (髙屋) may be a surname in an old form
    *stem, last = tokens
    if not stem:
        return last.feature.pos2 == "普通名詞"
    return (
        last.surface == "屋"
        and last.feature.pos1 == "接尾辞"
        and all(t.feature.pos2 == "普通名詞" for t in stem)
    )


def company_called(word: str, honorific: str) -> bool:
    """Return whether kanji ``word`` before ``honorific`` is a company the analyser knows, not a person.

    Before さん ``organisation`` decides (伊勢丹さん, 日立さん). Before 様 / さま / 殿 only one proper noun of
    general kind, no place and no person, that is no dictionary surname: a company or a brand (京セラ様,
    富士通様, 丸紅様); a place's name there is a surname (嘉手納様, 名護様 in a care calendar's visits).
    """
    if honorific == "さん":
        return organisation(word)
    if honorific not in ("様", "さま", "殿"):
        return False
    tokens = san_tokens(word)
    return (
        len(tokens) == 1
        and tokens[0].feature.pos2 == "固有名詞"
        and tokens[0].feature.pos3 == "一般"
        and word not in surnames()
    )


SURE = "sure"  # a surname (+ given name), or a foreign name of known origin: ヤマダ, スミス, グエン
UNSURE = "unsure"  # a name to the analyser, but of no known kind: ミスミ, カインズ, ジョー + シン
UNKNOWN_COMPOUND = "compound"  # an unknown word glued from a word and a common noun: ケーズ + デンキ
NO_NAME = "none"  # a word the analyser reads as no name at all: アマゾン, メーカー


@lru_cache(maxsize=4096)
def kana_reading(word: str) -> str:
    """Return how sure the analyser is that katakana ``word`` before さん is a person's name.

    ``SURE``: a surname or surname + given name (ヤマダ, キム, ヤマダタロウ), a foreign name whose lemma
    names its origin (スミス-Smith, グエン-外国, ジョン + スミス) or a listed foreign name (ナム).
    ``UNKNOWN_COMPOUND``: a word the analyser does not know, glued from a word and a common noun of three
    or more kana (ケーズ + デンキ, タカラ + スタンダード); unknown foreign names (クマール, シュレスタ)
    hold none. ``UNSURE``: any other reading with a name in it (ミスミ: a given name alone; カインズ,
    アンナ: a name of no known origin; ジョー + シン; モノ + タロウ; an unknown word). ``NO_NAME``
    otherwise.
    """
    if word in FOREIGN_NAMES:
        return SURE
    tokens = san_tokens(word) if re.fullmatch(r"[\u30a1-\u30faー]+", word) else []
    if not tokens:
        return NO_NAME
    if len(tokens) == 1 and not tokens[0].feature.lemma:
        return UNKNOWN_COMPOUND if _glued_from_a_noun(word) else UNSURE
    if not any(t.feature.pos3 == "人名" for t in tokens):
        return NO_NAME
    kinds = [t.feature.pos4 if t.feature.pos3 == "人名" else "" for t in tokens]
    if kinds in (["姓"], ["姓", "名"]):
        return SURE
    if all(kind == "一般" and "-" in (t.feature.lemma or "") for kind, t in zip(kinds, tokens, strict=True)):
        return SURE
    return UNSURE


def _glued_from_a_noun(word: str) -> bool:
    """Return whether ``word`` splits into two parts of two or more kana, one of them a common noun of
    three or more kana the analyser knows (デンキ, スタンダード)."""
    return any(
        _common_noun(part) for i in range(2, len(word) - 1) for part in (word[:i], word[i:]) if len(part) >= 3
    )


@lru_cache(maxsize=4096)
def _common_noun(word: str) -> bool:
    analyser = tagger()
    tokens = list(analyser(word)) if analyser is not None else []
    return len(tokens) == 1 and tokens[0].feature.pos2 == "普通名詞" and bool(tokens[0].feature.lemma)


@lru_cache(maxsize=4096)
def reads_as_name(word: str) -> bool:
    """Return whether the analyser reads kanji ``word`` as person names only when asked as 〇〇の.

    A name alone on a line has no context; asked with の the analyser reads 田中雄太 and 小野寺信行 as
    surname + given name and a title such as 道場訓 as the common nouns 道場 + 訓 (alone, it guesses
    both as names). Without the analyser every word passes.
    """
    analyser = tagger()
    if analyser is None:
        return True
    tokens = list(analyser(word + "の"))[:-1]
    return "".join(t.surface for t in tokens) == word and all(t.feature.pos3 == "人名" for t in tokens)


_OLD_GIVEN = 3  # katakana letters of an old given name written in katakana (トメ, カマド, ウシ)
_KANA_WORD = re.compile(r"[\u3041-\u3096]{2,4}|[\u30a1-\u30fa]{2,4}")


@lru_cache(maxsize=4096)
def kana_given(word: str) -> bool:
    """Return whether kana ``word`` after a surname is a given name: a dictionary given name's reading
    (トメ, ツル, ちよ), or an old name in katakana that is a native word to the analyser (カマド: 竈, カメ);
    a loanword or a Sino-Japanese word (コープ, デンキ, メモ) is none."""
    if not _KANA_WORD.fullmatch(word):
        return False
    if to_katakana(word) in given_readings():
        return True
    analyser = tagger()
    if analyser is None or len(word) > _OLD_GIVEN or not "\u30a1" <= word[0] <= "\u30fa":
        return False
    tokens = list(analyser(word + "さん"))[:-1]
    return len(tokens) == 1 and tokens[0].feature.goshu == "和"


# Native nouns of grammar that stand after a spaced surname as the sentence goes on (宇佐美 ことが), no name.
FORMAL_NOUNS = frozenset("こと わけ はず もの うち まま よう ため ところ とき ほう みな".split())


@lru_cache(maxsize=4096)
def hiragana_noun(word: str) -> bool:
    """Return whether hiragana ``word`` before a particle is one noun to the analyser, a given name (ゆい) or
    a native common noun of the kind given names are made of (ひなた: 日向, つむぎ: 紬, ひかり); formal
    nouns, pronouns and nouns used as adverbs (こと, こちら, みんな) are none."""
    analyser = tagger()
    if analyser is None or word in FORMAL_NOUNS:
        return False
    tokens = list(analyser(word + "が"))[:-1]
    if len(tokens) != 1 or tokens[0].surface != word or tokens[0].feature.pos1 != "名詞":
        return False
    feature = tokens[0].feature
    if feature.pos3 == "人名":
        return True
    return feature.pos2 == "普通名詞" and feature.pos3 == "一般" and feature.goshu == "和"
