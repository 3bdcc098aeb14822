"""Adapt an incident record to the pure rules, and the rules' answer to JSON that is stored and shown."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import get_language, gettext_lazy, gettext_noop, ngettext
from django.utils.translation import gettext as _

from mamori.incidents import rules
from mamori.incidents.facts import facts_of
from mamori.incidents.models import Determination, Incident
from mamori.incidents.reasons import ART_26
from mamori.incidents.taxonomy import Event
from mamori.reference.citations import cite

T = TypeVar("T")

GROUND_CODES = frozenset(
    {
        *rules.APPI_GROUNDS,
        rules.MY_NUMBER_OVER_100,
        rules.MY_NUMBER_UNAUTHORIZED_PURPOSE,
        rules.MY_NUMBER_VIEWABLE,
        rules.MY_NUMBER_NETWORK,
    }
)


def to_json(value: Any) -> Any:
    """Return ``value`` (rules' dataclasses, enums, dates, tuples) as plain JSON data."""
    if isinstance(value, rules.PreliminaryTargets):
        return {"warn": value.warn_on.isoformat(), "target": value.target_on.isoformat()}
    if isinstance(value, rules.Reason):
        return {
            "code": value.code,
            "article": value.article,
            "msgid": value.msgid,
            "params": to_json(dict(value.params)),
        }
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, frozenset | set):
        return sorted(to_json(v) for v in value)
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    return value


# --- Reading a stored answer back into the rules' own types ---------------------------------------------

_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)  # in the namespace of the module defining cls
    return _HINTS[cls]


def _from_json(hint: Any, value: Any) -> Any:
    """Return the JSON ``value`` as the type ``hint`` of a rules dataclass field."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        if value is None:
            return None
        return _from_json(next(a for a in args if a is not type(None)), value)
    if origin is tuple:
        return tuple(_from_json(args[0], v) for v in value or ())
    if hint is dt.date:
        return dt.date.fromisoformat(value)
    if hint is rules.PreliminaryTargets:
        return rules.PreliminaryTargets(
            dt.date.fromisoformat(value["warn"]), dt.date.fromisoformat(value["target"])
        )
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(value)
    if dataclasses.is_dataclass(hint):
        return _dataclass_from_json(hint, value)  # type: ignore[arg-type]
    if origin is not None and issubclass(origin, Mapping):
        return dict(value or {})
    return value


def _dataclass_from_json(cls: type[T], data: Mapping[str, Any]) -> T:
    """Return ``cls`` from its JSON, a missing field taking its default (or empty / unknown)."""
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            values[f.name] = _from_json(hints[f.name], data[f.name])
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            values[f.name] = () if typing.get_origin(hints[f.name]) is tuple else None
    return cls(**values)


@dataclass(frozen=True)
class Outcome:
    """The law's answer for one incident, as stored in ``Determination.result`` and read back.

    The one adapter between the rules' ``Assessment`` and the database, both ways: ``from_assessment`` and
    ``to_json`` write, ``from_json`` reads, ``apply_to`` fills the incident's cached columns. Nobody reads
    the stored JSON by its keys.
    """

    appi: rules.AppiDetermination
    pmark: rules.PmarkDetermination
    my_number: rules.MyNumberDetermination
    deadlines: tuple[rules.Deadline, ...]
    near_miss: bool = False

    @classmethod
    def from_assessment(cls, assessment: rules.Assessment) -> Outcome:
        """Return the outcome of a determination of the rules."""
        return cls(assessment.appi, assessment.pmark, assessment.my_number, assessment.deadlines)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Outcome:
        """Return the outcome stored as ``data`` (older snapshots included: missing keys are empty)."""
        return cls(
            appi=_dataclass_from_json(rules.AppiDetermination, data["appi"]),
            pmark=_dataclass_from_json(rules.PmarkDetermination, data["pmark"]),
            my_number=_dataclass_from_json(rules.MyNumberDetermination, data["my_number"]),
            deadlines=tuple(_dataclass_from_json(rules.Deadline, d) for d in data.get("deadlines", ())),
            near_miss=bool(data.get("near_miss", False)),
        )

    def to_json(self) -> dict[str, Any]:
        """Return the outcome as the JSON kept in ``Determination.result``."""
        data: dict[str, Any] = {
            "appi": to_json(self.appi),
            "pmark": to_json(self.pmark),
            "my_number": to_json(self.my_number),
            "deadlines": to_json(self.deadlines),
        }
        if self.near_miss:
            data["near_miss"] = True
        return data

    def apply_to(self, incident: Incident) -> None:
        """Copy the answer into the incident's cached columns (for lists and sorting), unsaved."""
        appi, pmark = self.appi, self.pmark
        incident.appi_status = appi.status.value
        incident.appi_grounds = list(appi.grounds)
        incident.final_due = appi.final_due
        incident.preliminary_target = appi.preliminary_due.target_on if appi.preliminary_due else None
        incident.pmark_preliminary_required = pmark.preliminary_required
        incident.pmark_final_due = pmark.final_due


def _near_miss_outcome() -> Outcome:
    """Return the answer for a near miss without any recorded event: nothing is reported anywhere."""
    reason = rules.Reason("near_miss", ART_26, NEAR_MISS_MSGID)
    return Outcome(
        appi=rules.AppiDetermination(
            status=rules.Status.NOT_REPORTABLE,
            grounds=(),
            exempted_grounds=(),
            exemption_applied=False,
            notify_individuals=False,
            needs_review=(),
            reasons=(reason,),
        ),
        pmark=rules.PmarkDetermination(
            report_required=False, preliminary_required=False, criteria=(), needs_review=(), reasons=()
        ),
        my_number=rules.MyNumberDetermination(rules.Status.NOT_REPORTABLE, (), (), ()),
        deadlines=(),
        near_miss=True,
    )


