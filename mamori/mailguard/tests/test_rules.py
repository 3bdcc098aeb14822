"""Pure rules of the hold queue: back-off, ASCII replies, masking and what findings show."""

from __future__ import annotations

import datetime as dt

from mamori.mailguard import rules


def test_retry_delays_grow_then_stay_at_an_hour():
    assert [rules.retry_delay(n).seconds // 60 for n in (1, 2, 3, 4, 5, 6, 50)] == [1, 2, 5, 10, 30, 60, 60]


def test_give_up_after_two_days():
    start = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)
    assert not rules.should_give_up(start, start + dt.timedelta(hours=47))
    assert rules.should_give_up(start, start + dt.timedelta(days=2))


def test_smtp_replies_are_ascii_even_with_japanese_input():
    reply = rules.ascii_reply(550, "5.7.1", "拒否 rejected")
    reply.encode("ascii")
    assert reply.startswith("550 5.7.1 ") and reply.endswith("rejected")


def test_reject_reply_names_each_code_once():
    reply = rules.reject_reply(["PII_IN_BODY", "PII_IN_BODY", "MANY_RECIPIENTS"])
    assert "(PII_IN_BODY, MANY_RECIPIENTS)" in reply and reply.startswith("550 5.7.1")


def test_masked_address_keeps_only_the_first_letter_and_the_domain():
    assert rules.mask_address("tanaka@torihiki.invalid") == "t***@torihiki.invalid"
    assert rules.mask_address("broken") == "***"


def test_findings_for_display_keep_counts_but_drop_other_details():
    shown = rules.findings_for_display(
        [
            {
                "code": "PII_IN_BODY",
                "severity": "high",
                "message": "m",
                "details": {"count": 3, "locations": {"body": 1}},
            }
        ]
    )
    assert shown == [{"code": "PII_IN_BODY", "severity": "high", "message": "m", "counts": {"count": 3}}]
