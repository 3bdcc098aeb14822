"""Check the recipients of one mail: outside, exposed, look-alike, first-time, wrong person, too many."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from .config import AddressBookEntry, Policy, history_hash
from .domains import is_idn, lookalike_reason, normalize_address, normalize_domain, registrable
from .parse import ParsedMessage
from .values import REASON_LABELS, Envelope, Finding, make_finding

_LEGAL_FORMS = re.compile(
    r"株式会社|\(株\)|有限会社|\(有\)|合同会社|合資会社|合名会社|一般社団法人|一般財団法人|公益社団法人|"
    r"公益財団法人|特定非営利活動法人|npo法人|\bco\.,?\s*ltd\.?|\binc\.?|\bcorporation\b|\bcorp\.?|"
    r"\bk\.k\.|\bllc\b|\bltd\.?"
)
_PUNCT = re.compile(r"[\s・･,.，。、\-‐－―_/()（）「」\[\]]+")
SALUTATION_LINES = 4
_ADDRESS_IN_TEXT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def normalize_org(name: str) -> str:
    """Return an organisation name without legal form, spaces and punctuation, for matching."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return _PUNCT.sub("", _LEGAL_FORMS.sub("", text))


def _domain(address: str) -> str:
    return normalize_domain(address.rpartition("@")[2])


def _external(envelope: Envelope, policy: Policy) -> list[str]:
    rcpts = dict.fromkeys(normalize_address(a) for a in envelope.rcpt_tos)
    return [a for a in rcpts if a and not policy.is_internal_recipient(a)]


def check_recipients(
    envelope: Envelope, message: ParsedMessage, policy: Policy
) -> tuple[list[Finding], tuple[str, ...]]:
    """Return the recipient findings and the addresses to move to Bcc (when the policy says so)."""
    external = _external(envelope, policy)
    findings: list[Finding] = []
    bcc: tuple[str, ...] = ()
    if external:
        findings += external_findings(external)
        exposed, bcc = exposed_finding(external, message, policy)
        findings += exposed
        findings += lookalike_findings(external, policy)
        findings += first_time_findings(external, policy)
        findings += name_mismatch_findings(external, message, policy)
    findings += many_recipients_finding(envelope, policy)
    return findings, bcc


