"""``mamori scan``: output formats, masking, exit status, cache, unreadable input, parallel workers."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from pathlib import Path

import pytest

from mamori.pii import scan
from mamori.pii.scan_worker import Task, scan_file

from .extract_samples import (
    EMAIL,
    JAPANESE_TEXT,
    PHONE,
    bomb_zip,
    make_docx,
    make_xlsx,
    png_bytes,
    program_bytes,
    zip_bytes,
    zip_with_tool,
)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Return a small tree: a roster workbook, a letter, a CP932 CSV in a zip, a clean note, an image."""
    root = tmp_path / "share"
    (root / "総務").mkdir(parents=True)
    make_xlsx(root / "総務" / "名簿.xlsx")
    make_docx(root / "letter.docx")
    (root / "archive.zip").write_bytes(
        zip_bytes({"顧客.csv": JAPANESE_TEXT.encode("cp932")}, utf8_names=False)
    )
    (root / "note.txt").write_text("会議は午後三時から。\n", encoding="utf-8")
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return root


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = scan.main([*argv, "--no-progress"])
    out, err = capsys.readouterr()
    return code, out, err


def jsonl(out: str) -> dict[str, dict]:
    rows = [json.loads(line) for line in out.splitlines()]
    return {Path(row["path"]).name: row for row in rows}


def test_findings_give_exit_1_with_counts_persons_and_masked_examples(tree, capsys):
    code, out, err = run(capsys, str(tree), "--format", "jsonl", "--no-cache", "--jobs", "1")
    rows = jsonl(out)
    assert code == 1
    assert set(rows) == {"名簿.xlsx", "letter.docx", "archive.zip", "note.txt", "photo.png"}
    roster = rows["名簿.xlsx"]
    assert roster["status"] == "findings"
    assert roster["counts"]["EMAIL"] == 2 and roster["counts"]["PHONE"] == 2
    assert roster["persons"] == 2
    assert "090-****-5678" in {e["masked"] for e in roster["examples"]}
    assert rows["note.txt"]["status"] == "clean"
    assert rows["photo.png"]["status"] == "unsupported"
    assert rows["archive.zip"]["encodings"] == ["cp932"]
    assert "5 files" in err
    assert "1 unsupported (PNG image 1)" in err


def test_raw_values_never_appear_unless_show_values_is_given(tree, capsys):
    for fmt in ("table", "jsonl", "csv"):
        _, out, _ = run(capsys, str(tree), "--format", fmt, "--no-cache", "--jobs", "1")
        assert PHONE not in out and EMAIL not in out, fmt
    _, out, _ = run(capsys, str(tree), "--format", "jsonl", "--no-cache", "--jobs", "1", "--show-values")
    assert PHONE in out and EMAIL in out


