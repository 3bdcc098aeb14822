"""The fast paths of dense lists (customer, mailing and staff lists) find what their plain definitions find."""

from __future__ import annotations

import random
import re

from mamori.pii import dates
from mamori.pii.brand_words import MOST_CONTACTS, brand_words, read_contacts
from mamori.pii.context import after, before
from mamori.pii.engine import detect_all
from mamori.pii.name_words import DEPARTMENT, DEPARTMENT_WORDS
from mamori.pii.names import parse_name
from mamori.pii.org_tables import _ORG_HEADER_HINT, _ORG_HEADER_HINT_ASCII, is_row
from mamori.pii.owner import _BUSINESS_LABEL, header_rows, table_end, without_business_names
from mamori.pii.placeholder import (
    _EXAMPLE_DOC,
    _EXAMPLE_DOC_PARTS,
    _EXAMPLE_SECTION,
    ALWAYS,
    IN_EXAMPLES,
    drop_placeholders,
    is_example,
    placeholder_kind,
)
from mamori.pii.sample_rows import _BLANK, _BLANK_CHARS, drop_sample_rows
from mamori.pii.spans import Span

# The plain definition of a text's example words: the branches as people write them.
_PLAIN_EXAMPLE = re.compile(
    r"記入例|入力例|記載例|記入見本|文例|\(例[)）]|（例[)）]|例[:：]|ダミー|テスト用|SAMPLE(?<=\bSAMPLE)\b|DUMMY(?<=\bDUMMY)\b"
    r"|example(?<=\bexample)s?\"?\s*:"
    r"|[(（【]見本[)）】]"
)
_EXAMPLE_SAMPLES = (
    "記入例 入力例 記載例 記入見本 文例 (例) (例） （例) （例） 例: 例： ダミー テスト用 SAMPLE DUMMY example: "
    'examples": example\t: (見本) 【見本】 （見本） 見本 x例 ASAMPLE SAMPLES exampled: 例 : 「見本」 記入 例 の例'
).split(" ")


def test_example_words_are_found_where_their_plain_alternation_finds_them() -> None:
    texts = [ctx + s + ctx for s in _EXAMPLE_SAMPLES for ctx in ("", "a", " ", "あ", "\n")]
    alphabet = "".join(sorted(set("".join(_EXAMPLE_SAMPLES)))) + " \n"
    rng = random.Random(7)
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(20000)]
    found = [t for t in texts if _PLAIN_EXAMPLE.search(t)]
    assert len(found) > 200  # the random texts hold the words too
    assert [t for t in texts if _EXAMPLE_DOC.search(t)] == found
    assert [t for t in texts if any(part.search(t) for part in _EXAMPLE_DOC_PARTS)] == found  # is_example's


def test_a_text_of_examples_is_told_as_by_its_patterns_searched_whole() -> None:
    headings = [
        "リクエスト例",
        "### Example request",
        "■サンプル：",
        "Request body",
        "例",
        " 【サンプルデータ】 ",
    ]
    texts = [
        before + heading + after
        for heading in headings
        for before in ("", "\n", "本文\n", "本文 ", "a\r\n")
        for after in ("", "\n", "\n本文", " です", "\r\n")
    ]
    texts += [t.replace("\n", " ") for t in texts] + [
        "example.com\n" * 3,
        "user@example.com: 例\n",
        "x\n\nSample\n",
    ]
    for text in texts:
        whole = _EXAMPLE_DOC.search(text) is not None or _EXAMPLE_SECTION.search(text) is not None
        whole = whole or ("の例" in text and is_example(text))
        assert is_example(text) == whole, text
    assert sum(map(is_example, texts)) > 50


def test_a_department_word_alone_is_what_its_pattern_matches_whole() -> None:
    cells = [*DEPARTMENT_WORDS, "総務部", "人事 ", "営業企画", "先発投手", "山田", "外国人", "日本", ""]
    assert {c for c in cells if c in DEPARTMENT_WORDS} == {c for c in cells if DEPARTMENT.fullmatch(c)}


def test_a_list_holding_sample_words_in_its_values_is_no_text_of_examples() -> None:
    rows = "".join(f"見本 陽菜{i},user{i}@example.com,長野県松本市中山{i}\n" for i in range(50))
    assert not is_example("氏名,メール,住所\n" + rows)
    assert is_example("氏名,メール,住所\n" + rows + "申込書（見本）\n")
    assert is_example("名刺データの例\n" + rows)


