"""The packaged JIPDEC figures: parsed as given, old groups mapped to today's 事象分類 (legal.md §3)."""

import pytest

from mamori.stats import national
from mamori.stats.national import Figure, ReferenceDataError

HEADER = "fiscal_year,taxonomy,dimension,category,subcategory,count,share_pct,basis,source_url\n"


def test_packaged_csv_loads_every_row_with_counts_and_shares_as_given():
    figures = national.load()
    assert len(figures) == 33
    assert national.fiscal_years(figures) == [2016, 2017, 2018, 2020, 2021]
    assert national.total_reports(figures, 2021) == 3048
    assert all(isinstance(f, Figure) for f in figures)


def test_the_guides_fy2021_figures_are_jipdecs_own():
    figures = [f for f in national.load() if f.fiscal_year == 2021]

    def one(category, subcategory=""):
        (f,) = [f for f in figures if f.category == category and f.subcategory == subcategory]
        assert f.source_url == "https://privacymark.jp/news/2022/other/1007.html"
        return f.count, f.share_pct

    assert one("reports") == (3048, None) and one("reporting_companies") == (1045, None)
    assert one("誤送付") == (1938, 63.6)
    assert one("誤送付", "メール誤送信") == (1128, 37.0)


def test_years_without_a_figure_from_jipdecs_own_publication_are_named():
    assert national.years_without_figures(national.load()) == [2015, 2019, 2022, 2023, 2024]
    assert national.years_without_figures(()) == list(national.REPORT_YEARS)


def test_no_dimension_of_todays_grouping_has_a_checked_figure_yet():
    figures = national.load()
    assert not [f for f in figures if f.taxonomy == "new"]
    for dimension in national.CSV_DIMENSION:
        assert national.latest_year_with_shares(figures, dimension, 2026) is None


def test_figures_are_frozen():
    figure = national.load()[0]
    with pytest.raises(AttributeError):
        figure.count = 1  # type: ignore[misc]


def test_published_spelling_variants_are_resolved_to_the_names_we_code_with():
    figures = national.parse(
        HEADER
        + "2024,new,event_class,紛失・滅失・毀損,,1,1.0,published,https://privacymark.jp/x\n"
        + "2023,new,root_cause,手順・ルール違反作業、操作,,1,1.0,published,https://privacymark.jp/x\n"
    )
    fy2024 = national.dimension_figures(figures, "event_class", 2024)
    assert "紛失・滅失・き損" in fy2024 and fy2024["紛失・滅失・き損"].category == "紛失・滅失・毀損"
    assert "手順・ルール違反の作業・操作" in national.dimension_figures(figures, "cause", 2023)


def test_the_comparison_year_is_the_latest_that_gives_shares_for_the_dimension():
    figures = national.parse(
        HEADER
        + "2022,new,root_cause,確認不足,,,20.0,published,https://privacymark.jp/x\n"
        + "2023,new,root_cause,確認不足,,3000,,published,https://privacymark.jp/x\n"
        + "2024,new,medium,紙,,,50.0,published,https://privacymark.jp/x\n"
    )
    assert national.latest_year_with_shares(figures, "cause", 2026) == 2022
    assert national.latest_year_with_shares(figures, "medium", 2026) == 2024
    assert national.latest_year_with_shares(figures, "medium", 2023) is None
    assert national.latest_year_with_shares(figures, "events", 2026) is None


def test_a_missent_share_is_derived_from_the_reports_when_jipdec_gives_only_the_count():
    fy2020 = national.mapped_event_class(national.load(), "誤送信", 2020)
    assert fy2020 is not None
    assert fy2020.count == 764  # FY2021's page gives FY2020's mail mis-sends as a count only
    assert fy2020.share_pct == round(100 * 764 / 2644, 1)
    assert not fy2020.complete and fy2020.parts == ("メール誤送信", "FAX誤送信")


def test_old_address_and_enclosure_errors_add_up_to_a_lower_bound_of_misdelivery():
    fy2021 = national.mapped_event_class(national.load(), "誤配達・誤交付", 2021)
    assert fy2021 is not None
    assert fy2021.count == 353 + 333  # 配達ミス is inside FAX誤送信+配達ミス
    assert fy2021.share_pct == pytest.approx(11.6 + 10.9)
    assert not fy2021.complete


