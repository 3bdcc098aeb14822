"""Test that an incident starts from ledger rows: the rows are linked and their facts pre-fill the forms."""

from __future__ import annotations

from django.utils import timezone

from mamori.incidents.ledger_link import data_categories, prefill
from mamori.incidents.models import Incident
from mamori.ledger import services as ledger_services


def make_row(manager, department, **fields):
    base = {
        "process": "給与計算",
        "name": "従業員名簿",
        "items": ["氏名", "住所", "マイナンバー", "健診結果"],
        "count": 180,
        "media": "electronic",
        "encrypted": True,
    }
    return ledger_services.entry_create(
        organisation=manager.organisation, actor=manager, department=department, **{**base, **fields}
    )


def test_items_map_to_the_incident_categories():
    assert data_categories(["氏名", "Eメール", "個人番号", "既往歴", "信条", "趣味"]) == [
        "name",
        "other",
        "my_number",
        "health",
        "other_special_care",
    ]


def test_prefill_sums_counts_and_keeps_what_is_known(manager, sales):
    a = make_row(manager, sales)
    b = make_row(
        manager, sales, name="扶養控除申告書", items=["氏名"], count=20, media="paper", encrypted=False
    )
    values = prefill([a, b])
    assert values["persons"] == 200 and values["persons_is_upper_bound"] is True
    assert values["special_care"] is True and values["my_number"] is True
    assert values["advanced_encryption"] is False  # one of the rows is not encrypted
    assert "medium" not in values  # paper and electronic: the manager says which was involved
    assert "persons" not in prefill([a], {"persons": 3})


def test_the_intake_is_pre_filled_from_the_row_and_links_it(login, manager, sales):
    row = make_row(manager, sales)
    client = login(manager)
    form = client.get(f"/incidents/report/?ledger={row.pk}").context["form"]
    assert form.initial["data_categories"] == ["name", "address", "my_number", "health"]
    assert form.initial["persons"] == 180 and form.initial["medium"] == "electronic"
    assert form.initial["advanced_encryption"] is True
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        "/incidents/report/",
        {
            "is_near_miss": "false",
            "event_class": "loss",
            "title": "従業員名簿の入ったUSBメモリを紛失",
            "description": "社外で紛失した。",
            "discovered_at": now,
            "discovered_by": "self",
            "data_categories": ["name", "address", "my_number", "health"],
            "persons": "180",
            "persons_is_upper_bound": "on",
            "medium": "electronic",
            "ledger_entries": [row.pk],
        },
    )
    incident = Incident.objects.get()
    assert response.status_code == 302
    assert list(incident.ledger_entries.all()) == [row]
    html = client.get(f"/incidents/{incident.pk}/").content.decode()
    assert "ledger-rows" in html and row.number in html


def test_triage_pre_fills_special_care_and_my_number_from_the_linked_rows(login, manager, sales, incident):
    row = make_row(manager, sales)
    incident.ledger_entries.add(row)
    form = login(manager).get(f"/incidents/{incident.pk}/triage/").context["form"]
    assert form.initial["special_care"] is True and form.initial["my_number"] is True
    assert list(form.initial["ledger_entries"]) == [row]


def test_an_employee_gets_no_ledger_picker_and_no_prefill(login, manager, employee, sales):
    row = make_row(manager, sales)
    form = login(employee).get(f"/incidents/report/?ledger={row.pk}").context["form"]
    assert "ledger_entries" not in form.fields and "persons" not in form.initial


def test_the_ledger_row_offers_to_start_an_incident(login, manager, sales):
    row = make_row(manager, sales)
    html = login(manager).get(f"/ledger/{row.pk}/").content.decode()
    assert f"/incidents/report/?ledger={row.pk}" in html