def test_names_are_asked_for_a_sample_word_as_placeholder_kind_reads_them() -> None:
    names = [
        " 見本 一郎",
        "・見本一郎",
        "見 本 太郎",
        "サンプル 花子",
        "ミホン ハナコ",
        "美穂 見本",
        "サトウ ミホ",
        "見山 陽菜",
    ]
    text = "\n".join(names) + "\n"
    spans, pos = [], 0
    for name in names:
        spans.append(Span(pos, pos + len(name), "PERSON", name))
        pos += len(name) + 1
    kept = drop_placeholders(text, spans)
    assert kept == [s for s in spans if placeholder_kind(s) != ALWAYS]
    assert [s.text for s in kept] == ["美穂 見本", "サトウ ミホ", "見山 陽菜"]


def _plain_header_rows(text: str, word: re.Pattern[str]) -> list[tuple[int, int, list[str]]]:
    """header_rows as first written: every table's end walked at its header."""
    rows, done = [], 0
    for match in word.finditer(text):
        if match.start() < done:
            continue
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.start())
        done = end = len(text) if end < 0 else end
        line = text[start:end]
        if not is_row(line) or (start > 1 and is_row(text[text.rfind("\n", 0, start - 1) + 1 : start - 1])):
            continue
        done = table_end(text, end, is_row)
        rows.append(
            (end, done, [cell.strip().strip('"') for cell in line.split("\t" if "\t" in line else ",")])
        )
    return rows


def test_tables_are_found_by_their_header_rows_as_when_each_table_was_walked_at_its_header() -> None:
    sites = "店舗名,住所,電話\n本町店,長野県松本市中央1-2-3,0263-32-1111\n駅前店,長野県松本市深志2-1-1,0263-33-2222\n"
    mailing = "〒,住所,建物,宛名,敬称\n390-0811,長野県松本市中央1-2-3,建物A 101,梶谷 美穂,様\n"
    texts = [
        sites + "\n" + mailing + "\n" + sites,
        mailing + sites,  # a header word in the rows below (店舗名 under 建物): a row, no header
        "メモ：店舗の一覧\n" + sites + "店舗,備考\n",
        sites.replace(",", "\t") + "\n\n" + mailing * 3,
    ]
    for text in texts:
        found = [(end, done(), cells) for end, done, cells in header_rows(text, _ORG_HEADER_HINT, is_row)]
        assert found == _plain_header_rows(text, _ORG_HEADER_HINT)
    assert len(_plain_header_rows(texts[0], _ORG_HEADER_HINT)) == 3
    english = "Store Name,Address,Phone\nMain St,1 Main St,555-0100\nDock,2 Dock Rd,555-0101\n"
    for text in (
        english,
        english.replace(",", "\t") + "\n" + english,
        'log: company,x\nstore"\t1\t2\n' + english,
    ):
        assert text.isascii()
        found = [
            (end, done(), cells) for end, done, cells in header_rows(text, _ORG_HEADER_HINT_ASCII, is_row)
        ]
        assert found == _plain_header_rows(text, _ORG_HEADER_HINT) and found  # the English words alone


def _plain_without_business_names(text: str, spans: list[Span]) -> list[Span]:
    """without_business_names as first written: each name's line looked at for a business's label."""
    kept = []
    for span in spans:
        if span.label == "PERSON":
            line_start = text.rfind("\n", 0, span.start) + 1
            if _BUSINESS_LABEL.search(text, max(line_start, span.start - 12), span.start) and parse_name(
                span.text, 0, strict=True
            ) != len(span.text):
                continue
        kept.append(span)
    return kept


def _names(text: str) -> list[Span]:
    return [
        Span(m.start(), m.end(), "PERSON", m.group())
        for m in re.finditer(r"(?<=[\u3000：\s])[^\s：]+ [^\s]+$", text, re.MULTILINE)
    ]


def test_names_after_a_business_label_are_dropped_as_when_each_line_was_looked_at() -> None:
    page = "販売業者\u3000京菓子処 こまち\n屋号：山田 太郎\n店名 甘味処 しのぶ庵\n担当 梶谷 美穂\n"
    plain = page.replace("販売業者", "担当者").replace("屋号", "氏名").replace("店名", "宛名")
    for text in (page, plain):
        assert len(_names(text)) == 4
        assert without_business_names(text, _names(text)) == _plain_without_business_names(text, _names(text))
    assert [s.text for s in without_business_names(page, _names(page))] == ["山田 太郎", "梶谷 美穂"]
    assert without_business_names(plain, _names(plain)) == _names(plain)


