"""Pages of corrective actions: the manager records and reviews, the owner completes, outsiders see nothing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from mamori.audits import services
from mamori.audits.models import CorrectiveAction

pytestmark = pytest.mark.django_db


@pytest.fixture
def ca(incident, manager, employee):
    return services.corrective_action_create(
        actor=manager,
        incident=incident,
        title="宛先確認の二重チェック",
        cause_analysis="確認不足",
        action="外部宛メールは送信前に上長が確認する",
        owner=employee,
        due_on=dt.date(2026, 12, 15),
    )


def form_data(person, **overrides):
    data = {
        "title": "送信前の確認",
        "cause_analysis": "確認不足",
        "action": "二重チェック",
        "owner": str(person.pk),
        "due_on": "2026-12-20",
        "review_due_on": "2027-03-01",
    }
    data.update(overrides)
    return data


def test_outsider_gets_404_on_every_corrective_action_page(outsider, login, ca, incident):
    client = login(outsider)
    for name, method in [
        ("audits:detail", "get"),
        ("audits:edit", "get"),
        ("audits:edit", "post"),
        ("audits:complete", "post"),
        ("audits:review", "post"),
    ]:
        response = getattr(client, method)(reverse(name, args=[ca.pk]), {"completed_on": "2026-11-01"})
        assert response.status_code == 404, name
    assert client.get(reverse("audits:create") + f"?incident={incident.pk}").status_code == 404
    assert list(client.get(reverse("audits:list")).context["actions"]) == []
    assert CorrectiveAction.objects.get(pk=ca.pk).completed_on is None


def test_manager_records_a_corrective_action_for_an_incident(manager, employee, login, incident):
    client = login(manager)
    url = reverse("audits:create") + f"?incident={incident.pk}"
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(employee))
    ca = CorrectiveAction.objects.get()
    assert response.url == reverse("audits:detail", args=[ca.pk])
    assert ca.incident == incident and ca.owner == employee
    page = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert "送信前の確認" in page


@pytest.mark.parametrize(
    "bad", [{"title": ""}, {"due_on": "2026-02-30"}, {"review_due_on": "2026-12-01"}, {"owner": "999999"}]
)
def test_bad_corrective_action_input_changes_nothing(manager, employee, login, bad):
    response = login(manager).post(reverse("audits:create"), form_data(employee, **bad))
    assert response.status_code == 200 and response.context["form"].errors
    assert not CorrectiveAction.objects.exists()


def test_owner_completes_and_manager_reviews(manager, employee, login, ca):
    login(employee).post(reverse("audits:complete", args=[ca.pk]), {"completed_on": "2026-11-20"})
    ca.refresh_from_db()
    assert ca.completed_on == dt.date(2026, 11, 20)
    client = login(manager)
    # A review dated before completion is refused.
    client.post(reverse("audits:review", args=[ca.pk]), {"reviewed_on": "2026-11-01", "effective": "true"})
    ca.refresh_from_db()
    assert ca.reviewed_on is None
    today = timezone.localdate().isoformat()
    client.post(
        reverse("audits:review", args=[ca.pk]), {"reviewed_on": today, "effective": "false", "note": "再発"}
    )
    ca.refresh_from_db()
    assert ca.effective is False and ca.review_note == "再発"


def test_future_completion_date_is_refused(employee, login, ca):
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    login(employee).post(reverse("audits:complete", args=[ca.pk]), {"completed_on": future})
    assert CorrectiveAction.objects.get(pk=ca.pk).completed_on is None


def test_employee_who_does_not_own_it_cannot_complete_or_create(colleague, employee, login, ca):
    client = login(colleague)
    assert (
        client.post(reverse("audits:complete", args=[ca.pk]), {"completed_on": "2026-11-20"}).status_code
        == 404
    )
    assert client.post(reverse("audits:create"), form_data(employee)).status_code == 403
    assert CorrectiveAction.objects.count() == 1


def test_manager_edits_a_corrective_action(manager, employee, login, ca):
    login(manager).post(reverse("audits:edit", args=[ca.pk]), form_data(employee, title="改訂"))
    ca.refresh_from_db()
    assert ca.title == "改訂" and ca.due_on == dt.date(2026, 12, 20)


def test_auditor_reads_the_list_but_cannot_review(auditor, login, ca):
    client = login(auditor)
    assert [c.pk for c in client.get(reverse("audits:list")).context["actions"]] == [ca.pk]
    assert (
        client.post(
            reverse("audits:review", args=[ca.pk]), {"reviewed_on": "2026-11-20", "effective": "true"}
        ).status_code
        == 403
    )


def test_the_list_is_paged_in_a_fixed_number_of_queries(
    manager, employee, login, django_assert_max_num_queries
):
    """Without paging the list rendered every corrective action (4.6 s at 100,000)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(count: int) -> None:
        CorrectiveAction.objects.bulk_create(
            CorrectiveAction(
                organisation=manager.organisation, title=f"是正 {i}", cause_analysis="x", action="y",
                owner=employee, due_on=timezone.localdate() + dt.timedelta(days=i),
            )
            for i in range(count)
        )  # fmt: skip

    client = login(manager)
    counts = []
    for count in (3, 120):
        add(count)
        with django_assert_max_num_queries(12), CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("audits:list"))
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert len(page.context["actions"]) == 50 and page.context["page"].paginator.count == 123
    assert "?page=2" in page.content.decode()


def test_the_audits_index_links_the_pages_each_role_may_open(manager, employee, auditor, login):
    programmes, reviews = reverse("audits:programmes"), reverse("audits:mreviews")
    actions, runs = reverse("audits:list"), reverse("audits:operation_runs")
    for user, whole in ((manager, True), (auditor, True), (employee, False)):
        client = login(user)
        response = client.get(reverse("audits:index"))
        assert response.status_code == 200, user
        page = response.content.decode()
        links = page[page.index('id="audit-pages"') :]
        assert f'href="{actions}"' in links and f'href="{runs}"' in links
        assert (f'href="{programmes}"' in links) is whole and (f'href="{reviews}"' in links) is whole
        for href in (actions, runs, *((programmes, reviews) if whole else ())):
            assert client.get(href).status_code == 200, (user, href)


def test_the_audits_index_is_for_signed_in_members_only(client, outsider, login):
    assert client.get(reverse("audits:index")).status_code == 302
