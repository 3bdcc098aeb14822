"""Which deadlines a filed report settles, and the nearest deadline left: pure functions, no ORM."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

#: Deadline kinds that ``Incident.next_deadline`` is made of (incidents.services._reevaluate).
PPC_PRELIMINARY = "ppc_preliminary"  # Incident.preliminary_target (速報, GL target of 3-5 days)
PPC_FINAL = "ppc_final"  # Incident.final_due (確報, Rules Art. 8(2))
PMARK_FINAL = "pmark_final"  # Incident.pmark_final_due (P-mark 確報, PMK500)

#: (kind, stage) filed -> the deadline kinds it settles. A 確報 filed settles the 速報 too: once the
#: final report is in, a missing preliminary report can no longer be made up for.
SETTLES: Mapping[tuple[str, str], frozenset[str]] = {
    ("ppc", "preliminary"): frozenset({PPC_PRELIMINARY}),
    ("ppc", "final"): frozenset({PPC_PRELIMINARY, PPC_FINAL}),
    ("pmark", "final"): frozenset({PMARK_FINAL}),
}


def settled_deadlines(filed: Iterable[tuple[str, str]]) -> frozenset[str]:
    """Return the deadline kinds settled by the filed (kind, stage) pairs."""
    settled: set[str] = set()
    for pair in filed:
        settled |= SETTLES.get(pair, frozenset())
    return frozenset(settled)


def next_deadline(
    dates: Mapping[str, dt.date | None], settled: Iterable[str], *, is_open: bool
) -> dt.date | None:
    """Return the earliest date of the deadlines not settled yet; None when closed or none is left."""
    if not is_open:
        return None
    done = set(settled)
    pending = [day for kind, day in dates.items() if day and kind not in done]
    return min(pending) if pending else None
