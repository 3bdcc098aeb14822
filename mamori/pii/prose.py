"""Recognise PERSON in running prose without a label (``経理の伊藤が不在``, ``山本、中村、小林の3名``).

A morphological analyser (MeCab through fugashi, with the UniDic dictionary of ``unidic-lite``) tags
person names by their context in the sentence. It is slow next to the regular expressions, so it runs
behind a fast path: only sentences holding a kanji run that starts with a known surname (IPADIC) and
ends before a particle or punctuation are analysed. The analyser's word is kept only where it is a
whole kanji run (a surname glued to more kanji is a place or a company: 中村屋, 王子駅).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from mamori.pii.analyser import tagger as _tagger
from mamori.pii.dictionaries import given_names, surnames
from mamori.pii.names import KANJI, name_end_before_title
from mamori.pii.org_names import word_list_item
from mamori.pii.spans import Hit
from mamori.pii.trade_names import carrier

# A kanji run of 2-9 characters at a word start, ending before が / は / と / も / 、 / から / より, a
# colon (a speaker in minutes: 菅原：了解しました) or a title: where bare
# names stand in prose. The run is found from its cue backwards, on the reversed text: a pattern that
# starts with literal cues lets the regex engine skip to them, where one starting with a kanji class
# tried a run at every kanji (a third of the CPU on sparse text). ``(\d`` reversed starts with its
# ``(`` and looks behind for the digit: a digit first would stop the scan at every digit of a log.
# Titles that are cues cover no other cue title, so the last cue within nine characters of a run's start
# wins, as a greedy match from the start would pick.
# Titles news and notices write after a person's name only (宮川怜斗容疑者, 加賀美真人医師, 吉尾理事長):
# a run before one that starts with a dictionary surname and names no group (先発投手, 県議会議員) is a
# name even when its given name is in no dictionary, and MeCab is not asked. The cached
# ``_candidate`` decides it from the run with its cue, so that it costs nothing per run (a check of
# the text after each run cost 5 % on sparse text, and a look-ahead or a second group in the pattern
# stopped the regex engine's skip to the cues: 7 times slower).
_NAME_TITLES = "容疑者|被告|選手|投手|捕手|医師|院長|理事長|議員|裁判長|裁判官|弁護士|教諭"
# 理事 and 監事 (相馬理事より説明, minutes) end a name too, but are no cue: 事 is too common a character
# for the reversed pattern to stop at (the run is found by its particle).
_NAME_TITLE_END = re.compile(f"(?:{_NAME_TITLES}|理事|監事)\\Z")
_CUE_TITLES = (
    "総理|首相|大臣|知事|県議|市長|大統領|主席|長官|外野手|内野手|監督|署長|幹事長|社長|会長|委員|氏|"
    + _NAME_TITLES
)
_CANDIDATE_REVERSED = re.compile(
    "(?:"
    + "|".join(["、", "が", "は", "と", "も", ":", "らか", "りよ", r"\((?<=\d\()"])
    + "|"
    + "|".join(title[::-1] for title in _CUE_TITLES.split("|"))
    + rf")([{KANJI}]{{2,9}}+)(?![{KANJI}])"
)
_KANA_CUE = "、がはとも:(からより"  # cue characters that ``_candidate`` strips from a run with its cue
# です and まで (松田です。 担当は鈴木です。 詳細は鈴木までご連絡ください) as a cue of their own, reversed
# すで / でま: one pass from the literal で, where in the alternation above their frequent first
# characters (す, で) made it stop at every one. Only runs of 2-5 kanji at the start of a sentence or
# clause or after の / は: most です follow a word glued to another (予定です).
_DESU_MADE_REVERSED = re.compile(rf"で(?:(?<=すで)|ま)([{KANJI}]{{2,5}}+)(?=[のは。、 \n]|\Z)")
# Titles written glued to a name in news and minutes (岸田総理, 北村議員, 玉城知事).
_TITLE_AFTER = re.compile(
    r"(?:元?(?:内閣)?総理(?:大臣)?|首相|副?大臣|副?知事|議員|県議|市議|副?市長|町長|村長|大統領|主席|"
    r"官房長官|長官|氏|副?会長|副?社長|委員長|委員|議長|幹事長|代表|先生|教授|選手|[投捕]手|[外内]野手|監督|"
    r"容疑者|被告|副?署長|裁判長|裁判官|弁護士|記者|医師|副?院長|理事長|教諭)"
)
# A spaced full name right after の before a particle (準優勝選手の小松原 健が来校): the run before the cue
# is then the given name alone (健), too short a candidate; a dictionary surname and given name decide it,
# without MeCab. One pass from the literal の over the texts prose reads anyway.
_SPACED_AFTER_NO = re.compile(rf"の([{KANJI}]{{1,3}})[ \u3000]([{KANJI}]{{1,3}})(?=[がはともにを、])")
_KATAKANA_WORD = re.compile(r"[\u30a1-\u30faー]{2}")
_PREFECTURES = (
    "北海道|青森|岩手|宮城|秋田|山形|福島|茨城|栃木|群馬|埼玉|千葉|東京|神奈川|新潟|富山|石川|福井|山梨|長野|"
    "岐阜|静岡|愛知|三重|滋賀|京都|大阪|兵庫|奈良|和歌山|鳥取|島根|岡山|広島|山口|徳島|香川|愛媛|高知|福岡|佐賀|"
    "長崎|熊本|大分|宮崎|鹿児島|沖縄"
)
# 石川、富山両県警 / 福島・宮城県: a surname-like word in a list of prefectures is a place.
_PLACE_LIST = re.compile(rf"(?:[、・](?:{_PREFECTURES}))*(?:両|各|[二三四]|全)?(?:県|府|都|道)")
_SENTENCE_END = "。！？!?\n"
_KANJI_CHAR = re.compile(rf"[{KANJI}]")
# A town's block number after a name (上田4丁目, 大橋2-3, 松山5条): an address's town, no surname
_BLOCK_NUMBER = re.compile(r" ?[0-9０-９一二三四五六七八九十]{1,3}(?:丁目|番地|番丁|条|地割|-[0-9])")
MAX_SENTENCE = 400  # characters analysed around one candidate


ANALYSE = -1  # what ``_candidate`` says of a run worth analysing
_SPAN = re.Match.span


@lru_cache(maxsize=8192)
def _candidate(run: str) -> int:
    """Return what a whole kanji run (maybe with its cue) is: ANALYSE when it reads as surname (+ given
    name) (+ title), the length of the name when it is a surname-led name before a news title
    (宮川怜斗容疑者: 4), else 0.

    Cached: business text repeats the same few words before its particles (会議は, 予算配分を).
    """
    run = run.rstrip(_KANA_CUE)
    title = _NAME_TITLE_END.search(run)
    if (
        title and title.start()
    ):  # 大山容疑者, 宮川怜斗容疑者: the dictionary decides, not MeCab (大山 the place)
        return name_end_before_title(run, 0, title.start()) or 0
    sur = surnames()
    for n in (2, 3, 1):
        if run[:n] not in sur:
            continue
        rest = run[n:]
        if not rest or rest in given_names():
            return ANALYSE
        title = _TITLE_AFTER.match(rest)
        if title and (title.end() == len(rest)):
            return ANALYSE
        for g in (1, 2, 3):
            if rest[:g] in given_names() and _TITLE_AFTER.fullmatch(rest[g:]):
                return ANALYSE
    return 0


def _candidate_runs(text: str, reversed_text: str | None = None) -> list[tuple[int, int]]:
    """Return (start, end) of each whole kanji run of 2-9 characters followed by a cue, in text order."""
    n = len(text)
    rev = text[::-1] if reversed_text is None else reversed_text
    runs = [(n - m.end(1), n - m.start(1)) for m in _CANDIDATE_REVERSED.finditer(rev)]
    runs.reverse()
    return runs


def _literal_cue_candidates(text: str, reversed_text: str) -> list[tuple[int, int]]:
    """Return (start, end) of the whole kanji runs before です / まで that read as a name, unordered."""
    n = len(text)
    return [
        (n - m.end(1), n - m.start(1))
        for m in _DESU_MADE_REVERSED.finditer(reversed_text)
        if _candidate(m.group(1)[::-1])
    ]


def find_prose_persons(text: str) -> list[Hit]:
    """Return PERSON hits for names the analyser tags in sentences that hold a surname candidate."""
    if text.isascii():
        return []  # candidates are kanji runs
    sentences: list[tuple[int, int]] = []
    last_end = -1
    reversed_text = text[::-1]
    n = len(text)
    # each run with its cue, (start, cue end): one span call a match, and the cue says whether the run
    # is before a news title
    runs = [(n - end, n - start) for start, end in map(_SPAN, _CANDIDATE_REVERSED.finditer(reversed_text))]
    runs.reverse()
    more = _literal_cue_candidates(text, reversed_text)
    if more:
        runs = sorted(set(runs).union(more))
    titled: list[Hit] = _spaced_after_no(text) if "の" in text else []
    for run_start, run_end in runs:
        kind = _candidate(text[run_start:run_end])
        if not kind:
            continue  # most runs
        if kind > 0:  # and MeCab reads the sentence for the other names in it (「寺島か」と尋ねた)
            titled.append((run_start, run_start + kind, "PERSON", 2))
        if run_start < last_end:
            continue
        start = max(text.rfind(c, max(0, run_start - MAX_SENTENCE), run_start) for c in _SENTENCE_END) + 1
        ends = [i for i in (text.find(c, run_end, run_end + MAX_SENTENCE) for c in _SENTENCE_END) if i >= 0]
        end = min(ends) + 1 if ends else min(len(text), run_end + MAX_SENTENCE)
        sentences.append((start, end))
        last_end = end
    if not sentences:
        return titled
    tagger = _tagger()
    if tagger is None:
        return titled
    hits: list[Hit] = titled
    for start, end in sentences:
        hits.extend(_tag(tagger, text, start, end))
    return hits


def _spaced_after_no(text: str) -> list[Hit]:
    """Return the spaced full names after の whose surname and given name the dictionaries know."""
    hits: list[Hit] = []
    for m in _SPACED_AFTER_NO.finditer(text):
        if (
            m.group(1) in surnames()
            and m.group(2) in given_names()
            and not carrier(text, m.start(1), m.end(2))
        ):
            hits.append((m.start(1), m.end(2), "PERSON", 2))
    return hits


def _tag(tagger: Any, text: str, start: int, end: int) -> list[Hit]:
    words = []
    pos = start
    for word in tagger(text[start:end]):
        surface = word.surface
        at = text.find(surface, pos, end)
        if at < 0:
            continue
        pos = at + len(surface)
        words.append((at, pos, word.feature.pos2, word.feature.pos3, word.feature.pos4))
    hits: list[Hit] = []
    i = 0
    while i < len(words):
        s, e, pos2, pos3, pos4 = words[i]
        if not (pos2 == "固有名詞" and pos3 == "人名" and pos4 == "姓") or text[s:e] not in surnames():
            i += 1
            continue  # also a "surname" no name dictionary knows: 明豊 (a school) read as 明 + 豊
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt and nxt[3] == "人名" and nxt[4] == "名" and text[e : nxt[0]] in ("", " ", "\u3000"):
            e = words[i + 1][1]
            i += 1
        i += 1
        if (
            _whole_run(text, s, e)
            and not _PLACE_LIST.match(text, e)
            and not _BLOCK_NUMBER.match(text, e)  # 上田4丁目の現場: the town, not a surname
            and not carrier(text, s, e)
            and not word_list_item(text, s, e)  # 立志・勇進・継承
        ):
            hits.append((s, e, "PERSON", 1))
    return hits


def _whole_run(text: str, start: int, end: int) -> bool:
    """Return whether ``start:end`` is a whole kanji run (or one followed by a title such as 総理).

    A surname glued to other kanji is a place or a company (中村屋, 王子駅, 岸田内閣).
    """
    before = text[start - 1 : start] if start else ""
    if _KANJI_CHAR.match(before) or _KATAKANA_WORD.match(text, end):
        return False  # also 和田ホールディングス, 石木ダム: a name glued to a katakana word names a thing
    return not _KANJI_CHAR.match(text[end : end + 1]) or _TITLE_AFTER.match(text, end) is not None
