"""Validate identifier candidates: check digits and number plans, no context involved."""

from __future__ import annotations

from operator import mul

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


def _plain_digits(text: str) -> bool:
    """Return whether ``text`` is ASCII digits only, which the check digits below read as python-stdnum does."""
    return text.isascii() and text.isdigit()


# Luhn's doubled digit, digit by digit: 2 × d with its two digits added.
_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def _luhn(digits: str) -> bool:
    """Return whether ASCII ``digits`` pass Luhn, as ``stdnum.luhn.is_valid`` (four times as fast)."""
    values = [ord(c) - 48 for c in reversed(digits)]
    return (sum(values[::2]) + sum(map(_DOUBLED.__getitem__, values[1::2]))) % 10 == 0


def one_digit_over(digits: str) -> bool:
    """Return whether the digits before a number's last are one digit over and over: a form's sample
    (``000000000000``, ``111111111118`` with its check digit, a passport's ``TK0000000``), issued to no one."""
    return len(set(digits[:-1])) <= 1


def is_card_number(digits: str) -> bool:
    """Return whether ``digits`` passes Luhn and falls in a known issuer range of the right length."""
    if not 13 <= len(digits) <= 19 or one_digit_over(digits):
        return False
    if not (_luhn(digits) if _plain_digits(digits) else luhn.is_valid(digits)):
        return False
    for low, high, lengths in _CARD_RANGES:
        prefix = int(digits[: len(str(low))])
        if low <= prefix <= high and len(digits) in lengths:
            return True
    return False


def is_my_number(digits: str) -> bool:
    """Return whether ``digits`` is a 12-digit individual number (マイナンバー) with a valid check digit."""
    if len(digits) != 12 or one_digit_over(digits):
        return False
    if not _plain_digits(digits):
        return my_number.is_valid(digits)  # separators and other digits: python-stdnum's reading
    # python-stdnum's check digit, without its cleaning of the text (a JAN column: most of its time)
    total = sum(map(mul, _MY_NUMBER_WEIGHTS, map(int, digits[:11])))
    return -total % 11 % 10 == ord(digits[11]) - 48


_MY_NUMBER_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def is_drivers_license(digits: str) -> bool:
    """Return whether ``digits`` is a 12-digit driver's licence number with a valid 11th check digit."""
    if len(digits) != 12 or not digits.isdigit() or one_digit_over(digits):
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
