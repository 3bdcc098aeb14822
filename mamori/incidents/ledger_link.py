"""Pick the ledger rows an incident involves and pre-fill its facts from them.

The determination starts from the ledger: items, 要配慮, My Number, encryption and the count of the
rows fill the intake and triage forms, and the manager confirms or corrects them. The ledger sits below
the register, so the register imports the ledger and offers "start an incident" on a row through the
ledger's action hook.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mamori.incidents.taxonomy import DataCategory, Medium
from mamori.ledger import queries as ledger_queries
from mamori.ledger.models import LedgerEntry
from mamori.ledger.rules import SPECIAL_CARE_ITEMS, canonical_item

# Ledger items (canonical names of the ledger's field dictionary) → the incident's data categories.
ITEM_CATEGORIES: dict[str, str] = {
    "氏名": DataCategory.NAME,
    "住所": DataCategory.ADDRESS,
    "郵便番号": DataCategory.ADDRESS,
    "電話番号": DataCategory.PHONE,
    "メールアドレス": DataCategory.EMAIL,
    "生年月日": DataCategory.BIRTH_DATE,
    "クレジットカード番号": DataCategory.CARD,
    "口座番号": DataCategory.BANK,
    "ID・パスワード": DataCategory.LOGIN,
    "マイナンバー": DataCategory.MY_NUMBER,
    "健康情報": DataCategory.HEALTH,
    "健康診断結果": DataCategory.HEALTH,
    "病歴": DataCategory.HEALTH,
    "給与額": DataCategory.EMPLOYMENT,
    "学歴・職歴": DataCategory.EMPLOYMENT,
    "家族情報": DataCategory.EMPLOYMENT,
}
MEDIA = {"paper": Medium.PAPER, "electronic": Medium.ELECTRONIC}


def data_categories(items: Iterable[str]) -> list[str]:
    """Return the incident data categories of ledger items (other special-care items, then その他)."""
    found: list[str] = []
    for item in items:
        name = canonical_item(item)
        category = ITEM_CATEGORIES.get(name) or (
            DataCategory.OTHER_SPECIAL_CARE if name in SPECIAL_CARE_ITEMS else DataCategory.OTHER
        )
        if category not in found:
            found.append(category)
    return found


def rows_for(user: Any) -> QuerySet[LedgerEntry]:
    """Return the ledger rows ``user`` may pick (none for employees, who do not read the ledger)."""
    return ledger_queries.entries_for_user(user).order_by("number")


def add_ledger_field(form: forms.Form, user: Any) -> None:
    """Add the "ledger rows involved" picker to an intake or triage form, if ``user`` reads the ledger."""
    rows = rows_for(user)
    if not ledger_queries.can_read_ledger(user):
        return
    form.fields["ledger_entries"] = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Ledger rows involved"),
        queryset=rows,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("The facts in this form are pre-filled from these rows; check them."),
    )


def prefill(entries: Iterable[LedgerEntry], current: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return form initial values from the rows, keeping every value ``current`` already has."""
    facts = ledger_queries.incident_prefill(entries)
    values: dict[str, Any] = {
        "data_categories": data_categories(facts.items),
        "persons": facts.persons,
        "persons_is_upper_bound": facts.persons is not None,
        "medium": MEDIA.get(facts.media, ""),
        "special_care": facts.special_care,
        "my_number": facts.my_number,
        "advanced_encryption": facts.encrypted,
    }
    current = current or {}
    return {
        k: v for k, v in values.items() if current.get(k) in (None, "", [], False) and v not in (None, "", [])
    }


def start_incident_action(user: Any, entry: LedgerEntry) -> tuple[str, str] | None:
    """Offer "start an incident from this row" on a ledger row page."""
    if not getattr(user, "is_authenticated", False):
        return None
    url = reverse("incidents:report") + "?" + urlencode({"ledger": entry.pk})
    return _("Start an incident from this row"), url
