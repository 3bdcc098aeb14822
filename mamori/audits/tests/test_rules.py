"""Check audit programmes against the independence and coverage rules (plain pytest, no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from mamori.audits.rules import (
    Assignment,
    Code,
    Person,
    Programme,
    check_programme,
    coverage,
    coverage_window,
    find_secretariat,
    one_year_after,
    unlisted_units,
)

TODAY = date(2026, 4, 1)
PEOPLE = (
    Person("佐藤 花子", ("営業部",), ("auditor",)),
    Person("鈴木 一郎", ("開発部",), ("auditor",)),
    Person("高橋 健", ("総務部",), ("audit_lead",)),
    Person("田中 優", ("個人情報保護事務局",), ("privacy_manager",)),
)


BASE = Programme(
    today=TODAY,
    departments=("営業部", "開発部"),
    people=PEOPLE,
    assignments=(
        Assignment("営業部", ("鈴木 一郎",), date(2026, 6, 1)),
        Assignment("開発部", ("佐藤 花子",), date(2026, 7, 1)),
        Assignment("個人情報保護事務局", ("佐藤 花子",), date(2026, 8, 1)),
    ),
    audit_lead="高橋 健",
    privacy_manager="田中 優",
)


def programme(**changes: Any) -> Programme:
    return replace(BASE, **changes)


def codes(p: Programme) -> list[tuple[str, str | None, str | None]]:
    return [(str(f.code), f.department, f.person) for f in check_programme(p)]


def test_a_sound_programme_has_no_findings():
    assert codes(programme()) == []


def test_an_auditor_of_their_own_department_is_a_self_audit():
    assignments = (
        Assignment("営業部", ("佐藤 花子",), date(2026, 6, 1)),
        Assignment("開発部", ("佐藤 花子",), date(2026, 7, 1)),
        Assignment("事務局", ("鈴木 一郎",), date(2026, 8, 1)),
    )
    assert codes(programme(assignments=assignments)) == [("SELF_AUDIT", "営業部", "佐藤 花子")]


def test_an_auditor_in_two_departments_may_audit_neither():
    people = (*PEOPLE, Person("伊藤 誠", ("営業部", "開発部")))
    assignments = (
        Assignment("営業部", ("伊藤 誠",), date(2026, 6, 1)),
        Assignment("開発部", ("伊藤 誠",), date(2026, 7, 1)),
        Assignment("事務局", ("鈴木 一郎",), date(2026, 8, 1)),
    )
    assert codes(programme(people=people, assignments=assignments)) == [
        ("SELF_AUDIT", "営業部", "伊藤 誠"),
        ("SELF_AUDIT", "開発部", "伊藤 誠"),
    ]


def test_two_entries_with_one_name_are_read_as_one_person_in_both_departments():
    people = (*PEOPLE, Person("佐藤 花子", ("開発部",)))
    found = codes(programme(people=people))
    assert found == [("SELF_AUDIT", "開発部", "佐藤 花子")]


def test_names_match_across_full_width_spaces_and_case():
    people = (Person("山田　太郎", ("Sales",)), *PEOPLE)
    assignments = (
        Assignment("sales ", ("山田太郎",), date(2026, 6, 1)),
        Assignment("開発部", ("佐藤 花子",), date(2026, 7, 1)),
        Assignment("事務局", ("鈴木 一郎",), date(2026, 8, 1)),
    )
    found = codes(programme(departments=("Sales", "開発部"), people=people, assignments=assignments))
    assert found == [("SELF_AUDIT", "sales ", "山田太郎")]


def test_the_same_self_audit_on_two_dates_is_reported_once():
    assignments = (
        *programme().assignments,
        Assignment("営業部", ("佐藤 花子",), date(2026, 9, 1)),
        Assignment("営業部", ("佐藤 花子",), date(2026, 10, 1)),
    )
    assert codes(programme(assignments=assignments)) == [("SELF_AUDIT", "営業部", "佐藤 花子")]


def test_an_audit_team_is_checked_member_by_member():
    assignments = (
        Assignment("営業部", ("鈴木 一郎", "佐藤 花子"), date(2026, 6, 1)),
        *programme().assignments[1:],
    )
    assert codes(programme(assignments=assignments)) == [("SELF_AUDIT", "営業部", "佐藤 花子")]


def test_the_audit_lead_may_audit_other_departments_but_not_their_own():
    assignments = (
        Assignment("営業部", ("高橋 健",), date(2026, 6, 1)),
        Assignment("開発部", ("高橋 健",), date(2026, 7, 1)),
        Assignment("総務部", ("高橋 健",), date(2026, 7, 2)),
        Assignment("事務局", ("高橋 健",), date(2026, 8, 1)),
    )
    found = codes(programme(departments=("営業部", "開発部", "総務部"), assignments=assignments))
    assert found == [("SELF_AUDIT", "総務部", "高橋 健")]


def test_a_lead_who_is_the_privacy_manager_is_refused():
    found = codes(programme(audit_lead="田中 優"))
    assert found == [("LEAD_IS_PRIVACY_MANAGER", None, "田中 優")]


def test_a_lead_who_holds_the_privacy_manager_role_is_refused_too():
    people = (Person("高橋 健", ("総務部",), ("audit_lead", "個人情報保護管理者")), *PEOPLE[:2])
    found = codes(programme(people=people, privacy_manager=None))
    assert found == [("LEAD_IS_PRIVACY_MANAGER", None, "高橋 健")]


def test_unknown_auditors_lead_and_manager_are_reported_once_each():
    assignments = (
        Assignment("営業部", ("渡辺 新",), date(2026, 6, 1)),
        Assignment("開発部", ("渡辺　新",), date(2026, 7, 1)),
        Assignment("事務局", ("鈴木 一郎",), date(2026, 8, 1)),
    )
    found = codes(programme(assignments=assignments, audit_lead="小林 正", privacy_manager="加藤 恵"))
    assert found == [
        ("UNKNOWN_PERSON", None, "小林 正"),
        ("UNKNOWN_PERSON", None, "加藤 恵"),
        ("UNKNOWN_PERSON", None, "渡辺 新"),
    ]


def test_an_unknown_lead_who_is_named_manager_too_is_both_unknown_and_not_independent():
    found = codes(programme(audit_lead="小林 正", privacy_manager="小林 正"))
    assert found == [
        ("LEAD_IS_PRIVACY_MANAGER", None, "小林 正"),
        ("UNKNOWN_PERSON", None, "小林 正"),
    ]


def test_a_department_never_audited_and_not_planned_is_not_covered():
    assignments = programme().assignments[1:]
    assert codes(programme(assignments=assignments)) == [("NOT_COVERED", "営業部", None)]


def test_a_never_audited_department_is_covered_up_to_twelve_months_from_today():
    def found(day: date) -> list:
        assignments = (Assignment("営業部", ("鈴木 一郎",), day), *programme().assignments[1:])
        return codes(programme(assignments=assignments))

    assert found(date(2027, 4, 1)) == []
    assert found(date(2027, 4, 2)) == [("NOT_COVERED", "営業部", None)]


def test_twelve_months_after_the_last_audit_is_the_same_day_next_year():
    def found(last: date, planned: date) -> list:
        assignments = (Assignment("営業部", ("鈴木 一郎",), planned), *programme().assignments[1:])
        return codes(programme(assignments=assignments, last_audited={"営業部": last}))

    # 365 days in a common year, 366 across 29 February.
    assert found(date(2025, 6, 1), date(2026, 6, 1)) == []
    assert found(date(2025, 6, 1), date(2026, 6, 2)) == [("NOT_COVERED", "営業部", None)]
    assert found(date(2023, 6, 1), date(2024, 5, 31)) == []
    assert (date(2024, 6, 1) - date(2023, 6, 1)).days == 366
    assert found(date(2023, 6, 1), date(2024, 6, 1)) == []
    assert found(date(2023, 6, 1), date(2024, 6, 2)) == [("NOT_COVERED", "営業部", None)]


def test_a_last_audit_on_29_february_is_due_by_28_february():
    assert one_year_after(date(2024, 2, 29)) == date(2025, 2, 28)
    assert one_year_after(date(2023, 3, 1)) == date(2024, 3, 1)


def test_an_audit_on_or_before_the_last_audit_is_not_the_next_one():
    last = {"営業部": date(2026, 3, 10)}
    for planned in (date(2026, 3, 10), date(2026, 1, 5)):
        assignments = (Assignment("営業部", ("鈴木 一郎",), planned), *programme().assignments[1:])
        assert codes(programme(assignments=assignments, last_audited=last)) == [
            ("NOT_COVERED", "営業部", None)
        ]


def test_an_overdue_department_is_not_covered_even_with_a_planned_audit():
    last = {"営業部": date(2025, 1, 10)}  # due by 2026-01-10, already past on 2026-04-01
    assert codes(programme(last_audited=last)) == [("NOT_COVERED", "営業部", None)]


def test_an_unscheduled_assignment_covers_nothing():
    assignments = (Assignment("営業部", ("鈴木 一郎",), None), *programme().assignments[1:])
    assert codes(programme(assignments=assignments)) == [("NOT_COVERED", "営業部", None)]


def test_an_assignment_without_auditor_still_covers_the_department():
    assignments = (Assignment("営業部", (), date(2026, 6, 1)), *programme().assignments[1:])
    assert codes(programme(assignments=assignments)) == []


def test_duplicate_departments_are_reported_once():
    found = codes(programme(departments=("営業部", "営業部", "経理部")))
    assert found == [("NOT_COVERED", "経理部", None)]


def test_no_secretariat_assignment_is_reported_without_a_department():
    assignments = programme().assignments[:2]
    people = PEOPLE[:3]
    assert codes(programme(assignments=assignments, people=people, privacy_manager="高橋 健")) == [
        ("LEAD_IS_PRIVACY_MANAGER", None, "高橋 健"),
        ("SECRETARIAT_NOT_COVERED", None, None),
    ]


def test_the_secretariat_is_named_when_the_input_names_it():
    assignments = programme().assignments[:2]
    assert codes(programme(assignments=assignments)) == [
        ("SECRETARIAT_NOT_COVERED", "個人情報保護事務局", None)
    ]


def test_secretariat_name_variants_are_one_unit():
    for name in ("事務局", "個人情報保護事務局", "PMS事務局", "PMS secretariat", "ＰＭＳ　Secretariat"):
        assignments = (*programme().assignments[:2], Assignment(name, ("鈴木 一郎",), date(2026, 8, 1)))
        assert codes(programme(assignments=assignments)) == [], name


def test_a_secretariat_member_auditing_the_secretariat_by_another_name_is_a_self_audit():
    assignments = (*programme().assignments[:2], Assignment("事務局", ("田中 優",), date(2026, 8, 1)))
    assert codes(programme(assignments=assignments)) == [("SELF_AUDIT", "事務局", "田中 優")]


def test_a_listed_secretariat_is_a_department_and_the_secretariat():
    departments = ("営業部", "開発部", "PMS事務局")
    assert codes(programme(departments=departments)) == []
    found = codes(programme(departments=departments, assignments=programme().assignments[:2]))
    assert found == [
        ("NOT_COVERED", "PMS事務局", None),
        ("SECRETARIAT_NOT_COVERED", "PMS事務局", None),
    ]


def test_the_secretariat_follows_its_twelve_month_window():
    last = {"事務局": date(2025, 5, 1)}  # due by 2026-05-01; planned 2026-08-01 is too late
    assert codes(programme(last_audited=last)) == [("SECRETARIAT_NOT_COVERED", "個人情報保護事務局", None)]


def test_an_explicit_secretariat_is_used_when_its_name_does_not_say_so():
    p = programme(secretariat="PMS推進室", assignments=programme().assignments[:2])
    assert find_secretariat(p) == "PMS推進室"
    assert codes(p) == [("SECRETARIAT_NOT_COVERED", "PMS推進室", None)]
    assignments = (*programme().assignments[:2], Assignment("PMS推進室", ("鈴木 一郎",), date(2026, 8, 1)))
    assert codes(programme(secretariat="PMS推進室", assignments=assignments)) == []


def test_the_pms_secretariat_is_preferred_among_listed_secretariats():
    p = programme(departments=("営業部", "経営企画事務局", "個人情報保護事務局"))
    assert find_secretariat(p) == "個人情報保護事務局"


def test_the_later_of_two_spellings_of_a_last_audit_counts():
    last = {"個人情報保護事務局": date(2025, 1, 1), "事務局": date(2025, 9, 1)}
    assert codes(programme(last_audited=last)) == []


def test_coverage_window_reads_never_audited_from_today():
    assert coverage_window(None, TODAY) == (None, date(2027, 4, 1))
    assert coverage_window(date(2025, 5, 2), TODAY) == (date(2025, 5, 2), date(2026, 5, 2))


def test_every_code_is_stable():
    assert [c.value for c in Code] == [
        "SELF_AUDIT",
        "LEAD_IS_PRIVACY_MANAGER",
        "NOT_COVERED",
        "SECRETARIAT_NOT_COVERED",
        "UNKNOWN_PERSON",
    ]


def test_coverage_lists_each_unit_with_its_window_and_plans():
    p = programme(last_audited={"営業部": date(2025, 6, 10)})
    rows = {row.unit: row for row in coverage(p)}
    assert list(rows) == ["営業部", "開発部", "個人情報保護事務局"]
    assert rows["営業部"].due_by == date(2026, 6, 10) and rows["営業部"].planned == (date(2026, 6, 1),)
    assert rows["開発部"].last_audited is None and rows["開発部"].due_by == date(2027, 4, 1)
    assert all(row.covered for row in rows.values())


def test_assigned_units_that_are_not_departments_are_named():
    assignments = (*programme().assignments, Assignment("営業二部", ("鈴木 一郎",), date(2026, 9, 1)))
    assert unlisted_units(programme(assignments=assignments)) == ["営業二部"]
