"""Test the determination rules of legal.md: APPI Art. 26, the Privacy Mark and the My Number Act."""

from __future__ import annotations

import re
from datetime import date

import pytest

from mamori.incidents import reasons, rules
from mamori.incidents.rules import (
    Facts,
    Status,
    assess,
    assess_appi,
    assess_my_number,
    assess_pmark,
    final_report_due,
    preliminary_report_targets,
)

APPI_EVENTS = ["leak", "loss", "destruction_damage", "tampering"]
PMARK_ONLY_EVENTS = ["improper_acquisition", "purpose_violation", "misuse", "request_refusal"]


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


# --- APPI: grounds -------------------------------------------------------------------------------------


def test_small_plain_leak_is_not_reportable() -> None:
    result = assess_appi(facts())
    assert result.status is Status.NOT_REPORTABLE
    assert result.reportable is False
    assert result.grounds == ()
    assert result.final_due is None
    assert result.notify_individuals is False
    assert result.needs_review == ()


@pytest.mark.parametrize(
    ("fact", "ground", "article"),
    [
        ("special_care", "special_care", "Enforcement Rules Art. 7(i)"),
        ("property_damage_risk", "property_damage", "Enforcement Rules Art. 7(ii)"),
        ("unauthorized_purpose", "unauthorized_purpose", "Enforcement Rules Art. 7(iii)"),
    ],
)
def test_each_qualitative_ground_makes_one_person_reportable(fact: str, ground: str, article: str) -> None:
    result = assess_appi(facts(persons=1, **{fact: True}))
    assert result.status is Status.REPORTABLE
    assert result.grounds == (ground,)
    assert result.notify_individuals is True
    cited = [r.article for r in result.reasons if r.code == f"ground.{ground}"]
    assert cited and article in cited[0]


def test_exactly_1000_persons_is_not_reportable() -> None:
    result = assess_appi(facts(persons=1000))
    assert result.status is Status.NOT_REPORTABLE
    assert result.grounds == ()


def test_1001_persons_is_reportable_on_numbers() -> None:
    result = assess_appi(facts(persons=1001))
    assert result.status is Status.REPORTABLE
    assert result.grounds == ("over_1000",)
    assert any("Enforcement Rules Art. 7(iv)" in r.article for r in result.reasons)


def test_all_applying_grounds_are_kept_sorted() -> None:
    result = assess_appi(
        facts(persons=5000, special_care=True, property_damage_risk=True, unauthorized_purpose=True)
    )
    assert result.grounds == ("over_1000", "property_damage", "special_care", "unauthorized_purpose")


def test_a_ground_cannot_apply_when_nobody_is_affected() -> None:
    assert assess_appi(facts(persons=0, special_care=True)).status is Status.NOT_REPORTABLE


# --- APPI: which events count --------------------------------------------------------------------------


@pytest.mark.parametrize("event", APPI_EVENTS)
def test_leak_loss_destruction_and_tampering_count_for_article_26(event: str) -> None:
    assert assess_appi(facts(events={event}, special_care=True)).status is Status.REPORTABLE


@pytest.mark.parametrize("event", PMARK_ONLY_EVENTS)
def test_events_other_than_leak_loss_or_damage_are_not_article_26_breaches(event: str) -> None:
    result = assess_appi(facts(events={event}, special_care=True, persons=5000))
    assert result.status is Status.NOT_REPORTABLE
    assert [r.code for r in result.reasons] == ["events.not_breach"]


def test_a_likely_leak_counts_like_a_leak() -> None:
    assert assess_appi(facts(events={"leak", "likely"}, persons=1001)).status is Status.REPORTABLE


@pytest.mark.parametrize("events", [frozenset(), frozenset({"likely"})])
def test_unclassified_events_need_review_rather_than_not_reportable(events: frozenset[str]) -> None:
    result = assess_appi(facts(events=events, persons=1001))
    assert result.status is Status.NEEDS_REVIEW
    assert "events" in result.needs_review


def test_unknown_event_code_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown event code"):
        facts(events={"leek"})


@pytest.mark.parametrize("persons", [-1, True, 1.5])
def test_persons_must_be_a_non_negative_integer(persons: object) -> None:
    with pytest.raises(ValueError, match="persons"):
        facts(persons=persons)


