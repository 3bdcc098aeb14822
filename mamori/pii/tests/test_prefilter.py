"""The prefilter only ever skips a recognizer that would have found nothing, with Hyperscan or without."""

from __future__ import annotations

import ast
import inspect
import json
import re
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import pytest

from mamori.pii import address, dates, engine, ids, name_fields, names, numbers, prose, tables
from mamori.pii.chat_lines import find_chat_line_persons
from mamori.pii.dates import find_birth_dates
from mamori.pii.engine import _TRIGGERS, RECOGNIZERS, _run_recognizers, prefilter
from mamori.pii.marked_names import find_marked_persons
from mamori.pii.normalize import normalize
from mamori.pii.prefilter import Prefilter, Triggers, Untranslatable, superset
from mamori.pii.titled_names import find_titled_persons
from mamori.testing.pii_corpus import business_corpus, generate

hyperscan = pytest.importorskip("hyperscan")  # a dependency: only a broken install lacks it

FIXTURES = Path(__file__).parent / "fixtures"


@cache
def _texts() -> tuple[str, ...]:
    """Return normalised texts of every kind the engine meets: forms, lists, prose, news, business mail."""
    raw = [str(d["text"]) for d in generate(150, seed=5)] + business_corpus(200_000, seed=8)
    for name in ("heldout.jsonl", "real_news.jsonl", "real_prose.jsonl"):
        lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
        raw += [json.loads(line)["text"] for line in lines]
    prose_lines = (FIXTURES / "business_prose.txt").read_text(encoding="utf-8").splitlines()
    raw += [line.replace("{{", "").replace("}}", "") for line in prose_lines if not line.startswith("#")]
    # Every line of a form alone too: a trigger at a text's start or end, a text of one field.
    raw += [line for d in generate(40, seed=6) for line in str(d["text"]).splitlines() if line.strip()]
    return tuple(normalize(t).text for t in raw)


def test_hyperscan_is_loaded_and_every_declared_trigger_compiled() -> None:
    gate = prefilter()
    assert gate.active
    gated = [r for r, run_always in zip(RECOGNIZERS[1:], gate.always, strict=True) if not run_always]
    assert set(gated) == set(_TRIGGERS)


def test_a_recognizer_skipped_by_the_prefilter_finds_nothing() -> None:
    gate = prefilter()
    skipped = dict.fromkeys(_TRIGGERS, 0)
    for text in _texts():
        for recognizer, runnable in zip(RECOGNIZERS[1:], gate.runnable(text), strict=True):
            if not runnable:
                assert recognizer(text) == [], (recognizer.__name__, text[:80])
                skipped[recognizer] += 1
    assert all(skipped.values()), skipped  # each gate did skip texts: the check above was not empty


def test_the_recognizer_loop_finds_what_running_every_recognizer_finds() -> None:
    for text in _texts():
        plain = [hit for recognizer in RECOGNIZERS[1:] for hit in recognizer(text)]
        assert _run_recognizers(text) == plain


def _whole_text_scans(function: object, depth: int = 1) -> set[str]:
    """Return the module patterns ``function`` scans the whole ``text`` with (``P.finditer(text)``,
    ``P.search(text)``; ``P.match(text)`` as ``^P``), looking into the helpers it hands ``text`` to."""
    module = sys.modules[function.__module__]  # type: ignore[attr-defined]
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))  # type: ignore[arg-type]
    found: set[str] = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Name)):
            continue
        if node.args[0].id != "text":
            continue
        callee = node.func
        if isinstance(callee, ast.Attribute) and isinstance(callee.value, ast.Name) and len(node.args) == 1:
            if isinstance(getattr(module, callee.value.id, None), re.Pattern):
                prefix = "^" if callee.attr == "match" else ""
                found.add(prefix + callee.value.id)
        elif isinstance(callee, ast.Name) and depth and inspect.isfunction(getattr(module, callee.id, None)):
            found |= _whole_text_scans(getattr(module, callee.id), depth - 1)
    return found


# Scans that need no trigger of their own: a date is only looked at when a birth word is in the text,
# a name glued to a title only where a title word is (_TITLED's look-ahead), and an itinerary's flights
# only where a timed line ends in a bare 発 / 着 (_TIMED).
_NOT_ENTRIES = {
    find_birth_dates: {"_ERA_DATE", "_WESTERN_DATE", "_ENGLISH_DATE"},
    find_titled_persons: {"_TITLED"},
    # The chat's line finders point at the lines _SAID and _HEADING are then matched on: the
    # triggers stand for those two (test_fast_paths_logs.py checks the line-wise scan against them).
    find_chat_line_persons: {"^_SAID", "_SAID_AFTER_BREAK", "_BRACKET_LINE", "_TIME_AT_END"},
    find_marked_persons: {"_TRANSPORT", "_BARE_MOVE"},  # looked at only after a timed line's bare 発 / 着
}


