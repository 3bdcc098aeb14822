"""Words that stand where a name would (before さん, after a label, as a display name) and are no name.

People write organisations, groups and things where a name could stand, and a human tells them by
what is around and inside the word, not by knowing every company:

- Latin capitals glued before it: a newspaper dealer (``ASA`` + a place), an agricultural co-op
  (``JA`` + a place), a dealer chain's shop; a person's name is never written so;
- a katakana word the analyser reads as a common noun even when asked with さん: a shop's kind before
  its name (パティスリー・…, カフェ・…, ベーカリー…) or a kind after a place (…コープ, …プレス); a
  katakana given name is read as a name with さん (ミドリさん, ハナコさん);
- a word of three kanji or more ending like a shop (…堂, …庵, …亭, …軒): a sweet shop, a restaurant;
- a branch or office (…支店, …営業所, …工場): a mail's display name ``<運送会社> <地名>支店``; a
  public body, a school, a hospital or an association (…病院, …高校, …広域連合, …自治会) addressed with 様;
- a group that the analyser reads as common nouns only, one of them a verbal or adverbial noun (午前班,
  説明分: 午前 + 班, 説明 + 分), which an unknown name after a label never is;
- a place word after の (ポストの中です): no one's name signs there; a municipality (岡山市), a word a
  department follows after a space (ミヤギ製粉 物流課), a group's name before の会 or a trade ending glued after (ミヤギ製粉); a kanji
  word glued to okurigana and more kanji (間仕切り変更); common nouns after 付で (10日付で公衆の縦覧);
- a katakana word glued to the kanji word before it and no honorific after (宛名ラベル);
- a place or a surname and a verbal noun (三河合成, 東海塗装): a company named by its place and trade;
- a surname a company trades under (a maker or a carrier called スズキさん, 佐川さん): in katakana, or in a
  text that names the company with its legal form or trade ending (スズキ自動車, 株式会社カワイ), in a
  memo whose other さん are companies, or when what follows is the company's (さんの営業所, さんの新製品).
"""

from __future__ import annotations

import re
from functools import lru_cache

from mamori.pii.analyser import FOREIGN_NAMES, kana_given, san_tokens, tagger
from mamori.pii.dictionaries import given_names, municipalities, surnames
from mamori.pii.name_words import COMPANY_END, KANJI, ROLES_ALONE, known, plausible_unknown
from mamori.pii.trade_names import companies_besides, trade_sentence

