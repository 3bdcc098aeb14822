"""Recognise PERSON: kanji and kana names found through context, checked against name dictionaries.

Names are never found by a list alone: a label before (氏名:, 担当, 出席者:, フリガナ:), an honorific
after (様, さん, 殿, 課長) or a table column headed 氏名 / フリガナ points at a position, and the name
parser decides how far the name goes, using IPADIC surnames and given names as evidence for the split.
"""

from __future__ import annotations

import re

from mamori.pii.analyser import company_called, foreign_person, kana_given, katakana_person, reads_as_name
from mamori.pii.brand_words import names_business
from mamori.pii.csv_cells import signature_hits
from mamori.pii.dictionaries import (
    given_names,
    given_readings,
    municipalities,
    surname_readings,
    surnames,
    to_katakana,
)
from mamori.pii.given_parts import sentence_after_surname
from mamori.pii.name_headers import ORGANISATION
from mamori.pii.name_words import DEPARTMENT as _DEPARTMENT
from mamori.pii.name_words import (
    HEAD_POSTS,
    KANJI,
    chinese_given_kun,
    cut_title,
    honorific_in_word,
    name_end_before_title,
    plausible_unknown,
    surname_before_title,
    title_after,
)
from mamori.pii.name_words import JOB_TITLES as _JOB_TITLES
from mamori.pii.name_words import KANJI_CHAR as _KANJI_CHAR
from mamori.pii.name_words import NON_NAME as _NON_NAME
from mamori.pii.name_words import ROLES_ALONE as _ROLES_ALONE
from mamori.pii.name_words import STOP as _STOP
from mamori.pii.name_words import known as _known
from mamori.pii.not_names import WORD_GOES_ON, after_relations, has_kana_role, not_a_name
from mamori.pii.org_names import after_organisation, after_role, after_status
from mamori.pii.prefilter import Triggers
from mamori.pii.rare_surnames import rare_surname_before
from mamori.pii.spans import Hit

