"""Demo data of the scanner: two machines' results on スキャン結果, found by the real scanner.

A newcomer who opens スキャン結果 should see what a company's yearly scan gives, not an empty page. The
demo writes a handful of fictional files (a customer list in CP932, a staff roster, a résumé, a quote and
a transfer list that hold company data only, a manual with a 記入例, a broken zip) into a temporary
folder, scans them with the same engine as ``mamori scan`` and stores the masked results as uploads of a
sales PC and a file server. Every name, number and address is invented.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path
from typing import Any

import docx
import openpyxl

from mamori.core.models import Organisation
from mamori.pii.scan_cache import public
from mamori.pii.scan_worker import Task, scan_file
from mamori.scans import services
from mamori.scans.models import Machine

_GIVEN = [
    ("沙織", "サオリ"),
    ("健太", "ケンタ"),
    ("美咲", "ミサキ"),
    ("大輔", "ダイスケ"),
    ("陽菜", "ヒナ"),
    ("翔", "ショウ"),
]
_KANA = {
    "北村": "キタムラ",
    "高柳": "タカヤナギ",
    "三浦": "ミウラ",
    "長谷部": "ハセベ",
    "小野寺": "オノデラ",
    "宮城": "ミヤギ",
    "津田": "ツダ",
    "笹川": "ササガワ",
    "大槻": "オオツキ",
    "榎本": "エノモト",
    "芦田": "アシダ",
    "国分": "コクブ",
}
_SURNAMES = list(_KANA)  # each surname with its reading
_TOWNS = [
    "東京都世田谷区桜新町2-14-6",
    "東京都杉並区阿佐谷北3-8-21",
    "神奈川県川崎市中原区今井南町5-3",
    "埼玉県さいたま市浦和区高砂4-2-17",
]

_QUOTE = """御見積書

株式会社みほん商事 御中

件名：業務用プリンター保守契約（年間）
見積番号：Q-2026-0418
品番 PRN-4420X ×3台　年間保守 ¥396,000（税込）

株式会社サンプル情報機器
〒141-0031 東京都品川区西五反田7-22-17
TEL 03-5437-2210　FAX 03-5437-2211
営業部 support@sample-kiki.co.jp
"""

_MINUTES = """営業会議 議事録（2026年11月）

1. 上期の受注は前年比 108 %。品番 MB2493714 の在庫は 1,200 個。
2. 展示会の出展費は 48 万円、来場目標 600 名。
3. 次回は 12 月 14 日 10:00、第2会議室。
"""

_MANUAL = """顧客登録の手順

1. 顧客管理画面で「新規登録」を押します。
2. 氏名・電話番号・住所を入力します。

