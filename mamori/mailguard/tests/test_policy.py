"""Judge recipients and turn findings into verdicts; validate policy files."""

from __future__ import annotations

import json
import pickle
import random
import string
from pathlib import Path

import pytest

import mamori.mailguard
from mamori.mailguard import content
from mamori.mailguard.parse import parse_message
from mamori.mailguard.policy import (
    CODES,
    MESSAGES,
    VARIANTS,
    Envelope,
    Finding,
    Policy,
    PolicyError,
    decide,
    envelope_from_message,
    evaluate,
    history_entries,
    history_hash,
    make_finding,
)

from .mails import mail, my_number, tnef, zip_bytes

KEY = "fictional-history-key-0123456789"
BASE = {"internal_domains": ["example.co.jp"], "partner_domains": ["partner.example.com"]}
BOOK = [
    {
        "display_name": "佐藤 花子",
        "surname": "佐藤",
        "organisation": "株式会社サンプル",
        "address": "sato@sample.example.com",
    },
    {
        "display_name": "佐藤 一郎",
        "surname": "佐藤",
        "organisation": "テスト商事株式会社",
        "address": "sato@test.example.net",
    },
]


def judge(raw: bytes, policy: Policy | None = None, **settings):
    message = parse_message(raw)
    policy = policy or Policy.from_dict({**BASE, **settings})
    return evaluate(envelope_from_message(message), message, policy)


def codes(verdict) -> list[str]:
    return [f.code for f in verdict.findings]


def finding(verdict, code: str) -> Finding:
    return next(f for f in verdict.findings if f.code == code)


def test_internal_mail_is_delivered_without_findings():
    verdict = judge(mail(to=("鈴木 <suzuki@example.co.jp>", "sales@tokyo.example.co.jp")))
    assert (verdict.action, verdict.findings) == ("deliver", ())


def test_external_mail_is_held_for_the_delay_with_recipients_grouped_by_domain():
    verdict = judge(mail(to=("a@partner.example.com", "b@partner.example.com"), cc=("c@example.co.jp",)))
    found = finding(verdict, "EXTERNAL_RECIPIENTS")
    assert found.severity == "info"
    assert found.details["by_domain"] == {
        "partner.example.com": ["a@partner.example.com", "b@partner.example.com"]
    }
    assert (verdict.action, verdict.delay_minutes) == ("hold", 5)
    assert "社外の宛先が2件" in verdict.reason


def test_no_delay_means_external_mail_goes_out_at_once():
    assert judge(mail(to=("a@partner.example.com",)), delay_minutes=0).action == "deliver"


def test_bcc_recipients_count_as_external():
    verdict = judge(mail(to=("suzuki@example.co.jp",), bcc=("x@partner.example.com",)))
    assert "EXTERNAL_RECIPIENTS" in codes(verdict)


def test_several_external_organisations_are_flagged():
    verdict = judge(mail(to=("a@partner.example.com",), bcc=("b@example.net",)))
    assert finding(verdict, "MULTIPLE_EXTERNAL_DOMAINS").details["domains"] == ["example.com", "example.net"]


def test_subdomains_of_one_organisation_are_one_organisation():
    verdict = judge(mail(to=("a@partner.example.com", "b@example.com")))
    assert "MULTIPLE_EXTERNAL_DOMAINS" not in codes(verdict)


def test_external_addresses_of_several_parties_visible_in_to_cc_are_exposed():
    verdict = judge(mail(to=("a@partner.example.com",), cc=("b@example.net",)))
    found = finding(verdict, "EXPOSED_RECIPIENTS")
    assert (found.severity, found.details["count"], found.details["converted_to_bcc"]) == (
        "warning",
        2,
        False,
    )
    assert verdict.bcc_conversion == ()


def test_colleagues_at_one_partner_in_to_are_not_exposed():
    verdict = judge(mail(to=("a@partner.example.com", "b@partner.example.com")))
    assert "EXPOSED_RECIPIENTS" not in codes(verdict)


def test_recipients_in_bcc_are_not_exposed():
    verdict = judge(mail(to=("yamada@example.co.jp",), bcc=("a@partner.example.com", "b@example.net")))
    assert "EXPOSED_RECIPIENTS" not in codes(verdict)


