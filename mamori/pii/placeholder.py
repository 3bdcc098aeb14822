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
from bisect import bisect_left
from collections import Counter
from operator import attrgetter

from mamori.pii.dictionaries import PREFECTURES, municipalities
from mamori.pii.example_blocks import drop_english_examples, split_at_records
from mamori.pii.sample_rows import drop_sample_rows
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
# 記入例, 入力例, 記載例, 文例, (例), 例：; 記入見本, 申込書（見本）; ダミー, テスト用, SAMPLE, DUMMY; the example
# key of an API description or a schema (OpenAPI's example: / examples:, JSON "example":). Every branch
# starts with a literal, 例 and 見本 read with what stands before them by a lookbehind: the regex engine
# then skips to the characters that can start one. Written [(（【]見本 first, each search tried every
# position of a text holding 見本 or example (a list of a given name 見本, user@example.com): 28 ms a MB.
_EXAMPLE_DOC_BRANCHES = (
    r"例(?:(?<=記入例)|(?<=入力例)|(?<=記載例)|(?<=文例)|(?<=\(例)(?=[)）])|(?<=（例)(?=[)）])|(?=[:：]))",
    r"見本(?:(?<=記入見本)|(?<=[(（【]見本)(?=[)）】]))",
    r"ダミー",
    r"テスト用",
    r"SAMPLE(?<=\bSAMPLE)\b",
    r"DUMMY(?<=\bDUMMY)\b",
    r"example(?<=\bexample)s?\"?\s*:",
)
_EXAMPLE_DOC = re.compile("|".join(_EXAMPLE_DOC_BRANCHES))
# Whether it matches anywhere, one branch at a time: a branch that opens with a word is searched for the
# word as a string is, and one whose word is not ASCII is no search at all in an ASCII text (a mail log
# holding example.com: 177 M instructions a MB for is_example, ダミー|テスト用 alone 56 M; 47 M this way).
_EXAMPLE_DOC_PARTS = tuple(map(re.compile, _EXAMPLE_DOC_BRANCHES))
# The sample names of Japanese forms and manuals, without spaces, in kanji and kana.
_SAMPLE_NAMES = frozenset(
    "山田太郎 山田花子 山田一郎 山田次郎 鈴木一郎 田中太郎 佐藤花子 日本太郎 日本花子 見本太郎 見本花子 "
    "ヤマダタロウ ヤマダハナコ ヤマダイチロウ スズキイチロウ タナカタロウ ニホンタロウ やまだたろう やまだはなこ".split()
)
# A word that says "sample" written where a form's sample puts the surname (見本 一郎, ミホン イチロウ).
# A fixture's "test" or "dummy" there too (テスト / ユーザー1, ダミー 太郎): a name column of test data.
_SAMPLE_SURNAMES = ("見本", "ミホン", "サンプル", "テスト", "ダミー")
# What a name starting with one of them starts with (placeholder_kind reads it without spaces and ・).
_SAMPLE_HEAD = re.compile(r"[\s・]*[" + "".join(sorted({word[0] for word in _SAMPLE_SURNAMES})) + "]")
_SAMPLE_GIVEN = re.compile(r"\A[\u4e00-\u9fff々]{1,3}(?:太郎|花子|一郎|次郎)\Z")


def is_sample_name(value: str) -> bool:
    """Return whether ``value`` is a form's sample name (山田 太郎) or a surname with a sample given name."""
    name = re.sub(r"[\s・]", "", value)
    return (
        name in _SAMPLE_NAMES or _SAMPLE_GIVEN.search(name) is not None or name.startswith(_SAMPLE_SURNAMES)
    )


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
        # a counting run, and a middle group of four zeros (090-0000-0101), which people and tests write
        # as stand-ins: no exchange or mobile block is 0000
        return IN_EXAMPLES if _sample_digits(digits) or _MIDDLE_ZEROS.search(value) else NEVER
    if label == "PERSON":
        name = re.sub(r"[\s・]", "", value)
        if name.startswith(_SAMPLE_SURNAMES):
            return ALWAYS  # 見本 一郎: "sample" in a name's place
        # the sample names, and any surname with a form's sample given name (松本 太郎, 甲野太郎)
        return IN_EXAMPLES if name in _SAMPLE_NAMES or _SAMPLE_GIVEN.search(name) else NEVER
    if label == "POSTAL_CODE" and _digits_of(value).endswith("0000"):
        return IN_EXAMPLES  # 〒857-0000: a real town's first digits, the rest left blank
    if label == "DATE_OF_BIRTH":
        return IN_EXAMPLES if _NEW_YEAR.search(value.translate(_WIDE)) else NEVER
    return NEVER


