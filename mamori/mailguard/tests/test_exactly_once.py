"""Exactly once: ``kill -9`` between the relay and the reply (through Postfix), and an upstream slow to QUIT."""

from __future__ import annotations

import asyncio
import smtplib
import subprocess
import time
from dataclasses import dataclass

import pytest
from aiosmtpd.controller import Controller

from mamori.mailguard.tests.conftest import Sink, free_port, wait_until
from mamori.mailguard.tests.guardproc import GuardInstance
from mamori.mailguard.tests.mails import mail
from mamori.mailguard.tests.postfixproc import Postfix, available


def relayed_rows(guard: GuardInstance) -> int:
    with guard.db() as conn:
        return conn.execute("SELECT COUNT(*) FROM mailguard_relayedmessage").fetchone()[0]


@pytest.mark.skipif(not available(), reason="Postfix is not installed or we are not root")
def test_kill_9_between_the_relay_and_the_reply_relays_the_retry_not_again(tmp_path, sink_server):
    sink_server.clear()
    guard_port, reinject = free_port(), free_port()
    postfix = Postfix(
        smtpd_port=free_port(), reinject_port=reinject, guard_port=guard_port, relay_port=sink_server.port
    )
    # The guard waits after recording the relay and before answering Postfix: the window a crash hits.
    guard = GuardInstance(
        tmp_path, guard_port, f"127.0.0.1:{reinject}", MAMORI_MAILGUARD_TEST_PAUSE_BEFORE_REPLY="60"
    )
    guard.setup()
    postfix.start()
    try:
        guard.start()
        with smtplib.SMTP("127.0.0.1", postfix.smtpd_port, timeout=30) as client:
            client.sendmail(
                "yamada@example.co.jp",
                ["suzuki@example.co.jp"],
                mail(to=("鈴木 <suzuki@example.co.jp>",), subject="一度だけ"),
            )
        assert len(sink_server.wait_for(1, timeout=60)) == 1, postfix.log()[-3000:]
        assert wait_until(lambda: relayed_rows(guard) == 1, timeout=30)
        guard.kill9()  # relayed and recorded, Postfix still waiting for the reply
        guard.env["MAMORI_MAILGUARD_TEST_PAUSE_BEFORE_REPLY"] = "0"
        guard.start()
        # Postfix lost the connection before the reply, so it retries; the guard recognises the retry.
        subprocess.run(["postqueue", "-c", str(postfix.etc), "-f"], check=False, timeout=30)
        assert wait_until(lambda: postfix.queue() == [], timeout=120), postfix.log()[-3000:]
        assert "already delivered" in postfix.log()
        time.sleep(2)
        assert len(sink_server.received) == 1
        assert relayed_rows(guard) == 1
    finally:
        guard.stop()
        postfix.stop()


@dataclass
class SlowQuitSink(Sink):
    """An upstream that accepts mail at once but takes seconds to answer QUIT."""

    quit_delay: float = 5.0

    async def handle_QUIT(self, server, session, envelope):  # noqa: N802
        await asyncio.sleep(self.quit_delay)
        return "221 Bye"


def test_kill_9_while_the_upstream_is_slow_to_quit_does_not_release_twice(tmp_path):
    upstream = SlowQuitSink(port=free_port())
    controller = Controller(upstream, hostname="127.0.0.1", port=upstream.port)
    controller.start()
    guard = GuardInstance(
        tmp_path, free_port(), f"127.0.0.1:{upstream.port}", MAMORI_MAILGUARD_CLAIM_TIMEOUT="1"
    )
    guard.setup()
    try:
        guard.start()
        with smtplib.SMTP("127.0.0.1", guard.port, timeout=30) as client:
            client.sendmail(
                "yamada@example.co.jp", ["kyaku@torihiki.invalid"], mail(to=("客 <kyaku@torihiki.invalid>",))
            )
        assert guard.states() == ["held"]
        guard.pretend_delay_passed()
        assert len(upstream.wait_for(1, timeout=30)) == 1
        time.sleep(1)  # the release now waits for the upstream's answer to QUIT
        guard.kill9()
        guard.start()
        assert wait_until(lambda: guard.states() == ["delivered"], timeout=30)
        time.sleep(4)  # several release rounds and claim time-outs: nothing is sent again
        assert len(upstream.received) == 1
        assert guard.spool_files() == []
    finally:
        guard.stop()
        controller.stop()
