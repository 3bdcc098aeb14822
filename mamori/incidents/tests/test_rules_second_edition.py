"""Test the second edition of the rules, one article at a time: 委託, My Number, おそれ, data outside Art. 26."""

from __future__ import annotations

from datetime import date

import pytest

from mamori.incidents import coding, rules
from mamori.incidents.rules import Facts, Status, assess, assess_appi, assess_my_number, assess_pmark
from mamori.incidents.taxonomy import DataCategory, EventClass


def facts(**overrides: object) -> Facts:
    """Return settled facts of a small plain leak (nothing reportable), with ``overrides`` applied."""
    base: dict[str, object] = {
        "events": frozenset({"leak"}),
        "known_on": date(2026, 4, 1),
        "persons": 10,
        "special_care": False,
        "property_damage_risk": False,
        "unauthorized_purpose": False,
        "advanced_encryption": False,
        "recovered_before_viewed": False,
        "my_number": False,
        "my_number_viewable_by_unspecified": False,
        "my_number_network": False,
    }
    base.update(overrides)
    if isinstance(base["events"], list | set | tuple):
        base["events"] = frozenset(base["events"])  # type: ignore[arg-type]
    return Facts(**base)  # type: ignore[arg-type]


def codes(determination: object) -> list[str]:
    return [r.code for r in determination.reasons]  # type: ignore[attr-defined]


# --- 委託: APPI Art. 26(1) proviso, Art. 26(2), Enforcement Rules Art. 9, GL 3-5-3-5 --------------------


def test_a_processor_tells_the_controller_instead_of_reporting() -> None:
    """Art. 26(1) proviso and Rules Art. 9: the processor's duty is the notice to the 委託元, day 3-5."""
    result = assess_appi(facts(role="processor", special_care=True, known_on=date(2026, 4, 28)))
    assert result.status is Status.NOTIFY_CONTROLLER
    assert result.reportable is False
    assert result.grounds == ("special_care",)  # the controller needs to know why
    assert result.controller_notice_due == rules.PreliminaryTargets(date(2026, 4, 30), date(2026, 5, 2))
    assert result.final_due is None and result.preliminary_due is None


def test_a_processor_notifies_no_individuals() -> None:
    """Art. 26(2) 「同項ただし書の規定による通知をした者を除く」."""
    result = assess_appi(facts(role="processor", persons=5000))
    assert result.notify_individuals is False


def test_a_processor_that_has_not_told_the_controller_keeps_the_ppc_duty_as_fallback() -> None:
    result = assess_appi(facts(role="processor", persons=5000, known_on=date(2026, 4, 1)))
    assert result.final_due_if_reportable == date(2026, 4, 30)
    assert "entrustment.fallback" in codes(result)
    deadlines = {d.code for d in assess(facts(role="processor", persons=5000)).deadlines}
    assert "appi.controller_notice.target" in deadlines
    assert not {"appi.final_report", "appi.preliminary_report.target"} & deadlines


def test_once_the_controller_is_told_the_processor_has_no_deadline_left_under_article_26() -> None:
    told = facts(role="processor", persons=5000, controller_notified_on=date(2026, 4, 2))
    result = assess_appi(told)
    assert result.status is Status.NOTIFY_CONTROLLER
    assert result.final_due_if_reportable is None
    assert "entrustment.controller_notified" in codes(result)
    assert not [d for d in assess(told).deadlines if d.code.startswith("appi.")]


def test_a_processor_with_nothing_reportable_has_no_notice_duty_under_article_26() -> None:
    result = assess_appi(facts(role="processor"))
    assert result.status is Status.NOT_REPORTABLE and result.controller_notice_due is None


def test_the_privacy_mark_report_stays_with_a_processor() -> None:
    assert assess_pmark(facts(role="processor")).report_required is True


def test_a_controller_told_by_its_contractor_counts_from_the_day_it_was_told() -> None:
    """Rules Art. 8 and GL 3-5-3-5: the controller's clock runs from the contractor's notice."""
    result = assess_appi(facts(occurred_at_contractor=True, persons=1001, known_on=date(2026, 3, 5)))
    assert result.status is Status.REPORTABLE
    assert result.final_due == date(2026, 4, 3)
    reason = next(r for r in result.reasons if r.code == "entrustment.contractor_told_us")
    assert reason.params == {"known_on": "2026-03-05"} and "3-5-3-5" in reason.article


