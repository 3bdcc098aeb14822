"""Fiscal years, the code → JIPDEC name mapping and the comparison rows (pure, no database)."""

import datetime as dt

import pytest

from mamori.incidents.taxonomy import Cause, DataCategory, Event, EventClass, Medium
from mamori.stats import charts, national, rules
from mamori.stats.rules import IncidentRow

UTC = dt.UTC
FY = 2026
DAY = dt.date(2026, 6, 1)


#: Figures in the packaged CSV's shape for the comparison rules. They are made up (round numbers), not
#: national data: no FY2022-on figure could be checked against JIPDEC's own publication (see national.py).
SAMPLE = national.parse(
    "fiscal_year,taxonomy,dimension,category,subcategory,count,share_pct,basis,source_url\n"
    "2022,new,event_class,誤表示,,,6.0,published,https://privacymark.jp/sample\n"
    "2022,new,root_cause,確認不足,,,20.0,published,https://privacymark.jp/sample\n"
    "2023,new,root_cause,確認不足,,3000,,published,https://privacymark.jp/sample\n"
    "2024,new,event_class,誤配達・誤交付,,4000,40.0,published,https://privacymark.jp/sample\n"
    "2024,new,event_class,誤送信,,3000,30.0,published,https://privacymark.jp/sample\n"
    "2024,new,event_class,紛失・滅失・毀損,,1000,10.0,published,https://privacymark.jp/sample\n"
)


def row(event_class="missent", near_miss=False, day=DAY, **kw):
    return IncidentRow(known_on=day, is_near_miss=near_miss, event_class=event_class, **kw)


@pytest.mark.parametrize(
    "day, year",
    [
        (dt.date(2026, 4, 1), 2026),
        (dt.date(2027, 3, 31), 2026),
        (dt.date(2026, 3, 31), 2025),
        (dt.date(2026, 12, 31), 2026),
        (dt.date(2027, 1, 1), 2026),
    ],
)
def test_fiscal_year_runs_from_april_to_march(day, year):
    assert rules.fiscal_year(day) == year


def test_fiscal_year_of_a_time_is_taken_in_tokyo():
    # 2026-03-31 15:30 UTC is 2026-04-01 00:30 in Tokyo: already FY2026
    assert rules.fiscal_year(dt.datetime(2026, 3, 31, 15, 30, tzinfo=UTC)) == 2026
    assert rules.fiscal_year(dt.datetime(2026, 3, 31, 14, 59, tzinfo=UTC)) == 2025


def test_fiscal_year_refuses_a_naive_time():
    with pytest.raises(ValueError):
        rules.fiscal_year(dt.datetime(2026, 4, 1, 12, 0))


def test_fiscal_year_bounds():
    assert rules.fiscal_year_bounds(2026) == (dt.date(2026, 4, 1), dt.date(2027, 3, 31))


@pytest.mark.parametrize(
    "dimension, choices",
    [("events", Event), ("event_class", EventClass), ("cause", Cause), ("medium", Medium)],
)
def test_every_code_of_each_dimension_has_a_japanese_jipdec_name(dimension, choices):
    assert set(rules.JIPDEC_NAMES[dimension]) == set(choices.values)
    for code, name in rules.JIPDEC_NAMES[dimension].items():
        assert name in str(choices(code).label), (code, name)


def test_every_data_category_has_a_japanese_name():
    assert set(rules.DATA_CATEGORY_NAMES) == set(DataCategory.values)
    for code, name in rules.DATA_CATEGORY_NAMES.items():
        assert name in str(DataCategory(code).label)


@pytest.mark.parametrize("dimension", rules.DIMENSIONS)
def test_every_national_category_of_fy2022_on_is_one_we_can_code(dimension):
    figures = national.load()
    ours = set(rules.category_order(dimension))
    for year in range(2022, 2025):
        assert set(national.dimension_figures(figures, dimension, year)) <= ours, year
    for year in range(2022, 2025):
        assert set(national.dimension_figures(SAMPLE, dimension, year)) <= ours, year


@pytest.mark.parametrize("dimension", rules.DIMENSIONS)
def test_without_a_checked_national_figure_only_ours_are_shown(dimension):
    # The packaged figures end with FY2021 (old grouping): no dimension of today's grouping has one.
    stats = rules.dimension_stats(
        [row(events=("leak",), cause="insufficient_check")], dimension, FY, national.load()
    )
    assert stats.national_year is None
    assert all(r.national_share_pct is None and r.national_basis == "" for r in stats.rows)
    assert sum(r.count for r in stats.rows) == 1


def test_likely_events_count_once_as_osore_and_uncoded_ones_as_uncoded():
    assert rules.categories_of(row(events=("leak", "loss")), "events") == ["漏えい", "紛失"]
    assert rules.categories_of(row(events=("leak",), likely=True), "events") == [rules.LIKELY]
    assert rules.categories_of(row(), "events") == [rules.UNCODED]
    assert rules.categories_of(row(), "cause") == [rules.UNCODED]
    assert rules.categories_of(row(cause="unknown-code"), "cause") == [rules.UNCODED]


