"""Recognise PERSON: kanji and kana names found through context, checked against name dictionaries.

Names are never found by a list alone: a label before (氏名:, 担当, 出席者:, フリガナ:), an honorific
after (様, さん, 殿, 課長) or a table column headed 氏名 / フリガナ points at a position, and the name
parser decides how far the name goes, using IPADIC surnames and given names as evidence for the split.
"""

from __future__ import annotations

import re

from mamori.pii.analyser import foreign_person, katakana_person, organisation
from mamori.pii.dictionaries import (
    PREFECTURES,
    given_names,
    given_readings,
    municipalities,
    surname_readings,
    surnames,
    to_katakana,
)
from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit

# Every kanji a name can hold: the unified block, extension A, the compatibility ideographs (﨑) and
# the supplementary planes (𠮷 and the other extensions), plus 々〆ヶノ.
KANJI = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f\u3005\u3006\u30f6\u30ce"
_KANJI = KANJI
_TITLE = r"様|殿|氏(?!名)|君|課長|部長|係長|社長|主任|店長|先生|室長|次長|所長|会長|専務|常務|教授"
_KANJI_RUN = re.compile(rf"(?:(?!{_TITLE})[{_KANJI}]){{1,7}}")
_GIVEN_RUN = re.compile(
    rf"(?:(?!{_TITLE})[{_KANJI}]){{1,3}}(?!(?!{_TITLE})[{_KANJI}])|[\u3041-\u3096]{{1,3}}[{_KANJI}]?|[\u30a1-\u30faー]{{2,6}}"
)
_HIRA_GIVEN = re.compile(
    r"(?![がのをにはとへでもか]|さん|くん|ちゃん|さま)[\u3041-\u3096]{2,4}(?![\u3041-\u3096])"
    r"|[\u30a1-\u30faー]{2,4}(?![\u30a1-\u30faー])"
)
_KANA_NAME = re.compile(
    r"([\u30a1-\u30faー]{2,12})(?: ([\u30a1-\u30faー]{1,7}))?|([\u3041-\u3096ー]{2,12})(?: ([\u3041-\u3096ー]{1,7}))?"
)
_ROMAJI = re.compile(r"[A-Z][A-Za-z]{1,14} [A-Z][A-Za-z]{1,14}(?![A-Za-z])")
# Words of mailboxes and teams, not of names (From: Support Team, From: Sales Dept).
_ROLE_WORD = re.compile(
    r"\b(?:Team|Support|Sales|Dept|Department|Cent(?:er|re)|Office|Desk|Services?|Info|Admin|Staff|Group|"
    r"Division|Section|Customer|System|Notifications?|Mail|Reply|Help|News|Newsletter|Marketing|Shop|Store|"
    r"Online|Accounts?|Billing|Security|Corp|Inc|Ltd|Co|Japan|Tokyo)\b"
)
_TITLES = "課長 部長 係長 主任 社長 取締役 店長 マネージャー リーダー 所長 院長 会長 専務 常務 理事長 顧問 医師 担任".split()
# One flat alternation of literals keeps the regex engine's fast first-character scan; a title is a
# label only when a space or colon follows (社長 山田, not 社長室).
_LABEL = re.compile(
    r"(?:氏名|名前|担当の|担当者?(?![室部課])|記録|確認者|出席者|参加者|お客様対応|お客様|From|差出人|送信者|宛先|緊急連絡先|"
    r"受付|者:|者 |申込者|契約者|名義人?|依頼主|受取人|作成者|承認者|申請者|被保険者|代表者|扶養親族|配偶者|"
    r"部 |課 |室 |部\n|課\n|室\n|センター\n|フリガナ|ふりがな|付で|いたします。|"
    r"者名|客名|様名|人名|主名|宛名|保護者|代理人|世帯主|届出人|"
    r":(?<=作成:|司会:|書記:|文責:|欠席:|出席:)|"
    + "|".join(t + "(?=[:： ])" for t in _TITLES)
    + r")名?(?:\([^)\n]{1,10}\))?[:： \t]*"
)
_TITLES_TUPLE = tuple(_TITLES)
_TITLE_FIRST = re.compile(rf"(?:{_TITLE}|取締役|院長|理事長|顧問|医師|担任|マネージャー) ")
_ON_BEHALF = re.compile(rf"の([{_KANJI}]{{1,4}})です")
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
# Kanji that do not occur in personal names: a run holding one is a word, not an unknown name.
_NON_NAME = frozenset(
    "会社課係員業者客店局署庁省品物件数量額時週様殿宛各位担的用覧以情報番号宅電話設性別添確認絡送計画書式株"
    "普何考備年齢就販売庫資料議題項案請求払契約込申務取締役座預貯同"
)
_STOP = frozenset(
    "お客 皆 各位 担当者 ご担当者 ご担当 担当 関係者 会員 利用者 御中 責任者 管理者 皆様 本人 家族 "
    # kin and people words before さん (奥さん, 子供さん, 大家さん): nobody's name
    "奥 子供 子ども 娘 息子 嫁 旦那 主人 兄 姉 弟 妹 父 母 祖父 祖母 孫 大家 隣 近所 業者 先方 相手 "
    "職人 大工 医者 患者 店員 運転手".split()
)


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
    if run not in surnames() and not (strong and plausible_unknown(run + part)):
        return None
    follows = text[g.end() : g.end() + 3]
    if part in surnames() and part not in given_names() and len(part) >= 2:
        if not re.match(r" ?(?:様|さん|殿)", follows):
            return None  # "吉田 橋本": a list of surnames, not one name
    if strict and part not in given_names():
        return None
    if any(c in _NON_NAME for c in part):
        return None
    return g.end()


