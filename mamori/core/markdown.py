"""Render Markdown (lessons, internal rules) to safe HTML: Markdown, then the nh3 sanitiser."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "a", "img", "dl", "dt", "dd",
}  # fmt: skip
# A line break inside a Japanese paragraph is not a word space: drop it next to a CJK character.
CJK = "\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
CJK_BREAK = re.compile(f"(?<=[{CJK}])\n(?!<)|(?<!>)\n(?=[{CJK}])")
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"align"}, "td": {"align"}}


def markdown_to_html(text: str) -> SafeString:
    """Return sanitised HTML for Markdown ``text``: no scripts, styles or event handlers; links http(s)/relative.

    Headings start at h2 (the page has the h1), and images may only come from this site (lesson uploads),
    so a lesson cannot make the reader's browser fetch from elsewhere.
    """
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"], output_format="html")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    html = CJK_BREAK.sub("", html)
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        attribute_filter=_only_local_images,
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


def _only_local_images(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return local_path(value)
    return value


def local_path(url: str) -> str | None:
    """Return ``url`` as a path on this site, or None when a browser would load it from elsewhere.

    Read as browsers read URLs (WHATWG): leading and trailing controls and spaces are dropped, tabs and
    newlines anywhere are removed and a backslash counts as a slash, so ``/\\host/x.png`` and ``/<TAB>/host``
    are the protocol-relative ``//host/x.png``.
    """
    cleaned = re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(0x21)))).replace("\\", "/")
    parts = urlsplit(cleaned)
    if parts.scheme or parts.netloc or not cleaned.startswith("/") or cleaned.startswith("//"):
        return None
    return cleaned
