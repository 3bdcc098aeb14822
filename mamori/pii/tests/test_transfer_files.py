"""全銀 (Zengin) transfer files: the payees of a payroll or a month's transfers, read by the records."""

from __future__ import annotations

from mamori.pii import detect, detect_all
from mamori.pii.extract.core import extract


def _record(text: str) -> bytes:
    data = text.encode("cp932")
    assert len(data) <= 120
    return data.ljust(120, b" ")


def _field(text: str, width: int) -> str:
    return text + " " * (width - len(text.encode("cp932")))


def _header(kind: str) -> bytes:
    # kind, code kind, payer's code, payer's name (40), MMDD, bank, branch and the payer's own account
    payer, bank, branch = _field("ﾕ)ﾉﾄｺｰｷﾞﾖｳ", 40), _field("ｱｻﾉ", 15), _field("ﾐﾅﾄ", 15)
    return _record(f"1{kind}00031415926{payer}04250186{bank}312{branch}10770215")


def _payee(bank: str, branch: str, account: str, holder: str, amount: int) -> bytes:
    # bank and branch codes with blank names, a blank clearing code, 普通 (1), the account, holder, amount
    blank = " " * 15
    return _record(f"2{bank}{blank}{branch}{blank}    1{account}{_field(holder, 30)}{amount:010d}0")


def _file(kind: str, payees: list[tuple[str, str, str, str, int]], breaks: bool = True) -> str:
    records = [_header(kind)] + [_payee(*p) for p in payees]
    records += [_record(f"8{len(payees):06d}{sum(p[4] for p in payees):012d}"), _record("9")]
    raw = (b"\r\n" if breaks else b"").join(records)
    (part,) = list(extract(raw, name="FB_0425.txt"))
    assert part.encoding == "cp932"
    return part.text


_STAFF = [
    ("0186", "312", "4408127", "ﾐﾔﾓﾄ ｼﾞﾕﾝﾍﾟｲ", 241300),
    ("0533", "047", "1290835", "ｵｵｸﾎﾞ ｻｴ", 198650),
    ("0009", "615", "3057716", "ｸﾞｴﾝ ﾃｲ ﾗﾝ", 176000),
]


def _found(text: str) -> list[tuple[str, str]]:
    return [(s.label, s.text) for s in detect(text)]


def test_a_payroll_file_s_payees_are_persons_with_their_accounts():
    text = _file("11", _STAFF)
    assert _found(text) == [
        ("BANK_ACCOUNT", "4408127"),
        ("PERSON", "ﾐﾔﾓﾄ ｼﾞﾕﾝﾍﾟｲ"),
        ("BANK_ACCOUNT", "1290835"),
        ("PERSON", "ｵｵｸﾎﾞ ｻｴ"),
        ("BANK_ACCOUNT", "3057716"),
        ("PERSON", "ｸﾞｴﾝ ﾃｲ ﾗﾝ"),
    ]


def test_a_transfer_file_without_line_breaks_is_read_record_by_record():
    assert len(_found(_file("71", _STAFF, breaks=False))) == 6


def test_the_payer_in_the_header_and_its_own_account_are_no_person_s():
    # the header's ﾕ)ﾉﾄｺｰｷﾞﾖｳ and its account 0770215 are the company's: a file paying no person is clean
    suppliers = [
        ("0186", "312", "5120394", "ｶ)ｱｻﾉｺｳｻﾞｲ", 88000),
        ("0533", "047", "2209861", "ﾐﾅﾄｼﾖｳﾃﾝ", 43200),
        ("0009", "615", "7730142", "ﾎｸｾｲ ﾃﾞﾝｿｳ", 15400),  # no legal form, no surname: no person either
    ]
    result = detect_all(_file("21", suppliers))
    assert result.personal == []
    assert [s.text for s in result.corporate if s.label == "PERSON"] == []


def test_a_month_s_transfers_find_the_person_among_the_suppliers():
    payees = [("0186", "312", "5120394", "ｶ)ｱｻﾉｺｳｻﾞｲ", 88000), ("0533", "047", "6631058", "ｼﾖｳｼﾞ ﾏﾅﾐ", 30000)]
    assert _found(_file("21", payees)) == [("BANK_ACCOUNT", "6631058"), ("PERSON", "ｼﾖｳｼﾞ ﾏﾅﾐ")]


def test_records_without_their_header_are_not_read_as_a_transfer_file():
    # a line of digits and kana that merely looks like a data record names no payee without the header
    text = f"20186{' ' * 15}312{' ' * 19}14408127{_field('ﾐﾔﾓﾄ ｼﾞﾕﾝﾍﾟｲ', 30)}0000241300\n"
    assert ("PERSON", "ﾐﾔﾓﾄ ｼﾞﾕﾝﾍﾟｲ") not in _found(text)
