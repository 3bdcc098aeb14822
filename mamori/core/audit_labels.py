"""The Japanese label of each audit-log action code, registered by the app that writes the code.

Each app registers its labels in ``AppConfig.ready``::

    from mamori.core import audit_labels
    audit_labels.register({"incidents.note.added": _("Note added")})

The audit log stores the stable dotted code; pages show the label (and the code beside it). A code
registered twice with another label is a programming error and raises.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Label = str | Promise
LABELS: dict[str, Label] = {}


def register(labels: Mapping[str, Label]) -> None:
    """Add the labels of an app's action codes (call from its ``AppConfig.ready``)."""
    for code, text in labels.items():
        if code in LABELS and str(LABELS[code]) != str(text):
            raise ValueError(f"audit action {code!r} already has another label")
        LABELS[code] = text


def label(code: str) -> str:
    """Return the translated label of an action code (the code itself when no app registered it)."""
    return str(LABELS.get(code, code))


register(
    {
        "core.organisation.created": _("Organisation created"),
        "core.department.created": _("Department created"),
        "core.mail.retried": _("Mail sent again by hand"),
    }
)
