import pytest
from django.core.management import call_command
from django.test import Client

from mamori.accounts.models import User
from mamori.scans.models import Machine, ScannedFile, ScanRun

pytestmark = pytest.mark.django_db


def _file(name: str) -> ScannedFile:
    return ScannedFile.objects.get(path__endswith=name)


def test_demo_scans_two_machines_with_the_real_scanner_once():
    call_command("demo")
    call_command("demo")
    assert sorted(Machine.objects.values_list("name", flat=True)) == ["PC-EIGYO-01", "fs01"]
    assert ScanRun.objects.count() == 2 and not ScanRun.objects.filter(finished_at=None).exists()
    customers = _file("顧客リスト_2026.csv")
    assert {"PERSON", "PHONE", "ADDRESS", "EMAIL"} <= set(customers.counts) and customers.persons == 24
    assert _file("社員名簿_2026.xlsx").persons == 18
    assert _file("履歴書_芦田**.docx").persons == 1  # the given name in the path is masked
    # company data (a quote, a transfer list), minutes and a manual's 記入例 are not personal: not uploaded
    for name in ("御見積書", "振込先一覧", "議事録", "マニュアル"):
        assert not ScannedFile.objects.filter(path__contains=name).exists(), name
    broken = _file("旧システム_バックアップ.zip")
    assert not broken.counts and broken.problems
    examples = [e["masked"] for e in customers.examples]
    assert examples and all("*" in text for text in examples)  # masked, never a raw value
    assert all("value" not in e for f in ScannedFile.objects.all() for e in f.examples)


def test_demo_scan_results_page_lists_both_machines_for_the_manager():
    call_command("demo")
    client = Client()
    client.force_login(User.objects.get(username="manager"))
    page = client.get("/scans/").content.decode()
    assert "PC-EIGYO-01" in page and "fs01" in page and "顧客リスト_2026.csv" in page