def is_example(text: str) -> bool:
    """Return whether ``text`` says it shows examples (記入例, 入力例, (例), SAMPLE, リクエスト例 ...)."""
    if not any(word in text for word in _EXAMPLE_WORDS):  # str.find is far faster than the regex
        return False
    if any(part.search(text) is not None for part in _EXAMPLE_DOC_PARTS):
        return True  # where _EXAMPLE_DOC matches
    # the heading's regex tries every line: asked only of a text holding の例
    if "の例" in text and _EXAMPLE_HEADING.search(text) is not None:
        return True
    # _EXAMPLE_SECTION.search(text): a line's start is the text's or a line break's, looked for as one
    return _EXAMPLE_SECTION.match(text) is not None or _EXAMPLE_SECTION_AFTER_BREAK.search(text) is not None


_EXAMPLE_HEADING = re.compile(r"^[^\n。、]{1,20}の例[ \t]*$", re.MULTILINE)  # 名刺データの例, 記入の例
# A documentation's heading of a sample (### リクエスト例, ## Example request, サンプル, Request body): an API
# document's request and response bodies show the shape of the data.
_EXAMPLE_SECTION_BODY = (
    r"[ \t]*(?:#{1,6}[ \t]*|[■●◆▼【\[][ \t]*)?(?:"
    r"(?:リクエスト|レスポンス|入力|出力|実行|使用|設定|呼び出し|呼出し|送信|受信|応答|返却|戻り値|コード|JSON|API|"
    r"コマンド|記述|データ|ペイロード)(?:の)?例|例|サンプル(?:データ|コード|リクエスト|レスポンス|JSON)?|"
    r"リクエスト(?:ボディ|本文)|レスポンス(?:ボディ|本文)|"
    r"(?i:(?:example|sample)s?(?:[ \t]+(?:request|response|body|payload|usage|data|code|json))?|"
    r"(?:request|response)[ \t]+(?:body|example|sample|payload)))"
    r"[ \t]*[】\]]?[:：]?[ \t]*$"
)
_EXAMPLE_SECTION = re.compile("^" + _EXAMPLE_SECTION_BODY, re.MULTILINE)
_EXAMPLE_SECTION_AFTER_BREAK = re.compile("\n" + _EXAMPLE_SECTION_BODY, re.MULTILINE)


_EXAMPLE_WORDS = (
    "例",
    "ダミー",
    "テスト用",
    "SAMPLE",
    "DUMMY",
    "example",
    "見本",
    "サンプル",
    "ample",
    "AMPLE",
    "equest",
    "esponse",
    "リクエスト",
    "レスポンス",
)  # 記入例, 文例, example: …


_WIDE = str.maketrans("０１２３４５６７８９／－", "0123456789/-")


def _digits_of(value: str) -> str:
    return _NON_DIGITS.sub("", value if value.isascii() else value.translate(_WIDE))


# The card numbers payment providers publish for their test modes (Stripe's "Testing" page, PAY.JP's
# and GMO Payment Gateway's test cards, Braintree's and PayPal's sandbox cards): issued to no one.
_PUBLISHED_TEST_CARDS = frozenset(
    """
    4242424242424242 4000056655665556 4000002500003155 4000002760003184 4000003800000446 4000003920000003
    4000000000003220 4000000000003063 4000000000000002 4000000000009995 4000000000000069 4000000000000077
    4000000000000119 4000000000000127 4000000000000341 5555555555554444 2223003122003222 5200828282828210
    5105105105105100 378282246310005 371449635398431 6011111111111117 6011000990139424 6011981111111113
    3056930009020004 36227206271667 6555900000604105 3566002020360505 6200000000000005 3530111333300000
    4111111111111111 4012888888881881 4222222222222 5431111111111111 4005519200000004 4009348888881881
    4012000033330026 4012000077777777 4217651111111119 4500600000000061 2223000048400011 36259600000004
    38520000023237 30569309025904
    """.split()
)
# What a developer's page of test cards says about them, in the lines above a card or on its line.
_TEST_CARD_CONTEXT = re.compile(
    r"テスト(?:用の?)?(?:クレジット)?カード|ダミーカード|テスト(?:環境|モード|決済|用)|検証環境|ステージング|サンドボックス"
    r"|sandbox|staging|test[ _-]?(?:cards?|mode|environment|credit|payment|number)",
    re.IGNORECASE,
)
# The whole text's word for testing that makes a published test number a test card anywhere in it.
_TESTING = re.compile(
    r"テスト|ダミー|検証|ステージング|サンドボックス|test|dummy|staging|sandbox|stripe|pay\.jp", re.IGNORECASE
)
# A real card met in a test system is still a cardholder's (本番のカード, お客様のカード番号).
_REAL_CARD = re.compile(r"本番|実(?:際の)?カード|お客様|顧客|会員|流出|漏え?い")
_TEST_CARD_WINDOW = 1500  # characters above a card a page's test-card heading or table header may be


