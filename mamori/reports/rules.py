"""Which deadlines a filed report meets: pure data, no ORM."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

#: (kind, stage) filed -> the deadline codes of ``incidents.rules`` it meets (read through
#: ``incidents.filings`` by ``Incident.next_deadline`` and the reminders). A 確報 filed settles the 速報
#: too: once the final report is in, a missing preliminary report can no longer be made up for.
#: The PPC takes the My Number report through the same form as the Art. 26 report, so a PPC report filed
#: settles both (My Number Act Art. 29-4(1)); the notice to the entrusting business settles the processor's
#: notice under both Acts (APPI Art. 26(1) proviso, Rules Art. 9; My Number Act Art. 29-4(1) proviso).
SETTLES: Mapping[tuple[str, str], frozenset[str]] = {
    ("ppc", "preliminary"): frozenset({"appi.preliminary_report", "my_number.preliminary_report"}),
    ("ppc", "final"): frozenset(
        {
            "appi.preliminary_report",
            "appi.final_report",
            "my_number.preliminary_report",
            "my_number.final_report",
        }
    ),
    ("pmark", "preliminary"): frozenset({"pmark.preliminary_report"}),
    ("pmark", "final"): frozenset({"pmark.preliminary_report", "pmark.final_report"}),
    ("controller_notice", "final"): frozenset({"appi.controller_notice", "my_number.controller_notice"}),
}


def settled(filed: Iterable[tuple[str, str]]) -> frozenset[str]:
    """Return the deadline codes that the filed (kind, stage) pairs meet."""
    codes: set[str] = set()
    for pair in filed:
        codes |= SETTLES.get(pair, frozenset())
    return frozenset(codes)