def test_an_unknown_role_is_refused() -> None:
    with pytest.raises(ValueError, match="role"):
        facts(role="joint")


def test_a_processor_of_my_number_data_tells_the_controller_too() -> None:
    """My Number Act Art. 29-4(1) proviso."""
    result = assess_my_number(facts(role="processor", my_number=True, persons=101))
    assert result.status is Status.NOTIFY_CONTROLLER
    assert result.notify_individuals is False and result.controller_notice_due is not None


# --- My Number: Act Art. 29-4 and the PPC's reporting rule Art. 2 -------------------------------------


def test_my_number_counts_its_own_persons_not_the_incidents_total() -> None:
    """Rule Art. 2(iv): 「特定個人情報に係る本人の数が百人を超える」."""
    assert assess_my_number(facts(my_number=True, persons=5000, my_number_persons=100)).status is (
        Status.NOT_REPORTABLE
    )
    assert assess_my_number(facts(my_number=True, persons=50, my_number_persons=101)).grounds == (
        "my_number_over_100",
    )


def test_my_number_persons_default_to_the_incidents_total() -> None:
    assert assess_my_number(facts(my_number=True, persons=101)).status is Status.REPORTABLE


def test_the_pmark_my_number_criterion_counts_the_my_number_persons() -> None:
    result = assess_pmark(facts(my_number=True, persons=5000, my_number_persons=20))
    assert "my_number_over_100" not in result.criteria and "over_1000" in result.criteria


@pytest.mark.parametrize("event", ["misuse", "purpose_violation"])
def test_use_or_provision_of_over_100_my_numbers_is_reportable_without_a_leak(event: str) -> None:
    """Rule Art. 2(iv)(ロ)(ハ): used against Art. 9 or provided against Art. 19."""
    result = assess_my_number(facts(events={event}, my_number=True, persons=120))
    assert result.status is Status.REPORTABLE
    assert result.grounds == ("my_number_over_100",)
    assert assess_appi(facts(events={event}, my_number=True, persons=120)).status is Status.NOT_REPORTABLE


def test_use_of_one_my_number_with_an_unauthorised_purpose_is_reportable() -> None:
    """Rule Art. 2(ii)(ロ): 不正の目的をもって、特定個人情報が利用され; 60 days (Rule Art. 3)."""
    result = assess_my_number(
        facts(
            events={"misuse"}, my_number=True, persons=1, unauthorized_purpose=True, known_on=date(2026, 3, 5)
        )
    )
    assert result.grounds == ("my_number_unauthorized_purpose",)
    assert result.final_due == date(2026, 5, 7)


def test_use_of_a_few_my_numbers_without_an_unauthorised_purpose_is_not_reportable() -> None:
    result = assess_my_number(facts(events={"purpose_violation"}, my_number=True, persons=5))
    assert result.status is Status.NOT_REPORTABLE
    assert "my_number.no_ground" in codes(result)


def test_my_number_individuals_are_notified_when_reportable() -> None:
    """Act Art. 29-4(2)."""
    result = assess_my_number(facts(my_number=True, persons=101))
    assert result.notify_individuals is True
    assert any(r.code == "my_number.notify_individuals" and "29-4(2)" in r.article for r in result.reasons)


def test_unknown_encryption_of_my_number_data_with_a_ground_needs_review() -> None:
    result = assess_my_number(facts(my_number=True, persons=101, advanced_encryption=None))
    assert result.status is Status.NEEDS_REVIEW and result.needs_review == ("advanced_encryption",)


def test_viewable_by_unspecified_persons_is_a_situation_of_its_own() -> None:
    """Rule Art. 2(iii): 閲覧され、又は閲覧されるおそれ, even before the kind of event is coded."""
    result = assess_my_number(facts(events=set(), my_number=True, my_number_viewable_by_unspecified=True))
    assert result.status is Status.REPORTABLE


