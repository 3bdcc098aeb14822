import pytest
from django.test import Client
from django.urls import reverse

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