def test_private_customers_at_one_free_mail_provider_are_exposed():
    raw = mail(to=("kaori@webmail.example", "taro@webmail.example"))
    verdict = judge(raw, freemail_domains=["webmail.example"])
    assert finding(verdict, "EXPOSED_RECIPIENTS").details["parties"] == 2


def test_exposed_recipients_are_converted_to_bcc_when_the_policy_says_so():
    verdict = judge(mail(to=("a@partner.example.com", "b@example.net")), convert_exposed_to_bcc=True)
    found = finding(verdict, "EXPOSED_RECIPIENTS")
    assert found.severity == "info" and "Bccに変更" in found.message
    assert verdict.bcc_conversion == ("a@partner.example.com", "b@example.net")


def test_lookalike_of_the_internal_domain_needs_approval():
    verdict = judge(mail(to=("suzuki@examp1e.co.jp",)))
    found = finding(verdict, "LOOKALIKE_DOMAIN")
    assert (found.severity, found.details["known"], found.details["reason"]) == (
        "high",
        "example.co.jp",
        "homoglyph",
    )
    assert verdict.action == "approve"
    assert "examp1e.co.jp" in verdict.reason


def test_lookalike_of_a_partner_domain_with_another_tld():
    verdict = judge(mail(to=("a@partner.invalid",)), partner_domains=["partner.example"])
    assert finding(verdict, "LOOKALIKE_DOMAIN").details == {
        "domain": "partner.invalid",
        "known": "partner.example",
        "reason": "different_tld",
        "idn": False,
        "addresses": ["a@partner.invalid"],
    }


def test_known_partner_domain_is_not_a_lookalike():
    assert "LOOKALIKE_DOMAIN" not in codes(judge(mail(to=("a@partner.example.com",))))


def _history_policy(addresses=(), domains=()) -> Policy:
    policy = Policy.from_dict({**BASE, "history_key": KEY})
    key = KEY.encode()
    return policy.with_history(
        {history_hash(key, a, "address") for a in addresses},
        {history_hash(key, d, "domain") for d in domains},
    )


def test_first_time_domain_is_reported_once_not_per_recipient():
    verdict = judge(mail(to=("a@new.invalid", "b@new.invalid")), _history_policy())
    assert finding(verdict, "FIRST_TIME_DOMAIN").details["domains"] == ["new.invalid"]
    assert "FIRST_TIME_RECIPIENT" not in codes(verdict)


def test_first_time_recipient_at_a_known_domain():
    policy = _history_policy(addresses=["old@customer.invalid"], domains=["customer.invalid"])
    verdict = judge(mail(to=("old@customer.invalid", "New@Customer.invalid")), policy)
    assert finding(verdict, "FIRST_TIME_RECIPIENT").details["addresses"] == ["new@customer.invalid"]
    assert "FIRST_TIME_DOMAIN" not in codes(verdict)


def test_known_recipients_are_not_first_time_and_partner_domains_are_known_domains():
    policy = _history_policy(addresses=["old@customer.invalid"], domains=["customer.invalid"])
    verdict = judge(mail(to=("old@customer.invalid",), cc=("p@partner.example.com",)), policy)
    assert "FIRST_TIME_DOMAIN" not in codes(verdict)
    assert finding(verdict, "FIRST_TIME_RECIPIENT").details["addresses"] == ["p@partner.example.com"]


def test_history_is_a_keyed_hash_not_the_address():
    digest = history_hash(KEY.encode(), "Old@Example.net", "address")
    assert "example" not in digest and len(digest) == 64
    assert digest != history_hash(b"another-key-0123456789", "old@example.net", "address")


def test_without_a_history_key_first_time_checks_are_off():
    assert "FIRST_TIME_DOMAIN" not in codes(judge(mail(to=("a@new.invalid",))))


def test_display_name_company_that_does_not_match_the_domain():
    raw = mail(to=("佐藤 花子（株式会社サンプル） <sato@sample-mail.example.org>",))
    found = finding(judge(raw, address_book=BOOK), "NAME_DOMAIN_MISMATCH")
    assert (found.severity, found.details["case"]) == ("high", "display_name")
    assert found.details["expected_domains"] == ["sample.example.com"]


