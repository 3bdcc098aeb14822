"""Validate identifier candidates: check digits and number plans, no context involved."""

from __future__ import annotations

from stdnum import luhn
from stdnum.jp import in_ as my_number

# Issuer prefixes (IIN ranges) and the lengths they issue, for the brands used in Japan.
_CARD_RANGES: tuple[tuple[int, int, tuple[int, ...]], ...] = (
    (4, 4, (13, 16, 19)),  # Visa
    (51, 55, (16,)),  # Mastercard
    (2221, 2720, (16,)),  # Mastercard 2-series
    (34, 34, (15,)),  # American Express
    (37, 37, (15,)),
    (3528, 3589, (16, 17, 18, 19)),  # JCB
    (300, 305, (14, 16)),  # Diners Club
    (36, 36, (14, 16)),
    (38, 39, (14, 16)),
    (6011, 6011, (16, 19)),  # Discover
    (65, 65, (16, 19)),
    (622126, 622925, (16, 19)),  # UnionPay co-branded Discover range
    (62, 62, (16, 17, 18, 19)),  # UnionPay
)


def is_card_number(digits: str) -> bool:
    """Return whether ``digits`` passes Luhn and falls in a known issuer range of the right length."""
    if not 13 <= len(digits) <= 19 or not luhn.is_valid(digits):
        return False
    for low, high, lengths in _CARD_RANGES:
        prefix = int(digits[: len(str(low))])
        if low <= prefix <= high and len(digits) in lengths:
            return True
    return False


def is_my_number(digits: str) -> bool:
    """Return whether ``digits`` is a 12-digit individual number (マイナンバー) with a valid check digit."""
    return len(digits) == 12 and my_number.is_valid(digits)


def is_drivers_license(digits: str) -> bool:
    """Return whether ``digits`` is a 12-digit driver's licence number with a valid 11th check digit."""
    if len(digits) != 12 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:10], (5, 4, 3, 2, 7, 6, 5, 4, 3, 2), strict=True))
    return (11 - total % 11) % 10 == int(digits[10])


_MOBILE_OR_IP = ("070", "080", "090", "050", "020")


def is_phone_number(digits: str) -> bool:
    """Return whether national ``digits`` fit the Japanese numbering plan (fixed, mobile, IP, free dial)."""
    if not digits.startswith("0") or digits[1] == "0":
        return False
    if digits.startswith(_MOBILE_OR_IP) or digits.startswith("0800"):
        return len(digits) == 11
    if digits.startswith(("0120", "0570", "0990")):
        return len(digits) == 10
    return len(digits) == 10
