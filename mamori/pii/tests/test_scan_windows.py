"""Windows over long and streamed texts: every span found once, also across a window's edge."""

from __future__ import annotations

import random

import pytest

from mamori.pii import scan_worker
from mamori.pii.extract import STREAM_SIZE, Limits, Part, extract
from mamori.pii.scan_windows import CHUNK, Windower
from mamori.pii.scan_worker import Task, scan_file


def windows_of(pieces, size=CHUNK, context=512):
    windower = Windower(size, context)
    out = []
    for piece in pieces:
        out.extend(windower.feed(piece))
    out.extend(windower.close())
    return out


@pytest.mark.parametrize("seed", range(20))
def test_the_owned_parts_of_the_windows_are_the_text_in_order(seed):
    rng = random.Random(seed)
    lines = ["x" * rng.choice([0, 5, 80, 700, 3000]) for _ in range(rng.randint(1, 400))]
    text = "\n".join(lines) + rng.choice(["", "\n"])
    cuts = sorted(rng.sample(range(len(text) + 1), k=min(len(text) + 1, rng.randint(0, 6))))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    windows = windows_of(pieces, size=rng.choice([100, 1000, 4096]), context=rng.choice([0, 50, 512]))
    assert "".join(w.text[w.own_start : w.own_end] for w in windows) == text


def test_later_windows_of_a_table_start_with_its_header_line():
    text = "氏名\t電話\n" + "".join(f"名前{i}\t090-0000-{i:04d}\n" for i in range(300))
    windows = windows_of([text], size=1000, context=100)
    assert len(windows) > 3
    assert all(w.text.startswith("氏名\t電話\n") for w in windows)
    assert all(w.text[w.own_start : w.own_start + 2] == "名前" for w in windows[1:])  # whole lines


def test_a_value_straddling_the_edge_of_a_window_on_a_long_line_is_found_once(tmp_path):
    filler = "ログ出力 状態は正常 " * (CHUNK // 11 + 1)
    cut = CHUNK - 8  # the address starts 8 characters before the edge of the first window
    text = filler[:cut] + " 連絡先 yamada.taro@example.co.jp " + filler
    assert "\n" not in text
    path = tmp_path / "one-line.log"
    path.write_text(text, encoding="utf-8")
    result = scan_file(Task(str(path), path.stat().st_size, 0, show_values=True))
    assert result["counts"] == {"EMAIL": 1}
    assert result["examples"][0]["value"] == "yamada.taro@example.co.jp"


def test_a_big_text_file_is_streamed_in_parts_and_every_value_found_once(tmp_path):
    line = "2026-04-01 12:00:00 INFO job=batch status=ok elapsed=12ms\n"
    count = STREAM_SIZE // len(line) + 2000
    lines = [line] * count
    values = {}
    for n, index in enumerate(range(1000, count, count // 7)):
        mail = f"user{n}@example.jp"
        values[mail] = index
        lines[index] = f"2026-04-01 12:00:00 INFO 問い合わせ 氏名 テスト 連絡先 {mail}\n"
    path = tmp_path / "big.log"
    path.write_text("".join(lines), encoding="utf-8")
    parts = list(extract(path, limits=Limits(max_file_size=64 * STREAM_SIZE)))
    assert len(parts) > 8 and all(p.encoding == "utf-8" for p in parts)
    assert [p.offset for p in parts] == [sum(len(q.text) for q in parts[:i]) for i in range(len(parts))]
    assert all(p.text.endswith("\n") for p in parts)
    task = Task(str(path), path.stat().st_size, 0, limits=Limits(max_file_size=64 * STREAM_SIZE))
    result = scan_file(task)
    assert result["counts"]["EMAIL"] == len(values)
    assert result["persons"] >= len(values)


def test_a_big_cp932_file_is_streamed_with_its_encoding(tmp_path):
    line = "顧客番号,氏名,電話番号,備考\n"
    body = "".join(f"{i},山田 太郎{i},03-1234-{i % 10000:04d},特記なし①\n" for i in range(260_000))
    data = (line + body).encode("cp932")
    assert len(data) > STREAM_SIZE
    path = tmp_path / "顧客.csv"
    path.write_bytes(data)
    parts = list(extract(path, limits=Limits(max_file_size=4 * len(data))))
    assert len(parts) > 1 and {p.encoding for p in parts} == {"cp932"}
    assert "".join(p.text for p in parts) == data.decode("cp932")


def test_a_content_budget_stops_a_streamed_file(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"abcdefghij\n" * (STREAM_SIZE // 11 + 10))
    parts = list(extract(path, limits=Limits(max_part_chars=3 * 1024 * 1024)))
    assert parts[-1].truncated and sum(len(p.text) for p in parts) == 3 * 1024 * 1024


def test_windows_after_the_first_part_continue_the_same_text():
    summary = scan_worker.Summary(True)
    first = Part("a.txt", "連絡先 taro@exa")
    second = Part("a.txt", "mple.jp\n", offset=len(first.text))
    summary.add_parts([first, second], float("inf"), Limits())
    assert dict(summary.counts) == {"EMAIL": 1}
    assert summary.examples[0]["value"] == "taro@example.jp"


def test_a_zip_of_many_bombs_gives_one_problem_line_per_container(tmp_path):
    import io
    import zipfile

    from .extract_samples import bomb_zip

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n in range(40):
            zf.writestr(f"b{n}.zip", bomb_zip())
    path = tmp_path / "bombs.zip"
    path.write_bytes(buf.getvalue())
    result = scan_file(Task(str(path), path.stat().st_size, 0))
    codes = [(p["code"], p.get("more", 0)) for p in result["problems"]]
    assert len(codes) < 5 and result["status"] == "error"
    assert sum(1 + more for _code, more in codes) >= 40
