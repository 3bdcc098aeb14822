"""The packaged JIPDEC figures: parsed as given, old groups mapped to today's 事象分類 (legal.md §3)."""

import pytest

from mamori.stats import national
from mamori.stats.national import Figure, ReferenceDataError

HEADER = "fiscal_year,taxonomy,dimension,category,subcategory,count,share_pct,basis,source_url\n"


def test_packaged_csv_loads_every_row_with_counts_and_shares_as_given():
    figures = national.load()
    assert len(figures) == 163
    assert national.fiscal_years(figures) == list(range(2015, 2025))
    missent_2024 = national.dimension_figures(figures, "event_class", 2024)["誤送信"]
    assert (missent_2024.count, missent_2024.share_pct) == (2250, 29.4)
    assert missent_2024.source_url.startswith("https://")
    assert national.total_reports(figures, 2023) == 9208
    assert all(isinstance(f, Figure) for f in figures)


def test_figures_are_frozen():
    figure = national.load()[0]
    with pytest.raises(AttributeError):
        figure.count = 1  # type: ignore[misc]


def test_published_spelling_variants_are_resolved_to_the_names_we_code_with():
    fy2024 = national.dimension_figures(national.load(), "event_class", 2024)
    assert "紛失・滅失・き損" in fy2024 and fy2024["紛失・滅失・き損"].category == "紛失・滅失・毀損"
    causes_2023 = national.dimension_figures(national.load(), "cause", 2023)
    assert "手順・ルール違反の作業・操作" in causes_2023


def test_cause_shares_come_from_fy2022_because_later_years_publish_counts_only():
    figures = national.load()
    assert national.latest_year_with_shares(figures, "cause", 2026) == 2022
    assert national.latest_year_with_shares(figures, "event_class", 2026) == 2024
    assert national.latest_year_with_shares(figures, "medium", 2026) == 2024
    assert national.latest_year_with_shares(figures, "medium", 2023) is None
    assert national.latest_year_with_shares(figures, "events", 2021) is None


def test_old_mail_and_fax_missends_add_up_to_the_new_missent_class():
    fy2020 = national.mapped_event_class(national.load(), "誤送信", 2020)
    assert fy2020 is not None
    assert fy2020.count == 764 + 110
    assert fy2020.share_pct == pytest.approx(28.4 + 4.2)
    assert fy2020.complete and fy2020.parts == ("メール誤送信", "FAX誤送信")


def test_old_address_enclosure_and_delivery_errors_add_up_to_misdelivery():
    fy2020 = national.mapped_event_class(national.load(), "誤配達・誤交付", 2020)
    assert fy2020 is not None
    assert fy2020.count == 314 + 323 + 137
    assert fy2020.share_pct == pytest.approx(11.9 + 12.2 + 5.2)
    assert fy2020.complete


def test_share_is_derived_from_the_reports_when_a_part_has_only_a_count():
    fy2015 = national.mapped_event_class(national.load(), "誤送信", 2015)
    assert fy2015 is not None
    assert fy2015.count == 409 + 157  # FAX誤送信 has no published share
    assert fy2015.share_pct == pytest.approx(round(100 * 566 / 1947, 1))


def test_a_part_published_only_in_a_combined_row_makes_the_figure_a_lower_bound():
    fy2021 = national.mapped_event_class(national.load(), "誤送信", 2021)
    assert fy2021 is not None
    assert not fy2021.complete  # FAX誤送信 is inside FAX誤送信+配達ミス
    assert fy2021.share_pct == 37.0


def test_long_run_uses_published_figures_from_fy2022_and_mapped_ones_before():
    series = {m.fiscal_year: m for m in national.long_run(national.load(), "誤送信")}
    assert set(series) == set(range(2015, 2025))
    assert series[2022].share_pct == 24.7 and series[2022].parts == ("誤送信",)
    assert series[2020].parts == ("メール誤送信", "FAX誤送信")


def test_every_mapping_target_is_a_new_event_class():
    new_classes = {f.name for f in national.load() if f.dimension == "event_class"}
    assert set(national.OLD_TO_EVENT_CLASS) <= new_classes


@pytest.mark.parametrize(
    "text, message",
    [
        ("year,count\n2020,1\n", "unexpected columns"),
        (HEADER + "2020,old,cause,紛失,,many,,published,https://example.com\n", "line 2: count 'many'"),
        (HEADER + "2020,old,cause,紛失,,1,ten,published,https://example.com\n", "line 2: share 'ten'"),
        (HEADER + "2020,future,cause,紛失,,1,,published,https://example.com\n", "line 2"),
        (HEADER + ",old,cause,紛失,,1,,published,https://example.com\n", "line 2"),
    ],
)
def test_malformed_reference_data_is_reported_with_its_line(text, message):
    with pytest.raises(ReferenceDataError, match=message):
        national.parse(text)


PRIMARY_HOSTS = ("privacymark.jp", "www.privacymark.jp", "jipdec.or.jp", "www.jipdec.or.jp")


def _host(url: str) -> str:
    return url.split("/")[2]


def test_every_figure_cites_jipdec_or_says_it_rests_on_a_secondary_report():
    for f in national.load():
        if f.secondary:
            assert _host(f.source_url) not in PRIMARY_HOSTS, f
            assert f.secondary_url == "", f
        else:
            assert _host(f.source_url) in PRIMARY_HOSTS, f
            assert f.basis in {"published", "derived", "published share; derived count"}, f


def test_the_press_report_a_figure_was_first_taken_from_is_kept_beside_jipdecs_page():
    fy2018 = [
        f for f in national.load() if f.fiscal_year == 2018 and f.category == "誤送付" and not f.subcategory
    ]
    assert [(f.count, f.share_pct) for f in fy2018] == [(1345, 57.9)]
    assert fy2018[0].source_url == "https://privacymark.jp/news/2019/other/0918.html"
    assert _host(fy2018[0].secondary_url) == "active.nikkeibp.co.jp"


def test_secondary_years_are_the_ones_without_a_jipdec_page_found():
    figures = national.load()
    years = {f.fiscal_year for f in figures if f.secondary}
    assert years == {2015, 2018, 2019, 2020, 2021, 2022, 2023, 2024}
    assert not [f for f in figures if f.fiscal_year in {2016, 2017} and f.secondary]
    assert all(f.secondary for f in figures if f.fiscal_year in {2015, 2019, 2020, 2022, 2023, 2024})


def test_a_file_without_the_secondary_url_column_still_reads():
    old = national.parse(HEADER + "2020,old,cause,紛失,,1,,published,https://privacymark.jp/x\n")
    new = national.parse(
        HEADER.rstrip("\n")
        + ",secondary_url\n2020,old,cause,紛失,,1,,published,https://privacymark.jp/x,https://e.jp/y\n"
    )
    assert old[0].secondary_url == "" and new[0].secondary_url == "https://e.jp/y"
    assert old[0].count == new[0].count == 1
