"""The mail guard's configuration: the :class:`Policy` type, and how it is built from JSON/YAML data.

Example (YAML)::

    internal_domains: [example.co.jp]
    partner_domains: [partner.example.com]
    delay_minutes: 5
    severity_actions: {info: deliver, warning: hold, high: approve}
    code_actions: {ENCRYPTED_ARCHIVE: reject}
    history_key: "..."           # secret for the keyed hashes of past recipients
    max_scan_chars: 100000       # characters read per attachment part (0: everything)
    address_book:
      - {display_name: 山田 太郎, surname: 山田, organisation: 株式会社サンプル, address: yamada@example.com}
    departments:
      sales: {senders: ["@sales.example.co.jp"], delay_minutes: 10}
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .domains import normalize_address, normalize_domain
from .values import ACTIONS, CODES, SEVERITIES

FREEMAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.co.jp",
        "ymail.ne.jp",
        "icloud.com",
        "me.com",
        "outlook.com",
        "outlook.jp",
        "hotmail.com",
        "hotmail.co.jp",
        "live.jp",
        "docomo.ne.jp",
        "ezweb.ne.jp",
        "au.com",
        "softbank.ne.jp",
        "i.softbank.jp",
        "ymobile.ne.jp",
        "nifty.com",
        "biglobe.ne.jp",
        "ocn.ne.jp",
    }
)


@dataclass(frozen=True)
class AddressBookEntry:
    """Hold one known contact, used to catch a right name on a wrong address."""

    display_name: str
    surname: str
    organisation: str
    address: str

    @property
    def domain(self) -> str:
        """Return the contact's normalised mail domain."""
        return normalize_domain(self.address.rpartition("@")[2])


@dataclass(frozen=True)
class Department:
    """Hold a department's own policy and the senders (addresses or ``@domain``) it applies to."""

    name: str
    senders: frozenset[str]
    policy: Policy


@dataclass(frozen=True)
class Policy:
    """Configure the checks and the actions for one organisation (and its departments)."""

    internal_domains: frozenset[str] = frozenset()
    partner_domains: frozenset[str] = frozenset()
    freemail_domains: frozenset[str] = FREEMAIL_DOMAINS
    delay_minutes: int = 5
    many_recipients: int = 20
    exposed_min_parties: int = 2
    convert_exposed_to_bcc: bool = False
    severity_actions: Mapping[str, str] = field(
        default_factory=lambda: {"info": "deliver", "warning": "hold", "high": "approve"}
    )
    code_actions: Mapping[str, str] = field(default_factory=lambda: {"EXTERNAL_RECIPIENTS": "hold"})
    address_book: tuple[AddressBookEntry, ...] = ()
    history_key: bytes = field(default=b"", repr=False)  # a secret: keep it out of logs
    known_recipients: frozenset[str] = field(default=frozenset(), repr=False)
    known_domains: frozenset[str] = field(default=frozenset(), repr=False)
    lookalike_max_distance: int = 2
    pii_high_labels: frozenset[str] = frozenset(
        # Not BANK_ACCOUNT: invoices carry the company's own account; a list of accounts is still a list.
        {"MY_NUMBER", "CREDIT_CARD", "PASSPORT", "DRIVERS_LICENSE", "HEALTH_INSURANCE"}
    )
    pii_list_threshold: int = 10
    # Characters read per attachment part (sheet, page, member); 0 reads everything. A cut part's
    # counts are lower bounds: a list is already a list in its first rows.
    max_scan_chars: int = 100_000
    departments: tuple[Department, ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Policy:
        """Build a policy from plain data (parsed JSON/YAML), raising :class:`PolicyError` on bad input."""
        return policy_from_dict(cls, data)

    @classmethod
    def load(cls, path: str | Path) -> Policy:
        """Read a policy from a JSON or YAML file."""
        return load_policy(cls, Path(path))

    def for_sender(self, mail_from: str) -> Policy:
        """Return the department policy that applies to this sender, or this policy."""
        sender = normalize_address(mail_from)
        domain = "@" + sender.rpartition("@")[2]
        for dept in self.departments:
            if sender in dept.senders or domain in dept.senders:
                return dept.policy
        return self

    def is_internal(self, domain: str) -> bool:
        """Return whether the domain is an internal one or a sub-domain of one."""
        return _in_domains(normalize_domain(domain), self.internal_domains)

    def is_internal_recipient(self, address: str) -> bool:
        """Return whether a recipient address is internal: the one place that decides it."""
        return self.is_internal(address.rpartition("@")[2])

    def is_known(self, domain: str) -> bool:
        """Return whether the domain is internal, a partner's, or in the address book."""
        dom = normalize_domain(domain)
        book = {e.domain for e in self.address_book}
        return _in_domains(dom, self.internal_domains | self.partner_domains | book)

    def reference_domains(self) -> list[str]:
        """Return the known domains that look-alikes are measured against, sorted."""
        return sorted(self.internal_domains | self.partner_domains | {e.domain for e in self.address_book})

    def with_internal_domains(self, domains: Iterable[str]) -> Policy:
        """Return a copy (departments included) that also treats these domains as internal."""
        extra = frozenset(normalize_domain(d) for d in domains)
        depts = tuple(replace(d, policy=d.policy.with_internal_domains(extra)) for d in self.departments)
        return replace(self, internal_domains=self.internal_domains | extra, departments=depts)

    def with_history(self, recipients: Iterable[str], domains: Iterable[str]) -> Policy:
        """Return a copy that also knows these keyed hashes (for tests and the SMTP service)."""
        return replace(
            self,
            known_recipients=self.known_recipients | frozenset(recipients),
            known_domains=self.known_domains | frozenset(domains),
        )


def _in_domains(domain: str, domains: Iterable[str]) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in domains)