def test_clean_tree_exits_0_and_the_table_says_so(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("特になし\n", encoding="utf-8")
    code, out, _ = run(capsys, str(tmp_path), "--no-cache")
    assert code == 0
    assert "Nothing found that needs attention." in out
    assert "1 files" in out


def test_unreadable_files_are_listed_and_findings_still_exit_1(tree, capsys):
    (tree / "bomb.zip").write_bytes(bomb_zip())
    code, out, _ = run(capsys, str(tree), str(tree / "missing.xlsx"), "--no-cache", "--jobs", "1")
    assert code == 1  # personal data was found: that is what a script must learn first
    assert "ratio_exceeded" in out and "bomb.zip" in out
    assert "unreadable" in out and "missing.xlsx" in out
    assert "Traceback" not in out


def test_table_lists_files_that_need_attention_with_examples(tree, capsys):
    _, out, _ = run(capsys, str(tree), "--no-cache", "--jobs", "1")
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["STATUS", "PERSONS", "FINDINGS"]
    assert any("名簿.xlsx" in line and line.startswith("findings") for line in lines)
    assert "note.txt" not in out and "photo.png" not in out
    assert "e.g. PHONE 090-****-5678" in out


def test_the_table_masks_a_members_name_beside_its_masked_values(tmp_path, capsys):
    (tmp_path / "応募書類.zip").write_bytes(
        zip_bytes({"履歴書_柳田心春.txt": "氏名：柳田 心春\n電話：090-6623-1187\n".encode()})
    )
    _, out, _ = run(capsys, str(tmp_path), "--no-cache", "--jobs", "1")
    assert "at !/履歴書_柳田**.txt" in out and "柳田心春" not in out


def test_csv_has_a_header_and_one_row_per_file(tree, capsys):
    _, out, _ = run(capsys, str(tree), "--format", "csv", "--no-cache", "--jobs", "1")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 5
    roster = next(r for r in rows if r["path"].endswith("名簿.xlsx"))
    assert roster["persons"] == "2" and "PHONE=2" in roster["counts"]


def test_parallel_workers_give_the_same_results_as_one(tree, capsys):
    _, serial, _ = run(capsys, str(tree), "--format", "jsonl", "--no-cache", "--jobs", "1")
    _, parallel, _ = run(capsys, str(tree), "--format", "jsonl", "--no-cache", "--jobs", "2")

    def strip(out):
        rows = [{k: v for k, v in json.loads(line).items() if k != "seconds"} for line in out.splitlines()]
        return sorted(rows, key=lambda row: row["path"])

    assert strip(serial) == strip(parallel)


def test_one_job_reports_in_walk_order(tree, capsys):
    _, out, _ = run(capsys, str(tree), "--format", "jsonl", "--no-cache", "--jobs", "1")
    paths = [json.loads(line)["path"] for line in out.splitlines()]
    assert [Path(p).name for p in paths] == [
        "archive.zip",
        "letter.docx",
        "note.txt",
        "photo.png",
        "名簿.xlsx",
    ]


def test_workers_are_given_the_biggest_files_first_in_batches(tmp_path):
    sizes = {"a.txt": 10, "b.txt": 300, "c.txt": 20, "d.txt": 300, "e.txt": 5000}
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(b"x" * size)
    broken = tmp_path / "f.txt"
    broken.symlink_to(tmp_path / "missing")
    walked = list(scan.walk([str(tmp_path)]))
    ordered = list(scan.largest_first(walked))
    names = [Path(item[0] if isinstance(item, tuple) else item["path"]).name for item in ordered]
    assert names == ["f.txt", "e.txt", "b.txt", "d.txt", "c.txt", "a.txt"]  # ties keep walk order
    in_threes = [Path(item[0]).name for item in scan.largest_first(walked[:5], batch=3)]
    assert in_threes == ["b.txt", "c.txt", "a.txt", "e.txt", "d.txt"]


def test_unchanged_files_come_from_the_cache_and_changed_ones_are_read_again(tree, tmp_path, capsys):
    cache = str(tmp_path / "cache.sqlite3")
    run(capsys, str(tree), "--format", "jsonl", "--cache", cache, "--jobs", "1")
    _, out, _ = run(capsys, str(tree), "--format", "jsonl", "--cache", cache, "--jobs", "1")
    assert all(row.get("cached") for row in jsonl(out).values())
    note = tree / "note.txt"
    note.write_text(f"連絡先 {PHONE}\n", encoding="utf-8")
    _, out, _ = run(capsys, str(tree), "--format", "jsonl", "--cache", cache, "--jobs", "1")
    rows = jsonl(out)
    assert not rows["note.txt"].get("cached") and rows["note.txt"]["status"] == "findings"
    assert rows["名簿.xlsx"]["cached"]
    assert (os.stat(cache).st_mode & 0o777) == 0o600


def test_touched_file_with_same_content_is_recognised_by_its_hash(tree, tmp_path, capsys):
    cache = str(tmp_path / "cache.sqlite3")
    run(capsys, str(tree), "--format", "jsonl", "--cache", cache, "--jobs", "1")
    os.utime(tree / "letter.docx", ns=(1, 1))
    _, out, _ = run(capsys, str(tree), "--format", "jsonl", "--cache", cache, "--jobs", "1")
    assert jsonl(out)["letter.docx"]["cached"] is True


def test_cache_never_stores_raw_values(tree, tmp_path, capsys):
    cache = tmp_path / "cache.sqlite3"
    run(capsys, str(tree), "--cache", str(cache), "--jobs", "1", "--show-values")
    assert PHONE.encode() not in cache.read_bytes() and EMAIL.encode() not in cache.read_bytes()


def test_unreadable_file_is_listed_not_a_traceback(tmp_path, capsys):
    if os.geteuid() == 0:
        pytest.skip("root reads files without permission bits")
    path = tmp_path / "secret.csv"
    path.write_text("x")
    path.chmod(0)
    code, out, _ = run(capsys, str(tmp_path), "--no-cache", "--jobs", "1")
    assert code == 2 and "unreadable" in out


def test_broken_symbolic_link_is_listed_as_unreadable(tmp_path, capsys):
    (tmp_path / "gone.xlsx").symlink_to(tmp_path / "nowhere.xlsx")
    code, out, _ = run(capsys, str(tmp_path), "--no-cache", "--jobs", "1")
    assert code == 2
    assert "unreadable: " in out and "broken symbolic link" in out


def test_worker_reports_an_oversized_file_without_reading_it_into_memory(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"a,b\n" * 1000)
    result = scan_file(Task(str(path), 4000, 0, limits=scan.Limits(max_file_size=100)))
    assert [p["code"] for p in result["problems"]] == ["too_large"]
    assert result["hash"]


def test_an_unreadable_file_and_no_findings_exit_2(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("特になし\n", encoding="utf-8")
    (tmp_path / "bomb.zip").write_bytes(bomb_zip())
    os.symlink(tmp_path / "gone.txt", tmp_path / "broken.txt")
    code, out, _ = run(capsys, str(tmp_path), "--no-cache", "--jobs", "1")
    assert code == 2
    assert "broken symbolic link" in out and "ratio_exceeded" in out


def test_an_internal_error_exits_2_never_1(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.txt").write_text("氏名：山田 太郎\n", encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(scan.Writer, "write", broken)
    code, _, err = run(capsys, str(tmp_path), "--no-cache", "--jobs", "1")
    assert code == 2
    assert "failed: RuntimeError: boom" in err


def test_bad_usage_exits_2(capsys):
    assert scan.main(["--jobs", "0", "x"]) == 2
    assert scan.main([]) == 2


def test_a_fifo_given_on_the_command_line_is_reported_not_read(tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, out, _ = run(capsys, str(fifo), "--no-cache", "--jobs", "1", "--format", "jsonl")
    (row,) = jsonl(out).values()
    assert row["status"] == "skipped" and "special file" in row["problems"][0]["message"]
    assert code == 0


def test_help_explains_exit_status_and_the_person_estimate(capsys):
    assert scan.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "exit status: 1 personal data was found (in any file); 2 nothing was found" in out
    assert "persons: an estimate" in out


def test_deleted_files_are_forgotten_by_the_cache(tree, tmp_path, capsys):
    cache = tmp_path / "cache.sqlite3"
    run(capsys, str(tree), "--cache", str(cache), "--jobs", "1")
    (tree / "letter.docx").unlink()
    run(capsys, str(tree / "総務"), "--cache", str(cache), "--jobs", "1")

    def cached_names():
        with sqlite3.connect(cache) as db:
            return {Path(row[0]).name for row in db.execute("SELECT path FROM files")}

    assert "letter.docx" in cached_names()  # a scan of a sub-tree prunes only that sub-tree
    run(capsys, str(tree), "--cache", str(cache), "--jobs", "1")
    paths = cached_names()
    assert "letter.docx" not in paths
    assert {"名簿.xlsx", "archive.zip", "note.txt"} <= paths


def test_cache_files_are_private(tree, tmp_path, capsys):
    cache = tmp_path / "c" / "cache.sqlite3"
    run(capsys, str(tree), "--cache", str(cache), "--jobs", "1")
    for path in cache.parent.iterdir():
        assert path.stat().st_mode & 0o077 == 0, path


def test_an_unusable_cache_is_reported_and_the_scan_goes_on(tree, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    code, out, err = run(capsys, str(tree), "--cache", str(blocker / "cache.sqlite3"), "--jobs", "1")
    assert code == 1
    assert "cache" in err and "not used" in err
    assert "名簿.xlsx" in out


def test_huge_directories_stream_unsorted_and_small_ones_are_sorted(tmp_path, monkeypatch):
    monkeypatch.setattr(scan, "SORT_LIMIT", 5)
    for i in range(12):
        (tmp_path / f"f{i:02d}.txt").write_text("x")
    (tmp_path / "small").mkdir()
    for name in ("c", "a", "b"):
        (tmp_path / "small" / name).write_text("x")
    names = [Path(item[0]).name for item in scan.walk([str(tmp_path)]) if isinstance(item, tuple)]
    assert sorted(names) == sorted([f"f{i:02d}.txt" for i in range(12)] + ["a", "b", "c"])
    assert [n for n in names if n in "abc"] == ["a", "b", "c"]


@pytest.fixture
def disguised(tmp_path: Path) -> Path:
    """Return a share whose zip (made by Info-ZIP) hides a program as 顧客.csv next to a real photo."""
    root = tmp_path / "share"
    root.mkdir()
    members = {
        "顧客.csv": program_bytes(),
        "photo.png": png_bytes(),
        "memo.txt": "議題: 来期の計画\n".encode(),
    }
    zip_with_tool(tmp_path / "src", members, root / "送付.zip")
    (root / "note.txt").write_text("会議は午後三時から。\n", encoding="utf-8")
    (root / "logo.png").write_bytes(png_bytes())
    return root


def test_a_disguised_binary_member_is_not_read_and_gives_exit_2(disguised, capsys):
    code, out, err = run(capsys, str(disguised), "--format", "jsonl", "--no-cache", "--jobs", "1")
    rows = jsonl(out)
    assert code == 2
    archive = rows["送付.zip"]
    assert archive["status"] == "error"
    assert [(p["code"], p["params"]["kind"]) for p in archive["problems"]] == [
        ("binary", "executable"),
        ("unsupported", "PNG image"),
    ]
    assert archive["problems"][0]["location"].endswith("送付.zip!/顧客.csv")
    assert rows["logo.png"]["status"] == "unsupported" and rows["note.txt"]["status"] == "clean"
    assert "1 not fully read" in err


def test_a_disguised_binary_shows_in_the_table_and_in_japanese_in_the_html_report(disguised, capsys):
    _, table, _ = run(capsys, str(disguised), "--no-cache", "--jobs", "1")
    assert "! binary: " in table and "顧客.csv holds binary data (executable)" in table
    code, report, _ = run(capsys, str(disguised), "--format", "html", "--no-cache", "--jobs", "1")
    assert code == 2
    assert (
        "送付.zip!/顧客.csvはテキストではないバイナリデータ（実行ファイル）のため、内容は確認していません。"
        in report
    )


def test_personal_data_next_to_a_disguised_binary_still_gives_exit_1(disguised, capsys):
    (disguised / "顧客一覧.txt").write_text(JAPANESE_TEXT, encoding="utf-8")
    code, out, _ = run(capsys, str(disguised), "--format", "jsonl", "--no-cache", "--jobs", "1")
    assert code == 1 and jsonl(out)["送付.zip"]["status"] == "error"


def scan_folder(capsys, folder: Path, files: dict[str, bytes]) -> tuple[int, dict[str, dict], str]:
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    code, out, err = run(capsys, str(folder), "--format", "jsonl", "--no-cache", "--jobs", "1")
    return code, jsonl(out), err


def test_a_format_not_read_is_not_checked_and_what_holds_no_documents_is_skipped(tmp_path, capsys):
    # An image may be a scanned licence, a RAR archive holds files: not checked, exit 2 when nothing
    # was found, as a scanned PDF. A program, a font or a registry hive holds no documents: exit 0.
    images = {"免許証.jpg": b"\xff\xd8\xff\xe0" + bytes(64), "書類.rar": b"Rar!\x1a\x07\x00" + bytes(64)}
    code, rows, err = scan_folder(capsys, tmp_path / "images", images)
    assert code == 2
    assert {name: row["status"] for name, row in rows.items()} == dict.fromkeys(images, "unsupported")
    assert rows["書類.rar"]["problems"][0]["params"]["kind"] == "RAR archive"
    assert "2 unsupported" in err
    assert "content was not checked" in rows["免許証.jpg"]["problems"][0]["message"]
    programs = {
        "setup.exe": b"MZ" + bytes(64),
        "NTUSER.DAT": b"regf" + bytes(64),
        "font.ttf": b"\x00\x01\x00\x00" + bytes(64),
        "memo.txt": "会議は午後三時から。\n".encode(),
    }
    code, rows, err = scan_folder(capsys, tmp_path / "programs", programs)
    assert code == 0
    assert {name: row["status"] for name, row in rows.items()} == {
        **dict.fromkeys(programs, "skipped"),
        "memo.txt": "clean",
    }
    assert "3 skipped" in err
