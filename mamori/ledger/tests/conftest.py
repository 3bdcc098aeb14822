"""Ledger fixtures: top management, and a row with a risk for every phase."""

from __future__ import annotations

import pytest

from mamori.accounts.models import Role
from mamori.ledger import services
from mamori.testing import factories


@pytest.fixture
def executive(org):
    return factories.make_user(org, Role.EXECUTIVE, username="executive")


def make_entry(manager, department, **fields):
    base = {
        "process": "受注・出荷",
        "name": "顧客台帳",
        "items": ["氏名", "住所", "電話番号"],
        "purpose": "通信販売事業における商品の発送及び代金の請求のため",
        "count": 1200,
        "retained": True,
    }
    return services.entry_create(
        organisation=manager.organisation, actor=manager, department=department, **{**base, **fields}
    )


def add_all_phases(entry, actor):
    for phase in ("acquire", "transfer", "use", "store", "dispose"):
        services.risk_save(
            entry=entry, actor=actor, phase=phase, media="electronic", threat="誤送信", likelihood=2, impact=2
        )


@pytest.fixture
def entry(manager, sales):
    return make_entry(manager, sales)
