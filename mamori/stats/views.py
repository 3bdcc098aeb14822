"""The statistics page and its Excel export (thin: queries and pure rules in, a page or a file out)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mamori.core import xlsx
from mamori.stats import charts, national, queries, rules, services
from mamori.stats.export import dimension_label, fiscal_year_label, missing_years_note
from mamori.stats.forms import FiscalYearForm

LONG_RUN = ("誤送信", "誤配達・誤交付")


def _year_form(data: Any, rows: list[rules.IncidentRow]) -> tuple[FiscalYearForm, int]:
    """Return the bound selector and the chosen year (the current fiscal year when none or invalid)."""
    current = rules.fiscal_year(timezone.now())
    years = sorted(set(rules.years_by_kind(rows)) | {current}, reverse=True)
    form = FiscalYearForm(data or None, years=years)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["fy"]
    if not form.is_bound:
        form = FiscalYearForm(initial={"fy": current}, years=years)
    return form, current


def _long_run(figures: tuple[national.Figure, ...], rows: list[rules.IncidentRow]) -> dict[str, Any]:
    series = {c: {m.fiscal_year: m for m in national.long_run(figures, c)} for c in LONG_RUN}
    years = national.fiscal_years(figures)
    table = [(y, [series[c].get(y) for c in LONG_RUN]) for y in years]

    def share(m: national.MappedFigure | None) -> float | None:
        return m.share_pct if m is not None else None

    chart = charts.grouped_chart(
        [(fiscal_year_label(y), share(missent), share(misdelivered)) for y, (missent, misdelivered) in table],
        series=("missent", "misdelivery"),
        lower_bounds=frozenset(
            (row, col)
            for row, (_year, cells) in enumerate(table)
            for col, m in enumerate(cells)
            if m is not None and not m.complete
        ),
    )
    ours = rules.shares_by_year(rows, "event_class", LONG_RUN)
    return {"categories": LONG_RUN, "table": table, "chart": chart, "ours": ours}


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    """Show our incidents of one fiscal year by JIPDEC dimension, beside the national shares."""
    if not queries.can_see_statistics(request.user):
        raise PermissionDenied
    rows = queries.incident_rows(request.user)
    # Only a request that names a fiscal year chooses one; other query parameters are ignored.
    form, year = _year_form(request.GET if "fy" in request.GET else None, rows)
    figures = national.load()
    stats = rules.all_dimensions(rows, year, figures)
    first, last = rules.fiscal_year_bounds(year)
    context = {
        "form": form,
        "year": year,
        "first": first,
        "last": last,
        "accidents": stats[0].accidents,
        "near_misses": stats[0].near_misses,
        "sections": [
            {"stats": s, "label": dimension_label(s.dimension), "chart": charts.comparison_chart(s.rows)}
            for s in stats
        ],
        "long_run": _long_run(figures, rows),
        "missing_years": missing_years_note(figures),
        "can_export_titles": services.can_export_titles(request.user),
    }
    return render(request, "stats/index.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def statistics_export(request: HttpRequest) -> HttpResponse | FileResponse:
    """Send the register and statistics of the chosen fiscal year as an Excel workbook."""
    if not queries.can_see_statistics(request.user):
        raise PermissionDenied
    rows = queries.incident_rows(request.user)
    form, _year = _year_form(request.POST, rows)
    if not form.is_valid():
        return HttpResponse(form.errors["fy"].as_text(), status=400, content_type="text/plain; charset=utf-8")
    year = form.cleaned_data["fy"]
    title, sheets = services.statistics_export(
        user=request.user, fiscal_year=year, titles=request.POST.get("titles") == "1"
    )
    return xlsx.response(filename=f"mamori-incidents-FY{year}.xlsx", title=title, sheets=sheets)