# Every kanji a name can hold: the unified block, extension A, the compatibility ideographs (﨑) and
# the supplementary planes (𠮷 and the other extensions), plus 々〆ヶノ.
_KANJI = KANJI
_TITLE = r"様|さま|殿|氏(?!名)|君|課長|部長|係長|社長|主任|店長|先生|室長|次長|所長|会長|専務|常務|教授"
_KANJI_RUN = re.compile(rf"(?:(?!{_TITLE})[{_KANJI}]){{1,7}}")
# A given name also ends before the titles minutes glue to it (欠席：木暮 翼理事, 相馬 健吾監事).
_GIVEN_END = _TITLE + "|理事|監事|幹事|委員|顧問|院長"
_GIVEN_RUN = re.compile(
    rf"(?:(?!{_GIVEN_END})[{_KANJI}]){{1,3}}(?!(?!{_GIVEN_END})[{_KANJI}])|[\u3041-\u3096]{{1,3}}[{_KANJI}]?|[\u30a1-\u30faー]{{2,6}}"
)
_HIRA_GIVEN = re.compile(
    r"(?![がのをにはとへでもか]|さん|くん|ちゃん|さま)[\u3041-\u3096]{2,4}(?![\u3041-\u3096])"
    r"|[\u30a1-\u30faー]{2,4}(?![\u30a1-\u30faー])"
)
_KANA_NAME = re.compile(
    r"([\u30a1-\u30faー]{2,12})(?: ([\u30a1-\u30faー]{1,7}))?|([\u3041-\u3096ー]{2,12})(?: ([\u3041-\u3096ー]{1,7}))?"
)
_ROMAJI = re.compile(
    r"[A-Z][A-Za-z]{1,14} [A-Z][A-Za-z]{1,14}(?![A-Za-z])(?! [A-Z])"
)  # not Amazon Web Services
# Three or four words in capitals, one of four letters or more (not an acronym's PMO ABC DEF).
_ROMAJI_CAPS = re.compile(r"(?=[A-Z ]*[A-Z]{4})[A-Z]{2,15}(?: [A-Z]{1,15}){2,3}(?![A-Za-z])(?! [A-Z])")
# Words of mailboxes and teams, not of names (From: Support Team, From: Sales Dept, QA team).
ROLE_WORD = re.compile(
    r"\b(?:Team|Support|Sales|Dept|Department|Cent(?:er|re)|Office|Desk|Services?|Info|Admin|Staff|Group|"
    r"Division|Section|Customer|System|Notifications?|Mail|Reply|Help|News|Newsletter|Marketing|Shop|Store|"
    r"Online|Accounts?|Billing|Security|Corp|Inc|Ltd|Co|Japan|Tokyo|Unit|Project|Committee|Lab|Crew)\b",
    re.IGNORECASE,  # QA team, dev team: a group in any case
)
_TITLES = [
    *"課長 部長 係長 主任 取締役 マネージャー リーダー 専務 常務 顧問 医師 担任".split(),
    *HEAD_POSTS,  # the heads' posts (園長, 塾長, 女将), as above a name in name_fields
]
# One flat alternation of literals keeps the regex engine's fast first-character scan; a title is a
# label only when a space or colon follows (社長 山田, not 社長室).
_LABEL = re.compile(
    r"(?:氏名|名前|担当の|担当者?(?![室部課])|記録|確認者|出席者|参加者|お客様対応|お客様|From|差出人|送信者|宛先|緊急連絡先|"
    r"受付|者:|者 |申込者|契約者|名義人?|依頼主|受取人|作成者|承認者|申請者|被保険者|代表者|扶養親族|配偶者|"
    r"部 |課 |室 |部\n|課\n|室\n|センター\n|フリガナ|ふりがな|付で|いたします。|"
    r"者名|客名|様名|人名|主名|宛名|保護者|代理人|世帯主|届出人|ローマ字(?:表記|氏名)?(?=[:： \t])|"
    # a filing's party alone on its line, the name indented under it (相続人 / 　星野 咲良)
    r"相続人(?:\n(?=[ \t]))?|申請人(?:\n(?=[ \t]))?|申立人(?:\n(?=[ \t]))?|"
    # a legal filing's agent (司法書士 宍倉 大輔), as its parties (相続人, 申請人) above
    + "".join(
        t + "(?= (?!法人|事務所))|" for t in ("司法書士", "行政書士", "弁護士", "税理士", "社会保険労務士")
    )
    + r":(?<=作成:|司会:|書記:|文責:|欠席:|出席:)|"
    + "|".join(t + "(?=[:： ])" for t in _TITLES)
    # a qualifier in brackets (氏名(カナ), 担当者(営業)) holds no space: 相続人(被相続人 新納 凛) names a party
    + r")名?(?:\([^)\n ]{1,10}\))?[:： \t]*"
)
_TITLES_TUPLE = tuple(_TITLES)
_TITLE_FIRST = re.compile(rf"(?:{_TITLE}|取締役|院長|理事長|顧問|医師|担任|マネージャー) ")
_ON_BEHALF = re.compile(rf"の([{_KANJI}]{{1,4}})(?: ([{_KANJI}]{{1,3}}))?です")  # 院長の瀬川 聡です
# A surname after a department and の signs or speaks for it (営業部の松本より, 経理課の伊藤が不在):
# MeCab reads 松本 there as the city.
# The pattern starts with the literal の, which the regex engine skips to (a class of department
# ends first stopped at every 部 and 課); the department itself is checked after a match.
_OF_DEPARTMENT = re.compile(
    rf"の(?<=[部課室係班ムプー店所]の)([{_KANJI}]{{1,4}})(?:より|から|が|です|でございます|まで|は|と|も|、|。|\n| |\Z)"
)
_DEPARTMENT_ENDS = ("部", "課", "室", "係", "班", "チーム", "グループ", "センター", "支店", "営業所")
_KANA_LABEL = re.compile(r"フリガナ|ふりがな|カナ")
_HONORIFIC = re.compile(rf"(?:{_TITLE}|さん|くん|ちゃん|と申します)")
_LIST_SEP = re.compile(r"(?:\([^)\n]{1,12}\))?(?:[,、，・] ?| )")
_READING = re.compile(r"\(([^)\n]{2,24})\)")
_KANA_WORD = re.compile(r"[\u30a1-\u30faー]{2,12}(?![\u30a1-\u30faー])")
_DOTTED_TAIL = re.compile(r"(?:[・=][\u30a1-\u30faー]{1,12}(?![\u30a1-\u30faー])){1,3}")


