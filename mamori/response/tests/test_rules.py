"""The checklist templates and the reminder calendar, as pure functions (no database)."""

import datetime as dt

from mamori.response import rules

D = dt.date

# Known on Mon 2026-11-30, more than 1,000 persons: APPI 確報 due 2027-01-04 (12/29 rolled past the
# year-end holidays); Privacy Mark 確報 2026-12-29 (plain calendar date, a year-end holiday); 速報 day 3 / 5.
DEADLINES = [
    ("appi.preliminary_report.warn", D(2026, 12, 2)),
    ("appi.preliminary_report.target", D(2026, 12, 4)),
    ("pmark.preliminary_report.warn", D(2026, 12, 2)),
    ("pmark.preliminary_report.target", D(2026, 12, 4)),
    ("pmark.final_report", D(2026, 12, 29)),
    ("appi.final_report", D(2027, 1, 4)),
]


def kinds(today, deadlines=DEADLINES, filed=()):
    return {(r.kind, r.key_on) for r in rules.deadline_reminders(today, deadlines, filed)}


def test_nothing_is_due_before_the_first_reminder_day():
    assert kinds(D(2026, 12, 1)) == set()


def test_preliminary_report_is_reminded_on_day_3_and_on_day_5():
    assert kinds(D(2026, 12, 2)) == {
        ("appi.preliminary_report:warn", D(2026, 12, 4)),
        ("pmark.preliminary_report:warn", D(2026, 12, 4)),
    }
    assert kinds(D(2026, 12, 4)) == {
        ("appi.preliminary_report:target", D(2026, 12, 4)),
        ("pmark.preliminary_report:target", D(2026, 12, 4)),
    }


def test_day_between_two_stages_repeats_the_earlier_key_so_nothing_new_is_sent():
    assert kinds(D(2026, 12, 3)) == kinds(D(2026, 12, 2))


def test_no_reminder_is_sent_on_a_weekend_and_overdue_ones_resume_on_monday():
    assert kinds(D(2026, 12, 5)) == set()  # Saturday
    assert kinds(D(2026, 12, 6)) == set()  # Sunday
    assert kinds(D(2026, 12, 7)) == {
        ("appi.preliminary_report:overdue", D(2026, 12, 7)),
        ("pmark.preliminary_report:overdue", D(2026, 12, 7)),
    }
    assert ("appi.preliminary_report:overdue", D(2026, 12, 8)) in kinds(D(2026, 12, 8))


def test_final_report_is_reminded_a_week_before_three_days_before_and_on_the_day():
    only_pmark = [("pmark.final_report", D(2026, 12, 29))]
    assert kinds(D(2026, 12, 21), only_pmark) == set()
    assert kinds(D(2026, 12, 22), only_pmark) == {("pmark.final_report:before_7", D(2026, 12, 29))}
    # Three days before is Saturday 12-26: sent on Friday 12-25.
    assert kinds(D(2026, 12, 25), only_pmark) == {("pmark.final_report:before_3", D(2026, 12, 29))}
    # The day itself is a year-end holiday: the on-the-day reminder goes out on Monday 12-28.
    assert kinds(D(2026, 12, 28), only_pmark) == {("pmark.final_report:on_day", D(2026, 12, 29))}
    assert kinds(D(2026, 12, 29), only_pmark) == set()


def test_two_stages_on_the_same_working_day_give_one_reminder():
    only_appi = [("appi.final_report", D(2027, 1, 4))]
    # A week before is Monday 12-28; three days before is 1/1, moved back to 12-28 as well.
    assert kinds(D(2026, 12, 28), only_appi) == {("appi.final_report:before_3", D(2027, 1, 4))}