# --- APPI: recovery before viewing ---------------------------------------------------------------------


@pytest.mark.parametrize("event", ["leak", "loss"])
def test_data_recovered_before_anyone_viewed_it_is_not_a_leak(event: str) -> None:
    result = assess_appi(facts(events={event}, recovered_before_viewed=True, special_care=True))
    assert result.status is Status.NOT_REPORTABLE
    assert any(r.code == "events.recovered" and "3-5-1-1" in r.article for r in result.reasons)


def test_recovery_does_not_undo_destruction_or_damage() -> None:
    result = assess_appi(
        facts(events={"leak", "destruction_damage"}, recovered_before_viewed=True, unauthorized_purpose=True)
    )
    assert result.status is Status.REPORTABLE


def test_unknown_recovery_of_a_leak_with_a_ground_is_reportable_as_a_possible_leak() -> None:
    """Rules Art. 7 (発生したおそれ), GL 3-5-1-1, PPC Q&A 6-1: only a confirmed recovery removes a leak."""
    result = assess_appi(facts(recovered_before_viewed=None, persons=2000))
    assert result.status is Status.REPORTABLE
    assert result.grounds == ("over_1000",)
    assert result.needs_review == ()
    reason = next(r for r in result.reasons if r.code == "events.recovery_unknown")
    assert "判明後に確報で訂正" in reason.message and "Q&A 6-1" in reason.article


# --- APPI: advanced encryption -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides",
    [
        {"special_care": True},
        {"property_damage_risk": True},
        {"unauthorized_purpose": True},
        {"persons": 1001},
    ],
)
def test_advanced_encryption_exempts_every_ground(overrides: dict[str, object]) -> None:
    result = assess_appi(facts(advanced_encryption=True, **overrides))
    assert result.status is Status.NOT_REPORTABLE
    assert result.exemption_applied is True
    assert result.grounds == ()
    assert len(result.exempted_grounds) == 1
    assert result.notify_individuals is False
    assert result.final_due is None


def test_no_encryption_leaves_the_leak_reportable() -> None:
    result = assess_appi(facts(advanced_encryption=False, special_care=True))
    assert result.status is Status.REPORTABLE
    assert result.exemption_applied is False


def test_unknown_encryption_with_a_ground_needs_review_never_silently_exempt() -> None:
    result = assess_appi(facts(advanced_encryption=None, special_care=True))
    assert result.status is Status.NEEDS_REVIEW
    assert result.needs_review == ("advanced_encryption",)
    assert result.grounds == ("special_care",)
    assert result.notify_individuals is None
    assert result.final_due is None
    assert result.final_due_if_reportable == date(2026, 4, 30)


def test_unknown_encryption_without_any_ground_is_not_reportable() -> None:
    assert assess_appi(facts(advanced_encryption=None)).status is Status.NOT_REPORTABLE


# --- APPI: unknown facts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fact", "value"),
    [
        ("special_care", None),
        ("property_damage_risk", None),
        ("unauthorized_purpose", None),
        ("persons", None),
    ],
)
def test_an_unknown_ground_needs_review(fact: str, value: object) -> None:
    result = assess_appi(facts(**{fact: value}))
    assert result.status is Status.NEEDS_REVIEW
    assert result.needs_review == (fact,)
    assert any(r.code == "needs_review" for r in result.reasons)


def test_unknown_number_of_persons_is_still_reportable_on_another_ground() -> None:
    result = assess_appi(facts(persons=None, property_damage_risk=True))
    assert result.status is Status.REPORTABLE
    assert result.grounds == ("property_damage",)
    assert result.needs_review == ()


def test_nothing_known_beyond_the_event_needs_review_of_every_fact() -> None:
    result = assess_appi(Facts(events=frozenset({"leak"}), known_on=date(2026, 4, 1)))
    assert result.status is Status.NEEDS_REVIEW
    assert set(result.needs_review) == {
        "advanced_encryption",
        "persons",
        "property_damage_risk",
        "special_care",
        "unauthorized_purpose",
    }


