"""Decide whether what a file holds can point at a person at all.

A fixed-line number, with at most one address beside it and nothing else (no name, no mail address,
no mobile, no birth date, no identifier), is the contact of a place: a shop, an office, a help desk, a
taxi company a manual or an auto-reply tells its readers to call. Under the APPI such data identifies
no specific individual, so a file that holds only that is not personal: its values are counted with the
organisations' contact data. A mobile number, a second address or anything that names or identifies
someone keeps the file personal, and so does an address alone (a note of one's own new address).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Set

# Japanese fixed lines and IP phones (050), not mobiles (070 / 080 / 090) nor foreign numbers.
_FIXED_LINE = re.compile(r"0(?![789]0)[1-9]\d{8,9}")
_PLACE_KINDS = frozenset({"PHONE", "ADDRESS", "POSTAL_CODE"})
# At most this many distinct values of each kind: a TEL and a FAX, one address and its postal code.
_AT_MOST = {"PHONE": 2, "ADDRESS": 1, "POSTAL_CODE": 1}
SEEN_PER_KIND = max(_AT_MOST.values()) + 1


def place_contact_only(values: Mapping[str, Set[str]]) -> bool:
    """Return True when *values* (kind -> distinct values in their key form) are only a place's contact.

    The keys are as the scan counts repeats (digits only for a phone). *values* needs to hold only the
    first ``SEEN_PER_KIND`` distinct values of each kind.
    """
    if not values or not values.keys() <= _PLACE_KINDS or "PHONE" not in values:
        return False
    if any(len(found) > _AT_MOST[kind] for kind, found in values.items()):
        return False
    return all(_FIXED_LINE.fullmatch(phone) for phone in values["PHONE"])