# Particles after a spaced name where a hiragana given name could stand (事務局長 難波 より, 担当 堀 です).
_PARTICLES = frozenset("より から まで です でした ほか など".split())


# Kanji that do not occur in personal names: a run holding one is a word, not an unknown name.
def _split_glued(run: str) -> int | None:
    """Return the length of the name in a kanji run without a space (surname + given, or surname)."""
    sur = surnames()
    given = given_names()
    splits = [n for n in (2, 3, 1, 4) if run[:n] in sur]
    for n in splits:
        if n == len(run) or run[n:] in given:
            return len(run)
    for n in splits:
        if 1 <= len(run) - n <= 2:
            return len(run)
    return None


def _spaced(text: str, run: str, end: int, strict: bool, strong: bool) -> int | None:
    """Return the end of ``run`` + space + given name, or None when the part after is no given name."""
    g = _GIVEN_RUN.match(text, end + 1)
    if g is None:
        return None
    part = g.group()
    if part == "印" or part in _PARTICLES:
        return None  # 甲野太郎 印: the seal's mark after a signature; 難波 より: "from", no given name
    if sentence_after_surname(text, part, g.end()):
        return None  # 宇佐美 が謝罪, 宇佐美 へ, 宇佐美 さん: the sentence goes on (given_parts.py)
    if run not in surnames() and not (strong and plausible_unknown(run + part)):
        return None
    follows = text[g.end() : g.end() + 3]
    if part in surnames() and part not in given_names() and len(part) >= 2:
        if not re.match(r" ?(?:様|さん|殿)", follows):
            return None  # "吉田 橋本": a list of surnames, not one name
    if strict and part not in given_names():
        return None
    if any(c in _NON_NAME for c in part) or part in _ROLES_ALONE:
        return None
    return g.end()


def parse_name(text: str, pos: int, strict: bool = False, strong: bool = False) -> int | None:
    """Return the end of a person name starting at ``pos``, or None when there is none.

    ``strong`` context (a label, an honorific, a 氏名 column) also accepts names that the dictionaries
    do not know, as long as they look like one.
    """
    m = _KANJI_RUN.match(text, pos)
    if m is None:
        end = parse_kana_name(text, pos, strict=True)
        if end is None and strong:
            kana = _KANA_NAME.match(text, pos)  # ジョン スミス: two kana words after a label
            end = kana.end() if kana and (kana.group(2) or kana.group(4)) else None
        return end
    run = m.group()
    if run in _STOP:
        return None
    if text[m.end() : m.end() + 1] == " " and len(run) <= 4:
        end = _spaced(text, run, m.end(), strict, strong)
        if end is not None:
            return end
    n = _split_glued(run)
    if n is None:
        return _unknown_name(text, run, m.end()) if strong else None
    if n == len(run) and (strong or run in surnames()):
        hira = _HIRA_GIVEN.match(text, pos + n)
        if hira:
            return hira.end()
    if strict and n == len(run) and run not in surnames():
        return None
    if n == 1 and re.match(r"[\u3041-\u3096](?<![さく])", text[pos + 1 : pos + 2]):
        return None  # 室にて: a one-kanji surname needs a boundary or an honorific after it
    return pos + n


def _unknown_name(text: str, run: str, end: int) -> int | None:
    """Return the end of a name the dictionaries do not know, starting with kanji ``run`` ending at ``end``."""
    if text[end : end + 1] == " " and len(run) <= 4:
        g = _GIVEN_RUN.match(text, end + 1)
        if g and g.group() != "印" and g.group() not in _PARTICLES and plausible_unknown(run + g.group()):
            return g.end()
    if _KANJI_RUN.match(text, end):
        return None  # 全国健康保険協|会: a run cut at seven kanji is a longer word
    if not plausible_unknown(run) or re.match(r"[\u30a1-\u30faーA-Za-z]{3}", text[end : end + 3]):
        return None  # 日本ホールディングス: a word glued to katakana is a company, not a name
    kana = _HIRA_GIVEN.match(text, end) if len(run) <= 4 else None
    return kana.end() if kana else end