def test_notification_follows_the_data_driven_set_of_grounds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rules, "NOTIFY_INDIVIDUALS_GROUNDS", frozenset({"special_care"}))
    assert assess_appi(facts(persons=1001)).notify_individuals is False
    assert assess_appi(facts(special_care=True)).notify_individuals is True


# --- APPI: deadlines in the determination --------------------------------------------------------------


def test_final_report_is_due_after_30_days_without_unauthorised_purpose() -> None:
    result = assess_appi(facts(known_on=date(2026, 11, 30), persons=1001))
    assert result.final_due == date(2027, 1, 4)


def test_final_report_is_due_after_60_days_for_unauthorised_access() -> None:
    result = assess_appi(facts(known_on=date(2026, 3, 5), unauthorized_purpose=True))
    assert result.final_due == date(2026, 5, 7)


def test_sixty_days_apply_when_unauthorised_purpose_is_combined_with_other_grounds() -> None:
    result = assess_appi(facts(known_on=date(2026, 3, 5), unauthorized_purpose=True, persons=5000))
    assert result.final_due == date(2026, 5, 7)


def test_unknown_unauthorised_purpose_shows_the_earlier_30_day_date_and_asks_for_review() -> None:
    result = assess_appi(facts(special_care=True, unauthorized_purpose=None))
    assert result.status is Status.REPORTABLE
    assert result.final_due == date(2026, 4, 30)
    assert result.needs_review == ("unauthorized_purpose",)


def test_reportable_without_a_day_of_knowledge_has_no_due_date_and_asks_for_it() -> None:
    result = assess_appi(facts(known_on=None, special_care=True))
    assert result.status is Status.REPORTABLE
    assert result.final_due is None
    assert result.needs_review == ("known_on",)


def test_reportable_determination_carries_the_preliminary_targets() -> None:
    result = assess_appi(facts(known_on=date(2026, 4, 6), special_care=True))
    assert result.preliminary_due == (date(2026, 4, 8), date(2026, 4, 10))


# --- Calendar ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("known_on", "unauthorized", "due"),
    [
        (date(2026, 11, 30), False, date(2027, 1, 4)),  # legal.md: 12/29 -> after the year end
        (date(2026, 3, 5), True, date(2026, 5, 7)),  # legal.md: 5/3 Sun, 5/4-5/5, 5/6 振替休日
        (date(2026, 4, 1), False, date(2026, 4, 30)),  # legal.md: a plain Thursday
    ],
)
def test_worked_examples_of_legal_md_hold(known_on: date, unauthorized: bool, due: date) -> None:
    assert final_report_due(known_on, unauthorized) == due


def test_day_of_knowledge_counts_as_day_one() -> None:
    assert final_report_due(date(2026, 6, 1), False) == date(2026, 6, 30)
    assert final_report_due(date(2026, 6, 1), True) == date(2026, 7, 30)


@pytest.mark.parametrize(
    ("known_on", "due"),
    [
        (date(2026, 6, 12), date(2026, 7, 13)),  # day 30 is Saturday 7/11
        (date(2026, 6, 13), date(2026, 7, 13)),  # day 30 is Sunday 7/12
        (date(2025, 7, 6), date(2025, 8, 4)),  # day 30 is Monday 8/4, no move
    ],
)
def test_a_due_date_on_a_weekend_moves_to_monday(known_on: date, due: date) -> None:
    assert final_report_due(known_on, False) == due


@pytest.mark.parametrize(
    ("known_on", "due"),
    [
        (date(2026, 6, 21), date(2026, 7, 21)),  # 海の日 2026-07-20
        (date(2025, 10, 5), date(2025, 11, 4)),  # 文化の日 2025-11-03 (Monday)
        (date(2027, 1, 13), date(2027, 2, 12)),  # 建国記念の日 2027-02-11 (Thursday)
    ],
)
def test_a_due_date_on_a_national_holiday_moves_to_the_next_working_day(known_on: date, due: date) -> None:
    assert final_report_due(known_on, False) == due


