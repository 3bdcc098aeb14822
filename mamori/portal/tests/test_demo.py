import pytest
from django.core.management import call_command

from mamori.accounts.models import User
from mamori.incidents.models import Incident
from mamori.response.models import ChainStep
from mamori.training.models import Campaign

pytestmark = pytest.mark.django_db


def test_demo_loads_every_role_and_a_dozen_incidents_and_is_idempotent():
    call_command("demo")
    call_command("demo")
    assert set(User.objects.values_list("role", flat=True)) == {
        "manager",
        "auditor",
        "department_manager",
        "employee",
        "executive",
    }
    incidents = Incident.objects.all()
    assert incidents.count() == 14
    statuses = set(incidents.values_list("appi_status", flat=True))
    assert statuses == {"reportable", "not_reportable", "needs_review", "notify_controller"}
    grounds = {g for i in incidents for g in i.appi_grounds}
    assert grounds == {"over_1000", "special_care", "property_damage", "unauthorized_purpose"}
    assert incidents.filter(is_near_miss=True).exists()
    org = incidents.first().organisation
    assert ChainStep.objects.filter(organisation=org).count() == 3
    campaign = Campaign.objects.get(organisation=org)
    assert campaign.assignments.count() == User.objects.filter(organisation=org).count()


def test_demo_shows_last_years_audit_done_this_years_planned_quarterly_checks_and_a_review():
    from mamori.audits.models import AuditProgramme, CorrectiveAction, ManagementReview, OperationRun
    from mamori.audits.programme import programme_findings

    call_command("demo")
    call_command("demo")
    last, this = AuditProgramme.objects.order_by("fiscal_year")
    assert this.fiscal_year == last.fiscal_year + 1
    assert last.report_approved_on and not last.audits.filter(conducted_on__isnull=True).exists()
    departments = this.organisation.departments.count()
    assert last.audits.count() == this.audits.count() == departments + 1  # every department, the secretariat
    assert not this.audits.filter(conducted_on__isnull=False).exists()
    assert programme_findings(this) == [] and this.approved_on
    assert CorrectiveAction.objects.filter(finding__isnull=False, closed_on__isnull=False).count() == 1
    runs = OperationRun.objects.order_by("period_start")
    assert [r.period_start.month for r in runs[:4]] == [4, 7, 10, 1]
    assert runs.filter(completed_on__isnull=False).exists()
    pack = ManagementReview.objects.get()
    assert pack.approved_by and all(i.decided for i in pack.inputs.all()) and pack.actions.count() == 1


def test_demo_has_a_ledger_over_five_departments_with_risks_and_a_published_notice():
    from mamori.ledger import queries
    from mamori.ledger.models import LedgerEntry, NoticePublication

    call_command("demo")
    call_command("demo")
    entries = LedgerEntry.objects.all()
    assert 15 <= entries.count() <= 20
    assert entries.values("department").distinct().count() == 5
    assert all(e.risks.exists() for e in entries)
    assert sum(queries.risks_approval_valid(e) for e in entries) >= 12
    assert NoticePublication.objects.count() == 1
    checked = queries.checked(entries)
    codes = {f.code for c in checked for f in c.findings}
    # a newcomer meets the typical findings of a real ledger
    assert {"VAGUE_PURPOSE", "PHASE_WITHOUT_RISK", "REVIEW_OVERDUE", "FOREIGN_WITHOUT_BASIS"} <= codes
    assert "NOT_PUBLISHED" not in codes
    health = entries.get(name="定期健康診断結果")
    assert health.incidents.exists()