def _drop_test_cards(text: str, spans: list[Span]) -> list[Span]:
    """Drop the card numbers of a developer's page of test cards: they are placeholders of a test mode.

    A card is a test card when the text says testing anywhere and the number is one the providers
    publish, or when a test card's words (テストカード, テスト環境, sandbox, test mode) stand on its line
    or in the lines above it (a table's heading), unless its line speaks of a real card (本番, お客様).
    A card in a text that never says testing stays a card, whatever its number.
    """
    if not _TESTING.search(text):
        return spans
    near = [m.start() for m in _TEST_CARD_CONTEXT.finditer(text)]
    kept = []
    for span in spans:
        if span.label == "CREDIT_CARD":
            line_start = text.rfind("\n", 0, span.start) + 1
            line_end = text.find("\n", span.end)
            line = text[line_start : line_end if line_end >= 0 else len(text)]
            if not _REAL_CARD.search(line) and (
                _digits_of(span.text) in _PUBLISHED_TEST_CARDS
                or _near(near, span.start - _TEST_CARD_WINDOW, line_start + len(line))
            ):
                continue
        kept.append(span)
    return kept


def _near(positions: list[int], lo: int, hi: int) -> bool:
    """Return whether a sorted position lies in ``lo:hi``."""
    i = bisect_left(positions, lo)
    return i < len(positions) and positions[i] < hi


# A value a form's instructions show as an example: after 例） / 例： / 記入例 on its line, or on the line
# under a heading that is only such a word (【記入例】). An open ``（例：`` covers what comes before its ``）``.
_EXAMPLE_MARK = re.compile(
    r"(?:記入|入力|記載|回答)例|記入見本|[(（]例(?:[)）]|[:：])|(?:^|(?<=[\s・■●◆※【\[<＜]))例\s*[)）:：】\]>＞]",
    re.MULTILINE,
)
# A closed bracket that says only "example" right after a value (建設 次郎（記入例）, 03-1234-5678 (例)):
# the value before it is the example; group 0 starts at the value's end (spaces allowed between).
_TRAILING_MARK = re.compile(r"(?<=\S)(?=[ \t\u3000]*[(（](?:記入|入力|記載)?例[)）])")
_MARK_HEADING = re.compile(r"[\s【\[<＜(（■●◆・]*(?:記入|入力|記載)例[】\]>＞)）:：]?\s*\Z")
# A form's title marked as a whole example (入居申込書（記入例）): no tab or colon before the bracket.
_MARK_TITLE = re.compile(r"[^\t\n:：]{1,30}?[ \u3000]*[(（【\[](?:記入|入力|記載)例[)）】\]]\s*\Z")
# A line that opens another part of the page: a heading in brackets or after a mark (【本人記入欄】, ■ 注意事項).
_NEXT_HEADING = re.compile(r"[ \u3000]*[【■●◆□◇▼\[＜<]")


_FIELD_SEP = re.compile(r"[\s:：]+")
_NAME_WORD = re.compile(r"[\u3400-\u9fff]{1,4}")


def _names_a_sample(block: str) -> bool:
    """Return whether a line of ``block`` holds a sample name, in one word or two (富山 花子, 福井太郎)."""
    for line in block.splitlines():
        words = [w for w in _FIELD_SEP.split(line) if _NAME_WORD.fullmatch(w)]
        if any(is_sample_name(a + b) for a, b in zip(words, words[1:], strict=False)):
            return True
        if any(len(w) >= 3 and is_sample_name(w) for w in words):
            return True
    return False


