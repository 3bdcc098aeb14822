"""A real gunicorn with its access log on: the acknowledgement and mail-guard link flows leave no token in it.

The mailed links carry their token after "#"; a browser sends only the path, so the client below sends
what a browser sends: the path, then the token in a POST body. The log (gunicorn's default format, as in
deploy/mamori-web.service: request line, status, Referer, agent) must hold no part of either token.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

BIN = Path(sys.executable).parent
SETUP = """
from mamori.accounts.models import Role
from mamori.mailguard import notify
from mamori.response import mails, services
from mamori.response.models import ChainRole
from mamori.testing import factories
org = factories.make_organisation("みほん商事")
manager = factories.make_user(org, Role.MANAGER, username="hogo")
services.chain_step_create(
    organisation=org, actor=manager, order=1, role=ChainRole.COUNSEL, email="bengoshi@law.example.com"
)
incident = factories.make_incident(manager)
notification = incident.chain_notifications.get(order=1)  # started when the incident was reported
print(mails.ack_url(notification.pk, "bengoshi@law.example.com"))
print(notify.link(1, "sender"))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _csrf(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


@pytest.fixture
def gunicorn(tmp_path):
    if shutil.which("gunicorn", path=str(BIN)) is None:
        pytest.skip("gunicorn is not installed")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(MAMORI_DATA_DIR=str(tmp_path / "data"), MAMORI_SITE_URL=f"http://127.0.0.1:{port}")
    env.update(MAMORI_ALLOWED_HOSTS="127.0.0.1", MAMORI_SMTP_HOST="127.0.0.1", MAMORI_SMTP_PORT="9")
    subprocess.run([BIN / "mamori", "migrate", "-v0"], env=env, check=True)
    links = subprocess.run(
        [BIN / "mamori", "shell", "-c", SETUP], env=env, check=True, capture_output=True, text=True
    ).stdout.split()
    links = [line for line in links if line.startswith("http")]
    log = tmp_path / "access.log"
    server = subprocess.Popen(
        [BIN / "gunicorn", "mamori.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
        + ["--access-logfile", str(log)],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)
    yield links, log
    server.terminate()
    server.wait(timeout=10)


def test_the_access_log_holds_no_link_token(gunicorn):
    (ack_link, mail_link), log = gunicorn
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    browser.addheaders = [("User-Agent", "mamori-test")]

    def visit(link: str) -> tuple[str, str, str]:
        url, _, token = link.partition("#")
        page = browser.open(url).read().decode()  # what a browser requests: never the fragment
        return url, token, page

    def post(url: str, **fields: str) -> str:
        body = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(url, data=body, headers={"Referer": url})  # noqa: S310 - http on 127.0.0.1
        try:
            return browser.open(request).read().decode()
        except urllib.error.HTTPError as exc:  # the redirect to the login page
            assert exc.code == 302 and "token" not in exc.headers["Location"]
            return exc.headers["Location"]

    url, ack_token, page = visit(ack_link)
    assert 'id="link-form"' in page
    csrf = _csrf(page)
    assert 'id="acknowledge"' in post(url, csrfmiddlewaretoken=csrf, token=ack_token)
    done = post(url, csrfmiddlewaretoken=csrf, token=ack_token, acknowledge="1")
    assert 'class="flash success"' in done

    url, mail_token, page = visit(mail_link)
    assert "/accounts/login/" in post(url, csrfmiddlewaretoken=_csrf(page), token=mail_token)

    time.sleep(0.5)  # gunicorn writes its log line after the response
    text = log.read_text()
    assert text.count("POST /response/ack/ ") == 2 and "POST /mailguard/m/ " in text
    for token in (ack_token, mail_token):
        assert len(token) > 40 and token[:16] not in text and token[-16:] not in text

    # The links mailed before this change, with the token in the path, are exactly what the log kept.
    browser.open(f"{url.split('/mailguard/')[0]}/response/ack/{ack_token}/").read()
    time.sleep(0.5)
    assert ack_token in log.read_text()