def parse_kana_name(text: str, pos: int, strict: bool = False) -> int | None:
    """Return the end of a katakana or hiragana name at ``pos`` (with or without a space)."""
    m = _KANA_NAME.match(text, pos)
    if m is None:
        return None
    first = to_katakana(m.group(1) or m.group(3))
    second = m.group(2) or m.group(4)
    if second:
        return m.end() if not strict or first in surname_readings() else None
    readings, given = surname_readings(), given_readings()
    for n in range(2, len(first) - 1):
        if first[:n] in readings and first[n:] in given:
            return pos + len(first)
    return None if strict else m.end()


def _split_surname_pair(text: str, pos: int, end: int) -> int:
    """Return where the first name ends if ``pos:end`` is two attendees (仲宗根 米倉澪), else ``end``."""
    first, _, second = text[pos:end].partition(" ")
    if len(second) >= 3 and second not in given_names() and any(second[:n] in surnames() for n in (2, 3)):
        return pos + len(first)
    return end


def _parse_list(text: str, pos: int, kana: bool, strong: bool, attendees: bool = False) -> list[Hit]:
    """Return the names at ``pos`` and any further names in a list (``内田 太郎，藤本，中村``)."""
    hits: list[Hit] = []
    while len(hits) < 12:
        pos = after_role(text, pos)  # 出席：理事長 黒瀬 真由美, 記録者：看護師 塩見
        end = parse_kana_name(text, pos) if kana else parse_name(text, pos, strong=strong)
        if end is None and not hits:
            romaji = _ROMAJI.match(text, pos)
            end = romaji.end() if romaji and not ROLE_WORD.search(romaji.group()) else None
            if (
                romaji is None
                and (caps := _ROMAJI_CAPS.match(text, pos))
                and not ORGANISATION.search(caps[0])
            ):
                end = caps.end()  # 氏名：NGUYEN VAN THANH, as a passport writes a name of three words
        if end is None and not hits and not kana:
            word = _KANA_WORD.match(text, pos)  # 担当のナム, 担当：グエン: one foreign name after a label
            end = word.end() if word and foreign_person(word.group()) else None
            if end is not None and (tail := _DOTTED_TAIL.match(text, end)) is not None:
                end = tail.end()  # 氏名：グエン・ティ・ホア: the parts after ・ are the same person's
        if end is None:
            break
        if attendees and not kana:
            end = _split_surname_pair(text, pos, end)
        end = chinese_given_kun(text, pos, surname_before_title(text, pos, end))  # 西川 本部長; 陳 怡君
        if kana and hits and text[pos - 1] == "・" and hits[-1][1] == pos - 1:
            hits[-1] = (hits[-1][0], end, "PERSON", 3)  # チャン・ヴァン・ドゥック: one foreign name
        else:
            hits.append((pos, end, "PERSON", 3))
        sep = _LIST_SEP.match(text, title_after(text, end))  # 大谷 副社長、横山 …: the list goes on
        if sep is None:
            break
        pos = sep.end()
    return hits


def _name_before(text: str, end: int) -> int | None:
    """Return the start of a name ending at ``end`` (just before an honorific), if any."""
    lo = max(0, end - 9)
    run = _RUN_BEFORE.search(text, lo, end)
    if run:
        title = _TITLE_FIRST.match(run.group())
        start = after_status(text, run.start() + (title.end() if title else 0), end)  # 故 大谷勇, 現職石井
        kanji = re.sub(r"[ \u3041-\u3096\u30a1-\u30faー]", "", text[start:end])
        glued_kana = re.search(r"[\u3041-\u3096]\Z", text[start:end]) and " " not in text[start:end]
        if plausible_unknown(kanji) and (not glued_kana or kanji in surnames()):
            return _after_word(text, start, end)  # 山田はなこ様, but not 今度代わられた先生
    rare = rare_surname_before(text, end)  # 10:20 粟飯原 蓮様, not 原 蓮
    if rare is not None:
        return rare
    sur = surnames()
    for start in range(lo, end):
        if text[start:end].strip() in _STOP:
            return None
        if text[start : start + 3] in sur or text[start : start + 2] in sur or text[start] in sur:
            if start and _KANA_WORD.match(text, start - 1, start + 1):
                continue  # サイ|トウタカシ: no name starts inside a katakana word
            glued = start > 0 and _KANJI_CHAR.match(text, start - 1) is not None
            if glued and end - start == 1:
                continue  # 株式会社様: one kanji glued to a word is the word's end, not a surname
            if parse_name(text, start, strict=glued) == end:  # 東和精機様: 和精機 is no name
                return start
    return None


