"""Decide whether an incident must be reported, to whom and by when, as pure functions.

Three separate regimes, each with its own determination (see ``docs/glossary.md`` for the terms):

* APPI Art. 26 breach reporting to the PPC (漏えい等報告), Enforcement Rules Art. 7-10;
* Privacy Mark incident reporting (事故等報告) to the granting body (審査機関);
* My Number Act breach reporting for specific personal information (特定個人情報).

Every determination is tri-state (reportable / not reportable / needs review). A fact that is unknown
(``None``) never yields a silent "not reportable": it yields "needs review" and is listed, unless the other
facts already settle the question. Each determination carries ``Reason`` objects whose English msgids
(marked with ``gettext_noop``) explain the outcome and cite the article; the UI translates them.

This module holds the APPI determination and the assessment of all three; the vocabulary they share
(events, grounds, facts, results, deadlines, the common steps) is in ``rules_common``, the Privacy Mark
determination in ``rules_pmark`` and the My Number one in ``rules_my_number``. Every public name is
importable from here.

No ORM, no request, no Django at all, so the command line starts fast without settings.
"""

from __future__ import annotations

from collections.abc import Mapping

from mamori.incidents.reasons import gettext_noop as gettext_noop  # other rules.py modules use it
from mamori.incidents.rules_common import (
    APPI_EVENTS,
    APPI_GROUNDS,
    APPI_PERSONS_THRESHOLD,
    CONTROLLER,
    COPY_EVENTS,
    DESTRUCTION_DAMAGE,
    EVENT_CODES,
    FINAL_REPORT_DAYS,
    FINAL_REPORT_DAYS_UNAUTHORIZED,
    IMPROPER_ACQUISITION,
    LEAK,
    LEAK_EVENTS,
    LIKELY,
    LOSS,
    MISUSE,
    MY_NUMBER_ENCRYPTION_EXEMPTS,
    MY_NUMBER_NETWORK,
    MY_NUMBER_OVER_100,
    MY_NUMBER_PERSONS_THRESHOLD,
    MY_NUMBER_UNAUTHORIZED_PURPOSE,
    MY_NUMBER_USE_EVENTS,
    MY_NUMBER_VIEWABLE,
    NOTIFY_INDIVIDUALS_GROUNDS,
    OVER_1000,
    PMARK_ONLY_EVENTS,
    PRELIMINARY_TARGET_DAY,
    PRELIMINARY_WARN_DAY,
    PROCESSOR,
    PROPERTY_DAMAGE,
    PURPOSE_VIOLATION,
    REQUEST_REFUSAL,
    ROLES,
    SPECIAL_CARE,
    TAMPERING,
    UNAUTHORIZED_PURPOSE,
    AppiDetermination,
    Assessment,
    Builder,
    Deadline,
    Facts,
    MyNumberDetermination,
    PmarkDetermination,
    PreliminaryTargets,
    Reason,
    Status,
    Tri,
    apply_entrustment,
    at_least_one_person,
    breach_occurred,
    codes_text,
    final_report_due,
    persons_over,
    pmark_final_due,
    pmark_preliminary_targets,
    preliminary_report_targets,
    report_clock,
    status_of,
    tri_all,
    tri_any,
    tri_not,
)
from mamori.incidents.rules_my_number import assess_my_number
from mamori.incidents.rules_pmark import assess_pmark