def _block_end(text: str, line_end: int, heading: bool) -> int:
    """Return the end of the sample record under a 記入例 heading or title that ends at ``line_end``.

    The block of lines up to a blank line or the next heading, when a sample name (富山 花子) is in it:
    its reading, birth date and address are the sample's. A template filled with a real name keeps
    its values but the line under a heading (【記入例】), not under a title (申請書（記入例）).
    """
    end = line_end
    while end < len(text):
        next_end = text.find("\n", end + 1)
        next_end = len(text) if next_end < 0 else next_end
        line = text[end + 1 : next_end]
        if not line.strip() or _NEXT_HEADING.match(line):
            break
        end = next_end
    if not _names_a_sample(text[line_end:end]):
        next_end = text.find("\n", line_end + 1)
        return (len(text) if next_end < 0 else next_end) if heading else line_end
    return end


def drop_marked_examples(text: str, spans: list[Span]) -> list[Span]:
    """Drop the values on a line that a form's instructions mark as an example (例）記号 12 番号 345).

    ``spans`` is sorted by start (as detected). Each marker covers the rest of its line (of an open ``（例：``, up to
    its ``）``), and a heading of its own (【記入例】) or a title marked so (入居申込書（記入例）) the block of lines
    under it, up to a blank line or the next heading (【本人記入欄】); a value before the marker or
    after the bracket closed (電話（例：03-1234-5678）：080-…) is what the person filled in. English marks
    too: ``Passport No. (e.g. "TK…")``, ``… (sample)`` (``example_blocks``).
    """
    spans = drop_english_examples(text, spans)
    if "例" not in text:
        return spans
    starts = [s.start for s in spans]
    dropped: set[int] = set()
    for mark in _EXAMPLE_MARK.finditer(text):
        line_start = text.rfind("\n", 0, mark.start()) + 1
        line_end = text.find("\n", mark.end())
        end = len(text) if line_end < 0 else line_end
        if mark.group()[-1] in ":：" and mark.group()[0] in "(（":
            close = min(
                (i for i in (text.find(")", mark.end(), end), text.find("）", mark.end(), end)) if i >= 0),
                default=end,
            )
            end = close
        elif line_end >= 0 and _MARK_HEADING.match(text, line_start, line_end):
            end = _block_end(text, line_end, True)  # the sample record: its reading, birth date, address …
        elif (
            line_end >= 0
            and _MARK_TITLE.match(text, line_start, line_end)
            and not _near(starts, line_start, line_end)  # 建設 次郎（記入例）: a value marked, no title
        ):
            end = _block_end(text, line_end, False)
        i = bisect_left(starts, mark.end())
        while i < len(spans) and spans[i].end <= end:
            dropped.add(i)
            i += 1
    if "例）" in text or "例)" in text:
        ends = {s.end: i for i, s in enumerate(spans)}
        for mark in _TRAILING_MARK.finditer(text):
            marked = ends.get(mark.start())
            if marked is not None:
                dropped.add(marked)  # 建設 次郎（記入例）: the value marked after it
    return [s for i, s in enumerate(spans) if i not in dropped] if dropped else spans


def drop_placeholders(text: str, spans: list[Span]) -> list[Span]:
    """Return ``spans`` without the placeholder values (see the module docstring).

    Whether ``text`` shows examples is looked up only when a span could be a placeholder. Outside
    examples only the ``ALWAYS`` placeholders go, and those are told by their last digits (a number
    ending in 1-9 is none) or their domain (judged once per domain of a list). A list comprehension
    per case, not a loop with a branch per span: a 1 MB customer list has 40,000 spans.
    """
    dates = [s.text for s in spans if s.label == "DATE_OF_BIRTH"]
    if "CREDIT_CARD" in map(_LABEL, spans):
        spans = _drop_test_cards(text, spans)
    if len(dates) >= _DEFAULT_REPEATS:
        spans = _without_default_dates(spans, dates)
    if _JUDGED.isdisjoint(map(_LABEL, spans)):
        return list(spans)
    spans = drop_sample_rows(text, spans, _sample_name)  # 山田 太郎 beside ○○ and 03-0000-0000
    if is_example(text):
        parts = split_at_records(text, spans, is_example, _real_name)  # 【記入例】's block, then real records
        if parts is None:
            return _drop_in_examples(text, spans)
        return sorted(_drop_in_examples(text, parts[0]) + _drop_outside_examples(text, parts[1]), key=_START)
    return _drop_outside_examples(text, spans)


def _sample_name(span: Span) -> bool:
    return placeholder_kind(span) == IN_EXAMPLES


def _real_name(span: Span) -> bool:
    return span.label == "PERSON" and placeholder_kind(span) == NEVER


