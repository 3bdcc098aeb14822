"""Parse Japanese mail the way real mailers write it: every pitfall of the design note."""

from __future__ import annotations

import base64
import random

import pytest

from mamori.mailguard.headers import decode_header_value, parse_params
from mamori.mailguard.jis import decode_bytes, decode_iso2022jp, resolve_charset
from mamori.mailguard.parse import html_to_text, parse_message
from mamori.pii import detect

from . import mails
from .mails import jis, mail, tnef, zip_bytes


def b64word(data: bytes, charset: str = "ISO-2022-JP") -> bytes:
    return b"=?" + charset.encode() + b"?B?" + base64.b64encode(data) + b"?="


def raw_mail(headers: list[bytes], body: bytes, ctype: bytes = b"text/plain; charset=ISO-2022-JP") -> bytes:
    head = b"\r\n".join(headers + [b"MIME-Version: 1.0", b"Content-Type: " + ctype])
    return head + b"\r\n\r\n" + body


def test_iso2022jp_decoder_keeps_nec_and_ibm_extension_characters():
    data = jis("①㈱髙橋") + b" abc"
    with pytest.raises(UnicodeDecodeError):
        data.decode("iso2022_jp")
    assert decode_iso2022jp(data).text == "①㈱髙橋 abc"


def test_iso2022jp_decoder_reads_half_width_katakana_escapes():
    assert decode_iso2022jp(b"\x1b(I\x31\x32\x1b(B!").text == "ｱｲ!"


@pytest.mark.parametrize("label", ["Shift_JIS", "x-sjis", "windows-31j", "MS932", "csShiftJIS"])
def test_shift_jis_labels_decode_as_cp932_with_circled_digits(label):
    assert decode_bytes("①～㈱".encode("cp932"), label).text == "①～㈱"


@pytest.mark.parametrize("label", ["cp50220", "ISO-2022-JP-MS", "iso-2022-jp"])
def test_jis_labels_use_the_extension_aware_decoder(label):
    assert resolve_charset(label) == "x-mamori-iso-2022-jp"
    assert decode_bytes(jis("№１"), label).text == "№１"


def test_wrong_declared_charset_falls_back_and_says_so():
    result = decode_bytes("請求書".encode("cp932"), "utf-8")
    assert result.text == "請求書"
    assert "declared" in result.problem


def test_unknown_charset_is_guessed_and_recorded():
    result = decode_bytes("日本語".encode("euc_jp"), "x-klingon")
    assert result.text == "日本語"
    assert "unknown charset" in result.problem


def test_encoded_words_split_inside_a_jis_character_are_joined():
    data = jis("株式会社サンプル")
    value = (b64word(data[:7]) + b"\r\n " + b64word(data[7:])).decode()
    assert decode_header_value(value) == "株式会社サンプル"


def test_quoted_printable_encoded_word_in_shift_jis():
    word = "=?Shift_JIS?Q?" + "".join(f"={b:02X}" for b in "見積".encode("cp932")) + "?="
    assert decode_header_value(word + " No.1") == "見積 No.1"


def test_rfc2231_file_name_in_iso2022jp_across_continuations():
    encoded = "".join(f"%{b:02X}" for b in jis("顧客一覧.xlsx"[:4])) + ".xlsx"
    value = f"attachment; filename*0*=ISO-2022-JP''{encoded[:12]}; filename*1*={encoded[12:]}"
    _disp, params = parse_params(value)
    charset, data = params["filename"]
    assert charset == "ISO-2022-JP"
    assert decode_bytes(data, charset).text == "顧客一覧.xlsx"


def test_iso2022jp_headers_and_body_with_extension_characters():
    raw = raw_mail(
        [
            b"From: " + b64word(jis("山田")) + b" <yamada@example.co.jp>",
            b"To: " + b64word(jis("髙橋")) + b" <takahashi@example.com>",
            b"Subject: " + b64word(jis("①㈱の件")),
        ],
        jis("髙橋様") + b"\r\n" + jis("①確認") + b"\r\n",
    )
    msg = parse_message(raw)
    assert msg.subject == "①㈱の件"
    assert msg.from_[0].display_name == "山田"
    assert (msg.to[0].display_name, msg.to[0].address) == ("髙橋", "takahashi@example.com")
    assert msg.text.splitlines() == ["髙橋様", "①確認"]
    assert msg.problems == ()


