"""A lecture as the notes format reads and writes it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext


@dataclass
class ParsedSection:
    title: str
    slug: str
    body: str
    line: int = 0
    # The file line of each line of `body`, for warnings that name the line; not
    # compared, so a section built in code still equals its parse.
    body_lines: list[int] = field(default_factory=list, compare=False)


@dataclass
class ParsedTerm:
    term: str
    alias: str
    definition: str
    line: int = 0


@dataclass(frozen=True)
class ParsedWarning:
    """A line the parser read one way that could have been meant another."""

    line: int
    # Lazy (lines.fmt): rendered in the language active when shown.
    message: Any

    def __str__(self) -> str:
        return gettext("line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ParsedLecture:
    title: str = ""
    overview: str = ""
    sections: list[ParsedSection] = field(default_factory=list)
    terms: list[ParsedTerm] = field(default_factory=list)
    action_items: list[str] = field(default_factory=list)
    # Where each action item and the "Title:" line were read from, for error
    # messages; not compared, so a lecture built in code still equals its parse.
    action_item_lines: list[int] = field(default_factory=list, compare=False)
    title_line: int | None = field(default=None, compare=False)
    warnings: list[ParsedWarning] = field(default_factory=list, compare=False)
