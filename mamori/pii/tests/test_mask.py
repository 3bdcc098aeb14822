"""Test masked previews and keyed hashes: never the full value."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from mamori.pii import LABELS, keyed_hash, mask


@pytest.mark.parametrize(
    "label, value, preview",
    [
        ("PHONE", "090-1234-5678", "090-****-5678"),
        ("PERSON", "山田 太郎", "山田 **"),
        ("CREDIT_CARD", "4111 1111 1111 1111", "****-****-****-1111"),
        ("EMAIL", "taro@example.com", "t***@example.com"),
        ("MY_NUMBER", "123456789018", "********9018"),
        ("POSTAL_CODE", "123-4567", "123-****"),
        ("DATE_OF_BIRTH", "1985/04/01", "****/**/**"),
    ],
)
def test_masks_show_the_house_style_preview(label: str, value: str, preview: str) -> None:
    assert mask(label, value) == preview


@pytest.mark.parametrize("label", LABELS)
def test_no_mask_reveals_the_full_value(label: str) -> None:
    for value in [
        "090-1234-5678",
        "山田太郎",
        "東京都千代田区千代田1-1",
        "TK1234567",
        "1234567",
        "a@example.com",
    ]:
        assert mask(label, value) != value


def test_keyed_hash_is_hmac_sha256_of_the_nfkc_value() -> None:
    key = b"k" * 32
    expected = hmac.new(key, b"090-1234-5678", hashlib.sha256).hexdigest()
    assert keyed_hash("０９０－１２３４－５６７８", key) == expected
    assert keyed_hash("090-1234-5678", b"other") != expected
