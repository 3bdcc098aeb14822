"""Mail domains are owned: a message is judged only by the policy of the organisation owning its domain."""

from __future__ import annotations

import smtplib

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from mamori.accounts.models import Role
from mamori.core.models import AuditLogEntry
from mamori.mailguard import queries, services
from mamori.mailguard.admin import MailDomainAdmin
from mamori.mailguard.models import HeldMessage, MailDomain
from mamori.mailguard.tests.conftest import user_with_mail
from mamori.mailguard.tests.mails import mail
from mamori.testing import factories

EXTERNAL_TO = ("佐藤 花子 <sato@torihiki.invalid>",)


def send(guard, mail_from: str, rcpt: str = "sato@torihiki.invalid") -> tuple[int, bytes | str]:
    with smtplib.SMTP(guard.host, guard.port, timeout=30) as client:
        client.ehlo()
        client.mail(mail_from)
        client.rcpt(rcpt)
        try:
            return client.data(mail(to=EXTERNAL_TO))
        except smtplib.SMTPDataError as exc:
            return exc.smtp_code, exc.smtp_error


def _policy(org, manager, **kwargs):
    return services.mail_policy_save(
        organisation=org, actor=manager, delay_minutes=5, many_recipients=20, **kwargs
    )


def _operator_verifies(domain: MailDomain) -> None:
    """Verify through the admin action, as the deployment's operator does."""
    operator = factories.make_user(None, Role.MANAGER)
    operator.is_superuser = operator.is_staff = True
    operator.save()
    request = RequestFactory().post("/admin/")
    request.user = operator
    request._messages = type("M", (), {"add": lambda *a, **k: None})()  # type: ignore[attr-defined]
    MailDomainAdmin(MailDomain, site).verify(request, MailDomain.objects.filter(pk=domain.pk))


@pytest.mark.django_db(transaction=True)
def test_another_organisation_cannot_take_our_mail_by_listing_our_domain(
    guard, sink, org, manager, outsider, sales
):
    # The other company set up its policy first, naming our domain as a claim and in its settings.
    _policy(
        outsider.organisation,
        outsider,
        internal_domains=["example.co.jp"],
        settings={"internal_domains": ["example.co.jp"]},
    )
    _policy(org, manager, internal_domains=["example.co.jp"])
    _operator_verifies(MailDomain.objects.get(organisation=org))
    yamada = user_with_mail(factories.make_user(org, Role.EMPLOYEE, sales, username="yamada"))
    code, _ = send(guard, "yamada@example.co.jp")
    assert code == 250
    held = HeldMessage.objects.get()
    assert held.organisation == org and held.sender == yamada
    assert not queries.messages_for_user(outsider).exists()
    assert not MailDomain.objects.filter(organisation=outsider.organisation).exists()  # their claim dropped


@pytest.mark.django_db(transaction=True)
def test_a_claim_waiting_for_verification_judges_nothing_and_nothing_is_stored(
    guard, sink, org, manager, outsider
):
    _policy(org, manager, internal_domains=["example.co.jp"])
    claim = MailDomain.objects.get()
    assert not claim.is_verified  # two organisations share this mamori
    code, text = send(guard, "yamada@example.co.jp")
    assert code == 550 and b"not served" in text
    assert not HeldMessage.objects.exists() and sink.received == []
    _operator_verifies(claim)
    from mamori.mailguard import smtp

    smtp.clear_caches()
    assert send(guard, "yamada@example.co.jp")[0] == 250
    assert HeldMessage.objects.get().organisation == org


@pytest.mark.django_db(transaction=True)
def test_unknown_senders_are_refused_and_visible_to_no_manager(guard, sink, org, manager, outsider):
    _policy(org, manager, internal_domains=["example.co.jp"])
    _operator_verifies(MailDomain.objects.get())
    code, _ = send(guard, "someone@unclaimed.invalid")
    assert code == 550
    assert not HeldMessage.objects.exists() and sink.received == []
    assert (
        not queries.messages_for_user(manager).exists() and not queries.messages_for_user(outsider).exists()
    )


@pytest.mark.django_db
def test_a_domain_in_force_cannot_be_claimed_again_or_around(org, manager, outsider):
    _policy(org, manager, internal_domains=["example.co.jp"])
    _operator_verifies(MailDomain.objects.get())
    for domain in ("example.co.jp", "EXAMPLE.co.jp.", "sales.example.co.jp", "co.jp"):
        with pytest.raises(services.DomainClaimError):
            services.mail_domain_claim(organisation=outsider.organisation, domain=domain, actor=outsider)
    assert MailDomain.objects.count() == 1


@pytest.mark.django_db
def test_the_longest_owned_domain_decides(org, manager, outsider):
    ours = services.mail_domain_claim(organisation=org, domain="example.co.jp", actor=manager)
    theirs = services.mail_domain_claim(
        organisation=outsider.organisation, domain="other.invalid", actor=outsider
    )
    for claim in (ours, theirs):
        _operator_verifies(claim)
    assert queries.domain_owner("mail.example.co.jp") == org.pk
    assert queries.domain_owner("other.invalid") == outsider.organisation_id
    assert queries.domain_owner("example.com") is None


@pytest.mark.django_db
def test_in_a_single_organisation_deployment_a_claim_is_in_force_at_once(org, manager):
    claim = services.mail_domain_claim(organisation=org, domain="example.co.jp", actor=manager)
    assert claim.is_verified
    assert AuditLogEntry.objects.filter(action="mailguard.domain.claimed").exists()


@pytest.mark.django_db
def test_only_the_operator_verifies(org, manager, outsider):
    claim = services.mail_domain_claim(organisation=org, domain="example.co.jp", actor=manager)
    request = RequestFactory().post("/admin/")
    request.user = manager
    request._messages = type("M", (), {"add": lambda *a, **k: None})()  # type: ignore[attr-defined]
    MailDomainAdmin(MailDomain, site).verify(request, MailDomain.objects.filter(pk=claim.pk))
    claim.refresh_from_db()
    assert not claim.is_verified


@pytest.mark.django_db
def test_the_policy_page_lists_our_domains_and_claims_and_releases(login, org, manager, outsider):
    client = login(manager)
    response = client.post(reverse("mailguard:domain_claim"), {"domain": "example.co.jp"}, follow=True)
    page = response.content.decode()
    claim = MailDomain.objects.get()
    assert "example.co.jp" in page and f"mamori-verify={claim.token}" in page
    _operator_verifies(claim)
    refused = login(outsider).post(reverse("mailguard:domain_claim"), {"domain": "example.co.jp"})
    assert refused.status_code == 200 and 'class="error"' in refused.content.decode()
    assert login(outsider).post(reverse("mailguard:domain_release", args=[claim.pk])).status_code == 404
    login(manager).post(reverse("mailguard:domain_release", args=[claim.pk]))
    assert not MailDomain.objects.exists()