def _by_domain(addresses: list[str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for addr in addresses:
        grouped[_domain(addr)].append(addr)
    return dict(sorted(grouped.items()))


def external_findings(external: list[str]) -> list[Finding]:
    """Return EXTERNAL_RECIPIENTS (always) and MULTIPLE_EXTERNAL_DOMAINS (several organisations)."""
    grouped = _by_domain(external)
    found = [
        make_finding(
            "EXTERNAL_RECIPIENTS",
            "info",
            {"count": len(external), "by_domain": grouped},
            count=len(external),
            domains="、".join(grouped),
        )
    ]
    orgs = sorted({registrable(d) for d in grouped})
    if len(orgs) > 1:
        found.append(
            make_finding(
                "MULTIPLE_EXTERNAL_DOMAINS",
                "warning",
                {"domains": orgs},
                count=len(orgs),
                domains="、".join(orgs),
            )
        )
    return found


def exposed_finding(
    external: list[str], message: ParsedMessage, policy: Policy
) -> tuple[list[Finding], tuple[str, ...]]:
    """Return EXPOSED_RECIPIENTS when external recipients of several parties see each other in To/Cc.

    Addresses at a free-mail provider count as one party each (private customers); other
    addresses count once per organisation, so writing to three people at one partner is fine.
    """
    ext = set(external)
    visible = [a.address for a in message.visible_recipients if a.address in ext]
    visible = list(dict.fromkeys(visible))
    parties = {a if _domain(a) in policy.freemail_domains else registrable(_domain(a)) for a in visible}
    if len(visible) < 2 or len(parties) < max(2, policy.exposed_min_parties):
        return [], ()
    convert = policy.convert_exposed_to_bcc
    details = {
        "count": len(visible),
        "addresses": visible,
        "parties": len(parties),
        "converted_to_bcc": convert,
    }
    key = "EXPOSED_RECIPIENTS/converted" if convert else "EXPOSED_RECIPIENTS"
    finding = make_finding(
        "EXPOSED_RECIPIENTS", "info" if convert else "warning", details, message_key=key, count=len(visible)
    )
    return [finding], tuple(visible) if convert else ()


def lookalike_findings(external: list[str], policy: Policy) -> list[Finding]:
    """Return LOOKALIKE_DOMAIN for each unknown recipient domain close to a known one."""
    found = []
    references = policy.reference_domains()
    for domain, addresses in _by_domain(external).items():
        if policy.is_known(domain):
            continue
        for known in references:
            reason = lookalike_reason(domain, known, policy.lookalike_max_distance)
            if reason:
                details = {
                    "domain": domain,
                    "known": known,
                    "reason": reason,
                    "idn": is_idn(domain),
                    "addresses": addresses,
                }
                found.append(
                    make_finding(
                        "LOOKALIKE_DOMAIN",
                        "high",
                        details,
                        domain=domain,
                        known=known,
                        reason=REASON_LABELS[reason],
                    )
                )
                break
    return found


def first_time_findings(external: list[str], policy: Policy) -> list[Finding]:
    """Return FIRST_TIME_DOMAIN / FIRST_TIME_RECIPIENT from the keyed-hash history (when a key is set).

    A recipient at a new domain is reported once, as a new domain, not twice.
    """
    if not policy.history_key:
        return []
    key = policy.history_key
    new_domains, new_people = [], []
    for domain, addresses in _by_domain(external).items():
        if not _domain_known(domain, policy):
            new_domains.append(domain)
            continue
        new_people += [a for a in addresses if history_hash(key, a, "address") not in policy.known_recipients]
    found = []
    if new_domains:
        found.append(
            make_finding(
                "FIRST_TIME_DOMAIN", "warning", {"domains": new_domains}, domains="、".join(new_domains)
            )
        )
    if new_people:
        found.append(
            make_finding(
                "FIRST_TIME_RECIPIENT", "info", {"addresses": new_people}, addresses="、".join(new_people)
            )
        )
    return found


def _domain_known(domain: str, policy: Policy) -> bool:
    if policy.is_known(domain):
        return True
    return history_hash(policy.history_key, domain, "domain") in policy.known_domains


def many_recipients_finding(envelope: Envelope, policy: Policy) -> list[Finding]:
    """Return MANY_RECIPIENTS when the envelope has more recipients than the threshold."""
    count = len({normalize_address(a) for a in envelope.rcpt_tos})
    if policy.many_recipients and count > policy.many_recipients:
        return [
            make_finding(
                "MANY_RECIPIENTS",
                "warning",
                {"count": count, "limit": policy.many_recipients},
                count=count,
                limit=policy.many_recipients,
            )
        ]
    return []


def _org_domains(policy: Policy) -> dict[str, tuple[str, set[str]]]:
    orgs: dict[str, tuple[str, set[str]]] = {}
    for entry in policy.address_book:
        key = normalize_org(entry.organisation)
        if len(key) >= 2 and not policy.is_internal_recipient(entry.address):
            orgs.setdefault(key, (entry.organisation, set()))[1].add(entry.domain)
    return orgs


def _matches(domain: str, domains: set[str]) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in domains)


def name_mismatch_findings(external: list[str], message: ParsedMessage, policy: Policy) -> list[Finding]:
    """Return NAME_DOMAIN_MISMATCH for a company name that does not fit the address, or a namesake.

    Four cases: the display name shows another mail address than the real one (needs no address
    book); it names a known company whose domains differ from the address's; the salutation lines
    of the body name a known company none of the recipients belong to; the recipient shares a
    surname with a contact at another company that the mail seems meant for.
    """
    found = _address_in_name_findings(external, message)
    if not policy.address_book:
        return found
    orgs = _org_domains(policy)
    found += _display_name_mismatches(external, message, orgs)
    found += _salutation_mismatches(external, message, orgs)
    found += _namesake_findings(external, message, policy)
    return found


def _address_in_name_findings(external: list[str], message: ParsedMessage) -> list[Finding]:
    found = []
    ext = set(external)
    for addr in message.visible_recipients:
        shown = [
            a.lower() for a in _ADDRESS_IN_TEXT.findall(unicodedata.normalize("NFKC", addr.display_name))
        ]
        if addr.address in ext and shown and addr.address not in shown:
            details = {"case": "address_in_name", "address": addr.address, "shown_address": shown[0]}
            key = "NAME_DOMAIN_MISMATCH/address_in_name"
            found.append(
                make_finding(
                    "NAME_DOMAIN_MISMATCH",
                    "high",
                    details,
                    message_key=key,
                    shown=shown[0],
                    address=addr.address,
                )
            )
    return found


def _display_name_mismatches(
    external: list[str], message: ParsedMessage, orgs: dict[str, tuple[str, set[str]]]
) -> list[Finding]:
    found = []
    ext = set(external)
    for addr in message.visible_recipients:
        if addr.address not in ext or not addr.display_name:
            continue
        shown = normalize_org(addr.display_name)
        for key, (org, domains) in orgs.items():
            if key in shown and not _matches(_domain(addr.address), domains):
                details = {
                    "case": "display_name",
                    "address": addr.address,
                    "organisation": org,
                    "expected_domains": sorted(domains),
                }
                fmt = {
                    "display_name": addr.display_name,
                    "organisation": org,
                    "domain": _domain(addr.address),
                }
                found.append(make_finding("NAME_DOMAIN_MISMATCH", "high", details, **fmt))
                break
    return found


def _salutation(message: ParsedMessage) -> str:
    lines = [line for line in message.text.splitlines() if line.strip()][:SALUTATION_LINES]
    return normalize_org("\n".join(lines))


def _salutation_mismatches(
    external: list[str], message: ParsedMessage, orgs: dict[str, tuple[str, set[str]]]
) -> list[Finding]:
    head = _salutation(message)
    domains = {_domain(a) for a in external}
    found = []
    for key, (org, org_domains) in orgs.items():
        if key in head and not any(_matches(d, org_domains) for d in domains):
            details = {
                "case": "salutation",
                "organisation": org,
                "expected_domains": sorted(org_domains),
                "recipient_domains": sorted(domains),
            }
            key = "NAME_DOMAIN_MISMATCH/salutation"
            found.append(
                make_finding("NAME_DOMAIN_MISMATCH", "warning", details, message_key=key, organisation=org)
            )
    return found


def _namesake_findings(external: list[str], message: ParsedMessage, policy: Policy) -> list[Finding]:
    book = {e.address: e for e in policy.address_book}
    context = _salutation(message) + normalize_org(message.subject)
    found = []
    shown = {a.address: normalize_org(a.display_name) for a in message.visible_recipients}
    for addr in external:
        entry = book.get(addr)
        if entry is None or not entry.surname:
            continue
        others = [
            o
            for o in policy.address_book
            if o.surname == entry.surname
            and normalize_org(o.organisation) != normalize_org(entry.organisation)
        ]
        finding = _namesake_finding(entry, others, context + shown.get(addr, "")) if others else None
        if finding:
            found.append(finding)
    return found


def _namesake_finding(
    entry: AddressBookEntry, others: list[AddressBookEntry], context: str
) -> Finding | None:
    meant = [o for o in others if normalize_org(o.organisation) in context]
    own = normalize_org(entry.organisation) in context
    if own and not meant:
        return None  # the mail names the recipient's own company: no doubt
    details = {
        "case": "same_surname",
        "address": entry.address,
        "surname": entry.surname,
        "organisation": entry.organisation,
        "other_organisations": sorted({o.organisation for o in others}),
    }
    fmt = {"surname": entry.surname, "organisation": entry.organisation}
    if meant and not own:
        key = "NAME_DOMAIN_MISMATCH/same_surname"
        return make_finding(
            "NAME_DOMAIN_MISMATCH", "high", details, message_key=key, meant=meant[0].organisation, **fmt
        )
    others_text = "、".join(details["other_organisations"])
    key = "NAME_DOMAIN_MISMATCH/same_surname_note"
    return make_finding("NAME_DOMAIN_MISMATCH", "info", details, message_key=key, others=others_text, **fmt)
