"""The fast paths of spans, records, split rows, header words, check digits and speakers find exactly what
their plain definitions find (the other passes: test_fast_paths.py)."""

from __future__ import annotations

import copy
import dataclasses
import random
import re

import pytest

from mamori.pii import address as address_module
from mamori.pii import corporate, csv_cells, header_fields, records, row_keys, table_headers
from mamori.pii import tables as tables_module
from mamori.pii.chat_names import _reads_as_name, speaker_name
from mamori.pii.placeholder import (
    drop_placeholders,
)
from mamori.pii.spans import Span, spans_of
from mamori.pii.tables import _ANY_HEADER, analyse_tables, header_label
from mamori.testing.pii_corpus import address, birth_date, person, phone


def test_spans_filled_in_at_once_are_the_spans_the_constructor_makes() -> None:
    text = "氏名,電話\n山田 太郎,090-1234-5678\n"
    places = [(8, 13, "PERSON", 9), (14, 27, "PHONE", 9)]
    made = spans_of(text, places)
    plain = [Span(s, e, label, text[s:e]) for s, e, label, _priority in places]
    assert made == plain and [hash(s) for s in made] == [hash(s) for s in plain]
    assert [repr(s) for s in made] == [repr(s) for s in plain] and made[1] > made[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        made[0].start = 0  # type: ignore[misc]
    assert copy.deepcopy(made) == plain  # copied as pickle copies them (a scan's workers send spans)


def _plain_names_end_of_first_start(head: str) -> int:
    for m in address_module._TRIGGER.finditer(head):
        start = address_module._start_at(head, m.start())
        if start is None:
            continue
        pos = address_module._names_end(head, start) if start == 0 else None
        return -1 if pos is None else pos
    return -1


def test_where_the_names_of_an_address_head_end_is_what_the_plain_lookups_give() -> None:
    from mamori.pii.dictionaries import PREFECTURES, municipalities

    rng = random.Random(5)
    cities, prefectures = sorted(municipalities()), sorted(PREFECTURES)
    letters = "都道府県市区町村郡京東北海大阪中川山田 ヶ丘町台"
    heads = [c + end for c in cities for end in ("", "本町", "市")] + [c[1:] for c in cities]
    heads += [p + rest for p in prefectures for rest in ("", " ", "京都市", "郡山市")] + [
        p[1:] for p in prefectures
    ]
    for _ in range(20000):
        head = rng.choice(["", rng.choice(prefectures), rng.choice(prefectures) + " "])
        head += rng.choice(["", rng.choice(cities)]) + "".join(rng.sample(letters, rng.randrange(6)))
        heads += [head, head[rng.randrange(len(head) + 1) :], "".join(rng.sample(letters, rng.randrange(12)))]
    for head in heads:
        assert address_module._first_start_names_end(head) == _plain_names_end_of_first_start(head), head


def test_rows_with_quotes_inside_their_cells_are_split_as_the_quote_aware_reader_splits_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(11)
    pieces = [
        "山田 太郎",
        "090-1234-5678",
        '"GET /a HTTP/1.1"',
        'INFO "x"',
        '"氏名,住所"',
        '""',
        " ",
        "user_id=3",
        "",
    ]
    texts = ["氏名,電話\n", '2024-11-12 08:00:00,000 INFO "GET /staff/1 HTTP/1.1" user_id=1\n' * 5]
    for _ in range(400):
        rows = [
            ",".join(rng.choice(pieces) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(2, 6))
        ]
        texts.append(rng.choice(["氏名,電話,住所\n", "", "注文番号,氏名\n"]) + "\n".join(rows) + "\n")
    new = [analyse_tables(text) for text in texts]

    def any_quote(text: str, sep: str) -> bool:
        return '"' in text  # the old rule: a row or table with any quote is read by the regex

    monkeypatch.setattr(tables_module, "_quoted_cell", any_quote)
    monkeypatch.setattr(csv_cells, "quoted_cell", any_quote)
    assert new == [analyse_tables(text) for text in texts]


def test_rows_quoting_every_cell_are_split_as_row_by_row(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(5)
    values = [
        "山田 太郎",
        "ヤマダ タロウ",
        "090-1234-5678",
        "東京都港区芝公園2-4-1 芝ビル 3F",
        "",
        "1,980",
        "4111111111111111",
    ]
    odd = [" 佐藤 花子", "佐藤 花子 ", 'say ""hi""', "x"]  # a blank at an end, a quote inside: row by row
    texts = []
    for _ in range(300):
        width = rng.randint(2, 5)
        header = ",".join(
            f'"{rng.choice(["氏名", "フリガナ", "電話番号", "住所", "備考", "注文番号"])}"'
            for _ in range(width)
        )
        cr = rng.choice(["", " "])  # a CRLF file, its CR normalised to a blank
        rows = [
            ",".join(f'"{rng.choice(odd if rng.random() < 0.02 else values)}"' for _ in range(width))
            for _ in range(rng.randint(4, 9))
        ]
        if rng.random() < 0.1:
            rows[-1] += ',"extra"'
        texts.append(header + cr + "\n" + (cr + "\n").join(rows) + rng.choice([cr, cr + "\n"]))
    bulk = [analyse_tables(text) for text in texts]
    monkeypatch.setattr(tables_module, "quoted_rows", lambda region: None)
    assert bulk == [analyse_tables(text) for text in texts]


def test_company_endings_looked_up_by_length_are_all_the_endings() -> None:
    from mamori.pii import name_words

    assert name_words._COMPANY_END_2 | name_words._COMPANY_END_3 == set(name_words.COMPANY_END)
    for run in ("北斗建設", "東和精機", "山陽重工業", "佐藤健一", "中村不動産", "高橋工"):
        assert (
            run[-2:] in name_words._COMPANY_END_2 or run[-3:] in name_words._COMPANY_END_3
        ) is run.endswith(name_words.COMPANY_END)


def test_a_birth_date_repeated_as_a_default_is_dropped_and_others_kept() -> None:
    spans = [Span(i * 20, i * 20 + 10, "DATE_OF_BIRTH", "2000-01-01") for i in range(6)]
    spans += [Span(200 + i * 20, 210 + i * 20, "DATE_OF_BIRTH", f"1980-03-{i + 10}") for i in range(4)]
    spans += [Span(400, 405, "PERSON", "堀 早苗"), Span(410, 422, "PHONE", "090-3321-0000")]
    kept = drop_placeholders("会員一覧", spans)
    assert [s.text for s in kept] == [f"1980-03-{i + 10}" for i in range(4)] + ["堀 早苗", "090-3321-0000"]
    assert drop_placeholders("会員一覧", spans[:4]) == spans[:4]  # four times is no default yet
    assert drop_placeholders("会員一覧", spans[:5]) == []


def test_a_role_mailbox_is_told_as_the_role_pattern_tells_it() -> None:
    from mamori.pii.mailbox import _ROLES, ROLE_MAILBOX, is_role_mailbox

    rng = random.Random(5)
    roles = _ROLES.split("|")
    words = [*roles, "yamada", "taro", "user12", "k", "", "ＩＮＦＯ", "ſupport", "info@x"]
    addresses = ["info", "@x.jp", "no-reply@a.jp", "NoReply@A.JP", "x.no-reply@a.jp", "taro.yamada@a.jp"]
    for _ in range(4000):
        parts = [rng.choice(words) for _ in range(rng.randint(1, 3))]
        seps = [rng.choice("._+-@") for _ in parts]
        local = "".join(p + s for p, s in zip(parts, seps, strict=True))[:-1]
        local = local.upper() if rng.random() < 0.2 else local
        addresses.append(f"{local}@{rng.choice(['example.co.jp', 'mail.example.jp'])}")
    for value in addresses:
        assert is_role_mailbox(value) is (ROLE_MAILBOX.match(value) is not None), value


def test_every_word_that_asks_the_reader_to_call_holds_a_character_of_the_prefilter() -> None:
    from mamori.pii import owner

    pattern = owner._CALL_US.pattern
    for word in pattern[3 : pattern.index(")")].split("|"):  # the words of the first group
        assert not owner._CALL_US_CHARS.isdisjoint(re.sub(r".\?", "", word)), word


def test_every_word_of_a_business_block_holds_a_word_of_its_prefilter() -> None:

    for word in corporate._BUSINESS_INFO.pattern.split("|"):
        assert any(prefilter in word for prefilter in corporate._BUSINESS_WORDS), word


def _rows_from_header_words(text: str) -> str:
    """The plain definition of ``records.as_rows``: every line a header word is found on, tried in order."""
    from bisect import bisect_right  # noqa: PLC0415
    from itertools import accumulate  # noqa: PLC0415

    lines = text.split("\n")
    starts = [0, *accumulate(len(x) + 1 for x in lines)]
    done = 0
    for match in re.finditer("|".join(table_headers._HEADER_WORDS), text):
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.start())
        line = text[start : len(text) if end < 0 else end]
        if "\t" in line or len(line) > records.MAX_LINE or not records._header(line, header_label):
            continue
        i = bisect_right(starts, start) - 1
        if i < done:
            continue
        done = records._separated(lines, i, header_label) or records._fixed(lines, i, header_label) or i + 1
        starts = [0, *accumulate(len(x) + 1 for x in lines)]  # paragraph records join lines
    rows = "\n".join(lines)
    return rows if len(rows) == len(text) else text


_RECORD_BLOCKS = (
    "No  氏名        電話番号       住所\n1   山田 太郎   090-1234-5678  東京都港区芝公園2-4-1\n"
    "2   佐藤 花子   080-2345-6789  大阪府堺市中区深井北町3-12-5\n",
    "No ／ 氏名 ／ 電話番号 ／ 住所\n1 ／ 鈴木 一郎 ／ 070-3456-7890 ／ 愛知県名古屋市中区栄3-3-3\n",
    "| 氏名 | 携帯 |\n|------|------|\n| 高橋 美咲 | 090-4567-8901 |\n",
    "名前 ／ 連絡先\n\n中村 陽子\n080-5678-9012\n\n小林 健太\n090-6789-0123\n",
    '203.0.113.9 - - [01/Nov/2024:00:00:09 +0900] "GET /a/b / c?name=x HTTP/1.1" 200 3064 "-" "Mozilla/5.0"\n',
    "2024-10-10 12:00:01  INFO  user=3  order=4411  shipped\n",
    "本日の会議は  午後3時から。資料／議事録は共有フォルダへ。\n項目 ／ 内容\n",
    "Name  Phone  Address\nTaro Yamada  03-1234-5678  1-1 Shiba\n",
    "担当者 | 電話\n",
)


@pytest.mark.parametrize("seed", range(12))
def test_records_are_read_from_lines_with_a_separator_as_from_lines_with_a_header_word(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(_RECORD_BLOCKS) for _ in range(rng.randint(1, 25)))
    if rng.random() < 0.3:
        text = text.rstrip("\n")
    assert records.as_rows(text, header_label, _ANY_HEADER) == _rows_from_header_words(text)


def test_a_trie_of_words_is_found_where_their_alternation_is_found() -> None:
    words = list(table_headers._HEADER_WORDS)
    plain = re.compile("|".join(words))
    rng = random.Random(13)
    filler = "abcdefghijklmnopqrstuvwxyzNAMEPT @._-0123456789,\n山田太郎氏名電話住所者様カナ"
    for _ in range(200):
        text = "".join(
            rng.choice(words) if rng.random() < 0.15 else rng.choice(filler)
            for _ in range(rng.randint(0, 60))
        )
        for pos in range(len(text) + 1):
            a, b = plain.search(text, pos), _ANY_HEADER.search(text, pos)
            assert (a and a.start()) == (b and b.start()), (text, pos)


def test_check_digits_read_without_python_stdnum_agree_with_it() -> None:
    from stdnum import luhn  # noqa: PLC0415
    from stdnum.jp import in_  # noqa: PLC0415

    from mamori.pii import validators  # noqa: PLC0415

    rng = random.Random(17)
    for _ in range(20000):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.choice((11, 12, 12, 13, 16, 19))))
        assert validators.is_my_number(digits) is (len(digits) == 12 and in_.is_valid(digits))
        assert validators._luhn(digits) is luhn.is_valid(digits)
    for odd in ("1234-5678-01", "١٢٣٤٥٦٧٨٩٠١٨", "１２３４５６７８９０１８", "12345678901x", "123456789018"):
        assert validators.is_my_number(odd) is in_.is_valid(odd), odd  # twelve characters, as before