def plausible_unknown(run: str) -> bool:
    """Return whether a kanji run could be a name missing from the dictionaries (2-6 name kanji)."""
    if not 2 <= len(run) <= 7 or run in _STOP or run[-1] in "部課室係店社所局":
        return False
    if len(run) >= 3 and run.endswith(_COMPANY_END):
        return False  # 東和精機様, 北斗建設様: a company addressed with 様
    if run[-1] in "市町村区" and any(run[-n:] in municipalities() for n in (2, 3, 4, 5)):
        return False  # 一宮市さん: a city (浩市 and 健市 are given names, no city)
    return not any(c in _NON_NAME for c in run) and not _TIME_WORD.match(run)


# Words of time that stand where a name could (本日会長副会長会議で, 本日一宮市さんより).
_TIME_WORD = re.compile(
    r"本日|今日|明日|昨日|先日|当日|翌日|前日|後日|毎日|今回|次回|前回|今年|昨年|来年|今月|先月|来月|今週|来週|先週|今般|今後"
)


# Words that end company and institution names, never a person's (東和精機, 山陽商事, 北斗建設).
_COMPANY_END = tuple(
    "精機 工業 商事 電機 電気 建設 産業 物産 製作 興業 運輸 商会 設備 化学 製薬 食品 銀行 証券 保険 "
    "不動産 病院 医院 学園 学校 大学 協会 組合 事務所 工務 電工 技研 製菓 酒造 醸造 交通 観光 印刷 "
    "運送 物流 倉庫 商店 薬局 歯科 法人 機械 電子 通信 开発 開発 企画 技術 工房 製作所 重工 鉄工 "
    "製麺 通運 急便 貨物 興産 製鐵 製鉄 鉄鋼 重工業 商船 海運 汽船 製紙 紡績 繊維 工機 精工 精密 光学 薬品 "
    "製粉 製糖 乳業 "
    "鋼業 木材 石油 ガス 電力 水産 農園 牧場 建築 設計 塗装 住宅 ホーム 旅館 本舗".split()
)


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
        if g and plausible_unknown(run + g.group()):
            return g.end()
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
        end = parse_kana_name(text, pos) if kana else parse_name(text, pos, strong=strong)
        if end is None and not hits:
            romaji = _ROMAJI.match(text, pos)
            end = romaji.end() if romaji and not _ROLE_WORD.search(romaji.group()) else None
        if end is None and not hits and not kana:
            word = _KANA_WORD.match(text, pos)  # 担当のナム, 担当：グエン: one foreign name after a label
            end = word.end() if word and foreign_person(word.group()) else None
        if end is None:
            break
        if attendees and not kana:
            end = _split_surname_pair(text, pos, end)
        hits.append((pos, end, "PERSON", 3))
        sep = _LIST_SEP.match(text, end)
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
        start = run.start() + (title.end() if title else 0)
        kanji = re.sub(r"[ \u3041-\u3096\u30a1-\u30faー]", "", text[start:end])
        glued_kana = re.search(r"[\u3041-\u3096]\Z", text[start:end]) and " " not in text[start:end]
        if plausible_unknown(kanji) and (not glued_kana or kanji in surnames()):
            return start  # 山田はなこ様, but not 今度代わられた先生
    sur = surnames()
    for start in range(lo, end):
        if text[start:end].strip() in _STOP:
            return None
        if text[start : start + 3] in sur or text[start : start + 2] in sur or text[start] in sur:
            glued = start > 0 and _KANJI_CHAR.match(text, start - 1) is not None
            if glued and end - start == 1:
                continue  # 株式会社様: one kanji glued to a word is the word's end, not a surname
            if parse_name(text, start, strict=glued) == end:  # 東和精機様: 和精機 is no name
                return start
    return None


