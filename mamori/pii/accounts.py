"""Tell whose bank account a number is: the holder written after it, the bank's own words, 様 to a company.

``corporate.py`` gives an account to the organisation named before it in its block. Three things about
accounts are read here:

- the holder written after the number decides first: a person's name in kana (``普通 2281904 クリハラ
  レン``) keeps it personal, a name of an organisation in bank kana (``当座 0421873
  ニホンリンシヨウエイヨウコウガクカイ``: ends in a reading of 学会, 協会, 組合 …, or carries a bank's
  legal form ``カ）``) makes it the organisation's, whoever is named above;
- a bank is named in every account (``北海信用金庫 琴似支店``, ``みどり銀行 本店営業部``, ``JA北信州 本所``):
  the organisation words of the bank's own name are no owner of the account;
- a letter addressed to a company with 様 (``有限会社丸喜製麺 様`` above ``お借入口座：普通預金 …``)
  addresses no person: 様 after an organisation's name is no person's mark;
- a vendor master's 口座名義 that is the reading of the row's company (``株式会社ミナト物産`` /
  ``ﾐﾅﾄﾌﾞｯｻﾝ``, no ``(ｶ`` written) is the company's name in bank kana (``company_reading``).
"""

from __future__ import annotations

import re
import unicodedata

from mamori.pii.analyser import tagger
from mamori.pii.names import parse_kana_name

_HOLDER_LABEL = re.compile(r"\A[\s\u3000]*(?:口座)?(?:名義人?|受取人)?[\s\u3000]*[:：]?")


def _holder(text: str, end: int) -> str:
    """Return the account holder written after an account number ending at ``end`` on its line."""
    line_end = text.find("\n", end)
    return _HOLDER_LABEL.sub("", text[end : len(text) if line_end < 0 else line_end], count=1).strip()


def person_holds(text: str, end: int) -> bool:
    """Return whether the account holder written after an account number is a person's name in kana.

    ``普通 2281904 クリハラ レン`` or ``… 3320915 口座名義：モリタ タカユキ``: a surname's reading, a space and
    a given name, and no legal form (カ）ヤマトセイコウ is a company's).
    """
    holder = _holder(text, end)
    if not holder or holder[0] in "(（" or ")" in holder[:3] or "）" in holder[:3]:
        return False
    return parse_kana_name(holder, 0, strict=True) is not None and " " in holder[:9]


# The endings of organisations' names as banks spell them (large kana: ガツカイ for ガッカイ) and as
# people do: 会, 学会, 協会, 組合, 法人, 財団, 事務所, センター, 商店, 工務店, 病院, 学園, 保育園 …
_ORG_KANA_END = re.compile(
    r"(?:カイ|クミアイ|ホウジン|ザイダン|シヤダン|シャダン|ジムシヨ|ジムショ|センタ[ーｰ-]|シヨウテン|ショウテン|"
    r"コウムテン|セイサクシヨ|セイサクショ|ビヨウイン|ビョウイン|イイン|クリニツク|クリニック|ガクエン|ガクイン|"
    r"ホイクエン|ヨウチエン|ケンセツ|コウギヨウ|コウギョウ|サンギヨウ|サンギョウ|シヨウジ|ショウジ|ウンユ|"
    r"フドウサン|ヤツキヨク|ヤッキョク|ジム?キヨク|ジム?キョク|クラブ|ブ)\Z"
)
# A bank's legal form in a holder (カ）ヤマトセイコウ, ダイワケミカル（カ, ユ）…, イ）…, シヤ）…).
_BANK_LEGAL = re.compile(
    r"\A(?:カ|ユ|ド|イ|ガク|フク|ザイ|シヤ|ｶ|ﾕ|ﾄﾞ|ｲ)[)）]|[(（](?:カ|ユ|ド|イ|ｶ|ﾕ)[)）]?\Z"
)
_KANA = re.compile(r"[\u30a1-\u30faー\uff66-\uff9f()（）・.\s\-]+")


def organisation_holds(text: str, end: int) -> bool:
    """Return whether the holder written after an account number is an organisation's name in kana.

    A bank's legal form (``カ）…``), or a name of six kana or more that splits into no person's name
    and ends like an organisation's (``…ガツカイ``, ``…クミアイ``, ``…ジムシヨ``).
    """
    holder = _holder(text, end)
    if not holder or not _KANA.fullmatch(holder):
        return False
    return kana_organisation(holder)


