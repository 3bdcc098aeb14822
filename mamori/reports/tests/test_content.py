"""The assembly of drafts from plain facts (no database)."""

import datetime as dt

import pytest

from mamori.reports import content, rules
from mamori.reports.content import Action, ReportFacts, build_report

PPC_HEADINGS = [
    "概要",
    "漏えい等が発生し、又は発生したおそれがある個人データの項目",
    "漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数",
    "原因",
    "二次被害又はそのおそれの有無及びその内容",
    "本人への対応の実施状況",
    "公表の実施状況",
    "再発防止のための措置",
    "その他参考となる事項",
]


def facts(**overrides):
    values = dict(
        organisation="テスト株式会社",
        destination="個人情報保護委員会",
        pmark_body="一般財団法人テスト審査機関",
        inquiry_desk="お客様相談室 0120-000-000 privacy@example.com",
        incident_number="2026-0007",
        title="顧客名簿の入ったUSBメモリの紛失",
        description="営業担当者が顧客名簿を保存したUSBメモリを電車内で紛失した。",
        occurred_on=dt.date(2026, 11, 20),
        discovered_on=dt.date(2026, 11, 21),
        known_on=dt.date(2026, 11, 21),
        prepared_on=dt.date(2026, 11, 27),
        discovered_by="自分で気づいた",
        events=("紛失",),
        likely=True,
        event_class="紛失・滅失・き損",
        grounds=("千人を超える",),
        data_items=("氏名", "住所", "電話番号"),
        persons=1500,
        persons_is_upper_bound=True,
        medium="電子データ",
    )
    values.update(overrides)
    return ReportFacts(**values)


def complete_facts():
    return facts(
        cause="手順・ルール違反の作業・操作",
        cause_details="持出し申請をせずに名簿を持ち出した。",
        secondary_damage="現時点で二次被害は確認されていない。",
        individuals_response="2026年11月25日に対象の本人へ書面で通知した。",
        public_announcement="2026年11月26日に当社ウェブサイトで公表した。",
        other_notes="警察に遺失届を提出済み。",
        safety_measures="USBメモリの持出しは申請制。暗号化は未実施。",
        actions=(
            Action("持出し手順の見直し", "USBメモリの使用を禁止する。", due_on=dt.date(2026, 12, 15)),
            Action("全従業者教育", "持出し規程の教育を実施した。", completed_on=dt.date(2026, 11, 26)),
        ),
        chronology=((dt.date(2026, 11, 21), "事故発覚"), (dt.date(2026, 11, 22), "警察へ遺失届")),
    )


def test_ppc_report_has_the_nine_items_of_rules_article_8_in_order():
    report = build_report(complete_facts(), "ppc", "final")
    assert [item.heading for item in report.items] == PPC_HEADINGS
    assert [item.number for item in report.items] == [str(n) for n in range(1, 10)]
    assert report.title.endswith("（確報）")
    assert report.missing == ()


def test_preliminary_report_says_under_investigation_for_every_unknown_item():
    report = build_report(facts(), "ppc", "preliminary")
    by_key = {item.key: item for item in report.items}
    for key in (
        "cause",
        "secondary_damage",
        "individuals_response",
        "public_announcement",
        "prevention",
        "other",
    ):
        assert by_key[key].body == "調査中"
        assert not by_key[key].known
    assert by_key["data_items"].body == "氏名、住所、電話番号"
    assert report.title.endswith("（速報）")


def test_final_report_marks_unknown_items_as_not_filled_rather_than_under_investigation():
    report = build_report(facts(), "ppc", "final")
    assert {item.body for item in report.missing} == {"未記入"}


def test_summary_gives_the_three_dates_in_western_and_japanese_era():
    summary = build_report(facts(), "ppc", "preliminary").items[0].body
    assert "発生日：2026年11月20日（令和8年11月20日）" in summary
    assert "発覚日：2026年11月21日（令和8年11月21日）" in summary
    assert "知った日：2026年11月21日（令和8年11月21日）" in summary
    assert "事態の種類：紛失（のおそれ）" in summary
    assert "報告対象事態：千人を超える" in summary
    assert "発覚の経緯：自分で気づいた" in summary


def test_unknown_occurrence_date_is_under_investigation():
    summary = build_report(facts(occurred_on=None), "ppc", "preliminary").items[0].body
    assert "発生日：調査中" in summary


