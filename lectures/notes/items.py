"""List items: their markers ("- ", "1.", "b)"), how deep an indented item sits, and
the items and paragraphs of a stored section body (body_items).

A stored body holds one thing a line: "- text" for a bullet, "1. text" (the marker
as the notes wrote it) for a numbered item, two spaces of indent per level for an
item nested under the one above, and any other line as paragraph text, a line
ending in ":" being a lead-in. Everything that reads a body (the timeline, the quiz
drafts, the renderer, the corpus scores) walks it through body_items, so the body
has one reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A bare marker ("-" on its own) counts as an empty bullet, so it is skipped
# rather than read as a heading called "-".
BULLET_RE = re.compile(r"[-*•](?:\s+|$)")


# "1." "12)" "a." "b)" and "A)": two digits at most, so a year opening a sentence
# ("1945. The war ended.") stays text; a capital only before ")", so an initial
# ("A. Lincoln was…") stays text too.
NUMBER_RE = re.compile(r"(\d{1,2}[.)]|[a-z][.)]|[A-Z]\))(?:\s+|$)")


# Less than this much indent is a typing slip, not a nested item (DESIGN.md: "two
# or more spaces or a tab").
MIN_INDENT = 2


STORED_INDENT = "  "


@dataclass(frozen=True)
class Marker:
    """How a line opens: its indent (in columns, a tab counting 4), the number or
    letter of a numbered item ("1.", "b)") or "" for a bullet, and the text after."""

    indent: int
    number: str
    text: str


def indent_of(raw: str) -> int:
    columns = 0
    for char in raw:
        if char == "\t":
            columns += 4
        elif char.isspace():
            columns += 1
        else:
            break
    return columns


def item_marker(raw: str) -> Marker | None:
    """The list marker a raw (unstripped) line opens with, or None for other text."""
    line = raw.strip()
    match = BULLET_RE.match(line)
    if match:
        return Marker(indent_of(raw), "", line[match.end() :])
    match = NUMBER_RE.match(line)
    if match:
        return Marker(indent_of(raw), match.group(1), line[match.end() :])
    return None


class Nesting:
    """How deep each item of a run of lines sits: an item indented past the item
    above it is nested under it; text that is not an item ends the list."""

    def __init__(self) -> None:
        # (indent, text) of the open items, outermost first.
        self._open: list[tuple[int, str]] = []

    def item(self, indent: int, text: str) -> tuple[int, str | None]:
        """(depth, parent text) of an item at `indent`, which becomes the item above."""
        indent = indent if indent >= MIN_INDENT else 0
        while self._open and self._open[-1][0] >= indent:
            self._open.pop()
        parent = self._open[-1][1] if self._open else None
        depth = len(self._open)
        self._open.append((indent, text))
        return depth, parent

    def text(self) -> None:
        self._open.clear()


def stored_item(depth: int, number: str, text: str) -> str:
    """An item as a stored body holds it: "  1. text" at depth 1."""
    return f"{STORED_INDENT * depth}{number or '-'} {text}"


@dataclass(frozen=True)
class BodyItem:
    """One list item or paragraph of a stored body, in order.

    text: without marker and indent; parent: the text of the item it is nested
    under (None at the top); depth: 0 at the top; number: the marker of a numbered
    item ("1.", "b)") or None; kind: "item", "paragraph" or "lead_in" (text ending
    in ":" that introduces what follows).
    """

    text: str
    parent: str | None
    depth: int
    number: str | None
    kind: str
    # The lead-in the item's list follows ("All dates Oct 1962 unless stated:"), for
    # each item of that list, nested ones too: what it says may hold for them (the
    # timeline reads a date they leave out from it). None when the list has none.
    lead_in: str | None = None


def body_items(body: str) -> list[BodyItem]:
    """Each list item and paragraph of a stored section body (or overview), in order."""
    items: list[BodyItem] = []
    nesting = Nesting()
    lead_in = None
    for raw in body.splitlines():
        line = raw.strip()
        if not line:
            continue
        marker = item_marker(raw)
        if marker is not None:
            if not marker.text:
                continue
            depth, parent = nesting.item(marker.indent, marker.text)
            number = marker.number or None
            items.append(BodyItem(marker.text, parent, depth, number, "item", lead_in))
            continue
        nesting.text()
        kind = "lead_in" if line.endswith(":") else "paragraph"
        lead_in = line if kind == "lead_in" else None
        items.append(BodyItem(line, None, 0, None, kind))
    return items
