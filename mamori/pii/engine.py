"""Run every recognizer over normalised text, resolve overlaps and map spans back to the original."""

from __future__ import annotations

from bisect import bisect_left

from mamori.pii.address import find_addresses
from mamori.pii.dates import find_birth_dates
from mamori.pii.ids import find_emails, find_health_insurance
from mamori.pii.names import find_persons
from mamori.pii.normalize import normalize
from mamori.pii.numbers import find_numbers
from mamori.pii.spans import Hit, Span
from mamori.pii.tables import find_table_values

RECOGNIZERS = (
    find_table_values,
    find_emails,
    find_health_insurance,
    find_birth_dates,
    find_numbers,
    find_addresses,
    find_persons,
)


def _resolve(hits: list[Hit]) -> list[Hit]:
    """Keep the best of overlapping hits: higher priority first, then the longer one."""
    starts: list[int] = []  # kept hits, disjoint and sorted by start
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-h[3], -(h[1] - h[0]), h[0])):
        i = bisect_left(starts, hit[0])
        if i < len(kept) and kept[i][0] < hit[1]:
            continue  # overlaps the next kept hit
        if i > 0 and kept[i - 1][1] > hit[0]:
            continue  # overlaps the previous kept hit
        starts.insert(i, hit[0])
        kept.insert(i, hit)
    return kept


def detect(text: str) -> list[Span]:
    """Return the personal data spans in ``text``, sorted by start, with offsets into ``text``."""
    norm = normalize(text)
    hits: list[Hit] = []
    for recognizer in RECOGNIZERS:
        hits.extend(recognizer(norm.text))
    spans = []
    for start, end, label, _priority in _resolve(hits):
        s, e = norm.to_original(start), norm.to_original(end)
        spans.append(Span(s, e, label, text[s:e]))
    return spans
