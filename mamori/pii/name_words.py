"""Words that are, or are never, parts of a person's name, and the names before job titles.

The kanji a name can hold, words that stand where a name could (time words, kin, company endings),
whether an unknown kanji run could still be a name, and where a name before a job title ends
(新社長, 総合政策部長 and 出光興産新社長 hold none). ``names`` and ``prose`` read them.
"""

from __future__ import annotations

import re

from mamori.pii.dictionaries import PREFECTURES, given_names, municipalities, surnames
from mamori.pii.spans import Hit

KANJI = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f\u3005\u3006\u30f6\u30ce"
KANJI_CHAR = re.compile(rf"[{KANJI}]")

NON_NAME = frozenset(
    "会社課係員業者客店局署庁省品物件数量額時週様殿宛各位担的用覧以情報番号宅電話設性別添確認絡送計画書式株"
    "普何考備年齢就販売庫資料議題項案請求払契約込申務取締役座預貯同"
)
STOP = frozenset(
    "お客 皆 各位 担当者 ご担当者 ご担当 担当 関係者 会員 利用者 御中 責任者 管理者 皆様 本人 家族 "
    # kin and people words before さん (奥さん, 子供さん, 大家さん): nobody's name
    "奥 子供 子ども 娘 息子 嫁 旦那 主人 兄 姉 弟 妹 父 母 祖父 祖母 孫 大家 隣 近所 業者 先方 相手 "
    "職人 大工 医者 患者 店員 運転手 "
    # how many, before 様 (お一人様1点限り, 二名様)
    "一人 お一人 二人 お二人 独り 一名 二名 三名 四名 "
    # the bereaved and their kin in condolences and funeral notices (喪主様, ご遺族様, ご尊父様)
    "喪主 遺族 尊父 母堂 令息 令嬢 故人 施主 全社員 "
    # the fields of forms and sheets, read as a name under another label (所属→営業部 営業第二課⏎氏名)
    "氏名 名前 所属 日付 受付 住所 項目 判定 区分 役職 金融機関 支店 種別 続柄 性別 年齢 職業".split()
)


def plausible_unknown(run: str) -> bool:
    """Return whether a kanji run could be a name missing from the dictionaries (2-6 name kanji)."""
    if not 2 <= len(run) <= 7 or run in STOP or run[-1] in "部課室係店社所局":
        return False
    if len(run) >= 3 and (run[-2:] in _COMPANY_END_2 or run[-3:] in _COMPANY_END_3):
        return False  # 東和精機様, 北斗建設様: a company addressed with 様 (run.endswith(COMPANY_END))
    if run[-1] in "市町村区" and any(run[-n:] in municipalities() for n in (2, 3, 4, 5)):
        return False  # 一宮市さん: a city (浩市 and 健市 are given names, no city)
    return NON_NAME.isdisjoint(run) and not TIME_WORD.match(run)


# Words of time that stand where a name could (本日会長副会長会議で, 本日一宮市さんより).
TIME_WORD = re.compile(
    r"本日|今日|明日|昨日|先日|当日|翌日|前日|後日|毎日|今回|次回|前回|今年|昨年|来年|今月|先月|来月|今週|来週|先週|今般|今後|"
    r"平日|休日|祝日|土日|終日|毎週|毎月"
)


# Words that end company and institution names, never a person's (東和精機, 山陽商事, 北斗建設).
COMPANY_END = tuple(
    "精機 工業 商事 電機 電気 建設 産業 物産 製作 興業 運輸 商会 設備 化学 製薬 食品 銀行 証券 保険 "
    "不動産 病院 医院 学園 学校 大学 協会 組合 事務所 工務 電工 技研 製菓 酒造 醸造 交通 観光 印刷 "
    "運送 物流 倉庫 商店 薬局 歯科 法人 機械 電子 通信 开発 開発 企画 技術 工房 製作所 重工 鉄工 "
    "製麺 通運 急便 貨物 興産 製鐵 製鉄 鉄鋼 重工業 商船 海運 汽船 製紙 紡績 繊維 工機 精工 精密 光学 薬品 "
    "製粉 製糖 乳業 "
    "鋼業 木材 石油 ガス 電力 水産 農園 牧場 建築 設計 塗装 住宅 ホーム 旅館 本舗".split()
)