def _drop_in_examples(text: str, spans: list[Span]) -> list[Span]:
    """Return ``spans`` of a text that shows examples without its placeholders."""
    records = _sample_records(text)
    if (
        records
    ):  # 【記入例】 / 氏名：（氏）見本　（名）花子 / 住所：…: the sample record's address and birth date
        spans = [s for s in spans if s.label not in _SAMPLE_DOC_LABELS or not _near_any(records, s.start)]
    kept = [s for s in spans if s.label not in _JUDGED or placeholder_kind(s) == NEVER]
    if _example_title(text):
        kept = [s for s in kept if s.label != "PERSON" or not _place_sample_name(s.text)]
        if len(kept) < len(spans):
            # a sample document (its title says 記入例) whose other values are samples: its address
            # and its birth date too
            return [s for s in kept if s.label not in _SAMPLE_DOC_LABELS]
    return [] if _text_of_samples(spans, example=True) else kept


def _drop_outside_examples(text: str, spans: list[Span]) -> list[Span]:
    """Return ``spans`` of a text that shows no examples without its placeholders."""
    if any(word in text for word in _SAMPLE_SURNAMES):  # 見本 一郎, テスト / ユーザー1
        named = len(spans)
        # a name that starts with none of the words' first characters is none (a list of a given name 見本)
        spans = [
            s
            for s in spans
            if s.label != "PERSON" or _SAMPLE_HEAD.match(s.text) is None or placeholder_kind(s) != ALWAYS
        ]
        if len(spans) < named:  # a fixture's numbered users beside them (テスト / test1@example.com)
            spans = [s for s in spans if s.label != "EMAIL" or not _numbered_user(s.text)]
    domains: dict[str, tuple[bool, bool]] = {}
    kept = [
        s
        for s in spans
        if s.label not in _ALWAYS_LABELS
        or (
            not _dummy_mail(s.text, domains)
            if s.label == "EMAIL"
            else s.text[-1:] in _NONZERO or not _zeros(s.text, _digits_of(s.text))
        )
    ]
    return [] if _text_of_samples(spans, example=False) else kept


def _sample(span: Span, example: bool) -> bool:
    """Return whether ``span`` may be a placeholder of a text of samples (see ``_text_of_samples``)."""
    kind = placeholder_kind(span)
    if kind != IN_EXAMPLES or example:
        return kind != NEVER
    if span.label == "EMAIL":
        return True  # a reserved domain
    return span.label == "PHONE" and _MIDDLE_ZEROS.search(span.text) is not None


# A fixture's numbered users at a reserved domain (test1@example.com, user_02@example.jp): alone they may
# stand for anyone (generated records), beside the sample names of a form or a test surname (テスト / ユーザー1)
# they are the fixture's.
_NUMBERED = re.compile(r"(?:user|test|sample|dummy|demo|guest)[._-]?\d{1,4}@", re.IGNORECASE)
_MIDDLE_ZEROS = re.compile(r"\d[-－ ]?[0０]{4}[-－ ][0-9０-９]{4}\Z")  # 090-0000-0101
_SAMPLES = 2  # placeholders a text of samples holds at least (a fixture's records, an API example)
_SAMPLE_PLACES = 2  # distinct addresses of such a text: one address repeated on every record
_SAMPLE_NUMBERS = frozenset({"PHONE", "BANK_ACCOUNT"})


def _text_of_samples(spans: list[Span], example: bool) -> bool:
    """Return whether every value of a text is a sample, its places too.

    A developer's fixture of dummy users (``user01@example.com``, ``090-0000-0101``, one address on
    every record) or an API document's request body (``test@example.com``, ``090-0000-0000``, a zip
    and an address): two or more values that may be placeholders, one of them a number, and beside
    them nothing but postal codes and one or two addresses. A person named, a number or a mailbox of
    no placeholder's shape, or many addresses (an anonymised export) make it no text of samples; so does
    a reserved-domain mailbox without a placeholder number (tests put real-looking people there). Two
    or more numbered or placeholder mailboxes (``test1@example.com``, ``user2@example.com``) vouch for
    a fixture's sample names (田中 太郎, 鈴木 花子) beside them outside a text of examples.
    Outside a text that shows examples only the shapes no real value has count (reserved domains, a
    0000 block, zeros): 山田 太郎 and 090-1234-5678 there are stand-ins for someone's.
    """
    labels = set(map(_LABEL, spans))
    if _SAMPLE_NUMBERS.isdisjoint(labels) and ("EMAIL" not in labels or "PERSON" not in labels):
        return False  # most texts: looked at without a step per span
    samples = names = dummies = 0
    number = False
    places: set[str] = set()
    for s in spans:
        if s.label == "ADDRESS":
            places.add(s.text)
            if len(places) > _SAMPLE_PLACES:
                return False
        elif s.label == "POSTAL_CODE":
            continue
        elif s.label == "PERSON" and not example and placeholder_kind(s) == IN_EXAMPLES:
            names += 1  # 田中 太郎 in a fixture: a sample only beside its dummy mailboxes (test1@example.com)
        elif s.label not in _JUDGED or not _sample(s, example):
            return False
        else:
            samples += 1
            number = number or s.label in _SAMPLE_NUMBERS
            dummies += s.label == "EMAIL" and (
                _NUMBERED.match(s.text) is not None or placeholder_kind(s) == ALWAYS
            )
    if names:
        return dummies >= _SAMPLES
    return number and samples >= _SAMPLES