# Capitals glued before a name: a dealer's or a co-op's prefix (ASA, YC, JA), not a header or a title.
_CAPITALS_BEFORE = re.compile(
    r"(?<![A-Za-z])([A-Z]{2,5})(?:(?![のがはともにへをでや])[\u3041-\u3096\u30a1-\u30faー]{2,6})?\Z"
)  # JAみなみ信州, not 県警OBの
_HEADER_CAPITALS = frozenset("TO CC BCC FROM ATTN TEL FAX MR MRS MS DR RE FW FWD".split())
_BRANCH_ENDS = tuple(
    "支店 支社 営業所 出張所 事業所 工場 本店 本社 支所 分室 倉庫 センター 物流センター".split()
)
# Public bodies, schools, hospitals and associations addressed with 様 (こども病院様, 第一高校様, 広域連合様).
_BODY_ENDS = tuple(
    "病院 医院 高校 中学 中学校 小学校 高等学校 幼稚園 保育園 こども園 大学 学園 連合 協議会 委員会 自治会 町内会 "
    "組合 協会 財団 機構 役場 市役所 区役所 警察署 消防署 図書館 公民館 体育館 美術館 博物館 事務局 団体".split()
)
_KANA_PART = re.compile(r"[\u30a1-\u30faー]{3,}")
_KANJI_THEN_KANA = re.compile(rf"[{KANJI}]+([\u30a1-\u30faー]{{3,}})")
_KATAKANA = re.compile(r"[\u30a1-\u30faー]{2,}")
_PLACES = frozenset("中 上 下 前 後 横 外 内 奥 隣 裏 表 側 脇 間 先 辺 端 底 手前 真ん中".split())
_HONORIFIC_AFTER = re.compile(r" ?(?:さん|様|殿|氏|くん|君|ちゃん|先生|課長|部長|係長|社長|主任|店長)")
_SAN = re.compile(r" ?(?:さん|様)")
# What follows a company called with さん, not a person (スズキさんの営業所, カワイさんの新製品).
_COMPANY_THINGS = re.compile(
    r" ?(?:さん|様)の(?:営業所|支店|支社|本社|工場|事業所|営業マン|営業の方|サービスマン|ドライバー|配達員|"
    r"商品|製品|新製品|新商品|新車|新型|カタログ|見積|請求書|納品書|ショールーム|ディーラー|販売店|代理店)"
)
# Endings that name the company a surname trades under (スズキ自動車, 堀場製作所, 佐川急便, カワイ楽器).
_TRADE_ENDS = "|".join(
    sorted({*COMPANY_END, "楽器", "自動車", "製作所", "急便", "通運", "運輸"}, key=len, reverse=True)
)
# A department after a space: the name before it is its organisation's (岡山市 事業者指導課, ミヤギ製粉 物流課,
# さいたま 子ども未来局: a bureau, its name in kana too).
_DEPARTMENT_AFTER = re.compile(
    rf" (?:[{KANJI}\u30a1-\u30faー][{KANJI}\u3041-\u3096\u30a1-\u30faー]{{0,9}})?"
    rf"(?:課|部|局|室|係|支店|営業所|センター)(?![{KANJI}])"
)
# A department's word from a name's last word on (田中 子ども未来課, 佐々木 こども家庭課): the name was cut from it.
_DEPARTMENT_WORD = re.compile(
    rf"[{KANJI}]{{0,3}}(?:(?!から|より|まで|には|では)[\u3041-\u3096]{{2,3}})?[{KANJI}]{{0,4}}"
    rf"(?:課|部|局|室|係|支店|営業所|センター)(?![{KANJI}])"
)
# A group named of its members (信州陶芸作家の会, 子どもの未来を考える会): no person.
_GROUP_AFTER = re.compile(rf"の(?:会|集い)(?![{KANJI}])")
# A kanji name glued to okurigana and more kanji is a verb's or a noun's stem (間仕切り変更, 見積り依頼).
_OKURIGANA_AFTER = re.compile(rf"[りきしちいえけせてねべめれ][{KANJI}]")
_ROLE_FIRST = re.compile(rf"([{KANJI}]{{2,4}}|フロント) (?=[{KANJI}])")
# A desk or department named without 部 / 課 before the name of whoever in it (担当：総務 鹿子木, 経理 四方田).
_DESKS = frozenset("総務 経理 営業 人事 事務 受付 庶務 広報 企画 業務 労務 会計 フロント 窓口".split())
_LEGAL = r"株式会社|有限会社|合同会社|\(株\)|\(有\)|㈱|㈲"
_FIRM = re.compile(f"{_LEGAL}|{_TRADE_ENDS}")
# A shop's word glued after the name (はなみずき雑貨店, あおば書店, さくら洋品店): the name is the shop's.
_SHOP_AFTER = re.compile(rf"[{KANJI}]{{1,3}}店(?![長員主頭舗内])")
_KANA_NAME = re.compile(r"[\u3041-\u3096\u30a1-\u30faー]+")


# A shop named by its trade and its owner's name (でんきのヨシダ, くすりのアオキ, 額縁の丸八): the goods or
# trade before の, at a word's start (after a blank, a mark or a particle, not in 日本の).
_TRADE_OF = re.compile(
    r"(?:^|(?<=[\s、。・「『（(【：:はがをにでともへ]))(?:"
    r"でんき|電気|家電|くすり|薬|額縁|めがね|メガネ|眼鏡|とけい|時計|家具|寝具|ふとん|布団|たたみ|畳|表具|"
    r"はんこ|ハンコ|印章|文具|陶器|お茶|茶|お酒|酒|お米|米|お肉|肉|さかな|魚|お花|花|くつ|靴|洋服|衣料|"
    r"呉服|きもの|着物|自転車|カメラ|写真|書籍|パン|お菓子|菓子|とうふ|豆腐|漬物|そば|うどん|すし|寿司|鮨|"
    r"金物|建具|瓦|仏壇|石材|塗装|水道|ガス|灯油|燃料|タイヤ|くるま|中古車|住まい|すまい|住宅|リフォーム|"
    r"不動産|ペット|楽器|ピアノ|手芸|毛糸|化粧品|やおや|八百屋|酒屋|米屋|本屋|魚屋|肉屋|花屋|薬屋"
    r")の\Z",
    re.MULTILINE,
)