@pytest.mark.parametrize(
    ("known_on", "due"),
    [
        (date(2027, 2, 20), date(2027, 3, 23)),  # 春分の日 Sun 3/21 -> 振替休日 Mon 3/22
        (date(2024, 1, 13), date(2024, 2, 13)),  # 建国記念の日 Sun 2/11 -> 振替休日 Mon 2/12
        (date(2026, 4, 7), date(2026, 5, 7)),  # day 30 is 5/6, 振替休日 for 憲法記念日
    ],
)
def test_a_due_date_on_a_substitute_holiday_moves_on(known_on: date, due: date) -> None:
    assert final_report_due(known_on, False) == due


@pytest.mark.parametrize(
    ("known_on", "due"),
    [
        (date(2026, 8, 21), date(2026, 9, 24)),  # 9/19-9/23, with 国民の休日 on Tue 2026-09-22
        (date(2032, 8, 20), date(2032, 9, 23)),  # 9/18-9/22, with 国民の休日 on Tue 2032-09-21
        (date(2015, 8, 21), date(2015, 9, 24)),  # シルバーウィーク 2015, 国民の休日 on 9/22
    ],
)
def test_a_due_date_on_a_citizens_holiday_moves_on(known_on: date, due: date) -> None:
    assert final_report_due(known_on, False) == due


@pytest.mark.parametrize(
    ("known_on", "due"),
    [
        (date(2024, 11, 30), date(2025, 1, 6)),  # 2024-12-29 Sun; 2025-01-04 is a Saturday
        (date(2025, 12, 2), date(2026, 1, 5)),  # 2025-12-31 Wed; 2026-01-04 is a Sunday
        (date(2026, 11, 30), date(2027, 1, 4)),  # 2026-12-29 Tue
        (date(2027, 12, 5), date(2028, 1, 4)),  # 2028-01-03 Mon
        (date(2028, 12, 1), date(2029, 1, 4)),  # 2028-12-30 Sat
        (date(2030, 12, 4), date(2031, 1, 6)),  # 2031-01-02 Thu; 1/4 Sat
    ],
)
def test_a_due_date_in_the_year_end_holidays_moves_past_3_january(known_on: date, due: date) -> None:
    assert final_report_due(known_on, False) == due


def test_28_december_on_a_weekday_is_a_working_day() -> None:
    assert final_report_due(date(2027, 11, 29), False) == date(2027, 12, 28)


def test_preliminary_report_targets_are_day_3_and_day_5() -> None:
    assert preliminary_report_targets(date(2026, 4, 6)) == (date(2026, 4, 8), date(2026, 4, 10))


def test_preliminary_report_targets_are_plain_calendar_days_3_and_5() -> None:
    warn_on, target_on = preliminary_report_targets(date(2026, 4, 29))  # 5/1 Fri, 5/3 Sun (Golden Week)
    assert (warn_on, target_on) == (date(2026, 5, 1), date(2026, 5, 3))
    assert preliminary_report_targets(date(2026, 12, 27)) == (date(2026, 12, 29), date(2026, 12, 31))


# --- Privacy Mark --------------------------------------------------------------------------------------


@pytest.mark.parametrize("event", APPI_EVENTS + PMARK_ONLY_EVENTS + ["likely"])
def test_every_pmark_incident_needs_a_report_whatever_its_size(event: str) -> None:
    result = assess_pmark(facts(events={event}, persons=1))
    assert result.report_required is True
    assert result.preliminary_required is False


def test_pmark_report_is_still_required_for_encrypted_or_recovered_data() -> None:
    result = assess_pmark(facts(advanced_encryption=True, recovered_before_viewed=True, persons=1001))
    assert result.report_required is True
    assert result.preliminary_required is True
    assert result.criteria == ("over_1000",)


def test_pmark_without_classified_events_needs_review() -> None:
    result = assess_pmark(facts(events=frozenset()))
    assert result.report_required is None
    assert "events" in result.needs_review


@pytest.mark.parametrize(
    ("overrides", "criterion"),
    [
        ({"special_care": True}, "special_care"),
        ({"property_damage_risk": True}, "property_damage"),
        ({"persons": 1001}, "over_1000"),
        ({"my_number": True, "persons": 101}, "my_number_over_100"),
        ({"my_number": True, "my_number_viewable_by_unspecified": True}, "my_number_viewable_by_unspecified"),
        ({"my_number": True, "my_number_network": True}, "my_number_network"),
    ],
)
def test_pmark_preliminary_report_criteria(overrides: dict[str, object], criterion: str) -> None:
    result = assess_pmark(facts(**overrides))
    assert result.preliminary_required is True
    assert result.criteria == (criterion,)


