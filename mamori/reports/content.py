"""Assemble report and notice drafts from plain facts: pure functions, no ORM, no request.

The documents are Japanese by nature (the PPC's form, the Privacy Mark portal, letters to Japanese
individuals), so their headings are the statutory Japanese wording, kept here as constants:
- PPC report: the nine items of the Enforcement Rules Art. 8(1) (個人情報の保護に関する法律施行規則第8条第1項).
  A 速報 (preliminary report) carries what is known; unknown items say 調査中 (Rules Art. 8(1), GL 3-5-3-3).
- Privacy Mark incident report: the same items plus medium, safety measures, chronology and JIPDEC coding.
- Notice to the individuals: items 1, 2, 4, 5 and 9 (Rules Art. 10), as a letter (``letters``).
- Public announcement with an inquiry desk, when notice is difficult (Act Art. 26(2) proviso).
- Notice to the entrusting business (委託元への通知): what is known of the nine items (Rules Art. 9).
"""

from __future__ import annotations

from mamori.reports import letters
from mamori.reports.document import (
    ANNOUNCEMENT,
    CONTROLLER_NOTICE,
    FINAL,
    KINDS,
    LETTERS,
    NOT_FILLED,
    NOTICE,
    PMARK,
    PPC,
    PRELIMINARY,
    STAGES,
    TITLES,
    UNDER_INVESTIGATION,
    Action,
    Item,
    Letter,
    Report,
    Reporter,
    ReportFacts,
    actions_text,
    date_text,
    persons_text,
)

__all__ = [
    "ANNOUNCEMENT",
    "CONTROLLER_NOTICE",
    "FINAL",
    "KINDS",
    "NOTICE",
    "NOT_FILLED",
    "PMARK",
    "PPC",
    "PRELIMINARY",
    "STAGES",
    "TITLES",
    "UNDER_INVESTIGATION",
    "Action",
    "Item",
    "Letter",
    "Report",
    "ReportFacts",
    "Reporter",
    "build_report",
    "date_text",
    "persons_text",
]

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
PMARK_EXTRA_ITEMS = tuple(
    (key, str(10 + i), heading) for i, (key, _n, heading) in enumerate(PMARK_EXTRA_ITEMS)
)
#: The items told to the individuals (Rules Art. 10): 1, 2, 4, 5 and 9.
NOTICE_ITEM_KEYS = ("summary", "data_items", "cause", "secondary_damage", "other")
#: The public announcement also says how many persons are concerned.
ANNOUNCEMENT_ITEM_KEYS = ("summary", "data_items", "persons", "cause", "secondary_damage", "other")


def _unknown(stage: str) -> str:
    return UNDER_INVESTIGATION if stage == PRELIMINARY else NOT_FILLED


def _event_text(facts: ReportFacts) -> str:
    events = "、".join(facts.events)
    if events and facts.likely:
        events += "（のおそれ）"
    return events


def _breach_text(facts: ReportFacts) -> str:
    kinds = "、".join(facts.breach_kinds)
    return f"{kinds}（のおそれ）" if kinds and facts.likely else kinds


def _summary(facts: ReportFacts, stage: str, kind: str = PPC) -> str:
    """Return item 1 (概要): dates, how it came to light and the kind of event, as facts.

    The PPC form names the event 漏えい, 滅失 or 毀損 (Art. 26); the Privacy Mark report its own 事故の区分.
    How it came to light (発覚の経緯) is the manager's account, never the intake choice.
    """
    unknown = _unknown(stage)
    kinds = _breach_text(facts) if kind == PPC else _event_text(facts)
    lines = [
        f"発生日：{date_text(facts.occurred_on) or unknown}",
        f"発覚日：{date_text(facts.discovered_on)}",
        f"知った日：{date_text(facts.known_on)}",
    ]
    if facts.occurred_at_contractor and facts.contractor:
        lines.append(f"委託先（{facts.contractor}）で発生し、上記の知った日に同社から報告を受けた。")
    lines += [
        f"発覚の経緯：{facts.discovery_circumstances or unknown}",
        f"事態の種類：{kinds or unknown}",
    ]
    if facts.grounds:
        lines.append(f"報告対象事態：{'、'.join(facts.grounds)}")
    if facts.my_number:
        count = f"（本人の数：{facts.my_number_persons:,}人）" if facts.my_number_persons is not None else ""
        lines.append(f"特定個人情報（個人番号）を含む{count}")
    lines.append(f"事案の内容：{facts.description}")
    return "\n".join(lines)


def _ppc_bodies(facts: ReportFacts, stage: str, kind: str = PPC) -> dict[str, str]:
    """Return the text of each of the nine items; empty when the record does not hold it.

    原因 (item 4) is the manager's account of the cause, not the JIPDEC coding (which the Privacy Mark
    report shows under its own item).
    """
    cause = facts.cause_details
    prevention = "\n".join(t for t in (actions_text(facts.actions), facts.prevention_notes) if t)
    return {
        "summary": _summary(facts, stage, kind),
        "data_items": "、".join(facts.data_items),
        "persons": persons_text(facts.persons, facts.persons_is_upper_bound),
        "cause": cause,
        "secondary_damage": facts.secondary_damage,
        "individuals_response": facts.individuals_response,
        "public_announcement": facts.public_announcement,
        "prevention": prevention,
        "other": facts.other_notes,
    }


