"""Match context words in a character window around a candidate (Japanese has no spaces)."""

from __future__ import annotations

import re


def before(text: str, start: int, width: int = 16, line: bool = True) -> str:
    """Return up to ``width`` characters before ``start``, cut at the line start when ``line``."""
    lo = max(0, start - width)
    if line:
        nl = text.rfind("\n", lo, start)
        if nl >= 0:
            lo = nl + 1
    return text[lo:start]


def after(text: str, end: int, width: int = 8) -> str:
    """Return up to ``width`` characters after ``end``, cut at the line end."""
    chunk = text[end : end + width]
    nl = chunk.find("\n")
    return chunk if nl < 0 else chunk[:nl]


def near(pattern: re.Pattern[str], text: str, start: int, end: int, width: int = 16) -> bool:
    """Return whether ``pattern`` occurs in the window before ``start`` on the same line."""
    return pattern.search(before(text, start, width)) is not None


NEGATIVE = re.compile(
    r"注文|伝票|法人番号|登録番号|会員番号|契約番号|品番|JAN|請求|発注|受注|管理番号|社員番号|保険者番号"
    r"|問い合わせ番号|問合せ番号|SKU|型番|No\.|受付番号|予約番号|追跡|整理番号"
    r"|従業員番号|顧客番号|商品|金額|単価|合計|価格|円|¥|\\"
    r"|ID|取引|承認番号|決済番号|トランザクション|シリアル|製造番号|資産番号|ロット"
)
