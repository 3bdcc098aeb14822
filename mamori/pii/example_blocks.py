"""Tell the sample block of a form's text from the real records after it (for ``placeholder``).

A form or an application guide shows its sample under a heading of its own (【記入例】, 記入例：, ＜例＞)
and may hold, further down, what people really filled in: a real record whose birth date happens to be
a New Year's Day, or any record under a sample titled 【記入例】, is nobody's sample. The sample is the
block under the heading, up to a blank line or the next heading, and what follows it up to the line
of the first person named after it whose name is no sample's (佐々木 恵, not 山田 太郎); from there on
the values are real, up to the next heading. What stands above the first heading (a template's head)
is judged with the sample, as the whole text was. A form's title marked so (入会申込書（記入例）) heads its sample block the same way.
A text whose examples are marked anywhere else too (a ``（例：…）`` on a line of its own, SAMPLE,
ダミー, a title （見本）) is judged whole, as before.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections.abc import Callable

from mamori.pii.spans import Span

# A line that is only a sample's heading: 【記入例】, 記入例：, ＜例＞, ■ 記載例, 例:
_HEADING = re.compile(
    r"^[ \t\u3000]*[【\[<＜(（■●◆・]?[ \t\u3000]*(?:(?:記入|入力|記載)例|例)[ \t\u3000]*[】\]>＞)）:：]?[ \t\u3000]*$"
    # or a form's title marked so (入会申込書（記入例）): its sample is the block under it too
    r"|^[^\t\n:：(（]{1,30}?[ \u3000]*[(（【\[](?:記入|入力|記載)例[)）】\]][ \t\u3000]*$",
    re.MULTILINE,
)
# A line that opens another part of the page (【本人記入欄】, ■ 注意事項), as placeholder reads it.
_NEXT_HEADING = re.compile(r"[ \u3000]*[【■●◆□◇▼\[＜<]")


def split_at_records(
    text: str,
    spans: list[Span],
    shows_examples: Callable[[str], bool],
    real_name: Callable[[Span], bool],
) -> tuple[list[Span], list[Span]] | None:
    """Return ``(sample, real)`` spans of a text whose examples are blocks under headings of their own,
    or None when the text is to be judged whole (no such heading, other marks outside the blocks, or
    no value outside them). ``shows_examples`` tells whether a text marks examples; ``real_name`` whether
    a span is a person named by no sample's name. ``spans`` is sorted by start."""
    if "例" not in text:
        return None
    headings = list(_HEADING.finditer(text))
    if not headings:
        return None
    starts = [s.start for s in spans]
    real_starts = [s.start for s in spans if real_name(s)]
    stretches: list[tuple[int, int]] = []
    for i, heading in enumerate(headings):
        limit = headings[i + 1].start() if i + 1 < len(headings) else len(text)
        end = _block_end(text, heading.end(), limit)
        j = bisect_left(real_starts, end)
        if j < len(real_starts) and real_starts[j] < limit:
            end = text.rfind("\n", 0, real_starts[j]) + 1  # the line of the first real person after it
        else:
            end = limit if i + 1 < len(headings) else sys.maxsize
        # what stands above the first heading is judged as before: a template's head
        stretches.append((0 if i == 0 else heading.start(), max(end, heading.end())))
    rest = list(text)
    for lo, hi in stretches:
        hi = min(hi, len(text))
        rest[lo:hi] = " " * (hi - lo)
    if shows_examples("".join(rest)):
        return None  # examples marked outside the blocks too: the text is judged whole
    inside = [any(lo <= s < hi for lo, hi in stretches) for s in starts]
    if all(inside):
        return None
    return [s for s, x in zip(spans, inside, strict=True) if x], [
        s for s, x in zip(spans, inside, strict=True) if not x
    ]


def _block_end(text: str, pos: int, limit: int) -> int:
    """Return the end of the block of lines after ``pos``: up to a blank line or the next heading."""
    end = pos
    while end < limit:
        next_end = text.find("\n", end + 1)
        next_end = limit if next_end < 0 or next_end > limit else next_end
        line = text[end + 1 : next_end]
        if not line.strip() or _NEXT_HEADING.match(line):
            break
        end = next_end
    return end


# An English page's or form's marks of an example (a hotel's help page for foreign guests): after e.g.,
# for example, Example: or Sample: on its line, up to the close of a bracket opened before the mark
# (``Passport No. (e.g. "TK…") in block letters``); and a value a closed ``(sample)`` follows.
_EN_MARK = re.compile(
    r"(?<![A-Za-z])([(（][ \t]*)?(?:[Ee]\.g\.|[Ff]or example|(?:[Ee]xample|EXAMPLE|[Ss]ample|SAMPLE)[ \t]*[:：])"
)
_EN_TRAILING = re.compile(r"[ \t]*[(（](?:e\.g\.|[Ee]xample|EXAMPLE|[Ss]ample|SAMPLE)[)）]")
_EN_WORDS = ("e.g.", "E.g.", "xample", "XAMPLE", "ample", "AMPLE")


def drop_english_examples(text: str, spans: list[Span]) -> list[Span]:
    """Drop the values an English text marks as examples (see ``_EN_MARK``); ``spans`` sorted by start."""
    if not spans or not any(word in text for word in _EN_WORDS):
        return spans
    starts = [s.start for s in spans]
    dropped: set[int] = set()
    for mark in _EN_MARK.finditer(text):
        line_end = text.find("\n", mark.end())
        end = len(text) if line_end < 0 else line_end
        if mark.group(1):
            closes = [
                i for i in (text.find(")", mark.end(), end), text.find("）", mark.end(), end)) if i >= 0
            ]
            end = min(closes, default=end)
        i = bisect_left(starts, mark.end())
        while i < len(spans) and spans[i].end <= end:
            dropped.add(i)
            i += 1
    dropped.update(i for i, s in enumerate(spans) if _EN_TRAILING.match(text, s.end))
    return [s for i, s in enumerate(spans) if i not in dropped] if dropped else spans
