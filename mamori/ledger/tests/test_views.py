"""Test the ledger's pages: roles, every page renders, downloads, the notice as .docx through LibreOffice."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys

import pytest
from python_calamine import CalamineWorkbook

from mamori.core.models import AuditLogEntry
from mamori.ledger import services
from mamori.ledger.models import LedgerEntry
from mamori.ledger.tests.conftest import add_all_phases, make_entry

PAGES = ["list", "matrix", "notice", "campaigns"]


@pytest.fixture
def notice_settings(manager):
    return services.notice_settings_save(
        organisation=manager.organisation,
        actor=manager,
        business_name="見本商事株式会社",
        address="東京都千代田区架空町1-2-3",
        representative="代表取締役 架空太郎",
        request_procedure="所定の請求書に本人確認書類の写しを添えて窓口へ郵送してください。",
        request_fee="開示の請求1件につき1,000円",
        safety_measures="個人情報保護方針を策定し、取扱規程を整備しています。\n従業者に年1回の研修を行っています。",
        complaints_desk="個人情報相談窓口 privacy@example.com",
        accredited_body="",
    )


@pytest.mark.parametrize("page", PAGES)
def test_pages_render_for_the_manager(login, manager, entry, page):
    response = login(manager).get(
        f"/ledger/{'' if page == 'list' else {'matrix': 'risks/', 'notice': 'notice/', 'campaigns': 'reviews/'}[page]}"
    )
    assert response.status_code == 200


def test_the_list_shows_the_findings_of_the_checks_by_label_never_by_code(login, manager, entry):
    html = login(manager).get("/ledger/").content.decode()
    assert entry.number in html
    assert 'data-code="PHASE_WITHOUT_RISK"' in html and 'data-code="NOT_PUBLISHED"' in html
    assert "リスク未評価の段階" in html and "公表事項に未記載" in html
    # the codes stay machine-readable in attributes; no visible text is a code
    visible = re.sub(r"<[^>]+>", " ", html)
    assert not re.findall(r"\b[A-Z]+(?:_[A-Z]+)+\b", visible)


def test_every_check_code_has_a_label():
    import inspect

    from mamori.ledger import rules

    codes = set(re.findall(r'Finding\(\s*"([A-Z_]+)"', inspect.getsource(rules)))
    assert codes and codes <= set(rules.CODE_LABELS)


def test_employees_see_no_ledger(login, employee, entry):
    client = login(employee)
    assert client.get("/ledger/").status_code == 403
    assert client.get(f"/ledger/{entry.pk}/").status_code == 403
    assert client.get("/ledger/export/").status_code == 403


def test_outsiders_get_404_for_a_row(login, outsider, entry):
    assert login(outsider).get(f"/ledger/{entry.pk}/").status_code == 404


def test_a_department_manager_sees_only_the_departments_rows(login, manager, depmgr, sales, admin_dept):
    own = make_entry(manager, sales)
    other = make_entry(manager, admin_dept, name="来訪者受付簿")
    client = login(depmgr)
    html = client.get("/ledger/").content.decode()
    assert own.number in html and other.number not in html
    assert client.get(f"/ledger/{other.pk}/").status_code == 404
    assert client.get(f"/ledger/{own.pk}/edit/").status_code == 200


def test_creating_a_row_through_the_form(login, manager, sales):
    response = login(manager).post(
        "/ledger/new/",
        {
            "department": sales.pk,
            "process": "展示会",
            "name": "名刺情報",
            "items": "氏名、勤務先, メールアドレス",
            "purpose": "商談及び展示会のご案内のため",
            "special_care": "false",
            "count": "120",
        },
    )
    entry = LedgerEntry.objects.get(name="名刺情報")
    assert response.status_code == 302 and entry.items == ["氏名", "勤務先", "メールアドレス"]
    assert entry.special_care is False and entry.my_number is None


def test_an_edit_shows_the_diff_per_column(login, manager, entry):
    client = login(manager)
    data = {
        name: value for name, value in client.get(f"/ledger/{entry.pk}/edit/").context["form"].initial.items()
    }
    data.update(
        {
            "department": entry.department_id,
            "count": "1300",
            "items": "氏名、住所",
            "special_care": "",
            "special_care_consent": "",
            "my_number": "",
            "encrypted": "",
            "entrusted": "",
            "retained": "true",
        }
    )
    data = {k: ("" if v is None else v) for k, v in data.items() if not isinstance(v, list)} | {
        "items": "氏名、住所"
    }
    assert client.post(f"/ledger/{entry.pk}/edit/", data).status_code == 302
    html = client.get(f"/ledger/{entry.pk}/").content.decode()
    assert "v2" in html and "1200" in html and "1300" in html


def test_xlsx_and_csv_exports(login, manager, entry):
    client = login(manager)
    book = CalamineWorkbook.from_filelike(io.BytesIO(client.get("/ledger/export/").content))
    rows = book.get_sheet_by_name("個人情報管理台帳").to_python()
    assert rows[0][:4] == ["台帳番号", "部門", "業務", "情報名"] and rows[1][0] == entry.number
    sjis = client.get("/ledger/export/?format=csv&encoding=cp932").content.decode("cp932")
    assert sjis.startswith("台帳番号,部門") and "顧客台帳" in sjis
    assert AuditLogEntry.objects.filter(action="ledger.export.created").count() == 2


def test_blank_template_has_the_headers_only(login, manager):
    book = CalamineWorkbook.from_filelike(io.BytesIO(login(manager).get("/ledger/template/").content))
    rows = [r for r in book.get_sheet_by_name("個人情報管理台帳").to_python() if any(r)]
    assert len(rows) == 1 and "利用目的" in rows[0] and "共同利用の責任者" in rows[0]


def test_import_page_lists_bad_rows_by_line(login, manager):
    content = "台帳番号,部門,業務,情報名,件数\r\n,営業部,展示会,名刺,たくさん\r\n".encode("cp932")
    upload = io.BytesIO(content)
    upload.name = "ledger.csv"
    html = login(manager).post("/ledger/import/", {"file": upload}).content.decode()
    assert "import-errors" in html and "件数" in html and not LedgerEntry.objects.exists()


def test_the_risk_matrix_exports_for_the_auditor(login, manager, executive, entry):
    add_all_phases(entry, manager)
    services.risks_approve(entry=entry, actor=executive)
    response = login(manager).get("/ledger/risks/xlsx/")
    book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    rows = book.get_sheet_by_name("リスク評価").to_python()
    assert rows[0][0] == "台帳番号" and len(rows) == 6
    assert {r[3] for r in rows[1:]} == {
        "取得・入力",
        "移送・送信",
        "利用・加工",
        "保管・バックアップ",
        "消去・廃棄",
    }
    assert all(r[18] == "executive" for r in rows[1:])


def test_publishing_the_notice_clears_not_published(login, manager, entry, notice_settings):
    client = login(manager)
    assert "NOT_PUBLISHED" in client.get("/ledger/").content.decode()
    client.post("/ledger/notice/publish/")
    assert "NOT_PUBLISHED" not in client.get("/ledger/").content.decode()
    services.entry_update(entry=entry, actor=manager, purpose="商品の発送のため")
    assert "NOT_PUBLISHED" in client.get("/ledger/").content.decode()  # the purpose changed since


def test_the_notice_docx_opens_in_libreoffice_with_every_required_item(
    login, manager, entry, notice_settings, tmp_path
):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("MAMORI_REQUIRE_TOOLS"):
            pytest.fail("LibreOffice is required")
        pytest.skip("LibreOffice is not installed")
    path = tmp_path / "notice.docx"
    path.write_bytes(login(manager).get("/ledger/notice/docx/").content)
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = (tmp_path / "notice.txt").read_text(encoding="utf-8-sig")
    for required in (
        "保有個人データに関する事項の公表",
        "見本商事株式会社",  # name (Art. 32(1)(i))
        "東京都千代田区架空町1-2-3",  # address
        "代表取締役 架空太郎",  # representative
        "通信販売事業における商品の発送及び代金の請求のため",  # purposes (Art. 32(1)(ii))
        "開示等の請求等に応じる手続",  # procedure (Art. 32(1)(iii))
        "1,000円",  # fee (Art. 38)
        "安全管理のために講じた措置",  # Cabinet Order Art. 10(i)
        "従業者に年1回の研修",
        "苦情の申出先",  # Cabinet Order Art. 10(ii)
        "privacy@example.com",
    ):
        assert required in text, required


def scan_jsonl(tmp_path) -> bytes:
    """Return the JSON Lines of a real ``mamori scan`` over a small share with two departments' folders."""
    share = tmp_path / "share"
    (share / "営業部" / "見積").mkdir(parents=True)
    (share / "営業部" / "採用応募").mkdir(parents=True)
    (share / "営業部" / "見積" / "customers.csv").write_text(
        "氏名,住所,電話番号\n山田太郎,東京都千代田区架空町1-2-3,090-1234-5678\n", encoding="utf-8"
    )
    (share / "営業部" / "採用応募" / "applicants.txt").write_text(
        "応募者 佐藤花子 生年月日 1990年5月6日 連絡先 hanako@example.com\n", encoding="utf-8"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mamori.cli",
            "scan",
            "--format",
            "jsonl",
            "--no-cache",
            "--no-progress",
            str(share),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    return result.stdout


def test_a_scan_result_is_matched_and_unregistered_data_offered_for_registration(
    login, manager, sales, tmp_path
):
    make_entry(manager, sales, items=["氏名", "住所", "電話番号"], storage="ファイルサーバ FS01")
    upload = io.BytesIO(scan_jsonl(tmp_path))
    upload.name = "scan.jsonl"
    response = login(manager).post("/ledger/scan/", {"machine": "FS01", "file": upload})
    results = response.context["results"]
    by_folder = {r["match"].location.path.rsplit("/", 1)[-1]: r for r in results}
    assert by_folder["見積"]["match"].by == "machine"
    unregistered = by_folder["採用応募"]
    assert unregistered["match"].unregistered and "生年月日" in unregistered["match"].items
    assert f"department={sales.pk}" in unregistered["register_url"]
    form = login(manager).get(unregistered["register_url"]).context["form"]
    assert "生年月日" in form.initial["items"] and "FS01" in form.initial["storage"]
    assert AuditLogEntry.objects.filter(action="ledger.scan.compared").exists()


def test_a_file_that_is_no_scan_result_is_refused(login, manager):
    upload = io.BytesIO(b"not json\n")
    upload.name = "scan.jsonl"
    response = login(manager).post("/ledger/scan/", {"machine": "PC", "file": upload})
    assert response.context["form"].errors["file"]


def test_scans_uploaded_to_the_server_are_matched_too(login, manager, depmgr, sales):
    from mamori.scans import services as scan_services

    make_entry(manager, sales, items=["氏名", "電話番号"], storage="共有 /srv/share/営業部/顧客")
    run = scan_services.start_run(manager.organisation, "fs01", "run-1", None)
    files = [
        {
            "path": "/srv/share/営業部/顧客/list.csv",
            "status": "findings",
            "persons": 40,
            "counts": {"PERSON": 40, "PHONE": 40},
        },
        {
            "path": "/srv/share/営業部/私物/cards.xlsx",
            "status": "findings",
            "persons": 3,
            "counts": {"CREDIT_CARD": 3},
        },
    ]
    scan_services.add_batch(run, 0, files)
    scan_services.finish_run(run, {"files": 2, "bytes": 100})
    uploaded = login(manager).get("/ledger/scan/").context["uploaded"]
    status = {r["match"].location.path.rsplit("/", 1)[-1]: r["match"] for r in uploaded}
    assert status["顧客"].by == "path" and not status["顧客"].unregistered
    assert status["私物"].unregistered and status["私物"].items == ("クレジットカード番号",)
    assert login(depmgr).get("/ledger/scan/").context["uploaded"] == []  # every machine's paths: not theirs
