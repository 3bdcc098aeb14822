"""The Privacy Mark incident reporting determination (事故等報告 to the granting body), pure.

``mamori.incidents.rules`` re-exports :func:`assess_pmark`. No Django.
"""

from __future__ import annotations

from collections.abc import Mapping

from mamori.incidents.rules_common import (
    APPI_PERSONS_THRESHOLD,
    FINAL_REPORT_DAYS,
    FINAL_REPORT_DAYS_UNAUTHORIZED,
    MY_NUMBER_NETWORK,
    MY_NUMBER_OVER_100,
    MY_NUMBER_PERSONS_THRESHOLD,
    MY_NUMBER_UNAUTHORIZED_PURPOSE,
    MY_NUMBER_VIEWABLE,
    OVER_1000,
    PROPERTY_DAMAGE,
    SPECIAL_CARE,
    UNAUTHORIZED_PURPOSE,
    Builder,
    Facts,
    PmarkDetermination,
    Tri,
    at_least_one_person,
    codes_text,
    persons_over,
    pmark_final_due,
    pmark_preliminary_targets,
    tri_all,
    tri_any,
)

# --- Privacy Mark --------------------------------------------------------------------------------------

# criterion: the facts it depends on, listed for review when it is unknown
_PMARK_FACTS: Mapping[str, tuple[str, ...]] = {
    SPECIAL_CARE: ("special_care",),
    PROPERTY_DAMAGE: ("property_damage_risk",),
    UNAUTHORIZED_PURPOSE: ("unauthorized_purpose",),
    OVER_1000: ("persons",),
    MY_NUMBER_OVER_100: ("my_number", "persons"),
    MY_NUMBER_UNAUTHORIZED_PURPOSE: ("my_number", "unauthorized_purpose"),
    MY_NUMBER_VIEWABLE: ("my_number", "my_number_viewable_by_unspecified"),
    MY_NUMBER_NETWORK: ("my_number", "my_number_network"),
}


def _pmark_criteria(facts: Facts) -> dict[str, Tri]:
    """Return each 速報 criterion of the Privacy Mark scheme as True, False or unknown (legal.md §2).

    Judged on personal information regardless of encryption, recovery or pseudonymisation; the My Number
    criteria count the persons whose 特定個人情報 is involved.
    """
    mn = facts.my_number
    return {
        SPECIAL_CARE: at_least_one_person(facts.persons, facts.special_care),
        PROPERTY_DAMAGE: at_least_one_person(facts.persons, facts.property_damage_risk),
        UNAUTHORIZED_PURPOSE: at_least_one_person(facts.persons, facts.unauthorized_purpose),
        OVER_1000: persons_over(facts.persons, APPI_PERSONS_THRESHOLD),
        MY_NUMBER_OVER_100: tri_all([mn, persons_over(facts.my_number_count, MY_NUMBER_PERSONS_THRESHOLD)]),
        MY_NUMBER_UNAUTHORIZED_PURPOSE: tri_all(
            [mn, at_least_one_person(facts.my_number_count, facts.unauthorized_purpose)]
        ),
        MY_NUMBER_VIEWABLE: tri_all([mn, facts.my_number_viewable_by_unspecified]),
        MY_NUMBER_NETWORK: tri_all([mn, facts.my_number_network]),
    }


def assess_pmark(facts: Facts) -> PmarkDetermination:
    """Determine the Privacy Mark reports to the granting body (審査機関) under the PMK500 rules.

    Every 事故等 of any size needs a 確報 within 30 days of discovery (60 for an unauthorised purpose), as a
    plain calendar date; encryption and recovery before viewing do not remove it. A 速報 (about 3-5 days)
    is needed on the criteria of legal.md §2, including the My Number cases.
    """
    b = Builder()
    report_required: Tri = True
    if not facts.events:
        report_required = None
        b.unknown.add("events")
        b.add("pmark.events.unknown")
    else:
        b.add("pmark.report_required", events=codes_text(facts.events))
    criteria = _pmark_criteria(facts)
    met = tuple(sorted(code for code, value in criteria.items() if value is True))
    preliminary = tri_all([report_required, tri_any(criteria.values())])
    if preliminary is True:
        b.add("pmark.preliminary_required", criteria=", ".join(met))
    elif preliminary is None and report_required:
        for code, value in criteria.items():
            if value is None:
                b.unknown.update(name for name in _PMARK_FACTS[code] if getattr(facts, name) is None)
        b.add("pmark.preliminary_unknown", facts=codes_text(b.unknown))
    elif preliminary is False:
        b.add("pmark.preliminary_not_required")

    final_due = prelim = None
    start = facts.pmark_start
    if start is None:
        b.unknown.add("discovered_on")
    else:
        unauthorized = facts.unauthorized_purpose
        if unauthorized is None:
            b.unknown.add("unauthorized_purpose")  # shown with 30 days, the earlier date
        final_due = pmark_final_due(start, unauthorized is True)
        days = FINAL_REPORT_DAYS_UNAUTHORIZED if unauthorized else FINAL_REPORT_DAYS
        b.add("pmark.final_due", due=final_due.isoformat(), days=days, start=start.isoformat())
        if preliminary is not False:
            prelim = pmark_preliminary_targets(start)
    return PmarkDetermination(
        report_required=report_required,
        preliminary_required=preliminary,
        criteria=met,
        needs_review=b.needs_review(),
        reasons=tuple(b.reasons),
        final_due=final_due,
        preliminary_due=prelim,
    )
