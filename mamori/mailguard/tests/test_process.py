"""The guard as a real process (the smart-host deployment): crash it with kill -9, lose nothing, send nothing twice."""

from __future__ import annotations

import shutil
import smtplib
import ssl
import subprocess
import time
from email import policy
from email.parser import BytesParser

import pytest

from mamori.mailguard.tests.conftest import free_port
from mamori.mailguard.tests.guardproc import MAMORI, GuardInstance
from mamori.mailguard.tests.mails import mail


@pytest.fixture
def instance(tmp_path, sink_server):
    sink_server.clear()
    guard = GuardInstance(tmp_path, free_port(), f"127.0.0.1:{sink_server.port}")
    guard.setup()
    yield guard
    guard.stop()


def send(port: int, raw: bytes, rcpt: str) -> tuple[int, bytes]:
    with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
        client.ehlo()
        client.mail("yamada@example.co.jp")
        client.rcpt(rcpt)
        return client.data(raw)


def subjects(received) -> list[str]:
    return [str(BytesParser(policy=policy.default).parsebytes(raw)["Subject"]) for _, _, raw in received]


def test_kill_9_while_mail_is_held_loses_none_and_delivers_none_twice(instance, sink_server):
    instance.start()
    for i in range(5):
        code, _ = send(
            instance.port,
            mail(to=("客 <kyaku@torihiki.invalid>",), subject=f"見積 {i}"),
            "kyaku@torihiki.invalid",
        )
        assert code == 250
    code, text = send(instance.port, mail(to=("鈴木 <suzuki@example.co.jp>",)), "suzuki@example.co.jp")
    assert code == 250 and b"delivered" in text
    assert len(sink_server.wait_for(1)) == 1
    assert instance.states() == ["held"] * 5 and len(instance.spool_files()) == 5

    instance.kill9()
    instance.pretend_delay_passed()
    instance.start()
    received = sink_server.wait_for(6, timeout=60)
    time.sleep(3)  # a few more release rounds: nothing may come twice
    received = sink_server.wait_for(6)
    assert sorted(subjects(received)) == sorted(["お見積りの件"] + [f"見積 {i}" for i in range(5)])
    assert instance.states() == ["delivered"] * 5
    assert instance.spool_files() == []


def test_the_guard_stops_cleanly_on_sigterm_and_keeps_held_mail(instance, sink_server):
    instance.start()
    send(instance.port, mail(to=("客 <kyaku@torihiki.invalid>",)), "kyaku@torihiki.invalid")
    instance.stop()
    assert instance.proc is not None and instance.proc.returncode == 0
    assert instance.states() == ["held"] and len(instance.spool_files()) == 1
    assert sink_server.received == []


def test_two_guards_on_one_database_deliver_each_held_mail_once(instance, sink_server, tmp_path):
    instance.start()
    for i in range(8):
        send(
            instance.port,
            mail(to=("客 <kyaku@torihiki.invalid>",), subject=f"見積 {i}"),
            "kyaku@torihiki.invalid",
        )
    second = GuardInstance(tmp_path, free_port(), f"127.0.0.1:{sink_server.port}")
    second.start()
    try:
        instance.pretend_delay_passed()
        sink_server.wait_for(8, timeout=60)
        time.sleep(3)
        assert sorted(subjects(sink_server.received)) == sorted(f"見積 {i}" for i in range(8))
        assert instance.states() == ["delivered"] * 8
    finally:
        second.stop()


@pytest.fixture
def certificate(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_smart_host_requires_starttls_and_a_mamori_login(tmp_path, sink_server, certificate):
    from mamori.testing.factories import PASSWORD

    sink_server.clear()
    cert, key = certificate
    guard = GuardInstance(
        tmp_path / "g",
        free_port(),
        f"127.0.0.1:{sink_server.port}",
        MAMORI_MAILGUARD_TLS_CERT=str(cert),
        MAMORI_MAILGUARD_TLS_KEY=str(key),
        MAMORI_MAILGUARD_AUTH="true",
    )
    guard.data_dir.mkdir()
    guard.setup()
    guard.start()
    try:
        with smtplib.SMTP("127.0.0.1", guard.port, timeout=30) as client:
            client.ehlo()
            code, _ = client.mail("yamada@example.co.jp")
            assert code == 530  # STARTTLS first
        context = ssl._create_unverified_context()  # noqa: S323 - a self-signed test certificate
        with smtplib.SMTP("127.0.0.1", guard.port, timeout=30) as client:
            client.starttls(context=context)
            with pytest.raises(smtplib.SMTPAuthenticationError):
                client.login("yamada", "wrong password")
        with smtplib.SMTP("127.0.0.1", guard.port, timeout=30) as client:
            client.starttls(context=context)
            client.login("yamada", PASSWORD)
            client.sendmail(
                "yamada@example.co.jp", ["suzuki@example.co.jp"], mail(to=("鈴木 <suzuki@example.co.jp>",))
            )
        assert len(sink_server.wait_for(1)) == 1
        if shutil.which("swaks"):
            out = subprocess.run(
                [
                    "swaks",
                    "--server",
                    f"127.0.0.1:{guard.port}",
                    "--tls",
                    "--auth",
                    "LOGIN",
                    "--auth-user",
                    "yamada",
                    "--auth-password",
                    PASSWORD,
                    "--from",
                    "yamada@example.co.jp",
                    "--to",
                    "kyaku@torihiki.invalid",
                    "--header",
                    "Subject: swaks smart host",
                ],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert out.returncode == 0, out.stdout[-800:]
            assert "Held for review" in out.stdout
    finally:
        guard.stop()


def test_the_guard_refuses_to_start_with_a_notice_sender_it_would_refuse(tmp_path, sink_server):
    guard = GuardInstance(
        tmp_path, free_port(), f"127.0.0.1:{sink_server.port}", MAMORI_FROM_EMAIL="mamori@localhost"
    )
    guard.setup()
    out = subprocess.run(
        [MAMORI, "mailguard"], env=guard.env, capture_output=True, text=True, timeout=120, check=False
    )
    assert out.returncode != 0
    assert "mamori@localhost" in out.stderr and "MAMORI_FROM_EMAIL" in out.stderr
    assert "Traceback" not in out.stderr
