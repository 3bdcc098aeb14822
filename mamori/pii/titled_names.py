"""PERSON in news and notices: a full name glued to the title that follows it, with no particle between.

Personnel notices, council minutes and police news write ``長福恭弘取締役副社長``, ``渡辺秀一代表取締役社長``,
``谷ケ﨑照雄市長``, ``「齋藤智已」代表取締役専務``, ``貴志浩平・県警本部長``, ``無職中尾懐聖容疑者``: the kanji
run before the title is the name, after a status word (無職, 会社員) if one opens it. The run must split
into a dictionary surname and a dictionary given name that is no surname (so ``松本市長``, a city's mayor,
``豊田通商社長`` and ``同社社長`` hold none), the title being one only a person holds.
"""

from __future__ import annotations

import re

from mamori.pii.dictionaries import given_names, municipalities, surnames
from mamori.pii.name_words import KANJI, plausible_unknown
from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit

_TITLES = (
    "代表取締役|取締役|執行役員|副社長|社長|会長|専務|常務|市長|町長|村長|区長|知事|議長|教育長|署長|副署長|"
    "本部長|局長|院長|副院長|理事長|委員長|大臣|首相|総裁|選手|投手|外野手|内野手|捕手|監督|容疑者|被告"
)
_TITLED = re.compile(rf"([{KANJI}]{{3,8}}?)」?(?:・(?:[{KANJI}]{{1,3}}?))?(?={_TITLES})")
_STATUS = ("無職", "会社員", "建設業", "自営業", "会社役員", "アルバイト", "故", "元", "前")

# _TITLED's look-ahead needs a title, so a text without one holds no hit. The title words are the trigger:
# Hyperscan drops look-aheads, and _TITLED without its own would let any three kanji through.
_TITLE_WORDS = re.compile(_TITLES)
TRIGGERS = Triggers(search=(_TITLE_WORDS,))


# Titles never written after an organisation or a place: before them a surname and a given name the
# dictionary does not know yet is a name too (長福恭弘取締役, 中尾懐聖容疑者).
_PERSON_ONLY = re.compile(r"取締役|容疑者|被告|選手|投手|外野手|内野手|捕手")


def _full_name(run: str, person_only: bool) -> bool:
    family, given = surnames(), given_names()
    if run[-1] in "市区町村都道府県郡両各等":  # 馬渕両取締役: both of them
        return False
    for n in (2, 3, 1):
        surname, first = run[:n], run[n:]
        if surname not in family or first in family or not 1 <= len(first) <= 3:
            continue
        if first in given or (person_only and len(first) >= 2 and plausible_unknown(first)):
            return not any(run.startswith(surname + c) for c in "市区町村")
    return False


def find_titled_persons(text: str) -> list[Hit]:
    """Return full names glued to a person's title (渡辺秀一代表取締役社長, 無職中尾懐聖容疑者)."""
    hits: list[Hit] = []
    for m in _TITLED.finditer(text):
        start, run = m.start(1), m.group(1)
        for status in _STATUS:
            if run.startswith(status) and len(run) > len(status) + 2:
                start, run = start + len(status), run[len(status) :]
                break
        if len(run) > 6:
            continue
        if _full_name(run, _PERSON_ONLY.match(text, m.end()) is not None) and run not in municipalities():
            hits.append((start, start + len(run), "PERSON", 2))
    return hits
