"""Generate a small company file server: files with personal data and files with company data only.

The tree mixes what a scan of a real SME share meets: customer lists in several encodings, a mailing
list (〒,住所,建物,宛名,敬称), HR sheets, katakana and foreign names, 﨑 / 𠮷 names, a CP932 file name; and
files that hold no personal data at all: quotes and invoices with the company's own contact block and
振込先, shipping logs with ``ship_no=`` / ``order=``, product masters with ``MB2493714``-style codes,
order lists, manuals, source code and mamori's own incident vocabulary. ``build(root)`` writes it and
returns the truth per file: ``{"personal": bool, "spans": [(label, value), ...]}`` for plain-text files
(the values a perfect engine reports, corporate ones excluded), keyed by the path relative to ``root``.
All names, numbers and addresses are invented; identifiers are valid only by checksum.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

from stdnum import luhn
from stdnum.jp import in_

from mamori.pii.scan import display_path

SURNAMES = [
    "佐々木",
    "松本",
    "井上",
    "木村",
    "清水",
    "山﨑",
    "𠮷田",
    "髙橋",
    "渡邊",
    "齋藤",
    "森",
    "石井",
    "前田",
]
GIVEN = ["健一", "美穂", "大樹", "さくら", "拓海", "由紀子", "蓮", "芽衣", "正雄", "千尋", "翼", "亜希子"]
KANA_NAMES = [
    "ササキ ケンイチ",
    "マツモト ミホ",
    "イノウエ ダイキ",
    "キムラ サクラ",
    "シミズ タクミ",
    "モリ レン",
]
FOREIGN = ["グエン・ヴァン・ナム", "マリア・サントス", "John Smith", "ワン・ウェイ", "Emily Clark"]
PLACES = [
    ("東京都", "八王子市", "元本郷町"),
    ("神奈川県", "藤沢市", "鵠沼海岸"),
    ("埼玉県", "川越市", "新富町"),
    ("大阪府", "堺市", "中区深井北町"),
    ("愛知県", "豊橋市", "花田町"),
    ("福岡県", "北九州市", "小倉北区魚町"),
    ("北海道", "旭川市", "宮下通"),
    ("静岡県", "浜松市", "中央区砂山町"),
]
BUILDINGS = ["", "", "メゾン桜 203", "コーポ青葉 101", "サンライズ館 5F"]
COMPANY = "株式会社ミツボシ工業"
CUSTOMERS = ["株式会社ヒノデ商会", "有限会社カワセミ物産", "合同会社ツバメ設計"]


def _name(rng: random.Random, encoding: str = "utf-8") -> str:
    while True:  # a name the file's encoding can hold (𠮷 is in no legacy Japanese encoding)
        name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
        try:
            name.encode(encoding)
            return name
        except UnicodeEncodeError:
            continue


def _address(rng: random.Random) -> str:
    pref, city, town = rng.choice(PLACES)
    return f"{pref}{city}{town}{rng.randint(1, 5)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"


def _postal(rng: random.Random) -> str:
    return f"{rng.randint(100, 999)}-{rng.randint(0, 9999):04d}"


def _mobile(rng: random.Random) -> str:
    return f"0{rng.choice('789')}0-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"


def _my_number(rng: random.Random) -> str:
    body = "".join(str(rng.randint(0, 9)) for _ in range(11))
    return body + in_.calc_check_digit(body)


def _card(rng: random.Random) -> str:
    body = "4" + "".join(str(rng.randint(0, 9)) for _ in range(14))
    return body + luhn.calc_check_digit(body)


def _digits(rng: random.Random, n: int) -> str:
    return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))


def _code(rng: random.Random) -> str:
    return rng.choice(["MB", "TK", "MX", "TR", "KS"]) + _digits(rng, 7)


def _company_block(rng: random.Random) -> str:
    return (
        f"{COMPANY} 本社\n〒105-0011 東京都港区芝公園2-4-1\nTEL 03-5401-2211 FAX 03-5401-2212\n"
        f"info@mitsuboshi.example.jp\n"
    )


class Tree:
    """Collect the files of the tree and their truth while writing them."""

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.root = root
        self.rng = rng
        self.truth: dict[str, dict[str, Any]] = {}

    def text(self, rel: str, body: str, spans: list[tuple[str, str]], encoding: str = "utf-8") -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body.encode(encoding))
        self.truth[rel] = {"personal": bool(spans), "spans": spans, "encoding": encoding}

    def binary(self, rel: str | bytes, data: bytes, personal: bool) -> None:
        raw = rel if isinstance(rel, bytes) else rel.encode()
        path = os.path.join(os.fsencode(self.root), raw)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data)
        key = display_path(raw.decode("utf-8", "surrogateescape"))[0]  # as the scanner shows it
        self.truth[key] = {"personal": personal, "spans": None}


def build(root: Path, scale: int = 1, seed: int = 11) -> dict[str, dict[str, Any]]:
    """Write the tree under *root*; *scale* multiplies the number of files and rows."""
    tree = Tree(root, random.Random(seed))
    for i in range(3 * scale):
        _company_files(tree, i, scale)
    for i in range(2 * scale):
        _personal_files(tree, i, scale)
    _odd_names(tree)
    return tree.truth


def _company_files(tree: Tree, i: int, scale: int) -> None:
    rng = tree.rng
    rows = 40 * scale
    items = "".join(
        f"{_code(rng)}\tボルト M{rng.randint(3, 12)}\t{rng.randint(1, 50)}\t¥{rng.randint(100, 9000):,}\n"
        for _ in range(8)
    )
    quote = (
        f"御見積書\n見積番号：Q-2026-{i:04d}\n{rng.choice(CUSTOMERS)} 御中\n\n{_company_block(rng)}\n"
        f"品番\t品名\t数量\t金額\n{items}合計 ¥{rng.randint(10000, 900000):,}\n有効期限：発行日より30日\n"
    )
    tree.text(f"営業/見積/見積書_{i:03d}.txt", quote, [])
    invoice = (
        f"請求書\n{rng.choice(CUSTOMERS)} 御中\n請求番号 INV-{_digits(rng, 8)}\n{_company_block(rng)}\n"
        f"お振込先：みどり銀行 本店営業部 普通 {_digits(rng, 7)} カ）ミツボシコウギョウ\n"
        f"登録番号 T{_digits(rng, 13)}\n"
    )
    tree.text(f"経理/請求書/請求書_{i:03d}.txt", invoice, [], "cp932")
    tree.binary(f"経理/請求書/請求書_{i:03d}.xlsx", _invoice_xlsx(rng), False)
    log = "".join(
        f"2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)} 10:{rng.randint(10, 59)}:00 INFO shipped "
        f"ship_no={_my_number(rng) if rng.random() < 0.1 else _digits(rng, 12)} "
        f"order={_card(rng) if rng.random() < 0.1 else _digits(rng, 16)} id={_digits(rng, 12)} weight=1.2kg\n"
        for _ in range(rows * 5)
    )
    tree.text(f"システム/logs/shipping_{i:03d}.log", log, [])
    shipping = "伝票番号,出荷日,重量,運賃\n" + "".join(
        f"{_my_number(rng) if rng.random() < 0.1 else _digits(rng, 12)},2026/04/{rng.randint(10, 28)},"
        f"{rng.randint(1, 30)}.5,{rng.randint(500, 3000)}\n"
        for _ in range(rows)
    )
    tree.text(f"物流/出荷実績_{i:03d}.csv", shipping, [], "cp932")
    master = "商品コード,商品名,JAN,単価,在庫\n" + "".join(
        f"{_code(rng)},六角ボルト M{rng.randint(3, 12)},49{_digits(rng, 11)},{rng.randint(10, 900)},{rng.randint(0, 999)}\n"
        for _ in range(rows)
    )
    tree.text(f"商品/商品マスタ_{i:03d}.csv", master, [])
    orders = "注文番号\t受注日\t金額\t商品コード\n" + "".join(
        f"{_card(rng) if rng.random() < 0.1 else _digits(rng, 16)}\t2026/05/{rng.randint(10, 28)}\t{rng.randint(1000, 99999)}\t{_code(rng)}\n"
        for _ in range(rows)
    )
    tree.text(f"営業/受注/受注一覧_{i:03d}.tsv", orders, [])
    manual = (
        "# 製品マニュアル\n\n第1章 概要\n本製品は工場の生産管理に使います。\n\n第10章 仕様\n"
        "携帯端末からも操作できます。\n続柄や氏名などの個人情報は入力しないでください。\n"
        f"型番 {_code(rng)} の仕様は以下のとおりです。\n同様に、各様式は別紙を参照。\n"
        "お問い合わせ：support@mitsuboshi.example.jp\n"
    )
    tree.text(f"技術/マニュアル/manual_{i:03d}.md", manual, [])
    source = (
        '"""Shipping batch."""\nSHIP_PREFIX = "MB2493714"\nORDER_ID = 4111111111111111\n'
        'ADMIN = "noreply@mitsuboshi.example.jp"\n\ndef ship(order_no: int) -> str:\n'
        f'    return f"ship_no={{order_no}}"  # {_digits(rng, 12)}\n'
    )
    tree.text(f"システム/src/batch_{i:03d}.py", source, [])
    taxonomy = "事象分類,件数\n紛失,3\n滅失,1\n毀損,0\n漏えい,2\n誤送付,5\n盗難,1\n"
    tree.text(f"品質/事故統計_{i:03d}.csv", taxonomy, [])


def _personal_files(tree: Tree, i: int, scale: int) -> None:
    rng = tree.rng
    rows = 20 * scale
    spans: list[tuple[str, str]] = []
    encoding = ["utf-8", "cp932", "euc-jp", "utf-16"][i % 4]
    lines = ["氏名,フリガナ,郵便番号,住所,電話番号,メールアドレス"]
    for n in range(rows):
        name, kana, postal, addr, tel = (
            _name(rng, encoding),
            rng.choice(KANA_NAMES),
            _postal(rng),
            _address(rng),
            _mobile(rng),
        )
        mail = f"user{i}{n}@mirai-mail.jp"  # an invented provider: example.com is a placeholder
        lines.append(f"{name},{kana},{postal},{addr},{tel},{mail}")
        spans += [
            ("PERSON", name),
            ("PERSON", kana),
            ("POSTAL_CODE", postal),
            ("ADDRESS", addr),
            ("PHONE", tel),
        ]
        spans.append(("EMAIL", mail))
    tree.text(f"営業/顧客/顧客名簿_{i:03d}.csv", "\n".join(lines) + "\n", spans, encoding)

    spans = []
    lines = ["〒,住所,建物,宛名,敬称"]
    for _ in range(rows * 3):
        postal, addr, bld = _postal(rng), _address(rng), rng.choice(BUILDINGS)
        name = rng.choice([_name(rng, "cp932"), rng.choice(FOREIGN), rng.choice(KANA_NAMES)])
        lines.append(f"{postal},{addr},{bld},{name},様")
        spans += [("POSTAL_CODE", postal), ("ADDRESS", addr), ("PERSON", name)]
    tree.text(f"総務/DM/宛名リスト_{i:03d}.csv", "\n".join(lines) + "\n", spans, "cp932")

    spans = []
    lines = ["社員番号\t氏名\t生年月日\t個人番号\t口座名義"]
    for n in range(rows):
        name, kana, number = _name(rng), rng.choice(KANA_NAMES), _my_number(rng)
        born = f"19{rng.randint(60, 99)}/0{rng.randint(1, 9)}/1{rng.randint(0, 9)}"
        lines.append(f"E{1000 + n}\t{name}\t{born}\t{number}\t{kana}")
        spans += [("PERSON", name), ("DATE_OF_BIRTH", born), ("MY_NUMBER", number), ("PERSON", kana)]
    tree.text(f"人事/社員台帳_{i:03d}.tsv", "\n".join(lines) + "\n", spans)
    tree.binary(f"営業/顧客/顧客一覧_{i:03d}.xlsx", _customers_xlsx(rng, rows), True)

    spans = []
    lines = ["住所"]
    for _ in range(rows):
        addr = _address(rng)
        lines.append(addr)
        spans.append(("ADDRESS", addr))
    tree.text(f"総務/DM/配布先住所_{i:03d}.txt", "\n".join(lines) + "\n", spans)

    name = _name(rng)
    tel = _mobile(rng)
    memo = (
        f"対応記録\n{name}様より商品の返品希望。連絡先：{tel}\n"
        f"グエン・ヴァン・ナムさんにも折り返し連絡すること。\n"
    )
    spans = [("PERSON", name), ("PHONE", tel), ("PERSON", "グエン・ヴァン・ナム")]
    tree.text(f"サポート/対応記録_{i:03d}.txt", memo, spans)

    contact = _name(rng)
    quote = (
        f"御見積書\n{rng.choice(CUSTOMERS)} 御中\n\n{_company_block(rng)}担当：{contact}\n\n"
        f"品番\t品名\t数量\n{_code(rng)}\tナット\t10\n"
    )
    tree.text(f"営業/見積/担当者付き見積書_{i:03d}.txt", quote, [("PERSON", contact)])


def _xlsx(rows: list[list[Any]]) -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _invoice_xlsx(rng: random.Random) -> bytes:
    """An invoice laid out in a sheet: the company block in one column, items below, 振込先."""
    return _xlsx(
        [
            ["御請求書", None, None, None],
            [f"{rng.choice(CUSTOMERS)} 御中", None, None, None],
            [None, None, None, COMPANY],
            [None, None, None, "〒105-0011"],
            [None, None, None, "東京都港区芝公園2-4-1"],
            [None, None, None, "TEL 03-5401-2211"],
            [None, None, None, "FAX 03-5401-2212"],
            ["品番", "品名", "数量", "金額"],
            *[[_code(rng), "六角ボルト", rng.randint(1, 50), rng.randint(100, 90000)] for _ in range(6)],
            ["振込先", f"みどり銀行 本店営業部 普通 {_digits(rng, 7)}", None, None],
        ]
    )


def _customers_xlsx(rng: random.Random, rows: int) -> bytes:
    return _xlsx(
        [["顧客名", "カナ", "電話番号", "住所"]]
        + [[_name(rng), rng.choice(KANA_NAMES), _mobile(rng), _address(rng)] for _ in range(rows)]
    )


def _odd_names(tree: Tree) -> None:
    rng = tree.rng
    name = "山﨑 花子"
    body = f"氏名,電話番号\n{name},{_mobile(rng)}\n".encode("cp932")
    tree.binary("総務/".encode() + "旧名簿.csv".encode("cp932"), body, True)
    tree.binary("総務/archive/" + "README.txt", "このフォルダは空です。\n".encode(), False)