def _after_word(text: str, start: int, end: int) -> int:
    """Return where the name in ``start:end`` starts: after a first word that is no surname when the
    second is a surname and no given name (新規 神谷 様, 本日 宇佐美 様: a word before the surname)."""
    first, space, second = text[start:end].partition(" ")
    sur = surnames()
    if space and first not in sur and second in sur and second not in given_names():
        return start + len(first) + 1
    return start


_RUN_BEFORE = re.compile(
    rf"(?<![{_KANJI}\u30a1-\u30fa ])[{_KANJI}]{{1,4}}"
    rf"(?: ?(?:[{_KANJI}]{{1,4}}|[\u3041-\u3096]{{2,4}}|[\u30a1-\u30faー]{{2,4}}))?\Z"
)


def _readings_after(text: str, hits: list[Hit]) -> list[Hit]:
    """Return names written in kana or romaji in parentheses right after a found name."""
    out: list[Hit] = []
    for _s, end, _label, _p in hits:
        m = _READING.match(
            text, end + (2 if text.startswith(" 様", end) else 1 if text[end : end + 1] == "様" else 0)
        )
        if m is None:
            continue
        inner_start, inner = m.start(1), m.group(1)
        if parse_kana_name(text, inner_start, strict=True) == m.end(1) or romaji_reading(inner):
            out.append((inner_start, m.end(1), "PERSON", 3))
    return out


def romaji_reading(inner: str) -> bool:
    """Return whether a bracket's roman words are a name's reading, not a business (Office Haru)."""
    return _ROMAJI.fullmatch(inner) is not None and not ROLE_WORD.search(inner) and not names_business(inner)


# a kana given name only after a space (木佐 トメ, 比嘉 カマド: old given names in katakana)
_ALONE_LINE = (
    rf"([{_KANJI}]{{1,4}})(?: ?([{_KANJI}]{{1,3}})| ([\u3041-\u3096]{{2,4}}|[\u30a1-\u30fa]{{2,3}})) ?\r?$"
)
# The first line, then every line after a newline: a literal "\n" first lets the regex engine skip to
# line starts (``^`` with MULTILINE tried every position).
_ALONE_FIRST = re.compile(_ALONE_LINE, re.MULTILINE)
_ALONE = re.compile("\n" + _ALONE_LINE, re.MULTILINE)


def _alone_on_line(text: str) -> list[Hit]:
    """Return names standing alone on a line (signatures).

    Without any label this is a weak cue: a glued name needs both parts in the dictionaries, a spaced
    one at least one part, and both parts must look like name parts.
    """
    hits: list[Hit] = []
    sur, given = surnames(), given_names()
    first_line = _ALONE_FIRST.match(text)
    for m in ([first_line] if first_line else []) + list(_ALONE.finditer(text)):
        if m.group(3) is not None:  # a dictionary surname and a kana given name
            if m.group(1) in sur and kana_given(m.group(3)):
                hits.append((m.start(1), m.end(3), "PERSON", 2))
            continue
        first, second = m.group(1), m.group(2)
        spaced = m.end(1) < m.start(2)
        if not spaced:
            glued = first + second
            cut = next((n for n in range(1, len(glued)) if glued[:n] in sur and glued[n:] in given), None)
            first, second = (glued[:cut], glued[cut:]) if cut else (first, second)
        known = (first in sur or second in given) if spaced else (first in sur and second in given)
        if known and not spaced and not reads_as_name(first + second):
            continue  # 道場訓, a title: 道場 + 訓 to the analyser
        if known and all(len(p) == 1 or plausible_unknown(p) for p in (first, second)):
            hits.append((m.start(1), m.end(2), "PERSON", 2))
    return hits


