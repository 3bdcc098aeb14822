"""The assembly of drafts from plain facts (no database)."""

import datetime as dt

import pytest

from mamori.reports import content, letters, rules
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
        breach_kinds=("漏えい",),
        reporter=content.Reporter(
            name="テスト株式会社",
            address="東京都千代田区テスト町1-2-3",
            representative="代表取締役 試験 太郎",
            corporate_number="1234567890123",
            industry="情報サービス業",
            contact_person="個人情報保護管理者 見本 花子",
            contact_phone="03-0000-0000",
            contact_email="privacy@example.com",
        ),
        inquiry_hours="平日 9:00〜17:00（土日祝日・年末年始を除く）",
        pmark_registration_number="第00000000(01)号",
    )
    values.update(overrides)
    return ReportFacts(**values)


def complete_facts(**overrides):
    return facts(
        **overrides,
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
        discovery_circumstances="翌朝、本人が紛失に気づき上長へ報告した。",
        public_summary="当社営業担当者が、お客様の情報を保存したUSBメモリを電車内で紛失いたしました。",
        measures_taken="警察に遺失届を提出し、鉄道会社へ問い合わせております。",
        advice="当社を名乗る不審な電話や郵便物にご注意ください。",
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
    assert "事態の種類：漏えい（のおそれ）" in summary  # the PPC form's words, not the P-mark's
    assert "報告対象事態：千人を超える" in summary
    assert "発覚の経緯：調査中" in summary  # the manager's account, never the intake choice
    final = build_report(complete_facts(), "ppc", "final").items[0].body
    assert "発覚の経緯：翌朝、本人が紛失に気づき上長へ報告した。" in final


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
        "・持出し手順の見直し：USBメモリの使用を禁止する。（2026年12月15日（令和8年12月15日）までに実施予定）"
        in body
    )
    assert "・全従業者教育：持出し規程の教育を実施した。（2026年11月26日（令和8年11月26日）実施済み）" in body


def test_pmark_report_adds_medium_safety_measures_chronology_and_jipdec_coding():
    report = build_report(complete_facts(), "pmark", "final")
    headings = [item.heading for item in report.items]
    assert headings[:9] == PPC_HEADINGS
    assert headings[9:] == [
        "媒体",
        "事故発生時に講じていた安全管理措置",
        "経緯",
        "事故の分類（JIPDEC）",
    ]
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


def test_pmark_report_gives_its_criteria_origin_registration_and_the_ppc_state():
    report = build_report(
        complete_facts(
            pmark_preliminary_required=True,
            pmark_criteria=("千人を超える",),
            ppc_filed=(("速報", dt.date(2026, 11, 24)),),
            occurred_at_contractor=True,
            contractor="株式会社サンプル物流",
        ),
        "pmark",
        "final",
    )
    body = "\n".join(report.header)
    assert "登録番号：第00000000(01)号" in body
    assert "事故発生元：委託先（株式会社サンプル物流）" in body
    assert "速報の対象（千人を超える）" in body
    assert "個人情報保護委員会への報告：済（速報：2026年11月24日（令和8年11月24日））" in body


def test_ppc_report_opens_with_the_reporter_block_of_the_form():
    header = build_report(complete_facts(), "ppc", "final").header
    for line in (
        "報告者の名称：テスト株式会社",
        "住所：東京都千代田区テスト町1-2-3",
        "代表者：代表取締役 試験 太郎",
        "法人番号：1234567890123",
        "業種：情報サービス業",
        "担当者：個人情報保護管理者 見本 花子",
        "連絡先：03-0000-0000　privacy@example.com",
    ):
        assert line in header


def test_a_ppc_draft_for_a_report_that_is_not_required_says_so_at_the_top():
    report = build_report(complete_facts(ppc_required=False), "ppc", "final")
    assert report.header[0] == content.NOT_REQUIRED_NOTE
    assert build_report(complete_facts(), "ppc", "final").header[0].startswith("提出先")


def test_notice_to_individuals_is_a_japanese_business_letter():
    """Rules Art. 10 (items 1, 2, 4, 5, 9) in plain words, GL 3-5-4-3, in 拝啓…敬具 / 記…以上 form."""
    report = build_report(complete_facts(), "notice", "final")
    text = report.text()
    lines = text.splitlines()
    assert lines[0] == "2026年11月27日（令和8年11月27日）"
    assert lines[1] == "お客様各位"
    assert lines[2:4] == ["テスト株式会社", "代表取締役 試験 太郎"]
    assert "件名　個人情報の漏えい等に関するお詫びとお知らせ" in lines
    assert lines.index("敬具") < lines.index("記") < lines.index("以上")
    assert any(line.startswith("拝啓") for line in lines)
    for heading in ("発生した事案の概要", "対象となる個人情報の項目", "原因", "当社の対応", "再発防止策"):
        assert any(heading in line for line in lines), heading
    assert "当社を名乗る不審な電話や郵便物にご注意ください。" in text
    assert "お客様相談室 0120-000-000 privacy@example.com" in text
    assert "受付時間　平日 9:00〜17:00（土日祝日・年末年始を除く）" in text
    for word in letters.FORBIDDEN_WORDS:
        assert word not in text, word
    assert "2026-0007" not in text  # no internal incident number


@pytest.mark.parametrize(
    ("addressee", "line", "reader"),
    [
        ("customers", "お客様各位", "お客様の個人情報"),
        ("employees", "従業員の皆様へ", "従業員の皆様の個人情報"),
        ("individual", "ご本人様", "ご本人様の個人情報"),
    ],
)
def test_the_notice_speaks_to_its_addressee(addressee, line, reader):
    text = build_report(complete_facts(addressee=addressee), "notice", "final").text()
    assert text.splitlines()[1] == line and reader in text


def test_a_notice_with_required_items_empty_is_refused_naming_them():
    with pytest.raises(letters.LetterIncomplete) as refused:
        build_report(facts(), "notice", "final")
    assert "発生した事案の概要（本人向けの説明）" in refused.value.missing
    assert "当社の対応" in refused.value.missing
    assert "原因" in refused.value.missing


def test_the_public_announcement_is_never_made_for_a_single_person():
    with pytest.raises(letters.LetterIncomplete, match="1名"):
        build_report(complete_facts(persons=1), "announcement", "final")
    text = build_report(complete_facts(), "announcement", "final").text()
    assert text.splitlines()[1] == "関係者各位"
    assert "対象となる方の人数　1,500人" in text


def test_the_notice_to_the_entrusting_business_carries_the_nine_items_known_so_far():
    """Rules Art. 9: the processor tells the controller the items of Art. 8(1) known at the time."""
    report = build_report(facts(processor=True, contractor="株式会社委託元"), "controller_notice", "final")
    assert [item.heading for item in report.items] == PPC_HEADINGS
    assert report.letter.addressee == "株式会社委託元　御中"
    assert "施行規則第9条" in report.text()
    assert {i.key: i for i in report.items}["cause"].body == "調査中"


@pytest.mark.parametrize(
    "kind,stage",
    [
        ("notice", "preliminary"),
        ("announcement", "preliminary"),
        ("controller_notice", "preliminary"),
        ("x", "final"),
    ],
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
