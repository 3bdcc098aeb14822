"""Test the ledger checks, one group per article; plain pytest, no database."""

from __future__ import annotations

from datetime import date

import pytest

from mamori.ledger import rules
from mamori.ledger.rules import Foreign, JointUse, Risk, Row

TODAY = date(2026, 12, 6)
ALL_PHASES = tuple(Risk(phase=phase) for phase in rules.CORE_PHASES)


def clean_row(**fields: object) -> Row:
    """Return a row that passes every check, with ``fields`` changed."""
    base: dict[str, object] = {
        "id": "r",
        "purpose": "給与計算及び社会保険の手続のため",
        "last_reviewed": date(2026, 4, 1),
        "risks": ALL_PHASES,
    }
    return Row(**{**base, **fields})  # type: ignore[arg-type]


def codes(row: Row, today: date = TODAY) -> list[str]:
    return [f.code for f in rules.check_row(row, today)]


def test_clean_row_has_no_finding() -> None:
    assert codes(clean_row()) == []


# --- APPI Art. 20(2): special-care information needs prior consent or an exception ----------------------


def test_special_care_with_consent_given_is_fine() -> None:
    assert codes(clean_row(special_care=True, special_care_consent=True)) == []


def test_special_care_without_consent_and_no_exception_is_an_error() -> None:
    (finding,) = rules.check_special_care(clean_row(special_care=True, special_care_consent=False))
    assert finding.code == "SPECIAL_CARE_WITHOUT_CONSENT"
    assert finding.severity == "error"
    assert "Art. 20(2)" in finding.article


def test_special_care_with_consent_not_recorded_is_flagged_too() -> None:
    assert codes(clean_row(special_care=True)) == ["SPECIAL_CARE_WITHOUT_CONSENT"]
    assert codes(clean_row(special_care=True, special_care_consent=None)) == ["SPECIAL_CARE_WITHOUT_CONSENT"]


@pytest.mark.parametrize("exception", ["法令に基づく場合", "Art. 20(2)(ii) 人の生命の保護", "委託に伴う提供"])
def test_a_named_exception_clears_special_care_without_consent(exception: str) -> None:
    assert (
        codes(clean_row(special_care=True, special_care_consent=False, special_care_exception=exception))
        == []
    )


def test_a_blank_exception_is_no_exception() -> None:
    assert codes(clean_row(special_care=True, special_care_exception="  ")) == [
        "SPECIAL_CARE_WITHOUT_CONSENT"
    ]


def test_special_care_items_count_when_the_flag_is_not_recorded() -> None:
    (finding,) = rules.check_special_care(clean_row(items=("氏名", "既往歴")))
    assert finding.code == "SPECIAL_CARE_WITHOUT_CONSENT"
    assert "病歴" in finding.text()


def test_an_explicit_no_special_care_is_respected() -> None:
    assert codes(clean_row(special_care=False, items=("氏名", "健康情報"))) == []


def test_special_care_not_recorded_and_ordinary_items_is_not_judged() -> None:
    assert codes(clean_row(items=("氏名", "住所", "電話番号"))) == []


# --- APPI Art. 28(1): foreign provision ------------------------------------------------------------------


@pytest.mark.parametrize("basis", ["equivalent_system", "adequacy"])
def test_foreign_provision_with_a_basis_is_fine(basis: str) -> None:
    assert codes(clean_row(foreign=Foreign(country="米国", basis=basis))) == []


def test_foreign_provision_without_a_basis_is_an_error() -> None:
    (finding,) = rules.check_foreign(clean_row(foreign=Foreign(country="シンガポール")))
    assert finding.code == "FOREIGN_WITHOUT_BASIS" and finding.severity == "error"
    assert "Art. 28" in finding.article
    assert "シンガポール" in finding.text()


def test_an_empty_foreign_record_is_no_foreign_provision() -> None:
    assert codes(clean_row(foreign=Foreign())) == []


def test_foreign_provision_on_consent_needs_a_provision_record() -> None:
    # Art. 29(1) proviso: for an Art. 28(1) provision only the Art. 27(1) exceptions release the record.
    row = clean_row(provision="entrustment", foreign=Foreign(country="米国", basis="consent"))
    assert codes(row) == ["PROVISION_RECORD_REQUIRED"]


# --- APPI Art. 29(1): records of provision ---------------------------------------------------------------


@pytest.mark.parametrize("provision", ["consent", "opt_out"])
def test_provision_by_consent_or_opt_out_needs_a_record(provision: str) -> None:
    (finding,) = rules.check_provision_record(clean_row(provision=provision))
    assert finding.code == "PROVISION_RECORD_REQUIRED"
    assert "Art. 29" in finding.article


