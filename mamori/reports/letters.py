"""Write the letters that leave the organisation: notice to the individuals, public announcement, and the
notice to the entrusting business. Pure functions, no ORM.

A letter follows the Japanese business form: date and sender top right, the addressee, 件名, 拝啓 … 敬具,
then 記 … 以上 with the items. What the individuals are told follows Rules Art. 10 (items 1, 2, 4, 5 and
9 of Art. 8(1)) in plain words, with what we did, what to watch for, the prevention and an inquiry desk
with its hours (GL 3-5-4-3). A letter for the public never carries internal words (未記入, 知った日,
報告対象事態) or codes, and is refused while a required item is empty, saying which.
"""

from __future__ import annotations

from mamori.reports.document import (
    ANNOUNCEMENT,
    FINAL,
    NOTICE,
    TITLES,
    Item,
    Letter,
    Report,
    ReportFacts,
    actions_text,
    date_text,
    persons_text,
)

#: Words that belong to internal drafts, never to a letter for the public.
FORBIDDEN_WORDS = ("未記入", "知った日", "報告対象事態", "調査中")

#: Who the notice speaks to: (addressee line, how the reader is named in the text).
ADDRESSEES = {
    "customers": ("お客様各位", "お客様"),
    "employees": ("従業員の皆様へ", "従業員の皆様"),
    "individual": ("ご本人様", "ご本人様"),
}

#: The items a notice or announcement needs before it can be sent: (key, Japanese name).
REQUIRED = (
    ("public_summary", "発生した事案の概要（本人向けの説明）"),
    ("data_items", "対象となる個人情報の項目"),
    ("cause_details", "原因"),
    ("measures_taken", "当社の対応"),
    ("secondary_damage", "二次被害のおそれ"),
    ("prevention", "再発防止策"),
    ("inquiry_desk", "お問い合わせ窓口（組織の設定）"),
    ("inquiry_hours", "窓口の受付時間（組織の設定）"),
)


class LetterIncomplete(ValueError):
    """A letter cannot be written yet: ``missing`` names the items to fill in, in Japanese."""

    def __init__(self, missing: tuple[str, ...], reason: str = "") -> None:
        self.missing = missing
        self.reason = reason or "次の項目が未入力のため、文書を作成できません：" + "、".join(missing)
        super().__init__(self.reason)


def sender_lines(facts: ReportFacts) -> tuple[str, ...]:
    """Return the sender block of a letter: the organisation and its representative."""
    reporter = facts.reporter_block
    return tuple(line for line in (reporter.name, reporter.representative) if line)


def _sender(facts: ReportFacts) -> tuple[str, ...]:
    return sender_lines(facts)


def missing_items(facts: ReportFacts) -> tuple[str, ...]:
    """Return the Japanese names of the items a notice or announcement still lacks."""
    values = {
        "public_summary": facts.public_summary,
        "data_items": "、".join(facts.data_items),
        "cause_details": facts.cause_details,
        "measures_taken": facts.measures_taken,
        "secondary_damage": facts.secondary_damage,
        "prevention": actions_text(facts.actions) or facts.prevention_notes,
        "inquiry_desk": facts.inquiry_desk,
        "inquiry_hours": facts.inquiry_hours,
    }
    return tuple(name for key, name in REQUIRED if not values[key].strip())


def _public_items(facts: ReportFacts, kind: str) -> tuple[Item, ...]:
    """Return the items told to the individuals (Rules Art. 10) in plain words, numbered 1-6."""
    when = []
    if facts.occurred_on:
        when.append(f"発生日　{date_text(facts.occurred_on)}")
    when.append(f"判明日　{date_text(facts.discovered_on)}")
    data = "、".join(facts.data_items)
    if kind == ANNOUNCEMENT and facts.persons:
        data += f"\n対象となる方の人数　{persons_text(facts.persons, facts.persons_is_upper_bound)}"
    advice = facts.secondary_damage + (f"\n{facts.advice}" if facts.advice else "")
    prevention = "\n".join(t for t in (facts.prevention_notes, actions_text(facts.actions)) if t)
    bodies = (
        ("summary", "発生した事案の概要", "\n".join([*when, facts.public_summary])),
        ("data_items", "対象となる個人情報の項目", data),
        ("cause", "原因", facts.cause_details),
        ("measures", "当社の対応", facts.measures_taken),
        ("secondary_damage", "二次被害のおそれと、ご注意いただきたいこと", advice),
        ("prevention", "再発防止策", prevention),
    )
    return tuple(Item(key, str(n), heading, body) for n, (key, heading, body) in enumerate(bodies, start=1))


def _opening(facts: ReportFacts, reader: str) -> tuple[str, ...]:
    apology = facts.apology or (
        f"{reader}には多大なるご迷惑とご心配をおかけいたしますことを、心より深くお詫び申し上げます。"
    )
    return (
        "拝啓　平素より格別のご高配を賜り、厚く御礼申し上げます。",
        f"　このたび、当社において、{reader}の個人情報が漏えいした、又はそのおそれがあることが判明いたしました。"
        + apology,
        "　本件の概要と当社の対応につきまして、下記のとおりお知らせいたします。"
        "当社は本件を厳粛に受け止め、再発防止に全社を挙げて取り組んでまいります。",
    )


def _notice(facts: ReportFacts, kind: str) -> Report:
    missing = missing_items(facts)
    if missing:
        raise LetterIncomplete(missing)
    if kind == ANNOUNCEMENT and facts.persons is not None and facts.persons <= 1:
        raise LetterIncomplete(
            (), "対象となる方が1名のため、公表により個人が特定されるおそれがあります。公表文は作成しません。"
        )
    addressee, reader = ADDRESSEES.get(facts.addressee, ADDRESSEES["customers"])
    if kind == ANNOUNCEMENT:
        addressee, reader = "関係者各位", "お客様をはじめ関係者の皆様"
    letter = Letter(
        date=date_text(facts.prepared_on),
        addressee=addressee,
        sender=_sender(facts),
        opening=_opening(facts, reader),
        desk=(facts.inquiry_desk, f"受付時間　{facts.inquiry_hours}"),
    )
    return Report(
        kind,
        FINAL,
        TITLES[(kind, FINAL)],
        (),
        _public_items(facts, kind),
        letter=letter,
        author=facts.organisation,
    )


def build_letter(facts: ReportFacts, kind: str) -> Report:
    """Return the letter of ``kind``; raise ``LetterIncomplete`` when a notice lacks a required item."""
    if kind in (NOTICE, ANNOUNCEMENT):
        return _notice(facts, kind)
    raise ValueError(f"no letter of kind {kind!r}")
