"""Test the Japanese administrative calendar and the Japanese date formats (pure, no Django)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime

import pytest

from mamori.jpcalendar import (
    is_administrative_holiday,
    nth_day,
    roll_forward,
    seireki,
    seireki_wareki,
    wareki,
    working_day_on_or_before,
)


@pytest.mark.parametrize(
    ("day", "holiday"),
    [
        (date(2026, 12, 28), False),
        (date(2026, 12, 29), True),
        (date(2026, 12, 31), True),
        (date(2027, 1, 1), True),
        (date(2027, 1, 3), True),
        (date(2027, 1, 4), False),
        (date(2026, 9, 22), True),  # 国民の休日
        (date(2026, 5, 6), True),  # 振替休日
        (date(2026, 4, 29), True),  # 昭和の日
        (date(2026, 11, 28), True),  # Saturday
        (date(2026, 11, 29), True),  # Sunday
        (date(2026, 11, 27), False),  # a plain Friday
    ],
)
def test_administrative_holidays_are_weekends_national_holidays_and_the_year_end(
    day: date, holiday: bool
) -> None:
    assert is_administrative_holiday(day) is holiday


def test_a_due_date_on_a_holiday_rolls_forward_past_the_year_end() -> None:
    # 2026-12-29 (Tue) .. 2027-01-03 (Sun) are holidays; 2027-01-04 (Mon) is the next working day.
    assert roll_forward(date(2026, 12, 29)) == date(2027, 1, 4)
    assert roll_forward(date(2026, 11, 27)) == date(2026, 11, 27)


def test_the_working_day_before_golden_week_is_found_backwards() -> None:
    # 2026-05-03 (Sun, 憲法記念日) .. 05-06 (振替休日); 05-01 (Fri) is the last working day before.
    assert working_day_on_or_before(date(2026, 5, 6)) == date(2026, 5, 1)


def test_day_counting_takes_the_first_day_as_day_1() -> None:
    assert nth_day(date(2026, 4, 1), 1) == date(2026, 4, 1)
    assert nth_day(date(2026, 4, 1), 30) == date(2026, 4, 30)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 27), "令和8年11月27日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(1989, 1, 8), "平成元年1月8日"),
    ],
)
def test_wareki_follows_the_era_boundaries(day: date, expected: str) -> None:
    assert wareki(day) == expected


def test_dates_are_written_in_seireki_with_the_wareki_beside() -> None:
    assert seireki(datetime(2027, 1, 4, 23, 59)) == "2027年1月4日"
    assert seireki_wareki(date(2026, 11, 27)) == "2026年11月27日（令和8年11月27日）"
    assert seireki_wareki(None) == wareki(None) == ""


def test_the_calendar_loads_no_django() -> None:
    code = "import sys, mamori.jpcalendar; assert not any(m.startswith('django') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)
