"""Generate labelled Japanese business documents to test the PII engine on data it was not tuned on.

Names, towns and templates here are invented and differ from the shared dev sample (rarer surnames,
modern given names, other wording and column headers), so a score on this set says whether detection
generalises. Identifiers are valid only by checksum; mail domains are example.com / example.jp.
Documents have the dev sample's shape: ``{"id", "text", "spans": [{start, end, label}], "decoys": [...]}``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from stdnum import luhn
from stdnum.jp import cn, in_

SURNAMES = [
    ("東海林", "ショウジ"),
    ("勅使河原", "テシガワラ"),
    ("伊集院", "イジュウイン"),
    ("宇佐美", "ウサミ"),
    ("長谷部", "ハセベ"),
    ("鮫島", "サメジマ"),
    ("米倉", "ヨネクラ"),
    ("籾山", "モミヤマ"),
    ("百瀬", "モモセ"),
    ("早乙女", "サオトメ"),
    ("御手洗", "ミタライ"),
    ("相良", "サガラ"),
    ("二階堂", "ニカイドウ"),
    ("比留間", "ヒルマ"),
    ("唐沢", "カラサワ"),
    ("曽我部", "ソガベ"),
    ("新垣", "アラガキ"),
    ("与那嶺", "ヨナミネ"),
    ("仲宗根", "ナカソネ"),
    ("瀬戸口", "セトグチ"),
    ("日比野", "ヒビノ"),
    ("真壁", "マカベ"),
    ("南雲", "ナグモ"),
    ("北条", "ホウジョウ"),
    ("鬼塚", "オニヅカ"),
    ("猪狩", "イガリ"),
    ("柘植", "ツゲ"),
    ("薬師寺", "ヤクシジ"),
    ("雨宮", "アマミヤ"),
    ("榊原", "サカキバラ"),
    ("桐生", "キリュウ"),
    ("芦田", "アシダ"),
    ("鶴見", "ツルミ"),
    ("大河内", "オオコウチ"),
    ("小比類巻", "コヒルイマキ"),
    ("栗栖", "クリス"),
    ("穂積", "ホヅミ"),
    ("蓮見", "ハスミ"),
]
GIVEN = [
    ("陽葵", "ヒマリ"),
    ("結翔", "ユイト"),
    ("湊斗", "ミナト"),
    ("凪", "ナギ"),
    ("琥珀", "コハク"),
    ("心春", "コハル"),
    ("蒼空", "ソラ"),
    ("律", "リツ"),
    ("紬", "ツムギ"),
    ("紗良", "サラ"),
    ("悠人", "ユウト"),
    ("澪", "ミオ"),
    ("朔", "サク"),
    ("環", "タマキ"),
    ("柚葉", "ユズハ"),
    ("颯真", "ソウマ"),
    ("陸斗", "リクト"),
    ("詩織", "シオリ"),
    ("奏汰", "カナタ"),
    ("真琴", "マコト"),
    ("瑛太", "エイタ"),
    ("杏奈", "アンナ"),
    ("伊織", "イオリ"),
    ("灯", "アカリ"),
    ("和奏", "ワカナ"),
    ("慧", "ケイ"),
    ("楓花", "フウカ"),
    ("昌平", "ショウヘイ"),
    ("善三", "ゼンゾウ"),
    ("トメ", "トメ"),
    ("さつき", "サツキ"),
    ("文雄", "フミオ"),
    ("登美子", "トミコ"),
]
CITIES = [
    ("群馬県", "館林市"),
    ("埼玉県", "秩父市"),
    ("千葉県", "銚子市"),
    ("東京都", "青梅市"),
    ("神奈川県", "小田原市"),
    ("富山県", "射水市"),
    ("石川県", "七尾市"),
    ("福井県", "小浜市"),
    ("山梨県", "甲斐市"),
    ("長野県", "飯田市"),
    ("静岡県", "沼津市"),
    ("愛知県", "岡崎市"),
    ("三重県", "伊勢市"),
    ("京都府", "舞鶴市"),
    ("大阪府", "豊中市"),
    ("兵庫県", "芦屋市"),
    ("奈良県", "天理市"),
    ("和歌山県", "新宮市"),
    ("鳥取県", "倉吉市"),
    ("山口県", "萩市"),
    ("愛媛県", "宇和島市"),
    ("高知県", "四万十市"),
    ("福岡県", "大牟田市"),
    ("熊本県", "天草市"),
    ("大分県", "日田市"),
    ("宮崎県", "延岡市"),
    ("鹿児島県", "鹿屋市"),
    ("沖縄県", "名護市"),
    ("北海道", "北見市"),
    ("岩手県", "花巻市"),
    ("宮城県", "気仙沼市"),
    ("奈良県", "生駒郡斑鳩町"),
    ("神奈川県", "相模原市緑区"),
    ("静岡県", "浜松市中央区"),
]
TOWNS = [
    "桜ヶ丘",
    "緑町",
    "若葉台",
    "潮見台",
    "希望ヶ丘",
    "白鷺",
    "宮ノ前",
    "柳原",
    "青葉台",
    "新栄",
    "旭町",
    "西念",
    "浜見",
]
BUILDINGS = ["サンハイツ", "グリーンコーポ", "ラ・メール", "第二松風荘", "ステラ", "カーサ"]
BANKS = ["さくら信用金庫", "みどり銀行", "ひかり銀行", "東西信託銀行"]
COMPANIES = ["株式会社ミライ精機", "有限会社あおば物産", "合同会社ほしぞら企画", "ひまわり商事株式会社"]


class Doc:
    """Build one document from parts, recording the offsets of labelled parts and decoys."""

    def __init__(self) -> None:
        """Start an empty document."""
        self.parts: list[str] = []
        self.spans: list[dict[str, object]] = []
        self.decoys: list[dict[str, object]] = []
        self.length = 0

    def add(self, text: str, label: str | None = None, decoy: str | None = None) -> None:
        """Append ``text``; record it as a span of ``label`` or as a decoy of kind ``decoy``."""
        if label:
            self.spans.append({"start": self.length, "end": self.length + len(text), "label": label})
        if decoy:
            self.decoys.append({"start": self.length, "end": self.length + len(text), "kind": decoy})
        self.parts.append(text)
        self.length += len(text)

    def as_dict(self, doc_id: str) -> dict[str, object]:
        """Return the document in the dev sample's JSON shape."""
        return {"id": doc_id, "text": "".join(self.parts), "spans": self.spans, "decoys": self.decoys}


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def my_number(rng: random.Random) -> str:
    """Return a 12-digit individual number with a valid check digit."""
    body = _digits(rng, 11)
    return body + in_.calc_check_digit(body)


