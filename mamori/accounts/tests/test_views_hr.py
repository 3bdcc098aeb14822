"""Pages of the HR import: preview then apply, clear refusal of an unusable file, managers only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext

from mamori.accounts.models import EmployeeImport

pytestmark = pytest.mark.django_db


def test_only_the_manager_opens_the_import(login, manager, employee, outsider):
    assert login(employee).get(reverse("hr:upload")).status_code == 404
    assert login(manager).get(reverse("hr:upload")).status_code == 200
    imp = EmployeeImport.objects.create(organisation=manager.organisation, filename="hr.csv")
    assert login(outsider).get(reverse("hr:preview", args=[imp.pk])).status_code == 404


def test_hr_import_preview_then_apply(login, manager, employee):
    client = login(manager)
    data = "氏名,メールアドレス,部署,入社日\n新井 一郎,arai@example.com,開発部,2026-10-01\n,x@example.com,営業部,\n"
    response = client.post(reverse("hr:upload"), {"file": SimpleUploadedFile("hr.csv", data.encode("cp932"))})
    imp = EmployeeImport.objects.get()
    assert response.url == reverse("hr:preview", args=[imp.pk])
    preview = client.get(response.url).content.decode()
    assert "新井 一郎" in preview and 'id="apply"' in preview and "cp932" in preview
    assert gettext("the name is empty") in preview
    client.post(response.url)
    assert 'id="applied"' in client.get(response.url).content.decode()


def test_hr_import_refuses_an_unusable_file_with_the_reason(login, manager):
    response = login(manager).post(reverse("hr:upload"), {"file": SimpleUploadedFile("hr.pdf", b"%PDF-1.4")})
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert not EmployeeImport.objects.exists()
