"""Every word a template shows is marked for translation, and counted words use
blocktranslate's plurals, never `|pluralize` (which only knows English's "s").

The catalogue check (test_catalogue.py) sees only marked strings; this one finds the
unmarked: a template's text and its readable attributes, once the marked blocks,
the template tags and the variables are taken out, hold no word.
"""

from __future__ import annotations

import re

import pytest

from tests.helpers import ROOT

TEMPLATES = sorted(path for path in (ROOT / "templates").rglob("*") if path.is_file())
ROOTS = ["base.html", "500.html", "lectures/mail/announcement.html", "lms/deep_link_return.html"]

MARKED = [
    re.compile(r"\{% comment %\}.*?\{% endcomment %\}", re.S),
    re.compile(r"\{#.*?#\}", re.S),
    re.compile(r"\{% blocktranslate.*?\{% endblocktranslate %\}", re.S),
    # Class names, not words.
    re.compile(r"\{% block bodyclass %\}.*?\{% endblock %\}", re.S),
    re.compile(r"\{%.*?%\}", re.S),
    re.compile(r"\{\{.*?\}\}", re.S),
]
READABLE_ATTRIBUTE = re.compile(r'\b(?:aria-label|title|placeholder|alt)="([^"]*)"')
SUBMIT_VALUE = re.compile(r'<input[^>]*type="submit"[^>]*value="([^"]*)"')
WORD = re.compile(r"[A-Za-z]{2,}")


def unmarked(source: str) -> list[str]:
    for pattern in MARKED:
        source = pattern.sub("", source)
    found = [value for value in READABLE_ATTRIBUTE.findall(source) if WORD.search(value)]
    found += [value for value in SUBMIT_VALUE.findall(source) if WORD.search(value)]
    source = re.sub(r"<(script|style)\b.*?</\1>", "", source, flags=re.S)
    source = re.sub(r"<[^>]*>", " ", source)
    source = re.sub(r"&\w+;", " ", source)
    found += [line.strip() for line in source.splitlines() if WORD.search(line)]
    return found


def test_there_are_templates():
    assert len(TEMPLATES) > 80


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_word_is_marked(path):
    assert unmarked(path.read_text()) == []


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_hand_made_plural(path):
    assert "pluralize" not in path.read_text()


def test_the_check_finds_an_unmarked_word():
    assert unmarked('<p>{% translate "Hi" %} there</p>') == ["there"]
    assert unmarked('<nav aria-label="Main">') == ["Main"]
    assert unmarked('<input type="submit" value="Go on">') == ["Go on"]
    assert unmarked("<p>{% blocktranslate %}Hi {{ n }}{% endblocktranslate %}</p>") == []


def test_the_root_templates_are_these():
    """Every template that starts a document (<html>) is checked below."""
    roots = [str(p.relative_to(ROOT / "templates")) for p in TEMPLATES if "<html" in p.read_text()]
    assert sorted(roots) == sorted(ROOTS)


@pytest.mark.parametrize("name", ROOTS)
def test_each_root_template_says_its_language(name):
    source = (ROOT / "templates" / name).read_text()
    assert "{% get_current_language as LANGUAGE_CODE %}" in source
    assert '<html lang="{{ LANGUAGE_CODE }}">' in source
