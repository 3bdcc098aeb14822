"""The register's list costs the same number of queries whatever the number of incidents."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mamori.testing import factories

pytestmark = pytest.mark.django_db


def test_the_list_names_each_deadline_without_a_query_per_row(
    login, manager, employee, django_assert_max_num_queries
):
    client = login(manager)
    counts = []
    for batch in (2, 12):
        for _ in range(batch):
            factories.make_incident(employee, persons=1500)  # reportable: each row has a named deadline
        with django_assert_max_num_queries(15), CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("incidents:list")).content.decode()
        counts.append(len(queries))
        assert page.count('class="deadline-name"') == len(page.split("<tbody>")[1].split("</tr>")) - 1
    assert counts[0] == counts[1]
