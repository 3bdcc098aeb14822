"""Build the published notice (保有個人データに関する事項の公表等, APPI Art. 32(1)) from the ledger.

APPI Art. 32(1) and Cabinet Order Art. 10 ask a business to keep these easy for the person to know:
(i) its name and address and, for a corporation, its representative; (ii) the purposes of all its
retained personal data; (iii) the procedure for requests (Art. 32(2), 33(1), 34(1), 35(1)/(3)/(5)) and
any fee (Art. 38); the safety measures taken (Order Art. 10(i)); where to complain (Order Art. 10(ii));
and the accredited personal information protection organisation, if it is a member (Order Art. 10(iii)).
The section texts are Japanese: the notice is a Japanese public document whatever the UI language.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

import docx
from docx.oxml.ns import qn
from docx.shared import Pt

from mamori.jpcalendar import seireki_wareki

TITLE = "保有個人データに関する事項の公表"


@dataclass(frozen=True)
class Purpose:
    """One retained row as the notice lists it."""

    entry_id: int
    subjects: str
    name: str
    purpose: str


@dataclass(frozen=True)
class JointUse:
    """One joint use made easy to know (APPI Art. 27(5)(iii))."""

    name: str
    items: str
    scope: str
    purpose: str
    responsible: str


@dataclass(frozen=True)
class Facts:
    """What the notice says; the ledger gives the purposes, the settings the rest."""

    business_name: str
    address: str
    representative: str
    request_procedure: str
    request_fee: str
    safety_measures: str
    complaints_desk: str
    accredited_body: str
    purposes: tuple[Purpose, ...]
    joint_uses: tuple[JointUse, ...] = ()
    as_of: dt.date | None = None


@dataclass(frozen=True)
class Section:
    """A heading, the article it answers, and its paragraphs."""

    key: str
    heading: str
    article: str
    paragraphs: tuple[str, ...] = field(default_factory=tuple)


def sections(facts: Facts) -> list[Section]:
    """Return the notice's sections in order; every item of Art. 32(1) is there even when empty."""
    purposes = [
        f"{p.name}（{p.subjects}）: {p.purpose}" if p.subjects else f"{p.name}: {p.purpose}"
        for p in facts.purposes
    ]
    result = [
        Section(
            "business",
            "1. 個人情報取扱事業者の名称、住所及び代表者の氏名",
            "個人情報保護法第32条第1項第1号",
            (f"名称: {facts.business_name}", f"住所: {facts.address}", f"代表者: {facts.representative}"),
        ),
        Section(
            "purposes",
            "2. 保有個人データの利用目的",
            "個人情報保護法第32条第1項第2号",
            tuple(purposes) or ("（保有個人データはありません）",),
        ),
        Section(
            "requests",
            "3. 開示等の請求等に応じる手続",
            "個人情報保護法第32条第1項第3号、第38条",
            tuple(facts.request_procedure.splitlines())
            + ((f"手数料: {facts.request_fee}",) if facts.request_fee else ()),
        ),
        Section(
            "safety",
            "4. 保有個人データの安全管理のために講じた措置",
            "個人情報保護法第32条第1項第4号、施行令第10条第1号",
            tuple(facts.safety_measures.splitlines()),
        ),
        Section(
            "complaints",
            "5. 苦情の申出先",
            "個人情報保護法第32条第1項第4号、施行令第10条第2号",
            tuple(facts.complaints_desk.splitlines()),
        ),
    ]
    if facts.accredited_body:
        result.append(
            Section(
                "accredited",
                "6. 認定個人情報保護団体",
                "施行令第10条第3号",
                (f"当社は{facts.accredited_body}の対象事業者です。",),
            )
        )
    if facts.joint_uses:
        paragraphs = []
        for use in facts.joint_uses:
            paragraphs += [
                f"【{use.name}】",
                f"共同して利用される個人データの項目: {use.items}",
                f"共同して利用する者の範囲: {use.scope}",
                f"利用する者の利用目的: {use.purpose}",
                f"管理について責任を有する者: {use.responsible}",
            ]
        result.append(
            Section(
                "joint_use",
                "個人データの共同利用について",
                "個人情報保護法第27条第5項第3号",
                tuple(paragraphs),
            )
        )
    return result


def as_text(facts: Facts) -> str:
    """Return the notice as plain text (what a publication records, and the page's copy-able text)."""
    lines = [TITLE, ""]
    for section in sections(facts):
        lines += [section.heading, *[f"  {p}" for p in section.paragraphs], ""]
    if facts.as_of:
        lines.append(f"{seireki_wareki(facts.as_of)}現在")
    return "\n".join(lines).rstrip() + "\n"


def _font(style: object, name: str, size: float) -> None:
    font = style.font  # type: ignore[attr-defined]
    font.name = name
    font.size = Pt(size)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)  # type: ignore[attr-defined]


def as_docx(facts: Facts) -> bytes:
    """Return the notice as a Word document (.docx): title, one heading and paragraphs per item."""
    document = docx.Document()
    _font(document.styles["Normal"], "游明朝", 10.5)
    for name, size in (("Title", 16), ("Heading 2", 12)):
        _font(document.styles[name], "游ゴシック", size)
    document.core_properties.title = TITLE
    document.core_properties.language = "ja-JP"
    document.add_paragraph(TITLE, style="Title")
    for section in sections(facts):
        document.add_paragraph(section.heading, style="Heading 2")
        for paragraph in section.paragraphs:
            document.add_paragraph(paragraph)
    if facts.as_of:
        document.add_paragraph(f"{seireki_wareki(facts.as_of)}現在")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def purposes_of(items: Iterable[Purpose]) -> dict[str, str]:
    """Return {entry id: purpose} of the listed rows, as a publication records them."""
    return {str(p.entry_id): p.purpose for p in items}