# The names of the determination, wherever they are defined, are importable from here.
__all__ = [
    "APPI_EVENTS",
    "APPI_GROUNDS",
    "APPI_PERSONS_THRESHOLD",
    "AppiDetermination",
    "Assessment",
    "CONTROLLER",
    "COPY_EVENTS",
    "DESTRUCTION_DAMAGE",
    "Deadline",
    "EVENT_CODES",
    "FINAL_REPORT_DAYS",
    "FINAL_REPORT_DAYS_UNAUTHORIZED",
    "Facts",
    "IMPROPER_ACQUISITION",
    "LEAK",
    "LEAK_EVENTS",
    "LIKELY",
    "LOSS",
    "MISUSE",
    "MY_NUMBER_ENCRYPTION_EXEMPTS",
    "MY_NUMBER_NETWORK",
    "MY_NUMBER_OVER_100",
    "MY_NUMBER_PERSONS_THRESHOLD",
    "MY_NUMBER_UNAUTHORIZED_PURPOSE",
    "MY_NUMBER_USE_EVENTS",
    "MY_NUMBER_VIEWABLE",
    "MyNumberDetermination",
    "NOTIFY_INDIVIDUALS_GROUNDS",
    "OVER_1000",
    "PMARK_ONLY_EVENTS",
    "PRELIMINARY_TARGET_DAY",
    "PRELIMINARY_WARN_DAY",
    "PROCESSOR",
    "PROPERTY_DAMAGE",
    "PURPOSE_VIOLATION",
    "PmarkDetermination",
    "PreliminaryTargets",
    "REQUEST_REFUSAL",
    "ROLES",
    "Reason",
    "SPECIAL_CARE",
    "Status",
    "TAMPERING",
    "Tri",
    "UNAUTHORIZED_PURPOSE",
    "assess",
    "assess_appi",
    "assess_my_number",
    "assess_pmark",
    "final_report_due",
    "gettext_noop",
    "pmark_final_due",
    "pmark_preliminary_targets",
    "preliminary_report_targets",
]


# --- APPI Art. 26 --------------------------------------------------------------------------------------

_GROUND_FACT: Mapping[str, str] = {
    SPECIAL_CARE: "special_care",
    PROPERTY_DAMAGE: "property_damage_risk",
    UNAUTHORIZED_PURPOSE: "unauthorized_purpose",
    OVER_1000: "persons",
}


def _appi_grounds(facts: Facts) -> dict[str, Tri]:
    """Return each reportable situation of Enforcement Rules Art. 7(i)-(iv) as True, False or unknown."""
    return {
        SPECIAL_CARE: at_least_one_person(facts.persons, facts.special_care),
        PROPERTY_DAMAGE: at_least_one_person(facts.persons, facts.property_damage_risk),
        UNAUTHORIZED_PURPOSE: at_least_one_person(facts.persons, facts.unauthorized_purpose),
        OVER_1000: persons_over(facts.persons, APPI_PERSONS_THRESHOLD),
    }


def _explain_grounds(facts: Facts, grounds: Mapping[str, Tri], enc: bool | None, b: Builder) -> None:
    any_ground = tri_any(grounds.values())
    for code in APPI_GROUNDS:
        if grounds[code] is True:
            b.add(f"ground.{code}", persons=facts.persons)
        elif grounds[code] is None and any_ground is None:  # blocking only while no ground applies
            b.unknown.add(_GROUND_FACT[code])
    if grounds[OVER_1000] is False:
        b.add("ground.over_1000.not_met", persons=facts.persons)
    if any_ground is False:
        b.add("ground.none")
    elif enc is True:
        b.add(
            "exemption.encryption", grounds=codes_text(c for c in APPI_GROUNDS if grounds[c] is True) or "-"
        )
    elif enc is None:
        b.unknown.add("advanced_encryption")
        b.add("exemption.encryption_unknown")


def _pseudonymized(facts: Facts, b: Builder) -> AppiDetermination:
    """Return the answer for 仮名加工情報: Art. 26 does not apply to it (APPI Art. 41(9))."""
    b.add("pseudonymized")
    return AppiDetermination(Status.NOT_REPORTABLE, (), (), False, False, (), tuple(b.reasons))