def history_hash(key: bytes, value: str, kind: str) -> str:
    """Return the keyed hash (HMAC-SHA256, hex) under which an address or domain is remembered."""
    if kind == "domain":
        norm = normalize_domain(value)
    else:  # the same mailbox whether its domain came as punycode (SMTP) or Unicode (headers)
        norm = normalize_address(value)
    return hmac.new(key, f"{kind}:{norm}".encode(), hashlib.sha256).hexdigest()


_DOMAIN_SETS = ("internal_domains", "partner_domains", "freemail_domains")
_STRING_SETS = ("known_recipients", "known_domains", "pii_high_labels")
MIN_SCAN_CHARS = 1000  # a smaller content budget would not even reach a table's first rows
_INTS = (
    "delay_minutes",
    "many_recipients",
    "exposed_min_parties",
    "lookalike_max_distance",
    "pii_list_threshold",
)


class PolicyError(ValueError):
    """Signal an invalid policy configuration, with a message that names the bad key."""


def _fail(key: str, problem: str) -> PolicyError:
    return PolicyError(f"policy: {key}: {problem}")


def _str_list(key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple | set | frozenset) or not all(isinstance(v, str) for v in value):
        raise _fail(key, "expected a list of strings")
    return [v.strip() for v in value if v.strip()]


def _int(key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _fail(key, f"expected a non-negative integer, got {value!r}")
    return value


def _actions(key: str, value: Any, allowed_keys: tuple[str, ...] | None) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise _fail(key, "expected a mapping")
    out = {}
    for name, action in value.items():
        valid = allowed_keys if allowed_keys is not None else CODES
        if name not in valid:
            raise _fail(key, f"unknown key {name!r} (expected one of {', '.join(valid)})")
        if action not in ACTIONS:
            raise _fail(f"{key}.{name}", f"unknown action {action!r} (expected one of {', '.join(ACTIONS)})")
        out[str(name)] = str(action)
    return out


def _address_book(value: Any) -> tuple[Any, ...]:
    if not isinstance(value, list):
        raise _fail("address_book", "expected a list of entries")
    entries = []
    for i, item in enumerate(value):
        need = {"surname", "organisation", "address"}
        if not isinstance(item, Mapping) or not need <= set(item):
            raise _fail(f"address_book[{i}]", f"expected a mapping with {', '.join(sorted(need))}")
        address = normalize_address(str(item["address"]))
        if "@" not in address:
            raise _fail(f"address_book[{i}].address", f"not a mail address: {address!r}")
        entries.append(
            AddressBookEntry(
                str(item.get("display_name", "")),
                str(item["surname"]).strip(),
                str(item["organisation"]).strip(),
                address,
            )
        )
    return tuple(entries)


def _convert(key: str, value: Any) -> Any:
    if key in _DOMAIN_SETS:
        return frozenset(normalize_domain(d) for d in _str_list(key, value))
    if key in _STRING_SETS:
        return frozenset(_str_list(key, value))
    if key in _INTS:
        return _int(key, value)
    if key == "max_scan_chars":
        chars = _int(key, value)
        if 0 < chars < MIN_SCAN_CHARS:
            raise _fail(key, f"expected 0 (read everything) or at least {MIN_SCAN_CHARS}, got {chars}")
        return chars
    if key == "convert_exposed_to_bcc":
        if not isinstance(value, bool):
            raise _fail(key, "expected true or false")
        return value
    if key == "severity_actions":
        return {**Policy().severity_actions, **_actions(key, value, SEVERITIES)}
    if key == "code_actions":
        return {**Policy().code_actions, **_actions(key, value, None)}
    if key == "address_book":
        return _address_book(value)
    if key == "history_key":
        if not isinstance(value, str) or len(value) < 16:
            raise _fail(key, "expected a secret string of at least 16 characters")
        return value.encode()
    raise _fail(key, "unknown key")


def policy_from_dict(cls: type[Policy], data: Mapping[str, Any]) -> Policy:
    """Validate plain data and build the policy, its departments included."""
    if not isinstance(data, Mapping):
        raise _fail("(top)", "expected a mapping")
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise _fail(
            ", ".join(map(str, unknown)), f"unknown key (expected some of {', '.join(sorted(known))})"
        )
    base = {k: v for k, v in data.items() if k != "departments"}
    policy = cls(**{k: _convert(k, v) for k, v in base.items()})
    departments = []
    raw_depts = data.get("departments") or {}
    if not isinstance(raw_depts, Mapping):
        raise _fail("departments", "expected a mapping of department name to settings")
    for name, settings in raw_depts.items():
        if not isinstance(settings, Mapping):
            raise _fail(f"departments.{name}", "expected a mapping")
        senders = frozenset(
            s.lower() for s in _str_list(f"departments.{name}.senders", settings.get("senders", []))
        )
        overrides = {k: v for k, v in settings.items() if k != "senders"}
        if "departments" in overrides:
            raise _fail(f"departments.{name}", "departments cannot be nested")
        dept_policy = policy_from_dict(cls, {**base, **overrides})
        departments.append(Department(str(name), senders, dept_policy))
    return cls(
        **{**{f.name: getattr(policy, f.name) for f in fields(cls)}, "departments": tuple(departments)}
    )


def load_policy(cls: type[Policy], path: Path) -> Policy:
    """Read a JSON or YAML policy file (by suffix; JSON is tried first otherwise)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(str(path), f"cannot read ({exc})") from exc
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise _fail(str(path), f"invalid YAML ({exc})") from exc
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _fail(str(path), f"invalid JSON ({exc})") from exc
    return policy_from_dict(cls, data or {})
