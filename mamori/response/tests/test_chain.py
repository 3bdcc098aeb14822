"""The emergency chain: notification at once, escalation without acknowledgement, one-click acknowledgement."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mamori.accounts.models import Role
from mamori.core.models import AuditLogEntry
from mamori.incidents.models import TimelineEntry
from mamori.response import mails, services
from mamori.response.models import ChainNotification, ChainRole, ResponseTask
from mamori.testing.factories import make_incident, make_user
from mamori.testing.smtp import SMTPServer

pytestmark = pytest.mark.django_db
COUNSEL = "counsel@law-office.example.com"
BACKUP = "backup@example.com"


@pytest.fixture
def smtp_server(settings):
    server = SMTPServer()
    server.use_in(settings)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def chain(org, manager, depmgr):
    """Step 1: the manager (fallback: a backup address); step 2: the department manager; 3: counsel."""
    services.chain_step_create(
        organisation=org, actor=manager, order=1, role=ChainRole.MANAGER, user=manager, fallback_email=BACKUP
    )
    services.chain_step_create(
        organisation=org, actor=manager, order=2, role=ChainRole.DEPARTMENT_MANAGER, ack_minutes=15
    )
    services.chain_step_create(
        organisation=org, actor=manager, order=3, role=ChainRole.COUNSEL, email=COUNSEL
    )


def ack_link(body: str) -> str:
    """Return the token of the mailed link, which carries it after "#" (never sent to the server)."""
    found = re.search(r"http://[^\s#]+/response/ack/#([^\s/]+)", body)
    assert found is not None
    return found.group(1)


def body_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_chain_is_notified_escalated_and_acknowledged_over_real_smtp(
    chain, employee, manager, depmgr, smtp_server, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        incident = make_incident(employee, description="山田様の住所を誤送信")
    assert [to for to, _ in smtp_server.messages] == [[manager.email]]
    first = smtp_server.messages[0][1]
    assert incident.number in first["Subject"] and "山田" not in body_of(first)
    assert f"/incidents/{incident.pk}/" in body_of(first)

    later = timezone.now() + dt.timedelta(minutes=31)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.chain_escalate(now=later) == 1
    assert sorted(to[0] for to, _ in smtp_server.messages[1:]) == sorted([BACKUP, depmgr.email])
    with django_capture_on_commit_callbacks(execute=True):
        assert services.chain_escalate(now=later) == 0  # step 2 has 15 minutes of its own
        assert services.chain_escalate(now=later + dt.timedelta(minutes=16)) == 1
    assert smtp_server.messages[-1][0] == [COUNSEL]

    token = ack_link(body_of(smtp_server.messages[-1][1]))
    url = reverse("response:ack_open")
    # Opening the link (or a mail scanner doing so, even one that runs the page's script) records nothing.
    assert 'id="link-form"' in client.get(url).content.decode()
    page = client.post(url, {"token": token})
    assert (
        page.status_code == 200
        and 'id="acknowledge"' in page.content.decode()
        and not ChainNotification.objects.filter(acknowledged_at__isnull=False).exists()
    )
    assert "第3順位（" in page.content.decode()  # Japanese order words, not "順位 3: …"
    assert "山田" not in page.content.decode() and incident.title not in page.content.decode()
    client.post(url, {"token": token, "acknowledge": "1"})
    step3 = ChainNotification.objects.get(incident=incident, order=3)
    assert step3.acknowledged_at is not None and COUNSEL not in step3.acknowledged_by
    assert TimelineEntry.objects.filter(incident=incident, data__event="chain.acknowledged").count() == 1
    assert AuditLogEntry.objects.filter(
        action="response.chain.acknowledged", object_id=str(incident.pk)
    ).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.chain_escalate(now=later + dt.timedelta(days=1)) == 0
    assert len(smtp_server.messages) == 4


def test_without_a_chain_the_managers_are_step_one_and_nothing_escalates(
    employee, manager, mailoutbox, django_capture_on_commit_callbacks
):
    second = make_user(manager.organisation, Role.MANAGER, username="manager2")
    with django_capture_on_commit_callbacks(execute=True):
        incident = make_incident(employee)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([manager.email, second.email])
    with django_capture_on_commit_callbacks(execute=True):
        assert services.chain_escalate(now=timezone.now() + dt.timedelta(hours=2)) == 1
    assert len(mailoutbox) == 2
    assert incident.chain_notifications.count() == 1


def test_a_new_accident_gets_its_checklist_and_a_near_miss_neither_checklist_nor_escalation(
    chain, employee, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        accident = make_incident(employee, event_class="malware")
        near_miss = make_incident(employee, is_near_miss=True)
    keys = set(accident.response_tasks.values_list("key", flat=True))
    assert "contain.disconnect" in keys and "report.final" in keys
    assert not ResponseTask.objects.filter(incident=near_miss).exists()
    assert near_miss.chain_notifications.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.chain_escalate(now=timezone.now() + dt.timedelta(hours=1))
    assert near_miss.chain_notifications.count() == 1 and accident.chain_notifications.count() == 2


def test_starting_the_chain_twice_notifies_once(
    chain, employee, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        incident = make_incident(employee)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.chain_start(incident_id=incident.pk) is None
    assert len(mailoutbox) == 1


def test_escalation_runs_from_runperiodic_once(
    chain, employee, manager, mailoutbox, django_capture_on_commit_callbacks
):
    incident = make_incident(employee)
    services.chain_start(incident_id=incident.pk)
    ChainNotification.objects.filter(incident=incident).update(
        notified_at=timezone.now() - dt.timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("runperiodic", only=["response_escalation"])
        call_command("runperiodic", only=["response_escalation"])
    assert list(incident.chain_notifications.values_list("order", flat=True)) == [1, 2]


def test_a_step_whose_person_cannot_be_reached_goes_to_its_fallback(org, manager, employee, mailoutbox):
    gone = make_user(org, Role.EXECUTIVE, username="gone")
    gone.is_active = False
    gone.save()
    services.chain_step_create(
        organisation=org, actor=manager, order=1, role=ChainRole.EXECUTIVE, user=gone, fallback_user=manager
    )
    incident = make_incident(employee)
    step = incident.organisation and services.ChainStep.objects.get(order=1)
    assert services.resolve_step(incident, step) == ([manager.email], [])


def test_acknowledging_from_the_incident_page_is_one_click_and_recorded_once(
    chain, employee, manager, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        incident = make_incident(employee)
    client = login(manager)
    page = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert 'id="acknowledge"' in page
    client.post(reverse("response:incident_ack", args=[incident.pk]))
    client.post(reverse("response:incident_ack", args=[incident.pk]))
    notification = incident.chain_notifications.get()
    assert notification.acknowledged_by == str(manager)
    assert TimelineEntry.objects.filter(incident=incident, data__event="chain.acknowledged").count() == 1


def test_employee_who_was_not_called_cannot_acknowledge(
    chain, employee, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        incident = make_incident(employee)
    response = login(employee).post(reverse("response:incident_ack", args=[incident.pk]))
    assert response.status_code == 403
    assert not incident.chain_notifications.filter(acknowledged_at__isnull=False).exists()


def test_outsider_cannot_acknowledge_another_organisations_incident(chain, employee, outsider, login):
    incident = make_incident(employee)
    services.chain_start(incident_id=incident.pk)
    response = login(outsider).post(reverse("response:incident_ack", args=[incident.pk]))
    assert response.status_code == 404


def test_forged_or_tampered_acknowledgement_links_change_nothing(chain, employee, client):
    incident = make_incident(employee)
    notification = services.chain_start(incident_id=incident.pk)
    token = mails.ack_token(notification.pk, COUNSEL)
    for bad in (token[:-2] + "xx", "nonsense", mails.ack_token(notification.pk + 999, COUNSEL)):
        response = client.post(reverse("response:ack_open"), {"token": bad, "acknowledge": "1"})
        assert response.status_code == 404
    assert not ChainNotification.objects.filter(acknowledged_at__isnull=False).exists()


def test_a_step_that_reaches_nobody_escalates_at_the_next_run(org, manager, employee):
    services.chain_step_create(
        organisation=org, actor=manager, order=1, role=ChainRole.IT_LEAD, email="it@example.com"
    )
    services.chain_step_create(organisation=org, actor=manager, order=2, role=ChainRole.DEPARTMENT_MANAGER)
    services.chain_step_create(
        organisation=org, actor=manager, order=3, role=ChainRole.EXECUTIVE, email="ceo@example.com"
    )
    incident = make_incident(employee)  # the sales department has no department manager here
    services.chain_start(incident_id=incident.pk)
    now = timezone.now() + dt.timedelta(minutes=30)
    services.chain_escalate(now=now)
    assert incident.chain_notifications.get(order=2).recipients == []
    services.chain_escalate(now=now)
    assert incident.chain_notifications.get(order=3).recipients == ["ceo@example.com"]


def test_steps_numbered_with_gaps_are_each_told_once(org, manager, employee):
    for order, address in ((10, "a@example.com"), (20, "b@example.com"), (30, "c@example.com")):
        services.chain_step_create(
            organisation=org, actor=manager, order=order, role=ChainRole.IT_LEAD, email=address
        )
    incident = make_incident(employee)
    services.chain_start(incident_id=incident.pk)
    for minutes in (31, 62, 93, 124):
        services.chain_escalate(now=timezone.now() + dt.timedelta(minutes=minutes))
    told = list(incident.chain_notifications.values_list("order", "recipients"))
    assert told == [(10, ["a@example.com"]), (20, ["b@example.com"]), (30, ["c@example.com"])]


def test_a_logged_in_member_of_another_organisation_is_not_named_by_the_mailed_link(
    chain, employee, outsider, manager, login
):
    """The link once recorded the other organisation's user's name in our timeline."""
    incident = make_incident(employee)
    notification = services.chain_start(incident_id=incident.pk)
    url = reverse("response:ack_open")
    form = {"token": mails.ack_token(notification.pk, manager.email), "acknowledge": "1"}
    client = login(outsider)
    assert 'id="ack-foreign"' in client.post(url, {"token": form["token"]}).content.decode()
    assert client.post(url, form).status_code == 403
    notification.refresh_from_db()
    assert notification.acknowledged_at is None
    assert outsider.username not in str(list(incident.timeline.values_list("text", "data", "actor_id")))
    client.logout()
    assert client.post(url, form).status_code == 200  # anonymous: the mailed address is recorded
    notification.refresh_from_db()
    assert notification.acknowledged_at is not None and notification.acknowledged_by != outsider


def test_a_link_mailed_before_the_token_moved_after_the_hash_still_works(chain, employee, client):
    incident = make_incident(employee)
    notification = services.chain_start(incident_id=incident.pk)
    token = mails.ack_token(notification.pk, COUNSEL)
    legacy = reverse("response:ack", args=[token])
    assert 'id="acknowledge"' in client.get(legacy).content.decode()
    client.post(legacy, {"token": token})  # only the button records
    notification.refresh_from_db()
    assert notification.acknowledged_at is None
    client.post(reverse("response:ack_open"), {"token": token, "acknowledge": "1"})
    notification.refresh_from_db()
    assert notification.acknowledged_at is not None