# A legal form spelled out in kana, as a bank statement writes a payer (ユウゲンガイシヤ マルサン, …カブシキガイシヤ).
_KANA_LEGAL_WORD = re.compile(
    r"(?:カブシキ|ユウゲン|ゴウドウ|ゴウシ|ゴウメイ)ガイシ[ヤャ]|(?:イリ[ヨョ]ウ|シ[ヤャ]カイフクシ|ガツコウ|ガッコウ|"
    r"ザイダン|シ[ヤャ]ダン|ト[ツッ]?クテイヒエイリカツドウ|NPO)ホウジン"
)


def kana_organisation(holder: str) -> bool:
    """Return whether a holder or a payer in kana is an organisation: a bank's legal form (``カ）…``,
    ``…（カ``), one spelled out (``ユウゲンガイシヤ …``), or six kana or more that split into no person's
    name and end like an organisation's (``…ガツカイ``, ``…クミアイ``, ``…ジムシヨ``)."""
    if _BANK_LEGAL.search(holder) or _KANA_LEGAL_WORD.search(holder):
        return True
    plain = holder.replace(" ", "").replace("\u3000", "")
    return (
        len(plain) >= 6
        and _ORG_KANA_END.search(plain) is not None
        and parse_kana_name(holder, 0, strict=True) is None
    )


# The words of a bank's own name: every account names one (北海信用金庫 琴似支店, みどり銀行 本店営業部).
_BANK = re.compile(
    r"銀行|信用金庫|信用組合|労働金庫|信金|信組|農業協同組合|漁業協同組合|農協|漁協|JA|ゆうちょ|郵便局"
)


def in_bank_name(text: str, start: int) -> bool:
    """Return whether an organisation word at ``start`` is part of a bank's name on its line.

    From the bank's word on (``北海信用金庫 琴似支店``, ``みどり銀行 本店営業部``); an organisation named
    before the bank (``振込先：株式会社ABC みどり銀行 本店``) is the account's owner.
    """
    line_start = text.rfind("\n", 0, start) + 1
    bank = _BANK.search(text, line_start, start + 8)
    return bank is not None and bank.start() <= start


def addressed_organisation(line: str) -> bool:
    """Return whether a line that starts after an organisation's word is its name and 様 / 殿 (丸喜製麺 様)."""
    return _ADDRESSED.fullmatch(line) is not None


_ADDRESSED = re.compile(r"[^\s様殿:：\t]{0,24}[\s\u3000]*(?:様|殿|御中)[\s\u3000]*")


# A legal form, written out or in bank kana ((ｶ, ｶ), (ﾕ, ﾄﾞ) …), and what a reading's comparison drops.
_LEGAL_FORM = re.compile(r"株式会社|有限会社|合同会社|合資会社|合名会社|\(株\)|\(有\)|㈱|㈲")
_KANA_LEGAL_FORM = re.compile(
    r"\(?(?:カブシキガイシヤ|カブシキガイシャ|ユウゲンガイシヤ|ユウゲンガイシャ|ゴウドウガイシヤ|ゴウドウガイシャ|[カユドシメ])\)"
    r"|\((?:[カユド]|カブ|ユウ)\)?|カブシキガイシ[ヤャ]|ユウゲンガイシ[ヤャ]|ゴウドウガイシ[ヤャ]"
)
_SMALL = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")
_NOT_COMPARED = re.compile(r"[\sー・.,\-]")


def company_reading(company: str, holder: str) -> bool:
    """Return whether an account holder in kana (``ﾐﾅﾄﾌﾞｯｻﾝ``) reads the name of ``company``, which holds a
    legal form (``株式会社ミナト物産``): the analyser's reading of the name without it, small kana made
    large as bank kana writes them, and either a prefix of the other (a bank cuts a long name)."""
    if not _LEGAL_FORM.search(company):
        return False
    kana = _NOT_COMPARED.sub("", _KANA_LEGAL_FORM.sub("", unicodedata.normalize("NFKC", holder))).translate(
        _SMALL
    )
    analyser = tagger()
    name = _LEGAL_FORM.sub("", unicodedata.normalize("NFKC", company)).strip()
    if analyser is None or len(kana) < 3 or not name:
        return False
    reading = "".join(word.feature.kana or word.surface for word in analyser(name))
    reading = _NOT_COMPARED.sub("", reading).translate(_SMALL)
    return kana == reading or (len(kana) >= 6 and (reading.startswith(kana) or kana.startswith(reading)))