def test_number_of_persons_says_when_it_is_an_upper_bound():
    items = {i.key: i for i in build_report(facts(), "ppc", "preliminary").items}
    assert items["persons"].body == "1,500人（最大数。調査により確定する見込み）"
    exact = {i.key: i for i in build_report(facts(persons_is_upper_bound=False), "ppc", "final").items}
    assert exact["persons"].body == "1,500人"
    unknown = {i.key: i for i in build_report(facts(persons=None), "ppc", "preliminary").items}
    assert unknown["persons"].body == "調査中"


def test_recurrence_prevention_lists_the_corrective_actions_with_their_state():
    items = {i.key: i for i in build_report(complete_facts(), "ppc", "final").items}
    body = items["prevention"].body
    assert (
        "・持出し手順の見直し：USBメモリの使用を禁止する。　実施予定（2026年12月15日（令和8年12月15日）まで）"
        in body
    )
    assert (
        "・全従業者教育：持出し規程の教育を実施した。　実施済み（2026年11月26日（令和8年11月26日））" in body
    )


def test_pmark_report_adds_medium_safety_measures_chronology_and_jipdec_coding():
    report = build_report(complete_facts(), "pmark", "final")
    headings = [item.heading for item in report.items]
    assert headings[:9] == PPC_HEADINGS
    assert headings[9:] == ["媒体", "事故発生時に講じていた安全管理措置", "経緯", "事故の分類（JIPDEC）"]
    items = {i.key: i for i in report.items}
    assert items["medium"].body == "電子データ"
    assert "2026年11月22日（令和8年11月22日）　警察へ遺失届" in items["chronology"].body
    assert items["coding"].body.splitlines() == [
        "発生事象：紛失（のおそれ）",
        "事象分類：紛失・滅失・き損",
        "原因：手順・ルール違反の作業・操作",
        "媒体：電子データ",
    ]
    assert "提出先：一般財団法人テスト審査機関" in report.header


def test_notice_to_individuals_carries_items_1_2_4_5_and_9_and_the_inquiry_desk():
    report = build_report(complete_facts(), "notice", "final")
    assert [item.heading for item in report.items] == [
        PPC_HEADINGS[0],
        PPC_HEADINGS[1],
        PPC_HEADINGS[3],
        PPC_HEADINGS[4],
        PPC_HEADINGS[8],
    ]
    assert [item.number for item in report.items] == ["1", "2", "3", "4", "5"]
    assert "お客様相談室 0120-000-000 privacy@example.com" in report.closing
    assert report.header[0] == "〇〇　〇〇　様"  # never a real name in a draft


def test_public_announcement_has_the_inquiry_desk_or_asks_for_one():
    report = build_report(complete_facts(), "announcement", "final")
    assert "本人の数" in report.text()
    assert "お客様相談室 0120-000-000 privacy@example.com" in report.text()
    without = build_report(facts(inquiry_desk=""), "announcement", "final")
    assert "（お問い合わせ窓口を設定してください）" in without.text()


@pytest.mark.parametrize(
    "kind,stage", [("notice", "preliminary"), ("announcement", "preliminary"), ("x", "final")]
)
def test_drafts_that_do_not_exist_are_refused(kind, stage):
    with pytest.raises(ValueError):
        build_report(facts(), kind, stage)


def test_text_and_hash_are_stable_and_change_with_the_content():
    a = build_report(facts(), "ppc", "preliminary")
    b = build_report(facts(), "ppc", "preliminary")
    assert a.text() == b.text() and a.sha256() == b.sha256()
    c = build_report(facts(persons=1501), "ppc", "preliminary")
    assert c.sha256() != a.sha256()
    assert a.text().startswith(content.TITLES[("ppc", "preliminary")] + "\n")


def test_filing_the_final_report_meets_the_preliminary_deadline_too():
    assert rules.settled([("ppc", "preliminary")]) == {
        "appi.preliminary_report",
        "my_number.preliminary_report",
    }
    assert rules.settled([("ppc", "final")]) >= {"appi.preliminary_report", "appi.final_report"}
    assert rules.settled([("controller_notice", "final")]) == {
        "appi.controller_notice",
        "my_number.controller_notice",
    }
    assert rules.settled([("pmark", "final")]) == {"pmark.preliminary_report", "pmark.final_report"}
    assert rules.settled([("notice", "final")]) == frozenset()