def test_parts_that_all_have_figures_make_a_complete_sum():
    figures = national.parse(
        HEADER
        + "2020,old,total,reports,,1000,,published,https://privacymark.jp/x\n"
        + "2020,old,cause,誤送付,メール誤送信,100,10.0,published,https://privacymark.jp/x\n"
        + "2020,old,cause,誤送付,FAX誤送信,20,,published,https://privacymark.jp/x\n"
    )
    missent = national.mapped_event_class(figures, "誤送信", 2020)
    assert missent is not None and missent.complete
    assert (missent.count, missent.share_pct) == (120, 12.0)  # FAX has no share: count over reports


def test_a_part_published_only_in_a_combined_row_makes_the_figure_a_lower_bound():
    fy2021 = national.mapped_event_class(national.load(), "誤送信", 2021)
    assert fy2021 is not None
    assert not fy2021.complete  # FAX誤送信 is inside FAX誤送信+配達ミス
    assert fy2021.share_pct == 37.0


def test_long_run_has_one_figure_for_each_year_with_jipdecs_own_figures():
    series = {m.fiscal_year: m for m in national.long_run(national.load(), "誤送信")}
    assert set(series) == {2016, 2017, 2018, 2020, 2021}
    assert series[2016].share_pct == 20.7 and series[2017].share_pct == 26.5
    assert series[2020].parts == ("メール誤送信", "FAX誤送信")


def test_long_run_takes_the_published_figure_of_a_year_of_todays_grouping():
    figures = national.parse(
        HEADER + "2022,new,event_class,誤送信,,100,25.0,published,https://privacymark.jp/x\n"
    )
    (m,) = national.long_run(figures, "誤送信")
    assert (m.fiscal_year, m.share_pct, m.parts, m.complete) == (2022, 25.0, ("誤送信",), True)


def test_every_mapping_target_is_a_new_event_class():
    from mamori.stats.rules import JIPDEC_NAMES

    assert set(national.OLD_TO_EVENT_CLASS) <= set(JIPDEC_NAMES["event_class"].values())


@pytest.mark.parametrize(
    "text, message",
    [
        ("year,count\n2020,1\n", "unexpected columns"),
        (HEADER + "2020,old,cause,紛失,,many,,published,https://privacymark.jp/x\n", "line 2: count 'many'"),
        (HEADER + "2020,old,cause,紛失,,1,ten,published,https://privacymark.jp/x\n", "line 2: share 'ten'"),
        (HEADER + "2020,future,cause,紛失,,1,,published,https://privacymark.jp/x\n", "line 2"),
        (HEADER + ",old,cause,紛失,,1,,published,https://privacymark.jp/x\n", "line 2"),
    ],
)
def test_malformed_reference_data_is_reported_with_its_line(text, message):
    with pytest.raises(ReferenceDataError, match=message):
        national.parse(text)


def test_every_packaged_figure_cites_jipdecs_own_publication():
    for f in national.load():
        assert f.source_url.split("/")[2] in national.PRIMARY_HOSTS, f
        assert f.basis in {"published", "derived"}, f


@pytest.mark.parametrize(
    "source, basis, message",
    [
        ("https://ameblo.jp/someone/entry-1.html", "published", "not a publication of JIPDEC's own"),
        ("https://privacymark.jp.example.com/x", "published", "not a publication of JIPDEC's own"),
        ("", "published", "not a publication of JIPDEC's own"),
        ("https://privacymark.jp/x", "secondary", "basis 'secondary'"),
    ],
)
def test_a_figure_without_jipdecs_own_source_is_refused(source, basis, message):
    with pytest.raises(ReferenceDataError, match=f"line 2: .*{message}"):
        national.parse(HEADER + f"2022,new,event_class,誤送信,,1,1.0,{basis},{source}\n")


def test_the_press_report_a_figure_was_first_taken_from_is_kept_beside_jipdecs_page():
    fy2020 = [f for f in national.load() if f.fiscal_year == 2020 and f.category == "reports"]
    assert [f.count for f in fy2020] == [2644]
    assert fy2020[0].source_url == "https://privacymark.jp/news/2022/other/1007.html"
    assert fy2020[0].secondary_url.split("/")[2] == "scan.netsecurity.ne.jp"


def test_a_file_without_the_secondary_url_column_still_reads():
    old = national.parse(HEADER + "2020,old,cause,紛失,,1,,published,https://privacymark.jp/x\n")
    new = national.parse(
        HEADER.rstrip("\n")
        + ",secondary_url\n2020,old,cause,紛失,,1,,published,https://privacymark.jp/x,https://e.jp/y\n"
    )
    assert old[0].secondary_url == "" and new[0].secondary_url == "https://e.jp/y"
    assert old[0].count == new[0].count == 1
