"""What a line of a notes file is: a list item, a heading or paragraph text; the
characters no line may hold; and the error that names the line at fault."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .items import item_marker
from .stored import fmt
from .titles import reads_as_title

TITLE_RE = re.compile(r"title:\s*", re.IGNORECASE)


_SENTENCE_PUNCTUATION = ".!?…"


# Closing quotes, brackets and Markdown emphasis may follow the full stop:
# '"Done."', '(see above.)' and '**Read this.**' are all sentences.
_CLOSERS = "\"'”’»›)]}*_"


# C0 controls other than tab, LF and CR: PostgreSQL refuses NUL in text columns,
# and none of them belongs in notes. Also the bidirectional embeddings, overrides
# and isolates: they make text display in another order than it is stored (a
# definition or quiz answer that reads differently from what it says), and one
# left open reorders the rest of the page it is rendered into.
_BIDI_CHARACTERS = "\u202a-\u202e\u2066-\u2069"


CONTROL_RE = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f{_BIDI_CHARACTERS}]")


BIDI_RE = re.compile(rf"[{_BIDI_CHARACTERS}]")


LINE_BREAK_RE = re.compile(r"[\r\n]")


_QUOTE_LIMIT = 60


class NotesError(ValueError):
    """A notes file that does not follow the format; .line is 1-based or None (whole file).

    The message is lazy: str() renders it in the language active at that time."""

    def __init__(self, message: Any, line: int | None = None) -> None:
        self.message = message
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        if self.line is None:
            return str(self.message)
        return gettext("line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


def heading_text(text: str) -> str:
    """Drop leading "#"s and trailing ":"s (with the whitespace around them)."""
    if text[:1] != "#" and text[-1:] != ":":
        return text
    start, end = 0, len(text)
    # Index scans rather than repeated strip()/slicing keep pathological lines linear.
    while start < end and (text[start] == "#" or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] == ":" or text[end - 1].isspace()):
        end -= 1
    return text[start:end]


def ends_sentence(line: str) -> bool:
    tail = line.rstrip(_CLOSERS)
    return bool(tail) and tail[-1] in _SENTENCE_PUNCTUATION


def classify_line(line: str) -> tuple[str, str]:
    """Classify a stripped, non-blank line, as it reads on its own (before any
    heading), as ("bullet"|"heading"|"paragraph", text).

    A bullet is any list item, numbered ones included; the text is without its
    marker. Inside a section a line ending in ":" may be a lead-in instead: the
    parser decides that, knowing what surrounds the line.
    """
    marker = item_marker(line)
    if marker is not None:
        return "bullet", marker.text
    if line.startswith("#") or line.endswith(":"):
        return "heading", heading_text(line)
    if ends_sentence(line) or not reads_as_title(line):
        return "paragraph", line
    return "heading", line


def quote(text: str) -> str:
    if len(text) > _QUOTE_LIMIT:
        text = text[: _QUOTE_LIMIT - 1].rstrip() + "…"
    return f'"{text}"'


def _codepoint(char: str) -> str:
    return f"U+{ord(char):04X}"


def describe_forbidden(char: str) -> str:
    """The character named for a message: a control character (U+0000) or a
    bidirectional-override character (U+202E)."""
    if BIDI_RE.match(char):
        return fmt(_("a bidirectional-override character (%(code)s)"), code=_codepoint(char))
    return fmt(_("a control character (%(code)s)"), code=_codepoint(char))


def split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def line_and_column(before: str) -> tuple[int, int]:
    """1-based (line, column) of the character that follows `before`."""
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return line, len(before) - line_start + 1