def organisation_in_name_place(text: str, start: int, end: int) -> bool:
    """Return whether ``start:end``, read as a name by its context, names an organisation, a group or a
    thing (see the module's docstring)."""
    name = text[start:end]
    return (
        _capitals_before(text, start)
        or (len(name) > 2 and name.endswith(_BRANCH_ENDS))
        or name.endswith(_BODY_ENDS)
        or _common_noun_kana(name)
        or _shop_word(name)
        or (name in _PLACES and text[start - 1 : start] == "の")
        or _glued_kana_word(text, start, end)
        or (common_words(name.partition(" ")[0], verbal=True) if " " in name else common_words(name))
        or name in municipalities()
        or (_DEPARTMENT_AFTER.match(text, end) is not None and not _full_name(name))
        or _cut_from_department(text, start, end)
        or _FIRM.match(text, end) is not None
        or (_KANA_NAME.fullmatch(name) is not None and _SHOP_AFTER.match(text, end) is not None)
        or _GROUP_AFTER.match(text, end) is not None
        or _OKURIGANA_AFTER.match(text, end) is not None
        or (text.endswith("付で", 0, start) and _common_nouns(name))
        or word_list_item(text, start, end)
        or _trade_surname(text, start, end)
        or (_SAN.match(text, end) is not None and place_and_trade(name))
        or (text[start - 1 : start] == "の" and _TRADE_OF.search(text, max(0, start - 7), start) is not None)
    )


def _full_name(name: str) -> bool:
    """Return whether ``name`` is a dictionary surname and a dictionary given name, spaced or not (山田 太郎):
    a person before a department in a display name is its member (山田 太郎 広報部), no organisation."""
    if " " in name:
        surname, _, given = name.partition(" ")
        return surname in surnames() and given in given_names()
    return any(name[:k] in surnames() and name[k:] in given_names() for k in range(1, len(name)))


def _cut_from_department(text: str, start: int, end: int) -> bool:
    """Return whether the given name of the spaced name ``start:end`` opens a department's word that goes on
    past ``end`` (田中 子|ども未来課); a name without a space (柳田様ご本人が営業所で) cuts no word."""
    space = text.find(" ", start, end)
    m = _DEPARTMENT_WORD.match(text, space + 1) if space >= 0 else None
    return m is not None and m.end() > end


def _shop_word(name: str) -> bool:
    """Return whether the last word of ``name`` is a shop's name: three kanji or more ending in 堂, 庵,
    亭, 軒, 舎 or 館 (松月堂, 和菓子 青柳庵) that is no surname (二階堂)."""
    last = name.rpartition(" ")[2]
    return len(last) >= 3 and last[-1] in "堂庵亭軒舎館" and last not in surnames()


@lru_cache(maxsize=4096)
def _common_nouns(word: str) -> bool:
    """Return whether the analyser reads ``word`` as common nouns only (公衆, 大衆), no name."""
    analyser = tagger()
    tokens = list(analyser(word + "の"))[:-1] if analyser is not None else []
    return bool(tokens) and all(t.feature.pos2 == "普通名詞" and t.feature.lemma for t in tokens)


# Words of a person's status written before the name (故 大谷勇さん, 現職石井氏, 主幹 石澤さん).
_STATUS = re.compile(rf"(?:故|亡|現職|無職|会社員|自営業|会社役員|[{KANJI}]{{2,4}}(?= )) ?")


def after_status(text: str, start: int, end: int) -> int:
    """Return where a name at ``start:end`` starts after a status or a role before it (故, 現職, 主幹),
    when what is left is a dictionary surname (+ given name) and the whole is none (not 前田)."""
    m = _STATUS.match(text, start, end)
    if m is None or m.end() >= end:
        return start
    word = m.group().rstrip(" ")
    if word in _OPENERS:
        return m.end()  # 拝啓 蔵谷様: a letter's opening word, then the addressee
    if (len(word) >= 2 and word not in ROLES_ALONE and word not in _STATUS_WORDS) or known(text[start:end]):
        return start
    return m.end() if known(text[m.end() : end]) or _surname_led(text, m.end(), end) else start


_STATUS_WORDS = frozenset("故 亡 現職 無職 会社員 自営業 会社役員".split())
_OPENERS = frozenset("拝啓 謹啓 前略 急啓 冠省 拝復 謹復".split())
# An organisation's name, a space, then the person of it addressed (テスト工業 蔵谷様, (株)テスト 蔵谷様).
_LEGAL_FORM = re.compile(r"株式会社|有限会社|合同会社|合資会社|\(株\)|\(有\)|㈱|㈲")
_UNIT_END = ("部", "課", "室", "係", "支店", "営業所", "事業所", "センター", "本社", "支社")


