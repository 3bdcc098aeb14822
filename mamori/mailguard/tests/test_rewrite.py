"""Move exposed external recipients to Bcc without touching the rest of the mail."""

from __future__ import annotations

from mamori.mailguard.parse import parse_message
from mamori.mailguard.rewrite import move_to_bcc

from .mails import mail


def test_exposed_addresses_leave_to_and_cc_and_the_body_is_untouched():
    raw = mail(
        to=("佐藤 <a@customer.invalid>", "suzuki@example.co.jp"),
        cc=("b@other.invalid",),
        body="本文です。\n",
        attachments=(("a.txt", b"x", "text/plain"),),
    )
    out = move_to_bcc(raw, ["A@customer.invalid", "b@other.invalid"])
    msg = parse_message(out)
    assert [a.address for a in msg.to] == ["suzuki@example.co.jp"]
    assert msg.cc == ()
    assert msg.text == "本文です。\n"
    assert out.split(b"\r\n\r\n", 1)[1] == raw.split(b"\r\n\r\n", 1)[1]


def test_japanese_display_names_of_kept_recipients_survive():
    raw = mail(to=("佐藤 花子 <a@customer.invalid>", "鈴木 一郎 <suzuki@example.co.jp>"))
    msg = parse_message(move_to_bcc(raw, ["a@customer.invalid"]))
    assert [(a.display_name, a.address) for a in msg.to] == [("鈴木 一郎", "suzuki@example.co.jp")]


def test_when_no_to_is_left_undisclosed_recipients_is_written():
    raw = mail(to=("a@customer.invalid", "b@other.invalid"))
    out = move_to_bcc(raw, ["a@customer.invalid", "b@other.invalid"])
    assert b"To: undisclosed-recipients:;" in out
    assert parse_message(out).to == ()


def test_nothing_to_move_returns_the_same_bytes():
    raw = mail(to=("a@customer.invalid",))
    assert move_to_bcc(raw, []) is raw
    assert move_to_bcc(raw, ["nobody@customer.invalid"]) == raw
