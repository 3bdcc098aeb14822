"""Pages of incident response: who may see and change what; bad input changes nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from mamori.core.models import AuditLogEntry
from mamori.response import services
from mamori.response.models import ChainRole, ChainStep, ResponseTask
from mamori.testing.factories import make_incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def step(org, manager):
    return services.chain_step_create(
        organisation=org, actor=manager, order=1, role=ChainRole.MANAGER, user=manager
    )


@pytest.fixture
def tasks(incident, manager, employee):
    created = services.checklist_create(incident=incident, actor=manager)
    services.task_update(
        task=created[0], actor=manager, owner=employee, due_on=dt.date(2026, 12, 1), done=False
    )
    return created


def step_data(**overrides):
    data = {
        "order": "2",
        "role": "counsel",
        "user": "",
        "email": "counsel@example.com",
        "fallback_user": "",
        "fallback_email": "",
        "ack_minutes": "30",
    }
    data.update(overrides)
    return data


def test_outsider_gets_404_on_every_response_page(outsider, login, step, incident, tasks):
    client = login(outsider)
    for name, args, method in [
        ("response:chain_step", [step.pk], "get"),
        ("response:chain_step", [step.pk], "post"),
        ("response:chain_step_delete", [step.pk], "post"),
        ("response:task", [tasks[0].pk], "post"),
        ("response:task_add", [incident.pk], "post"),
        ("response:checklist", [incident.pk], "post"),
        ("response:incident_ack", [incident.pk], "post"),
    ]:
        response = getattr(client, method)(reverse(name, args=args), {"done": "on", "order": "9"})
        assert response.status_code == 404, name
    assert step.pk not in [s.pk for s in client.get(reverse("response:chain")).context["steps"]]
    assert client.get(reverse("response:my_tasks")).context["tasks"] == []
    assert (
        ChainStep.objects.get(pk=step.pk).order == 1
        and not ResponseTask.objects.filter(done_at__isnull=False).exists()
    )


def test_manager_adds_a_step_to_the_chain(manager, login):
    client = login(manager)
    response = client.post(reverse("response:chain"), step_data())
    assert response.status_code == 302
    step = ChainStep.objects.get()
    assert step.email == "counsel@example.com" and step.role == "counsel"
    assert AuditLogEntry.objects.get(action="response.chain_step.created").data["email"] == "[redacted]"
    assert "counsel@example.com" in client.get(reverse("response:chain")).content.decode()


@pytest.mark.parametrize(
    "bad",
    [
        {"order": "0"},
        {"order": "1"},  # taken
        {"ack_minutes": "0"},
        {"ack_minutes": "99999"},
        {"email": ""},  # counsel needs an address
        {"email": "not-an-address"},
        {"role": "janitor"},
    ],
)
def test_bad_step_input_shows_an_error_and_changes_nothing(manager, login, step, bad):
    client = login(manager)
    response = client.post(reverse("response:chain"), step_data(**bad))
    assert response.status_code == 200 and response.context["form"].errors
    assert ChainStep.objects.count() == 1


def test_step_with_a_person_of_another_organisation_is_refused(manager, outsider, login):
    response = login(manager).post(reverse("response:chain"), step_data(email="", user=str(outsider.pk)))
    assert response.status_code == 200 and "user" in response.context["form"].errors
    assert not ChainStep.objects.exists()


def test_employee_reads_the_chain_but_cannot_change_it(employee, login, step):
    client = login(employee)
    assert client.get(reverse("response:chain")).status_code == 200
    assert client.post(reverse("response:chain"), step_data()).status_code == 403
    assert client.post(reverse("response:chain_step_delete", args=[step.pk])).status_code == 403
    assert ChainStep.objects.count() == 1


def test_manager_edits_and_removes_a_step(manager, login, step):
    client = login(manager)
    client.post(
        reverse("response:chain_step", args=[step.pk]),
        step_data(order="1", email="", user=str(manager.pk), role="manager", ack_minutes="45"),
    )
    assert ChainStep.objects.get().ack_minutes == 45
    client.post(reverse("response:chain_step_delete", args=[step.pk]))
    assert not ChainStep.objects.exists()


def test_employee_ticks_their_own_task_from_my_tasks(employee, login, tasks):
    client = login(employee)
    page = client.get(reverse("response:my_tasks"))
    assert [t.pk for t in page.context["tasks"]] == [tasks[0].pk]
    client.post(
        reverse("response:task", args=[tasks[0].pk]),
        {"owner": employee.username, "due_on": "2026-12-01", "done": "on"},
    )
    task = ResponseTask.objects.get(pk=tasks[0].pk)
    assert task.is_done and task.done_by == employee
    assert task.incident.timeline.filter(data__event="task.done").exists()


def test_task_owner_who_cannot_read_the_incident_still_ticks_the_task(
    colleague, manager, login, incident, tasks
):
    services.task_update(task=tasks[1], actor=manager, owner=colleague, due_on=None, done=False)
    client = login(colleague)
    assert client.get(reverse("incidents:detail", args=[incident.pk])).status_code == 404
    client.post(
        reverse("response:task", args=[tasks[1].pk]),
        {"owner": colleague.username, "due_on": "", "done": "on"},
    )
    assert ResponseTask.objects.get(pk=tasks[1].pk).is_done


def test_employee_cannot_tick_a_task_of_someone_else(employee, login, tasks):
    response = login(employee).post(reverse("response:task", args=[tasks[1].pk]), {"done": "on"})
    assert response.status_code == 403
    assert not ResponseTask.objects.get(pk=tasks[1].pk).is_done


def test_bad_task_input_changes_nothing(employee, outsider, login, tasks):
    client = login(employee)
    for bad in (
        {"owner": employee.username, "due_on": "31/31/2026", "done": "on"},
        {"owner": outsider.username, "done": "on"},
    ):
        client.post(reverse("response:task", args=[tasks[0].pk]), bad)
    task = ResponseTask.objects.get(pk=tasks[0].pk)
    assert not task.is_done and task.owner == employee and task.due_on == dt.date(2026, 12, 1)


def test_incident_page_shows_the_checklist_and_the_manager_adds_tasks(manager, login, incident, tasks):
    client = login(manager)
    page = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert 'id="tasks"' in page and 'id="corrective-actions"' in page
    client.post(
        reverse("response:task_add", args=[incident.pk]),
        {"phase": "facts", "title": "ログを確認する", "owner": "", "due_on": ""},
    )
    assert incident.response_tasks.filter(key="", title="ログを確認する").exists()
    before = incident.response_tasks.count()
    client.post(reverse("response:task_add", args=[incident.pk]), {"phase": "nope", "title": ""})
    client.post(reverse("response:checklist", args=[incident.pk]))  # everything there already
    assert incident.response_tasks.count() == before


def test_employee_cannot_add_tasks_or_checklists(employee, login, incident):
    client = login(employee)
    assert client.post(reverse("response:checklist", args=[incident.pk])).status_code == 403
    assert (
        client.post(
            reverse("response:task_add", args=[incident.pk]), {"phase": "facts", "title": "x"}
        ).status_code
        == 403
    )
    assert not incident.response_tasks.exists()


def test_reporter_sees_the_response_section_with_their_task_editable(employee, login, incident, tasks):
    page = login(employee).get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert reverse("response:task", args=[tasks[0].pk]) in page
    assert reverse("response:task", args=[tasks[1].pk]) not in page


def test_task_redirects_only_to_this_site(employee, login, tasks):
    response = login(employee).post(
        reverse("response:task", args=[tasks[0].pk]),
        {"owner": employee.username, "done": "on", "next": "https://evil.example.com/"},
    )
    assert response.url == reverse("response:my_tasks")


def test_a_second_incident_gets_its_own_tasks(employee, manager):
    other = make_incident(employee)
    services.checklist_create(incident=other, actor=manager)
    assert other.response_tasks.count() > 0


def test_the_incident_page_lists_owners_once_from_the_department_whatever_the_company_size(
    login, manager, employee, incident, tasks, django_assert_max_num_queries
):
    """5,000 employees once made one full <select> of everyone per task; now one datalist, bounded."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mamori.accounts.models import Role
    from mamori.testing import factories

    elsewhere = factories.make_department(manager.organisation, "工場")
    client = login(manager)
    counts, sizes = [], []
    for batch in (5, 60):
        for i in range(batch):
            factories.make_user(
                manager.organisation, Role.EMPLOYEE, elsewhere, username=f"factory{batch}-{i}"
            )
        with django_assert_max_num_queries(40), CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
        counts.append(len(queries))
        sizes.append(len(page))
        assert page.count("<datalist") == 1 and 'name="owner"' in page and '<select name="owner"' not in page
        assert "factory" not in page and f'value="{employee.username}"' in page
    assert counts[0] == counts[1] and sizes[0] == sizes[1]


def test_an_owner_outside_the_department_and_the_managers_is_refused(login, manager, outsider, tasks):
    from mamori.accounts.models import Role
    from mamori.testing import factories

    stranger = factories.make_user(
        manager.organisation, Role.EMPLOYEE, factories.make_department(manager.organisation, "工場")
    )
    for name in (stranger.username, outsider.username, "nobody"):
        login(manager).post(reverse("response:task", args=[tasks[0].pk]), {"owner": name})
        assert ResponseTask.objects.get(pk=tasks[0].pk).owner_id != getattr(stranger, "pk", None)
    login(manager).post(reverse("response:task", args=[tasks[0].pk]), {"owner": manager.username})
    assert ResponseTask.objects.get(pk=tasks[0].pk).owner == manager
