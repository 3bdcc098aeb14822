"""Check the rows of a personal-information ledger (個人情報管理台帳) against the APPI, as pure functions.

Each check has a stable code, a fixed severity and the article it rests on; the message is an English
msgid marked with ``gettext_noop`` (the UI and ``mamori ledger check --lang ja`` translate it). A value
that is ``None`` was not recorded: a check that needs it either stays silent (it cannot say anything
true) or, where the law asks for the record itself (consent to acquire 要配慮個人情報, the last review),
reports the gap.

No ORM, no request, no Django at all, so ``mamori ledger check`` starts fast without settings.
Articles are those of the Act as renumbered on 2022-04-01 (laws.e-gov.go.jp/law/415AC0000000057) and of
the PPC Guidelines (General Rules) (www.ppc.go.jp/personalinfo/legal/guidelines_tsusoku/).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar


def gettext_noop(message: str) -> str:
    """Mark an English msgid for extraction and return it unchanged (no Django settings needed here)."""
    return message


# --- Vocabulary (stable English values; the models' TextChoices label them in Japanese) ---------------

ERROR = "error"
WARNING = "warning"

MEDIA = ("paper", "electronic", "both")
ACQUISITIONS = ("direct_written", "direct_other", "third_party", "public", "entrusted")
PROVISIONS = ("none", "consent", "opt_out", "exception", "entrustment", "joint_use")
FOREIGN_BASES = ("consent", "equivalent_system", "adequacy")
RISK_KINDS = ("leak", "loss", "damage", "improper_acquisition", "beyond_purpose", "other")

# The lifecycle phases of JIS Q 15001 6.2 (A.3.3.3): five every row goes through, two where they apply.
CORE_PHASES = ("acquire", "transfer", "use", "store", "dispose")
#: The phases' names (the msgids of ``ledger.models.Phase``), for messages shown to people.
PHASE_LABELS = {
    "acquire": gettext_noop("Acquisition and input"),
    "transfer": gettext_noop("Transfer and transmission"),
    "use": gettext_noop("Use and processing"),
    "store": gettext_noop("Storage and backup"),
    "dispose": gettext_noop("Erasure and disposal"),
    "entrust": gettext_noop("Entrustment"),
    "provide": gettext_noop("Provision"),
}
PHASES = (*CORE_PHASES, "entrust", "provide")

# Risks that no treatment may leave as residual: acquiring improperly breaks APPI Art. 20(1) and using
# beyond the purpose breaks Art. 18(1); both are violations, not risks a manager may accept.
UNACCEPTABLE_RESIDUAL_KINDS = frozenset({"improper_acquisition", "beyond_purpose"})

# GL (General Rules) §10 (別添) "中小規模事業者": a business with 100 employees or fewer stops being one when
# the persons identified by its personal-information databases exceed 5,000 on any day of the past
# six months (or when it handles personal data on entrustment).
SMALL_BUSINESS_PERSONS_LIMIT = 5000
REVIEW_INTERVAL_DAYS = 365

# --- Articles -------------------------------------------------------------------------------------------

ART_17 = "APPI Art. 17(1); PPC Guidelines (General Rules) 3-1-1"
ART_20_2 = "APPI Art. 20(2); Cabinet Order Art. 9"
ART_28 = "APPI Art. 28(1); Enforcement Rules Art. 15-18"
ART_29 = "APPI Art. 29(1); Enforcement Rules Art. 19-20"
ART_27_5_3 = "APPI Art. 27(5)(iii)"
ART_18_20 = "APPI Art. 18(1), Art. 20(1)"
ART_32 = "APPI Art. 32(1); Cabinet Order Art. 10"
RISK_ASSESSMENT = "APPI Art. 23; PPC Guidelines (General Rules) 10; JIS Q 15001 6.2"
REVIEW = "APPI Art. 23; PPC Guidelines (General Rules) 10-3; JIS Q 15001 6.1"
GL_SMALL_BUSINESS = "PPC Guidelines (General Rules) 10 (small businesses)"

# --- Field dictionary (項目) -----------------------------------------------------------------------------

# Canonical item names of the ledger's field dictionary, with the spellings practitioners write.
ITEM_SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "氏名": ("名前", "お名前", "氏名・フリガナ", "フリガナ", "name"),
    "住所": ("所在地", "現住所", "address"),
    "郵便番号": ("〒", "postal code"),
    "電話番号": ("電話", "携帯電話番号", "TEL", "phone"),
    "メールアドレス": ("メール", "e-mail", "email", "mail"),
    "生年月日": ("誕生日", "年齢", "date of birth"),
    "性別": ("gender",),
    "勤務先": ("会社名", "所属", "部署"),
    "役職": (),
    "顔写真": ("写真", "顔画像"),
    "口座番号": ("口座", "銀行口座", "口座情報", "bank account"),
    "クレジットカード番号": ("クレジットカード", "カード番号", "credit card"),
    "マイナンバー": ("個人番号", "my number"),
    "運転免許証番号": ("運転免許証", "免許証番号"),
    "旅券番号": ("パスポート番号", "パスポート"),
    "被保険者番号": ("健康保険証番号", "保険証番号", "健康保険証"),
    "基礎年金番号": ("年金番号",),
    "給与額": ("給与", "賃金", "給与情報"),
    "学歴・職歴": ("学歴", "職歴", "経歴"),
    "家族情報": ("扶養家族", "家族構成"),
    "購買履歴": ("購入履歴", "取引履歴"),
    "ID・パスワード": ("ID", "パスワード", "ログインID"),
    "健康情報": ("健康状態",),
    "健康診断結果": ("健康診断等の結果", "健診結果", "ストレスチェック結果"),
    "病歴": ("既往歴", "診療情報", "診療記録", "病名"),
    "障害": ("障害の有無", "心身の機能の障害", "障害者手帳"),
    "信条": ("宗教", "思想"),
    "人種": ("民族",),
    "社会的身分": ("本籍", "門地"),
    "犯罪歴": ("犯罪の経歴", "前科"),
    "犯罪被害": ("犯罪により害を被った事実",),
    "刑事手続": ("刑事事件に関する手続",),
}

# Items that are 要配慮個人情報 by themselves (APPI Art. 2(3), Cabinet Order Art. 2). 健康情報 is listed
# because a ledger that records "health information" almost always means results of examinations or
# medical history; the manager may still record the row as not special-care with a reason.
SPECIAL_CARE_ITEMS: Mapping[str, str] = {
    "人種": "race",
    "信条": "creed",
    "社会的身分": "social_status",
    "病歴": "medical_history",
    "犯罪歴": "criminal_record",
    "犯罪被害": "crime_victim",
    "障害": "disability",
    "健康診断結果": "health_check",
    "健康情報": "health_check",
    "刑事手続": "criminal_procedure",
}
MY_NUMBER_ITEM = "マイナンバー"

# The PII engine's labels (mamori.pii.LABELS) as items, for rows registered from scanner findings.
PII_LABEL_ITEMS: Mapping[str, str] = {
    "PERSON": "氏名",
    "ADDRESS": "住所",
    "POSTAL_CODE": "郵便番号",
    "PHONE": "電話番号",
    "EMAIL": "メールアドレス",
    "MY_NUMBER": "マイナンバー",
    "CREDIT_CARD": "クレジットカード番号",
    "BANK_ACCOUNT": "口座番号",
    "DATE_OF_BIRTH": "生年月日",
    "DRIVERS_LICENSE": "運転免許証番号",
    "PASSPORT": "旅券番号",
    "HEALTH_INSURANCE": "被保険者番号",
}


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


_ITEM_INDEX: dict[str, str] = {}
for _canonical, _spellings in ITEM_SYNONYMS.items():
    for _spelling in (_canonical, *_spellings):
        _ITEM_INDEX[_fold(_spelling)] = _canonical


def canonical_item(name: str) -> str:
    """Return the dictionary name of an item (NFKC, synonyms folded), or the trimmed name if unknown."""
    return _ITEM_INDEX.get(_fold(name), unicodedata.normalize("NFKC", name).strip())


def special_care_items(items: Iterable[str]) -> list[str]:
    """Return the items that are 要配慮個人情報 by themselves (APPI Art. 2(3)), in input order."""
    found = []
    for item in items:
        canonical = canonical_item(item)
        if canonical in SPECIAL_CARE_ITEMS and canonical not in found:
            found.append(canonical)
    return found


# --- Vague purposes (APPI Art. 17(1); GL 3-1-1) -------------------------------------------------------

# GL 3-1-1 names 「事業活動に用いるため」「マーケティング活動に用いるため」「提供するサービスの向上のため」 as
# purposes that are not specified; the others are the same kind of phrase seen in practice.
VAGUE_PURPOSE_TERMS = frozenset(
    _fold(term)
    for term in (
        "業務",
        "業務全般",
        "業務上",
        "業務遂行",
        "業務の遂行",
        "社内業務",
        "各種業務",
        "関連業務",
        "必要な業務",
        "事業",
        "事業活動",
        "事業運営",
        "企業活動",
        "営業",
        "営業活動",
        "会社運営",
        "経営",
        "マーケティング",
        "マーケティング活動",
        "サービス向上",
        "サービスの向上",
        "サービス改善",
        "サービスの改善",
        "提供するサービスの向上",
        "お客様サービスの向上",
        "顧客サービスの向上",
        "顧客管理",
        "顧客対応",
        "管理",
        "社内管理",
        "社内利用",
        "社内",
        "その他",
        "各種目的",
        "正当な目的",
        "必要な範囲",
        "必要な目的",
        "business",
        "businesspurposes",
        "businessactivities",
        "marketing",
        "serviceimprovement",
        "internaluse",
    )
)
_PURPOSE_SEPARATORS = re.compile(
    r"[、,，・/／;；]|及び|および|並びに|ならびに|又は|または|もしくは|若しくは|や"
)
_PURPOSE_PREFIX = re.compile(
    r"^(当社|弊社|当法人|当組合|当院|当校|当店|会社|お客様|顧客|for|our|the)(の|における|が行う|が営む)?"
)
_PURPOSE_SUFFIX = re.compile(
    r"(のため|ため|の目的|目的|に(利用|使用|活用|用い|使い)(る|ます|します|いたします|する)?|"
    r"で(利用|使用)(する|します|いたします)?|等|など|全般|一般|上必要な範囲(内)?|に必要な範囲(内)?|"
    r"において|に関して|に関する|purposes?)$"
)


def is_vague_purpose(purpose: str) -> bool:
    """Return whether ``purpose`` names no specific use, only phrases like 業務のため (APPI Art. 17(1)).

    The purpose is split at 、・及び etc.; it is vague when every part, once stripped of 当社の / のため /
    に利用します and similar framing, is one of the generic terms. An empty purpose is vague.
    """
    text = _fold(purpose).strip("。.．!！")
    parts = [part for part in _PURPOSE_SEPARATORS.split(text) if part]
    for part in parts:
        previous = None
        while previous != part:
            previous = part
            part = _PURPOSE_PREFIX.sub("", _PURPOSE_SUFFIX.sub("", part))
        if part and part not in VAGUE_PURPOSE_TERMS:
            return False
    return True


# --- Input and output types ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Risk:
    """Hold one lifecycle risk of a row as far as the checks need it."""

    phase: str
    media: str | None = None
    kind: str | None = None
    residual: bool | None = None
    residual_approved: bool | None = None


@dataclass(frozen=True)
class JointUse:
    """Hold the four items that APPI Art. 27(5)(iii) asks to be notified or easily known for 共同利用."""

    items: Any = None
    scope: Any = None
    purpose: Any = None
    responsible: Any = None

    KEYS: ClassVar[tuple[str, ...]] = ("items", "scope", "purpose", "responsible")

    def missing(self) -> list[str]:
        """Return the names of the items that are not recorded or blank."""
        return [name for name in self.KEYS if _blank(getattr(self, name))]


@dataclass(frozen=True)
class Foreign:
    """Hold a provision to a third party in a foreign country (APPI Art. 28)."""

    country: str | None = None
    basis: str | None = None


@dataclass(frozen=True)
class Row:
    """Hold one ledger row; ``None`` means "not recorded"."""

    id: Any
    department: str | None = None
    name: str | None = None
    items: tuple[str, ...] | None = None
    special_care: bool | None = None
    special_care_consent: bool | None = None
    special_care_exception: str | None = None
    my_number: bool | None = None
    count: int | None = None
    media: str | None = None
    acquisition: str | None = None
    purpose: str | None = None
    encrypted: bool | None = None
    contractors: tuple[str, ...] | None = None
    provision: str | None = None
    joint_use: JointUse | None = None
    foreign: Foreign | None = None
    retained: bool | None = None
    published: bool | None = None
    last_reviewed: date | None = None
    risks: tuple[Risk, ...] | None = None


@dataclass(frozen=True)
class Finding:
    """Say what one check found: a stable code, a severity, the article, and an English msgid."""

    code: str
    severity: str
    article: str
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """Return the short label of the check (an English msgid; the code itself when it has none)."""
        return CODE_LABELS.get(self.code, self.code)

    def text(self, translate: Any = None) -> str:
        """Return the message with its parameters filled, translated by ``translate`` when given.

        Translated, the phase codes of ``phases`` are named as JIS Q 15001 names them (取得・入力 …); the
        params themselves keep the codes (the stable output of ``mamori ledger check``).
        """
        message = translate(self.message) if translate else self.message
        params = dict(self.params)
        if translate and "phases" in params:
            names = [translate(PHASE_LABELS.get(p, p)) for p in str(params["phases"]).split(", ")]
            params["phases"] = ("、" if any(not n.isascii() for n in names) else ", ").join(names)
        if translate and "phase" in params:
            params["phase"] = translate(PHASE_LABELS.get(str(params["phase"]), str(params["phase"])))
        return message % params if params else message


#: A short label per check code, shown in lists instead of the code (an English msgid, translated there).
CODE_LABELS = {
    "SPECIAL_CARE_WITHOUT_CONSENT": gettext_noop("Special care: no consent recorded"),
    "FOREIGN_WITHOUT_BASIS": gettext_noop("Foreign provision: no basis"),
    "PROVISION_RECORD_REQUIRED": gettext_noop("Provision record required"),
    "JOINT_USE_INCOMPLETE": gettext_noop("Joint use: items missing"),
    "VAGUE_PURPOSE": gettext_noop("Vague purpose of use"),
    "PHASE_WITHOUT_RISK": gettext_noop("Phase without risk assessment"),
    "REVIEW_OVERDUE": gettext_noop("Review overdue"),
    "RESIDUAL_NOT_ALLOWED": gettext_noop("Residual risk not allowed"),
    "RESIDUAL_NOT_APPROVED": gettext_noop("Residual risk not approved"),
    "NOT_PUBLISHED": gettext_noop("Not in the published notice"),
    "NOT_SMALL_BUSINESS": gettext_noop("Not a small business"),
}


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | dict | set):
        return not any(not _blank(v) for v in (value.values() if isinstance(value, dict) else value))
    return False


# --- The checks -----------------------------------------------------------------------------------------


def check_special_care(row: Row) -> list[Finding]:
    """Find 要配慮個人情報 acquired without recorded consent and without a named exception (Art. 20(2)).

    The row holds special-care information when it says so or when its items include one (病歴, 健康診断
    結果 ...), unless it explicitly says it does not. Consent recorded as given, or any named exception of
    Art. 20(2)(i)-(viii) (e.g. 法令に基づく場合; received on entrustment, Cabinet Order Art. 9(ii)), clears it.
    """
    found_items = special_care_items(row.items or ())
    holds = row.special_care is True or (row.special_care is None and bool(found_items))
    if not holds or row.special_care_consent is True or not _blank(row.special_care_exception):
        return []
    if row.special_care is None:
        message = gettext_noop(
            "The items %(items)s are special-care personal information, but neither the person's prior "
            "consent nor an exception of APPI Art. 20(2) is recorded."
        )
    elif row.special_care_consent is False:
        message = gettext_noop(
            "Special-care personal information is acquired without the person's consent and no exception "
            "of APPI Art. 20(2) is named."
        )
    else:
        message = gettext_noop(
            "Special-care personal information is acquired but neither the person's prior consent nor an "
            "exception of APPI Art. 20(2) is recorded."
        )
    return [
        Finding("SPECIAL_CARE_WITHOUT_CONSENT", ERROR, ART_20_2, message, {"items": "、".join(found_items)})
    ]


def check_foreign(row: Row) -> list[Finding]:
    """Find a provision to a foreign third party with no basis of APPI Art. 28(1) recorded."""
    foreign = row.foreign
    if foreign is None or (_blank(foreign.country) and _blank(foreign.basis)):
        return []
    if foreign.basis in FOREIGN_BASES:
        return []
    message = gettext_noop(
        "Personal data is provided to a third party in a foreign country (%(country)s) without a basis: "
        "the person's consent after being informed of the country's system, an equivalent system of the "
        "recipient, or a country with an adequate system (APPI Art. 28(1))."
    )
    country = foreign.country if not _blank(foreign.country) else "?"
    return [Finding("FOREIGN_WITHOUT_BASIS", ERROR, ART_28, message, {"country": country})]


def check_provision_record(row: Row) -> list[Finding]:
    """Find provisions that need a record of provision (提供記録) under APPI Art. 29(1).

    Provision by consent or by opt-out needs one; so does a provision to a foreign third party on the
    person's consent (Art. 28(1)), even if the row calls it entrustment, since for Art. 28 provisions only
    the Art. 27(1) exceptions release the record (Art. 29(1) proviso).
    """
    if row.provision in ("consent", "opt_out"):
        if row.provision == "opt_out":
            message = gettext_noop(
                "Personal data is provided to third parties by opt-out: keep a record of each provision "
                "(APPI Art. 29) and notify the PPC beforehand (Art. 27(2)); special-care information may "
                "never be provided by opt-out."
            )
        else:
            message = gettext_noop(
                "Personal data is provided to third parties on the person's consent: keep a record of each "
                "provision with the consent (APPI Art. 29, Enforcement Rules Art. 20)."
            )
        return [Finding("PROVISION_RECORD_REQUIRED", WARNING, ART_29, message)]
    if row.foreign is not None and row.foreign.basis == "consent":
        message = gettext_noop(
            "Personal data is provided to a third party in a foreign country on the person's consent: keep "
            "a record of each provision (APPI Art. 29(1) proviso)."
        )
        return [Finding("PROVISION_RECORD_REQUIRED", WARNING, ART_29, message)]
    return []


def check_joint_use(row: Row) -> list[Finding]:
    """Find 共同利用 without one of the four items of APPI Art. 27(5)(iii) recorded."""
    joint_use = row.joint_use or JointUse()
    missing = joint_use.missing()
    # A row that does not say joint use and leaves every item blank (a full export with empty columns)
    # is not joint use; one item filled in is.
    if not missing or (row.provision != "joint_use" and len(missing) == len(JointUse.KEYS)):
        return []
    message = gettext_noop(
        "Joint use needs, notified to the person or easily known beforehand, the items used jointly, the "
        "scope of the joint users, their purpose and the name and address of the person responsible "
        "(APPI Art. 27(5)(iii)); not recorded: %(missing)s."
    )
    return [Finding("JOINT_USE_INCOMPLETE", ERROR, ART_27_5_3, message, {"missing": ", ".join(missing)})]


def check_purpose(row: Row) -> list[Finding]:
    """Find a purpose that names no specific use (APPI Art. 17(1), GL 3-1-1); a missing one is not judged."""
    if row.purpose is None or not is_vague_purpose(row.purpose):
        return []
    message = gettext_noop(
        'The purpose of use "%(purpose)s" names no specific use: say what the information is used for '
        "so that the person can foresee it (APPI Art. 17(1); PPC Guidelines (General Rules) 3-1-1)."
    )
    return [Finding("VAGUE_PURPOSE", WARNING, ART_17, message, {"purpose": row.purpose.strip()})]


def check_phases(row: Row) -> list[Finding]:
    """Find the lifecycle phases (取得・入力 … 消去・廃棄) that have no risk row (JIS Q 15001 6.2)."""
    assessed = {risk.phase for risk in row.risks or ()}
    missing = [phase for phase in CORE_PHASES if phase not in assessed]
    if not missing:
        return []
    message = gettext_noop("No risk is assessed for the phase(s): %(phases)s.")
    return [Finding("PHASE_WITHOUT_RISK", WARNING, RISK_ASSESSMENT, message, {"phases": ", ".join(missing)})]


def check_review(row: Row, today: date) -> list[Finding]:
    """Find a row whose last review is not recorded or older than 365 days before ``today``."""
    if row.last_reviewed is None:
        message = gettext_noop("No review of this row is recorded; review the ledger at least once a year.")
        return [Finding("REVIEW_OVERDUE", WARNING, REVIEW, message)]
    days = (today - row.last_reviewed).days
    if days <= REVIEW_INTERVAL_DAYS:
        return []
    message = gettext_noop(
        "The last review was on %(date)s, %(days)s days ago; review the row at least yearly."
    )
    return [
        Finding(
            "REVIEW_OVERDUE", WARNING, REVIEW, message, {"date": row.last_reviewed.isoformat(), "days": days}
        )
    ]


def check_residuals(row: Row) -> list[Finding]:
    """Find residual risks that may not be accepted (Art. 18(1), 20(1)) or lack top-management approval."""
    findings = []
    for number, risk in enumerate(row.risks or (), start=1):
        if risk.residual is not True:
            continue
        params = {"number": number, "phase": risk.phase, "kind": risk.kind or "?"}
        if risk.kind in UNACCEPTABLE_RESIDUAL_KINDS:
            message = gettext_noop(
                "Risk %(number)s (%(phase)s, %(kind)s) is left as residual, but improper acquisition "
                "(APPI Art. 20(1)) and use beyond the purpose (Art. 18(1)) must be prevented, never accepted."
            )
            findings.append(Finding("RESIDUAL_NOT_ALLOWED", ERROR, ART_18_20, message, params))
        elif risk.residual_approved is not True:
            message = gettext_noop(
                "Residual risk %(number)s (%(phase)s) has no approval by top management recorded."
            )
            findings.append(Finding("RESIDUAL_NOT_APPROVED", WARNING, RISK_ASSESSMENT, message, params))
    return findings


def check_published(row: Row) -> list[Finding]:
    """Find 保有個人データ that the published notice does not cover (APPI Art. 32(1))."""
    if row.retained is not True or row.published is True:
        return []
    message = gettext_noop(
        "This row is retained personal data but is not in the published notice: its purpose and the "
        "request procedure must be easy for the person to know (APPI Art. 32(1))."
    )
    return [Finding("NOT_PUBLISHED", ERROR, ART_32, message)]


def check_row(row: Row, today: date) -> list[Finding]:
    """Return every finding for one row, in a stable order."""
    return [
        *check_special_care(row),
        *check_foreign(row),
        *check_provision_record(row),
        *check_joint_use(row),
        *check_purpose(row),
        *check_phases(row),
        *check_review(row, today),
        *check_residuals(row),
        *check_published(row),
    ]


def persons_total(rows: Iterable[Row]) -> int:
    """Return the sum of the recorded counts (an upper bound of the persons: one may be in several rows)."""
    return sum(row.count for row in rows if row.count is not None)


def check_organisation(rows: Iterable[Row]) -> list[Finding]:
    """Return the organisation-wide findings: no longer a 中小規模事業者 above 5,000 persons (GL §10)."""
    total = persons_total(rows)
    if total <= SMALL_BUSINESS_PERSONS_LIMIT:
        return []
    message = gettext_noop(
        "The ledger counts %(total)s persons, more than 5,000: the organisation is not a small business "
        "under the PPC Guidelines (General Rules) 10 and takes the full safety measures, not the "
        "small-business variants (the sum counts a person once per row, so it is an upper bound)."
    )
    return [Finding("NOT_SMALL_BUSINESS", WARNING, GL_SMALL_BUSINESS, message, {"total": f"{total:,}"})]