NEAR_MISS_MSGID = gettext_noop(
    "A near miss: no personal data left the organisation's control, so nothing is reported."
)


def evaluate(incident: Incident) -> tuple[dict[str, Any], Outcome]:
    """Return (the facts as JSON, the outcome) for the incident's current facts."""
    facts = facts_of(incident)
    if incident.is_near_miss and not incident.events:
        # A near miss that the manager coded with events is judged on its facts like any accident.
        return to_json(facts), _near_miss_outcome()
    return to_json(facts), Outcome.from_assessment(rules.assess(facts))


def outcome_of(determination: Determination) -> Outcome:
    """Return the stored answer of one determination snapshot."""
    return Outcome.from_json(determination.result)


def latest_outcome(incident: Incident) -> Outcome | None:
    """Return the incident's latest answer, or None before the first evaluation."""
    latest = incident.determinations.first()
    return None if latest is None else outcome_of(latest)


def code_label(code: str) -> str:
    """Return the translated label of a code that the rules put into a reason (event, ground, fact)."""
    if code in Event.values:
        return str(Event(code).label)
    if code == rules.LIKELY:
        return _("likely (おそれ)")
    if code in GROUND_CODES:
        return ground_label(code)
    if code == "discovered_on":
        code = "known_on"
    try:
        return str(Incident._meta.get_field(code).verbose_name)  # type: ignore[union-attr]
    except FieldDoesNotExist:
        return code


def _param_text(value: Any) -> Any:
    """Return a parameter with its comma-separated codes replaced by translated labels."""
    if not isinstance(value, str) or not value:
        return value
    parts = value.split(", ")
    if not all(part.replace("_", "").isalnum() and part.isascii() for part in parts):
        return value
    return (
        "、".join(code_label(part) for part in parts)
        if get_language().startswith("ja")
        else ", ".join(code_label(part) for part in parts)
    )


def reason_text(reason: rules.Reason) -> str:
    """Return one reason translated into the active language, codes and dates included."""
    params = {key: _param_text(value) for key, value in reason.params.items()}
    try:
        return _(reason.msgid) % params if params else _(reason.msgid)
    except (KeyError, TypeError, ValueError):
        return reason.msgid


def reason_article(reason: rules.Reason) -> str:
    """Return the reason's citation in the active language."""
    return cite(reason.article, get_language() or "ja")


def summary_text(outcome: Outcome) -> str:
    """Return a one-line summary of a determination for the timeline."""
    appi = outcome.appi
    text = _("APPI: %(status)s") % {"status": status_label(appi.status)}
    if appi.grounds:
        text += " (" + ", ".join(ground_label(g) for g in appi.grounds) + ")"
    if appi.final_due:
        text += " " + _("final report due %(date)s") % {"date": appi.final_due.isoformat()}
    return text


def status_label(status: str) -> str:
    """Return the translated label of a determination status."""
    labels = {
        "reportable": _("Reportable"),
        "not_reportable": _("Not reportable"),
        "needs_review": _("Needs review"),
        "notify_controller": _("Notify the entrusting business"),
    }
    return labels.get(status, status)


def ground_label(code: str) -> str:
    """Return the translated label of a reporting ground or 速報 criterion."""
    labels = {
        rules.SPECIAL_CARE: _("special-care information"),
        rules.PROPERTY_DAMAGE: _("risk of property damage"),
        rules.UNAUTHORIZED_PURPOSE: _("unauthorised purpose"),
        rules.OVER_1000: _("more than 1,000 persons"),
        rules.MY_NUMBER_OVER_100: _("My Number: more than 100 persons"),
        rules.MY_NUMBER_UNAUTHORIZED_PURPOSE: _("My Number: unauthorised purpose"),
        rules.MY_NUMBER_VIEWABLE: _("My Number: viewable by unspecified persons"),
        rules.MY_NUMBER_NETWORK: _("My Number: information-provision network"),
    }
    return labels.get(code, code)


#: Deadline kinds (the code without its ``.warn`` / ``.target`` point) and their labels.
DEADLINE_LABELS = {
    "appi.preliminary_report": gettext_lazy("PPC preliminary report (速報)"),
    "appi.final_report": gettext_lazy("PPC final report (確報)"),
    "appi.controller_notice": gettext_lazy("Notice to the entrusting business (委託元への通知)"),
    "my_number.preliminary_report": gettext_lazy("My Number preliminary report (速報)"),
    "my_number.final_report": gettext_lazy("My Number final report (確報)"),
    "my_number.controller_notice": gettext_lazy(
        "My Number: notice to the entrusting business (委託元への通知)"
    ),
    "pmark.preliminary_report": gettext_lazy("Privacy Mark preliminary report (速報)"),
    "pmark.final_report": gettext_lazy("Privacy Mark final report (確報)"),
}


def deadline_label(code: str) -> str:
    """Return the label of a deadline kind (``appi.final_report`` → PPC 確報), the code when unknown."""
    return str(DEADLINE_LABELS.get(code, code))


#: Deadline kinds that are guideline targets (速報 and the notice to the entrusting business, day 3-5).
TARGET_KINDS = frozenset(
    {
        "appi.preliminary_report",
        "appi.controller_notice",
        "my_number.preliminary_report",
        "my_number.controller_notice",
        "pmark.preliminary_report",
    }
)


def target_text(days: int) -> str:
    """Return how far a guideline target (目安) is: never "due today" or "overdue" like a statutory date."""
    if days < 0:
        return ngettext("target passed %(n)d day ago", "target passed %(n)d days ago", -days) % {"n": -days}
    if days == 0:
        return _("target today")
    return ngettext("target in %(n)d day", "target in %(n)d days", days) % {"n": days}