@pytest.mark.parametrize("recognizer", list(_TRIGGERS), ids=lambda r: r.__name__)
def test_every_pattern_a_recognizer_scans_the_text_with_is_one_of_its_triggers(recognizer) -> None:
    """A new loop over a new pattern must be declared, or the prefilter would skip what it finds."""
    triggers = _TRIGGERS[recognizer]
    module = sys.modules[recognizer.__module__]
    declared = {name for name, value in vars(module).items() if value in triggers.search}
    declared |= {"^" + name for name, value in vars(module).items() if value in triggers.start}
    assert _whole_text_scans(recognizer) - _NOT_ENTRIES.get(recognizer, set()) <= declared


# Patterns of the recognizers, as a broad check of the rewriting: wherever Python's ``re`` finds a
# match, the rewritten expression must match too.
_MODULES = (names, address, dates, ids, numbers, prose, tables, name_fields)


def _patterns() -> list[re.Pattern[str]]:
    found = [v for m in _MODULES for v in vars(m).values() if isinstance(v, re.Pattern)]
    return [p for p in found if isinstance(p.pattern, str)]


def _compile(expression: str, multiline: bool):  # noqa: ANN202 - a hyperscan.Database
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    flags = hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_ALLOWEMPTY
    database.compile(
        expressions=[expression.encode("ascii")],
        flags=flags | (hyperscan.HS_FLAG_MULTILINE if multiline else 0),
    )
    return database


def _hyperscan_matches(expression: str, multiline: bool, text: str) -> bool:
    database = _compile(expression, multiline)
    found: list[object] = []
    database.scan(text.encode("utf-8"), match_event_handler=lambda *args: found.append(args))
    return bool(found)


def test_each_rewritten_pattern_matches_wherever_the_original_matches() -> None:
    texts = _texts()[::3]
    checked = 0
    for pattern in _patterns():
        try:
            expression, multiline = superset(pattern)
        except Untranslatable:
            continue
        try:
            database = _compile(expression, multiline)
        except hyperscan.error:
            continue  # too large for Hyperscan: never a trigger (the first test says they all compiled)
        checked += 1
        for text in texts:
            if pattern.search(text) is None:
                continue
            found: list[object] = []
            database.scan(text.encode("utf-8"), match_event_handler=lambda *a, found=found: found.append(a))
            assert found, (pattern.pattern[:60], text[:80])
    assert checked >= 40


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        (r":(?<=作成:|司会:)", "作成:山田", True),
        (r":(?<=作成:|司会:)", "時刻 10:30", False),  # the look-behind is kept, not dropped
        (r"\d{3}", "１２３", True),  # Python's \d takes full-width digits: so must the rewrite
        (r"\s", "\x1c", True),
        (r"[^\s\d]x", "\u3000x", False),
        (r"([./-])\d\1", "1.2.", True),
        (r"^ab$", "x\nab\ny", False),
        (r"(?m)^ab$", "x\nab\ny", True),
        (r"a\Z", "a\n", False),
        (r"a$", "a\n", True),
        (r"[𠮷﨑]", "𠮷田", True),
        (r"(?:a|b)++c", "abc", True),
    ],
)
def test_the_rewrite_keeps_what_matches(pattern: str, text: str, matches: bool) -> None:
    compiled = re.compile(pattern)
    assert (compiled.search(text) is not None) is matches  # the case says what Python's re does
    expression, multiline = superset(compiled)
    assert _hyperscan_matches(expression, multiline, text) is matches


def test_a_pattern_anchored_at_the_start_only_matches_there() -> None:
    expression, multiline = superset(re.compile("ab"), at_start=True)
    assert _hyperscan_matches(expression, multiline, "abc")
    assert not _hyperscan_matches(expression, multiline, "cab")


def test_case_folding_is_not_rewritten_and_that_recognizer_runs_on_every_text() -> None:
    with pytest.raises(Untranslatable):
        superset(re.compile("card", re.IGNORECASE))
    gate = Prefilter([Triggers((re.compile("card", re.IGNORECASE),)), Triggers((re.compile("@"),))])
    assert gate.runnable("no mail here") == [True, False]
    assert gate.runnable("a@b") == [True, True]


