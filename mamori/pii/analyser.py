"""The Japanese morphological analyser (MeCab through fugashi, UniDic of ``unidic-lite``) that tags names.

It is slow next to the regular expressions and is asked only behind their fast paths: about sentences
that hold a surname candidate (``prose.py``) and about single katakana words before an honorific
(``names.py``).
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

# Words the analyser tags as person names that, before さん in business text, are shops or roles.
_NOT_PERSONS = frozenset("ローソン サガワ ベンダー ファン ママ パパ".split())


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
    analyser = tagger()
    if analyser is None or word in _NOT_PERSONS:
        return False
    tokens = [(t.surface, t.feature.pos3) for t in analyser(word + "さん")][:-1]
    if "".join(surface for surface, _pos3 in tokens) != word:
        return False
    return all(pos3 == "人名" for _surface, pos3 in tokens)