# Every hit of find_persons starts from a match of one of these: where none matches, the engine's
# prefilter skips it (keep this in step with the loops below; tests/test_prefilter.py checks).
# A name with its reading in parentheses, as news and personnel announcements write it
# (高山登(たかやまのぼる)教育次長, 木川 寿眞(きかわ かずま)さん): the reading must begin with a reading of
# the surname and go on with the given name's, which no word in parentheses (愛顔(えがお)) does.
_READING_CUE = re.compile(r"\(([\u3041-\u3096ー]{3,12}(?:[・ ][\u3041-\u3096ー]{1,8})?)\)")
_RUN_END = re.compile(rf"[{_KANJI}]{{1,8}}(?: [{_KANJI}]{{1,4}})?\Z")
# Names in the ▽ lists of personnel announcements and awards: ▽自治功労賞 日西善博(表町)、吉岡茂樹(豊丘),
# 総務部長(健康福祉部長)手塚均▽
_LISTED = re.compile(rf"(?<=[▽ 、)○])([{_KANJI}]{{2,6}})(?=[(▽、]|\Z)")
_LIST_LINE = re.compile(r"▽[^\n]*")  # names are looked for on the lines that hold a ▽ only

# A member introduced at a paragraph's start: 阿部 翔太（製造部）長野市出身。 (a staff newsletter).
_INTRO_LINE = rf"([{_KANJI}]{{1,4}}) ([{_KANJI}]{{1,3}}|[\u3041-\u3096]{{2,4}})\((?:[^)\n]{{0,10}}(?:部|課|室|係|班|科|局|店|所|センター|チーム|年|組))\)"
_INTRO_FIRST = re.compile(_INTRO_LINE)
_INTRO = re.compile("\n" + _INTRO_LINE)
# A phone or contact chain: 1組：原 → 樋口 → 当山 → 阿部 → 吉田 (each calls the next).
_ARROW = re.compile("[→⇒]")
_CHAIN_NAME = re.compile(rf"[{_KANJI}]{{1,4}}(?: [{_KANJI}]{{1,3}})?")

TRIGGERS = Triggers(
    search=(_LABEL, _HONORIFIC, _ON_BEHALF, _OF_DEPARTMENT, _ALONE, _READING_CUE, _LIST_LINE, _INTRO, _ARROW),
    start=(_ALONE_FIRST, _INTRO_FIRST),
)


def _introduced(text: str) -> list[Hit]:
    """Return the names that open a paragraph with their department in parentheses (a known surname)."""
    first = _INTRO_FIRST.match(text)
    hits = []
    for m in ([first] if first else []) + list(_INTRO.finditer(text)):
        given = m.group(2)
        if m.group(1) in surnames() and (
            not _KANJI_CHAR.match(given) or plausible_unknown(m.group(1) + given)
        ):
            hits.append((m.start(1), m.end(2), "PERSON", 3))
    return hits


def _chains(text: str) -> list[Hit]:
    """Return the names of a chain of three or more joined by arrows, 80 % of them known surnames.

    A PTA's or a team's phone chain lists who calls whom (原 → 樋口 → 当山); a flow of steps
    (受付 → 確認 → 発送) holds no surnames, and a route (松本 → 塩尻 → 岡谷) is mostly municipalities,
    which some surnames are too (原村, 大野市, 吉田町): a chain of which half or more are is a route.
    """
    hits: list[Hit] = []
    sur, places = surnames(), municipalities()
    pos = 0
    while (arrow := _ARROW.search(text, pos)) is not None:
        line_start = text.rfind("\n", 0, arrow.start()) + 1
        line_end = text.find("\n", arrow.end())
        line_end = len(text) if line_end < 0 else line_end
        pos = line_end
        before = text[line_start : arrow.start()].rstrip(" ")
        lo = line_start + max(before.rfind(":"), before.rfind(" ")) + 1  # after 1組： or a heading
        items = []
        offset = lo
        for part in _ARROW.split(text[lo:line_end]):  # an arrow is one character
            piece = part.strip(" ")
            items.append((offset + len(part) - len(part.lstrip(" ")), piece))
            offset += len(part) + 1
        names = [
            (start, piece)
            for start, piece in items
            if _CHAIN_NAME.fullmatch(piece) and piece.split(" ")[0] in sur
        ]
        towns = sum(1 for _, piece in items if any(piece + end in places for end in "市町村区"))
        if len(items) >= 3 and len(names) * 5 >= len(items) * 4 and towns * 2 < len(items):
            hits.extend((start, start + len(piece), "PERSON", 2) for start, piece in names)
    return hits