def test_my_number_ground_reasons_cite_their_item_of_the_rule() -> None:
    result = assess_my_number(facts(my_number=True, persons=101))
    reason = next(r for r in result.reasons if r.code == "my_number.my_number_over_100")
    assert reason.article.endswith("Art. 2(iv)")


def test_my_number_deadlines_enter_the_assessment() -> None:
    deadlines = {d.code: d.due_on for d in assess(facts(my_number=True, persons=101)).deadlines}
    assert deadlines["my_number.preliminary_report.target"] == date(2026, 4, 5)
    assert deadlines["my_number.final_report"] == date(2026, 4, 30)
    assert deadlines["pmark.preliminary_report.target"] == date(2026, 4, 5)


# --- おそれ: Rules Art. 7 「発生し、又は発生したおそれがある」, PPC Q&A 6-1 ------------------------------------


def test_an_unconfirmed_recovery_with_a_ground_is_a_reportable_possible_leak() -> None:
    result = assess_appi(facts(special_care=True, persons=1, recovered_before_viewed=None))
    assert result.status is Status.REPORTABLE and result.needs_review == ()


def test_an_unconfirmed_recovery_without_any_ground_is_not_reportable() -> None:
    assert assess_appi(facts(recovered_before_viewed=None)).status is Status.NOT_REPORTABLE


def test_likely_alone_with_an_established_qualitative_ground_is_reportable() -> None:
    result = assess_appi(facts(events={"likely"}, unauthorized_purpose=True, persons=None))
    assert result.status is Status.REPORTABLE
    assert "events.likely_only" in codes(result)


def test_likely_alone_on_the_number_of_persons_only_still_needs_review() -> None:
    result = assess_appi(facts(events={"likely"}, persons=5000))
    assert result.status is Status.NEEDS_REVIEW and result.needs_review == ("events",)


# --- Data outside Art. 26 -------------------------------------------------------------------------------


@pytest.mark.parametrize("event", ["destruction_damage", "tampering"])
def test_destruction_or_damage_with_a_copy_kept_is_no_breach(event: str) -> None:
    """GL 3-5-1-2 (滅失) and 3-5-1-3 (毀損): 「同じデータが他に保管されている場合」."""
    result = assess_appi(facts(events={event}, persons=5000, copy_kept=True))
    assert result.status is Status.NOT_REPORTABLE
    assert "events.copy_kept" in codes(result)


def test_a_copy_kept_does_not_undo_a_leak() -> None:
    result = assess_appi(facts(events={"leak", "destruction_damage"}, persons=5000, copy_kept=True))
    assert result.status is Status.REPORTABLE


def test_an_unknown_copy_of_destroyed_data_needs_review() -> None:
    result = assess_appi(facts(events={"destruction_damage"}, persons=5000, copy_kept=None))
    assert result.status is Status.NEEDS_REVIEW and result.needs_review == ("copy_kept",)


def test_pseudonymized_data_is_outside_article_26_but_the_privacy_mark_counts_it() -> None:
    """APPI Art. 41(9): Art. 26 does not apply to 仮名加工情報 that is personal data."""
    scenario = facts(persons=50000, special_care=True, pseudonymized=True)
    result = assess_appi(scenario)
    assert result.status is Status.NOT_REPORTABLE and result.notify_individuals is False
    assert result.reasons[0].article == "APPI Art. 41(9)"
    assert assess_pmark(scenario).preliminary_required is True


def test_an_account_number_alone_is_no_property_damage_risk_at_intake() -> None:
    """PPC Q&A 14-8 (口座番号それ自体) and 6-11: only card numbers and payment log-ins are flagged."""
    assert coding.facts_from_intake(EventClass.MISSENT, [DataCategory.BANK])["property_damage_risk"] is None
    assert coding.facts_from_intake(EventClass.MISSENT, [DataCategory.LOGIN])["property_damage_risk"] is None
    flagged = coding.facts_from_intake(EventClass.MISSENT, [DataCategory.PAYMENT_LOGIN])
    assert flagged["property_damage_risk"] is True
    assert coding.facts_from_intake(EventClass.MISSENT, [DataCategory.CARD])["property_damage_risk"] is True
