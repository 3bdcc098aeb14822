"""Find personal data in bodies and attachments, and say what could not be inspected."""

from __future__ import annotations

import io
import json
import time
import zipfile

import pytest

from mamori.mailguard import content
from mamori.mailguard.parse import parse_message
from mamori.mailguard.policy import ACTIONS, Policy, envelope_from_message, evaluate

from . import mails
from .mails import mail, my_number, tnef, zip_bytes

pytestmark = pytest.mark.skipif(
    content.load_detector() is None or content.load_extractor() is None,
    reason="mamori.pii.detect / mamori.pii.extract (branches 'pii' and 'scan') are not importable",
)
POLICY_DATA = {"internal_domains": ["example.co.jp"], "partner_domains": ["partner.example.com"]}
POLICY = Policy.from_dict(POLICY_DATA)
OUTSIDE = ("佐藤 <sato@partner.example.com>",)
NAMES = "一二三四五六七八九十"
LIST_CSV = "\n".join(
    ["氏名,電話番号,住所"]
    + [f"架空 {n}郎,090-0000-{1000 + i},東京都千代田区千代田{i + 1}-1" for i, n in enumerate(NAMES)]
)


def judge(raw: bytes, policy: Policy = POLICY):
    message = parse_message(raw)
    return evaluate(envelope_from_message(message), message, policy)


def by_code(verdict, code: str):
    return [f for f in verdict.findings if f.code == code]


def test_my_number_in_the_body_of_external_mail_needs_approval_and_is_never_shown():
    number = my_number()
    verdict = judge(mail(to=OUTSIDE, body=f"個人番号は {number} です。\n"))
    [found] = by_code(verdict, "PII_IN_BODY")
    assert (found.severity, found.details["counts"]) == ("high", {"MY_NUMBER": 1})
    assert found.details["locations"] == {"body": {"MY_NUMBER": 1}}
    assert verdict.action == "approve"
    assert number not in json.dumps(verdict.as_dict(), ensure_ascii=False)


def test_a_signature_with_phone_and_address_does_not_stop_the_mail():
    body = "よろしくお願いいたします。\n--\n山田 太郎\nyamada@example.co.jp\nTEL 03-1234-5678\n"
    verdict = judge(mail(to=OUTSIDE, body=body))
    assert {f.severity for f in by_code(verdict, "PII_IN_BODY")} <= {"info"}
    assert verdict.action == "hold"  # only the external delay


def test_personal_data_to_colleagues_is_only_noted():
    verdict = judge(mail(to=("suzuki@example.co.jp",), body=f"個人番号 {my_number()}\n"))
    assert [f.severity for f in by_code(verdict, "PII_IN_BODY")] == ["info"]
    assert verdict.action == "deliver"


def test_personal_data_in_an_attached_mail_is_located_there():
    inner = mail(body=f"個人番号 {my_number()}\n")
    verdict = judge(mail(to=OUTSIDE, attachments=(("fwd.eml", inner, "message/rfc822"),)))
    [found] = by_code(verdict, "PII_IN_BODY")
    assert found.details["locations"] == {"fwd.eml/body": {"MY_NUMBER": 1}}


def test_customer_list_in_a_zip_with_cp932_names_is_counted_by_kind_and_place():
    data = zip_bytes({"顧客名簿.csv": LIST_CSV.encode("cp932")}, cp932_names=True)
    verdict = judge(mail(to=OUTSIDE, attachments=(("顧客.zip", data, "application/zip"),)))
    [found] = by_code(verdict, "PII_IN_ATTACHMENT")
    assert found.severity == "high"
    assert found.details["counts"] == {"PERSON": 10, "PHONE": 10, "ADDRESS": 10}
    assert found.details["locations"]["顧客.zip!/顧客名簿.csv"] == {"PERSON": 10, "PHONE": 10, "ADDRESS": 10}
    assert by_code(verdict, "UNENCRYPTED_ATTACHMENT_WITH_PII")[0].severity == "high"
    assert "090-0000-1000" not in json.dumps(verdict.as_dict(), ensure_ascii=False)


def test_a_few_names_in_an_attachment_are_a_note_not_a_stop():
    verdict = judge(mail(to=OUTSIDE, attachments=(("memo.txt", "担当: 架空 一郎\n".encode(), "text/plain"),)))
    assert not by_code(verdict, "UNENCRYPTED_ATTACHMENT_WITH_PII")


