"""Every audit action code that the code writes has a Japanese label, registered by its app."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.utils import translation

from mamori.core import audit_labels
from mamori.core.services import log_action
from mamori.testing import factories

PACKAGE = Path(__file__).resolve().parents[2]


def written_action_codes() -> set[str]:
    """Return the action codes of every ``log_action`` call outside the tests (literals and their branches)."""
    codes = set()
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "log_action"):
                continue
            action = node.args[1] if len(node.args) > 1 else None
            action = action or next((k.value for k in node.keywords if k.arg == "action"), None)
            found = {n.value for n in ast.walk(action) if isinstance(n, ast.Constant)} if action else set()
            assert found, f"{path}:{node.lineno}: the action code is not written out"
            codes |= {c for c in found if isinstance(c, str)}
    return codes


def test_every_written_action_code_has_a_japanese_label() -> None:
    codes = written_action_codes()
    assert len(codes) > 50
    assert sorted(codes - set(audit_labels.LABELS)) == []
    with translation.override("en"):
        english = {code: audit_labels.label(code) for code in codes}
    with translation.override("ja"):
        untranslated = {code for code in codes if audit_labels.label(code) == english[code]}
    assert sorted(untranslated) == []


def test_a_code_cannot_get_a_second_label() -> None:
    with pytest.raises(ValueError, match="already has another label"):
        audit_labels.register({"incidents.note.added": "something else"})
    audit_labels.register({"incidents.note.added": audit_labels.LABELS["incidents.note.added"]})


@pytest.mark.django_db
def test_the_audit_log_shows_the_operator_by_name(manager, org) -> None:
    manager.display_name = "保護 太郎"
    manager.save()
    entry = log_action(org, "core.organisation.created", actor=manager)
    assert entry.actor_name == "manager"  # the record keeps the login
    assert entry.operator == "保護 太郎"
    system = log_action(org, "core.organisation.created")
    with translation.override("ja"):
        assert system.operator != "system"
    gone = factories.make_user(org, "employee", username="leaver")
    entry = log_action(org, "core.department.created", actor=gone)
    type(gone).objects.filter(pk=gone.pk).delete()
    entry.refresh_from_db()
    assert entry.operator == "leaver"