def test_nothing_is_sent_over_the_year_end_holidays_and_the_day_itself_follows():
    for day in range(29, 32):
        assert kinds(D(2026, 12, day)) == set()
    for day in range(1, 4):
        assert kinds(D(2027, 1, day)) == set()
    assert kinds(D(2027, 1, 4)) >= {
        ("appi.final_report:on_day", D(2027, 1, 4)),
        ("pmark.final_report:overdue", D(2027, 1, 4)),
    }
    assert ("appi.final_report:overdue", D(2027, 1, 5)) in kinds(D(2027, 1, 5))


def test_three_days_before_a_deadline_after_golden_week_is_sent_before_the_holidays():
    # Known 2026-03-05 with unauthorised purpose: due 2026-05-07; 05-04 is a holiday, so is the weekend.
    golden = [("appi.final_report", D(2026, 5, 7))]
    assert kinds(D(2026, 4, 30), golden) == {("appi.final_report:before_7", D(2026, 5, 7))}
    assert kinds(D(2026, 5, 1), golden) == {("appi.final_report:before_3", D(2026, 5, 7))}
    assert kinds(D(2026, 5, 4), golden) == set()
    assert kinds(D(2026, 5, 7), golden) == {("appi.final_report:on_day", D(2026, 5, 7))}


def test_filed_reports_get_no_reminders():
    assert kinds(D(2026, 12, 7), filed={"appi.preliminary_report"}) == {
        ("pmark.preliminary_report:overdue", D(2026, 12, 7))
    }


def test_open_tasks_past_due_are_reminded_daily_on_working_days():
    tasks = [
        (1, D(2026, 12, 3), False),
        (2, D(2026, 12, 3), True),
        (3, D(2026, 12, 9), False),
        (4, None, False),
    ]
    assert [r.kind for r in rules.task_reminders(D(2026, 12, 3), tasks)] == []
    assert [(r.kind, r.key_on) for r in rules.task_reminders(D(2026, 12, 4), tasks)] == [
        ("task.1:overdue", D(2026, 12, 4))
    ]
    assert rules.task_reminders(D(2026, 12, 5), tasks) == []


def test_missent_mail_checklist_starts_with_asking_the_recipient_to_delete():
    specs = rules.checklist("missent", D(2026, 11, 30))
    assert specs[0].key == "contain.ask_delete" and specs[0].due_on == D(2026, 11, 30)
    assert [s.phase for s in specs] == sorted((s.phase for s in specs), key=rules.PHASES.index)
    assert {s.phase for s in specs} == set(rules.PHASES)


def test_every_event_class_has_a_checklist_with_every_phase():
    from mamori.incidents.taxonomy import EventClass

    for event_class in EventClass.values:
        specs = rules.checklist(event_class, D(2026, 11, 30))
        assert {s.phase for s in specs} == set(rules.PHASES), event_class
        assert len({s.key for s in specs}) == len(specs)


def test_malware_checklist_disconnects_the_pc_and_takes_the_incidents_own_deadlines():
    specs = rules.checklist(
        "malware", D(2026, 3, 5), preliminary_target=D(2026, 3, 9), final_due=D(2026, 5, 7)
    )
    by_key = {s.key: s for s in specs}
    assert "contain.disconnect" in by_key
    assert by_key["report.preliminary"].due_on == D(2026, 3, 9)
    assert by_key["report.final"].due_on == D(2026, 5, 7)


def test_the_notice_to_the_entrusting_business_is_reminded_like_a_preliminary_report():
    """APPI Art. 26(1) proviso, Rules Art. 9: the processor's notice has the 速報's day-3/day-5 targets."""
    deadlines = [
        ("appi.controller_notice.warn", dt.date(2026, 4, 30)),
        ("appi.controller_notice.target", dt.date(2026, 5, 2)),
    ]
    (due,) = rules.deadline_reminders(dt.date(2026, 4, 30), deadlines)
    assert (due.deadline, due.stage) == ("appi.controller_notice", "warn")
    (late,) = rules.deadline_reminders(dt.date(2026, 5, 7), deadlines)
    assert late.stage == "overdue"
    assert rules.deadline_reminders(dt.date(2026, 5, 7), deadlines, filed={"appi.controller_notice"}) == []
