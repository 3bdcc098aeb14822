"""A file server is scanned with ``mamori scan --upload``; the manager reads and filters スキャン結果."""

from __future__ import annotations

import pytest

from mamori.accounts.models import Role
from mamori.pii import scan
from mamori.scans import services
from mamori.testing import factories
from mamori.testing.scan_tree import build

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_manager_reads_the_uploaded_scan_results(live_server, page, shot, tmp_path, monkeypatch):
    org = factories.make_organisation("みほん工業")
    factories.make_user(org, Role.MANAGER, username="hogo")
    monkeypatch.setenv("MAMORI_SCAN_TOKEN", services.create_token(org, "scanners"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    personal = 0
    for machine, scale in (("fileserver-01", 2), ("pc-sales-07", 1)):
        share = tmp_path / machine
        truth = build(share, scale=scale, seed=scale)
        personal += sum(t["personal"] for t in truth.values())
        args = [str(share), "--upload", live_server.url, "--machine", machine, "--no-cache", "--jobs", "1"]
        assert scan.main([*args, "--no-progress", "--format", "jsonl"]) == 1

    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", "hogo")
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    page.click("nav >> text=スキャン結果")
    page.wait_for_url(f"{base}/scans/")
    assert page.locator("h1").inner_text() == "スキャン結果"
    machines = page.locator("table.scan-machines tbody tr")
    assert machines.count() == 2
    assert "fileserver-01" in machines.nth(0).inner_text()
    files = page.locator("table.scan-files tbody tr")
    assert files.count() == personal  # every file with personal data, and no company-only file
    assert "-****-" in page.locator("table.scan-files").inner_text()
    shot(page, "scans-01-all-machines")

    page.select_option("select[name=machine]", label="fileserver-01")
    page.select_option("select[name=label]", "MY_NUMBER")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/scans/?*")
    rows = page.locator("table.scan-files tbody tr")
    assert rows.count() == 4  # the four HR sheets of the file server, nothing else
    assert all("社員台帳" in rows.nth(i).inner_text() for i in range(rows.count()))
    assert "マイナンバー" in rows.nth(0).inner_text() and "MY_NUMBER" not in rows.nth(0).inner_text()
    shot(page, "scans-02-my-number-on-fileserver")

    page.goto(f"{base}/scans/?persons=50")
    assert all(
        int(page.locator("table.scan-files tbody tr").nth(i).locator("td").nth(2).inner_text()) >= 50
        for i in range(page.locator("table.scan-files tbody tr").count())
    )
    shot(page, "scans-03-fifty-persons-or-more")


def test_manager_creates_an_upload_token_and_revokes_it(live_server, page, shot, tmp_path, monkeypatch):
    org = factories.make_organisation("みほん工業")
    factories.make_user(org, Role.MANAGER, username="hogo")
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", "hogo")
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    page.click("nav >> text=スキャン結果")
    page.click("text=アップロード用トークン")
    page.wait_for_url(f"{base}/scans/tokens/")
    page.fill("input[name=name]", "ファイルサーバー")
    page.click("form.token-form button[type=submit]")
    token = page.locator("code.token-value").inner_text()
    assert "今すぐコピーしてください" in page.locator(".created-token").inner_text()
    shot(page, "scans-04-token-created-shown-once")

    # the token shown works for an upload from a machine
    share = tmp_path / "pc-01"
    build(share, scale=1, seed=3)
    monkeypatch.setenv("MAMORI_SCAN_TOKEN", token)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    args = [str(share), "--upload", base, "--machine", "pc-01", "--no-cache", "--jobs", "1", "--no-progress"]
    assert scan.main([*args, "--format", "jsonl"]) == 1
    page.goto(f"{base}/scans/")
    assert "pc-01" in page.locator("table.scan-machines").inner_text()

    page.goto(f"{base}/scans/tokens/")
    assert token not in page.content()  # never shown again
    page.click("table.scan-tokens >> text=失効させる")
    page.wait_for_url(f"{base}/scans/tokens/")
    assert page.locator("table.scan-tokens tbody tr").nth(0).locator("td").nth(2).inner_text() != ""
    assert services.organisation_for(token) is None
    shot(page, "scans-05-token-revoked")
