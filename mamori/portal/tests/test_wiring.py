"""The composition layer wires the consumers together: what one shows of another comes through here."""

import pytest

from mamori.response import services as response_services
from mamori.response.models import ChainRole
from mamori.training import queries as training_queries

pytestmark = pytest.mark.django_db


def test_the_training_chapter_shows_the_chain_of_the_response_app(org, manager):
    assert training_queries.emergency_chain(manager) == []
    response_services.chain_step_create(
        organisation=org, actor=manager, order=1, role=ChainRole.MANAGER, user=manager
    )
    response_services.chain_step_create(
        organisation=org, actor=manager, order=2, role=ChainRole.COUNSEL, email="counsel@example.com"
    )
    chain = training_queries.emergency_chain(manager)
    assert chain is not None and len(chain) == 2
    assert chain[0][1] == str(manager) and chain[1][1] == ""


def test_the_dashboard_shows_the_ledgers_overdue_rows_to_its_readers(client, manager, employee, sales):
    from mamori.ledger import services as ledger_services

    ledger_services.entry_create(
        organisation=manager.organisation, actor=manager, department=sales, process="展示会", name="名刺情報"
    )
    client.force_login(manager)
    html = client.get("/").content.decode()
    assert "ledger-summary" in html and "名刺情報" in html  # never reviewed
    client.force_login(employee)
    assert "ledger-summary" not in client.get("/").content.decode()