# COMPANY_END by length (two or three kanji; test_fast_paths checks), looked up in sets: endswith with
# the tuple compared every ending in turn.
_COMPANY_END_2 = frozenset(end for end in COMPANY_END if len(end) == 2)
_COMPANY_END_3 = frozenset(end for end in COMPANY_END if len(end) == 3)


# A legal form inside a name (株式会社北辰, 丸八㈱), and what a shop's name ends in (清水酒店, 松月堂, 丸八屋).
_LEGAL_FORM = re.compile(r"株式会社|有限会社|合同会社|合資会社|合名会社|[(（][株有][)）]|㈱|㈲")
_SHOP_END = ("店", "堂", "屋", "舗")


def business_name(word: str) -> bool:
    """Return whether ``word`` names a business by its form or its ending (合資会社…, …酒店, …商店, …薬局)."""
    return _LEGAL_FORM.search(word) is not None or (
        len(word) >= 3 and (word.endswith(COMPANY_END) or word.endswith(_SHOP_END))
    )


# Posts only one person of an organisation holds, its head's (院長, 園長, 塾長, 女将, 組合長): before a
# name on its line (names.py: 園長　鹿子木 遥) or alone above it (name_fields.py: 塾長 / 齋藤 美咲).
HEAD_POSTS = (
    "副院長 院長 理事長 代表理事 代表取締役社長 代表取締役 代表者 代表 社長 会長 副園長 園長 校長 副校長 塾長 "
    "教室長 店長 所長 施設長 館長 組合長 支配人 女将 住職 宮司 事務局長 事務長"
).split()
JOB_TITLES = frozenset("課長 部長 係長 社長 主任 店長 室長 次長 所長 会長 専務 常務 教授".split())
# Words that stand between a name and a job title (大矢光雄副社長, 三森前会長, 徳植次期社長, 桐原総院長) or before a
# title without any name (新社長, 後任社長, 初代会長, 同社社長, 本部長).
_TITLE_PREFIX = re.compile(
    r"(?:新|前|元|現|副|総|上級副|次期|後任|前任|初代|歴代|二代目|同社|同|当社|弊社|各|代表|名誉|筆頭|統括|"
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


def known(name: str) -> bool:
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
    if start and KANJI_CHAR.match(text, start - 1):
        return None  # 営業本部長: glued to the word before
    name = text[start:end]
    while not known(name) and (prefix := _TITLE_PREFIX.search(name)) is not None and prefix.start() > 0:
        name = name[: prefix.start()]
    name = name.rstrip(" ")
    if (
        len(name.replace(" ", "")) < 2
        or _TITLE_PREFIX.fullmatch(name)
        or (name[-1] in "支部課室係科店社所局会校院署団省庁県市町村区" and not known(name))  # 北村, 仁科
    ):
        return None
    parts = re.split(r"[・ ]", name)
    if any(_KANA_COMPANY.search(p) for p in parts) or sum(p in _LETTER_NAMES for p in parts) >= 2:
        return None
    if KANJI_CHAR.match(name) and not _surname_led(name.replace(" ", "")):
        return None  # 総合政策部長, 健康福祉部長, 建設課長: a department before the title
    return start + len(name)


# A job title written after a spaced surname, its prefix or unit cut into a given name by the titles the
# name rules stop at (中村 本部長 → 中村 本, 佐藤 副社長 → 佐藤 副, 木下 工場長, 鈴木 統括部長代理).
_SPACED_TITLE = re.compile(
    r"(?:副|本|前|元|新|旧|現|次期|統括|総括|担当|代表|執行|専務|常務|首席|筆頭|名誉)*"
    r"(?:(?:工場|支店|支社|本部|本店|事業部|営業所|支所|部|課|係|室|店|所|院|園|校|局|署|館|社|会|班|組|塾)長"
    r"|取締役|執行役員|役員|主任|主査|主幹|参事|顧問|理事|監事|専務|常務|次長)(?:代理|補佐|代行)?"
)
_TITLE_AFTER = re.compile(rf" ?(?:{_SPACED_TITLE.pattern})(?![{KANJI}])")


def title_after(text: str, pos: int) -> int:
    """Return the end of a job title written at ``pos`` after a name (` 副社長`, `部長代理`), else ``pos``."""
    m = _TITLE_AFTER.match(text, pos)
    return pos if m is None else m.end()


def surname_before_title(text: str, start: int, end: int) -> int:
    """Return where the name ``text[start:end]`` ends once a job title read as its given name is cut off.

    ``中村 本部長`` read as the name ``中村 本`` is 中村 and a title: the part after the space, with the
    kanji glued after it, is a title (副社長, 工場長, 統括部長代理), so the name ends at the space.
    """
    space = text.rfind(" ", start, end)
    if space <= start:
        return end
    tail = end
    while tail < len(text) and KANJI_CHAR.match(text, tail):
        tail += 1
    return space if _SPACED_TITLE.fullmatch(text, space + 1, tail) else end


# The kanji before 長 in a post (部長, 課長, 店長, 副社長, 市長, センター長): 長 glued to one is the post's.
_POST_HEADS = frozenset("部課社店所院校会局係室署館園駅場議団塾学総船次市町村区ー")


def given_after_post(text: str, start: int, end: int) -> int:
    """Return where the name ``text[start:end]`` starts once the 長 of a post before it is cut off.

    ``営業部長 翔様`` read as the name ``長 翔`` is a post and a given name: 長 glued to the kanji before
    it (部長, 課長, 店長, 副社長) is the post's, so the name starts after the space. ``営業部 長 翔様``
    (a surname 長 after a space) stays whole.
    """
    if end > start + 2 and text.startswith("長 ", start) and start and text[start - 1] in _POST_HEADS:
        return start + 2
    return start


def cut_title(text: str, hit: Hit) -> Hit:
    """Return ``hit`` with a post's 長 cut off its start and a title read as its given name off its end."""
    return (given_after_post(text, hit[0], hit[1]), surname_before_title(text, hit[0], hit[1]), *hit[2:])


# Words of departments and fields that stand before 部長 / 課長 (総合政策部長, 建設課長, 診療部長).
DEPARTMENT = re.compile(
    r"総務|人事|経理|財務|財政|営業|企画|広報|法務|総合|政策|教育|福祉|建設|行政|診療|管理|整備|計画|振興|"
    r"生活|観光|労働|商工|消防|事務|技術|開発|製造|品質|情報|保健|医療|環境|農林|農政|水産|土木|都市|市民|"
    r"学校|健康|増進|危機|監査|会計|税務|議会|秘書|国際|文化|社会|購買|調達|物流|生産|設計|研究|業務|推進|"
    r"戦略|経営|安全|衛生|施設|資材|審査|販売|商品|事業|本部|支店|支社|地域|厚生|労務|庶務|住民|戸籍|保険|"
    r"年金|介護|障害|児童|保育|学務|指導|生涯|学習|体育|図書|公園|道路|河川|水道|交通|防災|選挙|統計|財産|"
    r"契約|検査|工務|営繕|用地|子育|観光|産業|商業|工業|農業|林業|漁業|港湾|空港|病院|看護|薬剤|放射|検診|"
    # and the words news puts before 選手 / 医師 / 議員 without a name (先発投手, 主治医師, 県議会議員)
    r"先発|救援|中継|左腕|右腕|主力|新人|外国人|日本人|主治|外科|内科|歯科|国会|衆院|参院|無所属|地裁|高裁|"
    r"最高裁|法人|協会|男性|女性|少年|少女|新聞|顧問|養護|担当|代表|監督|委員|首席|主任|専任|常勤|非常勤|"
    # a tournament and its result before 投手 / 選手 (甲子園優勝投手, 全国大会準優勝選手, 決勝進出)
    r"優勝|甲子園|大会|決勝|出場|連覇"
)
# DEPARTMENT's words: a cell that is one of them alone (what DEPARTMENT.fullmatch tells), looked up in a set
DEPARTMENT_WORDS = frozenset(DEPARTMENT.pattern.split("|"))
assert all(re.escape(word) == word for word in DEPARTMENT_WORDS)  # literals only: the set is the pattern


def _surname_led(name: str) -> bool:
    """Return whether a kanji ``name`` before a title reads as surname (+ given name) and names no department.

    A dictionary surname, a surname + dictionary given name, or a surname + up to four more name
    kanji (宮川怜斗, 光吉); 財政 (財 + 政) and 建設 (建 + 設) are departments.
    """
    name = name.removeprefix("故")  # 故山下宗吉会長
    if DEPARTMENT.search(name) or TIME_WORD.match(name) or (len(name) >= 3 and name.endswith(COMPANY_END)):
        return False  # 出光興産新社長: a company
    sur, given = surnames(), given_names()
    for n in (3, 2, 1):
        rest = name[n:]
        if name[:n] in sur and (not rest or rest in given or (len(rest) <= 4 and plausible_unknown(name))):
            return True
    return False


# Endings of words for a job or a member, never of a name (清掃員さん, 音楽科教諭, 警備員).
ROLE_ENDS = (
    "清掃員",
    "警備員",
    "作業員",
    "職員",
    "社員",
    "係員",
    "会員",
    "委員",
    "教員",
    "教諭",
    "店員",
    "隊員",
    "乗務員",
    "学校長",  # 各町立小・中学校長 様: the heads of schools a notice goes to (森下校長 stays a name)
)

ROLES_ALONE = frozenset(
    "班長 組長 部長 課長 係長 社長 店長 室長 所長 会長 院長 園長 校長 委員長 隊長 団長 区長 町内会長 自治会長 "
    "理事 監事 幹事 顧問 役員 会計 書記 当番 担任 主任 次長 専務 常務 副会長 副班長 理事長 "
    # professions called with さん / 先生 (薬剤師さんへのご相談, 看護師さん, 保育士の先生)
    "薬剤師 看護師 保健師 保育士 栄養士 歯科医 医師 獣医 税理士 弁護士 司法書士 行政書士 社労士 "
    "講師 教師 技師 美容師 調理師 運転士 整備士 設計士 建築士 介護士 助産師 店主 主幹 宮司 住職".split()
    + HEAD_POSTS  # 副院長, 事務長, 女将: a head's post alone
)


def office(word: str) -> bool:
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
HEAD_COUNT = re.compile(r" ?[0-9０-９]+ ?[名人]")


# What a pet's line holds beside its name (モモちゃん（トイプードル）ケージ1, ポチちゃん ワクチン).
_PET_WORDS = re.compile(
    r"プードル|チワワ|ダックス|ポメラニアン|マルチーズ|シーズー|ヨークシャー|ゴールデン|ラブラドール|ブルドッグ|"
    r"パグ|コーギー|ビーグル|シュナウザー|柴犬|豆柴|ミックス|雑種|猫|ネコ|ねこ|犬|イヌ|いぬ|うさぎ|ウサギ|ハムスター|"
    r"インコ|ケージ|トリミング|ワクチン|狂犬病|予防接種|去勢|避妊|フィラリア|ペット|飼い主|散歩|"
    r"柴(?![\u4e00-\u9fff])|スコティッシュ|アメショ|MIX|ワンちゃん|看板猫|看板犬"
)
_KIND_CELL = 12  # characters of a cell naming an animal's kind (ミニチュアダックス, 犬（柴）)


def animal_kinds(values: list[str]) -> bool:
    """Return whether most of a column's cells (two or more) name an animal's kind: 犬, 猫, 柴, トイプードル."""
    kinds = sum(1 for v in values if len(v) <= _KIND_CELL and _PET_WORDS.search(v))
    return len(values) >= 2 and kinds * 2 > len(values)


# A male pet is called くん / 君 like a boy: read as a pet's only when the name is no dictionary surname.
_PET_HONORIFICS = ("ちゃん", "くん", "君")


def pet(text: str, start: int, end: int) -> bool:
    """Return whether the name at ``start:end`` before ちゃん / くん / 君 is a pet's: its line speaks of
    animals, or the next line when the honorific ends its line (a PDF wraps before （柴・10歳）)."""
    honorific = next((h for h in _PET_HONORIFICS if text.startswith(h, end)), None)
    if honorific is None or (honorific != "ちゃん" and known(text[start:end])):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end == end + len(honorific):
        line_end = text.find("\n", line_end + 1)
    line_end = line_end if line_end >= 0 else len(text)
    return bool(_PET_WORDS.search(text, line_start, start) or _PET_WORDS.search(text, end, line_end))


_KATAKANA_AFTER = re.compile(r"[\u30a1-\u30faー]{5,}")
_KATAKANA_BEFORE = re.compile(r"[\u30a1-\u30faー]{4,}\Z")
# Titles written in katakana after a name (渡邊翔キャップ, 田中マネージャー, 佐藤プロデューサー).
_KANA_TITLES = (
    "キャップ",
    "デスク",
    "コーチ",
    "プロデューサー",
    "ディレクター",
    "アナウンサー",
    "キャスター",
)


def glued_to_a_word(text: str, start: int, end: int, roles: frozenset[str]) -> bool:
    """Return whether a kanji name at ``start:end`` is glued to a katakana word: the part of a company's
    or a site's name (長野サービスステーション, ビルメン東海さん). A role or a title beside a name
    stays (パート田中さん, 田中マネージャー: ``roles`` and the katakana titles)."""
    if not KANJI_CHAR.match(text, start) or not KANJI_CHAR.match(text, end - 1):
        return False
    after = _KATAKANA_AFTER.match(text, end)
    if after is not None and not after.group().startswith((*roles, *_KANA_TITLES)):
        return True
    before = _KATAKANA_BEFORE.search(text, max(0, start - 12), start)
    return before is not None and before.group() not in roles


def department(name: str) -> bool:
    """Return whether ``name`` is a department (米穀課, 技術部), no surname that ends like one (長谷部)."""
    return len(name) >= 3 and name[-1] in "部課室係" and not known(name)


# A pen name (ラジオネーム りんご姫さん) is nobody's name; a name followed by の and a company's legal
# form is the start of the company's (大雪渓の郷酒造株式会社).
_PSEUDONYM = re.compile(r"(?:ラジオネーム|ペンネーム|ハンドルネーム|ニックネーム|RN)[:：]? ?[^\n]{0,12}\Z")
_COMPANY_AFTER = re.compile(r"の[^\s、。,\n]{0,12}?(?:株式会社|有限会社|合同会社|\(株\)|\(有\))")


def pseudonym_or_company(text: str, start: int, end: int) -> bool:
    """Return whether the name at ``start:end`` is a pen name or the start of a company's name."""
    return (
        _PSEUDONYM.search(text, max(0, start - 20), start) is not None
        or _COMPANY_AFTER.match(text, end) is not None
    )


# 様 in words (仕様, 模様, 同様, 皆様, 態様, 文様, 様式, 様子), 殿 in words (本殿, 拝殿, 御殿, 殿堂, 殿下) and
# くん in words (長崎くんち, くんせい) are no honorifics.
_SAMA_WORDS = re.compile(r"(?<=[仕模同異多有今皆各貴神王態一両文紋])様|様(?=[式子相態々])")
_TONO_WORDS = re.compile(r"(?<=[本拝神宮御寝宝正仏社湯貴])殿|殿(?=[\u30a1-\u30fa\u4e00-\u9fff])")


def honorific_in_word(text: str, m: re.Match[str]) -> bool:
    """Return whether the honorific matched by ``m`` is part of a word (皆さん, 本殿, 態様, くんち)."""
    if text[m.start() - 1 : m.start()] in ("皆", "各"):
        return True  # 皆さん, 皆様, 各位
    if m.group() == "殿":
        return _TONO_WORDS.match(text, m.start()) is not None  # 高砂殿グループ too
    if m.group() == "くん":
        return text.startswith(("ち", "せい"), m.end())
    return m.group() == "様" and _SAMA_WORDS.match(text, m.start()) is not None


# Surnames of China and Taiwan that are no common Japanese surname (not 林, 森, 高).
_CHINESE_SURNAMES = frozenset(
    "陳張李王黄劉呉楊周徐孫朱郭鄭梁謝許蔡蕭曾彭潘袁鍾廖邱頼詹顔柯荘蘇呂游沈趙馮鄧魏薛何胡羅姚盧黎"
)


def chinese_given_kun(text: str, start: int, end: int) -> int:
    """Return the end of the name at ``start:end``, past a 君 that ends its given name when it is a Chinese
    surname and one kanji (陳 怡君, 蔡淑君: a given name of two characters, not a boy called 君)."""
    if text[end : end + 1] != "君" or text[start : start + 1] not in _CHINESE_SURNAMES:
        return end
    given = text[start + 1 : end].lstrip(" ")
    return end + 1 if len(given) == 1 and KANJI_CHAR.match(given) else end
