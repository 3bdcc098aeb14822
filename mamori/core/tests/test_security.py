import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mamori.testing.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_is_locked_after_repeated_failures(employee, settings):
    client = Client()
    url = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "employee", "password": "wrong-guess"})
    response = client.post(url, {"username": "employee", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_correct_login_works(employee):
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "employee", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(employee.pk)


def test_forms_require_a_csrf_token(employee):
    client = Client(enforce_csrf_checks=True)
    client.force_login(employee)
    response = client.post(reverse("incidents:report"), {"title": "x"})
    assert response.status_code == 403


def test_security_headers_are_sent(login, employee):
    response = login(employee).get(reverse("portal:dashboard"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_are_japanese_by_default(login, employee):
    page = login(employee).get(reverse("portal:dashboard")).content.decode()
    assert 'lang="ja"' in page


def test_behind_a_trusted_proxy_one_address_is_locked_not_everyone(employee, colleague, settings):
    """Every login came from the proxy's address, so one guesser locked the whole company out."""
    settings.TRUSTED_PROXIES = frozenset({"10.0.0.2"})
    url = reverse("accounts:login")
    guesser = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        guesser.post(url, {"username": "colleague", "password": "wrong-guess"})
    assert guesser.post(url, {"username": "employee", "password": PASSWORD}).status_code == 429
    office = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.20")
    response = office.post(url, {"username": "employee", "password": PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" in office.session


def test_a_forged_forwarded_header_from_an_untrusted_peer_is_ignored(settings):
    from django.test import RequestFactory

    from mamori.accounts.services import client_ip

    settings.TRUSTED_PROXIES = frozenset({"10.0.0.2"})
    direct = RequestFactory().get("/", REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_ip(direct) == "192.0.2.9"
    chained = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert client_ip(chained) == "198.51.100.7"  # the left part is the client's own claim


def test_a_user_name_guessed_from_many_addresses_is_slowed_but_never_locked_out(employee, settings):
    """Lock-out is per address; a guesser spread over many addresses meets a short, growing wait per name."""
    from axes.models import AccessAttempt

    from mamori.accounts.login import delay_after

    url = reverse("accounts:login")
    for n in range(settings.LOGIN_USER_DELAY_AFTER):
        Client(REMOTE_ADDR=f"198.51.100.{n + 1}").post(url, {"username": "employee", "password": "wrong"})
    right = {"username": "employee", "password": PASSWORD}
    office = Client(REMOTE_ADDR="203.0.113.20")
    response = office.post(url, right)  # the right password from a fresh address must wait a moment
    assert response.status_code == 200 and "_auth_user_id" not in office.session
    assert "秒" in response.content.decode()
    failures = sum(
        AccessAttempt.objects.filter(username="employee").values_list("failures_since_start", flat=True)
    )
    assert failures == settings.LOGIN_USER_DELAY_AFTER  # a refused wait counts as no failure
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(seconds=2))  # the wait is over
    response = office.post(url, right)
    assert response.status_code == 302 and office.session["_auth_user_id"] == str(employee.pk)
    assert [delay_after(n, 5, 60) for n in (4, 5, 6, 7, 11, 30)] == [0, 1, 2, 4, 60, 60]


def test_the_admin_login_waits_too(employee, settings):
    from mamori.accounts.login import seconds_to_wait

    url = reverse("admin:login")
    for n in range(settings.LOGIN_USER_DELAY_AFTER + 1):
        Client(REMOTE_ADDR=f"198.51.100.{n + 1}").post(url, {"username": "employee", "password": "wrong"})
    assert seconds_to_wait("employee") > 0
    page = Client(REMOTE_ADDR="203.0.113.20").post(url, {"username": "employee", "password": "x"})
    assert "秒" in page.content.decode()
