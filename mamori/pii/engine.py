"""Run every recognizer over normalised text, resolve overlaps and map spans back to the original."""

from __future__ import annotations

import gc
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, islice, zip_longest
from operator import itemgetter, le, lt, sub

from mamori.pii import (
    address,
    chat_lines,
    chat_names,
    column_lists,
    dates,
    foreign_phones,
    hangul_names,
    honorific_lists,
    ids,
    lesson_names,
    list_names,
    marked_names,
    memo_names,
    name_fields,
    names,
    paths,
    signature_names,
    spaced_kana_names,
    titled_names,
    transfer_files,
)
from mamori.pii.address import find_addresses
from mamori.pii.business_heads import business_heads
from mamori.pii.chat_lines import find_chat_line_persons
from mamori.pii.chat_names import find_chat_persons
from mamori.pii.column_lists import find_column_list_persons
from mamori.pii.corporate import split
from mamori.pii.dates import find_birth_dates
from mamori.pii.foreign_phones import find_foreign_phones
from mamori.pii.hangul_names import find_hangul_persons
from mamori.pii.honorific_lists import find_honorific_list_persons
from mamori.pii.ids import find_emails, find_health_insurance
from mamori.pii.lesson_names import find_lesson_persons
from mamori.pii.list_names import find_list_persons
from mamori.pii.mail_names import find_mail_header_persons
from mamori.pii.marked_names import find_marked_persons
from mamori.pii.memo_names import find_memo_persons
from mamori.pii.name_fields import find_field_persons
from mamori.pii.names import find_persons
from mamori.pii.normalize import fold_line_ends, normalize
from mamori.pii.numbers import find_numbers
from mamori.pii.paths import find_path_persons
from mamori.pii.prefilter import Prefilter, Triggers
from mamori.pii.prose import find_prose_persons
from mamori.pii.signature_names import find_signature_persons
from mamori.pii.spaced_kana_names import find_spaced_kana_persons
from mamori.pii.spans import Hit, Span, spans_of
from mamori.pii.tables import analyse_tables, find_table_values
from mamori.pii.titled_names import find_titled_persons
from mamori.pii.transfer_files import find_transfer_persons

RECOGNIZERS = (
    find_table_values,  # first: its hits outrank all others and are masked for the rest (see detect)
    find_emails,
    find_health_insurance,
    find_birth_dates,
    find_numbers,
    find_foreign_phones,
    find_transfer_persons,
    find_addresses,
    find_persons,
    find_mail_header_persons,
    find_chat_persons,
    find_chat_line_persons,
    find_list_persons,
    find_memo_persons,
    find_lesson_persons,
    find_column_list_persons,
    find_honorific_list_persons,
    find_path_persons,
    find_field_persons,
    find_titled_persons,
    find_marked_persons,
    find_signature_persons,
    find_spaced_kana_persons,
    find_hangul_persons,
    find_prose_persons,  # last and lowest priority: names in prose without a label, tagged by MeCab
)

# What each recognizer needs to find anything (see prefilter.py); the others are run on every text.
_TRIGGERS: dict[object, Triggers] = {
    find_emails: ids.EMAIL_TRIGGERS,
    find_health_insurance: ids.HEALTH_TRIGGERS,
    find_birth_dates: dates.TRIGGERS,
    find_foreign_phones: foreign_phones.TRIGGERS,
    find_transfer_persons: transfer_files.TRIGGERS,
    find_addresses: address.TRIGGERS,
    find_persons: names.TRIGGERS,
    find_chat_persons: chat_names.TRIGGERS,
    find_chat_line_persons: chat_lines.TRIGGERS,
    find_list_persons: list_names.TRIGGERS,
    find_memo_persons: memo_names.TRIGGERS,
    find_lesson_persons: lesson_names.TRIGGERS,
    find_column_list_persons: column_lists.TRIGGERS,
    find_honorific_list_persons: honorific_lists.TRIGGERS,
    find_path_persons: paths.TRIGGERS,
    find_field_persons: name_fields.TRIGGERS,
    find_titled_persons: titled_names.TRIGGERS,
    find_marked_persons: marked_names.TRIGGERS,
    find_signature_persons: signature_names.TRIGGERS,
    find_spaced_kana_persons: spaced_kana_names.TRIGGERS,
    find_hangul_persons: hangul_names.TRIGGERS,
}


@lru_cache(maxsize=1)
def prefilter() -> Prefilter:
    """Return the prefilter of the recognizers after the table pass, built on first use."""
    return Prefilter([_TRIGGERS.get(recognizer) for recognizer in RECOGNIZERS[1:]])


def warm_up() -> None:
    """Build what every process of detection builds once: the prefilter and the name dictionaries.

    Building the prefilter's Hyperscan database took 0.8 s of CPU (2026-12-07, 30 trigger expressions);
    loaded from the user's cache (``prefilter._compiled``) it takes about 0.3 s with the rewriting.
    A process that forks workers calls this first, so that they inherit it instead of each building it.
    """
    prefilter()
    detect(
        "氏名,住所,電話\n山田 太郎,東京都港区芝公園2-4-1,090-1234-5678\n佐藤 花子,大阪府堺市中区深井北町3-12-5,\n"
    )


def _run_recognizers(text: str) -> list[Hit]:
    """Return the hits of every recognizer after the table pass, skipping those the prefilter rules out."""
    hits: list[Hit] = []
    for recognizer, runnable in zip(RECOGNIZERS[1:], prefilter().runnable(text), strict=True):
        if runnable:
            hits.extend(recognizer(text))
    return hits