def test_shares_are_of_the_years_accidents_with_near_misses_counted_apart():
    rows = [
        row("missent"),
        row("missent"),
        row("misdelivery"),
        row("missent", near_miss=True),
        row("loss", near_miss=True),
        row("missent", day=dt.date(2026, 3, 31)),  # FY2025: not counted
    ]
    stats = rules.dimension_stats(rows, "event_class", FY, SAMPLE)
    assert (stats.accidents, stats.near_misses, stats.national_year) == (3, 2, 2024)
    by_name = {r.category: r for r in stats.rows}
    missent = by_name["誤送信"]
    assert (missent.count, missent.share_pct, missent.near_misses) == (2, 66.7, 1)
    assert (missent.national_count, missent.national_share_pct) == (3000, 30.0)
    assert by_name["紛失・滅失・き損"].count == 0 and by_name["紛失・滅失・き損"].near_misses == 1
    assert by_name["誤配達・誤交付"].share_pct == 33.3


def test_rows_follow_jipdec_order_and_leave_out_categories_nobody_has():
    stats = rules.dimension_stats([row("insider")], "event_class", FY, SAMPLE)
    names = [r.category for r in stats.rows]
    assert names[:2] == ["誤配達・誤交付", "誤送信"]
    assert "内部不正行為" in names and "誤表示" not in names  # a FY2022 share only, none of ours


def test_no_accidents_gives_no_share_rather_than_zero():
    stats = rules.dimension_stats([row(near_miss=True)], "event_class", FY, SAMPLE)
    missent = next(r for r in stats.rows if r.category == "誤送信")
    assert missent.share_pct is None and missent.near_misses == 1


def test_national_causes_come_from_the_latest_year_that_gives_shares_not_counts_only():
    stats = rules.dimension_stats([row(cause="insufficient_check")], "cause", FY, SAMPLE)
    check = next(r for r in stats.rows if r.category == "確認不足")
    assert (check.share_pct, check.national_share_pct, stats.national_year) == (100.0, 20.0, 2022)


def test_years_by_kind_counts_accidents_and_near_misses_newest_first():
    rows = [row(), row(near_miss=True), row(day=dt.date(2025, 1, 5))]
    assert rules.years_by_kind(rows) == {2026: (1, 1), 2024: (1, 0)}


def test_chart_bars_are_proportional_on_a_shared_scale():
    stats = rules.dimension_stats([row("missent"), row("theft")], "event_class", FY, SAMPLE)
    chart = charts.comparison_chart(stats.rows)
    assert chart.scale_max == 50
    missent = next(g for g in chart.groups if g.label == "誤送信")
    ours, nat = missent.bars
    assert (ours.series, nat.series) == ("ours", "national")
    assert ours.width == pytest.approx(50.0 * charts.BAR_AREA / 50, abs=0.1)
    assert nat.width == pytest.approx(30.0 * charts.BAR_AREA / 50, abs=0.1)
    assert ours.value_text == "50.0%" and nat.value_text == "30.0%"
    assert [t.label for t in chart.ticks] == ["0%", "10%", "20%", "30%", "40%", "50%"]


def test_chart_draws_a_missing_value_as_an_empty_bar_marked_with_a_dash():
    chart = charts.grouped_chart([("FY2016", 20.7, None)])
    assert chart.groups[0].bars[1].width == 0 and chart.groups[0].bars[1].value_text == "—"
    assert chart.scale_max == 30 and [t.label for t in chart.ticks][-1] == "30%"


def test_chart_ticks_are_round_tens_up_to_sixty_percent_and_twenties_above():
    assert [t.label for t in charts.grouped_chart([("a", 55.0, None)]).ticks][-2:] == ["50%", "60%"]
    assert [t.label for t in charts.grouped_chart([("a", 75.8, None)]).ticks] == [
        "0%",
        "20%",
        "40%",
        "60%",
        "80%",
    ]


def test_chart_marks_lower_bounds():
    chart = charts.grouped_chart([("FY2021", 37.0, 22.5)], lower_bounds=frozenset({(0, 0)}))
    assert [b.value_text for b in chart.groups[0].bars] == ["≥37.0%", "22.5%"]


def test_our_long_run_gives_each_years_shares_without_near_misses():
    rows = [
        row("missent"),
        row("misdelivery"),
        row("missent", near_miss=True),
        row("missent", day=dt.date(2025, 5, 1)),
    ]
    assert rules.shares_by_year(rows, "event_class", ["誤送信", "誤配達・誤交付"]) == [
        (2026, 2, [50.0, 50.0]),
        (2025, 1, [100.0, 0.0]),
    ]
