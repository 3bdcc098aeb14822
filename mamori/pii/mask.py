"""Mask values for previews and hash them with a key, so findings never store the raw value."""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata


def keyed_hash(value: str, key: bytes) -> str:
    """Return the HMAC-SHA256 hex digest of the NFKC-normalised ``value`` under ``key``."""
    norm = unicodedata.normalize("NFKC", value)
    return hmac.new(key, norm.encode("utf-8"), hashlib.sha256).hexdigest()


def _mask_digits(value: str, keep_head: int, keep_tail: int) -> str:
    """Return ``value`` with its digits starred except the first/last few, keeping separators."""
    total = sum(ch.isdigit() for ch in value)
    if keep_head + keep_tail >= total:
        keep_head, keep_tail = 0, min(keep_tail, max(total // 3, 0))
    out = []
    seen = 0
    for ch in value:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen <= keep_head or seen > total - keep_tail else "*")
        else:
            out.append(ch)
    return "".join(out)


def _mask_phone(value: str) -> str:
    groups = re.split(r"([\-() ])", value)
    digit_groups = [i for i, g in enumerate(groups) if g.isdigit()]
    if len(digit_groups) >= 3:
        for i in digit_groups[1:-1]:
            groups[i] = "*" * len(groups[i])
        return "".join(groups)
    return _mask_digits(value, 3, 4)


def _mask_email(value: str) -> str:
    local, _, domain = value.partition("@")
    return (local[:1] + "***@" + domain) if domain else "***"


def _mask_name(value: str) -> str:
    parts = value.split(maxsplit=1)
    if len(parts) == 2:
        return parts[0] + " " + "*" * 2
    return value[:1] + "*" * 2 if len(value) > 1 else "*"


def _mask_address(value: str) -> str:
    m = re.match(r"^.*?(?:都|道|府|県)?.*?[市区町村郡]", value)
    head = m.group() if m and m.end() < len(value) else value[:3]
    return head + "****"


def mask(label: str, value: str) -> str:
    """Return a masked preview of ``value`` for ``label`` (``090-****-5678``, ``山田 **``); never the full value."""
    value = unicodedata.normalize("NFKC", value).strip()
    preview = _preview(label, value)
    if "*" not in preview or preview == value:
        return value[:1] + "*" * 3 if len(value) > 3 else "*" * max(len(value), 1)
    return preview


def _preview(label: str, value: str) -> str:
    """Return the label-specific preview of an NFKC-normalised ``value``."""
    if label == "PHONE":
        return _mask_phone(value)
    if label == "EMAIL":
        return _mask_email(value)
    if label == "PERSON":
        return _mask_name(value)
    if label == "ADDRESS":
        return _mask_address(value)
    if label == "CREDIT_CARD":
        digits = re.sub(r"\D", "", value)
        return "****-****-****-" + digits[-4:] if len(digits) >= 12 else "****"
    if label == "POSTAL_CODE":
        return _mask_digits(value, 3, 0)
    if label == "DATE_OF_BIRTH":
        return re.sub(r"\d", "*", value)
    if label == "PASSPORT":
        return value[:2] + "*****" + value[-2:] if len(value) > 4 else "****"
    return _mask_digits(value, 0, 4) if sum(c.isdigit() for c in value) > 6 else re.sub(r"\d", "*", value)