def test_display_name_company_with_its_own_domain_is_fine():
    raw = mail(to=("佐藤 花子（㈱サンプル） <sato@sample.example.com>",))
    assert "NAME_DOMAIN_MISMATCH" not in codes(judge(raw, address_book=BOOK))


def test_salutation_naming_a_company_none_of_the_recipients_belong_to():
    raw = mail(to=("kato@other.example.org",), body="株式会社サンプル\n加藤様\n\nお世話になっております。\n")
    found = finding(judge(raw, address_book=BOOK), "NAME_DOMAIN_MISMATCH")
    assert (found.severity, found.details["case"]) == ("warning", "salutation")


def test_same_surname_at_another_company_that_the_mail_is_meant_for():
    raw = mail(to=("佐藤 <sato@test.example.net>",), body="株式会社サンプル\n佐藤様\n\nご確認ください。\n")
    found = [f for f in judge(raw, address_book=BOOK).findings if f.details.get("case") == "same_surname"]
    assert [(f.severity, f.details["organisation"]) for f in found] == [("high", "テスト商事株式会社")]
    assert "同姓の別人" in found[0].message


def test_same_surname_is_only_a_note_when_the_mail_names_no_company():
    raw = mail(to=("sato@test.example.net",), body="佐藤様\n\nご確認ください。\n")
    found = finding(judge(raw, address_book=BOOK), "NAME_DOMAIN_MISMATCH")
    assert (found.severity, found.details["case"]) == ("info", "same_surname")


def test_same_surname_is_silent_when_the_mail_names_the_recipients_company():
    raw = mail(to=("sato@test.example.net",), body="テスト商事株式会社\n佐藤様\n")
    assert "NAME_DOMAIN_MISMATCH" not in codes(judge(raw, address_book=BOOK))


def test_many_recipients_over_the_threshold():
    rcpts = tuple(f"user{i}@example.co.jp" for i in range(21))
    found = finding(judge(mail(to=(), bcc=rcpts)), "MANY_RECIPIENTS")
    assert found.details == {"count": 21, "limit": 20}
    assert "MANY_RECIPIENTS" not in codes(judge(mail(to=(), bcc=rcpts[:20])))


def test_envelope_recipients_win_over_headers():
    message = parse_message(mail(to=("a@partner.example.com",)))
    verdict = evaluate(
        Envelope("yamada@example.co.jp", ("b@example.co.jp",)), message, Policy.from_dict(BASE)
    )
    assert verdict.action == "deliver"


def test_strongest_action_wins_and_code_actions_override_severity():
    policy = Policy.from_dict({**BASE, "code_actions": {"ENCRYPTED_ARCHIVE": "reject"}})
    assert policy.code_actions["EXTERNAL_RECIPIENTS"] == "hold"  # defaults are kept
    findings = [
        Finding("EXTERNAL_RECIPIENTS", "info", "社外"),
        Finding("ENCRYPTED_ARCHIVE", "warning", "暗号化"),
    ]
    verdict = decide(findings, policy)
    assert (verdict.action, verdict.reason, verdict.delay_minutes) == ("reject", "暗号化", 0)


def test_info_findings_alone_deliver():
    policy = Policy.from_dict({**BASE, "code_actions": {"EXTERNAL_RECIPIENTS": "deliver"}})
    assert decide([Finding("FIRST_TIME_RECIPIENT", "info", "初めて")], policy).action == "deliver"