記入例
氏名：山田 太郎
電話番号：03-0000-0000
メール：taro.yamada@example.com
"""

_TRANSFERS = (
    "振込先名,銀行名,支店名,種別,口座番号\n"
    "株式会社サンプル情報機器,みほん銀行,五反田支店,普通,1234567\n"
    "有限会社テスト運輸,見本信用金庫,本店営業部,当座,7654321\n"
)


def _person(rng: random.Random) -> tuple[str, str]:
    surname = rng.choice(_SURNAMES)
    given, kana = rng.choice(_GIVEN)
    return f"{surname} {given}", f"{_KANA[surname]} {kana}"


def _phone(rng: random.Random) -> str:
    return f"0{rng.choice('789')}0-{rng.randint(2000, 9899)}-{rng.randint(1000, 9999)}"


def _write_files(root: Path) -> dict[str, list[tuple[Path, str]]]:
    """Write the demo files; return, per machine, each file with the path the machine shows."""
    rng = random.Random(2026)
    pc, fs = root / "pc", root / "fs"
    for folder in (pc, fs / "jinji", fs / "keiri", fs / "soumu"):
        folder.mkdir(parents=True)
    lines = ["氏名,フリガナ,電話番号,住所,メールアドレス"]
    for i in range(24):
        name, kana = _person(rng)
        lines.append(f"{name},{kana},{_phone(rng)},{rng.choice(_TOWNS)},c{1040 + i}@kokyaku-mail.jp")
    (pc / "customers.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["会社名", "氏名", "メールアドレス", "電話番号", "関心のある製品"])
    for i in range(12):
        name, _ = _person(rng)
        sheet.append(
            [
                f"見本工業株式会社 第{i + 1}工場",
                name,
                f"visitor{i + 7}@mihon-kogyo.jp",
                _phone(rng),
                "PRN-4420X",
            ]
        )
    book.save(pc / "visitors.xlsx")
    (pc / "quote.txt").write_text(_QUOTE, encoding="utf-8")
    (pc / "minutes.txt").write_text(_MINUTES, encoding="utf-8")
    roster = openpyxl.Workbook()
    sheet = roster.active
    sheet.append(["社員番号", "氏名", "生年月日", "住所", "携帯電話"])
    for i in range(18):
        name, _ = _person(rng)
        born = f"{rng.randint(1965, 2003)}/{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}"
        sheet.append([f"E{2100 + i}", name, born, rng.choice(_TOWNS), _phone(rng)])
    roster.save(fs / "jinji" / "roster.xlsx")
    resume = docx.Document()
    resume.add_heading("履歴書", level=1)
    table = resume.add_table(rows=4, cols=2)
    for row, (key, value) in zip(
        table.rows,
        [
            ("氏名", "芦田 美咲"),
            ("生年月日", "1996年4月18日"),
            ("住所", "東京都杉並区阿佐谷北3-8-21"),
            ("電話", "080-4471-2290"),
        ],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = key, value
    resume.save(str(fs / "jinji" / "resume.docx"))
    (fs / "keiri" / "transfers.csv").write_text(_TRANSFERS, encoding="utf-8")
    (fs / "soumu" / "manual.txt").write_text(_MANUAL, encoding="utf-8")
    (fs / "soumu" / "archive.zip").write_bytes(b"PK\x03\x04" + bytes(60))  # cut short: cannot be read
    return {
        "PC-EIGYO-01": [
            (pc / "customers.csv", r"C:\Users\eigyo01\Documents\顧客\顧客リスト_2026.csv"),
            (pc / "visitors.xlsx", r"C:\Users\eigyo01\Desktop\展示会来場者リスト.xlsx"),
            (pc / "quote.txt", r"C:\Users\eigyo01\Downloads\御見積書_サンプル情報機器.txt"),
            (pc / "minutes.txt", r"C:\Users\eigyo01\Documents\会議\営業会議議事録_2026-11.txt"),
        ],
        "fs01": [
            (fs / "jinji" / "roster.xlsx", r"\\fs01\share\人事\社員名簿_2026.xlsx"),
            (fs / "jinji" / "resume.docx", r"\\fs01\share\人事\応募書類\履歴書_芦田美咲.docx"),
            (fs / "keiri" / "transfers.csv", r"\\fs01\share\経理\振込先一覧.csv"),
            (fs / "soumu" / "manual.txt", r"\\fs01\share\総務\顧客登録マニュアル.txt"),
            (fs / "soumu" / "archive.zip", r"\\fs01\share\総務\旧システム_バックアップ.zip"),
        ],
    }


def _result(path: Path, shown: str) -> dict[str, Any]:
    """Scan one file and return its masked result under the path its machine shows."""
    st = path.stat()
    result = public(scan_file(Task(str(path), st.st_size, st.st_mtime_ns)))
    for key in ("examples", "problems"):
        result[key] = [
            {**item, "location": item["location"].replace(str(path), shown)} if "location" in item else item
            for item in result.get(key, [])
        ]
    for problem in result.get("problems", []):
        problem["message"] = str(problem.get("message", "")).replace(str(path), shown)
    return {**result, "path": shown}


def load(org: Organisation) -> None:
    """Store one scan of each demo machine, unless the organisation has scan results already."""
    if Machine.objects.filter(organisation=org).exists():
        return
    with tempfile.TemporaryDirectory(prefix="mamori-demo-scan-") as tmp:
        machines = _write_files(Path(tmp))
        for number, (machine, files) in enumerate(machines.items()):
            results = [_result(path, shown) for path, shown in files]
            run = services.start_run(org, machine, f"demo-{number}", None)
            kept = [r for r in results if r.get("counts") or r.get("problems")]
            services.add_batch(run, 0, kept)
            services.finish_run(run, {"files": len(results), "bytes": sum(r.get("size", 0) for r in results)})