def after_organisation(text: str, end: int) -> int | None:
    """Return the start of a kanji name ending at ``end`` (before 様) that follows an organisation's name
    and a space on its line: a surname no dictionary holds is the person of it addressed there."""
    m = _AFTER_SPACE.search(text, max(0, end - 5), end)
    if m is None or not plausible_unknown(m.group(1)):
        return None
    line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
    if _LEGAL_FORM.search(line) or line.endswith(COMPANY_END) or line.endswith(_UNIT_END):
        return m.start(1)
    return None


_AFTER_SPACE = re.compile(rf"(?<=[^\s]) ([{KANJI}]{{2,4}}) ?\Z")


def _surname_led(text: str, start: int, end: int) -> bool:
    name = text[start:end].replace(" ", "")
    return any(name[:n] in surnames() and 1 <= len(name) - n <= 3 for n in (1, 2, 3))


def word_list_item(text: str, start: int, end: int) -> bool:
    """Return whether ``start:end`` is an item of a list of three words or more joined by ・ whose other
    items are all common nouns (立志・勇進・継承: virtues), not names (山田・佐藤) nor a title beside a
    name (岩田功・社長)."""
    if text[start - 1 : start] != "・" and text[end : end + 1] != "・":
        return False
    lo, hi = start, end
    while lo > 0 and (text[lo - 1] == "・" or re.match(rf"[{KANJI}]", text[lo - 1])):
        lo -= 1
    while hi < len(text) and (text[hi] == "・" or re.match(rf"[{KANJI}]", text[hi])):
        hi += 1
    items = text[lo:hi].split("・")
    others = [w for w in items if w and w != text[start:end]]
    return len(items) >= 3 and all(w not in surnames() and _common_nouns(w) for w in others)


def after_role(text: str, pos: int) -> int:
    """Return where a name starts at ``pos`` after a role or a desk and a space (理事長 黒瀬 真由美, 総務 塩見)."""
    m = _ROLE_FIRST.match(text, pos)
    return m.end() if m is not None and (m.group(1) in ROLES_ALONE or m.group(1) in _DESKS) else pos


def _capitals_before(text: str, start: int) -> bool:
    m = _CAPITALS_BEFORE.search(text, max(0, start - 6), start)
    return m is not None and m.group(1) not in _HEADER_CAPITALS


def _common_noun_kana(name: str) -> bool:
    """Return whether a katakana word of ``name`` is a common noun of a shop or a body: the first of
    two or more words (パティスリー・ルミエール), or the katakana after kanji (茨城コープ)."""
    parts = re.split(r"[・ ]", name)
    if len(parts) >= 2 and _KANA_PART.fullmatch(parts[0]):
        # ファム・ティ・ラン: a listed foreign family name UniDic reads as a loanword, no shop's noun
        return _noun_with_san(parts[0]) and parts[0] not in FOREIGN_NAMES
    tail = _KANJI_THEN_KANA.fullmatch(name.replace(" ", ""))
    if tail is None or not _noun_with_san(tail.group(1)):
        return False
    # 比嘉 カマド, 木佐 カメ: a surname, a space and an old given name in katakana (竈, 亀); a loanword or
    # a Sino-Japanese word is a body's (茨城 コープ)
    surname, space, given = name.partition(" ")
    return not (space and surname in surnames() and kana_given(given))


@lru_cache(maxsize=4096)
def _noun_with_san(word: str) -> bool:
    """Return whether the analyser reads katakana ``word`` as one common noun even before さん
    (パティスリー, コープ, プレス; ホワイト, ミドリ and ジョン are names there)."""
    analyser = tagger()
    if analyser is None:
        return False
    tokens = list(analyser(word + "さん"))[:-1]
    return (
        len(tokens) == 1
        and tokens[0].surface == word
        and tokens[0].feature.pos2 == "普通名詞"
        and bool(tokens[0].feature.lemma)
    )


def _glued_kana_word(text: str, start: int, end: int) -> bool:
    """Return whether a katakana word with no honorific after is the end of the kanji word before it
    (宛名ラベル, 宛先ラベル)."""
    return (
        start > 0
        and _KATAKANA.fullmatch(text, start, end) is not None
        and re.match(rf"[{KANJI}]", text[start - 1]) is not None
        and _HONORIFIC_AFTER.match(text, end) is None
    )


