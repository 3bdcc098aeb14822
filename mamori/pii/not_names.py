"""Tell what a context called a name but is none: relations, devices, roles, offices, routes, shops.

``names`` and the other PERSON recognisers find a name by its context (様, a label, a column) and ask
``not_a_name`` before they keep it.
"""

from __future__ import annotations

import re

from mamori.pii.analyser import trade_shop
from mamori.pii.dictionaries import PREFECTURES, municipalities, surnames
from mamori.pii.name_words import COMPANY_END as _COMPANY_END
from mamori.pii.name_words import HEAD_COUNT as _HEAD_COUNT
from mamori.pii.name_words import ROLE_ENDS as _ROLE_ENDS
from mamori.pii.name_words import ROLES_ALONE as _ROLES_ALONE
from mamori.pii.name_words import STOP as _STOP
from mamori.pii.name_words import (
    TIME_WORD,
    department,
    glued_to_a_word,
    pseudonym_or_company,
)
from mamori.pii.name_words import office as _office
from mamori.pii.name_words import pet as _pet
from mamori.pii.org_names import organisation_in_name_place
from mamori.pii.spaced_titles import in_spaced_title
from mamori.pii.spans import Hit
from mamori.pii.trade_names import carrier, company_before_san

# Groups of a place's residents or members whose head is called 会長 (松ヶ丘町内会長, 東区自治会長, 婦人会長).
_GROUP_STEMS = (
    "町内",
    "自治",
    "婦人",
    "老人",
    "子ども",
    "子供",
    "商店",
    "育成",
    "保存",
    "後援",
    "振興",
    "連合",
)


def not_a_name(text: str, start: int, end: int) -> bool:
    """Return whether ``start:end``, read as a name by its context, is none: a relation, a device, a
    role, a company, a shop, a department, an office, a pet, a word glued to a longer one."""
    name = text[start:end]
    return (
        _NOT_A_NAME.search(text, start, end) is not None
        or (end - start >= 3 and text.endswith(_COMPANY_END, start, end))
        or _HEAD_COUNT.match(text, end) is not None
        or (text.startswith("会", end) and name.endswith(_GROUP_STEMS))  # 松ヶ丘町内|会長: a group's head
        or _office(name)
        or _pet(text, start, end)
        or name.rpartition(" ")[2] in _DESKS  # みなと中央歯科 受付様: the clinic's reception desk
        or (" " in name and in_spaced_title(text, start, end))  # 御 見 積 書: 見 積 is no spaced name
        or name in _ROLES_ALONE
        or name in PREFECTURES  # 長野県様: the prefecture's office
        or _route(name)  # 山口県発 関西宛: a rate table's route
        or (end - start == 1 and start > 0 and text[start - 1] in "おご")  # お姫さま, ご先祖: no name
        or (name in _AREAS and text.startswith(("の", "在", "に", "で"), end))  # 対象者：市内の高校生
        or _RESIDENCE.search(text, max(0, start - 8), start)
        is not None  # （71歳、奥沢小様）: where they live
        or (
            name == "中" and start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff"
        )  # 受付中, 担当中: "in progress"
        or (name == "上" and text.startswith("様", end))  # a receipt's 上様: to the bearer, no one named
        or name in _STOP
        or TIME_WORD.fullmatch(name) is not None
        or text.endswith(_ROLE_ENDS, start, end)
        or _shop_name(name)
        or department(name)
        or glued_to_a_word(text, start, end, _KANA_ROLES)
        or pseudonym_or_company(text, start, end)
        or carrier(text, start, end)
        or company_before_san(text, start, end)
        or organisation_in_name_place(text, start, end)
        or _kana_municipality(text, start, end)
    )


_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30faー]+")


def _kana_municipality(text: str, start: int, end: int) -> bool:
    """Return whether a kana name is a city, town or village written in kana, cut before 市 / 町 / 村
    (`From: さいたま市 子ども未来局`, `つくば市より`: the municipality, no given name)."""
    return (
        text[end : end + 1] in ("市", "町", "村")
        and _KANA.fullmatch(text, start, end) is not None
        and text[start : end + 1] in municipalities()
    )