_KANJI_CHAR = re.compile(rf"[{_KANJI}]")
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
        if parse_kana_name(text, inner_start) == m.end(1) or _ROMAJI.fullmatch(inner):
            out.append((inner_start, m.end(1), "PERSON", 3))
    return out


_ALONE_LINE = rf"([{_KANJI}]{{1,4}}) ?([{_KANJI}]{{1,3}}) ?\r?$"
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
        first, second = m.group(1), m.group(2)
        spaced = m.end(1) < m.start(2)
        if not spaced:
            glued = first + second
            cut = next((n for n in range(1, len(glued)) if glued[:n] in sur and glued[n:] in given), None)
            first, second = (glued[:cut], glued[cut:]) if cut else (first, second)
        known = (first in sur or second in given) if spaced else (first in sur and second in given)
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

TRIGGERS = Triggers(
    search=(_LABEL, _HONORIFIC, _ON_BEHALF, _OF_DEPARTMENT, _ALONE, _READING_CUE, _LIST_LINE),
    start=(_ALONE_FIRST,),
)


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
        if label.endswith("\n"):  # 部\n above a name (a signature), not above a field (出席: ...)
            found = [h for h in found if text[h[1] : h[1] + 1] not in ":："]
        hits.extend(found)
    for m in _HONORIFIC.finditer(text):
        if _not_honorific(text, m):
            continue
        end = m.start() - 1 if text[m.start() - 1 : m.start()] == " " else m.start()
        if not end or text[end - 1] in _NO_NAME_END:
            continue  # ,様 in a mailing list whose 宛名 cell the table pass took: no name ends here
        start = _name_before(text, end)
        if start is None:
            start = _kana_name_before(text, end, m.group() in _JOB_TITLES)
        name_end: int | None = end
        if start is not None and m.group() in _JOB_TITLES:
            name_end = name_end_before_title(text, start, end)
        if (
            start is not None
            and name_end is not None
            and not (
                m.group() == "さん"
                and _KANJI_CHAR.search(text, start, name_end)
                and organisation(text[start:name_end])
            )
        ):  # 伊勢丹さん, 富士通さん: a company the analyser knows
            hits.append((start, name_end, "PERSON", 3))
    for m in _ON_BEHALF.finditer(text) if "です" in text else ():
        if m.group(1) in surnames():  # 〇〇の桐生です: a weak cue, so only known surnames
            hits.append((m.start(1), m.end(1), "PERSON", 2))
    if "(" in text:
        hits.extend(_read_names(text))
    hits.extend(_listed_names(text))
    for m in _OF_DEPARTMENT.finditer(text):
        if text.endswith(_DEPARTMENT_ENDS, 0, m.start()) and _known(
            m.group(1)
        ):  # 営業部の松本より: a dictionary surname (+ given name) only
            hits.append((m.start(1), m.end(1), "PERSON", 2))
    hits = hits + _readings_after(text, hits) + _alone_on_line(text)
    return [
        h
        for h in hits
        if not _NOT_A_NAME.search(text, h[0], h[1])
        and not (h[1] - h[0] >= 3 and text.endswith(_COMPANY_END, h[0], h[1]))
        and not _HEAD_COUNT.match(text, h[1])
        and not _office(text[h[0] : h[1]])
        and text[h[0] : h[1]] not in _ROLES_ALONE
        and not _shop_name(text[h[0] : h[1]])
        and not carrier(text, h[0], h[1])
    ]


# Carriers that business Japanese calls with さん (佐川さん, 日通さん, 西濃さん, 福山さん). 佐川, 福山, 西濃
# and 中越 are surnames too: they are the carrier only with a word of shipping in the same sentence
# nearby (佐川さんの集荷, 福山さんの路線便で発送), a person otherwise (福山さんから電話がありました).
_CARRIERS = frozenset("日通 名鉄 トナミ 郵便局 日本郵便 第一貨物 久留米運送 新潟運輸 ヤマト".split())
_CARRIER_SURNAMES = frozenset("佐川 福山 西濃 中越 岡山県貨物".split())
_SHIPPING = re.compile(
    r"集荷|配送|発送|配達|出荷|運賃|送り状|伝票|追跡|荷物|着払|元払|引取|引き取|持ち込|持込|ドライバー|"
    r"チャーター|路線|営業所留|宅配|運送|納品|貨物|パレット|便"
)


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
    return _SHIPPING.search(window, cut + 1, min(stop) if stop else len(window)) is not None