def _resolve(hits: list[Hit], length: int, first: list[Hit] | None = None) -> list[Hit]:
    """Keep the best of overlapping hits: higher priority first, then the longer one.

    Kept hits are disjoint, so whether a candidate overlaps one is whether any of its characters is
    already taken: a byte per character of the text answers that in linear time (inserting into a
    sorted list of kept hits cost a memmove per hit, quadratic on a 16,000-row list). Empty hits
    carry no text and are dropped. ``first`` are hits that outrank all of ``hits`` (the table
    cells): when they are disjoint, as cells are, all of them are kept, and a hit is checked against
    them by a binary search in their sorted starts.
    """
    cells: list[Hit] = sorted(first, key=_START) if first else []
    starts = list(map(_START, cells))
    ends = list(map(_END, cells))
    if cells and (
        (hits and min(map(_PRIORITY, cells)) <= max(map(_PRIORITY, hits)))
        or not all(map(lt, starts, ends))
        or not all(map(le, ends, islice(starts, 1, None)))
    ):
        return _resolve(first + hits, length)  # type: ignore[operator]  # not disjoint, or not outranking: rank them all
    if not hits:
        return cells
    taken = bytearray(length)
    kept: list[Hit] = []
    # One integer per hit orders like (-priority, -length, start): offsets and lengths are below n.
    n = length + 1
    keys = [(-p * n - (e - s)) * n + s for s, e, _label, p in hits]
    for i in sorted(range(len(hits)), key=keys.__getitem__):
        hit = hits[i]
        start, end = hit[0], hit[1]
        if end <= start or taken.find(1, start, end) >= 0:
            continue
        if cells:
            j = bisect_left(starts, end) - 1  # the last cell starting before the hit ends
            if j >= 0 and ends[j] > start:
                continue
        taken[start:end] = b"\x01" * (end - start)
        kept.append(hit)
    if cells:
        kept.extend(cells)
    kept.sort(key=_START)
    return kept


_START, _END, _PRIORITY = itemgetter(0), itemgetter(1), itemgetter(3)


def _mask(text: str, cells: list[Hit]) -> str:
    """Return ``text`` with the table cells already found blanked out, offsets unchanged.

    A validated table cell outranks every other recognizer, so their hits on it would only be thrown
    away by the overlap resolution: on a customer list that was most of their work. Disjoint cells
    (as a table's are) are cut out in one join of the text between them and blanks of their length;
    others are cleared in a UTF-32 copy of the text, four bytes a character.
    """
    cells = sorted(cells, key=_START)
    starts = list(map(_START, cells))
    ends = list(map(_END, cells))
    lengths = list(map(sub, ends, starts))
    if all(map(le, ends, islice(starts, 1, None))) and min(lengths, default=0) >= 0:
        blanks = map(
            _BLANKS.__getitem__ if max(lengths, default=0) < len(_BLANKS) else _BLANK.__mul__, lengths
        )
        gaps = map(text.__getitem__, map(slice, chain((0,), ends), chain(starts, (len(text),))))
        return "".join(chain.from_iterable(zip_longest(gaps, blanks, fillvalue="")))
    buffer = bytearray(text.encode("utf-32-le"))
    for start, end, _label, _priority in cells:
        buffer[4 * start : 4 * end] = bytes(4 * max(0, end - start))
    return buffer.decode("utf-32-le")


_BLANK = "\x00"  # matched by no recognizer and no context word
_BLANKS = [_BLANK * n for n in range(256)]


def detect(text: str) -> list[Span]:
    """Return the personal data spans in ``text``, sorted by start, with offsets into ``text``.

    Contact data of an organisation (a head office's TEL, 振込先, info@) is left out: see
    ``detect_all`` for both.
    """
    return detect_all(text).personal


@dataclass(frozen=True)
class Detection:
    """Hold the spans of one text: ``personal`` data and ``corporate`` contact data of organisations."""

    personal: list[Span]
    corporate: list[Span]


def detect_all(text: str) -> Detection:
    """Return the personal spans and, apart, the spans that belong to an organisation.

    Python's cyclic garbage collector is paused while a text is looked at: detection builds only
    acyclic objects (strings, tuples, lists, spans), so a collection finds nothing to free, yet each
    one walks every object of the process, the name dictionaries included. On a 1 MB customer list
    the collections it set off took 13 % of the time. It is switched on again afterwards, and only
    if it was on: two threads detecting at once leave it on when both are done.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        folded = fold_line_ends(text)
        personal, corporate = business_heads(folded, *split(folded, _detect_spans(text)))
    finally:
        if paused:
            gc.enable()
    return Detection(personal, corporate)


def _detect_spans(text: str) -> list[Span]:
    norm = normalize(text)
    # A fixed-width export padded with ideographic spaces is measured on the text before NFKC made them spaces.
    original = fold_line_ends(text) if "\u3000" in text and not norm.breaks else None
    cells, quiet = analyse_tables(norm.text, original)
    cells.sort(key=_START)  # sorted once here, the sorts in _mask and _resolve only check the order
    blanked = cells + [(s, e, "", 0) for s, e in quiet] if quiet else cells
    rest = _mask(norm.text, blanked) if blanked else norm.text
    hits = _run_recognizers(rest)
    kept = _resolve(hits, len(norm.text), cells)
    if not norm.breaks:  # the usual case: normalising kept every offset
        return spans_of(text, kept)
    spans = []
    for start, end, label, _priority in kept:
        s, e = norm.to_original(start), norm.to_original(end)
        spans.append(Span(s, e, label, text[s:e]))
    return spans
