"""The SMTP side of the guard: an aiosmtpd handler and the service that runs it with the release worker.

Replies: ``250`` only once the upstream accepted the mail or it is durably held; ``4xx`` when unsure
(upstream down, database busy, an internal error) so the client keeps the mail and retries; ``5xx``
when the policy rejects it. Reply texts are ASCII; the explanation goes in the notice mail.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import threading
import time
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass
from email._header_value_parser import get_addr_spec, get_angle_addr
from email.errors import HeaderParseError
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from mamori.mailguard import queries, relayed, release, rules, services
from mamori.mailguard.analyse import Analysis, analyse_text_only
from mamori.mailguard.models import MailPolicy
from mamori.mailguard.policy import Envelope, Policy, history_entries, history_hash
from mamori.mailguard.workers import CheckPool

log = logging.getLogger(__name__)
POLICY_CACHE_SECONDS = 10.0
TEMPORARY = rules.ascii_reply(451, "4.3.0", "Temporary failure in the mail guard, please try again later")
NOT_SERVED = rules.ascii_reply(550, "5.7.1", "Sender domain is not served by this mail guard")


@dataclass
class Context:
    """Hold what one mail is judged against: the organisation's record, policy and the sender user."""

    record: MailPolicy
    policy: Policy
    sender: Any


DB_CHECK_SECONDS = 1.0
_db_checked = threading.local()


def db_ready() -> None:
    """Drop this thread's database connection if it broke; keep it otherwise (reconnecting costs).

    On PostgreSQL the question is a query (``SELECT 1``), which every mail used to pay twice: it is
    asked after a database error in this thread and otherwise at most once a second, so a connection
    that died while the guard was idle (a database restart) is replaced before the next mail uses it.
    """
    conn = connections[DEFAULT_DB_ALIAS]
    if conn.connection is None:
        return
    now = time.monotonic()
    if not conn.errors_occurred and now - getattr(_db_checked, "at", -DB_CHECK_SECONDS) < DB_CHECK_SECONDS:
        return
    if conn.is_usable():
        conn.errors_occurred = False
        _db_checked.at = now
    else:
        conn.close()


_policy_cache: dict[str, tuple[float, tuple[MailPolicy, Policy] | None]] = {}


def cached_policy_for_sender(mail_from: str) -> tuple[MailPolicy, Policy] | None:
    """Return the sender's organisation policy, re-read at most every ``POLICY_CACHE_SECONDS``."""
    domain = mail_from.rpartition("@")[2].lower()
    now = time.monotonic()
    hit = _policy_cache.get(domain)
    if hit is not None and now - hit[0] < POLICY_CACHE_SECONDS:
        return hit[1]
    found = queries.policy_for_sender(mail_from)
    if len(_policy_cache) > 1000:
        _policy_cache.clear()
    _policy_cache[domain] = (now, found)
    return found


_sender_cache: dict[str, tuple[float, Any]] = {}


def cached_sender(mail_from: str, organisation_id: int) -> Any:
    """Return the mamori user of this address, re-read at most every ``POLICY_CACHE_SECONDS``."""
    key = f"{organisation_id}:{mail_from.lower()}"
    now = time.monotonic()
    hit = _sender_cache.get(key)
    if hit is not None and now - hit[0] < POLICY_CACHE_SECONDS:
        return hit[1]
    user = queries.user_for_address(mail_from, organisation_id)
    if len(_sender_cache) > 10000:
        _sender_cache.clear()
    _sender_cache[key] = (now, user)
    return user


def clear_caches() -> None:
    """Forget cached policies and senders (tests; a policy change otherwise applies within seconds)."""
    _policy_cache.clear()
    _sender_cache.clear()


def cached_context(mail_from: str, recipients: list[str]) -> Context | None:
    """Return the context from the caches alone when no query is needed (internal mail), else None.

    Runs on the event loop: dictionary look-ups only, no ORM.
    """
    now = time.monotonic()
    hit = _policy_cache.get(mail_from.rpartition("@")[2].lower())
    if hit is None or hit[1] is None or now - hit[0] >= POLICY_CACHE_SECONDS:
        return None
    record, policy = hit[1]
    user = _sender_cache.get(f"{record.organisation_id}:{mail_from.lower()}")
    if user is None or now - user[0] >= POLICY_CACHE_SECONDS:
        return None
    policy = queries.with_sender_department(policy, mail_from, user[1])
    applied = policy.for_sender(mail_from)
    if not all(applied.is_internal_recipient(r) for r in recipients):
        return None
    return Context(record, policy, user[1])


