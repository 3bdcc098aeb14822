"""The Japanese catalogue writes Japanese punctuation inside Japanese sentences (：（）、not : ( ) ,)."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import mamori

JAPANESE = r"[\u3040-\u30ff\u4e00-\u9fff]"
ASCII_NEXT_TO_JAPANESE = re.compile(rf"{JAPANESE}[(),:;!?]|[(,:;!?]{JAPANESE}| · ")


def test_no_ascii_punctuation_inside_japanese_sentences():
    mo = Path(mamori.__file__).parent / "locale" / "ja" / "LC_MESSAGES" / "django.mo"
    with mo.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    offending = []
    for key, text in catalogue.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if not msgid or "Markdown" in msgid:  # Markdown syntax is shown as typed
            continue
        plain = re.sub(r"%\(\w+\)[sd]", "X", text)
        if ASCII_NEXT_TO_JAPANESE.search(plain):
            offending.append(text)
    assert offending == []


def _catalogue() -> dict[str, str]:
    mo = Path(mamori.__file__).parent / "locale" / "ja" / "LC_MESSAGES" / "django.mo"
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined,no-any-return]


def _literal_text(template: str, catalogue: dict[str, str] | None = None) -> str:
    """Return what a template writes as it stands: tags, variables and HTML markup taken out.

    A ``{% translate "msgid" %}`` becomes its Japanese text from ``catalogue`` (so that the punctuation a
    template writes beside it is judged next to Japanese), other tags and variables become ``X``.
    """
    if catalogue is not None:
        template = re.sub(
            r"""\{%\s*trans(?:late)?\s+(["'])(.*?)\1\s*%\}""",
            lambda m: catalogue.get(m.group(2), "X").replace("{", "(").replace("%", "X"),
            template,
        )
    text = re.sub(
        r"\{%\s*blocktrans(?:late)?\b.*?\{%\s*endblocktrans(?:late)?\s*%\}", "X", template, flags=re.S
    )
    text = re.sub(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", "X", text, flags=re.S)
    return re.sub(r"<[^>]*>", " ", text)


def test_templates_write_japanese_punctuation_and_no_ascii_middle_dot():
    templates = Path(mamori.__file__).parent / "templates"
    catalogue = _catalogue()
    offending = []
    for path in sorted(templates.rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        if "·" in source:  # a heading line is separated by <span class="sep">・</span>
            offending.append(f"{path.relative_to(templates)}: ·")
        for match in ASCII_NEXT_TO_JAPANESE.finditer(_literal_text(source, catalogue)):
            offending.append(f"{path.relative_to(templates)}: {match.group()!r}")
    assert offending == []


def test_the_template_check_finds_what_it_looks_for():
    assert ASCII_NEXT_TO_JAPANESE.search(_literal_text("<p>期限: {{ due }}</p>"))
    assert not ASCII_NEXT_TO_JAPANESE.search(
        _literal_text("{% blocktranslate %}誤送信, x{% endblocktranslate %}")
    )
    assert not ASCII_NEXT_TO_JAPANESE.search(
        _literal_text('<p>期限：{{ due }}<span class="sep">・</span></p>')
    )
    # a label translated to Japanese, then an ASCII colon written by the template
    catalogue = _catalogue()
    assert ASCII_NEXT_TO_JAPANESE.search(_literal_text('{% translate "Due date" %}: {{ d }}', catalogue))
    assert not ASCII_NEXT_TO_JAPANESE.search(
        _literal_text('{% translate "Due date" %}{% colon %}{{ d }}', catalogue)
    )