#: The determination of every demo incident, re-checked by hand against the rules' articles.
DEMO_DETERMINATIONS = {
    # Rules Art. 7: one recipient, no ground -> not reportable; P-mark 確報 only.
    "見積書メールを別の顧客へ誤送信": ("not_reportable", (), "not_reportable"),
    # Rules Art. 7(iv): 1,250 addresses, over 1,000.
    "メールマガジンを宛先(To)に全員入れて送信": ("reportable", ("over_1000",), "not_reportable"),
    # Rules Art. 7(i): health results are 要配慮個人情報; one person is enough.
    "健康診断結果の封筒を別の社員宅へ誤配達": ("reportable", ("special_care",), "not_reportable"),
    # Rules Art. 7(iv) with advanced encryption: exempt.
    "暗号化USBメモリを電車内で紛失": ("not_reportable", (), "not_reportable"),
    # Rules Art. 7(ii)(iii)(iv): card data of up to 2,400 persons by unauthorised access (web skimming).
    "通販サイトへの不正アクセスでカード情報が漏えいのおそれ": (
        "reportable",
        ("over_1000", "property_damage", "unauthorized_purpose"),
        "not_reportable",
    ),
    # Rules Art. 7(iii) and My Number rule Art. 2(ii): ransomware with employees' My Numbers.
    "ランサムウェアによりファイルサーバが暗号化": ("reportable", ("unauthorized_purpose",), "reportable"),
    # Rules Art. 7(iii): insider exfiltration.
    "退職予定者による顧客リストの持ち出し": (
        "reportable",
        ("over_1000", "unauthorized_purpose"),
        "not_reportable",
    ),
    # GL 3-5-1-2: 滅失 of 60 contracts, no ground.
    "書類の誤廃棄（保存期間中の契約書）": ("not_reportable", (), "not_reportable"),
    # APPI Art. 26(1) proviso, Rules Art. 9: a processor tells the entrusting business.
    "受託した給与明細を別の委託元へ誤送信": ("notify_controller", ("over_1000",), "not_reportable"),
    # My Number rule Art. 2(iv): 130 persons' My Numbers, recovery not confirmed (おそれ).
    "マイナンバーを含む扶養控除申告書を社外へ誤送信": ("not_reportable", (), "reportable"),
}


def test_every_coded_demo_incident_has_the_determination_the_articles_give():
    call_command("demo")
    for title, (appi, grounds, my_number) in DEMO_DETERMINATIONS.items():
        incident = Incident.objects.get(title=title)
        result = incident.determinations.first().result
        assert (incident.appi_status, tuple(incident.appi_grounds), result["my_number"]["status"]) == (
            appi,
            grounds,
            my_number,
        ), title


def test_demo_shows_every_module_working():
    from mamori.audits.models import CorrectiveAction
    from mamori.mailguard.models import HeldMessage
    from mamori.response.models import ResponseTask
    from mamori.rulebook.models import Acknowledgement
    from mamori.training.models import Attempt

    call_command("demo")
    held = HeldMessage.objects.get()
    assert held.state == "awaiting_approval"  # judged by the mail guard's own code, then sent for approval
    assert {"PII_IN_BODY", "EXTERNAL_RECIPIENTS"} <= {f["code"] for f in held.findings}
    tasks = ResponseTask.objects.filter(owner__isnull=False, due_on__isnull=False)
    assert tasks.count() >= 6 and tasks.filter(done_at__isnull=False).exists()
    stages = {
        (ca.completed_on is not None, ca.closed_on is not None) for ca in CorrectiveAction.objects.all()
    }
    assert {(False, False), (True, False), (True, True)} <= stages
    assert Acknowledgement.objects.count() == 2
    assert set(Attempt.objects.values_list("passed", flat=True)) == {True, False}
    call_command("demo")  # idempotent
    assert HeldMessage.objects.count() == 1 and Attempt.objects.count() == 2


def test_demo_has_a_filed_preliminary_report_and_a_filled_in_final_report(client):
    from mamori.reports.models import FiledReport

    call_command("demo")
    filed = FiledReport.objects.get()
    assert (filed.kind, filed.stage) == ("ppc", "preliminary")
    client.force_login(User.objects.get(username="manager"))
    page = client.get(f"/incidents/{filed.incident_id}/reports/ppc/final/").content.decode()
    assert "配信ツール" in page and "二次被害の報告はない" in page
