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
