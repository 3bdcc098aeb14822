"""The My Number Act breach reporting determination (特定個人情報の漏えい等報告), pure.

``mamori.incidents.rules`` re-exports :func:`assess_my_number`. No Django.
"""

from __future__ import annotations

from collections.abc import Mapping

from mamori.incidents.reasons import MY_NUMBER_ACT
from mamori.incidents.rules_common import (
    MY_NUMBER_ENCRYPTION_EXEMPTS,
    MY_NUMBER_NETWORK,
    MY_NUMBER_OVER_100,
    MY_NUMBER_PERSONS_THRESHOLD,
    MY_NUMBER_UNAUTHORIZED_PURPOSE,
    MY_NUMBER_USE_EVENTS,
    MY_NUMBER_VIEWABLE,
    Builder,
    Facts,
    MyNumberDetermination,
    Status,
    Tri,
    apply_entrustment,
    at_least_one_person,
    breach_occurred,
    codes_text,
    persons_over,
    report_clock,
    status_of,
    tri_all,
    tri_any,
    tri_not,
)

# --- My Number Act -------------------------------------------------------------------------------------

_MY_NUMBER_FACT: Mapping[str, str] = {
    MY_NUMBER_NETWORK: "my_number_network",
    MY_NUMBER_OVER_100: "persons",  # unknown only while neither count is known
    MY_NUMBER_UNAUTHORIZED_PURPOSE: "unauthorized_purpose",
    MY_NUMBER_VIEWABLE: "my_number_viewable_by_unspecified",
}


def _my_number_grounds(facts: Facts, breach: Tri, use: bool) -> dict[str, Tri]:
    """Return each situation of the My Number reporting rule Art. 2 as True, False or unknown.

    (i) a breach of data on the information-provision network (and the systems of Art. 2(i)(ロ)(ハ));
    (ii) a breach, use or provision with an unauthorised purpose; (iii) data made viewable by unspecified
    persons (on its own: 閲覧され、又は閲覧されるおそれ); (iv) more than 100 persons whose 特定個人情報 leaked
    or whose My Numbers were used against Art. 9 or provided against Art. 19.
    """
    breach_or_use = tri_any([breach, use])
    count = facts.my_number_count
    return {
        MY_NUMBER_NETWORK: tri_all([breach, facts.my_number_network]),
        MY_NUMBER_OVER_100: tri_all([breach_or_use, persons_over(count, MY_NUMBER_PERSONS_THRESHOLD)]),
        MY_NUMBER_UNAUTHORIZED_PURPOSE: tri_all(
            [breach_or_use, at_least_one_person(count, facts.unauthorized_purpose)]
        ),
        MY_NUMBER_VIEWABLE: facts.my_number_viewable_by_unspecified,
    }


def assess_my_number(facts: Facts) -> MyNumberDetermination:
    """Determine PPC reportability for specific personal information (My Number Act Art. 29-4).

    A separate regime from APPI Art. 26, under the PPC's My Number reporting rule: Art. 2 lists the
    situations (its 特定個人情報 excludes data under advanced encryption, 「以下同じ」, so encryption exempts
    every ground); Art. 29-4(2) asks for notice to the individuals too. A processor tells the entrusting
    business instead (Art. 29-4(1) proviso). Deadlines are counted as for the APPI (the rule's Art. 3).
    """
    b = Builder(MY_NUMBER_ACT)
    involved = facts.my_number
    if involved is False:
        b.add("my_number.not_involved")
        return MyNumberDetermination(
            Status.NOT_REPORTABLE, (), (), tuple(b.reasons), notify_individuals=False
        )
    if involved is None:
        b.unknown.add("my_number")
        b.add("my_number.unknown")
    use = bool(facts.events & MY_NUMBER_USE_EVENTS)
    if use:
        b.add("my_number.use", events=codes_text(facts.events & MY_NUMBER_USE_EVENTS))
    pre_grounds = _my_number_grounds(facts, True, use)
    qualitative = tri_any(v for code, v in pre_grounds.items() if code != MY_NUMBER_OVER_100) is True
    breach = breach_occurred(facts, b, qualitative, label_other=not use)
    if use and breach is None and "events" in b.unknown:
        b.unknown.discard("events")  # the use itself is established
        breach = False
    grounds = _my_number_grounds(facts, breach, use)
    true_grounds = tuple(sorted(code for code, value in grounds.items() if value is True))
    for code in true_grounds:
        b.add(f"my_number.{code}", persons=facts.my_number_count)
    if tri_any(grounds.values()) is None:  # unknown grounds block only while none applies
        b.unknown.update(_MY_NUMBER_FACT[code] for code, value in grounds.items() if value is None)
    enc: Tri = facts.advanced_encryption if MY_NUMBER_ENCRYPTION_EXEMPTS else False
    if enc is None and tri_any(grounds.values()) is not False:
        b.unknown.add("advanced_encryption")
    status = status_of(tri_all([involved, tri_any(grounds.values()), tri_not(enc)]))
    if enc is True and tri_any(grounds.values()) is not False:
        b.add("my_number.exemption.encryption", grounds=codes_text(true_grounds) or "-")
    if status is Status.NEEDS_REVIEW:
        b.add("my_number.needs_review", facts=codes_text(b.unknown))
    else:
        b.unknown.clear()
        if status is Status.NOT_REPORTABLE and enc is not True and (breach is not False or use):
            b.add("my_number.no_ground")
    clock = report_clock(status, facts.known_on, grounds[MY_NUMBER_UNAUTHORIZED_PURPOSE], b)
    duty = apply_entrustment(facts, status, clock, b)
    notify: bool | None = None if duty.status is Status.NEEDS_REVIEW else duty.status is Status.REPORTABLE
    if notify:
        b.add("my_number.notify_individuals")
    return MyNumberDetermination(
        status=duty.status,
        grounds=true_grounds if status is not Status.NOT_REPORTABLE else (),
        needs_review=b.needs_review(),
        reasons=tuple(b.reasons),
        final_due=duty.final_due,
        final_due_if_reportable=duty.final_due_if_reportable,
        preliminary_due=duty.preliminary_due,
        notify_individuals=notify,
        controller_notice_due=duty.controller_notice_due,
    )