def test_raw_8bit_shift_jis_subject_and_file_name_are_recovered():
    body = (
        b"--B\r\nContent-Type: text/plain; charset=Shift_JIS\r\n\r\n"
        + "本文①".encode("cp932")
        + b'\r\n--B\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="'
        + "名簿.csv".encode("cp932")
        + b'"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        + base64.b64encode(b"a,b\n")
        + b"\r\n--B--\r\n"
    )
    raw = raw_mail(
        [
            b"From: yamada@example.co.jp",
            b"To: sato@example.com",
            b"Subject: " + "至急　㈱サンプル".encode("cp932"),
        ],
        body,
        b"multipart/mixed; boundary=B",
    )
    msg = parse_message(raw)
    assert msg.subject == "至急　㈱サンプル"
    assert msg.text == "本文①"
    assert [(a.filename, a.data) for a in msg.attachments] == [("名簿.csv", b"a,b\n")]
    assert any("raw 8-bit" in p for p in msg.problems)


def test_display_names_with_commas_and_encoded_words_are_split_correctly():
    raw = mail(to=('"佐藤, 花子" <sato@example.com>', "鈴木 <SUZUKI@Example.NET>"))
    msg = parse_message(raw)
    assert [(a.display_name, a.address) for a in msg.to] == [
        ("佐藤, 花子", "sato@example.com"),
        ("鈴木", "suzuki@example.net"),
    ]
    assert msg.to[1].domain == "example.net"


def test_html_only_body_becomes_text_without_scripts():
    html = "<html><head><style>p{}</style></head><body><p>佐藤様</p><script>x()</script><div>&amp;確認</div>"
    raw = raw_mail(
        [b"From: a@example.co.jp", b"To: b@example.com"], html.encode(), b"text/html; charset=utf-8"
    )
    assert parse_message(raw).text == "佐藤様\n&確認"
    assert html_to_text("<b>a</b>b") == "ab"


def test_a_table_pasted_into_an_html_body_keeps_its_rows_for_the_pii_check():
    # What Outlook sends when cells are pasted from Excel: a table with the header row first.
    rows = [("氏名", "電話番号"), ("穂積 和奏", "090-1234-5678"), ("柳田 心春", "080-2345-6789")]
    table = "".join(
        "<tr>"
        + "".join(f"<td style='border:.5pt solid'><p class=MsoNormal>{c}</p></td>" for c in row)
        + "</tr>"
        for row in rows
    )
    html = f"<html><body><p>顧客一覧です。</p><table class=MsoTableGrid>{table}</table></body></html>"
    raw = raw_mail(
        [b"From: a@example.co.jp", b"To: b@example.com"], html.encode(), b"text/html; charset=utf-8"
    )
    text = parse_message(raw).text
    assert "氏名\t電話番号\n穂積 和奏\t090-1234-5678" in text
    assert [(s.label, s.text) for s in detect(text) if s.label == "PERSON"] == [
        ("PERSON", "穂積 和奏"),
        ("PERSON", "柳田 心春"),
    ]


def test_multipart_alternative_keeps_only_the_plain_text():
    body = (
        b"--A\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nplain\r\n"
        b"--A\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>html</p>\r\n--A--\r\n"
    )
    raw = raw_mail([b"From: a@example.co.jp"], body, b"multipart/alternative; boundary=A")
    assert parse_message(raw).text == "plain"


def test_attached_mail_body_and_attachments_are_read_with_locations():
    inner = mail(subject="転送元", body="内側の本文\n", attachments=(("内側.txt", b"x", "text/plain"),))
    outer = mail(attachments=(("fwd.eml", inner, "message/rfc822"),))
    msg = parse_message(outer)
    assert [b.location for b in msg.bodies] == ["body", "fwd.eml/body"]
    assert msg.bodies[1].text.strip() == "内側の本文"
    assert [a.location for a in msg.attachments] == ["fwd.eml/内側.txt"]


