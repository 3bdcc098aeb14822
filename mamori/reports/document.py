"""The plain data of a draft (facts in, items and letter frame out) shared by the reports and the letters.

Pure: no ORM, no request. ``content`` builds the authority reports from it, ``letters`` the letters.
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
CONTROLLER_NOTICE = "controller_notice"
KINDS = (PPC, PMARK, NOTICE, ANNOUNCEMENT, CONTROLLER_NOTICE)
#: Letters for people outside the organisation: never internal words or codes (see ``letters``).
LETTERS = (NOTICE, ANNOUNCEMENT, CONTROLLER_NOTICE)
PRELIMINARY = "preliminary"
FINAL = "final"
STAGES = (PRELIMINARY, FINAL)

TITLES = {
    (PPC, PRELIMINARY): "個人データの漏えい等の事案の発生に関する報告（速報）",
    (PPC, FINAL): "個人データの漏えい等の事案の発生に関する報告（確報）",
    (PMARK, PRELIMINARY): "個人情報の取扱いにおける事故報告書（速報）",
    (PMARK, FINAL): "個人情報の取扱いにおける事故報告書（確報）",
    (NOTICE, FINAL): "個人情報の漏えい等に関するお詫びとお知らせ",
    (ANNOUNCEMENT, FINAL): "個人情報の漏えい等に関するお詫びとお知らせ",
    (CONTROLLER_NOTICE, FINAL): "お預かりしている個人データの漏えい等の発生について（ご報告）",
}


@dataclass(frozen=True)
class Action:
    """One corrective action (是正処置) as the report shows it."""

    title: str
    action: str
    due_on: dt.date | None = None
    completed_on: dt.date | None = None


@dataclass(frozen=True)
class Reporter:
    """The reporting business as the PPC's form asks for it (from the organisation's settings)."""

    name: str
    address: str = ""
    representative: str = ""
    corporate_number: str = ""
    industry: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    contact_email: str = ""


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
    reporter: Reporter | None = None
    inquiry_hours: str = ""
    pmark_registration_number: str = ""
    #: 漏えい, 滅失, 毀損 as the PPC form names them (not the Privacy Mark's categories).
    breach_kinds: tuple[str, ...] = ()
    #: Whether the PPC report is required by the current determination (None: needs review).
    ppc_required: bool | None = True
    processor: bool = False
    occurred_at_contractor: bool = False
    contractor: str = ""
    my_number: bool = False
    my_number_persons: int | None = None
    pmark_criteria: tuple[str, ...] = ()
    pmark_preliminary_required: bool | None = None
    #: PPC reports filed so far: (stage label, date).
    ppc_filed: tuple[tuple[str, dt.date], ...] = ()
    public_summary: str = ""
    measures_taken: str = ""
    advice: str = ""
    addressee: str = "customers"

    @property
    def reporter_block(self) -> Reporter:
        """Return the reporter, at least by name."""
        return self.reporter or Reporter(self.organisation)


@dataclass(frozen=True)
class Item:
    """One item of a draft: its number, statutory heading and the text to copy into the form."""

    key: str
    number: str
    heading: str
    body: str
    known: bool = True


@dataclass(frozen=True)
class Letter:
    """The business-letter frame of a draft: date and sender top right, addressee, 件名, 拝啓…敬具, 記…以上."""

    date: str
    addressee: str
    sender: tuple[str, ...]
    opening: tuple[str, ...]
    desk: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """A whole draft: title, header lines, items and closing lines (and the letter frame of a letter)."""

    kind: str
    stage: str
    title: str
    header: tuple[str, ...]
    items: tuple[Item, ...]
    closing: tuple[str, ...] = field(default=())
    letter: Letter | None = None
    author: str = ""

    @property
    def missing(self) -> tuple[Item, ...]:
        """Return the items that the record cannot fill yet."""
        return tuple(item for item in self.items if not item.known)

    def text(self) -> str:
        """Return the draft as plain text: the canonical form whose hash is kept when filed."""
        if self.letter is not None:
            return self._letter_text(self.letter)
        lines = [self.title, "", *self.header, ""]
        for item in self.items:
            lines.append(f"{item.number}. {item.heading}" if item.number else item.heading)
            lines.extend(item.body.splitlines() or [""])
            lines.append("")
        lines.extend(self.closing)
        return "\n".join(lines).rstrip() + "\n"

    def _letter_text(self, letter: Letter) -> str:
        lines = [letter.date, letter.addressee, *letter.sender, "", f"件名　{self.title}", ""]
        lines += [*letter.opening, "敬具", "", "記", ""]
        for item in self.items:
            lines.append(f"{item.number}. {item.heading}")
            lines.extend(item.body.splitlines() or [""])
            lines.append("")
        if letter.desk:
            lines += [f"{len(self.items) + 1}. お問い合わせ窓口", *letter.desk, ""]
        lines.append("以上")
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


def actions_text(actions: tuple[Action, ...]) -> str:
    """Return the corrective actions, one line each, with their state in brackets."""
    lines = []
    for a in actions:
        when = (
            f"{date_text(a.completed_on)}実施済み"
            if a.completed_on
            else f"{date_text(a.due_on)}までに実施予定"
            if a.due_on
            else "実施予定"
        )
        lines.append(f"・{a.title}：{a.action}（{when}）")
    return "\n".join(lines)