def test_encrypted_zip_cannot_be_inspected_but_its_names_are():
    data = zip_bytes(
        # a bare valid 12-digit number is no My Number without its label (issue 11): name it
        {"顧客名簿.csv": b"secret", f"マイナンバー {my_number()}.csv": b"x"},
        cp932_names=True,
        encrypted=True,
    )
    verdict = judge(mail(to=OUTSIDE, attachments=(("送付.zip", data, "application/zip"),)))
    [found] = by_code(verdict, "ENCRYPTED_ARCHIVE")
    assert found.severity == "warning"
    assert "顧客名簿.csv" in found.details["member_names"]
    assert "検査できません" in found.message
    [names] = by_code(verdict, "PII_IN_ATTACHMENT")
    assert names.details["locations"] == {"送付.zip!/": {"MY_NUMBER": 1}}


def test_smime_encrypted_part_is_reported_as_not_inspectable():
    verdict = judge(mail(to=OUTSIDE, attachments=(("smime.p7m", b"0\x80", "application/pkcs7-mime"),)))
    assert by_code(verdict, "ENCRYPTED_ARCHIVE")


def test_winmail_dat_content_is_inspected():
    blob = tnef({"名簿.txt".encode("cp932"): f"個人番号 {my_number()}\n".encode()})
    verdict = judge(mail(to=OUTSIDE, attachments=(("winmail.dat", blob, "application/ms-tnef"),)))
    [found] = by_code(verdict, "PII_IN_ATTACHMENT")
    assert list(found.details["locations"]) == ["winmail.dat/名簿.txt"]


def test_archive_bomb_is_not_scannable():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("zeros.txt", b"0" * (20 * 1024 * 1024))
    verdict = judge(mail(to=OUTSIDE, attachments=(("bomb.zip", buf.getvalue(), "application/zip"),)))
    [found] = by_code(verdict, "ATTACHMENT_NOT_SCANNABLE")
    assert found.severity == "warning"
    assert "ratio_exceeded" in found.details["locations"].values()


def test_damaged_attachment_is_not_scannable():
    broken = zip_bytes({"a.csv": b"x"})[:30]
    verdict = judge(mail(to=OUTSIDE, attachments=(("a.zip", broken, "application/zip"),)))
    assert by_code(verdict, "ATTACHMENT_NOT_SCANNABLE")


def test_images_are_not_reported_as_unscannable():
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    verdict = judge(mail(to=OUTSIDE, attachments=(("logo.png", png, "image/png"),)))
    assert not by_code(verdict, "ATTACHMENT_NOT_SCANNABLE")


def test_clean_attachment_gives_no_content_finding():
    verdict = judge(
        mail(to=OUTSIDE, attachments=(("agenda.txt", "議題: 来期の計画\n".encode(), "text/plain"),))
    )
    assert [f.code for f in verdict.findings] == ["EXTERNAL_RECIPIENTS"]


def test_every_row_of_a_long_table_is_read_under_its_header():
    rows = "".join(f"架空 太郎,19{50 + i % 50}/01/{i % 28 + 1:02d},090-0000-{i:04d}\n" for i in range(3000))
    data = ("氏名,生年月日,電話番号\n" + rows).encode("cp932")
    verdict = judge(mail(to=OUTSIDE, attachments=(("list.csv", data, "text/csv"),)))
    counts = by_code(verdict, "PII_IN_ATTACHMENT")[0].details["counts"]
    assert counts["DATE_OF_BIRTH"] == 3000  # birth dates are known as such only through the header
    assert counts["PERSON"] == 3000


def test_a_large_customer_list_is_counted_in_reasonable_time():
    rows = "\n".join(
        # Never 090-0000-0000: a number of zeros is a placeholder, no one's number.
        f"架空 太郎{i},090-0000-{i % 9999 + 1:04d},東京都千代田区千代田{i % 9 + 1}-1"
        for i in range(20000)
    )
    data = zip_bytes({"list.csv": rows.encode("cp932")})
    raw = mail(to=OUTSIDE, attachments=(("list.zip", data, "application/zip"),))
    whole = judge(raw, Policy.from_dict({**POLICY_DATA, "max_scan_chars": 0}))
    assert by_code(whole, "PII_IN_ATTACHMENT")[0].details["counts"]["PHONE"] == 20000
    [cut] = by_code(judge(raw), "PII_IN_ATTACHMENT")  # the default content budget reads the head
    assert cut.details["truncated"] is True and cut.severity == "high"
    assert cut.details["truncated_locations"] == ["list.zip!/list.csv"]