def bad_my_number(rng: random.Random) -> str:
    """Return a 12-digit number whose check digit is wrong."""
    good = my_number(rng)
    return good[:11] + str((int(good[11]) + rng.randint(1, 9)) % 10)


def corporate_number(rng: random.Random) -> str:
    """Return a 13-digit corporate number (法人番号) with a valid check digit."""
    body = _digits(rng, 12)
    return cn.calc_check_digit(body) + body


def card_number(rng: random.Random, valid: bool = True) -> str:
    """Return a 16-digit Visa / Mastercard / JCB number, Luhn-valid unless ``valid`` is False."""
    body = rng.choice(["4", "53", "3540"]) + _digits(rng, 15)
    body = body[:15]
    check = int(luhn.calc_check_digit(body))
    return body + str(check if valid else (check + rng.randint(1, 9)) % 10)


def licence_number(rng: random.Random) -> str:
    """Return a 12-digit driver's licence number with a valid 11th check digit."""
    body = _digits(rng, 10)
    total = sum(int(d) * w for d, w in zip(body, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2), strict=True))
    return body + str((11 - total % 11) % 10) + rng.choice("0123")


def phone(rng: random.Random) -> str:
    """Return a phone number in one of the usual Japanese styles."""
    kind = rng.randrange(5)
    if kind == 0:
        return f"0{rng.choice('789')}0-{_digits(rng, 4)}-{_digits(rng, 4)}"
    if kind == 1:
        return f"0{rng.choice('1234')}{rng.randint(1, 9)}-{rng.randint(200, 999)}-{_digits(rng, 4)}"
    if kind == 2:
        return f"0120-{_digits(rng, 3)}-{_digits(rng, 3)}"
    if kind == 3:
        return f"０９０－{_to_wide(_digits(rng, 4))}－{_to_wide(_digits(rng, 4))}"
    return f"050-{_digits(rng, 4)}-{_digits(rng, 4)}"


def _to_wide(s: str) -> str:
    return s.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789-"})


def person(rng: random.Random) -> tuple[str, str]:
    """Return a (kanji name, katakana reading) pair, spaced or not."""
    (s, sk), (g, gk) = rng.choice(SURNAMES), rng.choice(GIVEN)
    sep = rng.choice([" ", "\u3000", ""])
    return s + sep + g, sk + (" " if sep else "") + gk


