"""Headers of name columns as exports and registers write them, which the patterns of ``tables`` miss.

- English headers over persons: a noun only persons are (``Student``, ``Guest``, ``Attendee``,
  ``Participant``, ``Passenger``, ``Patient`` …), alone, plural or before ``name``, and ``name`` after a
  word that says whose or which (``Full name``, ``Guest name``, ``Billing Name``, ``Ship To Name``,
  ``English name``), a qualifier in parentheses after it (``Name (EN)``, ``Student (romaji)``). Nouns a
  company can be too (``Customer``, ``Client``, ``Contact``, ``Member``, ``Owner``) head a column whose
  Latin cells name no organisation (:data:`ORGANISATION`: ``Acme Trading Inc.`` is none). ``Company
  name``, ``Product name`` and ``File name`` say whose name it is not: only the closed class counts.
- Split name columns of shop exports (BASE, STORES, Shopify in Japanese): ``氏(請求先)`` / ``名(請求先)``,
  ``姓（配送先）``, ``お名前(姓)``, ``購入者 姓``; their reading columns (``姓(カナ)``) are readings.
- The addressee columns of carriers' label exports (ヤマト B2 ``お届け先名``, ゆうプリR ``お届け先 氏名``,
  ``ご依頼主名``, ``荷受人名``): a name, not the address 届け先 alone heads.
- A ``敬称`` column (様, 殿, 御中) makes the column before it the addressee's name, whatever its header.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mamori.pii.name_words import animal_kinds

# Nouns of persons: whoever a column of them lists is a person (alone, plural, or before ``name``).
_PERSON_NOUNS = (
    "student|pupil|guest|attendee|participant|passenger|traveller|traveler|visitor|patient|applicant|"
    "candidate|employee|staff|teacher|instructor|trainer|trainee|intern|speaker|presenter|volunteer|player|"
    "athlete|tenant|resident|child|parent|guardian|spouse|recipient|addressee|driver|worker|interviewee|"
    "respondent|learner|assignee|inspector|cardholder|beneficiary|payee|signatory|witness|guarantor|"
    "policyholder|subscriber|purchaser|winner|nominee"
)
# More of them, read in a header row the prefilter of ``tables`` let through by another word (Invitee Name,
# Tutor | E-mail): their literals there made every text's search for a header row slower.
_MORE_PERSON_NOUNS = (
    "invitee|registrant|panelist|panellist|lecturer|tutor|coach|mentor|counsell?or|therapist|guide|tour guide|"
    "escort|chaperone"
)
# Words that say whose or which name only before ``name`` (Full name, Billing Name, Ship To Name).
_NAME_QUALIFIERS = (
    "person|individual|family|given|first|last|middle|full|legal|real|display|english|romaji|roman|"
    "romanized|romanised|latin|alphabet|maiden|nick|preferred|emergency contact|next of kin|billing|"
    "shipping|ship to|bill to|delivery|card holder|account holder|sender|author|representative|reporter|"
    "operator|signer|insured|buyer|your|guest's|user"
)
# Nouns a company or a thing can be too: their Latin cells must name no organisation.
_SHARED_NOUNS = "customer|client|contact|member|owner|holder|consignee|shipper|orderer"
_QUALIFIER = r"(?:\s*[(（][^()（）]{1,24}[)）])?"  # Name (as in passport), User Name (Original Name)
_LANGUAGE = (
    r"(?: (?:in )?(?:english|romaji|roman|latin|alphabet|kanji|japanese|katakana|kana)| (?:en|jp|ja))?"
)
_ENGLISH = re.compile(
    rf"(?:(?:name of (?:the )?)?(?P<noun>{_PERSON_NOUNS}|{_MORE_PERSON_NOUNS}|{_SHARED_NOUNS})(?:s|es)?"
    rf"(?: (?:full |given |family |first |last )?names?)?|(?:(?P<whose>{_NAME_QUALIFIERS}) )?names?|"
    r"sur ?names?|fore ?names?)"
    rf"{_LANGUAGE}{_QUALIFIER}"
)
_KANA_QUALIFIER = re.compile(
    r"(?i:kana|katakana|furigana|reading|yomi)|カナ|かな|フリガナ|ふりがな|よみ|読み"
)
_LATIN_SCRIPT = re.compile(r"\b(?:english|romaji|roman|romanized|romanised|latin|alphabet|en)\b")
_SCRIPTS = frozenset((None, "english", "romaji", "roman", "romanized", "romanised", "latin", "alphabet"))
_PART = re.compile(r"(?:family|given|first|last|middle) name|sur ?name|fore ?name")
_SHARED = re.compile(rf"(?:name of (?:the )?)?(?:{_SHARED_NOUNS})")

# Words of organisations in a Latin cell: a customer, client or owner that is no person.
ORGANISATION = re.compile(
    r"\b(?:Inc|Ltd|LLC|LLP|PLC|GmbH|AG|KK|K\.K|Co|Corp|Corporation|Company|Limited|Holdings?|Group|Trading|"
    r"Industries|Industry|International|Bank|Hotels?|Inn|School|University|College|Academy|Institute|"
    r"Clinic|Hospital|Shop|Store|Restaurant|Cafe|Café|Bar|Association|Foundation|Society|Agency|"
    r"Services?|Systems?|Solutions|Technolog(?:y|ies)|Partners|Studios?|Labs?|Laboratory|Office|"
    r"Cent(?:er|re)|Department|Dept|Team|Club|Church|Travel|Tours?|Airlines?|Motors|Electric|Foods?|"
    r"Farms?|Design|Consulting|Media|Networks?|Works|Factory|Logistics|Express|Market|Mart|Supply|"
    r"Japan|Tokyo|Osaka|Nagoya|Kyoto|City|Prefecture|Government|Ministry|Council|Committee|Project)\b",
    re.IGNORECASE,
)

# Split name columns and carriers' addressees, in Japanese.
_WHOSE = (
    r"(?:ご|お)?(?:請求先|配送先|送付先|お?届け?先|注文者|購入者|依頼主|ご依頼主|発送元|差出人|荷受人|荷送人|"
    r"受取人|送り主|契約者|申込者|会員|顧客|お客様|本人)"
)
# A web form's question about whose name (お子さまのお名前, 保護者様お名前, ご本人のお名前): a whole name.
_WHOSE_NAME = re.compile(
    r"(?:お子さま|お子様|子ども|こども|園児|児童|生徒|保護者|ご?家族|ご?本人|ご?契約者|ご?利用者|ご?入居者|患者|"
    r"ご?参加者|ご?来場者|ご?担当者|代表者|ご?依頼者|お客様)(?:様|さま)?の?(?:お名前|氏名|名前)"
    r"(?P<tail>\s*[(（][^()（）]{1,8}[)）])?"
)
_NAME_PART = r"(?:姓|氏|名|苗字|名字|せい|めい)"
_JAPANESE = re.compile(
    rf"(?:{_NAME_PART}|お名前|氏名|姓名)\s*[(（]\s*(?P<inner>[^()（）]{{1,10}})\s*[)）]|"
    rf"(?P<whose>{_WHOSE})[\s_・]?(?:{_NAME_PART}|氏名|お名前|名前|名)(?P<tail>\s*[(（][^()（）]{{1,8}}[)）])?"
)
# Roles only persons hold, heading the column of who held them (a programme's 座長, a rota's 当番).
_ROLES = re.compile(
    r"(?:座長|司会者?|演者|共同演者|発表者|講演者|著者|共著者|筆頭著者|出演者?|キャスト|指導者|監督|コーチ|審判|議長|"
    r"委員長?|理事|幹事|世話人|ボランティア|班長|組長|引率者?|付添人?|同伴者|同行者|面接官|試験官|担任|副担任|顧問|"
    r"立会人?|見届人|証人|推薦者|紹介者|"
    # who teaches, trains or guides (a studio's, a school's or a tour's list: インストラクター, 担当講師, 添乗員)
    r"(?:担当|主任|副|専任)?(?:インストラクター|トレーナー|講師|チューター|メンター|カウンセラー|セラピスト|"
    r"ファシリテーター|添乗員|ツアーガイド|ガイド|通訳者?))(?:名|氏名)?"
)
PARTS_ALONE = frozenset(("姓", "名", "氏", "苗字", "名字"))
_HONORIFIC_HEADER = re.compile(r"敬称|敬称区分|(?:お届け先|ご依頼主|宛名)\s?敬称")

# Literals of these headers, for the header-row prefilter of ``tables`` (any case of the English).
HEADER_WORDS = "|".join(
    [
        *(w for noun in f"{_PERSON_NOUNS}|{_SHARED_NOUNS}".split("|") for w in (noun, noun.capitalize(), noun.upper())),
        "敬称", "届け先", "座長", "司会", "演者", "著者", "出演", "キャスト", "指導者", "監督", "コーチ", "審判", "議長",
        "委員", "理事", "幹事", "世話人", "ボランティア", "班長", "組長", "引率", "付添", "同伴", "同行", "面接官",
        "試験官", "担任", "顧問", "インストラクター", "トレーナー", "添乗員", "ガイド", "立会", "見届", "証人", "推薦", "紹介", "依頼主", "荷受人", "荷送人", "請求先", "配送先", "購入者", "表示名", "ニックネーム",
    ]
)  # fmt: skip


_PUNCTUATION = re.compile(r"[_\-.:]+")
_GLUED_NAME = re.compile(r"(?<=[a-z])(?=name\b)")


@lru_cache(maxsize=2048)
def header(cell: str) -> str | None:
    """Return ``PERSON``, ``PERSON_EN`` (a noun a company can be too), ``NAME_PART``, ``KANA`` or None."""
    if not cell or len(cell) > 40:
        return None
    if cell.isascii():
        words = _PUNCTUATION.sub(" ", cell).strip().lower()
        words = _GLUED_NAME.sub(" ", words)  # guestname, fullname
        m = _ENGLISH.fullmatch(words)
        if m is None or words in ("name", "names"):
            return None  # a bare Name is the pattern's of ``tables``
        if _KANA_QUALIFIER.search(words):
            return "KANA"
        if _PART.match(words):
            return "NAME_PART"  # First Name, Last Name: one word a cell
        if m.group("noun") is None and _LATIN_SCRIPT.search(words) and m.group("whose") in _SCRIPTS:
            return "ROMAJI"  # Name (EN), English name: ``tables`` reads Latin names beside a person's columns
        if m.group("whose") == "nick":
            return None  # a handle: persons beside a chat's or members' columns (display_name_columns)
        noun = m.group("noun")
        return "PERSON_EN" if noun and _SHARED.fullmatch(noun) else "PERSON"
    if cell in PARTS_ALONE:
        return "NAME_PART"
    if _ROLES.fullmatch(cell):
        return "PERSON"
    m = _JAPANESE.fullmatch(cell)
    if m is None:
        m = _WHOSE_NAME.fullmatch(cell)
        if m is None:
            return None
        return "KANA" if _KANA_QUALIFIER.search(m.group("tail") or "") else "PERSON"
    qualifier = m.group("inner") or m.group("tail") or ""
    if _KANA_QUALIFIER.search(qualifier):
        return "KANA"
    return "NAME_PART"  # 名(請求先), 注文者名字 / 注文者名前: a cell may hold one word (亮)


_WHOSE_CONTACT = re.compile(
    r"(?i:(?:billing|shipping|ship[ _\-]to|bill[ _\-]to|ship|bill|delivery|customer|buyer|recipient|guest|contact|"
    r"emergency(?:[ _]contact)?|student|parent|guardian|home|personal|private)[ _\-])((?i:phone(?:[ _\-]number)?|"
    r"tel|mobile|zip|zip[ _\-]code|postal[ _\-]code|post[ _\-]code|address|address[ _\-]?[12]|street|e-?mail))"
)


# The patterns by which ``header`` and ``whose_contact`` label a cell (read by table_headers' pre-check).
JAPANESE_HEADERS = (_ROLES, _JAPANESE, _WHOSE_NAME, _WHOSE_CONTACT)


def whose_contact(cell: str) -> str | None:
    """Return the contact column a header names after whose it is (``Billing Zip`` → ``Zip``), or None."""
    m = _WHOSE_CONTACT.fullmatch(cell)
    return None if m is None else re.sub(r"[ _\-]?[12]$", "", m.group(1)).replace(" ", "_").replace("-", "_")


def english_shaped(cell: str) -> bool:
    """Return whether a cell with blanks or dots may be an English column name (``Passport No.``)."""
    return _ENGLISH_CELL.fullmatch(cell) is not None


_ENGLISH_CELL = re.compile(
    r"[A-Za-z][A-Za-z\-']*\.?(?: [A-Za-z(][A-Za-z\-')]*\.?\)?| ?[(#/&] ?[A-Za-z#]+\)?){1,4}"
)


# A payment export's card columns (Stripe: Card Last4, Card Brand, Card Exp Month, Card Name): beside them
# the card's name is its holder's; alone (a trading-card shop's Card Name) it is no person's.
_CARD_NAME = re.compile(r"(?i:card[ _\-]?name)")
_CARD_FIELD = re.compile(
    r"(?i:card[ _\-]?(?:last[ _\-]?4|brand|funding|fingerprint|exp(?:iry|iration)?(?:[ _\-]?(?:month|year|date))?))"
)


def card_holder_column(labels: list[str | None], values: list[str]) -> None:
    """Label a ``Card Name`` column beside a card's other fields as names a company's are not (in place)."""
    if any(map(_CARD_FIELD.fullmatch, values)):
        for i, value in enumerate(values):
            if labels[i] is None and _CARD_NAME.fullmatch(value):
                labels[i] = "PERSON_EN"


def honorific_column(labels: list[str | None], values: list[str]) -> None:
    """Label the column before a ``敬称`` column as names (in place): its cells are who 様 is said to."""
    for i in range(1, len(values)):
        if _HONORIFIC_HEADER.fullmatch(values[i]) and labels[i - 1] in (None, "ADDRESS"):
            labels[i - 1] = "PERSON"


# A header naming an animal's name (ペットの名前, 愛犬名, ネコの名前): a pet, no person.
ANIMAL_HEADER = re.compile(
    r"ペット|動物|愛犬|愛猫|犬|猫|ネコ|ねこ|イヌ|いぬ|わんちゃん|ワンちゃん|にゃんこ|患畜"
)
# A pet register's columns: the owner (飼い主, 飼主氏名) and the animal's kind (犬種, 品種, 動物種).
_OWNER_HEADER = re.compile(r"飼い?主")
_KIND_HEADER = re.compile(r"犬種|猫種|品種|動物種|(?:ペット|動物)の?(?:種類|種別)")
# A name column that says nothing of whose: beside an owner's or a kind's column it names the animals.
_BARE_NAME_HEADER = re.compile(r"お?名前|なまえ|呼び名|患者名|カルテ名")


def pet_columns(labels: list[str | None], values: list[str]) -> None:
    """Unlabel (in place) a bare name column of a pet register: beside 飼い主 or 犬種 it holds the animals
    (名前: ポチ, モモ), while the owner's column stays a person's."""
    if not any(_OWNER_HEADER.search(v) or _KIND_HEADER.search(v) for v in values):
        return
    for i, value in enumerate(values):
        if labels[i] == "PERSON" and _BARE_NAME_HEADER.fullmatch(value) and not _OWNER_HEADER.search(value):
            labels[i] = None


def animal_columns(heads: list[str]) -> list[int]:
    """Return the columns a header names an animal's name in (ペット名, 愛犬の名前; not 飼い主名): their
    cells (ハナちゃん, コタロウくん) name no one, for the other recognizers too."""
    return [
        i
        for i, head in enumerate(heads)
        if ANIMAL_HEADER.search(head) and _ANIMAL_NAME.search(head) and not _OWNER_HEADER.search(head)
    ]


_ANIMAL_NAME = re.compile(r"名|なまえ|(?i:name)")


def pet_name_columns(heads: list[str], labels: list[str | None], columns: list[list[str]]) -> list[int]:
    """Return the bare name columns (名前, なまえ) of a table another column of which names animals' kinds
    in its cells (犬, 猫, 柴, トイプードル): a pet list headed 名前 | 種類 | 年齢 holds the animals' names."""
    bare = [
        i
        for i, (head, label) in enumerate(zip(heads, labels, strict=False))
        if label == "PERSON" and _BARE_NAME_HEADER.fullmatch(head)
    ]
    if bare and any(animal_kinds(values) for j, values in enumerate(columns) if j not in bare):
        return bare
    return []


