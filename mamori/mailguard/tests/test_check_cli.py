"""Run ``mamori mail check`` as a separate process, as scripts do."""

from __future__ import annotations

import json
import subprocess
import sys

from . import mails
from .mails import jis, mail


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "mamori.cli", "mail", "check", *args]
    proc = subprocess.run(cmd, input=stdin, capture_output=True, timeout=60)
    return subprocess.CompletedProcess(cmd, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


def test_prints_the_verdict_as_json_and_exits_0(tmp_path):
    path = tmp_path / "m.eml"
    path.write_bytes(mail(to=("sato@examp1e.co.jp",)))
    proc = run(str(path), "--internal-domain", "example.co.jp")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["verdict"] == "approve"
    codes = {f["code"]: f for f in result["findings"]}
    assert set(codes) >= {"EXTERNAL_RECIPIENTS", "LOOKALIKE_DOMAIN"}
    lookalike = codes["LOOKALIKE_DOMAIN"]
    assert lookalike["severity"] == "high" and "examp1e.co.jp" in lookalike["message"]
    assert set(lookalike) == {"code", "severity", "message", "details"}


def test_internal_mail_is_delivered(tmp_path):
    path = tmp_path / "m.eml"
    path.write_bytes(mail(to=("suzuki@example.co.jp",)))
    result = json.loads(run(str(path), "--internal-domain", "example.co.jp").stdout)
    assert result == {**result, "verdict": "deliver", "findings": []}


def test_reads_a_policy_file_and_standard_input(tmp_path):
    policy = tmp_path / "policy.yaml"
    policy.write_text("internal_domains: [example.co.jp]\ndelay_minutes: 12\n", encoding="utf-8")
    proc = run("-", "--policy", str(policy), stdin=mail(to=("a@customer.invalid",)))
    result = json.loads(proc.stdout)
    assert (result["verdict"], result["delay_minutes"]) == ("hold", 12)


def test_iso2022jp_mail_from_the_command_line(tmp_path):
    raw = (
        b"From: yamada@example.co.jp\r\nTo: sato@partner.example.com\r\nSubject: test\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=ISO-2022-JP\r\n\r\n" + jis("①㈱確認") + b"\r\n"
    )
    path = tmp_path / "jis.eml"
    path.write_bytes(raw)
    assert run(str(path), "--internal-domain", "example.co.jp").returncode == 0


def test_missing_file_exits_2_with_a_clear_error(tmp_path):
    proc = run(str(tmp_path / "nope.eml"))
    assert proc.returncode == 2
    assert "nope.eml: no such file" in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_empty_directory_and_non_mail_inputs_exit_2(tmp_path):
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.eml"
    junk.write_bytes(b"\x00\xff\xfe\x89PNG not a mail")
    for target, words in (
        (empty, "empty file"),
        (tmp_path, "not a regular file"),
        (junk, "not a mail message"),
    ):
        proc = run(str(target))
        assert proc.returncode == 2 and words in proc.stderr, proc.stderr


def test_invalid_policy_exits_2(tmp_path):
    path = tmp_path / "m.eml"
    path.write_bytes(mail())
    policy = tmp_path / "p.json"
    policy.write_text('{"delay_minutes": -1}', encoding="utf-8")
    proc = run(str(path), "--policy", str(policy))
    assert proc.returncode == 2 and "policy: delay_minutes" in proc.stderr


def test_usage_errors_exit_2():
    proc = run()
    assert proc.returncode == 2 and "usage:" in proc.stderr


def test_envelope_options_override_the_headers(tmp_path):
    path = tmp_path / "m.eml"
    path.write_bytes(mail(to=("a@customer.invalid",)))
    args = (str(path), "--internal-domain", "example.co.jp", "--from", "yamada@example.co.jp")
    result = json.loads(run(*args, "--rcpt", "suzuki@example.co.jp").stdout)
    assert result["verdict"] == "deliver"


def test_without_internal_domains_the_senders_domain_is_internal(tmp_path):
    path = tmp_path / "m.eml"
    path.write_bytes(mail(to=("suzuki@example.co.jp",)))
    assert json.loads(run(str(path)).stdout)["verdict"] == "deliver"


def test_a_thousand_nested_parts_give_a_malformed_verdict_and_exit_0(tmp_path):
    path = tmp_path / "nested.eml"
    path.write_bytes(mails.nested_multiparts(1000))
    proc = run(str(path), "--internal-domain", "example.co.jp")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    result = json.loads(proc.stdout)
    assert "MALFORMED_MESSAGE" in {f["code"] for f in result["findings"]}
    assert result["verdict"] == "approve"


def test_a_program_renamed_csv_in_a_zip_is_reported_not_scannable_with_its_reason(tmp_path):
    from mamori.pii.tests.extract_samples import png_bytes, program_bytes, zip_with_tool

    members = {"顧客.csv": program_bytes(), "logo.png": png_bytes()}
    archive = zip_with_tool(tmp_path / "src", members, tmp_path / "送付.zip").read_bytes()
    path = tmp_path / "m.eml"
    path.write_bytes(
        mail(to=("sato@partner.example.com",), attachments=(("送付.zip", archive, "application/zip"),))
    )
    proc = run(str(path), "--internal-domain", "example.co.jp")
    assert proc.returncode == 0, proc.stderr
    [found] = [f for f in json.loads(proc.stdout)["findings"] if f["code"] == "ATTACHMENT_NOT_SCANNABLE"]
    assert found["severity"] == "warning"
    assert found["details"]["locations"] == {
        "送付.zip!/顧客.csv": "binary",
        "送付.zip!/logo.png": "unsupported",
    }
    assert "テキストでないバイナリデータ" in found["message"]
