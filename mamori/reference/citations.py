"""Render the rules' article citations in the reader's language (incidents' and the ledger's rules).

Pure (no Django): the determination and the ``cite`` template filter call it with the active language.
"""

from __future__ import annotations

import re

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}

# (pattern, replacement) applied in order to an English citation to give the Japanese one.
JA_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"APPI Art\. (\d+)\((\d+)\)\(([ivx]+)\)"), "個人情報保護法第\\1条第\\2項第{\\3}号"),
    (re.compile(r"APPI Art\. (\d+)\((\d+)\) proviso"), r"個人情報保護法第\1条第\2項ただし書"),
    (re.compile(r"APPI Art\. (\d+)\((\d+)\)"), r"個人情報保護法第\1条第\2項"),
    (re.compile(r", Art\. (\d+)\((\d+)\)"), r"、同法第\1条第\2項"),
    (re.compile(r"PPC Q&A (\d+)-(\d+)"), r"個人情報保護委員会「よくある質問」\1-\2"),
    (re.compile(r"APPI Art\. (\d+)(?![\d(])"), r"個人情報保護法第\1条"),
    (re.compile(r"Cabinet Order Art\. (\d+)"), r"施行令第\1条"),
    (re.compile(r"Enforcement Rules Art\. (\d+)\((\d+)\)"), r"施行規則第\1条第\2項"),
    (
        re.compile(r"Enforcement Rules Art\. (\d+)\(([ivx]+)\)-\(([ivx]+)\)"),
        "施行規則第\\1条第{\\2}号～第{\\3}号",
    ),
    (re.compile(r"Enforcement Rules Art\. (\d+)\(([ivx]+)\)"), "施行規則第\\1条第{\\2}号"),
    (re.compile(r"Enforcement Rules Art\. (\d+)-(\d+)"), r"施行規則第\1条～第\2条"),
    (re.compile(r"Enforcement Rules Art\. (\d+)"), r"施行規則第\1条"),
    (re.compile(r"PPC Guidelines \(General Rules\) "), "個人情報保護委員会ガイドライン（通則編）"),
    (
        re.compile(r"Act on Holidays of Administrative Organs Art\. (\d+)-(\d+)"),
        r"行政機関の休日に関する法律第\1条・第\2条",
    ),
    (
        re.compile(r"Privacy Mark incident reporting \(PMK500\)"),
        "プライバシーマーク制度 事故等の報告（PMK500）",
    ),
    (re.compile(r"My Number Act Art\. (\d+)-(\d+)\((\d+)\) proviso"), r"番号法第\1条の\2第\3項ただし書"),
    (re.compile(r"My Number Act Art\. (\d+)-(\d+)\((\d+)\)"), r"番号法第\1条の\2第\3項"),
    (re.compile(r"My Number Act Art\. (\d+)-(\d+)"), r"番号法第\1条の\2"),
    (
        re.compile(r"PPC Rules on reporting My Number breaches Art\. (\d+)\(([ivx]+)\)"),
        "特定個人情報の漏えい等に関する報告等に関する規則第\\1条第{\\2}号",
    ),
    (
        re.compile(r"PPC Rules on reporting My Number breaches Art\. (\d+)"),
        r"特定個人情報の漏えい等に関する報告等に関する規則第\1条",
    ),
    (
        re.compile(r"PPC Rules on reporting My Number breaches"),
        "特定個人情報の漏えい等に関する報告等に関する規則",
    ),
    (re.compile(r" \(small businesses\)"), "（中小規模事業者）"),
    (re.compile(r"; "), "；"),
    (re.compile(r", "), "、"),
]
_ROMAN_REF = re.compile(r"\{([ivx]+)\}")


def cite(article: str, language: str) -> str:
    """Return ``article`` (an English citation from rules.py) in ``language`` ("ja" or English)."""
    if not language.startswith("ja"):
        return article
    text = article
    for pattern, replacement in JA_PATTERNS:
        text = pattern.sub(replacement, text)
    return _ROMAN_REF.sub(lambda m: str(ROMAN[m.group(1)]), text)