def test_eml_sent_as_octet_stream_is_parsed_as_a_mail():
    inner = mail(body="内側\n")
    msg = parse_message(mail(attachments=(("old.eml", inner, "application/octet-stream"),)))
    assert msg.bodies[1].location == "old.eml/body"


def test_winmail_dat_is_unwrapped_into_its_files_with_cp932_names():
    blob = tnef({"顧客名簿.csv".encode("cp932"): b"name\n"}, body=b"see attached")
    msg = parse_message(mail(attachments=(("winmail.dat", blob, "application/ms-tnef"),)))
    assert [(a.location, a.data) for a in msg.attachments] == [("winmail.dat/顧客名簿.csv", b"name\n")]
    assert msg.bodies[-1].text == "see attached"


def test_broken_tnef_is_kept_as_an_opaque_attachment_with_a_problem():
    msg = parse_message(mail(attachments=(("winmail.dat", b"not tnef", "application/ms-tnef"),)))
    assert msg.attachments[0].filename == "winmail.dat"
    assert any("TNEF not decoded" in p for p in msg.problems)


def test_smime_enveloped_part_is_marked_encrypted():
    msg = parse_message(mail(attachments=(("smime.p7m", b"\x30\x80", "application/pkcs7-mime"),)))
    assert msg.attachments[0].encrypted_container


def test_zip_attachment_bytes_survive_parsing():
    data = zip_bytes({"名簿.csv": b"x"}, cp932_names=True)
    msg = parse_message(mail(attachments=(("名簿.zip", data, "application/zip"),)))
    assert msg.attachments[0].data == data


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x00\xff\xfe garbage",
        b"Content-Type: multipart/mixed; boundary=X\r\n\r\n--X\r\nContent-Type: text/plain\r\n\r\nno end",
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!notbase64",
        b'To: <<<@@@>>>, "unterminated\r\nSubject: =?utf-8?B?broken?=\r\n\r\nx',
        b"Content-Type: multipart/mixed\r\n\r\nno boundary",
    ],
)
def test_malformed_input_never_raises(raw):
    parse_message(raw)


def test_random_bytes_never_raise():
    rng = random.Random(7)
    base = mail(attachments=(("a.zip", zip_bytes({"a": b"b"}), "application/zip"),))
    for _ in range(200):
        data = bytearray(base)
        for _ in range(20):
            data[rng.randrange(len(data))] = rng.randrange(256)
        parse_message(bytes(data))


def test_raw_jis_in_a_header_without_encoded_words_is_decoded():
    raw = raw_mail([b"From: yamada@example.co.jp", b"Subject: " + jis("御見積") + b" No.2"], b"x")
    assert parse_message(raw).subject == "御見積 No.2"


def test_raw_shift_jis_names_with_backslash_and_at_sign_trail_bytes_keep_their_letters():
    name = "表示ソフト＠営業"  # 表 and ソ end in 0x5C, ＠ in 0x97: meaningful to the address grammar
    raw = raw_mail(
        [
            b"From: yamada@example.co.jp",
            b'To: "' + name.encode("cp932") + b'" <a@customer.invalid>, b@other.invalid',
        ],
        b"x",
    )
    msg = parse_message(raw)
    assert [(a.display_name, a.address) for a in msg.to] == [
        (name, "a@customer.invalid"),
        ("", "b@other.invalid"),
    ]


def test_deeply_nested_multiparts_stop_with_a_problem():
    depth = 60
    head = b"".join(
        b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n" % (i, i) for i in range(depth)
    )
    raw = b"From: a@example.co.jp\r\n" + head + b"Content-Type: text/plain\r\n\r\ndeep\r\n"
    msg = parse_message(raw)
    assert any("nested too deep" in p for p in msg.problems)
    assert [reason for _where, reason in msg.unread] == ["depth"]  # a finding later, never silence