def address(rng: random.Random) -> str:
    """Return an address: prefecture (sometimes), municipality, town, block and maybe a building."""
    pref, city = rng.choice(CITIES)
    town = rng.choice(TOWNS)
    style = rng.randrange(3)
    if style == 0:
        block = f"{rng.randint(1, 9)}丁目{rng.randint(1, 30)}番{rng.randint(1, 20)}号"
    elif style == 1:
        block = f"{rng.randint(1, 9)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"
    else:
        block = f"{rng.randint(100, 3000)}番地{rng.randint(1, 20)}"
    head = pref + rng.choice(["", " "]) if rng.random() < 0.85 else ""
    tail = f" {rng.choice(BUILDINGS)}{rng.randint(1, 9)}0{rng.randint(1, 9)}" if rng.random() < 0.4 else ""
    return head + city + town + block + tail


def birth_date(rng: random.Random) -> str:
    """Return a birth date in 西暦 or 和暦 style."""
    y, m, d = rng.randint(1940, 2005), rng.randint(1, 12), rng.randint(1, 28)
    style = rng.randrange(4)
    if style == 0:
        return f"{y}年{m}月{d}日"
    if style == 1:
        return f"{y}/{m:02d}/{d:02d}"
    era, base = ("昭和", 1925) if y < 1989 else ("平成", 1988)
    letter = "S" if era == "昭和" else "H"
    return f"{era}{y - base}年{m}月{d}日" if style == 2 else f"{letter}{y - base}.{m}.{d}"


def generate(n: int, seed: int = 7) -> Iterator[dict[str, object]]:
    """Yield ``n`` labelled documents, reproducibly for a given ``seed``."""
    rng = random.Random(seed)
    for i in range(n):
        doc = Doc()
        TEMPLATES[i % len(TEMPLATES)](doc, rng)
        yield doc.as_dict(f"heldout-{i:05d}")


def _decoys(doc: Doc, rng: random.Random) -> None:
    """Append a paragraph of look-alikes that must not be reported."""
    doc.add("\n\n【参考】法人番号 ")
    doc.add(corporate_number(rng), decoy="CORPORATE_NUMBER")
    doc.add("\n注文番号：")
    doc.add(_digits(rng, 12), decoy="ORDER_NUMBER")
    doc.add("\n合計金額 ")
    doc.add(f"{rng.randint(1000, 9999999):,}円", decoy="PRICE")
    doc.add("（税込）\n納品予定日：")
    doc.add(f"{rng.randint(2024, 2027)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日", decoy="DATE")
    doc.add("\n会員番号 ")
    doc.add(bad_my_number(rng), decoy="MY_NUMBER_INVALID")
    doc.add("\n品番 JAN ")
    doc.add("49" + _digits(rng, 11), decoy="PRODUCT_CODE")
    doc.add("\n旧カード（無効）")
    doc.add(card_number(rng, valid=False), decoy="CREDIT_CARD_INVALID")
    doc.add("\n")


def _application_form(doc: Doc, rng: random.Random) -> None:
    """Write a membership application form with labelled fields."""
    name, kana = person(rng)
    doc.add("入会申込書\n\nお名前：")
    doc.add(name, "PERSON")
    doc.add("\nふりがな（カナ）：")
    doc.add(kana, "PERSON")
    doc.add("\nご生年月日：")
    doc.add(birth_date(rng), "DATE_OF_BIRTH")
    doc.add("\nご連絡先住所：〒")
    doc.add(f"{_digits(rng, 3)}-{_digits(rng, 4)}", "POSTAL_CODE")
    doc.add(" ")
    doc.add(address(rng), "ADDRESS")
    doc.add("\nお電話番号：")
    doc.add(phone(rng), "PHONE")
    doc.add("\nEメール：")
    doc.add(f"member{rng.randint(1, 999)}@example.jp", "EMAIL")
    doc.add("\nお支払いカード：")
    card = card_number(rng)
    doc.add(f"{card[:4]} {card[4:8]} {card[8:12]} {card[12:]}", "CREDIT_CARD")
    _decoys(doc, rng)