# The regions a carrier's rate table names as a destination (関西宛, 南九州宛).
_REGIONS = frozenset(
    "北海道 東北 北東北 南東北 関東 信越 甲信越 北陸 中部 東海 関西 近畿 中国 四国 九州 北九州 南九州 沖縄 離島".split()
)


def _route(name: str) -> bool:
    """Return whether ``name`` is a place and 発 / 宛 (山口県発, 関西宛): where a parcel goes from or to."""
    if len(name) < 3 or name[-1] not in "発宛":
        return False
    place = name[:-1]
    return place in _REGIONS or place in PREFECTURES or place in municipalities()


# Who a programme serves, by where they live (受講対象者：県内の高校生, 受益者：市内在住の高齢者): an area, no
# name, though 市 or 村 is a surname; 村内 alone (担当：村内) stays one.
_AREAS = frozenset(
    "市内 県内 区内 町内 村内 管内 都内 府内 道内 国内 域内 圏内 校内 社内 学内 市外 県外 区外 町外 都外 府外 道外 国外".split()
)


# News gives a person's age and where they live in brackets after the name: （71歳、…） names a place.
_RESIDENCE = re.compile(r"[(（]\d{1,3}歳[、,]\s*\Z")


def _shop_name(name: str) -> bool:
    """Return whether ``name`` is a surname + 屋 (中村屋さん) or a trade + 屋 (八百屋さん, 豆腐屋さん), a shop,
    rather than a name (土屋, 古屋)."""
    if name[-1:] != "屋":
        return False
    return (len(name) >= 3 and name[:-1] in surnames()) or trade_shop(name)


# Words that are never part of a name: relations (続柄 長男), devices (携帯), headings (第10章 仕様) and
# the compounds of name-like kanji that news prose is full of (名誉会長, 王子, 人文学科).
_NOT_A_NAME = re.compile(
    r"長男|長女|次男|次女|三男|三女|続柄|携帯|自宅|勤務先|仕様|名誉|学科|王子|^第|(?<=\d)[章節項条] |本人|家族|夫婦|夫妻|両親|親子|兄弟|姉妹|"
    r"紛失|滅失|毀損|漏えい|漏洩|誤送|盗難|事故|件名|概要|目次|付録|別紙|備考|出席|欠席|議題|日時|場所|"
    r"異動|退職|入社|着任|就任|昇格|配属|来期|今期|前期|全員|一同|郵便|内線|外線|直通|"
    r"おかあ|おとう|おばあ|おじい|おにい|おねえ"  # kin before さん (池袋おかあさん, a restaurant)
)


# A role alone before さん / 様 is no name (班長さん, 部長さん, 組長さんへ).
_KANA_ROLES = frozenset(
    "ユーザー ユーザ オーナー スタッフ ゲスト メーカー ドライバー メンバー パートナー クライアント ベンダー "
    "オペレーター リーダー マネージャー サポート センター ショップ カスタマー ファン ママ パパ パート アルバイト バイト テナント ホスト キャスト スポンサー".split()
)


def has_kana_role(name: str) -> bool:
    """Return whether a word of the katakana ``name`` is a role (メーカー, スタッフ …), not a name."""
    return any(part in _KANA_ROLES for part in re.split(r"[・ ]", name))


# A desk addressed after an organisation's name (歯科 受付様, 市役所 窓口様): no person's given name.
_DESKS = frozenset(("受付", "窓口", "フロント", "事務局", "受付係", "受付窓口", "ご担当", "担当者"))


# A relation word before a spaced given name (ご主人 健吾様, 奥様 美咲様): who the person is, not their surname.
_RELATION = re.compile(r"(?:主人|旦那|奥様|奥さん|ご主人|お父様|お母様|息子|娘|ご長男|ご長女)[ \u3000]")


def after_relations(text: str, hits: list[Hit]) -> list[Hit]:
    """Return *hits* with a relation word before a name cut off (ご主人 健吾様 names 健吾)."""
    return [
        (m.end(), end, label, priority)
        if (m := _RELATION.match(text, start, end)) is not None and m.end() < end
        else (start, end, label, priority)
        for start, end, label, priority in hits
    ]


# 間違い, 行う, 違え after a label glued to them: a verb's ending, which no name takes (宛先間違い).
WORD_GOES_ON = re.compile(r"[いうえるれ]")
