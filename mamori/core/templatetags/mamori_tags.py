"""Template filters for Japanese dates and deadlines."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from mamori import jpcalendar
from mamori.core import audit_labels
from mamori.pii import LABEL_NAMES
from mamori.reference import citations

register = template.Library()


def _local(value: dt.date | None) -> dt.date | None:
    """Return the Asia/Tokyo date of an aware datetime, or ``value`` itself."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).date()
    return value


def _local_time(value: dt.datetime | None) -> dt.datetime | None:
    return timezone.localtime(value) if isinstance(value, dt.datetime) and timezone.is_aware(value) else value


# The date styles, one per context (see ``mamori.jpcalendar``): templates write dates only through these.


@register.filter
def ymd(value: dt.date | None) -> str:
    """Return a date (or a time's local date) for lists and tables: 2026-11-27."""
    return jpcalendar.compact(_local(value)) if value else ""


@register.filter
def ymd_hm(value: dt.datetime | None) -> str:
    """Return a local time for lists and timelines: 2026-11-27 14:05."""
    return jpcalendar.compact_time(_local_time(value)) if value else ""


@register.filter
def timestamp(value: dt.datetime | None) -> str:
    """Return a local time to the second, for the audit trail: 2026-11-27 14:05:09."""
    return jpcalendar.compact_time(_local_time(value), seconds=True) if value else ""


@register.filter
def ymd_wareki(value: dt.date | None) -> str:
    """Return a date that counts on a detail page with its 和暦: 2026-11-27（令和8年11月27日）."""
    return jpcalendar.compact_wareki(_local(value)) if value else ""


@register.filter
def document_date(value: dt.date | None) -> str:
    """Return a date as documents write it: 2026年11月27日（令和8年11月27日）."""
    return jpcalendar.seireki_wareki(_local(value)) if value else ""


@register.filter
def wareki(value: dt.date | None) -> str:
    """Return ``value`` as a Japanese-era date, e.g. 令和8年11月27日 (see ``mamori.jpcalendar``)."""
    return jpcalendar.wareki(_local(value))


@register.filter
def seireki(value: dt.date | None) -> str:
    """Return ``value`` as a Western-calendar date in Japanese style, e.g. 2026年11月27日."""
    return jpcalendar.seireki(_local(value))


@register.filter
def fiscal_year(value: int | None) -> str:
    """Return a fiscal year as the page's language writes it: 2026年度, FY2026."""
    return _("FY%(year)s") % {"year": value} if value else ""


@register.filter
def days_left(value: dt.date | str | None) -> int | None:
    """Return the days from today (Asia/Tokyo) to ``value``; negative when overdue."""
    if not value:
        return None
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return (value - timezone.localdate()).days


@register.filter
def days_left_text(value: dt.date | str | None) -> str:
    """Return "3 days left", "today" or "2 days overdue"."""
    days = days_left(value)
    if days is None:
        return ""
    if days == 0:
        return _("due today")
    if days > 0:
        return ngettext("%(n)d day left", "%(n)d days left", days) % {"n": days}
    return ngettext("%(n)d day overdue", "%(n)d days overdue", -days) % {"n": -days}


@register.filter
def deadline_class(value: dt.date | str | None) -> str:
    """Return a CSS class for a deadline: overdue, soon (within 3 days) or ok."""
    days = days_left(value)
    if days is None:
        return ""
    if days < 0:
        return "overdue"
    return "soon" if days <= 3 else "ok"


@register.filter
def isodate(value: str | None) -> dt.date | None:
    """Return a date from its ISO text (dates stored in JSON)."""
    return dt.date.fromisoformat(value) if value else None


@register.filter
def cite(article: str) -> str:
    """Return a rule's article citation in the page's language (個人情報保護法第17条第1項 …)."""
    return citations.cite(article or "", get_language() or "ja")


@register.filter
def action_label(code: str) -> str:
    """Return the translated label of an audit action code (the code itself when unknown)."""
    return audit_labels.label(code)


@register.simple_tag
def colon() -> str:
    """Return the separator between a label and its value: "：" in Japanese, ": " in English."""
    return pgettext("label separator", ": ")


@register.filter
def pii_counts(counts: dict[str, int] | None) -> str:
    """Return counts of personal data by kind in words (氏名 3、電話番号 2), most frequent kind first."""
    items = sorted((counts or {}).items(), key=lambda item: -item[1])
    names = [f"{pii_label(k)} {n}" for k, n in items]
    return pgettext("list separator", ", ").join(names)


@register.filter
def pii_label(code: str) -> str:
    """Return the name of a kind of personal data (PERSON → 氏名), the code itself when unknown."""
    return _(LABEL_NAMES[code]) if code in LABEL_NAMES else code


@register.inclusion_tag("pager.html", takes_context=True)
def pager(context: template.Context, page: Any, param: str = "page") -> dict[str, Any]:
    """Previous / next links for one of a page's paged lists, keeping the other query parameters.

    ``param`` names the list's own page parameter, so that several lists on one page page apart.
    """
    query = context["request"].GET

    def link(number: int) -> str:
        params = query.copy()
        params[param] = str(number)
        return "?" + params.urlencode()

    return {
        "page": page,
        "previous": link(page.previous_page_number()) if page.has_previous() else "",
        "next": link(page.next_page_number()) if page.has_next() else "",
    }
