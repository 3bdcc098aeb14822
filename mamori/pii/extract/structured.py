"""Read JSON, JSON Lines and XML exports as tables (one line per record, one column per field), vCards as forms,
iCalendar events as lines (see ``ical_text``).

An export of a member list (``<会員><氏名>…</氏名><住所>…</住所></会員>``, ``[{"name": …, "tel": …}]``)
holds the same data as a CSV, but as text the field names sit far from their values, where the table
recognizer (which judges a column by its header) cannot see them. Here the records of one list become a
tab-separated table: a header line of the field names, then a line of values per record. Every other
value is kept as a ``field: value`` line, so nothing of the file is lost. Input that does not parse is
left to the plain-text reader.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from lxml import etree

_SCALARS = (str, int, float, bool)
MIN_RECORDS = 2  # a list of one record is written as fields


def json_text(text: str, lines: bool = False) -> str | None:
    """Return the records of a JSON (or, with *lines*, JSON Lines) text as tables, or None if it is not JSON."""
    try:
        if lines:
            data: Any = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    out: list[str] = []
    _json_value(data, "", out)
    return "\n".join(out) + "\n"


def _json_value(value: Any, key: str, out: list[str]) -> None:
    if isinstance(value, dict):
        for name, item in value.items():
            _json_value(item, str(name), out)
    elif isinstance(value, list):
        records = [item for item in value if isinstance(item, dict)]
        if len(records) >= MIN_RECORDS:
            _table([_flatten_json(item) for item in records], out)
        for item in value:
            if not (isinstance(item, dict) and len(records) >= MIN_RECORDS):
                _json_value(item, key, out)
    elif isinstance(value, _SCALARS) and not isinstance(value, bool):
        out.append(f"{key}: {_cell(str(value))}" if key else _cell(str(value)))


def _flatten_json(record: dict[str, Any]) -> list[tuple[list[str], str]]:
    """Return the scalar fields of *record* with their key paths (nested objects included)."""
    fields: list[tuple[list[str], str]] = []

    def walk(value: Any, path: list[str]) -> None:
        if isinstance(value, dict):
            for name, item in value.items():
                walk(item, [*path, str(name)])
        elif isinstance(value, list):
            for item in value:
                walk(item, path)
        elif value is not None and not isinstance(value, bool):
            fields.append((path, str(value)))

    walk(record, [])
    return fields


def xml_text(data: bytes) -> str | None:
    """Return the records of an XML document as tables, or None if it is not well-formed XML.

    The parser reads no DTD, resolves no entity and fetches nothing (no XXE, no entity expansion bomb).
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    out: list[str] = []
    _xml_element(root, out)
    return "\n".join(out) + "\n"


def _tag(element: Any) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _xml_element(element: Any, out: list[str]) -> None:
    children = [child for child in element if isinstance(child.tag, str)]
    _xml_attributes(element, out)
    if not children:
        text = (element.text or "").strip()
        if text:
            out.append(f"{_tag(element)}: {_cell(text)}")
        return
    if (element.text or "").strip():
        out.append(_cell(element.text))
    groups: dict[str, list[Any]] = {}
    for child in children:
        groups.setdefault(_tag(child), []).append(child)
    done: set[str] = set()
    for child in children:
        tag = _tag(child)
        same = groups[tag]
        if len(same) >= MIN_RECORDS and any(len(c) for c in same):  # a list of records
            if tag not in done:
                done.add(tag)
                _table([_flatten_xml(record) for record in same], out)
        else:
            _xml_element(child, out)
        if (child.tail or "").strip():
            out.append(_cell(child.tail))


def _xml_attributes(element: Any, out: list[str]) -> None:
    for name, value in element.attrib.items():
        if value.strip():
            out.append(f"{etree.QName(name).localname}: {_cell(value)}")


def _flatten_xml(record: Any) -> list[tuple[list[str], str]]:
    """Return the leaf texts and attributes of *record* with their tag paths."""
    fields: list[tuple[list[str], str]] = []

    def walk(element: Any, path: list[str]) -> None:
        for name, value in element.attrib.items():
            fields.append(([*path, etree.QName(name).localname], value))
        children = [child for child in element if isinstance(child.tag, str)]
        if not children:
            if (element.text or "").strip():
                fields.append((path, element.text.strip()))
            return
        for child in children:
            walk(child, [*path, _tag(child)])

    walk(record, [])
    return fields


def _table(records: list[list[tuple[list[str], str]]], out: list[str]) -> None:
    """Write *records* as a tab-separated table headed by their field names (the shortest unique ones)."""
    paths: dict[tuple[str, ...], None] = {}
    for record in records:
        for path, _value in record:
            paths.setdefault(tuple(path), None)
    header = _header_names(list(paths))
    column = {path: i for i, path in enumerate(paths)}
    out.append("")
    out.append("\t".join(header))
    for record in records:
        row = [""] * len(header)
        for path, value in record:
            i = column[tuple(path)]
            row[i] = f"{row[i]} {_cell(value)}".strip()
        out.append("\t".join(row))
    out.append("")


def _header_names(paths: Iterable[tuple[str, ...]]) -> list[str]:
    """Name each column by the last part of its path, joined with its parents' only where names repeat.

    ``patient/name`` and ``patient/tel`` are ``name`` and ``tel``; with ``agent/name`` beside
    ``name`` the second is ``agent_name``.
    """
    paths = list(paths)
    names = [path[-1] if path else "value" for path in paths]
    depth = 1
    while len(set(names)) < len(names) and depth < max((len(p) for p in paths), default=1):
        depth += 1
        seen: dict[str, int] = {}
        for name in names:
            seen[name] = seen.get(name, 0) + 1
        names = [
            "_".join(path[-depth:]) if seen[name] > 1 and path else name
            for name, path in zip(names, paths, strict=True)
        ]
    return names


