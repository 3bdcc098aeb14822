"""Markdown of lessons and rules becomes safe HTML that reads well in Japanese."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from mamori.core.markdown import markdown_to_html


def test_scripts_handlers_and_foreign_images_are_removed():
    html = markdown_to_html(
        '<script>alert(1)</script>[x](javascript:alert(1)) <a href="#" onclick="x()">y</a>'
        "![外部](https://tracker.example/x.png) ![内部](/training/images/1/)"
    )
    assert "<script" not in html and "javascript:" not in html and "onclick" not in html
    assert "tracker.example" not in html and 'src="/training/images/1/"' in html


def test_tables_and_headings_render_with_the_page_keeping_h1():
    html = markdown_to_html("# 見出し\n\n| 年度 | 件数 |\n| --- | ---: |\n| 2024年度 | 9,322件 |\n")
    assert "<h2>見出し</h2>" in html and "<h1>" not in html and "<td" in html and "9,322件" in html


def test_a_line_break_inside_a_japanese_paragraph_adds_no_space():
    html = markdown_to_html(
        "審査機関に報告します。\nJIPDECがまとめた件数は、\n次のとおりです。\n\nEnglish\nwords"
    )
    assert "報告します。JIPDECがまとめた件数は、次のとおりです。" in html
    assert "English\nwords" in html


@pytest.mark.parametrize(
    "src",
    [
        "/\\\\attacker.invalid/x.png",
        "\\\\/attacker.invalid/x.png",
        "/\t/attacker.invalid/x.png",
        "/\n/attacker.invalid/x.png",
        " //attacker.invalid/x.png",
        "//attacker.invalid/x.png",
        "https://attacker.invalid/x.png",
        "\\\\\\\\attacker.invalid\\\\x.png",
    ],
)
def test_images_from_elsewhere_are_dropped_however_the_url_is_written(src):
    from mamori.core.markdown import local_path

    assert local_path(src) is None
    html = markdown_to_html(f'<img src="{src}" alt="x">')
    for kept in re.findall(r'src="([^"]*)"', html):  # whatever survives is a path on this site
        assert local_path(html_lib.unescape(kept)) == html_lib.unescape(kept)


def test_images_of_this_site_stay():
    html = markdown_to_html("![図](/training/images/3/)")
    assert 'src="/training/images/3/"' in html
