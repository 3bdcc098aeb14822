"""``mamori scan --upload`` into a running server: token, batches, retries, resume, the results page."""

from __future__ import annotations

import json
import os

import pytest
import yaml

from mamori.accounts.models import Role
from mamori.pii import scan, scan_upload
from mamori.scans import services
from mamori.scans.models import ScannedFile, ScanRun
from mamori.testing import factories
from mamori.testing.scan_tree import build

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def env(tmp_path, monkeypatch):
    org = factories.make_organisation("みほん工業")
    token = services.create_token(org, "scanners")
    monkeypatch.setenv("MAMORI_SCAN_TOKEN", token)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(scan_upload.time, "sleep", lambda seconds: None)
    share = tmp_path / "share"
    truth = build(share, scale=1)
    return org, share, truth


def run_scan(*args: str) -> int:
    return scan.main([*args, "--no-cache", "--jobs", "1", "--no-progress", "--format", "jsonl"])


def test_a_scan_is_uploaded_masked_with_folders_and_totals(env, live_server, capsys):
    org, share, truth = env
    code = run_scan(str(share), "--upload", live_server.url, "--machine", "fs-01")
    err = capsys.readouterr().err
    assert code == 1, err
    assert "uploaded to" in err
    run = ScanRun.objects.get(machine__organisation=org, machine__name="fs-01")
    assert run.finished_at is not None
    assert run.files_total == len(truth)
    assert run.files_personal == sum(t["personal"] for t in truth.values())
    assert run.persons == sum(f.persons for f in run.files.all()) > 200
    folders = {f.path: f for f in run.folders.all()}
    assert folders[f"{share}/総務/DM"].persons >= 60
    stored = json.dumps([f.examples for f in ScannedFile.objects.filter(run=run)], ensure_ascii=False)
    assert "-****-" in stored and "user0" not in stored  # masked previews only
    assert not list(scan_upload.spool_dir().glob("*.jsonl"))  # sent, so the spool is gone


def test_a_failed_upload_is_kept_and_resumed_without_duplicates(env, live_server, capsys):
    org, share, truth = env
    code = run_scan(str(share), "--upload", "http://127.0.0.1:9", "--machine", "pc-02")
    assert code == 1  # personal data was found; the upload failure is reported, not hidden
    assert "upload failed, kept for the next --upload" in capsys.readouterr().err
    [spool] = scan_upload.spool_dir().glob("*.jsonl")
    # the server got the start and the first batch before the line broke
    meta = json.loads(spool.read_text(encoding="utf-8").splitlines()[0])
    meta["url"] = live_server.url
    rows = spool.read_text(encoding="utf-8").splitlines()[1:]
    spool.write_text("\n".join([json.dumps(meta, ensure_ascii=False), *rows]) + "\n", encoding="utf-8")
    run = services.start_run(org, "pc-02", meta["run_id"], meta["started_at"])
    services.add_batch(run, 0, [json.loads(r) for r in rows[: scan_upload.BATCH]])
    answer = scan_upload.send_spool(spool, os.environ["MAMORI_SCAN_TOKEN"])
    run.refresh_from_db()
    assert answer["files_personal"] == sum(t["personal"] for t in truth.values()) and run.batches == [0]
    assert ScannedFile.objects.filter(run=run).count() == len(rows)  # batch 0 was not stored twice


def test_a_wrong_token_is_refused_and_nothing_is_stored(env, live_server, capsys, monkeypatch):
    _org, share, _truth = env
    monkeypatch.setenv("MAMORI_SCAN_TOKEN", "not-a-token")
    code = run_scan(str(share / "経理"), "--upload", live_server.url)
    assert code == 2  # nothing personal found there, and the upload failed
    assert "HTTP 401" in capsys.readouterr().err
    assert ScanRun.objects.count() == 0