def _read_names(text: str) -> list[Hit]:
    """Return names followed by their reading in parentheses, and the readings."""
    hits: list[Hit] = []
    sur = surnames()
    for m in _READING_CUE.finditer(text):
        run = _RUN_END.search(text, max(0, m.start() - 9), m.start())
        if run is None:
            continue
        kana = to_katakana(re.sub("[・ ]", "", m.group(1)))
        name = run.group()
        if name[-1] in "様殿氏君":
            continue  # 藤井順子 様(ふじい じゅんこ): the label and honorific passes have the name
        for i in range(len(name) - 1):  # 無職小野恵美子(おのえみこ): the name is the run's end
            part = name[i:].lstrip(" ")
            glued = part.replace(" ", "")
            if any(
                glued[:n] in sur
                and len(glued) > n
                and any(kana.startswith(r) and len(kana) > len(r) for r in sur[glued[:n]])
                for n in (1, 2, 3)
            ):
                start = run.start() + len(name) - len(part)
                hits.append((start, run.end(), "PERSON", 3))
                hits.append((m.start(1), m.end(1), "PERSON", 3))
                break
    return hits


def _listed_names(text: str) -> list[Hit]:
    """Return the names of a ▽ list (personnel announcements, awards) that read as surname + given name."""
    sur, given = surnames(), given_names()
    hits: list[Hit] = []
    for line in _LIST_LINE.finditer(text):
        lo = max(0, line.start() - 40)  # ...部長(健康福祉部長)手塚均▽: the first name stands before the ▽
        lo = text.rfind("\n", lo, line.start()) + 1 or lo
        hits.extend(_listed_in(text[lo : line.end()], lo, sur, given))
    return hits


def _listed_in(
    line: str, offset: int, sur: dict[str, tuple[str, ...]], given: dict[str, tuple[str, ...]]
) -> list[Hit]:
    hits: list[Hit] = []
    for m in _LISTED.finditer(line):
        name = m.group(1)
        if any(
            name[:n] in sur
            and (name[n:] in given or (n >= 2 and 1 <= len(name) - n <= 2 and plausible_unknown(name)))
            for n in (1, 2, 3)
        ) and not _DEPARTMENT.search(name):
            hits.append((offset + m.start(1), offset + m.end(1), "PERSON", 3))
    return hits


def _first_cell(text: str, pos: int) -> bool:
    """Return whether ``pos`` is in the first cell of its line, a short one (申込者氏名, 保護者氏名)."""
    line_start = text.rfind("\n", 0, pos) + 1
    return pos - line_start <= 8 and "\t" not in text[line_start:pos]