@pytest.mark.parametrize(
    "field",
    [
        "PRESS-SP29", "web01", "INFO", "gate-01", "Yamada Taro", "Yamada, Taro", "Smith,John", "John Smith",
        "taro yamada", "Support Team", "db 02", "鴨下 匠", "由紀子", "ヤマダ タロウ", "グエン・ヴァン・ナム", "営業部", "",
    ],
)  # fmt: skip
def test_a_speaker_field_is_read_as_the_plain_reading_reads_it(field: str) -> None:
    assert speaker_name(field) is _reads_as_name(field)
    assert speaker_name(field) is _reads_as_name(field)  # again, from the cache


def test_ascii_speaker_fields_are_read_as_the_plain_reading_reads_them() -> None:
    rng = random.Random(23)
    pieces = [*"Yamada Taro Sato John Smith PRESS SP29 web 01 - _".split(), " ", ",", ", "]
    for _ in range(2000):
        field = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 4)))
        assert speaker_name(field) is _reads_as_name(field), field


_CELL_PIECES = [
    *table_headers._HEADER_WORDS, "1", "2", "12", "@", "(", ")", "（", "）", " ", "_", "-", "行目", "番号",
    "user", "example.com", "Line", "Address", "都道府県", "以降の住所", "携帯", "Name", "(EN)",
]  # fmt: skip


