"""E-mail extraction: ISO-2022-JP headers and bodies, raw Shift_JIS, attachments and Outlook .msg."""

from __future__ import annotations

from mamori.pii.extract import extract

from .extract_samples import EMAIL, NAME, PHONE, eml_bytes, msg_bytes, zip_bytes


def by_location(parts) -> dict[str, object]:
    return {part.location: part for part in parts}


def codes(parts) -> list[str]:
    return [problem.code for part in parts for problem in part.problems]


def test_iso2022jp_mail_yields_decoded_headers_and_body():
    parts = by_location(extract(eml_bytes(), name="m.eml"))
    assert f"From: {NAME} <{EMAIL}>" in parts["m.eml!headers"].text
    assert "Subject: 顧客名簿の送付" in parts["m.eml!headers"].text
    body = parts["m.eml!body1"]
    assert PHONE in body.text and NAME in body.text
    assert body.encoding == "iso-2022-jp"


def test_attachments_are_extracted_recursively_with_their_names():
    csv = f"氏名,電話\n{NAME},{PHONE}\n".encode("cp932")
    parts = by_location(extract(eml_bytes({"名簿.csv": csv}), name="m.eml"))
    assert parts["m.eml!名簿.csv"].text == csv.decode("cp932")
    assert parts["m.eml!名簿.csv"].encoding == "cp932"


def test_encrypted_zip_attachment_is_reported_encrypted(tmp_path):
    import pyzipper

    path = tmp_path / "ppap.zip"
    with pyzipper.AESZipFile(path, "w", encryption=pyzipper.WZ_AES) as zf:
        zf.setpassword(b"himitsu")
        zf.writestr("名簿.csv", b"x")
    parts = list(extract(eml_bytes({"ppap.zip": path.read_bytes()}), name="m.eml"))
    assert codes(parts) == ["encrypted"]
    assert parts[-1].location == "m.eml!ppap.zip!/名簿.csv"


def test_raw_shift_jis_header_is_recovered_instead_of_replacement_characters():
    raw = "Subject: 山田様の件\r\nFrom: a@example.com\r\n\r\nbody\r\n".encode("cp932")
    parts = by_location(extract(raw, name="raw.eml"))
    assert "Subject: 山田様の件" in parts["raw.eml!headers"].text


def test_html_body_is_reduced_to_text():
    raw = (
        "From: a@example.com\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        f"<html><body><p>{NAME}</p><p>{PHONE}</p></body></html>\r\n"
    ).encode()
    parts = by_location(extract(raw, name="h.eml"))
    assert NAME in parts["h.eml!body1"].text and "<p>" not in parts["h.eml!body1"].text


def test_mail_without_eml_suffix_is_recognised_by_its_headers():
    parts = by_location(extract(eml_bytes(), name="message"))
    assert "message!headers" in parts


def test_outlook_msg_yields_headers_body_and_attachments():
    csv = f"氏名,電話\n{NAME},{PHONE}\n".encode("cp932")
    data = msg_bytes(
        "名簿の件", f"{NAME}様 {PHONE}", NAME, {"名簿.csv": csv, "nested.zip": zip_bytes({"a.txt": b"x"})}
    )
    parts = by_location(extract(data, name="m.msg"))
    assert "Subject: 名簿の件" in parts["m.msg!headers"].text
    assert "soumu@example.com" in parts["m.msg!headers"].text
    assert PHONE in parts["m.msg!body"].text
    assert parts["m.msg!名簿.csv"].text == csv.decode("cp932")
    assert parts["m.msg!nested.zip!/a.txt"].text == "x"


def test_truncated_msg_is_reported_malformed():
    data = msg_bytes("件名", "本文", NAME, {})
    found = codes(extract(data[:1500], name="cut.msg"))
    assert found and set(found) <= {"malformed", "unsupported"}


def test_outlook_contact_yields_its_string_properties():
    # PR_MOBILE_TELEPHONE_NUMBER (0x3A1C) and PR_EMAIL_ADDRESS (0x3003) of a contact item.
    data = msg_bytes("", "", NAME, {}, message_class="IPM.Contact", strings={"3A1C": PHONE, "3003": EMAIL})
    parts = by_location(extract(data, name="c.msg"))
    assert PHONE in parts["c.msg!properties"].text and EMAIL in parts["c.msg!properties"].text


def test_raw_shift_jis_attachment_name_is_recovered():
    raw = (
        "From: a@example.com\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
        "--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
        '--b\r\nContent-Type: text/csv\r\nContent-Disposition: attachment; filename="名簿.csv"\r\n\r\n'
        f"{NAME},{PHONE}\r\n--b--\r\n"
    ).encode("cp932")
    parts = by_location(extract(raw, name="old.eml"))
    assert parts["old.eml!名簿.csv"].text.strip() == f"{NAME},{PHONE}"


def test_a_msg_written_by_a_real_exporter_is_read_whole():
    # oxmsg (Tutanota's .msg export, fixtures/outlook/make_msg.mjs) leaves its empty streams at sector 0,
    # a defect olefile calls incorrect: the message was reported malformed before.
    from pathlib import Path

    from mamori.pii.scan_worker import Task, scan_file

    path = Path(__file__).parent / "fixtures" / "outlook" / "面談記録.msg"
    parts = by_location(extract(path, name="m.msg"))
    assert codes(extract(path, name="m.msg")) == []
    headers = parts["m.msg!headers"].text
    assert (
        "Subject: 【面談記録】入会希望者の連絡先" in headers
        and "Cc: 神田 紗季 <kanda.s@example.net>" in headers
    )
    assert "携帯：090-4417-2286" in parts["m.msg!body"].text
    assert (
        parts["m.msg!入会希望者.csv"].text.splitlines()[2] == "舟橋 みのり,080-2279-6153,岐阜県大垣市郭町2-18"
    )
    result = scan_file(Task(str(path), path.stat().st_size, 0))
    assert result["status"] == "findings" and result["problems"] == []


def test_a_msg_cut_short_is_damaged_not_a_format_not_read():
    from pathlib import Path

    data = (Path(__file__).parent / "fixtures" / "outlook" / "面談記録.msg").read_bytes()
    for keep in (1500, 3000, 6000, 9000):
        assert set(codes(extract(data[:keep], name="半分.msg"))) == {"malformed"}, keep
    assert codes(extract(data[:3000], name="blob.bin")) == ["unsupported"]  # an OLE file of no known name
