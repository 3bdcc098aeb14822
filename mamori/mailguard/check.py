"""Run ``mamori mail check FILE.eml``: print the mail guard's verdict for one mail as JSON.

Exit status 0 with the verdict on stdout, 2 with a one-line error on stderr when the mail or the
policy cannot be read. The envelope is taken from the mail's own From / To / Cc / Bcc headers
unless ``--from`` / ``--rcpt`` are given.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .parse import parse_message
from .policy import Envelope, Policy, PolicyError, dumps_verdict, envelope_from_message, evaluate

MAX_MESSAGE_BYTES = 64 * 1024 * 1024


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise SystemExit(_die(message))


def _die(message: str) -> int:
    print(f"mamori mail check: error: {message}", file=sys.stderr)
    return 2


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``mamori mail check``."""
    parser = _Parser(
        prog="mamori mail check", description="Judge one mail (.eml) with the mail guard policy."
    )
    parser.add_argument("file", help="the mail to check (RFC 5322 .eml); '-' reads standard input")
    parser.add_argument("--policy", type=Path, help="policy file (JSON or YAML)")
    parser.add_argument(
        "--internal-domain",
        action="append",
        default=[],
        metavar="D",
        help="an internal domain (repeatable; added to the policy's; default: the sender's domain)",
    )
    parser.add_argument("--from", dest="mail_from", help="envelope sender (default: the From header)")
    parser.add_argument(
        "--rcpt",
        action="append",
        default=[],
        metavar="ADDR",
        help="envelope recipient (repeatable; default: To, Cc and Bcc headers)",
    )
    return parser


class InputError(Exception):
    """Signal input that cannot be checked; the message is shown to the user as is."""


def read_input(name: str) -> bytes:
    """Return the bytes of the mail file (or standard input for '-'), or raise :class:`InputError`."""
    try:
        if name == "-":
            raw = sys.stdin.buffer.read(MAX_MESSAGE_BYTES + 1)
        else:
            path = Path(name)
            if not path.exists():
                raise InputError(f"{name}: no such file")
            if not path.is_file():
                raise InputError(f"{name}: not a regular file")
            with path.open("rb") as fh:
                raw = fh.read(MAX_MESSAGE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{name}: {exc.strerror or type(exc).__name__}") from exc
    if len(raw) > MAX_MESSAGE_BYTES:
        raise InputError(f"{name}: larger than {MAX_MESSAGE_BYTES} bytes")
    if not raw.strip():
        raise InputError(f"{name}: empty file")
    return raw


def _policy(args: argparse.Namespace) -> Policy:
    policy = Policy.load(args.policy) if args.policy else Policy()
    if args.internal_domain:
        policy = policy.with_internal_domains(args.internal_domain)
    return policy


def main(argv: list[str]) -> int:
    """Check one mail and print the verdict; return 0, or 2 on unreadable input."""
    args = build_parser().parse_args(argv)
    try:
        policy = _policy(args)
    except PolicyError as exc:
        return _die(str(exc))
    try:
        raw = read_input(args.file)
    except InputError as exc:
        return _die(str(exc))
    message = parse_message(raw)
    if not message.headers:
        return _die(f"{args.file}: not a mail message (no headers found)")
    envelope = envelope_from_message(message)
    if args.mail_from or args.rcpt:
        envelope = Envelope(args.mail_from or envelope.mail_from, tuple(args.rcpt) or envelope.rcpt_tos)
    if not policy.internal_domains and "@" in envelope.mail_from:
        # Without any internal domain every colleague would count as external: assume the sender's.
        policy = policy.with_internal_domains([envelope.mail_from.rpartition("@")[2]])
    try:
        verdict = evaluate(envelope, message, policy)
    except (RecursionError, MemoryError) as exc:  # the 0/2 contract holds even for hostile input
        return _die(f"{args.file}: could not be checked ({type(exc).__name__})")
    print(dumps_verdict(verdict))
    return 0