def test_department_policy_applies_to_its_senders():
    policy = Policy.from_dict(
        {
            **BASE,
            "departments": {
                "営業部": {"senders": ["@sales.example.co.jp"], "delay_minutes": 15},
                "人事部": {"senders": ["jinji@example.co.jp"], "severity_actions": {"info": "approve"}},
            },
        }
    )
    raw = mail(sender="eigyo@sales.example.co.jp", to=("a@partner.example.com",))
    assert judge(raw, policy).delay_minutes == 15
    raw = mail(sender="jinji@example.co.jp", to=("a@partner.example.com",))
    assert judge(raw, policy).action == "hold"  # EXTERNAL_RECIPIENTS keeps its code action
    assert policy.for_sender("other@example.co.jp") is policy


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"delay": 5}, "delay: unknown key"),
        ({"delay_minutes": "5"}, "delay_minutes: expected a non-negative integer"),
        ({"internal_domains": [1]}, "internal_domains: expected a list of strings"),
        ({"severity_actions": {"fatal": "hold"}}, "unknown key 'fatal'"),
        ({"severity_actions": {"high": "bounce"}}, "unknown action 'bounce'"),
        ({"code_actions": {"NO_SUCH_CODE": "hold"}}, "unknown key 'NO_SUCH_CODE'"),
        ({"history_key": "short"}, "history_key: expected a secret string"),
        ({"address_book": [{"surname": "佐藤"}]}, "address_book[0]: expected a mapping"),
        (
            {"address_book": [{"surname": "佐藤", "organisation": "x", "address": "nobody"}]},
            "not a mail address",
        ),
        ({"departments": {"x": {"departments": {}}}}, "cannot be nested"),
        ({"convert_exposed_to_bcc": "yes"}, "expected true or false"),
        ({"max_scan_chars": -1}, "max_scan_chars: expected a non-negative integer"),
        ({"max_scan_chars": "100000"}, "max_scan_chars: expected a non-negative integer"),
        ({"max_scan_chars": 500}, "max_scan_chars: .* or at least 1000, got 500"),
    ],
)
def test_invalid_policies_fail_with_a_clear_message(data, message):
    with pytest.raises(PolicyError, match=message.replace("[", r"\[").replace("]", r"\]")):
        Policy.from_dict(data)


def test_content_budget_is_a_policy_setting_with_a_default():
    assert Policy().max_scan_chars == 100_000
    assert Policy.from_dict({"max_scan_chars": 0}).max_scan_chars == 0  # 0: read everything
    policy = Policy.from_dict({"max_scan_chars": 50_000, "departments": {"x": {"senders": ["@x.example"]}}})
    assert policy.max_scan_chars == policy.departments[0].policy.max_scan_chars == 50_000


def test_policy_files_in_json_and_yaml(tmp_path):
    (tmp_path / "p.json").write_text(json.dumps({**BASE, "delay_minutes": 10}), encoding="utf-8")
    (tmp_path / "p.yaml").write_text(
        "internal_domains: [example.co.jp]\nmany_recipients: 5\n", encoding="utf-8"
    )
    assert Policy.load(tmp_path / "p.json").delay_minutes == 10
    assert Policy.load(tmp_path / "p.yaml").many_recipients == 5
    (tmp_path / "bad.yaml").write_text("internal_domains: [\n", encoding="utf-8")
    with pytest.raises(PolicyError, match="invalid YAML"):
        Policy.load(tmp_path / "bad.yaml")
    with pytest.raises(PolicyError, match="cannot read"):
        Policy.load(tmp_path / "missing.json")


def test_missing_pii_engine_is_said_not_hidden(monkeypatch):
    monkeypatch.setattr(content, "load_detector", lambda: None)
    verdict = judge(mail(to=("sato@partner.example.com",), attachments=(("a.txt", b"x", "text/plain"),)))
    found = finding(verdict, "ATTACHMENT_NOT_SCANNABLE")
    assert found.details["locations"] == {"a.txt": "engine_missing"}
    assert verdict.action == "hold"


def test_the_history_key_never_appears_in_a_policy_repr():
    assert KEY not in repr(Policy.from_dict({**BASE, "history_key": KEY}))


def test_every_code_and_variant_has_a_japanese_message_that_formats():
    assert set(CODES) == set(MESSAGES)
    for key, template in {**MESSAGES, **VARIANTS}.items():
        names = {f for _, f, _, _ in string.Formatter().parse(template) if f}
        found = make_finding(key.split("/")[0], "info", {}, message_key=key, **dict.fromkeys(names, "X"))
        assert "{" not in found.message and not found.message.isascii()