@pytest.mark.parametrize("provision", ["none", "exception", "entrustment", None])
def test_provision_without_record_duty(provision: str | None) -> None:
    assert codes(clean_row(provision=provision)) == []


# --- APPI Art. 27(5)(iii): joint use ---------------------------------------------------------------------

COMPLETE_JOINT_USE = JointUse(
    items=["氏名", "住所"],
    scope="当社の子会社（別紙一覧）",
    purpose="グループ各社の商品のご案内のため",
    responsible="株式会社サンプル（東京都千代田区…、代表取締役 架空太郎）",
)


def test_complete_joint_use_is_fine() -> None:
    assert codes(clean_row(provision="joint_use", joint_use=COMPLETE_JOINT_USE)) == []


@pytest.mark.parametrize("missing", JointUse.KEYS)
def test_joint_use_missing_one_item_is_incomplete(missing: str) -> None:
    joint = JointUse(**{k: (None if k == missing else getattr(COMPLETE_JOINT_USE, k)) for k in JointUse.KEYS})
    (finding,) = rules.check_joint_use(clean_row(provision="joint_use", joint_use=joint))
    assert finding.code == "JOINT_USE_INCOMPLETE"
    assert finding.params["missing"] == missing


def test_joint_use_with_empty_list_or_blank_text_is_incomplete() -> None:
    joint = JointUse(items=[], scope=" ", purpose="案内のため", responsible="株式会社サンプル")
    (finding,) = rules.check_joint_use(clean_row(provision="joint_use", joint_use=joint))
    assert finding.params["missing"] == "items, scope"


def test_joint_use_declared_but_not_described_is_incomplete() -> None:
    assert codes(clean_row(provision="joint_use")) == ["JOINT_USE_INCOMPLETE"]


def test_blank_joint_use_columns_on_a_row_without_joint_use_are_ignored() -> None:
    assert codes(clean_row(provision="none", joint_use=JointUse())) == []


def test_partly_filled_joint_use_counts_even_if_provision_says_otherwise() -> None:
    assert codes(clean_row(provision="consent", joint_use=JointUse(items=["氏名"]))) == [
        "PROVISION_RECORD_REQUIRED",
        "JOINT_USE_INCOMPLETE",
    ]


# --- APPI Art. 17(1), GL 3-1-1: purpose of use --------------------------------------------------------


@pytest.mark.parametrize(
    "purpose",
    [
        "業務のため",
        "事業活動のため",
        "事業活動に用いるため",  # GL 3-1-1's own example
        "マーケティング活動に用いるため",  # GL 3-1-1
        "提供するサービスの向上のため",  # GL 3-1-1
        "当社の業務に利用します。",
        "業務上必要な範囲で利用します",
        "当社の事業活動、マーケティング活動に用いるため",
        "ＢＵＳＩＮＥＳＳ ＰＵＲＰＯＳＥＳ",
        "",
    ],
)
def test_vague_purposes_are_flagged(purpose: str) -> None:
    assert codes(clean_row(purpose=purpose)) == ["VAGUE_PURPOSE"]


@pytest.mark.parametrize(
    "purpose",
    [
        "採用選考及び選考結果のご連絡のため",
        "通信販売事業における商品の発送、関連するアフターサービス、新商品・サービスに関する情報のお知らせ",
        "人事管理（配属、評価、昇給）のため",
        "商品の発送及び業務のため",
    ],
)
def test_specific_purposes_are_not_flagged(purpose: str) -> None:
    assert codes(clean_row(purpose=purpose)) == []


def test_a_purpose_not_recorded_is_not_called_vague() -> None:
    assert codes(clean_row(purpose=None)) == []


# --- Lifecycle risks (JIS Q 15001 6.2; GL 10) --------------------------------------------------------------


def test_a_missing_phase_is_named() -> None:
    risks = tuple(r for r in ALL_PHASES if r.phase != "dispose")
    (finding,) = rules.check_phases(clean_row(risks=risks))
    assert finding.code == "PHASE_WITHOUT_RISK"
    assert finding.params["phases"] == "dispose"


def test_no_risks_recorded_means_every_phase_is_missing() -> None:
    (finding,) = rules.check_phases(clean_row(risks=None))
    assert finding.params["phases"] == "acquire, transfer, use, store, dispose"


def test_entrust_and_provide_do_not_stand_for_a_core_phase() -> None:
    risks = (Risk(phase="entrust"), Risk(phase="provide"), *ALL_PHASES[:4])
    assert codes(clean_row(risks=risks)) == ["PHASE_WITHOUT_RISK"]


def test_paper_and_electronic_risks_of_one_phase_both_count() -> None:
    risks = (*ALL_PHASES[:4], Risk(phase="dispose", media="paper"), Risk(phase="dispose", media="electronic"))
    assert codes(clean_row(risks=risks)) == []