def load_context(mail_from: str, recipients: list[str]) -> Context | None:
    """Return the policy (with the keyed history of the external recipients) and sender of one mail.

    Mail to internal recipients only needs no query at all once the policy and sender are cached.
    """
    db_ready()
    found = cached_policy_for_sender(mail_from)
    if found is None:
        return None
    record, policy = found
    sender = cached_sender(mail_from, record.organisation_id)
    policy = queries.with_sender_department(policy, mail_from, sender)
    external = [r for r in recipients if not policy.for_sender(mail_from).is_internal_recipient(r)]
    if not external:
        return Context(record, policy, sender)
    key = policy.history_key
    addresses = {history_hash(key, r, "address") for r in external}
    domains = {history_hash(key, r.rpartition("@")[2], "domain") for r in external}
    known_addresses, known_domains = queries.known_history(record.organisation_id, addresses, domains)
    return Context(record, policy.with_history(known_addresses, known_domains), sender)


def _hold(ctx: Context, mail_from: str, rcpts: list[str], raw: bytes, analysis: Analysis) -> int:
    db_ready()
    message = services.held_message_create(
        policy=ctx.record,
        sender=ctx.sender,
        mail_from=mail_from,
        recipients=rcpts,
        raw=raw,
        analysis=analysis,
    )
    return message.pk


def _reject(ctx: Context, mail_from: str, rcpts: list[str], raw: bytes, analysis: Analysis) -> None:
    db_ready()
    services.message_record_rejected(
        policy=ctx.record,
        sender=ctx.sender,
        mail_from=mail_from,
        recipients=rcpts,
        raw=raw,
        analysis=analysis,
    )


def _remember(organisation_id: int, rcpts: list[str], policy: Policy) -> None:
    db_ready()
    try:
        services.history_record(organisation_id=organisation_id, recipients=rcpts, policy=policy)
    except Exception:  # noqa: BLE001 - history is a hint; a failure must not affect delivery
        log.exception("could not record recipient history")