def test_parsed_messages_and_verdicts_cross_process_boundaries():
    message = parse_message(mail(to=("a@customer.invalid",), attachments=(("a.txt", b"x", "text/plain"),)))
    verdict = evaluate(envelope_from_message(message), message, Policy.from_dict(BASE))
    assert pickle.loads(pickle.dumps(message)) == message  # noqa: S301 - our own bytes, as a process pool does
    assert pickle.loads(pickle.dumps(verdict)) == verdict  # noqa: S301


def test_evaluate_never_raises_on_damaged_mail():
    policy = Policy.from_dict({**BASE, "history_key": KEY, "address_book": BOOK})
    base = mail(
        to=("佐藤 <sato@sample.example.com>", "x@examp1e.co.jp"),
        body="株式会社サンプル\n佐藤様\n",
        attachments=(
            (
                "a.zip",
                zip_bytes({"名簿.csv": "架空,090-1111-2222\n".encode("cp932")}, cp932_names=True),
                "application/zip",
            ),
            ("winmail.dat", tnef({b"a.txt": b"hello"}), "application/ms-tnef"),
            ("fwd.eml", mail(body=f"個人番号 {my_number()}\n"), "message/rfc822"),
        ),
    )
    rng = random.Random(11)
    for _ in range(150):
        data = bytearray(base)
        for _ in range(rng.choice([1, 5, 30])):
            data[rng.randrange(len(data))] = rng.randrange(256)
        message = parse_message(bytes(data))
        evaluate(envelope_from_message(message), message, policy)


def test_the_example_policy_file_loads():
    policy = Policy.load(Path(mamori.mailguard.__file__).parent / "policy.example.yaml")
    assert policy.internal_domains == {"example.co.jp"}
    assert policy.for_sender("a@sales.example.co.jp").delay_minutes == 10


def test_history_entries_remember_external_recipients_only():
    policy = Policy.from_dict({**BASE, "history_key": KEY})
    envelope = Envelope("yamada@example.co.jp", ("a@customer.invalid", "suzuki@example.co.jp"))
    recipients, domains = history_entries(envelope, policy)
    assert recipients == {history_hash(KEY.encode(), "a@customer.invalid", "address")}
    assert domains == {history_hash(KEY.encode(), "customer.invalid", "domain")}
    remembered = policy.with_history(recipients, domains)
    message = parse_message(mail(to=("a@customer.invalid",)))
    verdict = evaluate(envelope_from_message(message), message, remembered)
    assert not {"FIRST_TIME_RECIPIENT", "FIRST_TIME_DOMAIN"} & set(codes(verdict))
    assert history_entries(envelope, Policy.from_dict(BASE)) == (frozenset(), frozenset())


def test_display_name_showing_another_address_than_the_real_one():
    raw = mail(to=('"sato@partner.example.com" <sato@partner-example.invalid>',))
    found = finding(judge(raw), "NAME_DOMAIN_MISMATCH")
    assert (found.severity, found.details["shown_address"]) == ("high", "sato@partner.example.com")


def test_display_name_repeating_the_real_address_is_fine():
    raw = mail(to=('"Sato@Partner.example.com" <sato@partner.example.com>', "佐藤 <a@customer.invalid>"))
    assert "NAME_DOMAIN_MISMATCH" not in codes(judge(raw))


def test_history_hash_is_the_same_for_punycode_and_unicode_domains():
    key = KEY.encode()
    puny = "テスト.example".encode("idna").decode()
    assert history_hash(key, f"A@{puny}", "address") == history_hash(key, "a@テスト.example", "address")
    assert history_hash(key, puny, "domain") == history_hash(key, "テスト.EXAMPLE", "domain")


def test_punycode_envelope_and_unicode_headers_name_the_same_recipients():
    puny = "テスト.example".encode("idna").decode()
    message = parse_message(mail(to=("a@テスト.example", "b@customer.invalid")))
    envelope = Envelope("yamada@example.co.jp", (f"a@{puny}", "B@customer.invalid"))
    verdict = evaluate(envelope, message, Policy.from_dict(BASE))
    assert finding(verdict, "EXPOSED_RECIPIENTS").details["addresses"] == [
        "a@テスト.example",
        "b@customer.invalid",
    ]
