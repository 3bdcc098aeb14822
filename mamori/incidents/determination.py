"""Adapt an incident record to the pure rules, and the rules' answer to JSON that is stored and shown."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from mamori.incidents import rules
from mamori.incidents.citations import cite
from mamori.incidents.models import Incident
from mamori.incidents.taxonomy import Event

GROUND_CODES = frozenset(
    {
        *rules.APPI_GROUNDS,
        rules.MY_NUMBER_OVER_100,
        rules.MY_NUMBER_UNAUTHORIZED_PURPOSE,
        rules.MY_NUMBER_VIEWABLE,
        rules.MY_NUMBER_NETWORK,
    }
)


def facts_of(incident: Incident) -> rules.Facts:
    """Return the rules' facts for the incident as it stands."""
    return rules.Facts(
        events=frozenset(incident.events)
        | ({rules.LIKELY} if incident.likely and incident.events else set()),
        known_on=incident.known_on,
        persons=incident.persons,
        special_care=incident.special_care,
        property_damage_risk=incident.property_damage_risk,
        unauthorized_purpose=incident.unauthorized_purpose,
        advanced_encryption=incident.advanced_encryption,
        recovered_before_viewed=incident.recovered_before_viewed,
        my_number=incident.my_number,
        my_number_viewable_by_unspecified=incident.my_number_viewable_by_unspecified,
        my_number_network=incident.my_number_network,
        discovered_on=incident.known_on,
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


NEAR_MISS_RESULT: dict[str, Any] = {
    "near_miss": True,
    "appi": {
        "status": "not_reportable",
        "grounds": [],
        "needs_review": [],
        "reasons": [
            {
                "code": "near_miss",
                "article": "APPI Art. 26(1)",
                "params": {},
                "msgid": gettext_noop(
                    "A near miss: no personal data left the organisation's control, so nothing is reported."
                ),
            }
        ],
    },
    "pmark": {"report_required": False, "preliminary_required": False, "criteria": [], "reasons": []},
    "my_number": {"status": "not_reportable", "grounds": [], "reasons": []},
    "deadlines": [],
}


def evaluate(incident: Incident) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return (facts, result) as JSON data for the incident's current facts."""
    facts = facts_of(incident)
    if incident.is_near_miss:
        return to_json(facts), NEAR_MISS_RESULT
    assessment = rules.assess(facts)
    result = to_json(assessment)
    result.pop("facts")
    return to_json(facts), result


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


def reason_text(reason: dict[str, Any]) -> str:
    """Return one stored reason translated into the active language, codes and dates included."""
    params = {key: _param_text(value) for key, value in (reason.get("params") or {}).items()}
    try:
        return _(reason["msgid"]) % params if params else _(reason["msgid"])
    except (KeyError, TypeError, ValueError):
        return reason["msgid"]


def reason_article(reason: dict[str, Any]) -> str:
    """Return the reason's citation in the active language."""
    return cite(reason.get("article", ""), get_language() or "ja")


def summary_text(result: dict[str, Any]) -> str:
    """Return a one-line summary of a determination for the timeline."""
    appi = result["appi"]
    text = _("APPI: %(status)s") % {"status": status_label(appi["status"])}
    if appi.get("grounds"):
        text += " (" + ", ".join(ground_label(g) for g in appi["grounds"]) + ")"
    if appi.get("final_due"):
        text += " " + _("final report due %(date)s") % {"date": appi["final_due"]}
    return text


def status_label(status: str) -> str:
    """Return the translated label of a determination status."""
    labels = {
        "reportable": _("Reportable"),
        "not_reportable": _("Not reportable"),
        "needs_review": _("Needs review"),
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