def _letter(doc: Doc, rng: random.Random) -> None:
    """Write a business letter addressed to a person, with a signature block."""
    name, _ = person(rng)
    signer, _ = person(rng)
    doc.add(f"{rng.choice(COMPANIES)}\n総務課\n")
    doc.add(name, "PERSON")
    doc.add(
        " 様\n\n拝啓 時下ますますご清栄のこととお慶び申し上げます。先日ご依頼の件、下記のとおりご案内いたします。"
    )
    doc.add(
        f"ご契約日は{rng.randint(2020, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日です。\n\n敬具\n\n"
    )
    doc.add(rng.choice(COMPANIES) + " 営業部 担当：")
    doc.add(signer, "PERSON")
    doc.add("\n直通 ")
    doc.add(phone(rng), "PHONE")
    doc.add("\n")
    _decoys(doc, rng)


def _hr_record(doc: Doc, rng: random.Random) -> None:
    """Write an employee record with My Number, licence, bank account and health insurance."""
    name, _ = person(rng)
    doc.add(f"従業員台帳（人事部限り）\n社員番号：S{_digits(rng, 6)}\n氏名　")
    doc.add(name, "PERSON")
    doc.add("\n生年月日　")
    doc.add(birth_date(rng), "DATE_OF_BIRTH")
    doc.add("\nマイナンバー：")
    mn = my_number(rng)
    doc.add(f"{mn[:4]}-{mn[4:8]}-{mn[8:]}" if rng.random() < 0.5 else mn, "MY_NUMBER")
    doc.add("\n運転免許証 番号：")
    doc.add(licence_number(rng), "DRIVERS_LICENSE")
    doc.add(f"\n給与振込先：{rng.choice(BANKS)} 本店営業部 {rng.choice(['普通', '当座'])} ")
    doc.add(_digits(rng, 7), "BANK_ACCOUNT")
    doc.add("\n健康保険 被保険者証 ")
    doc.add(f"記号：{_digits(rng, 4)} 番号：{rng.randint(1, 999)}", "HEALTH_INSURANCE")
    doc.add("\n旅券番号：")
    doc.add(rng.choice(["TK", "TR", "MZ"]) + _digits(rng, 7), "PASSPORT")
    doc.add(f"\n入社日：{rng.randint(2000, 2024)}/{rng.randint(1, 12)}/{rng.randint(1, 28)}\n")
    _decoys(doc, rng)


def _csv_export(doc: Doc, rng: random.Random) -> None:
    """Write a CSV export whose headers differ from the dev sample's."""
    doc.add("お名前,フリガナ,誕生日,〒,ご住所,携帯,Email,ポイント\n")
    for _ in range(rng.randint(2, 5)):
        name, kana = person(rng)
        doc.add(name, "PERSON")
        doc.add(",")
        doc.add(kana, "PERSON")
        doc.add(",")
        doc.add(birth_date(rng), "DATE_OF_BIRTH")
        doc.add(",")
        doc.add(f"{_digits(rng, 3)}-{_digits(rng, 4)}", "POSTAL_CODE")
        doc.add(",")
        doc.add(address(rng), "ADDRESS")
        doc.add(",")
        doc.add(phone(rng), "PHONE")
        doc.add(",")
        doc.add(f"user{rng.randint(1, 9999)}@example.com", "EMAIL")
        doc.add(f",{rng.randint(0, 9999)}\n")


def _support_note(doc: Doc, rng: random.Random) -> None:
    """Write a free-text support note with a name before さん and inline identifiers."""
    name, _ = person(rng)
    surname = name.replace("\u3000", " ").split(" ")[0] if " " in name.replace("\u3000", " ") else name[:2]
    doc.add(f"{rng.randint(9, 18)}:{rng.randint(10, 59)} 入電。")
    doc.add(name, "PERSON")
    doc.add("さんより住所変更のご連絡。新住所は")
    doc.add(address(rng), "ADDRESS")
    doc.add("、折り返し先は")
    doc.add(phone(rng), "PHONE")
    doc.add("とのこと。本人確認として生年月日（")
    doc.add(birth_date(rng), "DATE_OF_BIRTH")
    doc.add("）を確認済み。対応者：")
    doc.add(surname if surname in {s for s, _ in SURNAMES} else name, "PERSON")
    doc.add("\n")
    _decoys(doc, rng)


TEMPLATES = [_application_form, _letter, _hr_record, _csv_export, _support_note]


_SUBJECTS = [
    "来期の販売計画",
    "在庫の見直し",
    "新製品の出荷",
    "品質保証体制",
    "システム更改",
    "物流コスト",
    "展示会の準備",
    "価格改定",
    "契約更新",
    "社内研修",
    "情報セキュリティ対策",
    "業務委託先の管理",
    "予算配分",
]
_PREDICATES = [
    "について議論しました。",
    "の進捗を確認しました。",
    "は来月中旬に完了予定です。",
    "を次回までに再検討します。",
    "に関する資料を共有フォルダに格納しました。",
    "は関係部署と調整のうえ決定します。",
    "の課題を洗い出しました。",
]