class GuardHandler:
    """Judge each mail in a worker process, then deliver, hold, or reject it."""

    def __init__(self, pool: CheckPool, db: Executor, checks: Executor) -> None:
        self.pool = pool
        self.db = db
        self.checks = checks  # threads that wait for the check processes
        self.upstream = release.UpstreamPool()
        self.background: set[asyncio.Future[Any]] = set()

    def _relay_once(
        self, mail_from: str, rcpts: list[str], raw: bytes, data: bytes, message_id: str
    ) -> release.UpstreamResult:
        """Relay a mail unless it was relayed before; record it on the upstream's 250 (db thread)."""
        db_ready()
        key = relayed.relay_key(mail_from, rcpts, raw)
        if relayed.relayed_before(key):
            return release.UpstreamResult("duplicate")
        return self.upstream.send(mail_from, rcpts, data, lambda: relayed.relayed_record(key, message_id))

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        raw = envelope.original_content or b""
        mail_from = envelope.mail_from or ""
        rcpts = list(envelope.rcpt_tos)
        # A verdict well before the client's own time-out (Postfix: 10 minutes), whatever the content.
        deadline = time.monotonic() + settings.MAILGUARD_CHECK_SECONDS
        try:
            return await self._judge(raw, mail_from, rcpts, deadline)
        except Exception:  # noqa: BLE001 - never lose a mail: say 4xx and let the client retry
            log.exception("mail guard failed on a message; answered 451")
            return TEMPORARY

    async def _judge(self, raw: bytes, mail_from: str, rcpts: list[str], deadline: float) -> str:
        loop = asyncio.get_running_loop()
        envelope = Envelope(mail_from, tuple(rcpts))
        ctx: Context | None = None
        if len(raw) <= settings.MAILGUARD_INLINE_BYTES:
            # Small mail: judged and concluded in one hand-over to a thread, no check process.
            ctx, outcome = await loop.run_in_executor(self.db, self._judge_inline, raw, envelope, deadline)
            if outcome is not None:
                return await self._reply(ctx, envelope, outcome)
        ctx = ctx or cached_context(mail_from, rcpts)
        ctx = ctx or await loop.run_in_executor(self.db, load_context, mail_from, rcpts)
        if ctx is None:
            return NOT_SERVED
        analysis: Analysis = await loop.run_in_executor(
            self.checks, self.pool.check, raw, envelope, ctx.policy, deadline
        )
        outcome = await loop.run_in_executor(self.db, self._conclude, ctx, envelope, raw, analysis)
        return await self._reply(ctx, envelope, outcome)

    def _judge_inline(
        self, raw: bytes, envelope: Envelope, deadline: float
    ) -> tuple[Context | None, str | release.UpstreamResult | None]:
        """Judge a small mail in this thread when it is text only, and conclude it (db thread).

        Returns the context and the outcome, or no outcome when the mail needs a check process.
        """
        ctx = load_context(envelope.mail_from, list(envelope.rcpt_tos))
        if ctx is None:
            return None, NOT_SERVED
        try:
            analysis = analyse_text_only(raw, envelope, ctx.policy, deadline)
        except Exception:  # noqa: BLE001 - a check process judges it, with its own crash handling
            log.exception("in-process check failed; the mail goes to a check process")
            analysis = None
        if analysis is None:
            return ctx, None
        return ctx, self._conclude(ctx, envelope, raw, analysis)

    def _conclude(
        self, ctx: Context, envelope: Envelope, raw: bytes, analysis: Analysis
    ) -> str | release.UpstreamResult:
        """Reject, hold or relay a judged mail (db thread); return the reply or the relay's result."""
        mail_from, rcpts = envelope.mail_from, list(envelope.rcpt_tos)
        action = analysis.verdict.action
        if action == "reject":
            _reject(ctx, mail_from, rcpts, raw, analysis)
            return rules.reject_reply(f.code for f in analysis.verdict.findings)
        if action in ("hold", "approve"):
            pk = _hold(ctx, mail_from, rcpts, raw, analysis)
            return rules.ascii_reply(250, "2.0.0", f"Held for review by the mail guard as #{pk}")
        data = release.prepared(raw, list(analysis.verdict.bcc_conversion))
        return self._relay_once(mail_from, rcpts, raw, data, analysis.message_id)

    async def _reply(
        self, ctx: Context | None, envelope: Envelope, outcome: str | release.UpstreamResult
    ) -> str:
        """Return the SMTP reply for a concluded mail; remember the recipients of a relayed one."""
        if isinstance(outcome, str):
            return outcome
        if outcome.outcome == "duplicate":
            return rules.ascii_reply(250, "2.0.0", "Ok: already delivered")
        if settings.MAILGUARD_TEST_PAUSE_BEFORE_REPLY:
            await asyncio.sleep(settings.MAILGUARD_TEST_PAUSE_BEFORE_REPLY)  # fault injection (tests)
        if outcome.outcome == "ok" and ctx is not None and any(history_entries(envelope, ctx.policy)):
            loop = asyncio.get_running_loop()
            rcpts = list(envelope.rcpt_tos)
            task = loop.run_in_executor(self.db, _remember, ctx.record.organisation_id, rcpts, ctx.policy)
            self.background.add(task)
            task.add_done_callback(self.background.discard)
        if outcome.outcome == "ok":
            return rules.ascii_reply(250, "2.0.0", "Ok: delivered")
        if outcome.outcome == "permanent":
            return rules.ascii_reply(outcome.code, "5.0.0", f"Upstream refused: {outcome.text}")
        return rules.ascii_reply(451, "4.4.1", "Upstream relay unavailable, please try again later")


def _authenticate(username: str, password: str) -> bool:
    # The model backend directly: axes' backend needs an HTTP request, which SMTP does not have.
    from django.contrib.auth.backends import ModelBackend

    db_ready()
    return ModelBackend().authenticate(None, username=username, password=password) is not None


