import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from mamori.accounts.models import Role
from mamori.core.middleware import CSP
from mamori.incidents import services
from mamori.stats.rules import fiscal_year
from mamori.testing import factories

pytestmark = pytest.mark.django_db


def at_tokyo_noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def current_fy() -> int:
    return fiscal_year(timezone.now())


def report(user, event_class="missent", day=None, near_miss=False, **kw):
    day = day or timezone.localdate() - dt.timedelta(days=1)
    return factories.make_incident(
        user, event_class=event_class, discovered_at=at_tokyo_noon(day), is_near_miss=near_miss, **kw
    )


@pytest.mark.parametrize("role", [Role.MANAGER, Role.AUDITOR, Role.EXECUTIVE])
def test_roles_reading_the_whole_organisation_see_the_statistics(login, org, role):
    user = factories.make_user(org, role)
    response = login(user).get(reverse("stats:index"))
    assert response.status_code == 200
    assert "誤送信" in response.content.decode()


@pytest.mark.parametrize("who", ["employee", "depmgr"])
def test_employees_and_department_managers_get_403(login, request, who):
    user = request.getfixturevalue(who)
    assert login(user).get(reverse("stats:index")).status_code == 403
    assert login(user).post(reverse("stats:export"), {"fy": current_fy()}).status_code == 403


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(reverse("stats:index"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_page_counts_accidents_and_near_misses_of_the_fiscal_year(login, manager, employee):
    report(employee, "missent")
    report(employee, "missent")
    report(employee, "misdelivery")
    report(employee, "loss", near_miss=True)
    page = login(manager).get(reverse("stats:index")).content.decode()
    assert '<dd id="accidents">3</dd>' in page
    assert '<dd id="near-misses">1</dd>' in page
    # 2 of 3 accidents were mis-sent: 66.7 %. No national share of today's grouping could be checked
    # against JIPDEC's own publication, so none is shown and the page says which years have none.
    section = page[page.index('id="dim-event_class"') :]
    row = section[section.index('<th scope="row">誤送信</th>') :]
    row = row[: row.index("</tr>")]
    assert ">2</td>" in row and ">66.7</td>" in row
    assert 'data-label="全国 %">—</td>' in row
    assert "この区分の全国の割合はJIPDEC自身の公表資料にありません" in section
    assert 'id="missing-years">2015年度、2019年度、2022〜2024年度は全国の数値がありません' in page


def test_outsider_sees_only_their_own_organisations_numbers(login, employee, outsider):
    report(employee, "missent")
    report(employee, "missent")
    page = login(outsider).get(reverse("stats:index")).content.decode()
    assert '<dd id="accidents">0</dd>' in page
    assert '<dd id="near-misses">0</dd>' in page
    other_employee = factories.make_user(outsider.organisation, Role.EMPLOYEE)
    report(other_employee, "theft")
    page = login(outsider).get(reverse("stats:index")).content.decode()
    assert '<dd id="accidents">1</dd>' in page


def test_fiscal_year_selector_shows_an_earlier_year(login, manager, employee):
    fy = current_fy()
    report(employee, "missent", day=dt.date(fy - 1, 4, 1))
    report(employee, "missent", day=dt.date(fy, 3, 31))  # still the previous fiscal year
    client = login(manager)
    page = client.get(reverse("stats:index"), {"fy": fy - 1}).content.decode()
    assert '<dd id="accidents">2</dd>' in page
    assert f'<option value="{fy - 1}" selected>' in page
    page = client.get(reverse("stats:index")).content.decode()
    assert '<dd id="accidents">0</dd>' in page
    our_long_run = page[page.index('id="our-long-run"') :]
    assert f"{fy - 1}年度</th>" in our_long_run and ">100.0</td>" in our_long_run


@pytest.mark.parametrize("value", ["abc", "1999", ""])
def test_unknown_fiscal_year_is_a_clear_error_showing_the_current_year(login, manager, value):
    response = login(manager).get(reverse("stats:index"), {"fy": value})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page
    assert f"{current_fy()}" in page


def test_other_query_parameters_show_the_current_year(login, manager):
    response = login(manager).get(reverse("stats:index"), {"utm_source": "mail"})
    assert response.status_code == 200
    assert f'<option value="{current_fy()}" selected>' in response.content.decode()


def test_page_has_no_inline_script_or_style_and_is_served_under_the_csp(login, manager, employee):
    report(employee, "missent")
    response = login(manager).get(reverse("stats:index"))
    page = response.content.decode()
    assert response.headers["Content-Security-Policy"] == CSP
    assert re.findall(r"<script(?![^>]*\bsrc=)", page) == []  # scripts only from files ('self')
    assert "style=" not in page and "<style" not in page
    assert page.count("<svg") == 5 and page.count("<title id=") == 5
    assert page.count('role="img"') == 5


def test_nav_links_the_statistics_for_managers_only(login, manager, employee):
    url = reverse("stats:index")
    assert f'href="{url}"' in login(manager).get(reverse("incidents:list")).content.decode()
    assert f'href="{url}"' not in login(employee).get(reverse("incidents:list")).content.decode()


def test_untriaged_incidents_count_as_uncoded_causes(login, manager, employee):
    report(employee, "missent")
    page = login(manager).get(reverse("stats:index")).content.decode()
    assert "未分類" in page


def test_triaged_cause_is_counted(login, manager, employee):
    incident = report(employee, "missent")
    services.incident_triage(
        incident=incident,
        actor=manager,
        **{name: getattr(incident, name) for name in services.TRIAGE_FIELDS if name != "cause"},
        cause="insufficient_check",
    )
    page = login(manager).get(reverse("stats:index")).content.decode()
    section = page[page.index('id="dim-cause"') :]
    assert "確認不足" in section[: section.index("</section>")]


def test_the_grouped_rows_are_read_once_until_an_incident_changes(manager, employee):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mamori.stats import queries

    incident = report(employee, "missent")
    first = queries.incident_rows(manager)
    with CaptureQueriesContext(connection) as again:
        assert queries.incident_rows(manager) == first
    assert not any("GROUP BY" in q["sql"] for q in again)  # the latest change's time only: a cache hit
    services.incident_triage(
        incident=incident,
        actor=manager,
        **{name: getattr(incident, name) for name in services.TRIAGE_FIELDS if name != "cause"},
        cause="insufficient_check",
    )
    assert [row.cause for row in queries.incident_rows(manager)] == ["insufficient_check"]
    report(employee, "missent")
    assert sum(row.count for row in queries.incident_rows(manager)) == 2