def test_upload_needs_the_token_in_the_environment(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("MAMORI_SCAN_TOKEN", raising=False)
    assert scan.main([str(tmp_path), "--upload", "http://127.0.0.1:9"]) == 2
    assert "MAMORI_SCAN_TOKEN" in capsys.readouterr().err


def test_the_results_page_is_for_the_manager_and_filters(env, live_server, client):
    org, share, _truth = env
    assert run_scan(str(share), "--upload", live_server.url, "--machine", "fs-01") == 1
    employee = factories.make_user(org, Role.EMPLOYEE)
    client.force_login(employee)
    assert client.get("/scans/").status_code == 403
    client.force_login(factories.make_user(org, Role.MANAGER))
    page = client.get("/scans/").content.decode()
    assert "fs-01" in page and "宛名リスト_000.csv" in page and "社員台帳_000.tsv" in page
    only_numbers = client.get("/scans/", {"label": "MY_NUMBER"}).content.decode()
    assert "社員台帳_000.tsv" in only_numbers and "宛名リスト_000.csv" not in only_numbers
    many = client.get("/scans/", {"persons": "50"}).content.decode()
    assert "宛名リスト_000.csv" in many and "対応記録_000.txt" not in many
    other = factories.make_organisation("他社")
    client.force_login(factories.make_user(other, Role.MANAGER))
    assert "fs-01" not in client.get("/scans/").content.decode()


def test_names_in_uploaded_paths_are_stored_masked(env):
    org, _share, _truth = env
    run = services.start_run(org, "pc-03", "run-names", None)
    cv = "/srv/share/総務/採用/山田太郎_履歴書.docx"
    item = {"path": cv, "status": "findings", "persons": 1, "counts": {"PERSON": 1}}
    item["examples"] = [{"label": "PERSON", "masked": "山田 **", "location": cv}]
    assert services.add_batch(run, 0, [item])
    stored = ScannedFile.objects.get(run=run)
    assert stored.path == "/srv/share/総務/採用/山田**_履歴書.docx"
    assert stored.examples[0]["location"] == stored.path and "太郎" not in json.dumps(stored.examples)


def test_a_file_not_read_is_listed_with_the_japanese_reason_and_masked_names(
    tmp_path, monkeypatch, live_server, client
):
    from mamori.pii.tests.extract_samples import png_bytes, program_bytes, zip_with_tool

    org = factories.make_organisation("みほん商事")
    monkeypatch.setenv("MAMORI_SCAN_TOKEN", services.create_token(org, "pc"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    share = tmp_path / "share"
    share.mkdir()
    members = {"山田太郎_履歴書.csv": program_bytes(), "photo.png": png_bytes()}
    zip_with_tool(tmp_path / "src", members, share / "送付.zip")
    assert run_scan(str(share), "--upload", live_server.url, "--machine", "pc-09") == 2
    [stored] = ScannedFile.objects.filter(run__machine__name="pc-09")
    assert [p["code"] for p in stored.problems] == ["binary", "unsupported"]
    assert "太郎" not in json.dumps(stored.problems, ensure_ascii=False)
    client.force_login(factories.make_user(org, Role.MANAGER))
    page = client.get("/scans/").content.decode()
    assert "テキストでないバイナリデータ：山田**_履歴書.csv" in page
    assert "未対応の形式：photo.png" in page and "太郎" not in page


def test_the_openapi_schema_describes_the_upload_calls_without_a_warning(tmp_path):
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    # --fail-on-warn turns the generator's "unable to guess serializer" errors into a failure
    call_command("spectacular", "--file", str(target), "--validate", "--fail-on-warn")
    schema = yaml.safe_load(target.read_text(encoding="utf-8"))
    start = next(op for path, op in schema["paths"].items() if path.endswith("/runs/"))["post"]
    assert {"scanToken": []} in start["security"]
    body = start["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert set(schema["components"]["schemas"][body]["required"]) == {"machine", "run_id"}
    assert schema["components"]["securitySchemes"]["scanToken"]["scheme"] == "bearer"


def test_the_results_page_pages_its_lists_and_opens_a_folder(env, live_server, client, monkeypatch):
    from mamori.scans import views

    org, share, truth = env
    assert run_scan(str(share), "--upload", live_server.url, "--machine", "fs-01") == 1
    client.force_login(factories.make_user(org, Role.MANAGER))
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    personal = sum(t["personal"] for t in truth.values())
    first = client.get("/scans/", {"label": "PHONE"})
    files = first.context["files"]
    assert files.paginator.count > 3 and len(files.object_list) == 3
    last = client.get("/scans/", {"label": "PHONE", "page": files.paginator.num_pages, "dpage": "2"})
    page = last.content.decode()
    assert "label=PHONE" in page and "dpage=2" in page  # the other list's page and the filter are kept
    seen = set()
    for number in range(1, client.get("/scans/").context["files"].paginator.num_pages + 1):
        shown = client.get("/scans/", {"page": number}).context["files"]
        seen |= {f.path for f in shown.object_list}
    assert len(seen) == personal  # every file is on one of the pages, once
    folder = f"{share}/総務/DM"
    in_folder = client.get("/scans/", {"folder": folder}).context["files"]
    assert in_folder.paginator.count == sum(
        t["personal"] for rel, t in truth.items() if rel.rpartition("/")[0] == "総務/DM"
    )
    assert all(f.folder == folder for f in in_folder.object_list)
    assert "すべてのフォルダを表示" in client.get("/scans/", {"folder": folder}).content.decode()