def assess_appi(facts: Facts) -> AppiDetermination:
    """Determine PPC reportability under APPI Art. 26(1) and Enforcement Rules Art. 7-9.

    Reportable when a leak, loss or damage (occurred or possible) meets one of the four situations of
    Rules Art. 7 and no advanced-encryption exemption applies; individuals are notified in the same
    situations (Art. 26(2), Rules Art. 10). A processor tells the entrusting business instead (Art. 26(1)
    proviso, Rules Art. 9) and then notifies nobody (Art. 26(2)); 仮名加工情報 is outside Art. 26 (Art. 41(9)).
    """
    b = Builder()
    if facts.pseudonymized:
        return _pseudonymized(facts, b)
    grounds = _appi_grounds(facts)
    enc = facts.advanced_encryption
    # The number of persons alone cannot point to a おそれ; the qualitative situations can.
    qualitative = tri_any(grounds[code] for code in APPI_GROUNDS if code != OVER_1000) is True
    occurred = breach_occurred(facts, b, qualitative)
    if occurred is not False:
        _explain_grounds(facts, grounds, enc, b)
    status = status_of(tri_all([occurred, tri_any(grounds.values()), tri_not(enc)]))
    if status is Status.NEEDS_REVIEW:
        b.add("needs_review", facts=codes_text(b.unknown))
    else:
        b.unknown.clear()  # other facts settled it; deadline unknowns are added by report_clock

    true_grounds = tuple(code for code in APPI_GROUNDS if grounds[code] is True)
    exemption_applied = enc is True and tri_all([occurred, tri_any(grounds.values())]) is not False
    reported = () if status is Status.NOT_REPORTABLE or enc is True else true_grounds
    clock = report_clock(status, facts.known_on, grounds[UNAUTHORIZED_PURPOSE], b)
    duty = apply_entrustment(facts, status, clock, b)
    notify: bool | None = None
    if duty.status is not Status.NEEDS_REVIEW:
        notify = duty.status is Status.REPORTABLE and bool(NOTIFY_INDIVIDUALS_GROUNDS & set(reported))
    if notify:
        b.add("notify_individuals")
    return AppiDetermination(
        status=duty.status,
        grounds=tuple(sorted(reported)),
        exempted_grounds=tuple(sorted(true_grounds)) if exemption_applied else (),
        exemption_applied=exemption_applied,
        notify_individuals=notify,
        needs_review=b.needs_review(),
        reasons=tuple(b.reasons),
        final_due=duty.final_due,
        final_due_if_reportable=duty.final_due_if_reportable,
        preliminary_due=duty.preliminary_due,
        controller_notice_due=duty.controller_notice_due,
    )


# --- Everything together -------------------------------------------------------------------------------


def _deadlines(
    appi: AppiDetermination, pmark: PmarkDetermination, my_number: MyNumberDetermination, facts: Facts
) -> tuple[Deadline, ...]:
    found: list[Deadline] = []
    notice_pending = facts.controller_notified_on is None
    for prefix, det in (("appi", appi), ("my_number", my_number)):
        targets: list[tuple[str, PreliminaryTargets | None]] = [("preliminary_report", det.preliminary_due)]
        if notice_pending:
            targets.append(("controller_notice", det.controller_notice_due))
        for name, prelim in targets:
            if prelim is not None:
                found.append(Deadline(f"{prefix}.{name}.warn", prelim.warn_on, True))
                found.append(Deadline(f"{prefix}.{name}.target", prelim.target_on, True))
        final = det.final_due or (
            None if det.status is Status.NOTIFY_CONTROLLER else det.final_due_if_reportable
        )
        if final is not None:
            found.append(Deadline(f"{prefix}.final_report", final, False))
    if pmark.preliminary_due is not None:
        found.append(Deadline("pmark.preliminary_report.warn", pmark.preliminary_due.warn_on, True))
        found.append(Deadline("pmark.preliminary_report.target", pmark.preliminary_due.target_on, True))
    if pmark.final_due is not None:
        found.append(Deadline("pmark.final_report", pmark.final_due, False))
    return tuple(sorted(found, key=lambda d: (d.due_on, d.code)))


def assess(facts: Facts) -> Assessment:
    """Determine all three regimes (APPI Art. 26, Privacy Mark, My Number Act Art. 29-4) and their dates."""
    appi = assess_appi(facts)
    pmark = assess_pmark(facts)
    my_number = assess_my_number(facts)
    return Assessment(facts, appi, pmark, my_number, _deadlines(appi, pmark, my_number, facts))