def _shop_name(name: str) -> bool:
    """Return whether ``name`` is a surname + 屋, a shop (中村屋さん), rather than a name (土屋, 古屋)."""
    return len(name) >= 3 and name[-1] == "屋" and name[:-1] in surnames()


# Characters no name ends with: a cell separator, a line end, a table cell blanked by the engine.
_NO_NAME_END = frozenset(",\t\n\x00")
# Words that are never part of a name: relations (続柄 長男), devices (携帯), headings (第10章 仕様) and
# the compounds of name-like kanji that news prose is full of (名誉会長, 王子, 人文学科).
_NOT_A_NAME = re.compile(
    r"長男|長女|次男|次女|三男|三女|続柄|携帯|自宅|勤務先|仕様|名誉|学科|王子|^第|[章節項条] |本人|家族|"
    r"紛失|滅失|毀損|漏えい|漏洩|誤送|盗難|事故|件名|概要|目次|付録|別紙|備考|出席|欠席|議題|日時|場所|"
    r"異動|退職|入社|着任|就任|昇格|配属|来期|今期|前期|全員|一同|郵便"
)


# A role alone before さん / 様 is no name (班長さん, 部長さん, 組長さんへ).
_ROLES_ALONE = frozenset(
    "班長 組長 部長 課長 係長 社長 店長 室長 所長 会長 院長 園長 校長 委員長 隊長 団長 区長 町内会長 自治会長 "
    "理事 監事 幹事 顧問 役員 会計 書記 当番 担任 主任 次長 専務 常務 副会長 副班長".split()
)


def _office(word: str) -> bool:
    """Return whether ``word`` is an office named by its place and title (松本市長, 長野県知事), no name."""
    if word.endswith("知事"):
        return word[:-2] in PREFECTURES
    place = word[:-1]
    return (
        len(word) >= 3
        and word[-1] == "長"
        and place[-1] in "都道府県市区町村"
        and (place in municipalities() or place in PREFECTURES)
    )


# A word before a head count is a role or a group (出席：理事7名、監事1名), not a name.
_HEAD_COUNT = re.compile(r" ?[0-9０-９]+ ?[名人]")
# 様 in words (仕様, 模様, 同様, 皆様, 様式, 様子) is no honorific.
_SAMA_WORDS = re.compile(r"(?<=[仕模同異多有今皆各貴神王])様|様(?=[式子相態々])")
_KANA_BEFORE = re.compile(r"[\u30a1-\u30faー]{2,12}(?:[・ ][\u30a1-\u30faー]{1,12}){0,3}\Z")
_KANA_ROLES = frozenset(
    "ユーザー ユーザ オーナー スタッフ ゲスト メーカー ドライバー メンバー パートナー クライアント ベンダー "
    "オペレーター リーダー マネージャー サポート センター ショップ カスタマー ファン ママ パパ".split()
)


_JOB_TITLES = frozenset("課長 部長 係長 社長 主任 店長 室長 次長 所長 会長 専務 常務 教授".split())
# Words that stand between a name and a job title (大矢光雄副社長, 三森前会長, 徳植次期社長) or before a
# title without any name (新社長, 後任社長, 初代会長, 同社社長, 本部長).
_TITLE_PREFIX = re.compile(
    r"(?:新|前|元|現|副|上級副|次期|後任|前任|初代|歴代|二代目|同社|同|当社|弊社|各|代表|名誉|筆頭|統括|"
    r"統括本|[\u3041-\u3096]+)\Z"
)
# Words of company names in katakana (エス・イー・シーエレベーター会長 is no person).
_KANA_COMPANY = re.compile(
    r"(?:エレベーター|ホールディングス|グループ|ジャパン|システムズ?|テクノロジーズ?|サービス|コーポレーション|"
    r"インターナショナル|エンタープライズ|カンパニー|ファンド|ホテル|ホール|センター|ショップ|ストア|スタジオ|"
    r"クリニック|フーズ|エンジニアリング|パートナーズ|ラボ|バンク|モータース|ストアーズ)$"
)
_LETTER_NAMES = frozenset(
    "エー エイ ビー シー ディー イー エフ ジー エイチ アイ ジェー ジェイ ケー ケイ エル エム エヌ オー ピー キュー "
    "アール エス ティー ユー ブイ ダブリュー エックス ワイ ゼット ゼッド".split()
)


def _known(name: str) -> bool:
    """Return whether ``name`` is a dictionary surname, or surname + given name (秋元, 山本 太郎)."""
    name = name.replace(" ", "")
    sur, given = surnames(), given_names()
    return name in sur or any(name[:n] in sur and name[n:] in given for n in (1, 2, 3))