_LABEL = attrgetter("label")
_START = attrgetter("start")
# The title of a sample document: 記入例 / 記載例 / 見本 … in its first lines (申請書（記入例）, 【記入例】).
# Its address and postal code are the sample's, as its name and numbers are, when one of those is a
# placeholder; a form filled in from such a template and still titled so keeps them (a real name, real
# numbers), and a 記入例 marked further down (※記入例は裏面) says nothing of the values above it.
_EXAMPLE_TITLE = re.compile(
    r"(?:記入|記載|入力|作成)例|記入見本|[(（【\[]\s*(?:見本|サンプル|SAMPLE)\s*[)）】\]]"
)
_TITLE_CHARS = 80  # characters of a document's title line


def _example_title(text: str) -> bool:
    """Return whether the first line of ``text`` that holds anything says it is a sample (申請書（記入例）)."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start, start + _TITLE_CHARS)
    end = start + _TITLE_CHARS if end < 0 else end
    return (
        _EXAMPLE_TITLE.search(text, start, end) is not None
        or _SAMPLE_LINE.fullmatch(text, start, end) is not None
    )


_SAMPLE_LINE = re.compile(r"\s*(?:見本|サンプル|SAMPLE|Sample)\s*")  # a first line that says only "sample"


_SAMPLE_DOC_LABELS = frozenset({"ADDRESS", "POSTAL_CODE", "DATE_OF_BIRTH"})
_HIRAGANA_GIVEN = re.compile(r"\A[\u3041-\u3096ー]{1,4}子?\Z")  # はな子, ふみ子, さくら


def _place_sample_name(value: str) -> bool:
    """Return whether a name is a sample document's stand-in: the issuing place and a hiragana given name.

    A sample form puts its city or prefecture where the surname goes (札幌 はな子, 長野 ふみ子).
    """
    parts = value.split()
    if len(parts) != 2 or not _HIRAGANA_GIVEN.match(parts[1]):
        return False
    place = parts[0]
    return (
        place in PREFECTURES
        or place + "県" in PREFECTURES
        or any(place + suffix in municipalities() for suffix in "市町村")
    )


# A name split into a form's surname and given-name fields: （氏）見本　（名）花子, (姓) 山田 (名) 太郎.
_SPLIT_NAME = re.compile(
    r"[(（](?:氏|姓)[)）][ \t\u3000]*(\S{1,6})[ \t\u3000]*[(（]名[)）][ \t\u3000]*(\S{1,6})"
)


_SAMPLE_RECORD = 300  # characters a sample record spans each way from its name


def _sample_records(text: str) -> list[tuple[int, int]]:
    """Return the stretches around a sample name written in a form's split fields under a 記入例 mark.

    （氏）見本　（名）花子 with 記入例 on the lines above: the record around it (its address, its birth
    date) is the sample's.
    """
    if "名" not in text:
        return []
    return [
        (m.start() - _SAMPLE_RECORD, m.end() + _SAMPLE_RECORD)
        for m in _SPLIT_NAME.finditer(text)
        if is_sample_name(m.group(1) + m.group(2))
        and _EXAMPLE_MARK.search(text, max(0, m.start() - _SAMPLE_RECORD), m.start()) is not None
    ]


def _near_any(records: list[tuple[int, int]], pos: int) -> bool:
    return any(lo <= pos < hi for lo, hi in records)


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


def _numbered_user(value: str) -> bool:
    """Return whether ``value`` is a fixture's numbered user at a reserved domain (test1@example.com)."""
    return _NUMBERED.match(value) is not None and _RESERVED_DOMAIN.search(value) is not None


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
