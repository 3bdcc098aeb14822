"""A spot a leaflet names right before its TEL (…真珠島 TEL, 堤防釣り場 TEL, …ばら園 TEL), for ``corporate.py``.

A guide to a place lists its sights, farms and fishing spots one a line with their phones: names ending
in 島, 場, 館, 園, 寺, 城 … that no organisation word marks. The name right before the phone's label
owns the number unless it is a person's: a surname or a given name ends in the same characters (中島,
馬場, 美園, 小野寺, 玉城), so a name that is one, or ends in one, is left alone (伊豆大島 too).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from mamori.pii.dictionaries import given_names, surnames

# The last word before the phone's label on its line, ending like a place people visit.
_SPOT = re.compile(
    r"(?:^|(?<=[\s・:：/／]))([^\s・:：/／]{1,20}?"
    r"(?:島|場|館|園|苑|寺|宮|城|荘|亭|閣|堂|庵|滝|岬|の森|の里|の湯|横丁|ランド|パーク|ファーム|ガーデン))"
    r"[ \u3000]*[(（]?(?:TEL|Tel|tel|ＴＥＬ|電話|☎|℡)[ \u3000.:：)）]*$"
)
_KANJI_TAIL = re.compile(r"[\u4e00-\u9fff\u3005]{2,4}$")
_TEL_WORDS = ("TEL", "Tel", "tel", "ＴＥＬ", "電話", "☎", "℡")
# Where a person is reached (本人職場, 実家, 自宅): a form's contact, no spot.
_OWN_PLACE = ("職場", "自宅", "実家", "本人", "家族", "寮")


def spot_phone(text: str, start: int, person_starts: list[int]) -> bool:
    """Return whether the phone at ``start`` follows a spot's name and its label on its line (…真珠島 TEL).

    Not when a person (``person_starts``: the names found) is named on the line before it.
    """
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 40) : start]
    if not any(word in before for word in _TEL_WORDS):
        return False
    match = _SPOT.search(before)
    if match is None:
        return False
    name = match.group(1)
    if len(name) < 3 or any(word in name for word in _OWN_PLACE):
        return False  # 中島 TEL, 馬場 TEL: a surname alone; 本人職場 TEL
    i = bisect_left(person_starts, line_start)
    if i < len(person_starts) and person_starts[i] < start:
        return False  # 大森 千景さん 農園 TEL: the person's
    tail = _KANJI_TAIL.search(name)
    if tail is None:
        return True  # 堤防釣り場: one kanji after kana ends no name
    family, given = surnames(), given_names()
    kanji = tail.group()
    return not any(kanji[-n:] in family or kanji[-n:] in given for n in range(2, len(kanji) + 1))