def _pmark_status(facts: ReportFacts) -> str:
    """Return the Privacy Mark's 速報 criteria, where it happened and whether the PPC was told."""
    if facts.pmark_preliminary_required:
        prelim = f"速報の対象（{'、'.join(facts.pmark_criteria)}）"
    elif facts.pmark_preliminary_required is None:
        prelim = "速報の要否：確認中"
    else:
        prelim = "速報の対象外（確報のみ）"
    origin = f"委託先（{facts.contractor}）" if facts.occurred_at_contractor else "自社"
    if facts.processor:
        origin = f"自社（{facts.contractor or '委託元'}から委託を受けた個人データ）"
    if facts.ppc_filed:
        told = "、".join(f"{label}：{date_text(on)}" for label, on in facts.ppc_filed)
        ppc = f"個人情報保護委員会への報告：済（{told}）"
    elif facts.ppc_required:
        ppc = "個人情報保護委員会への報告：要（未報告）"
    elif facts.ppc_required is None:
        ppc = "個人情報保護委員会への報告：要否を確認中"
    else:
        ppc = "個人情報保護委員会への報告：不要（報告対象事態に該当しない）"
    lines = [
        f"登録番号：{facts.pmark_registration_number or '（登録番号を設定してください）'}",
        f"事故発生元：{origin}",
        prelim,
        ppc,
    ]
    return "\n".join(lines)


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
    if kind == CONTROLLER_NOTICE:
        return _controller_notice(facts)
    if kind in LETTERS:
        return letters.build_letter(facts, kind)
    bodies = _ppc_bodies(facts, stage, kind)
    if kind == PPC:
        return _authority_report(facts, kind, stage, _items(PPC_ITEMS, bodies, stage))
    bodies |= _pmark_bodies(facts)
    return _authority_report(facts, kind, stage, _items(PPC_ITEMS + PMARK_EXTRA_ITEMS, bodies, stage))


NOT_REQUIRED_NOTE = (
    "※ 本事案は、現時点の判定では個人情報保護委員会への報告の義務がある事態に該当しません。"
    "この下書きは任意の報告又は記録のために作成したものです。"
)
REVIEW_NOTE = "※ 報告の要否は確認中です（判定に必要な事実が未確定）。"


def reporter_lines(reporter: Reporter) -> tuple[str, ...]:
    """Return the reporter block of the PPC's form: 名称, 住所, 代表者, 法人番号, 業種, 担当者・連絡先."""
    missing = "（組織の設定に入力してください）"
    contact = "　".join(t for t in (reporter.contact_phone, reporter.contact_email) if t)
    return (
        f"報告者の名称：{reporter.name}",
        f"住所：{reporter.address or missing}",
        f"代表者：{reporter.representative or missing}",
        f"法人番号：{reporter.corporate_number or missing}",
        f"業種：{reporter.industry or missing}",
        f"担当者：{reporter.contact_person or missing}",
        f"連絡先：{contact or missing}",
    )


def _authority_report(facts: ReportFacts, kind: str, stage: str, items: tuple[Item, ...]) -> Report:
    destination = facts.destination if kind == PPC else (facts.pmark_body or "審査機関")
    note: tuple[str, ...] = ()
    if kind == PPC and facts.ppc_required is False:
        note = (NOT_REQUIRED_NOTE, "")
    elif kind == PPC and facts.ppc_required is None:
        note = (REVIEW_NOTE, "")
    header = (
        *note,
        f"提出先：{destination}",
        f"作成日：{date_text(facts.prepared_on)}",
        f"管理番号：{facts.incident_number}　{facts.title}",
        *reporter_lines(facts.reporter_block),
        *(_pmark_status(facts).splitlines() if kind == PMARK else ()),
    )
    return Report(
        kind=kind,
        stage=stage,
        title=TITLES[(kind, stage)],
        header=header,
        items=items,
        author=facts.organisation,
    )


def _controller_notice(facts: ReportFacts) -> Report:
    """Return the processor's notice to the entrusting business: the nine items as known (Rules Art. 9).

    Items not known yet say 調査中: the notice is due promptly with what is known (GL 3-5-3-5).
    """
    bodies = _ppc_bodies(facts, "preliminary")
    # Plain words for a business partner: no internal labels of our own drafts.
    bodies["summary"] = (
        bodies["summary"]
        .replace("知った日：", "当社が把握した日：")
        .replace("報告対象事態：", "個人情報保護委員会への報告が必要となる事態：")
    )
    items = tuple(
        Item(key, number, heading, bodies[key] or UNDER_INVESTIGATION, known=bool(bodies[key]))
        for key, number, heading in PPC_ITEMS
    )
    reporter = facts.reporter_block
    contact = "　".join(
        t for t in (reporter.contact_person, reporter.contact_phone, reporter.contact_email) if t
    )
    letter = Letter(
        date=date_text(facts.prepared_on),
        addressee=f"{facts.contractor or '（委託元の名称）'}　御中",
        sender=letters.sender_lines(facts),
        opening=(
            "拝啓　平素より格別のお引き立てを賜り、厚く御礼申し上げます。",
            "　貴社よりお預かりしている個人データについて、漏えい等が発生し、又は発生したおそれがあることが"
            "判明いたしました。多大なるご迷惑をおかけいたしますことを深くお詫び申し上げます。",
            "　個人情報の保護に関する法律施行規則第9条に基づき、現時点で把握している事項を下記のとおりご報告いたします。"
            "調査により判明した事項は、追ってご報告いたします。",
        ),
        desk=tuple(line for line in (f"本件の担当：{contact}" if contact else "",) if line),
    )
    return Report(
        CONTROLLER_NOTICE,
        FINAL,
        TITLES[(CONTROLLER_NOTICE, FINAL)],
        (),
        items,
        letter=letter,
        author=facts.organisation,
    )
