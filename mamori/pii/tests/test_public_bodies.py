"""A party column of public bodies (発注者: 八戸市) and a blank form's row are no persons' names."""

from __future__ import annotations

from mamori.pii.tests.conftest import found


def _persons(text: str) -> list[str]:
    return [value for label, value in found(text) if label == "PERSON"]


def test_municipalities_and_their_offices_under_a_party_column_are_no_persons():
    bids = (
        "契約日,業務名,発注者,受注者,契約額\n"
        "2026-04-15,側溝清掃業務,八戸市,株式会社三八クリーン,880000\n"
        "2026-05-20,街路灯修繕,五所川原市,有限会社津軽電設,1500000\n"
        "2026-06-30,除草業務,十和田市,株式会社三八クリーン,640000\n"
    )
    assert _persons(bids) == []
    works = "工期,工事名,施主,施工\n2026/04,町道改良,七戸町,北斗建設\n2026/05,村道補修,田舎館村,北斗建設\n2026/06,県道舗装,青森県,北斗建設\n"
    assert _persons(works) == []
    ledger = (
        "日付,取引先,金額\n2026-04-01,鶴田町役場,50000\n2026-04-02,○○町,30000\n2026-04-03,△△村役場,20000\n"
    )
    assert _persons(ledger) == []
    assert _persons("施主\t七戸町\n工期\t2026年4月\n") == []  # a vertical form: 工期 is no name


def test_persons_under_a_party_column_stay_even_with_a_place_in_their_names():
    orders = (
        "契約日,業務名,発注者,金額\n2026-04-15,庭木剪定,石田 ウメ,88000\n"
        "2026-05-20,雨樋修理,町田 結衣,15000\n2026-06-30,除草,村上 陽斗,6400\n"
    )
    assert _persons(orders) == ["石田 ウメ", "町田 結衣", "村上 陽斗"]
    assert _persons("日付,依頼者\n2026-04-01,森町\n2026-04-02,原村\n") == ["森町", "原村"]  # surnames too


def test_a_blank_template_s_name_placeholder_turns_no_row_label_into_a_name():
    template = "項目\t内容\n事業所名\tデイサービスひかり\n管理者\t（氏名）＿＿＿＿\n家賃\t月額 38,000円\n食費\t1日 1,100円\n"
    assert _persons(template) == []
    assert _persons("管理者\t（氏名）＿＿＿＿\n家賃\t月額 38,000円\n") == []
    filled = "項目\t内容\n事業所名\tデイサービスひかり\n管理者\t小野寺 直美\n家賃\t月額 38,000円\n"
    assert _persons(filled) == ["小野寺 直美"]