def find_persons(text: str) -> list[Hit]:
    """Return PERSON hits found through labels before and honorifics after a name."""
    if text.isascii() and "From" not in text:
        return []  # every label but From, every honorific and every name part is Japanese
    hits: list[Hit] = []
    for m in _LABEL.finditer(text):
        label = m.group()
        if (
            label[-1] == "\t"
            and m.start()
            and text[m.start() - 1] != "\n"
            and not _first_cell(text, m.start())
        ):
            continue  # 氏名<TAB> inside a header row; only a key-value row (申込者氏名<TAB>山田 太郎) is a label
        if (
            label.startswith(_TITLES_TUPLE)
            and ":" in label
            and m.start()
            and _KANJI_CHAR.match(text, m.start() - 1)
        ):
            continue  # 大野部長：来期の… is a speaker in minutes, not a title before a name
        strong = label[-1] in ": \t\n" or label.endswith(("付で", "。"))
        kana = _KANA_LABEL.search(label) is not None
        found = _parse_list(text, m.end(), kana, strong, label.startswith(("出席者", "参加者")))
        if not strong:  # 宛先間違い, 宛名間違いで: a word glued to the label goes on in kana, no name
            found = [h for h in found if not WORD_GOES_ON.match(text, h[1])]
        if label.endswith("\n"):  # 部\n above a name (a signature), not above a field (出席: ...)
            found = signature_hits(text, m.start(), found)
        hits.extend(found)
    for m in _HONORIFIC.finditer(text):
        end = m.start() - 1 if text[m.start() - 1 : m.start()] == " " else m.start()
        if not end or text[end - 1] in _NO_NAME_END:
            continue  # ,様 in a mailing list whose 宛名 cell the table pass took: no name ends here (first: a row each)
        if honorific_in_word(text, m):
            continue
        start = _name_before(text, end)
        if start is None and m.group() in ("様", "さま", "殿"):
            start = after_organisation(text, end)  # テスト工業 蔵谷様: a surname no dictionary holds
        if start is None:
            start = _kana_name_before(text, end, m.group() in _JOB_TITLES)
        name_end: int | None = end
        if start is not None and m.group() in _JOB_TITLES:
            name_end = name_end_before_title(text, start, end)
        if (
            start is not None
            and name_end is not None
            and not (
                _KANJI_CHAR.search(text, start, name_end) and company_called(text[start:name_end], m.group())
            )
        ):  # 伊勢丹さん, 富士通さん, 京セラ様: a company the analyser knows
            hits.append((start, chinese_given_kun(text, start, name_end), "PERSON", 3))  # 陳 怡君 (君)
    for m in _ON_BEHALF.finditer(text) if "です" in text else ():
        if m.group(1) in surnames() and (m.group(2) is None or m.group(2) in given_names()):
            hits.append(
                (m.start(1), m.end(m.lastindex or 1), "PERSON", 2)
            )  # 〇〇の桐生です: a weak cue, known names
    if "(" in text:
        hits.extend(_read_names(text))
    hits.extend(_listed_names(text))
    for m in _OF_DEPARTMENT.finditer(text):
        if text.endswith(_DEPARTMENT_ENDS, 0, m.start()) and _known(
            m.group(1)
        ):  # 営業部の松本より: a dictionary surname (+ given name) only
            hits.append((m.start(1), m.end(1), "PERSON", 2))
    hits = hits + _readings_after(text, hits) + _alone_on_line(text) + _introduced(text)
    if "→" in text or "⇒" in text:
        hits += _chains(text)
    if " " in text:  # 中村 本部長 → 中村, 営業部長 翔様 → 翔, ご主人 健吾様 → 健吾: titles, relations cut off
        hits = [cut_title(text, h) for h in after_relations(text, hits)]
    return [h for h in hits if not not_a_name(text, h[0], h[1])]


# Characters no name ends with: a cell separator, a line end, a table cell blanked by the engine.
_NO_NAME_END = frozenset(",\t\n\x00")

# A katakana name, of up to four words, right before an honorific or a title.
_KANA_BEFORE = re.compile(r"[\u30a1-\u30faー]{2,12}(?:[・ ][\u30a1-\u30faー]{1,12}){0,3}\Z")


def _kana_name_before(text: str, end: int, job_title: bool) -> int | None:
    """Return the start of a katakana name before an honorific (グエン・ヴァン・ナムさん, スミス氏)."""
    m = _KANA_BEFORE.search(text, max(0, end - 40), end)
    if m is None:
        return None
    name = m.group()
    if has_kana_role(name):
        return None
    parts = re.split(r"[・ ]", name)
    if len(parts) >= 2:
        return m.start()
    if not job_title and katakana_person(name):
        return m.start()  # one word (スミス, ヤマト, アマゾン): person or company is the analyser's call
    if job_title and foreign_person(name):
        return m.start()  # ナム課長, スミス部長; ホンダ社長 and シンドラーエレベータ課長 are companies
    return None