class Authenticator:
    """Check SMTP AUTH against mamori's users (in a thread: the ORM must not run on the event loop)."""

    def __init__(self, db: Executor) -> None:
        self.db = db

    def __call__(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        username = auth_data.login.decode("utf-8", "replace")
        password = auth_data.password.decode("utf-8", "replace")
        ok = self.db.submit(_authenticate, username, password).result()
        # handled=False: let aiosmtpd answer 535 itself on failure
        return AuthResult(success=ok, handled=False, auth_data=auth_data)


def tls_context() -> ssl.SSLContext | None:
    """Return the STARTTLS context from ``MAMORI_MAILGUARD_TLS_CERT`` / ``_KEY``, if configured."""
    if not settings.MAILGUARD_TLS_CERT:
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(settings.MAILGUARD_TLS_CERT, settings.MAILGUARD_TLS_KEY or None)
    return context


def listen_address(value: str | None = None) -> tuple[str, int]:
    """Return (host, port) of ``MAMORI_MAILGUARD_LISTEN``."""
    host, _, port = (value or settings.MAILGUARD_LISTEN).rpartition(":")
    return host.strip("[]") or "127.0.0.1", int(port)


class GuardSMTP(SMTP):
    """aiosmtpd's SMTP session, reading the address of MAIL and RCPT without creating a class each time.

    aiosmtpd 1.4's ``_getaddr`` defines a ``typing.Protocol`` class (for its type checker) on every
    call: that class creation cost the guard about 4 % of its CPU per mail. Same grammar, same limit.
    """

    def _getaddr(self, arg: str) -> tuple[str | None, str | None]:
        if not arg:
            return "", ""
        try:
            parse = get_angle_addr if arg.lstrip().startswith("<") else get_addr_spec
            address, rest = parse(arg)
        except HeaderParseError:
            return None, None
        addr = address.addr_spec
        if self.local_part_limit and len(addr.rpartition("@")[0]) > self.local_part_limit:
            return None, None
        return addr, rest


class GuardController(Controller):
    """Serve :class:`GuardSMTP` sessions."""

    def factory(self) -> SMTP:
        return GuardSMTP(self.handler, **self.SMTP_kwargs)


class GuardService:
    """Run the SMTP listener, the process pool of checks and the release worker together."""

    def __init__(
        self,
        host: str,
        port: int,
        workers: int | None = None,
        release_interval: float | None = None,
        memory_mb: int | None = None,
    ):
        self.host, self.port = host, port
        self.workers = workers or settings.MAILGUARD_WORKERS
        self.memory_mb = settings.MAILGUARD_WORKER_MEMORY_MB if memory_mb is None else memory_mb
        self.release_interval = (
            settings.MAILGUARD_RELEASE_INTERVAL if release_interval is None else release_interval
        )
        self.stopping = threading.Event()
        self.pool: CheckPool | None = None
        self.checks: ThreadPoolExecutor | None = None
        self.db: ThreadPoolExecutor | None = None
        self.controller: Controller | None = None
        self.handler: GuardHandler | None = None
        self.releaser: threading.Thread | None = None
        self.connections: list[Any] = []

    def _remember_connection(self) -> None:
        self.connections.append(connections["default"])  # this thread's own connection wrapper

    def start(self) -> None:
        """Start the pool (warmed up), the SMTP listener and the release thread."""
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every peer at INFO
        self.pool = CheckPool(
            self.workers,
            memory_mb=self.memory_mb,
            max_tasks=settings.MAILGUARD_WORKER_MAX_MESSAGES,
        )
        self.pool.start()
        self.checks = ThreadPoolExecutor(64, thread_name_prefix="mailguard-check")
        self.db = ThreadPoolExecutor(
            8, thread_name_prefix="mailguard-db", initializer=self._remember_connection
        )
        tls = tls_context()
        if settings.MAILGUARD_AUTH and tls is None:
            raise RuntimeError(
                "MAMORI_MAILGUARD_AUTH needs MAMORI_MAILGUARD_TLS_CERT (no AUTH in clear text)"
            )
        self.handler = GuardHandler(self.pool, self.db, self.checks)
        self.controller = GuardController(
            self.handler,
            hostname=self.host,
            port=self.port,
            data_size_limit=settings.MAILGUARD_MAX_SIZE,
            tls_context=tls,
            require_starttls=bool(settings.MAILGUARD_AUTH),
            authenticator=Authenticator(self.db) if settings.MAILGUARD_AUTH else None,
            auth_required=settings.MAILGUARD_AUTH,
            ident="mamori mail guard",
        )
        self.controller.start()
        if self.release_interval > 0:
            self.releaser = threading.Thread(target=self._release_loop, name="mailguard-release", daemon=True)
            self.releaser.start()

    def _release_loop(self) -> None:
        swept = 0.0
        while not self.stopping.is_set():
            db_ready()
            try:
                counts = release.release_due()
                if any(counts.values()):
                    log.info("mail guard release: %s", counts)
                if time.monotonic() - swept > 600:
                    swept = time.monotonic()
                    release.remove_orphans()
                    relayed.relayed_prune()
            except Exception:  # noqa: BLE001 - keep the worker alive; the next round retries
                log.exception("mail guard release round failed")
            self.stopping.wait(self.release_interval)

    def stop(self) -> None:
        """Stop accepting mail, finish the release round and shut the pools down."""
        self.stopping.set()
        if self.controller is not None:
            self.controller.stop()
        if self.handler is not None:
            self.handler.upstream.close()
        if self.releaser is not None:
            self.releaser.join(timeout=60)
        if self.db is not None:
            self.db.shutdown(wait=True)
            for conn in self.connections:  # the threads are gone: close their connections from here
                conn.inc_thread_sharing()
                conn.close()
        if self.pool is not None:
            self.pool.shutdown()
        if self.checks is not None:
            self.checks.shutdown(wait=False, cancel_futures=True)
