"""Display names in mail headers (From / To / Cc) are persons when they read as names."""

from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage

import pytest

from mamori.pii import detect
from mamori.pii.extract import extract

from .extract_samples import msg_bytes


def _eml(sender: Address, to: list[Address], cc: list[Address]) -> bytes:
    """Return a mail as Python's email package writes it (display names as RFC 2047 encoded words)."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Cc"] = cc
    message["Subject"] = "お見積りの件"
    message.set_content("お世話になっております。見積書を添付いたします。", charset="iso-2022-jp")
    return message.as_bytes()


def _persons(data: bytes, name: str) -> list[str]:
    return [s.text for part in extract(data, name) for s in detect(part.text) if s.label == "PERSON"]


_PERSONS = (
    Address("山本 太一", "taichi", "example.net"),
    [Address("佐藤花子", "hanako", "example.jp"), Address("Taro Yamada", "t.yamada", "example.com")],
    [
        Address("John Smith", "john.smith", "example.com"),
        Address("グエン・ヴァン・ナム", "nam", "example.vn"),
    ],
)
_ORGANISATIONS = (
    Address("株式会社みなと電材", "noreply", "minato.example.jp"),
    [Address("営業部", "sales", "example.co.jp"), Address("Support Team", "support", "example.com")],
    [Address("総務課（本社）", "soumu", "example.jp"), Address("カスタマー サポート", "cs", "example.jp")],
)


@pytest.mark.parametrize(
    ("mailboxes", "persons"),
    [
        (_PERSONS, ["山本 太一", "佐藤花子", "Taro Yamada", "John Smith", "グエン・ヴァン・ナム"]),
        (_ORGANISATIONS, []),  # departments, companies and role mailboxes are no persons
    ],
)
def test_display_names_in_from_to_and_cc_are_persons_when_they_read_as_names(mailboxes, persons) -> None:
    assert _persons(_eml(*mailboxes), "m.eml") == persons


def test_the_sender_of_an_outlook_msg_is_found_and_its_department_recipient_is_not() -> None:
    data = msg_bytes("見積の件", "本文です。", "山本 太一", {})
    assert _persons(data, "m.msg") == ["山本 太一"]


def test_recipients_listed_without_addresses_are_found() -> None:
    # extract writes an Outlook message's recipients as ``To: 名前 <addr>; 名前`` when it has no address
    headers = "From: 山本 太一\nTo: 佐藤 花子; 田中 一郎; 総務部\nCc: 鈴木 一郎 様 <ichiro@example.jp>\nSubject: 件名"
    assert [s.text for s in detect(headers) if s.label == "PERSON"] == [
        "山本 太一",
        "佐藤 花子",
        "田中 一郎",
        "鈴木 一郎",
    ]


def test_outlook_last_first_names_and_initial_mailboxes_are_persons_and_team_mailboxes_are_not() -> None:
    headers = (
        'From: Support Team <support@example.com>\nTo: "Yamada, Taro" <taro.yamada@example.com>, '
        '"Smith, John" <j.smith@example.com>\nCc: John Smith <jsmith@example.com>, Sales Dept <sales@example.com>'
        "\nSubject: 件名"
    )
    assert [s.text for s in detect(headers) if s.label == "PERSON"] == [
        "Yamada, Taro",
        "Smith, John",
        "John Smith",
    ]


def test_a_city_in_kana_opening_a_display_name_is_no_given_name():
    mail = (
        "From: ひたちなか市 健康福祉部 保健課 <hoken@city.example.lg.jp>\n"
        "To: 薬局 <info@example.jp>\nSubject: 通知\n\n通知します。\n"
    )
    assert [s.text for s in detect(mail) if s.label == "PERSON"] == []
    # counter: a kana name not glued to 市 / 町 / 村 stays a person
    assert [
        s.text for s in detect("受付：ひたちなか市より入電 担当：さとう はるか\n") if s.label == "PERSON"
    ] == ["さとう はるか"]
