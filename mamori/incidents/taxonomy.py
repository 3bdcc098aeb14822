"""The coding vocabularies of the incident register (legal.md §2-3): stable English values, Japanese labels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    """発生事象: the Privacy Mark's 事故等 categories (also JIPDEC's dimension since FY2022)."""

    LEAK = "leak", _("Leak (漏えい)")
    LOSS = "loss", _("Loss of a medium or document (紛失)")
    DESTRUCTION_DAMAGE = "destruction_damage", _("Destruction / damage (滅失・き損)")
    TAMPERING = "tampering", _("Falsification / inaccuracy (改ざん・正確性の未確保)")
    IMPROPER_ACQUISITION = "improper_acquisition", _("Improper acquisition (不正・不適正取得)")
    PURPOSE_VIOLATION = "purpose_violation", _("Use or provision beyond purpose (目的外利用・提供)")
    MISUSE = "misuse", _("Misuse (不正利用)")
    REQUEST_REFUSAL = "request_refusal", _("Refusal of disclosure requests (開示等の求め等の拒否)")


class EventClass(models.TextChoices):
    """事象分類 (JIPDEC FY2022-)."""

    MISDELIVERY = "misdelivery", _("Misdelivery / wrong hand-over (誤配達・誤交付)")
    MISSENT = "missent", _("Mis-sent (誤送信)")
    LOSS = "loss", _("Loss / destruction / damage (紛失・滅失・き損)")
    UNAUTHORIZED_ACCESS = "unauthorized_access", _("Unauthorised access (不正アクセス)")
    MISDISPLAY = "misdisplay", _("Wrong display (誤表示)")
    MISREGISTRATION = "misregistration", _("Wrong registration (誤登録)")
    MALWARE = "malware", _("Malware / virus (マルウェア・ウイルス)")
    WRONG_DISPOSAL = "wrong_disposal", _("Wrong disposal (誤廃棄)")
    THEFT = "theft", _("Theft (盗難)")
    INSIDER = "insider", _("Insider wrongdoing (内部不正行為)")
    OTHER = "other", _("Other (その他)")


class Cause(models.TextChoices):
    """原因 (JIPDEC FY2022-)."""

    RULE_VIOLATION = "rule_violation", _("Work against procedures or rules (手順・ルール違反の作業・操作)")
    OPERATION_ERROR = "operation_error", _("Operation error (作業・操作ミス)")
    INSUFFICIENT_CHECK = "insufficient_check", _("Insufficient checking (確認不足)")
    INSUFFICIENT_TRAINING = "insufficient_training", _("Insufficient training (従業員教育不十分)")
    RISK_ASSESSMENT = "risk_assessment", _("Insufficient risk assessment (リスク特定・分析・評価不十分)")
    DESIGN_CONFIG = "design_config", _("Program design / configuration flaw (プログラム設計、設定の不備)")
    ACCESS_CONTROL = "access_control", _("Access control flaw (アクセス制御不備)")
    WEAK_PASSWORD = "weak_password", _("Weak password (簡易なパスワード設定)")
    PATCHING = "patching", _("Missing version update / patch (バージョン・パッチ適用の不備)")
    OTHER = "other", _("Other (その他)")


class Medium(models.TextChoices):
    """媒体."""

    PAPER = "paper", _("Paper (紙)")
    ELECTRONIC = "electronic", _("Electronic data (電子データ)")
    OTHER = "other", _("Other (その他)")


class DataCategory(models.TextChoices):
    """Kinds of personal data affected (categories, never values)."""

    NAME = "name", _("Name (氏名)")
    ADDRESS = "address", _("Address (住所)")
    PHONE = "phone", _("Phone number (電話番号)")
    EMAIL = "email", _("E-mail address (メールアドレス)")
    BIRTH_DATE = "birth_date", _("Date of birth (生年月日)")
    CARD = "card", _("Credit card information (クレジットカード情報)")
    BANK = "bank", _("Bank account (銀行口座)")
    LOGIN = "login", _("IDs and passwords (ID・パスワード)")
    PAYMENT_LOGIN = (
        "payment_login",
        _("IDs and passwords of payment services (決済機能付きサービスのID・パスワード)"),
    )
    MY_NUMBER = "my_number", _("My Number (マイナンバー)")
    HEALTH = "health", _("Health / medical history (病歴・健康診断結果)")
    OTHER_SPECIAL_CARE = "other_special_care", _("Other special-care data (信条・犯罪歴等)")
    EMPLOYMENT = "employment", _("Employment / HR data (人事情報)")
    OTHER = "other", _("Other (その他)")


#: Categories that are 要配慮個人情報 (APPI Art. 2(3)).
SPECIAL_CARE_CATEGORIES = frozenset({DataCategory.HEALTH, DataCategory.OTHER_SPECIAL_CARE})
#: Categories whose misuse risks property damage (Enforcement Rules Art. 7(ii)): card numbers and the
#: log-ins of services with payment functions. An account number alone is none (PPC Q&A 14-8: 口座番号
#: それ自体 is no 財産的被害のおそれ), nor a log-in without payment functions (PPC Q&A 6-11: only where the
#: data lets someone dispose of the person's property).
PROPERTY_DAMAGE_CATEGORIES = frozenset({DataCategory.CARD, DataCategory.PAYMENT_LOGIN})


class Role(models.TextChoices):
    """Our role for the data concerned (委託; APPI Art. 26(1) proviso)."""

    CONTROLLER = "controller", _("Our own data (自社が委託元・自社で取扱い)")
    PROCESSOR = "processor", _("Data entrusted to us by another business (委託先として受託)")


class Status(models.TextChoices):
    """Response workflow of an incident."""

    RECEIVED = "received", _("Received (報告受付)")
    INITIAL_RESPONSE = "initial_response", _("Initial response (初動対応)")
    INVESTIGATION = "investigation", _("Investigation (調査)")
    INDIVIDUALS = "individuals", _("Notifying individuals (本人対応)")
    AUTHORITY_REPORT = "authority_report", _("Reporting to authorities (当局報告)")
    PREVENTION = "prevention", _("Recurrence prevention (再発防止)")
    CLOSED = "closed", _("Closed (完了)")


STATUS_ORDER = [s.value for s in Status]


class DiscoveredBy(models.TextChoices):
    """Who noticed the incident."""

    SELF = "self", _("I noticed it myself")
    COLLEAGUE = "colleague", _("A colleague")
    RECIPIENT = "recipient", _("The (wrong) recipient")
    INDIVIDUAL = "individual", _("The person concerned / a customer")
    CONTRACTOR = "contractor", _("A contractor or partner")
    SYSTEM = "system", _("A system alert / monitoring")
    OUTSIDE = "outside", _("An outside party (police, card company, researcher ...)")
