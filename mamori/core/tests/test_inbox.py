"""The trial inbox: mails kept in mamori when no mail server is set, readable by their recipients."""

from __future__ import annotations

import re

import pytest
from django.test import TestCase

from mamori.core import inbox
from mamori.core.models import MailDelivery, TrialMail
from mamori.testing.factories import make_incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def trial(settings):
    settings.EMAIL_BACKEND = inbox.BACKEND


def test_the_short_backend_names_of_the_settings_are_real_backends():
    from django.conf import settings
    from django.utils.module_loading import import_string

    for path in settings.EMAIL_BACKENDS.values():
        assert import_string(path)


def test_a_chain_mail_arrives_in_the_trial_inbox_and_its_link_acknowledges(
    trial, employee, manager, outsider, client
):
    with TestCase.captureOnCommitCallbacks(execute=True):
        incident = make_incident(employee)
    assert MailDelivery.objects.get().state == "sent"
    assert TrialMail.objects.get().to == [manager.email]

    client.force_login(manager)
    page = client.get("/mail/inbox/").content.decode()
    assert incident.number in page and "試用受信箱" in page and 'id="trial-note"' in page
    link = re.search(r'<a href="[^"]*/response/ack/#([^"/]+)"', page)  # urlized: one click opens it
    assert link is not None
    client.post("/response/ack/", {"token": link.group(1), "acknowledge": "1"})
    assert incident.chain_notifications.get().acknowledged_at is not None

    for user in (employee, outsider):  # not their mail
        client.force_login(user)
        assert incident.number not in client.get("/mail/inbox/").content.decode()


def test_the_inbox_page_and_banner_exist_only_in_trial_mode(manager, client):
    client.force_login(manager)
    assert client.get("/mail/inbox/").status_code == 404
    assert 'id="trial-note"' not in client.get("/").content.decode()
