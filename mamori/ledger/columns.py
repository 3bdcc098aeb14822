"""Name the ledger's columns once: model field, Japanese header of the Excel/CSV files, and kind.

Pure (no Django): the import/export, the version diff and the forms read the same list, so a column
added here appears in all of them. The Japanese headers and choice labels are the file format (the
files are Japanese whatever the UI language), so they are plain strings, not msgids.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

TEXT = "text"
LONG = "long"
LIST = "list"
BOOL = "bool"
INT = "int"
DATE = "date"
CHOICE = "choice"

# Stable value → the Japanese label written in files (and accepted back, as are the values themselves).
MEDIA_LABELS: Mapping[str, str] = {"paper": "紙", "electronic": "電子", "both": "紙・電子"}
ACQUISITION_LABELS: Mapping[str, str] = {
    "direct_written": "本人から書面で",
    "direct_other": "本人から書面以外で",
    "third_party": "第三者から",
    "public": "公開情報から",
    "entrusted": "委託元から",
}
MEASURE_LABELS: Mapping[str, str] = {
    "explicit": "明示",
    "notified": "通知",
    "published": "公表",
    "consent": "同意",
    "none": "なし",
}
PROVISION_LABELS: Mapping[str, str] = {
    "none": "なし",
    "consent": "本人の同意",
    "opt_out": "オプトアウト",
    "exception": "法令上の例外",
    "entrustment": "委託に伴う提供",
    "joint_use": "共同利用",
}
FOREIGN_BASIS_LABELS: Mapping[str, str] = {
    "consent": "本人の同意",
    "equivalent_system": "基準に適合する体制",
    "adequacy": "同等水準の国",
}
PROCESSED_LABELS: Mapping[str, str] = {
    "none": "なし",
    "pseudonymous": "仮名加工情報",
    "anonymous": "匿名加工情報",
}
BOOL_LABELS: Mapping[bool, str] = {True: "あり", False: "なし"}
# Spellings accepted for booleans in files, after NFKC and trimming.
TRUE_WORDS = frozenset(
    {"あり", "有", "有り", "はい", "○", "〇", "◯", "✓", "yes", "y", "true", "1", "済", "する"}
)
FALSE_WORDS = frozenset({"なし", "無", "無し", "いいえ", "×", "-", "no", "n", "false", "0", "未", "しない"})


@dataclass(frozen=True)
class Column:
    """One column of the ledger: the model field, the Japanese header, the kind and its labels."""

    field: str
    header: str
    kind: str = TEXT
    labels: Mapping[str, str] | None = None


COLUMNS: tuple[Column, ...] = (
    Column("number", "台帳番号"),
    Column("department", "部門"),
    Column("process", "業務"),
    Column("name", "情報名"),
    Column("subjects", "本人の種別", LIST),
    Column("owner", "管理責任者"),
    Column("items", "項目", LIST),
    Column("special_care", "要配慮個人情報", BOOL),
    Column("special_care_kinds", "要配慮の種類", LIST),
    Column("special_care_consent", "要配慮の取得同意", BOOL),
    Column("special_care_exception", "同意不要の根拠", LONG),
    Column("my_number", "特定個人情報", BOOL),
    Column("count", "件数", INT),
    Column("count_as_of", "件数基準日", DATE),
    Column("media", "媒体", CHOICE, MEDIA_LABELS),
    Column("acquisition", "取得方法", CHOICE, ACQUISITION_LABELS),
    Column("acquisition_source", "取得元"),
    Column("acquisition_measure", "取得時の措置", CHOICE, MEASURE_LABELS),
    Column("acquisition_evidence", "措置の証跡", LONG),
    Column("purpose", "利用目的", LONG),
    Column("storage", "保管場所・方法", LONG),
    Column("encrypted", "暗号化", BOOL),
    Column("access", "アクセス権者", LONG),
    Column("retention_period", "保管期間"),
    Column("retention_trigger", "保管期間の起算"),
    Column("disposal", "廃棄・消去方法", LONG),
    Column("entrusted", "委託の有無", BOOL),
    Column("contractors", "委託先", LIST),
    Column("provision", "第三者提供", CHOICE, PROVISION_LABELS),
    Column("provision_recipients", "提供先", LONG),
    Column("foreign_country", "外国にある第三者（国名）"),
    Column("foreign_basis", "外国提供の根拠", CHOICE, FOREIGN_BASIS_LABELS),
    Column("joint_use_items", "共同利用する項目", LONG),
    Column("joint_use_scope", "共同利用者の範囲", LONG),
    Column("joint_use_purpose", "共同利用の目的", LONG),
    Column("joint_use_responsible", "共同利用の責任者", LONG),
    Column("retained", "保有個人データ", BOOL),
    Column("processed", "仮名加工・匿名加工", CHOICE, PROCESSED_LABELS),
    Column("last_reviewed", "最終見直し日", DATE),
)
BOOL_FIELDS: tuple[str, ...] = tuple(c.field for c in COLUMNS if c.kind == BOOL)
# Columns whose "not recorded" is None in the model (booleans, numbers, dates), not an empty text.
NULLABLE_FIELDS: tuple[str, ...] = tuple(c.field for c in COLUMNS if c.kind in (BOOL, INT, DATE))
COLUMN_BY_FIELD: Mapping[str, Column] = {c.field: c for c in COLUMNS}
# The fields a version snapshot and the per-column diff cover (everything but the row's number).
CONTENT_FIELDS: tuple[str, ...] = tuple(c.field for c in COLUMNS if c.field != "number")
# Written after the columns on export, ignored on import: the workflow state is not the file's to set.
EXPORT_ONLY_HEADERS: tuple[str, ...] = ("状態", "版", "承認者", "承認日")
LIST_SEPARATOR = "、"