def _cells_of_lists(rng: random.Random) -> list[str]:
    """Return cells of a generated customer list: names, readings, phones, addresses, mailboxes, dates."""
    name, kana = person(rng)
    return [name, kana, phone(rng), address(rng), f"user{rng.randrange(999)}@example.com", birth_date(rng)]


def test_a_cell_of_a_possible_header_row_is_labelled_as_without_the_value_shortcut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(29)
    cells = [c for _ in range(300) for c in _cells_of_lists(rng)]
    cells += ["氏名(1)", "電話番号（携帯）", "Name (2)", "E-mail Address", "氏 名", "住所1", "Address Line 1"]
    cells += ["".join(rng.choice(_CELL_PIECES) for _ in range(rng.randint(1, 4))) for _ in range(3000)]
    fast = [tables_module._cell_label(c) for c in cells]
    monkeypatch.setattr(tables_module, "_DIGIT_OR_AT", re.compile(r"(?!)"))  # never a value without a look
    assert [tables_module._cell_label(c) for c in cells] == fast


def test_a_part_header_is_read_as_without_the_value_shortcut(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(31)
    cells = [c for _ in range(300) for c in _cells_of_lists(rng)]
    cells += ["住所(12)", "電話番号(市外局番)", "電話番号2", "住所1行目", "ship_to_address_2", "Address 1"]
    cells += ["".join(rng.choice(_CELL_PIECES) for _ in range(rng.randint(1, 4))) for _ in range(3000)]
    fast = [header_fields._part(c) for c in cells]
    assert any(fast)
    monkeypatch.setattr(header_fields, "_VALUE", re.compile(r"(?!)"))
    assert [header_fields._part(c) for c in cells] == fast


def test_lines_whose_cells_open_with_no_quote_are_split_as_the_regex_splits_them() -> None:
    rng = random.Random(11)
    pieces = [
        '{"ts": "2024-11-12T08:00:00"',
        ' "level": "INFO"',
        ' "msg": "a, b"}',
        '"氏名"',
        ' "x"',
        "",
        " ",
    ]
    pieces += ['"a,b"', 'say ""hi""', "{", '"}', "山田 太郎", '"']
    lines = ['{"ts": "2024-11-12T08:00:00", "level": "INFO", "user": "山田 太郎", "note": "a, b"}']
    lines += [",".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(3000)]

    def by_regex(line: str) -> list[tuple[int, int]]:
        spans, s = [], 0
        for raw in (m.group() for m in csv_cells._cells_quoted(line)):
            lo, hi = 0, len(raw)
            if len(raw) >= 2 and raw[0] == '"' and raw[-1] == '"':
                lo, hi = 1, hi - 1
            while lo < hi and raw[lo] == " ":
                lo += 1
            while hi > lo and raw[hi - 1] == " ":
                hi -= 1
            spans.append((s + lo, s + hi))
            s += len(raw) + 1
        return spans

    split = [
        line for line in lines if csv_cells.quoted_cell(line, ",") and not csv_cells.opens_quoted(line, ",")
    ]
    assert len(split) > 100  # JSON lines among them: read by split, no regular expression
    for line in lines:
        if csv_cells.quoted_cell(line, ","):
            assert csv_cells.cells(line, 0, ",") == by_regex(line), line


_ROWS_WITH_NUMBERS = [
    "2026/04/01 09:03:58,62350777,3,4901234567894,米 5kg,2480,2,4960,クレジット",
    "氏名,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31",
    "氏名,4月,5月,12/1,12/31,2026年",
    "電話番号1,電話番号2,電話番号3,123,4567",
    "お届け先名,敬称,123456,電話,12",
    "Card Name,Card Last4,4242,2030/12",
    "名前,犬種,飼い主,2019/04/01,12",
    "表示名,メッセージ,20:15:00,1",
    "12/31,メール,2026-01-01,09:00",
    "1,クレジット,100,現金",
    "会員番号,氏名,000123,生年月日 (西暦),19800101",
]


@pytest.mark.parametrize("line", _ROWS_WITH_NUMBERS)
def test_a_row_is_judged_as_the_row_with_its_numbers_masked(line: str) -> None:
    cells = csv_cells.cells(line, 0, ",")
    masked = ",".join(row_keys.masked(line[s:e]) for s, e in cells)
    other = csv_cells.cells(masked, 0, ",")
    assert (tables_module._header(line, cells) is None) == (tables_module._header(masked, other) is None)


def test_the_rows_judged_once_find_what_judging_every_row_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(11)
    rows = ["日時,レシートNo,JANコード,商品名,単価,数量,金額,支払方法"]
    for i in range(400):
        pay = rng.choice(("現金", "クレジット", "メール決済", "電話注文"))
        rows.append(
            f"2026/05/{i % 28 + 1:02d} 10:{i % 60:02d},{rng.randrange(10**7, 10**8)},49{rng.randrange(10**11):011d},"
            f"品{rng.randrange(5)},{rng.choice((98, 540))},{rng.randrange(1, 4)},{rng.randrange(100, 2000)},{pay}"
        )
    rows += [
        "",
        "氏名,電話番号,メール",
        *(f"{person(rng)[0]},{phone(rng)},u{i}@example.jp" for i in range(30)),
    ]
    text = "\n".join(rows) + "\n"
    fast = analyse_tables(text)
    monkeypatch.setattr(
        tables_module,
        "_header_memo",
        lambda text, line, start, sep, seen: tables_module._header(text, csv_cells.cells(line, start, sep)),
    )
    assert analyse_tables(text) == fast and len(fast[0]) >= 30


@pytest.mark.parametrize(
    "line", [*_ROWS_WITH_NUMBERS, "1,22,333,4444,2026/04/01 09:03:58,12/31,1.5,a1,12 34,123456 7"]
)
def test_a_rows_key_masks_the_numbers_its_cells_would_mask(line: str) -> None:
    for sep, row in ((",", line), ("\t", line.replace(",", "\t"))):
        key, cells = row_keys.key(row, row, 0, sep)
        assert cells is None and key == sep.join(map(row_keys.masked, row.split(sep)))
    quoted = '"' + line.replace(",", '","') + '"'
    key, cells = row_keys.key(quoted, quoted, 0, ",")
    assert key == tuple(map(row_keys.masked, line.split(",")))
