"""Recognise PERSON for a Korean full name in Hangul after a name's label or in a mail's signature.

Korean customers, guests and trainees write to Japanese businesses in Korean: ``이름: 박서연`` (name),
``성명`` / ``성함`` (full name, its polite form), or a Japanese form's ``お名前：박서연``, and sign a mail
with their name before 드림 / 올림 / 배상 (yours) or alone on the line after 감사합니다 (thank you), and
their mail's header gives it as its display name (``From: 박서연 <…>``). A name
is a known surname (one syllable, or a two-syllable one: 남궁, 황보) and one or two syllables more; a
team, a desk or a centre (홍보팀, 고객센터) and the sample name 홍길동 are none.
"""

from __future__ import annotations

import re

from mamori.pii.prefilter import Triggers
from mamori.pii.spans import Hit

_SURNAMES = (
    "남궁|황보|제갈|선우|독고|사공|서문|"
    "[김이박최정강조윤장임한오서신권황안송전홍유고문양손배백허남심노하곽성차주우구민류나진지엄채원천방공현"
    "함변염여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온호범좌"
    "팽승간상시갈단견당]"
)
_NAME = rf"(?:{_SURNAMES})[가-힣]{{1,2}}(?![가-힣])"
_LABEL_WORD = r"(?<![가-힣])(?:이 ?름|성 ?명|성함)|名前|氏名"
# The label, then a colon or a blank: 성명서를 (a statement) is no label of 서를.
_LABEL = re.compile(rf"(?:{_LABEL_WORD})(?:[ \t\u3000]*[:：][ \t\u3000]*|[ \t\u3000]+)({_NAME})")
# 박서연 드림 / 올림 / 배상 on its line; a name alone on the line after 감사합니다 / 고맙습니다.
_SIGNED = re.compile(rf"^[ \t\u3000]*({_NAME})[ \t\u3000]*(?:드림|올림|배상)[ \t\u3000.]*\r?$", re.MULTILINE)
_AFTER_THANKS = re.compile(
    rf"(?:감사합니다|고맙습니다)[.!。 \t\u3000]*\r?\n[ \t\u3000]*({_NAME})[ \t\u3000]*\r?$", re.MULTILINE
)
# A mail header's display name: From: 박서연 <…>, To: "정하늘" <…>.
_DISPLAY = re.compile(
    rf"^(?:From|To|Cc|CC|Reply-To|差出人|宛先)[ \t]*:[ \t]*\"?({_NAME})\"?[ \t]*<", re.MULTILINE
)
# A word of a desk, a team or an office ending what reads as a name, and the sample name.
_NOT_NAME = re.compile(r"(?:팀|센터|부서|지점|본부|회사|담당|고객|사무소|사무실|홍길동)$|^고객")

TRIGGERS = Triggers(
    search=(
        re.compile(rf"(?:{_LABEL_WORD})[ \t\u3000]*[:：]?[ \t\u3000]*[가-힣]"),
        re.compile(r"드림|올림|배상|감사합니다|고맙습니다|[가-힣]\"?[ \t]*<"),
    )
)


def find_hangul_persons(text: str) -> list[Hit]:
    """Return PERSON hits for Hangul full names after a name's label or in a signature."""
    hits: list[Hit] = []
    for pattern in (_LABEL, _SIGNED, _AFTER_THANKS, _DISPLAY):
        for m in pattern.finditer(text):
            if not _NOT_NAME.search(m.group(1)):
                hits.append((m.start(1), m.end(1), "PERSON", 2))
    return hits
