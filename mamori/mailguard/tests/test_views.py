"""The review pages: who sees and decides what, signed links, the policy form; outsiders get 404."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from mamori.accounts.models import Role
from mamori.core.models import AuditLogEntry
from mamori.incidents.models import Incident
from mamori.mailguard import notify
from mamori.mailguard.models import HeldMessage, MailPolicy, State
from mamori.mailguard.tests.conftest import user_with_mail
from mamori.mailguard.tests.helpers import hold
from mamori.mailguard.tests.mails import my_number
from mamori.testing import factories


@pytest.fixture
def sender(employee, mail_policy):
    return user_with_mail(employee)


@pytest.fixture
def held(sink, mail_policy, sender):
    return hold(mail_policy, sender)


def test_the_sender_sees_recipients_subject_and_findings(login, held, sender):
    page = login(sender).get(reverse("mailguard:detail", args=[held.pk])).content.decode()
    assert "kyaku@torihiki.invalid" in page and "お見積りの件" in page and "FIRST_TIME_DOMAIN" in page
    assert 'id="cancel"' in page and 'id="send-now"' in page and 'id="approve"' not in page


def test_findings_show_kinds_and_counts_never_the_pii_values(login, sink, mail_policy, sender):
    from mamori.mailguard import services
    from mamori.mailguard.analyse import analyse
    from mamori.mailguard.policy import Envelope
    from mamori.mailguard.queries import build_policy
    from mamori.mailguard.tests.mails import mail

    raw = mail(to=("客 <kyaku@torihiki.invalid>",), body=f"マイナンバーは {my_number()} です。\n")
    analysis = analyse(raw, Envelope(sender.email, ("kyaku@torihiki.invalid",)), build_policy(mail_policy))
    message = services.held_message_create(
        policy=mail_policy,
        sender=sender,
        mail_from=sender.email,
        recipients=["kyaku@torihiki.invalid"],
        raw=raw,
        analysis=analysis,
    )
    page = login(sender).get(reverse("mailguard:detail", args=[message.pk])).content.decode()
    assert "PII_IN_BODY" in page and my_number() not in page


def test_the_list_shows_own_mail_to_the_sender_and_department_mail_to_its_manager(
    login, held, sender, depmgr, colleague
):
    assert f"#{held.pk}" in login(sender).get(reverse("mailguard:list")).content.decode()
    assert f"#{held.pk}" in login(depmgr).get(reverse("mailguard:list")).content.decode()
    assert f"#{held.pk}" not in login(colleague).get(reverse("mailguard:list")).content.decode()


def test_outsiders_and_colleagues_get_404_everywhere(login, held, outsider, colleague):
    for user in (outsider, colleague):
        client = login(user)
        assert client.get(reverse("mailguard:detail", args=[held.pk])).status_code == 404
        for name in ("cancel", "send_now", "request_approval", "approve", "reject", "report_incident"):
            assert client.post(reverse(f"mailguard:{name}", args=[held.pk])).status_code == 404
        token = notify.link_token(held.pk, "sender")
        assert client.post(reverse("mailguard:link_open"), {"token": token}).status_code == 404
    held.refresh_from_db()
    assert held.state == State.HELD


def test_the_signed_link_needs_a_login_and_a_valid_signature(client, login, held, sender):
    token = notify.link_token(held.pk, "sender")
    url = reverse("mailguard:link_open")
    assert notify.link(held.pk, "sender").endswith(f"{url}#{token}")  # the token is never in a logged URL
    assert 'id="link-form"' in client.get(url).content.decode()
    response = client.post(url, {"token": token})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert token not in response["Location"]
    client = login(sender)
    assert client.post(url, {"token": token}).url == reverse("mailguard:detail", args=[held.pk])
    assert client.post(url, {"token": token[:-2] + "xx"}).status_code == 404
    assert client.get(reverse("mailguard:link", args=[token])).url == reverse(  # links mailed before
        "mailguard:detail", args=[held.pk]
    )


def test_the_sender_cancels_and_a_near_miss_is_counted(login, held, sender):
    response = login(sender).post(reverse("mailguard:cancel", args=[held.pk]))
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.state == State.CANCELLED
    assert Incident.objects.get().is_near_miss
    assert AuditLogEntry.objects.filter(action="mailguard.message.cancelled", actor=sender).exists()


def test_a_get_request_changes_nothing(login, held, sender):
    assert login(sender).get(reverse("mailguard:cancel", args=[held.pk])).status_code == 405
    held.refresh_from_db()
    assert held.state == State.HELD


def test_the_department_manager_approves_but_the_sender_cannot_approve_own_mail(
    login, sink, mail_policy, sender, depmgr
):
    message = hold(mail_policy, sender, approve=True)
    assert login(sender).post(reverse("mailguard:approve", args=[message.pk])).status_code == 403
    page = login(depmgr).get(reverse("mailguard:detail", args=[message.pk])).content.decode()
    assert 'id="approve"' in page
    login(depmgr).post(reverse("mailguard:approve", args=[message.pk]))
    message.refresh_from_db()
    assert message.state == State.HELD and message.decided_by == depmgr


def test_a_colleague_of_the_department_cannot_approve(login, sink, mail_policy, sender, org, sales):
    message = hold(mail_policy, sender, approve=True)
    other = factories.make_user(org, Role.EMPLOYEE, sales, username="other")
    assert login(other).post(reverse("mailguard:approve", args=[message.pk])).status_code == 404


def test_a_decided_mail_says_so_instead_of_changing(login, held, sender):
    client = login(sender)
    client.post(reverse("mailguard:cancel", args=[held.pk]))
    response = client.post(reverse("mailguard:send_now", args=[held.pk]), follow=True)
    assert gettext("This mail was already sent or decided.") in response.content.decode()
    held.refresh_from_db()
    assert held.state == State.CANCELLED


POLICY_FORM = {
    "delay_minutes": "10",
    "many_recipients": "30",
    "partner_domains": "partner.invalid",
    "action_info": "deliver",
    "action_warning": "hold",
    "action_high": "approve",
    "external_action": "hold",
    "encrypted_archive_action": "",
    "pii_list_threshold": "10",
    "max_scan_chars": "100000",
    "additional": "",
}


def test_the_manager_sets_the_policy_with_a_form_not_json(login, manager, org):
    data = {**POLICY_FORM, "encrypted_archive_action": "reject", "additional": "lookalike_max_distance: 1\n"}
    response = login(manager).post(reverse("mailguard:policy"), data)
    assert response.status_code == 302
    record = MailPolicy.objects.get(organisation=org)
    assert record.delay_minutes == 10 and record.many_recipients == 30
    assert record.settings["partner_domains"] == ["partner.invalid"]
    assert record.settings["code_actions"] == {"EXTERNAL_RECIPIENTS": "hold", "ENCRYPTED_ARCHIVE": "reject"}
    assert record.settings["lookalike_max_distance"] == 1
    assert AuditLogEntry.objects.filter(action="mailguard.policy.created").exists()
    page = login(manager).get(reverse("mailguard:policy")).content.decode()
    assert 'name="encrypted_archive_action"' in page and "Advanced settings (JSON)" not in page
    assert '<option value="reject" selected>' in page


@pytest.mark.parametrize(
    "field, value",
    [
        ("partner_domains", "not a domain!"),
        ("delay_minutes", "-1"),
        ("action_high", "explode"),
        ("additional", "[not: yaml"),
        ("additional", "delay: 5"),
        ("additional", "history_key: secret"),
    ],
)
def test_bad_policy_input_is_refused_and_changes_nothing(login, manager, field, value):
    data = {**POLICY_FORM, field: value}
    response = login(manager).post(reverse("mailguard:policy"), data)
    assert response.status_code == 200 and 'class="error"' in response.content.decode()
    assert not MailPolicy.objects.exists()


def test_only_the_manager_edits_the_policy(login, employee, outsider):
    assert login(employee).get(reverse("mailguard:policy")).status_code == 403


def test_a_delivered_mail_is_reported_as_an_incident_from_its_page(login, held, sender):
    from mamori.mailguard import release, services

    services.held_message_send_now(message=held, actor=sender)
    release.release_due()
    response = login(sender).post(reverse("mailguard:report_incident", args=[held.pk]))
    incident = Incident.objects.get()
    assert response.url == reverse("incidents:detail", args=[incident.pk])
    assert "k***@torihiki.invalid" in incident.description
    assert HeldMessage.objects.get(pk=held.pk).incident == incident
