"""HTML tables come out as spreadsheets do: one line per row, cells tab-separated, header row included.

Pages are made by the tools that write them (LibreOffice Calc and Writer export, an Excel "save as web
page" file as Excel writes it, a hand-written intranet page), and an HTML customer list must count the
same persons as the same list saved as CSV or xlsx.
"""

from __future__ import annotations

import html
import random
from pathlib import Path

import pytest

from mamori.pii import detect_all
from mamori.pii.extract import Limits, extract
from mamori.pii.extract.htmltext import MAX_ROW_CHARS, html_to_text
from mamori.pii.scan_worker import Task, scan_file
from mamori.testing.scan_tree import BUILDINGS, FOREIGN, KANA_NAMES, _address, _mobile, _name, _postal

from .extract_samples import convert

CUSTOMER_HEADER = ["氏名", "フリガナ", "郵便番号", "住所", "電話番号", "メールアドレス"]
MAILING_HEADER = ["〒", "住所", "建物", "宛名", "敬称"]


def customers(n: int = 40, seed: int = 5) -> list[list[str]]:
    rng = random.Random(seed)
    rows = [
        [
            _name(rng, "cp932"),
            rng.choice(KANA_NAMES),
            _postal(rng),
            _address(rng),
            _mobile(rng),
            f"user{i}@mirai-mail.jp",
        ]
        for i in range(n)
    ]
    return [CUSTOMER_HEADER, *rows]


def mailing_list(n: int = 60, seed: int = 7) -> list[list[str]]:
    """A 〒,住所,建物,宛名,敬称 list: its names have no label, only their column says what they are."""
    rng = random.Random(seed)
    rows = [
        [
            _postal(rng),
            _address(rng),
            rng.choice(BUILDINGS),
            rng.choice([_name(rng, "cp932"), rng.choice(FOREIGN), rng.choice(KANA_NAMES)]),
            "様",
        ]
        for _ in range(n)
    ]
    return [MAILING_HEADER, *rows]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    return path


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("顧客")
    for i, row in enumerate(rows):
        sheet.write_row(i, 0, row)
    book.close()
    return path


def excel_web_page(rows: list[list[str]]) -> bytes:
    """Return a sheet as Excel's "save as web page" writes it: Shift_JIS, mso styles, conditional comments."""
    out = [
        '<html xmlns:v="urn:schemas-microsoft-com:vml"\nxmlns:o="urn:schemas-microsoft-com:office:office"\n'
        'xmlns:x="urn:schemas-microsoft-com:office:excel"\nxmlns="http://www.w3.org/TR/REC-html40">\n\n<head>\n'
        '<meta http-equiv=Content-Type content="text/html; charset=shift_jis">\n'
        '<meta name=ProgId content=Excel.Sheet>\n<meta name=Generator content="Microsoft Excel 15">\n'
        '<link rel=File-List href="顧客一覧.files/filelist.xml">\n<style id="顧客一覧_27510_Styles">\n'
        '<!--table\n\t{mso-displayed-decimal-separator:"\\.";\n\tmso-displayed-thousand-separator:"\\,";}\n'
        ".xl6527510\n\t{padding-top:1px;\n\tcolor:black;\n\tfont-family:游ゴシック, monospace;\n"
        '\tmso-number-format:"\\@";\n\twhite-space:nowrap;}\n-->\n</style>\n</head>\n\n<body>\n'
        "<!--[if !excel]>&nbsp;&nbsp;<![endif]-->\n"
        "<!--下の情報は、Microsoft Excel の Web ページとして発行ウィザードで生成されました。-->\n"
        "<!----------------------------->\n<!--Excel の Web ページとして発行ウィザードの出力の開始 -->\n"
        "<!----------------------------->\n\n"
        '<div id="顧客一覧_27510" align=center x:publishsource="Excel">\n\n'
        "<table border=0 cellpadding=0 cellspacing=0 width=629 style='border-collapse:\n"
        " collapse;table-layout:fixed;width:472pt'>\n"
    ]
    out += [" <col width=72 style='width:54pt'>\n"] * len(rows[0])
    for i, row in enumerate(rows):
        out.append(" <tr height=18 style='height:13.5pt'>\n")
        for j, value in enumerate(row):
            first = " height=18" if j == 0 else ""
            if not value:
                out.append(f"  <td{first} class=xl6527510></td>\n")
            elif value.replace("-", "").isdigit() and i:
                out.append(f'  <td{first} class=xl6527510 x:str="\'{value}">{value}</td>\n')
            else:
                out.append(f"  <td{first} class=xl6527510>{html.escape(value)}</td>\n")
        out.append(" </tr>\n")
    out.append(" <![if supportMisalignedColumns]>\n <tr height=0 style='display:none'>\n")
    out += ["  <td width=72 style='width:54pt'></td>\n"] * len(rows[0])
    out.append(" </tr>\n <![endif]>\n</table>\n\n</div>\n\n")
    out.append(
        "<!----------------------------->\n<!--Excel の Web ページとして発行ウィザードの出力の終了-->\n"
    )
    out.append("<!----------------------------->\n</body>\n\n</html>\n")
    return "".join(out).encode("cp932")


