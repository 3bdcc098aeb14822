"""Test the one list of facts and the typed adapter between the rules' answer and the database."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from mamori.incidents import api, facts, rules
from mamori.incidents.determination import Outcome
from mamori.incidents.forms import TriageForm
from mamori.incidents.models import Incident

#: What an earlier version stored for a near miss (before the typed adapter), read back as it is.
OLD_NEAR_MISS_RESULT = {
    "near_miss": True,
    "appi": {
        "status": "not_reportable",
        "grounds": [],
        "needs_review": [],
        "reasons": [
            {"code": "near_miss", "article": "APPI Art. 26(1)", "params": {}, "msgid": "A near miss"}
        ],
    },
    "pmark": {"report_required": False, "preliminary_required": False, "criteria": [], "reasons": []},
    "my_number": {"status": "not_reportable", "grounds": [], "reasons": []},
    "deadlines": [],
}


def test_every_fact_of_the_rules_is_a_field_of_the_incident() -> None:
    names = {f.name for f in Incident._meta.get_fields()}
    assert set(facts.FACT_FIELDS) <= names
    assert set(facts.RULE_FACTS) | facts.DERIVED == {f.name for f in dataclasses.fields(rules.Facts)}


def test_the_fact_list_reaches_the_triage_form_and_both_api_serializers() -> None:
    assert set(facts.TRI_STATE_FACTS) <= set(TriageForm.base_fields)
    assert set(facts.TRI_STATE_FACTS) <= set(api.IncidentFactsSerializer().fields)
    assert set(facts.FACT_FIELDS) <= set(api.IncidentSerializer.Meta.fields)


def test_the_tri_state_facts_are_exactly_the_yes_no_unknown_facts_of_the_rules() -> None:
    expected = {f.name for f in dataclasses.fields(rules.Facts) if f.type == "bool | None"}
    assert set(facts.TRI_STATE_FACTS) == expected
    assert "special_care" in facts.TRI_STATE_FACTS and "persons" not in facts.TRI_STATE_FACTS


@pytest.mark.parametrize(
    "scenario",
    [
        rules.Facts(
            events=frozenset({"leak"}), known_on=date(2026, 3, 5), persons=1, unauthorized_purpose=True
        ),
        rules.Facts(events=frozenset({"leak"}), known_on=date(2026, 4, 1), persons=None),
        rules.Facts(events=frozenset({"loss", "likely"}), known_on=date(2026, 12, 28), persons=5000),
        rules.Facts(events=frozenset(), known_on=None),
    ],
)
def test_an_outcome_reads_back_as_the_same_typed_answer(scenario: rules.Facts) -> None:
    outcome = Outcome.from_assessment(rules.assess(scenario))
    back = Outcome.from_json(outcome.to_json())
    assert back == outcome
    assert isinstance(back.appi.status, rules.Status)
    assert all(isinstance(d.due_on, date) for d in back.deadlines)


def test_an_answer_stored_by_an_earlier_version_still_reads() -> None:
    outcome = Outcome.from_json(OLD_NEAR_MISS_RESULT)
    assert outcome.near_miss is True
    assert outcome.appi.status is rules.Status.NOT_REPORTABLE
    assert outcome.appi.exempted_grounds == () and outcome.appi.final_due is None
    assert outcome.appi.reasons[0].code == "near_miss"
    assert outcome.pmark.report_required is False