# A messaging account's name column (LINE 公式アカウント's 表示名, a community's ニックネーム): persons when the
# header row speaks of friends, messages or customers; a product master's 表示名 is the goods'.
_DISPLAY_HEADER = re.compile(
    r"(?:LINE|ライン|ユーザー|会員|顧客|お客様)?(?:表示名|ニックネーム)|(?i:nick[ _\-]?names?)"
)
_CHAT_HEADER = re.compile(
    r"友だち|友達|メッセージ|トーク|チャット|フォロー|ブロック|会員|顧客|お客様|予約|来店|問い?合わせ|問合せ|"
    r"受信|送信|対応者|LINE|ライン|(?i:friend|message|chat|member|customer|e-?mail|phone)"
)


def display_name_columns(labels: list[str | None], values: list[str]) -> None:
    """Label a 表示名 / ニックネーム column as names (in place) when another header of the row speaks of
    friends, messages or customers (友だち追加日, メッセージ日時, 会員番号): a chat export's customers."""
    shown = [i for i, v in enumerate(values) if labels[i] is None and _DISPLAY_HEADER.fullmatch(v)]
    if shown and any(_CHAT_HEADER.search(v) for i, v in enumerate(values) if i not in shown):
        for i in shown:
            labels[i] = "PERSON"