def lines_of(path: Path) -> list[str]:
    return [line for part in extract(path) for line in part.text.split("\n") if line.strip()]


def scanned(path: Path) -> tuple[int, dict[str, int]]:
    result = scan_file(Task(str(path), path.stat().st_size, 0))
    return result["persons"], result["counts"]


def test_an_intranet_page_gives_one_line_per_row_with_spans_kept_under_their_headers():
    page = """<!DOCTYPE html><html><head><title>社員連絡先</title><style>th{color:#333}</style>
<script>var rows = "<tr><td>x</td></tr>";</script></head><body>
<table class="layout"><tr><td class="nav"><a href="/">ホーム</a></td><td class="main">
  <h2>営業部 連絡先</h2>
  <table border="1">
    <caption>2026年4月1日 現在</caption>
    <thead>
      <tr><th>氏名</th><th>内線</th><th colspan="2">携帯電話</th><th>備考</th></tr>
    </thead>
    <tbody>
      <tr><td rowspan="2">山田&nbsp;太郎</td><td>1234</td><td>090-1234-5678</td><td>(私用)</td><td></td></tr>
      <tr><td>1235</td><td>080-2345-6789</td><td></td><td>業務用</td></tr>
      <tr>
        <td>
          佐藤 花子
        </td>
        <td>1240<td>070-3456-7890<td><td>東京都港区<br>芝公園4-2-8
      <tr><th scope="row">鈴木 一郎</th><td><table><tr><td>内線</td><td>1250</td></tr></table></td></tr>
    </tbody>
  </table>
  <p>以上</p>
</td></tr></table>
</body></html>"""
    lines = [line for line in html_to_text(page).split("\n") if line.strip()]
    assert lines == [
        "社員連絡先",
        "ホーム",
        "営業部 連絡先",
        "2026年4月1日 現在",
        "氏名\t内線\t携帯電話\t\t備考",
        "山田 太郎\t1234\t090-1234-5678\t(私用)",
        "\t1235\t080-2345-6789\t\t業務用",
        "佐藤 花子\t1240\t070-3456-7890\t\t東京都港区 芝公園4-2-8",
        "鈴木 一郎",
        "内線\t1250",
        "以上",
    ]


def test_a_page_laid_out_in_a_table_keeps_its_lines():
    prose = "".join(f"<p>第{i}条 お客様の個人情報は適切に管理します。</p>" for i in range(1, 40))
    page = f"<table><tr><td><img src=logo.png></td><td>{prose}<p>担当：山田 太郎</p></td></tr></table>"
    lines = html_to_text(page).split("\n")
    assert "担当：山田 太郎" in lines and "第39条 お客様の個人情報は適切に管理します。" in lines
    assert not any("\t" in line for line in lines)


def test_a_line_break_in_the_source_after_br_is_no_blank_line():
    # A contact block written over several source lines keeps its lines together, so that the
    # heading above owns all of it; white space in <pre> is shown as written.
    page = (
        "<html><body>\n<h2>新横浜営業所</h2>\n<p>\n  〒222-0033 神奈川県横浜市港北区新横浜2-5-10<br>\n"
        "  TEL 045-471-2233<br>\n  FAX 045-471-2234\n</p>\n<pre>a\n\n  b</pre></body></html>"
    )
    text = html_to_text(page)
    assert (
        "新横浜営業所\n\n〒222-0033 神奈川県横浜市港北区新横浜2-5-10\nTEL 045-471-2233\nFAX 045-471-2234"
        in text
    )
    assert "a\n\n  b" in text
    found = detect_all(text)
    assert found.personal == [] and "045-471-2233" in [s.text for s in found.corporate]
    assert html_to_text("<p>受付<br>\n<br>\n午前のみ</p>") == "\n受付\n\n午前のみ"  # two <br>: a blank line


