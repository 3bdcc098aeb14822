"""Assemble report and notice drafts from plain facts: pure functions, no ORM, no request.

The documents are Japanese by nature (the PPC's form, the Privacy Mark portal, letters to Japanese
individuals), so their headings are the statutory Japanese wording, kept here as constants:
- PPC report: the nine items of the Enforcement Rules Art. 8(1) (個人情報の保護に関する法律施行規則第8条第1項).
  A 速報 (preliminary report) carries what is known; unknown items say 調査中 (Rules Art. 8(1), GL 3-5-3-3).
- Privacy Mark incident report: the same items plus medium, safety measures, chronology and JIPDEC coding.
- Notice to the individuals: items 1, 2, 4, 5 and 9 (Rules Art. 10).
- Public announcement with an inquiry desk, when notice is difficult (Act Art. 26(2) proviso).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from mamori.jpcalendar import seireki_wareki

UNDER_INVESTIGATION = "調査中"
NOT_FILLED = "未記入"

PPC = "ppc"
PMARK = "pmark"
NOTICE = "notice"
ANNOUNCEMENT = "announcement"
KINDS = (PPC, PMARK, NOTICE, ANNOUNCEMENT)
PRELIMINARY = "preliminary"
FINAL = "final"
STAGES = (PRELIMINARY, FINAL)

#: The nine items of Rules Art. 8(1), in order: (key, number, heading).
PPC_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("summary", "1", "概要"),
    ("data_items", "2", "漏えい等が発生し、又は発生したおそれがある個人データの項目"),
    ("persons", "3", "漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数"),
    ("cause", "4", "原因"),
    ("secondary_damage", "5", "二次被害又はそのおそれの有無及びその内容"),
    ("individuals_response", "6", "本人への対応の実施状況"),
    ("public_announcement", "7", "公表の実施状況"),
    ("prevention", "8", "再発防止のための措置"),
    ("other", "9", "その他参考となる事項"),
)
#: What the Privacy Mark report asks beyond the PPC items (PMK500).
PMARK_EXTRA_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("medium", "10", "媒体"),
    ("safety_measures", "11", "事故発生時に講じていた安全管理措置"),
    ("chronology", "12", "経緯"),
    ("coding", "13", "事故の分類（JIPDEC）"),
)
#: The items told to the individuals (Rules Art. 10): 1, 2, 4, 5 and 9.
NOTICE_ITEM_KEYS = ("summary", "data_items", "cause", "secondary_damage", "other")
#: The public announcement also says how many persons are concerned.
ANNOUNCEMENT_ITEM_KEYS = ("summary", "data_items", "persons", "cause", "secondary_damage", "other")

TITLES = {
    (PPC, PRELIMINARY): "個人データの漏えい等の事案の発生に関する報告（速報）",
    (PPC, FINAL): "個人データの漏えい等の事案の発生に関する報告（確報）",
    (PMARK, PRELIMINARY): "個人情報の取扱いにおける事故報告書（速報）",
    (PMARK, FINAL): "個人情報の取扱いにおける事故報告書（確報）",
    (NOTICE, FINAL): "個人情報の漏えい等に関するお知らせとお詫び",
    (ANNOUNCEMENT, FINAL): "個人情報の漏えい等に関するお知らせ",
}


@dataclass(frozen=True)
class Action:
    """One corrective action (是正処置) as the report shows it."""

    title: str
    action: str
    due_on: dt.date | None = None
    completed_on: dt.date | None = None


@dataclass(frozen=True)
class ReportFacts:
    """Everything a draft is made of, as plain values with Japanese labels already resolved."""

    organisation: str
    destination: str
    incident_number: str
    title: str
    description: str
    discovered_on: dt.date
    known_on: dt.date
    prepared_on: dt.date
    occurred_on: dt.date | None = None
    pmark_body: str = ""
    inquiry_desk: str = ""
    discovered_by: str = ""
    discovery_circumstances: str = ""
    events: tuple[str, ...] = ()
    likely: bool = False
    event_class: str = ""
    grounds: tuple[str, ...] = ()
    data_items: tuple[str, ...] = ()
    persons: int | None = None
    persons_is_upper_bound: bool = False
    cause: str = ""
    cause_details: str = ""
    medium: str = ""
    secondary_damage: str = ""
    individuals_response: str = ""
    public_announcement: str = ""
    prevention_notes: str = ""
    other_notes: str = ""
    safety_measures: str = ""
    apology: str = ""
    actions: tuple[Action, ...] = ()
    chronology: tuple[tuple[dt.date, str], ...] = ()


@dataclass(frozen=True)
class Item:
    """One item of a draft: its number, statutory heading and the text to copy into the form."""

    key: str
    number: str
    heading: str
    body: str
    known: bool = True


@dataclass(frozen=True)
class Report:
    """A whole draft: title, header lines, items and closing lines."""

    kind: str
    stage: str
    title: str
    header: tuple[str, ...]
    items: tuple[Item, ...]
    closing: tuple[str, ...] = field(default=())

    @property
    def missing(self) -> tuple[Item, ...]:
        """Return the items that the record cannot fill yet."""
        return tuple(item for item in self.items if not item.known)

    def text(self) -> str:
        """Return the draft as plain text: the canonical form whose hash is kept when filed."""
        lines = [self.title, "", *self.header, ""]
        for item in self.items:
            lines.append(f"{item.number}. {item.heading}" if item.number else item.heading)
            lines.extend(item.body.splitlines() or [""])
            lines.append("")
        lines.extend(self.closing)
        return "\n".join(lines).rstrip() + "\n"

    def sha256(self) -> str:
        """Return the SHA-256 of :meth:`text` (UTF-8), hex."""
        return hashlib.sha256(self.text().encode("utf-8")).hexdigest()


def date_text(value: dt.date | None) -> str:
    """Return a date in 西暦 with its 和暦, e.g. 2026年11月27日（令和8年11月27日）."""
    return seireki_wareki(value)


def persons_text(persons: int | None, upper_bound: bool) -> str:
    """Return the number of persons; an upper bound is said to be the maximum, not yet settled."""
    if persons is None:
        return ""
    text = f"{persons:,}人"
    return f"{text}（最大数。調査により確定する見込み）" if upper_bound else text


def _unknown(stage: str) -> str:
    return UNDER_INVESTIGATION if stage == PRELIMINARY else NOT_FILLED


def _event_text(facts: ReportFacts) -> str:
    events = "、".join(facts.events)
    if events and facts.likely:
        events += "（のおそれ）"
    return events


def _summary(facts: ReportFacts, stage: str) -> str:
    unknown = _unknown(stage)
    lines = [
        f"発生日：{date_text(facts.occurred_on) or unknown}",
        f"発覚日：{date_text(facts.discovered_on)}",
        f"知った日：{date_text(facts.known_on)}",
        f"発覚の経緯：{facts.discovery_circumstances or facts.discovered_by or unknown}",
        f"事態の種類：{_event_text(facts) or unknown}",
    ]
    if facts.grounds:
        lines.append(f"報告対象事態：{'、'.join(facts.grounds)}")
    lines.append(f"事案の内容：{facts.description}")
    return "\n".join(lines)


def _actions_text(actions: tuple[Action, ...]) -> str:
    lines = []
    for a in actions:
        when = (
            f"実施済み（{date_text(a.completed_on)}）"
            if a.completed_on
            else f"実施予定（{date_text(a.due_on)}まで）"
        )
        lines.append(f"・{a.title}：{a.action}　{when}")
    return "\n".join(lines)


def _ppc_bodies(facts: ReportFacts, stage: str) -> dict[str, str]:
    """Return the text of each of the nine items; empty when the record does not hold it."""
    cause = "\n".join(t for t in (facts.cause, facts.cause_details) if t)
    prevention = "\n".join(t for t in (_actions_text(facts.actions), facts.prevention_notes) if t)
    return {
        "summary": _summary(facts, stage),
        "data_items": "、".join(facts.data_items),
        "persons": persons_text(facts.persons, facts.persons_is_upper_bound),
        "cause": cause,
        "secondary_damage": facts.secondary_damage,
        "individuals_response": facts.individuals_response,
        "public_announcement": facts.public_announcement,
        "prevention": prevention,
        "other": facts.other_notes,
    }


def _pmark_bodies(facts: ReportFacts) -> dict[str, str]:
    chronology = "\n".join(f"{date_text(on)}　{text}" for on, text in facts.chronology)
    coding = [
        f"発生事象：{_event_text(facts)}" if facts.events else "",
        f"事象分類：{facts.event_class}" if facts.event_class else "",
        f"原因：{facts.cause}" if facts.cause else "",
        f"媒体：{facts.medium}" if facts.medium else "",
    ]
    return {
        "medium": facts.medium,
        "safety_measures": facts.safety_measures,
        "chronology": chronology,
        "coding": "\n".join(line for line in coding if line),
    }


def _items(
    specs: tuple[tuple[str, str, str], ...], bodies: dict[str, str], stage: str, renumber: bool = False
) -> tuple[Item, ...]:
    items = []
    for index, (key, number, heading) in enumerate(specs, start=1):
        body = bodies[key]
        items.append(
            Item(
                key=key,
                number=str(index) if renumber else number,
                heading=heading,
                body=body or _unknown(stage),
                known=bool(body),
            )
        )
    return tuple(items)


def build_report(facts: ReportFacts, kind: str, stage: str) -> Report:
    """Return the draft of ``kind`` (ppc, pmark, notice, announcement) at ``stage`` for the facts.

    Notices and announcements have one stage (``final``); anything else raises ``ValueError``.
    """
    if kind not in KINDS or stage not in STAGES or (kind, stage) not in TITLES:
        raise ValueError(f"no {stage!r} draft of kind {kind!r}")
    bodies = _ppc_bodies(facts, stage)
    if kind == PPC:
        return _authority_report(facts, kind, stage, _items(PPC_ITEMS, bodies, stage))
    if kind == PMARK:
        bodies |= _pmark_bodies(facts)
        return _authority_report(facts, kind, stage, _items(PPC_ITEMS + PMARK_EXTRA_ITEMS, bodies, stage))
    keys = NOTICE_ITEM_KEYS if kind == NOTICE else ANNOUNCEMENT_ITEM_KEYS
    specs = tuple(spec for spec in PPC_ITEMS if spec[0] in keys)
    return _notice(facts, kind, _items(specs, bodies, stage, renumber=True))


def _authority_report(facts: ReportFacts, kind: str, stage: str, items: tuple[Item, ...]) -> Report:
    destination = facts.destination if kind == PPC else (facts.pmark_body or "審査機関")
    header = (
        f"提出先：{destination}",
        f"報告者：{facts.organisation}",
        f"作成日：{date_text(facts.prepared_on)}",
        f"管理番号：{facts.incident_number}　{facts.title}",
    )
    return Report(kind=kind, stage=stage, title=TITLES[(kind, stage)], header=header, items=items)


def _notice(facts: ReportFacts, kind: str, items: tuple[Item, ...]) -> Report:
    desk = facts.inquiry_desk or "（お問い合わせ窓口を設定してください）"
    header: tuple[str, ...]
    if kind == NOTICE:
        header = (
            "〇〇　〇〇　様",
            f"{date_text(facts.prepared_on)}",
            facts.organisation,
            "",
            facts.apology
            or "このたび、当社においてお客様の個人情報の漏えい等が発生し、又は発生したおそれがあることが"
            "判明いたしました。多大なるご迷惑とご心配をおかけしますことを深くお詫び申し上げます。"
            "以下のとおりお知らせいたします。",
        )
    else:
        header = (
            f"{date_text(facts.prepared_on)}",
            facts.organisation,
            "",
            facts.apology
            or "このたび、当社において個人情報の漏えい等が発生し、又は発生したおそれがあることが判明いたしました。"
            "関係する皆様に多大なるご迷惑とご心配をおかけしますことを深くお詫び申し上げます。",
        )
    closing = (
        "本件に関するお問い合わせ窓口",
        desk,
        "",
        "以上",
    )
    return Report(
        kind=kind, stage=FINAL, title=TITLES[(kind, FINAL)], header=header, items=items, closing=closing
    )
