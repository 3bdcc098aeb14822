"""Drop placeholder data: the sample values of manuals, form templates and source code are nobody's.

Manuals and templates show the shape of the data with values that belong to no one: numbers ending
in zeros (``03-0000-0000``, ``〒000-0000``), mailboxes of dummy domains (``xxx@xxx.co.jp``, ``hoge@hoge.com``), and addresses in the reserved
domains (example.com / .jp, ``*.invalid``, ``*.test``; RFC 2606 and 6761) when their mailbox is a
placeholder word (``user@example.com``, ``taro@example.jp``) or the text says it shows examples (記入例,
入力例, (例), SAMPLE). In such a text the names every Japanese form uses as its sample
(山田太郎, 山田花子 ...), numbers made of a counting or repeated run (``090-1234-5678``, ``123-4567``, an account ``1234567``)
and a birth date on New Year's Day (昭和60年1月1日) are placeholders too; outside such a text they are
kept, since people write them as stand-ins for real numbers in tests and exports alike. A
reserved-domain address alone is not: test data and anonymised exports put real-looking people there.
These are dropped, not reported apart: a file whose
only "personal data" is placeholders has none, and the manager has nothing to act on.
"""

from __future__ import annotations

import re
from collections import Counter
from operator import attrgetter

from mamori.pii.spans import Span

_RESERVED_DOMAIN = re.compile(
    r"@(?:[A-Za-z0-9-]+\.)*(?:example(?:\.(?:com|net|org|jp|co\.jp|ne\.jp|or\.jp))?|invalid|test|localhost)\Z",
    re.IGNORECASE,
)
# Domains and mailboxes that only a placeholder uses (xxx@xxx.co.jp, hoge@hoge.com, user@example.com).
_DUMMY_DOMAIN = re.compile(r"@(?:(?:x+|hoge|fuga|piyo|foo|bar|dummy)\.)+(?:com|net|jp|co\.jp|ne\.jp)\Z", re.I)
_DUMMY_MAILBOX = re.compile(
    r"(?:user|username|test|sample|example|foo|bar|hoge|fuga|xxx+|yourname|your[._-]name|someone|aaa+)@",
    re.IGNORECASE,
)
_NON_DIGITS = re.compile(r"\D")
_COUNTING = "01234567890123"
_EXAMPLE_DOC = re.compile(
    r"記入例|入力例|記載例|記入見本|文例|\(例[)）]|（例[)）]|例[:：]|ダミー|テスト用|SAMPLE(?<=\bSAMPLE)\b|DUMMY(?<=\bDUMMY)\b"
    # the example key of an API description or a schema (OpenAPI's example: / examples:, JSON "example":)
    r"|example(?<=\bexample)s?\"?\s*:"
)
# The sample names of Japanese forms and manuals, without spaces, in kanji and kana.
_SAMPLE_NAMES = frozenset(
    "山田太郎 山田花子 山田一郎 山田次郎 鈴木一郎 田中太郎 佐藤花子 日本太郎 日本花子 見本太郎 見本花子 "
    "ヤマダタロウ ヤマダハナコ ヤマダイチロウ スズキイチロウ タナカタロウ ニホンタロウ やまだたろう やまだはなこ".split()
)
_SAMPLE_GIVEN = re.compile(r"\A[\u4e00-\u9fff々]{1,3}(?:太郎|花子|一郎|次郎)\Z")
_NEW_YEAR = re.compile(r"(?:\D|^)0?1\s*(?:月|/|-|\.)\s*0?1\s*日?\s*\Z")


def _sample_digits(digits: str) -> bool:
    """Return whether a number's last 7-8 digits are one digit repeated or a counting run (1234567)."""
    tail = digits[-8:]
    return len(set(tail)) == 1 or tail in _COUNTING or digits[-7:] in _COUNTING


_GROUPS = re.compile(r"[0-9０-９]+")


def _zeros(value: str, digits: str) -> bool:
    """Return whether a number is zeros where a real one has its subscriber's digits.

    Its last seven digits (03-0000-0000, 〒000-0000), or the two groups after the area code
    (0263-00-0000: no local exchange starts with 0).
    """
    if set(digits[-7:]) == {"0"}:
        return True
    groups = _GROUPS.findall(value)
    return len(groups) == 3 and set(groups[1] + groups[2]) <= {"0", "０"}


NEVER, ALWAYS, IN_EXAMPLES = 0, 1, 2


