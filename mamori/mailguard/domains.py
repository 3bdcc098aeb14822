"""Normalise mail domains and tell when one looks like another (typos, homoglyphs, IDN, TLD swaps)."""

from __future__ import annotations

import unicodedata

from rapidfuzz.distance import OSA

# Second-level labels under which Japanese and other ccTLDs register names (co.jp, com.au ...).
_SECOND_LEVELS = frozenset(
    {
        "co",
        "ne",
        "or",
        "ac",
        "go",
        "ed",
        "lg",
        "gr",
        "ad",
        "com",
        "net",
        "org",
        "gov",
        "edu",
        "ltd",
        "plc",
        "gob",
        "nom",
    }
)
# Letters from other scripts that render like Latin ones (the usual IDN spoofing set), and
# ASCII look-alikes. Multi-letter ones ("rn" for "m") are applied first.
_CONFUSABLE_SEQS = (("rn", "m"), ("vv", "w"), ("cl", "d"))
_CONFUSABLE_CHARS = str.maketrans(
    {
        "0": "o",
        "1": "l",
        "i": "l",
        "|": "l",
        "5": "s",
        "3": "e",
        "8": "b",
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "у": "y",
        "х": "x",
        "і": "l",
        "ј": "j",
        "ѕ": "s",
        "ԁ": "d",
        "ɡ": "g",
        "һ": "h",
        "ո": "n",
        "ս": "u",
        "ο": "o",
        "α": "a",
        "ν": "v",
        "ι": "l",
        "κ": "k",
        "ı": "l",
        "ℓ": "l",
    }
)


def normalize_domain(domain: str) -> str:
    """Return a domain lower-cased, NFKC-normalised, without trailing dot, punycode decoded."""
    dom = unicodedata.normalize("NFKC", domain.strip().strip("<>[]")).rstrip(".").lower()
    if "xn--" in dom:
        labels = []
        for label in dom.split("."):
            try:
                labels.append(label.encode("ascii").decode("idna") if label.startswith("xn--") else label)
            except (UnicodeError, ValueError):
                labels.append(label)
        dom = ".".join(labels)
    return dom


def normalize_address(address: str) -> str:
    """Return a mailbox as ``local@domain`` lower-cased, its domain normalised (punycode decoded)."""
    local, _, domain = address.strip().strip("<>").rpartition("@")
    return f"{local.lower()}@{normalize_domain(domain)}" if local else address.strip().lower()


def split_domain(domain: str) -> tuple[str, str]:
    """Split a domain into (registered name, public suffix), e.g. ('example', 'co.jp')."""
    labels = normalize_domain(domain).split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVELS:
        return labels[-3], ".".join(labels[-2:])
    if len(labels) >= 2:
        return labels[-2], labels[-1]
    return labels[0], ""


def registrable(domain: str) -> str:
    """Return the registrable part of a domain (``mail.example.co.jp`` -> ``example.co.jp``)."""
    name, suffix = split_domain(domain)
    return f"{name}.{suffix}" if suffix else name


def skeleton(text: str) -> str:
    """Return a form of ``text`` in which look-alike characters and sequences are made equal."""
    out = unicodedata.normalize("NFKC", text).casefold()
    for seq, repl in _CONFUSABLE_SEQS:
        out = out.replace(seq, repl)
    return out.translate(_CONFUSABLE_CHARS)


def lookalike_reason(candidate: str, known: str, max_distance: int = 2) -> str | None:
    """Return why ``candidate`` looks like (but is not) ``known``, or None.

    Reasons: ``different_tld`` (example.com vs example.co.jp), ``homoglyph`` (examp1e, Cyrillic а,
    rn for m, IDN), ``edit_distance`` (one or two typos; two only for longer names) and ``embedded``
    (example.co.jp.attacker.invalid).
    """
    cand, ref = normalize_domain(candidate), normalize_domain(known)
    if cand == ref or cand.endswith("." + ref) or ref.endswith("." + cand):
        return None
    c_name, c_suffix = split_domain(cand)
    k_name, k_suffix = split_domain(ref)
    if (c_name, c_suffix) == (k_name, k_suffix):
        return None  # another sub-domain of the same registered name
    if c_name == k_name:
        return "different_tld"
    if skeleton(c_name) == skeleton(k_name):
        return "homoglyph"
    allowed = 0 if len(k_name) < 4 else 1 if len(k_name) < 7 else max_distance
    if allowed and OSA.distance(c_name, k_name, score_cutoff=allowed) <= allowed:
        return "edit_distance"
    if ("." + ref + ".") in ("." + cand + ".") and len(k_name) >= 4:
        return "embedded"
    return None


def is_idn(domain: str) -> bool:
    """Return whether the domain holds non-ASCII letters (after punycode decoding)."""
    return not normalize_domain(domain).isascii()