def test_a_thousand_nested_multiparts_keep_the_headers_and_say_malformed():
    msg = parse_message(mails.nested_multiparts(1000))
    assert msg.malformed == "recursion"
    assert msg.subject == "nested" and [a.address for a in msg.to] == ["kyaku@torihiki.invalid"]


def test_parts_past_the_limit_are_listed_as_unread():
    raw = mails.hidden_at_part("a.txt", b"x", "application/octet-stream", 600, "kyaku@torihiki.invalid")
    assert [reason for _where, reason in parse_message(raw).unread] == ["parts"]


def test_a_jis_line_without_its_closing_escape_does_not_garble_the_next_line():
    data = jis("確認")[:-3] + b"\r\nNext line"
    assert decode_iso2022jp(data).text == "確認\r\nNext line"


def shape(msg):
    """Return everything the stdlib parser built for a mail, recursively, as comparable values."""
    payload = msg._payload  # get_payload() re-encodes 8-bit text and may fail: the raw value
    inner = [shape(p) for p in payload] if isinstance(payload, list) else payload
    defects = [type(d).__name__ for d in msg.defects]
    return list(msg.raw_items()), msg.get_unixfrom(), defects, msg.preamble, msg.epilogue, inner


SINGLE_PART_EDGES = [
    b"Subject: a\r\n\r\nbody\r\n",
    b"Subject: a\n\nbody\nwith bare LF\n",
    b"Subject: a\r\n\r\n",  # no body
    b"Subject: a\r\nX: b\r\n",  # no empty line at all
    b"Subject: a\r\nnot a header line\r\nX: b\r\n\r\nbody\r\n",  # separator missing before the body
    b"\r\nSubject: body only\r\n\r\nx\r\n",  # empty first line: everything is body
    b"Subject: old Mac\r\rbody\rmore\r\n\r\nafter\r\n",  # CR-only line ends
    b"Subject: mixed\r\n \r\n\tfolded\n\r\nbody\r\n\r\n\r\nend",  # folding, LF CRLF separator
    b"From nobody Mon Jan 1\r\nSubject: mbox\r\n\r\n\xe6\x97\xa5\xff\x00\r\n",  # mbox line, 8-bit, NUL
    b"Subject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=\r\nContent-Type: text/plain\r\n\r\n" + b"x" * 20000,
    b"Content-Type: text/plain\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n",
    b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n",
    b"Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\ninner body\r\n",
    b'Content-Type: MULTIPART/alternative; boundary="q"\r\n\r\n--q\r\n\r\nx\r\n--q--\r\n',
    b"Content-Type: broken\r\n\r\n.\r\n..\r\n",
]


@pytest.mark.parametrize("raw", SINGLE_PART_EDGES)
def test_the_quick_parse_of_a_single_part_mail_builds_what_the_stdlib_parser_builds(raw):
    # A mail that is one part is parsed from its header block and the rest taken as its payload,
    # without feeding every body line through the stdlib parser: the result must be the same.
    import email
    import email.policy

    from mamori.mailguard.parse import message_from_bytes

    quick, full = message_from_bytes(raw), email.message_from_bytes(raw, policy=email.policy.compat32)
    assert shape(quick) == shape(full)
    assert quick.as_bytes() == full.as_bytes()


def test_the_quick_parse_matches_the_stdlib_parser_on_random_line_soup():
    import email
    import email.policy

    from mamori.mailguard.parse import message_from_bytes

    pieces = [
        b"Subject: x",
        b"X-A: 1",
        b" folded",
        b"\tfolded",
        b"",
        b"body",
        b".",
        b"From y",
        b"no colon",
        b"Content-Type: text/html",
        b"Content-Type: multipart/mixed; boundary=z",
        b"--z",
        b"--z--",
        b"\xff\xfe",
        b"=?UTF-8?B?5pel?=",
    ]
    ends = [b"\r\n", b"\n", b"\r"]
    rng = random.Random(5)
    for _ in range(3000):
        raw = b"".join(rng.choice(pieces) + rng.choice(ends) for _ in range(rng.randint(0, 9)))
        quick, full = message_from_bytes(raw), email.message_from_bytes(raw, policy=email.policy.compat32)
        assert shape(quick) == shape(full), raw
