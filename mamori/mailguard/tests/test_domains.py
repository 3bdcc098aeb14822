"""Tell look-alike recipient domains from known ones."""

from __future__ import annotations

import pytest

from mamori.mailguard.domains import lookalike_reason, normalize_domain, registrable, split_domain


@pytest.mark.parametrize(
    ("candidate", "known", "reason"),
    [
        ("examp1e.co.jp", "example.co.jp", "homoglyph"),
        ("exarnple.co.jp", "example.co.jp", "homoglyph"),
        ("examp0le.co.jp", "example.co.jp", "edit_distance"),
        ("exmaple.co.jp", "example.co.jp", "edit_distance"),
        ("exampel.com", "example.com", "edit_distance"),
        ("exampl.co.jp", "example.co.jp", "edit_distance"),
        ("example.com", "example.co.jp", "different_tld"),
        ("example.jp", "example.co.jp", "different_tld"),
        ("xn--xample-2of.com", "example.com", "homoglyph"),  # Cyrillic е
        ("ехаmple.com", "example.com", "homoglyph"),
        ("example.co.jp.attacker.invalid", "example.co.jp", "embedded"),
        ("sample-partner.co.jp", "sample-partnr.co.jp", "edit_distance"),
    ],
)
def test_lookalike_domains_are_caught_with_their_reason(candidate, known, reason):
    assert lookalike_reason(candidate, known) == reason


@pytest.mark.parametrize(
    ("candidate", "known"),
    [
        ("example.co.jp", "example.co.jp"),
        ("mail.example.co.jp", "example.co.jp"),
        ("Example.CO.JP.", "example.co.jp"),
        ("abc.co.jp", "abd.co.jp"),  # short names differ by one letter all the time
        ("example.org", "another.co.jp"),
        ("partner.example", "example.co.jp"),
    ],
)
def test_unrelated_or_same_domains_are_not_lookalikes(candidate, known):
    assert lookalike_reason(candidate, known) is None


def test_normalize_decodes_punycode_and_full_width():
    assert normalize_domain("ＥＸＡＭＰＬＥ.co.jp.") == "example.co.jp"
    assert normalize_domain("テスト.example".encode("idna").decode()) == "テスト.example"


def test_japanese_second_level_suffixes_are_kept_together():
    assert split_domain("mail.example.co.jp") == ("example", "co.jp")
    assert registrable("a.b.example.com") == "example.com"
