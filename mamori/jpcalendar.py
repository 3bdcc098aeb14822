"""The Japanese administrative calendar and Japanese date formatting, as pure functions (no Django).

* Holidays of administrative organs (行政機関の休日に関する法律 Art. 1(1)): Saturdays, Sundays, national
  holidays including 振替休日 and 国民の休日 (from ``jpholiday``) and the year-end holidays 12/29-1/3,
  which no holiday library covers.
* Roll-forward of a due date that falls on such a holiday (the same Act, Art. 2), and its mirror image,
  the last working day on or before a date (for reminders that must reach people in time).
* Day counting with the first day as day 1 (the counting adopted in legal.md §1).
* 西暦 and 和暦 (Japanese era) dates as Japanese documents write them.

Used by the legal rules (``incidents.rules``), the response reminders (``response.rules``), the report
drafts (``reports.content``) and the template filters; it sits in the bottom layer with ``mamori.pii``.
"""

from __future__ import annotations

import datetime as dt

import jpholiday
from japanera import EraDate


def is_administrative_holiday(d: dt.date) -> bool:
    """Return whether ``d`` is a holiday of administrative organs (行政機関の休日に関する法律 Art. 1(1)).

    Saturdays, Sundays, national holidays including 振替休日 and 国民の休日 (from ``jpholiday``), and the
    year-end holidays 12/29-1/3, which no holiday library covers.
    """
    if d.weekday() >= 5:
        return True
    if (d.month == 12 and d.day >= 29) or (d.month == 1 and d.day <= 3):
        return True
    return bool(jpholiday.is_holiday(d))


def roll_forward(d: dt.date) -> dt.date:
    """Return ``d``, or the next day that is no administrative holiday (行政機関の休日に関する法律 Art. 2)."""
    while is_administrative_holiday(d):
        d += dt.timedelta(days=1)
    return d


def working_day_on_or_before(d: dt.date) -> dt.date:
    """Return ``d``, or the last working day before it."""
    while is_administrative_holiday(d):
        d -= dt.timedelta(days=1)
    return d


def nth_day(start: dt.date, n: int) -> dt.date:
    """Return day ``n`` counting ``start`` as day 1 (the counting adopted in legal.md §1)."""
    return start + dt.timedelta(days=n - 1)


def _date(value: dt.date) -> dt.date:
    """Return the date of ``value`` (a ``datetime`` is taken as it is; convert time zones before)."""
    return value.date() if isinstance(value, dt.datetime) else value


def wareki(value: dt.date | None) -> str:
    """Return ``value`` as a Japanese-era date, e.g. 令和8年11月27日 (元年 for the first year)."""
    if value is None:
        return ""
    value = _date(value)
    era_date = EraDate.from_date(value)
    year = era_date.strftime("%-Y")
    year = "元" if year == "1" else year
    return f"{era_date.era.kanji}{year}年{value.month}月{value.day}日"


def seireki(value: dt.date | None) -> str:
    """Return ``value`` as a Western-calendar date in Japanese style, e.g. 2026年11月27日."""
    if value is None:
        return ""
    value = _date(value)
    return f"{value.year}年{value.month}月{value.day}日"


def seireki_wareki(value: dt.date | None) -> str:
    """Return a date in 西暦 with its 和暦, e.g. 2026年11月27日（令和8年11月27日）."""
    if value is None:
        return ""
    return f"{seireki(value)}（{wareki(value)}）"


# --- The date styles, one per context --------------------------------------------------------------------
# Lists, tables, exports' text and headings: the compact ISO style (``compact``, ``compact_time``).
# Detail pages, where a date counts legally (a deadline, the day the business knew): compact with its 和暦
# in Japanese brackets (``compact_wareki``). Documents a reader files or signs (report drafts, notices,
# certificates, audit plans and minutes): 西暦 with 和暦 (``seireki_wareki``). The template filters of the same
# names (``mamori_tags``) are the only way templates write a date.


def compact(value: dt.date | None) -> str:
    """Return a date as lists and tables write it, e.g. 2026-11-27 (a ``datetime``: its date)."""
    return _date(value).isoformat() if value is not None else ""


def compact_time(value: dt.datetime | None, *, seconds: bool = False) -> str:
    """Return a local time as lists write it, e.g. 2026-11-27 14:05 (with seconds for the audit trail)."""
    if value is None:
        return ""
    return value.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def compact_wareki(value: dt.date | None) -> str:
    """Return a date with its 和暦, as detail pages write a date that counts, e.g. 2026-11-27（令和8年11月27日）."""
    if value is None:
        return ""
    return f"{compact(value)}（{wareki(value)}）"