def test_mailboxes_of_a_list_beside_free_dials_stay_personal_and_a_footers_goes_to_its_shop() -> None:
    rows = "".join(
        f"{name},0120-{i}23-45{i},長野県松本市中央1-2-{i},{mail}@example.ne.jp\n"
        for i, (name, mail) in enumerate(
            [("梶谷 美穂", "kajitani"), ("堀内 拓真", "horiuchi"), ("新垣 りさ", "arakaki")], 1
        )
    )
    footer = "\n\n甘味処 はなぶさ\n営業時間 10:00-18:00\nkyo-hanabusa@gmail.com\n"
    found = detect_all("氏名,電話番号,住所,メールアドレス\n" + rows + footer)
    assert [s.text for s in found.personal if s.label == "EMAIL"] == [
        "kajitani@example.ne.jp",
        "horiuchi@example.ne.jp",
        "arakaki@example.ne.jp",
    ]
    assert [s.text for s in found.corporate if s.label == "EMAIL"] == ["kyo-hanabusa@gmail.com"]


def _plain_sample_rows(text: str, spans: list[Span]) -> list[Span]:
    """The plain definition: a sample name goes when its lines (from its start's to its end's) hold two blanks,
    in a text holding one of the usual blanks (○○, 0000 …)."""
    if not any(word in text for word in _BLANK_CHARS):
        return spans
    kept = []
    for s in spans:
        if s.label == "PERSON" and placeholder_kind(s) == IN_EXAMPLES:
            start = text.rfind("\n", 0, s.start) + 1
            end = text.find("\n", s.end)
            if len(_BLANK.findall(text[start : len(text) if end < 0 else end])) >= 2:
                continue
        kept.append(s)
    return kept


def test_sample_rows_are_dropped_where_their_lines_are_read_whole() -> None:
    pieces = [
        "山田 太郎",
        "鈴木 一郎",
        "○○",
        "〇×",
        "**",
        "＊*",
        "山田\n太郎",
        "03-0000-0000",
        "000-0000",
        "10000",
        "0000",
        ",",
        "\n",
        "様",
    ]
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        spans = [
            Span(m.start(), m.end(), "PERSON", m.group()) for m in re.finditer(r"山田 太郎|鈴木 一郎", text)
        ]
        spans += [Span(m.start(), m.end(), "PERSON", m.group()) for m in re.finditer(r"山田\n太郎", text)]
        spans.sort()
        assert drop_sample_rows(text, spans, _sample) == _plain_sample_rows(text, spans), text


def _sample(span: Span) -> bool:
    return placeholder_kind(span) == IN_EXAMPLES


def test_brand_words_read_the_same_around_the_contacts_read_as_around_all_of_them() -> None:
    text = "Bay English Academy\nTEL 097-555-0101\n" + "".join(f"TEL 097-555-{i:04d}\n" for i in range(300))
    starts = [m.start() + 4 for m in re.finditer(r"TEL ", text)]
    for count in (1, MOST_CONTACTS, MOST_CONTACTS + 1, MOST_CONTACTS + 2, len(starts)):
        assert brand_words(text, read_contacts(iter(starts[:count])), 240) == brand_words(
            text, starts[:count], 240
        )
    assert brand_words(text, starts[:1], 240)  # the academy's TEL: found when few contacts are read


def _plain_birth_dates(text: str) -> list[tuple[int, int]]:
    """The plain definition: a date whose last label before it is a birth label, or with a birth word after."""
    found = []
    for m in (*dates._ERA_DATE.finditer(text), *dates._WESTERN_DATE.finditer(text)):
        if m.start() and text[m.start() - 1].isascii() and text[m.start() - 1].isalnum():
            continue
        ctx = before(text, m.start(), 20)
        if not ctx.strip():
            above = before(text, max(0, m.start() - len(ctx) - 1), 20)
            ctx = above if dates._LABEL_AT_END.search(above) else ctx
        labels = dates._LABEL.findall(ctx)
        birth = bool(labels) and dates._BIRTH.fullmatch(labels[-1]) is not None
        if birth or dates._AFTER_BIRTH.search(after(text, m.end(), 10)):
            found.append((m.start(), m.end()))
    return found


def test_birth_dates_are_found_where_their_labels_read_whole_find_them() -> None:
    pieces = [
        "生年月日",
        "誕生日",
        "生まれ",
        "DOB",
        "Birth",
        "BIRTH",
        "登録日",
        "入社",
        "生",
        "歳",
        "(満41歳)",
        "：",
        " ",
        ",",
        "\n",
    ]
    pieces += ["1985/03/12", "S60.3.12", "昭和60年3月12日", "2024/3/15"]
    rng = random.Random(5)
    for _ in range(3000):
        text = "生" + "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        assert [(s, e) for s, e, _label, _p in dates.find_birth_dates(text)] == _plain_birth_dates(text), text