def test_undecodable_winmail_dat_is_a_warning():
    verdict = judge(
        mail(to=OUTSIDE, attachments=(("winmail.dat", b"\x00garbage\x01", "application/ms-tnef"),))
    )
    assert [f.severity for f in by_code(verdict, "ATTACHMENT_NOT_SCANNABLE")] == ["warning"]


def test_nested_archives_are_read_with_their_cp932_names_in_the_location():
    inner = zip_bytes({"名簿.csv": LIST_CSV.encode("cp932")}, cp932_names=True)
    outer = zip_bytes({"内側.zip": inner}, cp932_names=True)
    verdict = judge(mail(to=OUTSIDE, attachments=(("外側.zip", outer, "application/zip"),)))
    [found] = by_code(verdict, "PII_IN_ATTACHMENT")
    assert "外側.zip!/内側.zip!/名簿.csv" in found.details["locations"]


def test_password_protected_docx_is_reported_as_encrypted():
    docx = pytest.importorskip("docx", reason="python-docx (extraction dependency) is not installed")
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml", reason="msoffcrypto-tool is not installed")
    document = docx.Document()
    document.add_paragraph(f"個人番号 {my_number()}")
    plain, locked = io.BytesIO(), io.BytesIO()
    document.save(plain)
    ooxml.OOXMLFile(io.BytesIO(plain.getvalue())).encrypt("fictional-password", locked)
    ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    verdict = judge(mail(to=OUTSIDE, attachments=(("契約書.docx", locked.getvalue(), ctype),)))
    assert [f.details["name"] for f in by_code(verdict, "ENCRYPTED_ARCHIVE")] == ["契約書.docx"]
    assert not by_code(verdict, "PII_IN_ATTACHMENT")
    verdict = judge(mail(to=OUTSIDE, attachments=(("契約書.docx", plain.getvalue(), ctype),)))
    assert by_code(verdict, "PII_IN_ATTACHMENT")[0].details["counts"] == {"MY_NUMBER": 1}


def test_a_reply_chain_repeating_signatures_is_not_a_list():
    signature = "山田 太郎\nyamada@example.co.jp\nTEL 03-1234-5678\n東京都千代田区千代田1-1\n"
    body = "".join(f"> 第{i}便のご連絡です。\n{signature}\n" for i in range(12))
    verdict = judge(mail(to=OUTSIDE, body=body))
    assert [f.severity for f in by_code(verdict, "PII_IN_BODY")] == ["info"]
    assert verdict.action == "hold"