def _business_paragraph(rng: random.Random) -> str:
    """Return a paragraph of ordinary business text with numbers that are not personal data."""
    sentences = [rng.choice(_SUBJECTS) + rng.choice(_PREDICATES) for _ in range(rng.randint(3, 7))]
    extras = [
        f"見積金額は{rng.randint(10, 9999):,}千円（税抜）です。",
        f"納期は{rng.randint(2025, 2027)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日、数量は{rng.randint(1, 500)}個。",
        f"注文番号 PO-{_digits(rng, 8)} の請求書 INV-{rng.randint(2024, 2026)}-{_digits(rng, 5)} を処理済み。",
        f"会議は{rng.randint(9, 17)}:{rng.choice(['00', '30'])}から第{rng.randint(1, 5)}会議室で開催します。",
        f"品番 {rng.choice('ABCDEFG')}{_digits(rng, 3)}-{_digits(rng, 4)}、単価{rng.randint(100, 99999):,}円。",
        f"売上は前年同期比{rng.randint(80, 130)}.{rng.randint(0, 9)}%でした。Web会議のURLは社内ポータルを参照。",
    ]
    sentences += rng.sample(extras, rng.randint(1, 3))
    rng.shuffle(sentences)
    return "".join(sentences)


def business_corpus(size_bytes: int, seed: int = 11, pii_every: int = 20) -> list[str]:
    """Return documents of mixed business text totalling about ``size_bytes`` UTF-8 bytes, sparse in PII."""
    rng = random.Random(seed)
    docs: list[str] = []
    total = 0
    while total < size_bytes:
        paragraphs = [_business_paragraph(rng) for _ in range(rng.randint(4, 12))]
        if len(docs) % pii_every == 0:
            doc = Doc()
            rng.choice(TEMPLATES)(doc, rng)
            paragraphs.insert(rng.randrange(len(paragraphs) + 1), str(doc.as_dict("x")["text"]))
        text = "\n\n".join(paragraphs)
        docs.append(text)
        total += len(text.encode("utf-8"))
    return docs


_KATAKANA_ONLY = set(
    "ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴー "
)


def _replacement(rng: random.Random, label: str, value: str) -> str | None:
    """Return an unseen value of the same shape as a PERSON or ADDRESS ``value``, or None to keep it."""
    if label == "ADDRESS":
        return address(rng)
    if value.isascii():
        return None
    (s, sk), (g, gk) = rng.choice(SURNAMES), rng.choice(GIVEN)
    sep = next((c for c in value if c in " \u3000"), "")
    if set(value) <= _KATAKANA_ONLY | {"\u3000"}:
        return sk + sep + gk
    if all("\u3041" <= c <= "\u309f" or c in " \u3000" for c in value):
        return (sk + sep + gk).translate({c: c - 0x60 for c in range(0x30A1, 0x30F7)})
    return s if len(value) <= 2 else s + sep + g


def swap_names(doc: dict, rng: random.Random) -> dict:
    """Return ``doc`` with its PERSON and ADDRESS spans replaced by unseen names and addresses.

    Run on the dev sample, this keeps its templates and contexts but takes away every name the engine
    might have been tuned on, so the score says how detection generalises to new names.
    """
    text = doc["text"]
    parts: list[str] = []
    spans: list[dict[str, object]] = []
    decoys = sorted(doc.get("decoys", []), key=lambda d: d["start"])
    pos = 0
    shift = 0
    moved: list[tuple[int, int]] = []  # (original offset, shift from there on)
    for span in sorted(doc["spans"], key=lambda s: s["start"]):
        start, end, label = span["start"], span["end"], span["label"]
        value = text[start:end]
        new = _replacement(rng, label, value) if label in ("PERSON", "ADDRESS") else None
        new = value if new is None else new
        parts.append(text[pos:start])
        spans.append({"start": start + shift, "end": start + shift + len(new), "label": label})
        parts.append(new)
        shift += len(new) - len(value)
        moved.append((end, shift))
        pos = end
    parts.append(text[pos:])

    def at(offset: int) -> int:
        return offset + next((s for o, s in reversed(moved) if o <= offset), 0)

    new_decoys = [{**d, "start": at(d["start"]), "end": at(d["end"])} for d in decoys]
    return {**doc, "text": "".join(parts), "spans": spans, "decoys": new_decoys}