def test_pmark_unauthorised_purpose_requires_a_preliminary_report_and_60_days() -> None:
    result = assess_pmark(facts(unauthorized_purpose=True, my_number=True, known_on=date(2026, 3, 5)))
    assert result.criteria == ("my_number_unauthorized_purpose", "unauthorized_purpose")
    assert result.final_due == date(2026, 5, 3)  # a Sunday: P-mark dates do not roll over


def test_pmark_thresholds_are_strictly_more_than_1000_and_100() -> None:
    assert assess_pmark(facts(persons=1000)).preliminary_required is False
    assert assess_pmark(facts(persons=100, my_number=True)).preliminary_required is False
    assert assess_pmark(facts(persons=101, my_number=False)).preliminary_required is False


def test_pmark_final_due_is_a_plain_calendar_date_from_discovery() -> None:
    result = assess_pmark(facts(known_on=date(2026, 11, 30)))
    assert result.final_due == date(2026, 12, 29)
    assert result.preliminary_due is None


def test_pmark_clock_starts_on_discovery_when_it_differs_from_knowledge() -> None:
    result = assess_pmark(facts(known_on=date(2026, 4, 10), discovered_on=date(2026, 4, 1), persons=2000))
    assert result.final_due == date(2026, 4, 30)
    assert result.preliminary_due == (date(2026, 4, 3), date(2026, 4, 5))


def test_pmark_preliminary_report_with_unknown_criteria_needs_review() -> None:
    result = assess_pmark(facts(my_number=None, persons=500))
    assert result.report_required is True
    assert result.preliminary_required is None
    assert result.needs_review == ("my_number",)


def test_pmark_mentions_the_granting_bodys_discretion_when_no_criterion_applies() -> None:
    result = assess_pmark(facts())
    assert any(r.code == "pmark.preliminary_not_required" for r in result.reasons)


# --- My Number Act -------------------------------------------------------------------------------------


def test_my_number_act_does_not_apply_without_my_number_data() -> None:
    result = assess_my_number(facts(persons=5000, unauthorized_purpose=True))
    assert result.status is Status.NOT_REPORTABLE
    assert result.grounds == ()


def test_my_number_over_100_persons_is_reportable_under_its_own_act_not_article_26() -> None:
    f = facts(my_number=True, persons=101)
    assert assess_my_number(f).status is Status.REPORTABLE
    assert assess_my_number(f).grounds == ("my_number_over_100",)
    assert assess_appi(f).status is Status.NOT_REPORTABLE


def test_my_number_exactly_100_persons_is_not_reportable() -> None:
    assert assess_my_number(facts(my_number=True, persons=100)).status is Status.NOT_REPORTABLE


@pytest.mark.parametrize(
    ("fact", "ground"),
    [
        ("unauthorized_purpose", "my_number_unauthorized_purpose"),
        ("my_number_viewable_by_unspecified", "my_number_viewable_by_unspecified"),
        ("my_number_network", "my_number_network"),
    ],
)
def test_each_my_number_ground_is_reportable_for_one_person(fact: str, ground: str) -> None:
    result = assess_my_number(facts(my_number=True, persons=1, **{fact: True}))
    assert result.status is Status.REPORTABLE
    assert result.grounds == (ground,)
    assert all("My Number Act" in r.article for r in result.reasons if r.code.startswith("my_number."))


def test_my_number_final_report_takes_60_days_for_unauthorised_purpose() -> None:
    result = assess_my_number(facts(my_number=True, unauthorized_purpose=True, known_on=date(2026, 3, 5)))
    assert result.final_due == date(2026, 5, 7)


def test_unknown_my_number_involvement_needs_review_when_a_ground_applies() -> None:
    result = assess_my_number(facts(my_number=None, persons=500))
    assert result.status is Status.NEEDS_REVIEW
    assert result.needs_review == ("my_number",)
    assert result.final_due_if_reportable == date(2026, 4, 30)


