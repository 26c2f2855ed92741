"""The statements of a section body a question may be made from: each list item,
and each sentence of a paragraph.

Teachers who write in paragraphs (held-out sets 22 to 24: two writers of eight in
each) put their lecture's argument there, one sentence a statement; a quiz that
read list items only asked their lectures nothing but the glossary. A paragraph is
cut into its sentences here, so the rules (source.py) and the check a re-import
makes for stale questions (stale.py) count the same pieces of the notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lectures.notes import body_items
from lectures.notes.prose.dates import word_set

# Words that end in a full stop without ending a sentence: titles, "c.", Latin
# abbreviations, short months and the teachers' shorthand ("publ.", "r.", "d.").
_ABBREVIATIONS = word_set(
    """c ca cf al st dr mr mrs ms prof gen col capt lt sgt rev fr jr sr vs v e.g i.e
    etc vol pp fig ed eds jan feb mar apr jun jul aug sep sept oct nov dec
    approx est publ r d b fl mt ft inc ltd co bros govt dept univ ch esp ibid op"""
)
# A full stop, question or exclamation mark (perhaps inside a closing quote or
# bracket), then a space and what opens a sentence: a capital, a quote, a digit.
_END_RE = re.compile(r"[.!?][\"”’')\]]?\s+(?=[\"“‘(]?[A-Z0-9])")
_LAST_WORD_RE = re.compile(r"([\w.]+)$")


@dataclass(frozen=True)
class Statement:
    """One item or sentence: its text as written (Markdown), the item it is nested
    under ("" at the top), and whether it is a sentence of a paragraph."""

    text: str
    parent: str = ""
    in_paragraph: bool = False


def sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph, cut after a full stop that ends a word no
    abbreviation or initial is ("Ferdinand VII. A synod" ends; "c. 1235", "St.
    Joseph", "J. S. Bach" do not)."""
    pieces, start = [], 0
    for end in _END_RE.finditer(paragraph):
        word = _LAST_WORD_RE.search(paragraph[start : end.start()])
        stem = word.group(1).casefold() if word else ""
        if paragraph[end.start()] == "." and (
            stem in _ABBREVIATIONS or (len(stem) == 1 and stem.isalpha())
        ):
            continue
        pieces.append(paragraph[start : end.end()].strip())
        start = end.end()
    pieces.append(paragraph[start:].strip())
    return [p for p in pieces if p]


def statements(body: str) -> Iterator[Statement]:
    """Each list item and each sentence of each paragraph of a stored body, in order;
    lead-ins (a line ending in ":") are neither."""
    for item in body_items(body):
        if item.kind == "item":
            yield Statement(item.text, item.parent or "")
        elif item.kind == "paragraph":
            for sentence in sentences(item.text):
                yield Statement(sentence, "", in_paragraph=True)
