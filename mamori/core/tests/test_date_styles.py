"""One date style per context: lists compact, dates that count with their 和暦, documents 西暦 and 和暦."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import timezone

import mamori
from mamori import jpcalendar

# 2026-03-31 20:00:09 UTC is 2026-04-01 05:00:09 in Tokyo: a new fiscal year and a new day.
LATE = dt.datetime(2026, 3, 31, 20, 0, 9, tzinfo=dt.UTC)
DAY = dt.date(2026, 11, 27)


def render(expression: str, value) -> str:  # type: ignore[no-untyped-def]
    return Template("{% load mamori_tags %}{{ value|" + expression + " }}").render(Context({"value": value}))


@pytest.mark.parametrize(
    "name, value, expected",
    [
        ("ymd", DAY, "2026-11-27"),
        ("ymd", LATE, "2026-04-01"),
        ("ymd_hm", LATE, "2026-04-01 05:00"),
        ("timestamp", LATE, "2026-04-01 05:00:09"),
        ("ymd_wareki", DAY, "2026-11-27（令和8年11月27日）"),
        ("ymd_wareki", dt.date(2019, 5, 1), "2019-05-01（令和元年5月1日）"),
        ("document_date", DAY, "2026年11月27日（令和8年11月27日）"),
        ("document_date", LATE, "2026年4月1日（令和8年4月1日）"),
        ("ymd", None, ""),
        ("ymd_wareki", None, ""),
    ],
)
def test_each_style_writes_the_local_date_as_its_context_expects(name, value, expected, settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    with timezone.override("Asia/Tokyo"):
        assert render(name, value) == expected


def test_the_python_styles_match_the_filters():
    assert jpcalendar.compact(DAY) == "2026-11-27"
    assert jpcalendar.compact_time(dt.datetime(2026, 11, 27, 9, 5, 3)) == "2026-11-27 09:05"
    assert jpcalendar.compact_time(dt.datetime(2026, 11, 27, 9, 5, 3), seconds=True) == "2026-11-27 09:05:03"
    assert jpcalendar.compact_wareki(DAY) == "2026-11-27（令和8年11月27日）"
    assert jpcalendar.seireki_wareki(DAY) == "2026年11月27日（令和8年11月27日）"


def test_templates_write_dates_only_through_the_named_styles():
    templates = Path(mamori.__file__).parent / "templates"
    offending = []
    for path in sorted(templates.rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        name = str(path.relative_to(templates))
        # Django's own date filter lets each template pick a format: the styles above are the only ones.
        offending += [f"{name}: {m}" for m in re.findall(r"\|date\b[^}]*", source)]
        # A 和暦 beside a date in ASCII brackets is the old hand-made pair: ymd_wareki writes it.
        offending += [f"{name}: {m}" for m in re.findall(r"\(\{\{[^}]*\|wareki[^}]*\}\}\)", source)]
    assert offending == []