@pytest.mark.parametrize("kind", sorted(rules.UNACCEPTABLE_RESIDUAL_KINDS))
def test_improper_acquisition_or_beyond_purpose_can_never_be_residual(kind: str) -> None:
    risk = Risk(phase="acquire", kind=kind, residual=True, residual_approved=True)
    (finding,) = rules.check_residuals(clean_row(risks=(*ALL_PHASES, risk)))
    assert finding.code == "RESIDUAL_NOT_ALLOWED" and finding.severity == "error"


def test_a_residual_risk_needs_top_management_approval() -> None:
    unapproved = Risk(phase="store", kind="leak", residual=True)
    approved = Risk(phase="store", kind="loss", residual=True, residual_approved=True)
    findings = rules.check_residuals(clean_row(risks=(unapproved, approved)))
    assert [(f.code, f.params["number"]) for f in findings] == [("RESIDUAL_NOT_APPROVED", 1)]


def test_a_treated_risk_needs_no_approval() -> None:
    assert rules.check_residuals(clean_row(risks=(Risk(phase="use", kind="leak", residual=False),))) == []


# --- Yearly review ----------------------------------------------------------------------------------------


def test_review_missing_is_overdue() -> None:
    assert codes(clean_row(last_reviewed=None)) == ["REVIEW_OVERDUE"]


@pytest.mark.parametrize(
    ("reviewed", "overdue"),
    [(date(2025, 12, 6), False), (date(2025, 12, 5), True), (date(2026, 12, 7), False)],
)
def test_review_is_overdue_after_365_days(reviewed: date, overdue: bool) -> None:
    assert (codes(clean_row(last_reviewed=reviewed)) == ["REVIEW_OVERDUE"]) is overdue


# --- APPI Art. 32(1): the published notice -------------------------------------------------------------


def test_retained_data_not_published_is_an_error() -> None:
    assert codes(clean_row(retained=True, published=False)) == ["NOT_PUBLISHED"]
    assert codes(clean_row(retained=True)) == ["NOT_PUBLISHED"]
    assert codes(clean_row(retained=True, published=True)) == []
    assert codes(clean_row(retained=False)) == []


# --- GL 10: small businesses ---------------------------------------------------------------------------


def test_more_than_5000_persons_is_no_small_business() -> None:
    rows = [Row(id=1, count=3000), Row(id=2, count=2001), Row(id=3)]
    (finding,) = rules.check_organisation(rows)
    assert finding.code == "NOT_SMALL_BUSINESS"
    assert "5,001" in finding.text()


def test_exactly_5000_persons_is_still_a_small_business() -> None:
    assert rules.check_organisation([Row(id=1, count=2500), Row(id=2, count=2500), Row(id=3)]) == []


# --- Field dictionary ------------------------------------------------------------------------------------


def test_items_are_folded_to_the_dictionary() -> None:
    assert rules.canonical_item("ﾒｰﾙ") == "メールアドレス"
    assert rules.canonical_item("個人番号") == "マイナンバー"
    assert rules.canonical_item(" 趣味 ") == "趣味"
    assert rules.special_care_items(["氏名", "健診結果", "信条", "健康診断結果"]) == ["健康診断結果", "信条"]


def test_every_pii_label_has_an_item() -> None:
    from mamori.pii import LABELS

    assert set(rules.PII_LABEL_ITEMS) == set(LABELS)


def test_a_missing_phase_is_named_in_japanese_when_shown_and_by_code_in_the_params() -> None:
    from django.utils import translation
    from django.utils.translation import gettext

    (finding,) = rules.check_phases(clean_row(risks=None))
    with translation.override("ja"):
        text = finding.text(gettext)
    assert "取得・入力、" in text and "acquire" not in text
    assert finding.params["phases"] == "acquire, transfer, use, store, dispose"


def test_every_article_the_ledger_cites_reads_in_japanese() -> None:
    import re

    from mamori.reference.citations import cite

    articles = {v for k, v in vars(rules).items() if k.isupper() and isinstance(v, str) and "Art." in v}
    articles |= {rules.RISK_ASSESSMENT, rules.REVIEW, rules.GL_SMALL_BUSINESS}
    assert len(articles) >= 10
    for article in articles:
        japanese = cite(article, "ja")
        assert not re.search(r"[A-Za-z]", japanese.replace("JIS Q", "")), (article, japanese)
    assert cite(rules.ART_27_5_3, "ja") == "個人情報保護法第27条第5項第3号"
    assert cite(rules.ART_28, "ja") == "個人情報保護法第28条第1項；施行規則第15条～第18条"