def _customer_xlsx(rows: int) -> bytes:
    """Return a workbook with a header and *rows* different fictional customers."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["氏名", "電話番号", "メールアドレス"])
    for i in range(rows):
        ws.append(
            [
                f"架空 {NAMES[i % 10]}郎",
                f"090-{1000 + i // 1000:04d}-{1000 + i % 1000:04d}",
                f"u{i}@example.com",
            ]
        )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_a_big_spreadsheet_is_read_only_up_to_the_content_budget_with_the_same_verdict():
    raw = mail(to=OUTSIDE, attachments=(("顧客一覧.xlsx", _customer_xlsx(3000), XLSX),))
    budgeted = judge(raw, Policy.from_dict({**POLICY_DATA, "max_scan_chars": 5000}))
    whole = judge(raw, Policy.from_dict({**POLICY_DATA, "max_scan_chars": 0}))
    [cut] = by_code(budgeted, "PII_IN_ATTACHMENT")
    [full] = by_code(whole, "PII_IN_ATTACHMENT")
    assert cut.details["truncated"] is True
    assert cut.details["truncated_locations"] == ["顧客一覧.xlsx!Sheet"]
    assert "truncated" not in full.details
    assert full.details["counts"]["EMAIL"] == 3000
    assert 10 <= cut.details["counts"]["EMAIL"] < 3000  # a lower bound, already a list
    assert "件以上" in cut.message and "先頭の一部のみ確認" in cut.message
    assert "以上" not in full.message
    assert cut.severity == full.severity == "high"
    assert by_code(budgeted, "UNENCRYPTED_ATTACHMENT_WITH_PII")[0].details["truncated"] is True
    assert not by_code(budgeted, "ATTACHMENT_NOT_SCANNABLE")
    assert (budgeted.action, budgeted.reason) == (
        whole.action,
        whole.reason.replace(full.message, cut.message),
    )


def test_a_long_text_attachment_is_cut_at_a_line_break():
    lines = [f"架空 {NAMES[i % 10]}郎 090-{1000 + i // 1000:04d}-{1000 + i % 1000:04d}" for i in range(2000)]
    data = ("\n".join(["氏名 電話番号", *lines]) + "\n").encode()
    raw = mail(to=OUTSIDE, attachments=(("list.txt", data, "text/plain"),))
    verdict = judge(raw, Policy.from_dict({**POLICY_DATA, "max_scan_chars": 1000}))
    [found] = by_code(verdict, "PII_IN_ATTACHMENT")
    assert found.details["truncated"] is True
    assert found.details["counts"]["PHONE"] < 100
    assert found.severity == "high"


def test_a_small_attachment_within_the_budget_is_not_marked_truncated():
    raw = mail(to=OUTSIDE, attachments=(("list.csv", LIST_CSV.encode(), "text/csv"),))
    [found] = by_code(judge(raw), "PII_IN_ATTACHMENT")
    assert "truncated" not in found.details


def test_a_big_attachment_without_personal_data_in_its_head_says_the_rest_went_unread():
    data = ("".join(f"第{i}四半期の販売計画について議論しました。\n" for i in range(3000))).encode()
    raw = mail(to=OUTSIDE, attachments=(("議事録.txt", data, "text/plain"),))
    verdict = judge(raw, Policy.from_dict({**POLICY_DATA, "max_scan_chars": 5000}))
    assert not by_code(verdict, "PII_IN_ATTACHMENT")
    [partial] = by_code(verdict, "ATTACHMENT_NOT_SCANNABLE")
    assert partial.severity == "info" and partial.details["truncated"] is True
    assert "先頭の一部のみ確認" in partial.message
    whole = judge(raw, Policy.from_dict({**POLICY_DATA, "max_scan_chars": 0}))
    assert not by_code(whole, "ATTACHMENT_NOT_SCANNABLE")


# What the guard could not read is judged as the worst it could hold (issue 12).

ROSTER = mails.roster_xlsx(300)
RECIPIENT = "kyaku@torihiki.invalid"


def hidden_variants():
    return {
        "plain": mail(to=(RECIPIENT,), attachments=(("名簿.xlsx", ROSTER, mails.XLSX),)),
        "part 600": mails.hidden_at_part("名簿.xlsx", ROSTER, mails.XLSX, 600, RECIPIENT),
        "depth 50": mails.hidden_at_depth("名簿.xlsx", ROSTER, mails.XLSX, 50, RECIPIENT),
        "1000 nested": mails.nested_multiparts(1000),
    }


@pytest.mark.parametrize(
    "extra",
    [{}, {"code_actions": {"PII_IN_ATTACHMENT": "reject"}}, {"severity_actions": {"high": "hold"}}],
)
def test_a_hidden_list_is_never_judged_weaker_than_in_plain_sight(extra):
    policy = Policy.from_dict({**POLICY_DATA, **extra})
    verdicts = {name: judge(raw, policy) for name, raw in hidden_variants().items()}
    plain = verdicts.pop("plain")
    assert by_code(plain, "PII_IN_ATTACHMENT")
    for name, verdict in verdicts.items():
        assert ACTIONS.index(verdict.action) >= ACTIONS.index(plain.action), name
    assert by_code(verdicts["1000 nested"], "MALFORMED_MESSAGE")
    [unread] = by_code(verdicts["part 600"], "ATTACHMENT_NOT_SCANNABLE")
    assert unread.details["unchecked"] and "MIMEパートが多すぎる" in unread.message


def test_unchecked_content_is_held_even_when_the_policy_delays_nothing():
    policy = Policy.from_dict({**POLICY_DATA, "delay_minutes": 0})
    internal = judge(mails.nested_multiparts(1000, to="suzuki@example.co.jp"), policy)
    assert internal.action == "approve"  # no delay to hold it with: a person decides
    held = judge(mails.nested_multiparts(1000, to="suzuki@example.co.jp"))
    assert held.action == "hold"  # internal mail: held, not sent for approval
    assert judge(mail(to=("suzuki@example.co.jp",))).action == "deliver"


def test_attachments_left_when_the_deadline_passed_are_unchecked_not_clean():
    message = parse_message(mail(to=(RECIPIENT,), attachments=(("a.csv", b"x,y\n", "text/csv"),)))
    verdict = evaluate(envelope_from_message(message), message, POLICY, deadline=time.monotonic() - 1)
    [late] = by_code(verdict, "ATTACHMENT_NOT_SCANNABLE")
    assert late.details["locations"] == {"a.csv": "time"} and verdict.action == "approve"