def name_end_before_title(text: str, start: int, end: int) -> int | None:
    """Return where a name before a job title (会長, 社長, 部長 ...) ends, or None when it is no name.

    News writes 新社長, 本部長, 日本支部長, 初代会長 and company names before titles, and words between
    a name and its title (大矢光雄副社長, 三森前会長): those are cut off; a name left has two or more
    characters, starts at a word boundary and ends in no organisation word.
    """
    if start and _KANJI_CHAR.match(text, start - 1):
        return None  # 営業本部長: glued to the word before
    name = text[start:end]
    while not _known(name) and (prefix := _TITLE_PREFIX.search(name)) is not None and prefix.start() > 0:
        name = name[: prefix.start()]
    name = name.rstrip(" ")
    if (
        len(name.replace(" ", "")) < 2
        or _TITLE_PREFIX.fullmatch(name)
        or (name[-1] in "支部課室係店社所局会校院署団省庁県市町村区" and not _known(name))  # 北村, 中村
    ):
        return None
    parts = re.split(r"[・ ]", name)
    if any(_KANA_COMPANY.search(p) for p in parts) or sum(p in _LETTER_NAMES for p in parts) >= 2:
        return None
    if _KANJI_CHAR.match(name) and not _surname_led(name.replace(" ", "")):
        return None  # 総合政策部長, 健康福祉部長, 建設課長: a department before the title
    return start + len(name)


# Words of departments and fields that stand before 部長 / 課長 (総合政策部長, 建設課長, 診療部長).
_DEPARTMENT = re.compile(
    r"総務|人事|経理|財務|財政|営業|企画|広報|法務|総合|政策|教育|福祉|建設|行政|診療|管理|整備|計画|振興|"
    r"生活|観光|労働|商工|消防|事務|技術|開発|製造|品質|情報|保健|医療|環境|農林|農政|水産|土木|都市|市民|"
    r"学校|健康|増進|危機|監査|会計|税務|議会|秘書|国際|文化|社会|購買|調達|物流|生産|設計|研究|業務|推進|"
    r"戦略|経営|安全|衛生|施設|資材|審査|販売|商品|事業|本部|支店|支社|地域|厚生|労務|庶務|住民|戸籍|保険|"
    r"年金|介護|障害|児童|保育|学務|指導|生涯|学習|体育|図書|公園|道路|河川|水道|交通|防災|選挙|統計|財産|"
    r"契約|検査|工務|営繕|用地|子育|観光|産業|商業|工業|農業|林業|漁業|港湾|空港|病院|看護|薬剤|放射|検診|"
    # and the words news puts before 選手 / 医師 / 議員 without a name (先発投手, 主治医師, 県議会議員)
    r"先発|救援|中継|左腕|右腕|主力|新人|外国人|日本人|主治|外科|内科|歯科|国会|衆院|参院|無所属|地裁|高裁|"
    r"最高裁|法人|協会|男性|女性|少年|少女|新聞|顧問|養護|担当|代表|監督|委員|首席|主任|専任|常勤|非常勤"
)


def _surname_led(name: str) -> bool:
    """Return whether a kanji ``name`` before a title reads as surname (+ given name) and names no department.

    A dictionary surname, a surname + dictionary given name, or a surname + up to four more name
    kanji (宮川怜斗, 光吉); 財政 (財 + 政) and 建設 (建 + 設) are departments.
    """
    name = name.removeprefix("故")  # 故山下宗吉会長
    if _DEPARTMENT.search(name) or _TIME_WORD.match(name) or (len(name) >= 3 and name.endswith(_COMPANY_END)):
        return False  # 出光興産新社長: a company
    sur, given = surnames(), given_names()
    for n in (3, 2, 1):
        rest = name[n:]
        if name[:n] in sur and (not rest or rest in given or (len(rest) <= 4 and plausible_unknown(name))):
            return True
    return False


def _not_honorific(text: str, m: re.Match[str]) -> bool:
    if text[m.start() - 1 : m.start()] in ("皆", "各"):
        return True  # 皆さん, 皆様, 各位
    if m.group() == "殿" and re.match(r"[\u30a1-\u30fa\u4e00-\u9fff]", text[m.end() : m.end() + 1]):
        return True  # 殿堂, 殿下, 高砂殿グループ: no honorific
    return m.group() == "様" and _SAMA_WORDS.match(text, m.start()) is not None


def has_kana_role(name: str) -> bool:
    """Return whether a word of the katakana ``name`` is a role (メーカー, スタッフ …), not a name."""
    return any(part in _KANA_ROLES for part in re.split(r"[・ ]", name))


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