def placeholder_kind(span: Span) -> int:
    """Return whether ``span`` is a placeholder ``ALWAYS``, only ``IN_EXAMPLES`` (a 記入例 text), or ``NEVER``."""
    label, value = span.label, span.text
    if label == "EMAIL":
        if _DUMMY_DOMAIN.search(value) or (_RESERVED_DOMAIN.search(value) and _DUMMY_MAILBOX.match(value)):
            return ALWAYS
        return IN_EXAMPLES if _RESERVED_DOMAIN.search(value) else NEVER
    if label in ("PHONE", "POSTAL_CODE", "BANK_ACCOUNT"):
        digits = _digits_of(value)
        if _zeros(value, digits):
            return ALWAYS  # 03-0000-0000, 〒000-0000, 普通 0000000: no one's number
        return IN_EXAMPLES if _sample_digits(digits) else NEVER
    if label == "PERSON":
        name = re.sub(r"[\s・]", "", value)
        # the sample names, and any surname with a form's sample given name (松本 太郎, 甲野太郎)
        return IN_EXAMPLES if name in _SAMPLE_NAMES or _SAMPLE_GIVEN.search(name) else NEVER
    if label == "DATE_OF_BIRTH":
        return IN_EXAMPLES if _NEW_YEAR.search(value.translate(_WIDE)) else NEVER
    return NEVER


def is_example(text: str) -> bool:
    """Return whether ``text`` says it shows examples (記入例, 入力例, (例), SAMPLE ...)."""
    if not any(word in text for word in _EXAMPLE_WORDS):  # str.find is far faster than the regex
        return False
    return _EXAMPLE_DOC.search(text) is not None


_EXAMPLE_WORDS = ("例", "ダミー", "テスト用", "SAMPLE", "DUMMY", "example")  # 記入例, 文例, example: …


_WIDE = str.maketrans("０１２３４５６７８９／－", "0123456789/-")


def _digits_of(value: str) -> str:
    return _NON_DIGITS.sub("", value if value.isascii() else value.translate(_WIDE))


def drop_placeholders(text: str, spans: list[Span]) -> list[Span]:
    """Return ``spans`` without the placeholder values (see the module docstring).

    Whether ``text`` shows examples is looked up only when a span could be a placeholder. Outside
    examples only the ``ALWAYS`` placeholders go, and those are told by their last digits (a number
    ending in 1-9 is none) or their domain (judged once per domain of a list). A list comprehension
    per case, not a loop with a branch per span: a 1 MB customer list has 40,000 spans.
    """
    dates = [s.text for s in spans if s.label == "DATE_OF_BIRTH"]
    if len(dates) >= _DEFAULT_REPEATS:
        spans = _without_default_dates(spans, dates)
    if _JUDGED.isdisjoint(map(_LABEL, spans)):
        return list(spans)
    if is_example(text):
        return [s for s in spans if s.label not in _JUDGED or placeholder_kind(s) == NEVER]
    domains: dict[str, tuple[bool, bool]] = {}
    return [
        s
        for s in spans
        if s.label not in _ALWAYS_LABELS
        or (
            not _dummy_mail(s.text, domains)
            if s.label == "EMAIL"
            else s.text[-1:] in _NONZERO or not _zeros(s.text, _digits_of(s.text))
        )
    ]


_LABEL = attrgetter("label")
_DEFAULT_REPEATS = 5  # persons of one list sharing one birth date (day, month and year): a default value


def _without_default_dates(spans: list[Span], dates: list[str]) -> list[Span]:
    """Drop a birth date written five times or more that is half or more of a text's birth dates.

    A column filled with one date (2000-01-01) is what a system writes when nobody entered one, or test
    data; persons of a list share a birthday by chance, but a long list's commonest date is a small share
    of its dates (100,000 customers over 70 years: about four a day). ``dates``: the texts of the birth dates.
    """
    total = len(dates)
    default = {d for d, n in Counter(dates).items() if n >= _DEFAULT_REPEATS and 2 * n >= total}
    if not default:
        return spans
    return [s for s in spans if s.label != "DATE_OF_BIRTH" or s.text not in default]


_NONZERO = frozenset("123456789１２３４５６７８９")


def _dummy_mail(value: str, domains: dict[str, tuple[bool, bool]]) -> bool:
    """Return whether ``value`` is ``ALWAYS`` a placeholder mailbox; ``domains`` caches the domain's verdicts.

    Both domain patterns start at an ``@`` and allow none after it, so they match at the last one.
    """
    domain = value[value.rfind("@") :] if "@" in value else ""
    verdict = domains.get(domain)
    if verdict is None:
        verdict = domains[domain] = (
            _DUMMY_DOMAIN.match(domain) is not None,
            _RESERVED_DOMAIN.match(domain) is not None,
        )
    return verdict[0] or (verdict[1] and _DUMMY_MAILBOX.match(value) is not None)


# the labels a value alone makes a placeholder
_ALWAYS_LABELS = frozenset({"EMAIL", "PHONE", "POSTAL_CODE", "BANK_ACCOUNT"})
_JUDGED = _ALWAYS_LABELS | {"PERSON", "DATE_OF_BIRTH"}  # placeholder_kind is NEVER for the others