@lru_cache(maxsize=4096)
def common_words(word: str, verbal: bool = False) -> bool:
    """Return whether the analyser reads kanji ``word`` as common nouns only (本社, 窓口, 不在, 上長, 部門 +
    長): a place, a role or a state, never a name; with ``verbal``, one of them a verbal or adverbial
    noun (説明 + 分, 午前 + 班, 誘導 + 灯), asked of the first word of a spaced name, where a rare surname
    the analyser reads as a noun (巾 竜也) stands too. A dictionary surname or given name (森林, 大地)
    is left to the name rules."""
    analyser = tagger()
    if analyser is None or len(word) < 2 or not re.fullmatch(rf"[{KANJI}]+", word):
        return False
    if word in surnames() or word in given_names():
        return False
    tokens = list(analyser(word + "の"))[:-1]
    return (
        "".join(t.surface for t in tokens) == word
        and all(t.feature.pos2 in ("普通名詞", "名詞的") and t.feature.lemma for t in tokens)  # 誘導 + 灯
        and any(len(t.surface) >= 2 for t in tokens)  # 律 + 明 (a given name) is no word
        and (not verbal or any(t.feature.pos3 in ("サ変可能", "副詞可能") for t in tokens))
    )


def _trade_surname(text: str, start: int, end: int) -> bool:
    """Return whether a surname before さん / 様 is the company that trades under it (see the docstring)."""
    if not _SAN.match(text, end):
        return False
    name = text[start:end]
    if " " in name or len(name) < 2:
        return False
    if _COMPANY_THINGS.match(text, end):
        return True
    kana = _KATAKANA.fullmatch(name) is not None
    if not kana and name not in surnames():
        return False
    if _named_as_firm(text, name, start, end, kana):
        return True
    if not kana:
        return False
    # a surname in katakana in a memo whose other さん are companies (カワイさん beside ヤマハさん); a
    # foreign name of known origin (ローランド) only in a sentence of trade there
    others = companies_besides(text, name)
    return others >= 2 and (katakana_surname(name) or trade_sentence(text, start, end))


def _named_as_firm(text: str, name: str, start: int, end: int, kana: bool) -> bool:
    """Return whether ``text`` names ``name`` with a legal form or a trade ending (株式会社タカギ,
    スズキ自動車); for a surname in kanji, outside the sentence of ``start:end`` (鈴木工務店の鈴木さん is
    the firm's person)."""
    lo = max(text.rfind(c, 0, start) for c in "。\n") + 1
    his = [i for i in (text.find(c, end) for c in "。\n") if i >= 0]
    hi = min(his) if his else len(text)
    return any(
        (before.endswith(name) or after.startswith(name)) and (kana or not lo <= at < hi)
        for at, before, after in _firms(text)
    )


@lru_cache(maxsize=16)
def _firms(text: str) -> tuple[tuple[int, str, str], ...]:
    """Return where ``text`` writes a legal form or a trade ending, with the words before and after it."""
    return tuple(
        (m.start(), text[max(0, m.start() - 8) : m.start()], text[m.end() : m.end() + 8].lstrip(" "))
        for m in _FIRM.finditer(text)
    )


@lru_cache(maxsize=4096)
def katakana_surname(word: str) -> bool:
    """Return whether the analyser reads katakana ``word`` before さん as a Japanese surname, alone or
    glued to a given name (スズキ, カワイ, タニ + コー)."""
    kinds = [t.feature.pos4 if t.feature.pos3 == "人名" else "" for t in san_tokens(word)]
    return kinds in (["姓"], ["姓", "名"])


@lru_cache(maxsize=4096)
def place_and_trade(word: str) -> bool:
    """Return whether kanji ``word`` reads as a place or surname and then a verbal noun of two kanji or
    more that is no given name (三河 + 合成, 東海 + 塗装, 信州 + 計測): a company named by its place and
    trade, as no person is."""
    tokens = san_tokens(word) if re.fullmatch(rf"[{KANJI}]{{4,8}}", word) else []
    if len(tokens) != 2:
        return False
    first, last = tokens[0].feature, tokens[1]
    return (
        first.pos2 == "固有名詞"
        and first.pos3 in ("地名", "人名")
        and last.feature.pos3 == "サ変可能"
        and len(last.surface) >= 2
        and last.surface not in given_names()
    )
