import datetime as dt

import pytest
import time_machine
from django.utils.translation import gettext

from mamori.core.templatetags.mamori_tags import days_left, days_left_text, deadline_class, seireki, wareki


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 11, 27), "令和8年11月27日"),
        (dt.date(2019, 5, 1), "令和元年5月1日"),
        (dt.date(2019, 4, 30), "平成31年4月30日"),
        (dt.date(1989, 1, 7), "昭和64年1月7日"),
    ],
)
def test_wareki_follows_the_era_boundaries(day, expected):
    assert wareki(day) == expected


def test_seireki_is_written_the_japanese_way():
    assert seireki(dt.date(2027, 1, 4)) == "2027年1月4日"


@time_machine.travel(dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=9))), tick=False)
def test_days_left_counts_in_tokyo_time():
    assert days_left("2027-01-01") == 1
    assert deadline_class("2026-12-30") == "overdue"
    assert deadline_class("2027-01-02") == "soon"
    assert deadline_class("2027-02-01") == "ok"
    assert days_left_text("2026-12-31") == gettext("due today")