def test_threads_scanning_at_once_each_get_the_answer_one_thread_gets() -> None:
    gate = prefilter()
    texts = list(_texts()[:300])
    alone = [gate.runnable(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(gate.runnable, texts * 4))
    assert together == alone * 4


def test_a_text_with_lone_surrogates_runs_every_recognizer() -> None:
    gate = Prefilter([Triggers((re.compile("@"),))])
    assert gate.runnable("abc") == [False]
    assert gate.runnable("abc\udc81") == [True]


_WITHOUT_HYPERSCAN = """
import json, sys
sys.modules["hyperscan"] = None  # as on a machine where the wheel cannot load
from mamori.pii import detect
from mamori.pii.engine import prefilter
texts = json.loads(sys.stdin.read())
spans = [[[s.start, s.end, s.label, s.text] for s in detect(t)] for t in texts]
print(json.dumps([prefilter().active, spans]))
"""


def test_without_hyperscan_the_engine_runs_every_recognizer_and_finds_the_same() -> None:
    texts = [str(d["text"]) for d in generate(60, seed=12)] + business_corpus(60_000, seed=4)
    proc = subprocess.run(
        [sys.executable, "-c", _WITHOUT_HYPERSCAN],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
    )
    active, spans = json.loads(proc.stdout)
    assert active is False
    assert spans == [[[s.start, s.end, s.label, s.text] for s in engine.detect(t)] for t in texts]
    assert any(spans)


@pytest.mark.parametrize("escape", [r"\d", r"\w", r"\s"])
def test_a_class_escape_is_spelled_out_as_exactly_the_code_points_re_gives_it(escape: str) -> None:
    from mamori.pii.prefilter import _category_ranges

    pattern = re.compile(escape)
    plain = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and pattern.match(chr(c))]
    spelled = [c for lo, hi in _category_ranges(escape) for c in range(lo, hi + 1)]
    assert spelled == plain


def test_the_compiled_database_is_kept_in_the_users_cache_and_a_damaged_file_is_compiled_again(
    tmp_path, monkeypatch
) -> None:
    from mamori.pii.prefilter import Prefilter

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    gates = [_TRIGGERS.get(recognizer) for recognizer in RECOGNIZERS[1:]]
    texts = _texts()[:300]
    expected = [prefilter().runnable(t) for t in texts]
    first = Prefilter(gates)
    [kept] = (tmp_path / "mamori").glob("prefilter-*.hsdb")
    assert [first.runnable(t) for t in texts] == expected
    import hyperscan

    with monkeypatch.context() as patched:
        patched.setattr(hyperscan, "Database", None)  # nothing can be compiled now: it must be loaded
        loaded = Prefilter(gates)
    assert loaded.active and [loaded.runnable(t) for t in texts] == expected
    damaged = bytearray(kept.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    kept.write_bytes(bytes(damaged[: len(damaged) - 1000]))
    again = Prefilter(gates)
    assert [again.runnable(t) for t in texts] == expected
    assert len(kept.read_bytes()) == len(damaged)  # written anew, whole
    assert [p.name for p in (tmp_path / "mamori").iterdir()] == [kept.name]  # no temporary file left


def test_a_cache_that_cannot_be_written_only_means_compiling(tmp_path, monkeypatch) -> None:
    from mamori.pii.prefilter import Prefilter

    (tmp_path / "mamori").write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    gate = Prefilter([_TRIGGERS.get(recognizer) for recognizer in RECOGNIZERS[1:]])
    assert gate.active
    assert [gate.runnable(t) for t in _texts()[:100]] == [prefilter().runnable(t) for t in _texts()[:100]]


def test_writing_a_new_database_removes_those_unused_for_a_month_and_a_crashs_leftovers(
    tmp_path, monkeypatch
):
    import os
    import time

    from mamori.pii.prefilter import KEEP_DAYS, Prefilter

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = tmp_path / "mamori"
    folder.mkdir()
    old = time.time() - (KEEP_DAYS + 1) * 24 * 3600
    recent = time.time() - 3 * 24 * 3600
    for name, when in [
        ("prefilter-0123abcd.hsdb", old),  # an earlier version's, unused for a month
        ("prefilter-4567ef01.hsdb", recent),  # another version still in use beside this one
        (".prefilter-x1y2z3", old),  # a crash while writing
        ("scan.sqlite", old),  # the scan cache is not the prefilter's to remove
    ]:
        (folder / name).write_bytes(b"x")
        os.utime(folder / name, (when, when))
    Prefilter([_TRIGGERS.get(recognizer) for recognizer in RECOGNIZERS[1:]])
    names = sorted(p.name for p in folder.iterdir())
    assert "prefilter-0123abcd.hsdb" not in names and ".prefilter-x1y2z3" not in names
    assert {"prefilter-4567ef01.hsdb", "scan.sqlite"} <= set(names) and len(names) == 3
    [kept] = set(folder.glob("prefilter-*.hsdb")) - {folder / "prefilter-4567ef01.hsdb"}
    os.utime(kept, (old, old))
    Prefilter([_TRIGGERS.get(recognizer) for recognizer in RECOGNIZERS[1:]])  # loaded: its time refreshed
    assert time.time() - kept.stat().st_mtime < 3600


def test_every_code_point_is_each_code_point_but_the_surrogates_once_in_order():
    from mamori.pii.prefilter import _every_code_point

    text = _every_code_point()
    plain = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    assert text == plain
    assert len(text) == 0x110000 - 0x800