def _cell(value: str) -> str:
    return " ".join(value.split())


# The fields of a vCard, written as the labels a Japanese form gives them.
_VCARD_LABELS = {
    "FN": "氏名",
    "N": "氏名",
    "SORT-STRING": "フリガナ",
    "X-PHONETIC-LAST-NAME": "フリガナ",
    "X-PHONETIC-FIRST-NAME": "フリガナ",
    "TEL": "電話",
    "EMAIL": "メール",
    "ADR": "住所",
    "BDAY": "生年月日",
    "ORG": "会社",
    "TITLE": "役職",
    "NOTE": "メモ",
}


def vcard_text(text: str) -> str | None:
    """Return each contact of a vCard file as ``label：value`` lines (氏名：…, 電話：…), or None if unreadable.

    vobject reads vCard 2.1 and 3.0/4.0, decoding quoted-printable Shift_JIS names of older phones.
    """
    import vobject

    out: list[str] = []
    try:
        for card in vobject.readComponents(text, ignoreUnreadable=True):
            names = [child for child in card.getChildren() if child.name == "FN"]
            for child in card.getChildren():
                label = _VCARD_LABELS.get(child.name)
                if label is None or (child.name == "N" and names):
                    continue
                out.append(f"{label}：{_vcard_value(child.name, child.value)}")
            out.append("")
    except Exception:  # noqa: BLE001 - vobject raises its own errors and plain ones on bad input
        return None
    return "\n".join(out) + "\n" if out else None


def _vcard_value(name: str, value: Any) -> str:
    if name == "N":
        return _cell(" ".join(part for part in (value.family, value.given) if part))
    if name == "ADR":
        zipcode = f"〒{value.code} " if value.code else ""
        parts = (value.region, value.city, value.street, value.extended)
        return zipcode + _cell("".join(part for part in parts if isinstance(part, str)))
    if isinstance(value, list):
        return _cell(" ".join(map(str, value)))
    return _cell(str(value))


# An iCalendar event's people: the attendee's and the organiser's display names (CN=) and mailboxes.
_ICAL_PEOPLE = {"ATTENDEE": "参加者", "ORGANIZER": "主催者", "CONTACT": "連絡先"}
# Its texts, read as lines of prose: a shift's SUMMARY names who works it (早番 大森 千景).
_ICAL_TEXT = frozenset({"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT"})
_ICAL_CN = re.compile(r';CN=(?:"([^"]*)"|([^;:]*))', re.IGNORECASE)
_ICAL_ROOM = re.compile(r";CUTYPE=(?:ROOM|RESOURCE)", re.IGNORECASE)


def ical_text(text: str) -> str | None:
    """Return an iCalendar file's events as lines a person's data can be read from, or None if it is none.

    Folded lines are unfolded first. UID, RECURRENCE-ID, DTSTAMP and the X- properties are identifiers
    of the calendar (``UID:5521873301@npo.example.jp`` is no mailbox) and are left out; ATTENDEE and
    ORGANIZER give ``参加者：name <mailbox>`` (a room or a resource gives its mailbox alone), SUMMARY and
    DESCRIPTION their text with the escapes undone, LOCATION its text after ``場所：`` (where the event takes
    place: ``sites.py`` reads its address as the venue's in an event naming nobody); an event ends with
    a blank line.
    """
    if "BEGIN:VCALENDAR" not in text[:2000].upper():
        return None
    out: list[str] = []
    for line in re.sub(r"\r?\n[ \t]", "", text).splitlines():
        name, sep, value = line.partition(":")
        if not sep:
            continue
        prop = name.split(";", 1)[0].upper()
        if prop in _ICAL_PEOPLE:
            mailbox = value[7:] if value.lower().startswith("mailto:") else ""
            cn = _ICAL_CN.search(name)
            who = "" if cn is None or _ICAL_ROOM.search(name) else (cn.group(1) or cn.group(2) or "").strip()
            if who and who != mailbox:
                out.append(f"{_ICAL_PEOPLE[prop]}：{who}" + (f" <{mailbox}>" if mailbox else ""))
            elif mailbox:
                out.append(f"{_ICAL_PEOPLE[prop]}：{mailbox}")
        elif prop in _ICAL_TEXT:
            unescaped = re.sub(r"\\([nN,;\\])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)
            parts = [part for part in unescaped.splitlines() if part.strip()]
            out.extend(f"場所：{part}" if prop == "LOCATION" else part for part in parts)
        elif prop == "END" and value.strip().upper() == "VEVENT":
            out.append("")
    return "\n".join(out) + "\n"


SUFFIXES = frozenset({".xml", ".json", ".jsonl", ".ndjson", ".vcf", ".ics"})


def records_text(data: bytes, text: str, suffix: str) -> str:
    """Return the text to scan for an export named with *suffix*: its records as tables, else *text*."""
    if suffix == ".xml":
        converted = xml_text(data)
    elif suffix == ".vcf":
        converted = vcard_text(text)
    elif suffix == ".ics":
        converted = ical_text(text)
    else:
        converted = json_text(text, lines=suffix != ".json")
    return text if converted is None else converted
