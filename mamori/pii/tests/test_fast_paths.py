"""The fast paths of the detection passes find exactly what their plain definitions find."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from mamori.pii import charsets, code_constants, corporate, detect, records, table_headers
from mamori.pii.address import find_addresses, is_address
from mamori.pii.ids import _message_id
from mamori.pii.names import KANJI
from mamori.pii.normalize import normalize
from mamori.pii.numbers import _classify_pieces, _digit_count, _not_pii_key, _plain_key, classify
from mamori.pii.placeholder import (
    IN_EXAMPLES,
    NEVER,
    _text_of_samples,
    drop_placeholders,
    is_example,
    placeholder_kind,
)
from mamori.pii.prose import _CUE_TITLES, _candidate_runs
from mamori.pii.required_chars import required
from mamori.pii.spans import Span
from mamori.pii.tables import analyse_tables
from mamori.testing.pii_corpus import address

# The plain definition of a prose candidate: from the start of a whole kanji run, the longest 2-9
# kanji followed by a cue (a particle, ``(`` and a digit, or a title inside the run).
_FORWARD = re.compile(rf"[{KANJI}]{{2,9}}(?=[、がはとも:]|から|より|\(\d|(?<=[{KANJI}])(?:{_CUE_TITLES}))")


def _forward_runs(text: str) -> list[tuple[int, int]]:
    runs = []
    for m in _FORWARD.finditer(text):
        if m.start() and re.match(rf"[{KANJI}]", text[m.start() - 1]):
            continue  # inside a longer run
        runs.append(m.span())
    return runs


@pytest.mark.parametrize(
    "text",
    [
        "経理の伊藤が不在です。山本、中村、小林の3名が出席。",
        "山田県議員が視察した。岸田総理大臣は会見で述べた。",
        "一二三四五六七八九十が並ぶ。一二三四五六七総理大臣が来た。",
        "山田外野手と佐藤投手(32)が出場。髙橋と𠮷田も。",
        "伊藤は",
        "伊藤",
        "藤は",
        "、山田(3",
        "会議は9:30から。予算配分を再検討します。",
        "担当は鈴木です。ご不明点は鈴木まで。木村から連絡し、松本よりお送りします。西村委員長と西村委員。\n菅原:了解",
    ],
)
def test_prose_candidates_found_from_their_cue_are_the_runs_a_forward_scan_finds(text: str) -> None:
    assert _candidate_runs(text) == _forward_runs(text)


def _key_by_splitting(text: str, equals: int) -> str:
    head = text[max(0, equals - 31) : equals]
    return head.rsplit(" ", 1)[-1].rsplit("\t", 1)[-1].rsplit(",", 1)[-1]


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("2026-07-17 INFO shipped ship_no=245892152759", True),
        ("order=9929007540091714", True),
        ("x\tid=621178502551", True),
        ("a,b tel=0312345678", False),
        ("a b,phone=0312345678", False),
        ("name\tcard_no=4111111111111111", False),
        ("k" * 40 + "=123456789012", True),
        ("\u8a3c=123456789012", False),
        (" =123456789012", False),
    ],
)
def test_a_log_key_is_read_back_to_its_separator(text: str, plain: bool) -> None:
    equals = text.index("=")
    assert _not_pii_key(text, equals) is plain
    assert _plain_key(_key_by_splitting(text, equals)) is plain


@pytest.mark.parametrize("run", ["2026-07-17", "(03) 1234-5678", "+81 90-1234-5678", "4111 1111 1111 1111"])
def test_digits_are_counted_without_a_regex(run: str) -> None:
    assert _digit_count(run) == len("".join(re.findall(r"\d+", run)))


@pytest.mark.parametrize(
    "text", ["200 30644", "電話 03 1234 5678", "TEL 0312345678 090-1234-5678", "x 4111111111111111  12"]
)
def test_the_pieces_of_a_run_are_classified_as_each_piece_alone(text: str) -> None:
    offset = text.index(" ") + 1
    run = text[offset:]
    plain = [
        classify(text, offset + m.start(), offset + m.end(), m.group()) for m in re.finditer(r"[^ ]+", run)
    ]
    assert _classify_pieces(text, offset, run) == [hit for hit in plain if hit is not None]


def test_a_constant_before_a_quoted_value_is_found_as_the_plain_search_finds_it() -> None:
    rng = random.Random(7)
    heads = ["SUPPORT_TEL", "office_tel", "tel", '"shop_phone"', "x", "", "代表"]
    joins = [" = ", "=", ": ", ":", ",", '","', " ", "\t:\t"]
    for _ in range(500):
        line = "".join(rng.choice(heads) + rng.choice(joins) for _ in range(rng.randint(1, 3)))
        text = f'{line}"{rng.choice(["052-123-4567", "x"])}"\n'
        start = text.index('"', len(line)) + 1
        plain = code_constants._CONSTANT.search(text, 0, start) is not None
        assert code_constants.in_constant(text, start) is plain, text


def test_a_lone_line_with_commas_is_no_table_but_the_table_after_it_is_judged() -> None:
    text = (
        "見積金額は6,540千円、品番 E993-4333、注文番号 PO-77535572 を処理済み。\n\n"
        "氏名,電話番号\n山田 太郎,090-1234-5678\n"
    )
    hits, quiet = analyse_tables(text)
    assert [(text[s:e], label) for s, e, label, _p in hits] == [
        ("山田 太郎", "PERSON"),
        ("090-1234-5678", "PHONE"),
    ]
    assert quiet == []
    assert [s.label for s in detect(text)] == ["PERSON", "PHONE"]


def test_a_name_is_found_in_a_mailing_list_and_not_before_a_bare_honorific_cell() -> None:
    text = "〒,住所,建物,宛名,敬称\n988-1900,福岡県北九州市小倉北区魚町2-29-19,,キムラ サクラ,様\n"
    labels = [(s.text, s.label) for s in detect(text)]
    assert ("キムラ サクラ", "PERSON") in labels
    assert ("様", "PERSON") not in labels


# A pattern scanned over whole texts must let the regex engine skip to its first characters: CPython's
# ``re`` does that only for a pattern that cannot match empty and starts with a literal or a character
# class (``[c][c]*``, not ``[c]+``; no leading look-behind or ``^``). Losing it cost 3-5x on sparse text,
# which a timed test only caught on a quiet machine; this checks the compiled form instead.
def _skips_to_first_characters(pattern: re.Pattern[str]) -> bool:
    from re import _compiler, _parser  # type: ignore[attr-defined]  # noqa: PLC0415 - as re.compile does

    tree = _parser.parse(pattern.pattern, pattern.flags)
    if tree.getwidth()[0] == 0:
        return False
    prefix, _skip, _all = _compiler._get_literal_prefix(tree, pattern.flags)
    return bool(prefix) or _compiler._get_charset_prefix(tree, pattern.flags) is not None


def _whole_text_scans() -> dict[str, re.Pattern[str]]:
    from mamori.pii import (
        address,
        dates,
        ids,
        names,
        normalize,
        numbers,
        org_tables,
        owner,
        placeholder,
        prose,
    )

    return {
        "numbers.NUMBER_RUN": numbers.NUMBER_RUN,
        "names._LABEL": names._LABEL,
        "names._HONORIFIC": names._HONORIFIC,
        "names._ON_BEHALF": names._ON_BEHALF,
        "names._ALONE": names._ALONE,
        "prose._CANDIDATE_REVERSED": prose._CANDIDATE_REVERSED,
        "prose._DESU_MADE_REVERSED": prose._DESU_MADE_REVERSED,
        "dates._ERA_DATE": dates._ERA_DATE,
        "dates._WESTERN_DATE": dates._WESTERN_DATE,
        "address._TRIGGER": address._TRIGGER,
        "ids._HEALTH_TRIGGER": ids._HEALTH_TRIGGER,
        "normalize._UNSTABLE": normalize._UNSTABLE,
        "normalize._FULL_WIDTH": normalize._FULL_WIDTH,
        "normalize._DASH_BETWEEN_DIGITS": normalize._DASH_BETWEEN_DIGITS,
        "corporate._ORG": corporate._ORG,
        "corporate._PERSON_LINE": corporate._PERSON_LINE,  # searched over every mailbox's block
        "corporate._PERSON_WORDS": corporate._PERSON_WORDS,
        "org_tables._ORG_HEADER_HINT": org_tables._ORG_HEADER_HINT,
        "org_tables._ORG_HEADER_HINT_ASCII": org_tables._ORG_HEADER_HINT_ASCII,
        **{f"placeholder._EXAMPLE_DOC_PARTS[{i}]": p for i, p in enumerate(placeholder._EXAMPLE_DOC_PARTS)},
        "placeholder._EXAMPLE_SECTION_AFTER_BREAK": placeholder._EXAMPLE_SECTION_AFTER_BREAK,
        "owner._LEGAL_FORM": owner._LEGAL_FORM,
        "owner._SENDER": owner._SENDER,
        "records._PREFILTER": records._PREFILTER,
    }


@pytest.mark.parametrize("name", sorted(_whole_text_scans()))
def test_a_whole_text_scan_keeps_its_fast_first_character_scan(name: str) -> None:
    assert _skips_to_first_characters(_whole_text_scans()[name]), name


@pytest.mark.parametrize(
    "name",
    ["owner._SENDER", "owner._BUSINESS_WORDS", "org_tables._STAFF_FIELD", "table_headers.ANY_HEADER_JA"],
)
def test_a_scan_skipped_on_ascii_text_opens_every_match_with_a_character_outside_ascii(name: str) -> None:
    import importlib  # noqa: PLC0415
    from re import _compiler, _constants, _parser  # type: ignore[attr-defined]  # noqa: PLC0415

    module, attr = name.split(".")
    pattern = getattr(importlib.import_module(f"mamori.pii.{module}"), attr)
    tree = _parser.parse(pattern.pattern, pattern.flags)
    prefix, _skip, _all = _compiler._get_literal_prefix(tree, pattern.flags)
    if prefix:
        firsts = [prefix[0]]
    else:
        charset = _compiler._get_charset_prefix(tree, pattern.flags)
        assert charset is not None, name
        assert all(op is _constants.LITERAL for op, _ in charset), name
        firsts = [av for _, av in charset]
    assert tree.getwidth()[0] > 0 and firsts and min(firsts) > 127, name


@pytest.mark.parametrize(
    ("pattern", "fast"),
    [
        ("[ab][ab]*c", True),
        ("abc|abd", True),
        ("(?:x|yz)q", True),
        ("(?:x|yz)+q", False),
        ("[ab]+c", False),  # a repeat first: a match is tried at every position
        ("(?<=x)ab", False),
        ("^ab", False),
        ("a?b", False),
        ("(?m)^ab", False),
    ],
)
def test_the_first_character_check_tells_a_fast_pattern_from_a_slow_one(pattern: str, fast: bool) -> None:
    assert _skips_to_first_characters(re.compile(pattern)) is fast


def _nfkc_with_dashes_folded(text: str) -> str:
    """The plain definition of the normalised text: NFKC, CR as a space, dashes between digits as ``-``."""
    from mamori.pii.normalize import _DASH_BETWEEN_DIGITS  # noqa: PLC0415

    return _DASH_BETWEEN_DIGITS.sub("-", unicodedata.normalize("NFKC", text.replace("\r", " ")))


@pytest.mark.parametrize(
    "text",
    [
        "見積（税抜）：６，５４０千円\u3000以上",
        "電話：０９０ー１２３４ー５６７８、ＦＡＸ 03−1234−5678" + "。本日の議題は予算です" * 20,
        "コーヒー・サーバー 3ー4 ｶﾞｲﾄﾞ ㈱ミツボシ" + "。本日の議題は予算です" * 20,
        "データベースのサーバー" * 40 + "1ー2",  # more dashes than a search one by one is worth
        "1・2・3 と 一・二 と 12‐34 と 5―6",
        "サーバー・ルーム" + "。本日の議題は予算です" * 20 + "3・4",
        "ASCII only 090-1234-5678\r\n",
        "全角英字ＡＢＣ　と（括弧）と，読点",
    ],
)
def test_normalising_finds_what_nfkc_and_the_dash_fold_give(text: str) -> None:
    assert normalize(text).text == _nfkc_with_dashes_folded(text)


def test_normalising_generated_documents_finds_what_nfkc_gives() -> None:
    from mamori.testing.pii_corpus import business_corpus, generate  # noqa: PLC0415

    texts = [str(d["text"]) for d in generate(200, seed=21)] + business_corpus(100_000, seed=2)
    for text in texts:
        assert normalize(text).text == _nfkc_with_dashes_folded(text)


def _whole_address(value: str) -> bool:
    hits = find_addresses(value)
    return bool(hits) and hits[0][0] == 0 and hits[0][1] == len(value)


@pytest.mark.parametrize(
    "value",
    [
        "東京都港区芝公園2-4-1",
        "東京都 港区芝公園4丁目2番8号 メゾン桜 203",
        "港区芝公園2-4-1",
        "大阪府堺市中区深井北町3-12-5",
        "北海道旭川市宮下通5-1-1",
        "東京都23区",
        "東京都港区",
        "市川市八幡2-1-1",
        "四日市市諏訪町1-5",
        "自宅 東京都港区芝公園2-4-1",
        "東京都港区芝公園2-4-1 (自宅)",
        "長野県松本市中山",
        "京都市中京区寺町通御池上る上本能寺前町488",
        "郡山市1-2-3",
        "ABC 1-2-3",
        "山田 太郎",
        "港区1-2-3港区2-3-4",
        "",
    ],
)
def test_an_address_cell_is_judged_as_find_addresses_judges_it(value: str) -> None:
    assert is_address(value) is _whole_address(value)


def test_address_cells_of_generated_lists_are_judged_as_find_addresses_judges_them() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        value = address(rng)
        for cell in (value, value[: rng.randrange(len(value))], value + rng.choice(["", "号", " 5F", "-"])):
            assert is_address(cell) is _whole_address(cell), cell


def _kept_by_kind(text: str, spans: list[Span]) -> list[Span]:
    example = is_example(text)
    kept = [
        s
        for s in spans
        if placeholder_kind(s) == NEVER or (placeholder_kind(s) == IN_EXAMPLES and not example)
    ]
    # a sample document (titled 記入例) with a sample value: its places and birth dates are the sample's too
    sample_doc = example and len(kept) < len(spans) and text.lstrip().startswith(("記入例", "記載例"))
    if sample_doc:
        return [s for s in kept if s.label not in ("ADDRESS", "POSTAL_CODE", "DATE_OF_BIRTH")]
    return [] if _text_of_samples(spans, example) else kept  # a text of samples (test_sample_data.py)


_VALUES = {
    "PHONE": [
        "090-1234-5678",
        "03-0000-0000",
        "０９０－１２３４－５６７８",
        "０３－００００－００００",
        "090-0000-0101",
        "０９０－００００－０１０１",
        "(03) 5401-2210",
        "0120-000-000",
    ],
    "POSTAL_CODE": ["105-0011", "000-0000", "１０５－００００", "123-4567"],
    "EMAIL": [
        "user@example.com",
        "yamada@example.co.jp",
        "xxx@xxx.co.jp",
        "a@b@example.com",
        "taro@mirai-mail.jp",
        "test@EXAMPLE.JP",
    ],
    "PERSON": ["山田太郎", "山田 花子", "佐藤 一郎"],
    "DATE_OF_BIRTH": ["昭和60年1月1日", "1985/04/01"],
    "ADDRESS": ["東京都港区芝公園2-4-1"],
}


@pytest.mark.parametrize("text", ["顧客一覧", "記入例\n氏名", "(例) 入力してください", "氏名\n(記入例)"])
def test_placeholders_are_dropped_as_their_kind_says(text: str) -> None:
    spans = [
        Span(i, i + 1, label, value) for i, (label, values) in enumerate(_VALUES.items()) for value in values
    ]
    assert drop_placeholders(text, spans) == _kept_by_kind(text, spans)


_MESSAGE_ID_PLAIN = re.compile(
    r"(?:message-id|msgid|content-id|references|in-reply-to)\s*[=:]\s*(?:<[^<>\n]*>[\s,]*)*<\Z", re.IGNORECASE
)
_MACHINE_PLAIN = re.compile(r"(?=(?:[^0-9]*[0-9]){6})[0-9A-Fa-f.$=_-]{16,}")


def test_a_message_id_is_told_from_a_mailbox_as_the_plain_pattern_tells_it() -> None:
    rng = random.Random(11)
    pieces = [
        "Message-ID: ",
        "message-id=",
        "References: ",
        "In-Reply-To:",
        "Content-ID: ",
        "msgid=",
        "to=",
        "From: ",
        "<a1@x.jp> ",
        "<b2@y.jp>, ",
        "\n ",
        "x-",
        "MSGID",
        " ",
        "山田 ",
        "<",
        "=",
        ":",
    ]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) + "<yamada.t@example.co.jp>"
        at = text.rfind("@")
        start = text.rfind("<", 0, at) + 1
        plain = bool(_MACHINE_PLAIN.fullmatch(text, start, at)) or (
            _MESSAGE_ID_PLAIN.search(text[max(0, start - 400) : start]) is not None
        )
        assert _message_id(text, start, at) == plain, text


def _header_cells() -> list[str]:
    """Names, header words and their pieces, glued and mixed: cells of kanji and kana the pre-check reads."""
    from mamori.pii.dictionaries import given_names, surnames

    rng = random.Random(7)
    words = re.findall(
        r"[\u3005\u3041-\u30fe\u3400-\u9fff]+", " ".join(p.pattern for p in table_headers._LABELLING)
    )
    words += [w for w in table_headers._HEADER_WORDS if not w.isascii()] + [*table_headers._HEADERS]
    family, given = sorted(surnames()), sorted(given_names())
    chars = sorted(table_headers._HEADER_CHARS) + list("山田太郎花子一瀨渚ヤマダタロウやまだ々ー")
    cells = words + family[::7] + [rng.choice(family) + rng.choice(given) for _ in range(3000)]
    cells += [a + b for a in words[::3] for b in ("名", "氏名", "者", "人", "の名前", "様", "欄")]
    cells += ["お" + w for w in words] + [rng.choice(family) + w for w in words]
    cells += ["".join(rng.choices(chars, k=rng.randint(1, 8))) for _ in range(3000)]
    return cells


def test_the_header_pre_check_spares_only_cells_header_label_labels_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert None not in table_headers._NEEDED  # else no cell is spared
    cells = _header_cells()
    spared = [
        cell
        for cell in cells
        if table_headers._CASELESS.fullmatch(cell) and table_headers._HEADER_CHARS.isdisjoint(cell)
    ]
    assert len(spared) > 1000 and table_headers._HEADER_CHARS.isdisjoint("一瀨渚")  # names are spared
    fast = [table_headers.header_label.__wrapped__(cell) for cell in cells]
    monkeypatch.setattr(table_headers, "_CASELESS", re.compile(r"(?!)"))
    assert fast == [table_headers.header_label.__wrapped__(cell) for cell in cells]
    assert all(table_headers.header_label.__wrapped__(cell) is None for cell in spared)


@pytest.mark.parametrize(
    ("pattern", "texts"),
    [
        (r"氏名|住所(?:1|2)?|^姓$", ["氏名", "住所2", "姓", "ご住所"]),
        (r"(?i:tel)|電話番号|[ＴT]EL", ["Tel", "TEL", "ＴEL", "携帯電話番号"]),
        (r"(?:お|ご)?届け?先(?:名|氏名)?", ["お届け先名", "届先"]),
        (r"[\u3041-\u3096]{1,6}のなまえ|(?:担当|主任)?講師(?:名)?", ["じどうのなまえ", "講師", "主任講師名"]),
    ],
)
def test_every_match_holds_a_required_character(pattern: str, texts: list[str]) -> None:
    compiled = re.compile(pattern)
    needed = required(compiled)
    assert needed is not None
    for text in texts:
        match = compiled.search(text)
        assert match is not None and not needed.isdisjoint(match.group())


@pytest.mark.parametrize("pattern", [r"\d+", r"[^\s]{1,6}", r"名?", r"氏名|\w+", r"(?=名)"])
def test_a_pattern_that_can_match_without_a_known_character_requires_none(pattern: str) -> None:
    assert required(re.compile(pattern)) is None


def _engine_patterns() -> set[tuple[str, int]]:
    """Return every pattern compiled by the engine's modules (their globals and ``re``'s cache)."""
    import sys  # noqa: PLC0415

    found = {(p.pattern, p.flags) for p in re._cache.values() if isinstance(p.pattern, str)}  # type: ignore[attr-defined]
    for name, module in list(sys.modules.items()):
        if name.startswith("mamori.pii"):
            for value in vars(module).values():
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    found.add((value.pattern, value.flags))
    return found


def _both_codes(pattern: str, flags: int) -> tuple[list[int], list[int]]:
    compiler = re._compiler  # type: ignore[attr-defined]
    fast = compiler._optimize_charset
    plain = charsets.compiled_code(pattern, flags)
    compiler._optimize_charset = fast.original
    try:
        return plain, charsets.compiled_code(pattern, flags)
    finally:
        compiler._optimize_charset = fast


def test_the_class_compiler_is_installed_and_compiles_every_engine_pattern_as_re_does() -> None:
    detect("氏名：山田 太郎\n携帯：090-1234-5678 経理の伊藤が不在")  # the patterns compiled on first use too
    assert re._compiler._optimize_charset.__module__ == charsets.__name__  # type: ignore[attr-defined]
    patterns = _engine_patterns()
    assert len(patterns) > 500
    for pattern, flags in patterns:
        fast, plain = _both_codes(pattern, flags & ~re.UNICODE)
        assert fast == plain, pattern


def test_the_class_compiler_compiles_random_classes_as_re_does() -> None:
    rng = random.Random(11)
    edges = [0, 0x41, 0xFF, 0x100, 0x3041, 0x4E00, 0x9FFF, 0xFFFF, 0x10000, 0x20000, 0x2A6DF, 0x10FFFF]
    for _ in range(300):
        items = []
        for _ in range(rng.randint(1, 5)):
            lo = rng.choice(edges) + rng.randint(0, 3) if rng.random() < 0.6 else rng.randint(0, 0x2FFFF)
            lo = min(lo, 0x10FFFF)
            hi = min(lo + rng.choice([0, 1, 2, 40, 300, 5000, 70000]), 0x10FFFF)
            items.append(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
        items += rng.sample([r"\d", r"\s", r"\w", "", "", ""], 2)
        pattern = f"[{'^' if rng.random() < 0.2 else ''}{''.join(items)}]"
        for flags in (0, re.IGNORECASE):
            fast, plain = _both_codes(pattern, flags)
            assert fast == plain, pattern