def test_advanced_encryption_exempts_my_number_breaches() -> None:
    """My Number reporting rule Art. 2(i): 「高度な暗号化…を講じたものを除く。以下同じ。」."""
    result = assess_my_number(facts(my_number=True, persons=500, advanced_encryption=True))
    assert result.status is Status.NOT_REPORTABLE
    assert result.notify_individuals is False
    assert any(r.code == "my_number.exemption.encryption" for r in result.reasons)


def test_recovered_my_number_documents_are_not_a_leak() -> None:
    result = assess_my_number(
        facts(events={"loss"}, my_number=True, persons=500, recovered_before_viewed=True)
    )
    assert result.status is Status.NOT_REPORTABLE


# --- Everything together -------------------------------------------------------------------------------


def test_assess_bundles_the_three_regimes_and_lists_deadlines_earliest_first() -> None:
    result = assess(facts(known_on=date(2026, 11, 30), persons=1001))
    assert result.appi.status is Status.REPORTABLE
    assert result.pmark.preliminary_required is True
    assert result.my_number.status is Status.NOT_REPORTABLE
    codes = [(d.code, d.due_on) for d in result.deadlines]
    assert codes[-2:] == [("pmark.final_report", date(2026, 12, 29)), ("appi.final_report", date(2027, 1, 4))]
    assert [d.due_on for d in result.deadlines] == sorted(d.due_on for d in result.deadlines)
    assert all(d.is_target for d in result.deadlines if "preliminary" in d.code)


SCENARIOS = [
    facts(),
    facts(persons=1001),
    facts(persons=None, special_care=None, advanced_encryption=None, recovered_before_viewed=None),
    facts(events=frozenset()),
    facts(events={"misuse"}),
    facts(advanced_encryption=True, special_care=True),
    facts(recovered_before_viewed=True),
    facts(my_number=True, persons=101, unauthorized_purpose=None),
    facts(known_on=None, special_care=True),
    Facts(),
]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_reason_renders_with_named_placeholders_and_cites_an_article(scenario: Facts) -> None:
    result = assess(scenario)
    for reason in (*result.appi.reasons, *result.pmark.reasons, *result.my_number.reasons):
        assert reason.article
        assert re.fullmatch(r"([^%]|%\(\w+\)s)*", reason.msgid), reason.msgid
        assert "%(" not in reason.message
        assert (reason.msgid[0].isupper() or reason.msgid.startswith("%(")) and reason.msgid.endswith(".")


@pytest.mark.parametrize("code", sorted(reasons.MESSAGES))
def test_every_catalogued_reason_is_a_cited_english_sentence(code: str) -> None:
    article, msgid = reasons.MESSAGES[code]
    assert "Art." in article or "Guidelines" in article or "Privacy Mark" in article
    assert re.fullmatch(r"([^%]|%\(\w+\)s)*", msgid), msgid
    assert msgid.endswith(".")


def test_only_blocking_unknowns_are_listed_for_review() -> None:
    result = assess_appi(facts(special_care=True, persons=None, advanced_encryption=None))
    assert result.status is Status.NEEDS_REVIEW
    assert result.needs_review == ("advanced_encryption",)


def test_only_blocking_unknowns_are_listed_for_my_number_review() -> None:
    result = assess_my_number(
        facts(my_number=None, my_number_network=True, my_number_viewable_by_unspecified=None)
    )
    assert result.needs_review == ("my_number",)


@pytest.mark.parametrize(
    "days, english, japanese",
    [
        (1, "target in 1 day", "目安まであと1日"),
        (2, "target in 2 days", "目安まであと2日"),
        (-1, "target passed 1 day ago", "目安を1日過ぎています"),
        (-3, "target passed 3 days ago", "目安を3日過ぎています"),
    ],
)
def test_target_text_counts_days_in_the_singular_and_plural(days, english, japanese):
    from django.utils import translation

    from mamori.incidents.determination import target_text

    with translation.override("en"):
        assert target_text(days) == english
    with translation.override("ja"):
        assert target_text(days) == japanese
