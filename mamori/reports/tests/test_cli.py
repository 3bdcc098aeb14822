"""``mamori incident report``: files written, exit statuses, errors on bad input."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mamori.incidents.models import Incident
from mamori.reports.tests.readers import fill_letter_items, pdffonts, pdftotext, squash

pytestmark = pytest.mark.django_db


def test_exports_a_final_ppc_report_as_docx(incident, tmp_path):
    out = tmp_path / "ppc.docx"
    call_command(
        "incident", "report", "ppc", str(incident.pk), "--stage", "final", "--format", "docx", "-o", str(out)
    )
    import docx

    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "個人データの漏えい等の事案の発生に関する報告（確報）" in text
    assert "9. その他参考となる事項" in text


def test_exports_a_preliminary_ppc_report_as_pdf_by_number(incident, tmp_path):
    out = tmp_path / "ppc.pdf"
    call_command(
        "incident",
        "report",
        "ppc",
        incident.number,
        "--stage",
        "preliminary",
        "--format",
        "pdf",
        "-o",
        str(out),
    )
    text = squash(pdftotext(out))
    assert squash("個人データの漏えい等の事案の発生に関する報告（速報）") in text
    assert "調査中" in text
    assert any(f["emb"] == "yes" for f in pdffonts(out))


@pytest.mark.parametrize("kind", ["pmark", "notice", "announcement"])
def test_exports_the_other_kinds(incident, manager, tmp_path, kind):
    fill_letter_items(incident, manager)
    Incident.objects.filter(pk=incident.pk).update(persons=30)  # one person would be identified by it
    out = tmp_path / f"{kind}.pdf"
    call_command("incident", "report", kind, str(incident.pk), "-o", str(out))
    assert out.read_bytes().startswith(b"%PDF")


def test_text_goes_to_stdout_by_default(incident, manager, capsysbinary):
    fill_letter_items(incident, manager)
    call_command("incident", "report", "notice", str(incident.pk), "--format", "text", "--date", "2026-11-27")
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert out.startswith("2026年11月27日（令和8年11月27日）\n")
    assert "件名　個人情報の漏えい等に関するお詫びとお知らせ" in out


def test_a_notice_with_empty_required_items_is_refused_naming_them(incident, tmp_path):
    out = tmp_path / "notice.pdf"
    with pytest.raises(CommandError, match="当社の対応") as refused:
        call_command("incident", "report", "notice", str(incident.pk), "-o", str(out))
    assert refused.value.returncode == 2 and not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["ppc", "999999"],
        ["ppc", "2099-9999"],
        ["notice", "{pk}", "--stage", "preliminary"],
        ["ppc", "{pk}", "--date", "yesterday"],
        ["ppc", "{pk}", "-o", "/nonexistent-dir/x.pdf"],
    ],
)
def test_bad_input_is_a_clear_error_with_status_2_and_writes_nothing(incident, tmp_path, args):
    args = [a.format(pk=incident.pk) for a in args]
    with pytest.raises(CommandError) as err:
        call_command("incident", "report", *args)
    assert err.value.returncode == 2
    assert list(tmp_path.iterdir()) == []


def test_outsiders_numbers_need_the_organisation_when_they_clash(incident, outsider, tmp_path):
    from mamori.testing.factories import make_incident

    other = make_incident(outsider)
    assert other.number == incident.number
    with pytest.raises(CommandError, match="--organisation"):
        call_command("incident", "report", "ppc", incident.number, "-o", str(tmp_path / "x.pdf"))
    call_command(
        "incident",
        "report",
        "ppc",
        incident.number,
        "--organisation",
        incident.organisation.slug,
        "--format",
        "text",
        "-o",
        str(tmp_path / "x.txt"),
    )
    assert incident.organisation.name in (tmp_path / "x.txt").read_text(encoding="utf-8")


def run_mamori(*args, data_dir):
    """Run the real console entry point in a fresh SQLite data directory."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["MAMORI_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "mamori.cli", *args], capture_output=True, text=True, timeout=240, env=env
    )


def test_console_command_exits_2_on_bad_options_and_unknown_incident(tmp_path):
    bad = run_mamori("incident", "report", "ppc", "1", "--format", "odt", data_dir=tmp_path)
    assert bad.returncode == 2
    assert "invalid choice: 'odt'" in bad.stderr
    assert run_mamori("migrate", "-v0", data_dir=tmp_path).returncode == 0
    out = tmp_path / "x.pdf"
    unknown = run_mamori("incident", "report", "ppc", "42", "-o", str(out), data_dir=tmp_path)
    assert unknown.returncode == 2
    assert "no such incident: '42'" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    assert not out.exists()