def test_a_row_too_long_to_be_values_is_written_out_as_it_comes():
    from mamori.pii.extract.htmltext import TextCollector

    collector = TextCollector()
    collector.feed("<table><tr><td>見出し</td><td>")
    fed = 0
    for i in range(5000):
        paragraph = f"段落{i} 氏名：山田 太郎 電話：090-1234-5678"
        collector.feed(f"<p>{paragraph}</p>")
        fed += len(paragraph) + 1
        assert fed - sum(map(len, collector.chunks)) < 1.1 * MAX_ROW_CHARS  # held back: one row at most
    collector.feed("</td></tr></table>")
    collector.close()
    lines = "".join(collector.chunks).split("\n")
    assert lines[:3] == ["見出し", "", "段落0 氏名：山田 太郎 電話：090-1234-5678"]
    assert "段落4999 氏名：山田 太郎 電話：090-1234-5678" in lines


def test_libreoffice_calc_html_rows_read_as_the_xlsx_rows(tmp_path):
    rows = customers()
    rows[3][1] = ""  # an empty cell, which LibreOffice writes as <td><br></td>
    xlsx = write_xlsx(tmp_path / "顧客一覧.xlsx", rows)
    (page,) = convert([xlsx], "html:HTML (StarCalc)", tmp_path / "lo")
    assert "LibreOffice" in page.read_text(encoding="utf-8")
    assert lines_of(page) == lines_of(xlsx) == ["\t".join(row) for row in rows]


def test_libreoffice_writer_html_table_cells_with_paragraphs_read_as_rows(tmp_path):
    import docx

    rows = customers(8)
    document = docx.Document()
    document.add_paragraph("顧客一覧（営業部）")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    document.save(str(tmp_path / "顧客一覧.docx"))
    (page,) = convert([tmp_path / "顧客一覧.docx"], "html:HTML (StarWriter)", tmp_path / "lo")
    assert "<p" in page.read_text(encoding="utf-8")  # each cell holds a paragraph
    assert lines_of(page) == ["顧客一覧（営業部）", *("\t".join(row) for row in rows)]


def test_an_excel_web_page_reads_as_the_sheet(tmp_path):
    rows = customers(10)
    page = tmp_path / "顧客一覧.htm"
    page.write_bytes(excel_web_page(rows))
    (part,) = extract(page)
    assert part.encoding == "cp932"
    assert [line for line in part.text.split("\n") if line.strip()] == ["\t".join(row) for row in rows]


@pytest.mark.parametrize("make_rows", [customers, mailing_list], ids=["customers", "mailing-list"])
def test_an_html_customer_list_counts_the_persons_of_its_csv(tmp_path, make_rows):
    rows = make_rows()
    csv = write_csv(tmp_path / "list.csv", rows)
    expected = scanned(csv)
    assert expected[0] == len(rows) - 1
    assert expected[1]["PERSON"] >= len(rows) - 1
    excel = tmp_path / "list_excel.htm"
    excel.write_bytes(excel_web_page(rows))
    (calc,) = convert([write_xlsx(tmp_path / "list.xlsx", rows)], "html:HTML (StarCalc)", tmp_path / "lo")
    for page in (excel, calc):
        assert scanned(page) == expected, page.name


def test_a_big_html_table_is_streamed_as_rows(tmp_path):
    from mamori.pii.extract import STREAM_SIZE

    rows = customers(STREAM_SIZE // 150)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(value)}</td>" for value in row) + "</tr>\n" for row in rows[1:]
    )
    page = f"<html><head><style>td{{color:red}}</style></head><body><table><thead><tr><th>{'</th><th>'.join(rows[0])}</th></tr></thead>{body}</table></body></html>"
    path = tmp_path / "顧客一覧.html"
    path.write_text(page, encoding="utf-8")
    assert path.stat().st_size > STREAM_SIZE
    parts = list(extract(path, limits=Limits(max_file_size=4 * STREAM_SIZE)))
    assert len(parts) > 4
    assert [p.offset for p in parts] == [sum(len(q.text) for q in parts[:i]) for i in range(len(parts))]
    text = "".join(part.text for part in parts)
    assert text == html_to_text(page)
    assert text.split("\n")[: len(rows)] == ["\t".join(row) for row in rows]
    assert all(part.text.endswith("\n") for part in parts[:-1])  # cut between rows, never inside one


@pytest.mark.parametrize(
    "page",
    [
        "<td>a<td>b",
        "<table><tr><td colspan=99999999 rowspan=-3>a</td><td colspan=x>b</td></tr>",
        "</table></tr></td><table><table><table><tr><td>",
        "<table><caption>題<tr><td>a</td></tr></table></table>",
        "<tr><td>" * 500,
        "<table>" + "<tr><td rowspan=1000>x</td></tr>" * 3 + "</table>",
        "<![if supportMisalignedColumns]><table><tr><td>a</td><![endif]>",
    ],
)
def test_broken_tables_never_raise(page):
    (part,) = extract(page.encode(), name="壊れた.html")
    assert not part.problems
    assert isinstance(part.text, str)
