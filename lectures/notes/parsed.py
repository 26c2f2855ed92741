"""A lecture as the notes format reads and writes it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ParsedSection:
    title: str
    slug: str
    body: str
    line: int = 0


@dataclass
class ParsedTerm:
    term: str
    alias: str
    definition: str
    line: int = 0


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
