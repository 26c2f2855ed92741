"""What the admin lets an instructor type must come back unchanged from an export:
these say, in one sentence for a form field, why a value would not, and store text
as an import would."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .headings import KIND_ROLES, section_kind
from .items import Nesting, item_marker, stored_item
from .lines import (
    CONTROL_RE,
    LINE_BREAK_RE,
    classify_line,
    describe_forbidden,
    fmt,
    heading_text,
    split_lines,
)
from .terms import ALIAS_RE, TERM_SEPARATOR_RE, alias_of, cut_term_separator, trailing_alias
from .writer import heading_line


def line_problem(text: str) -> str | None:
    """Why `text` cannot be one line of a notes file (a title, term or item), or None."""
    control = CONTROL_RE.search(text)
    if control:
        return fmt(
            _("Remove %(character)s: the notes format cannot hold it."),
            character=describe_forbidden(control.group()),
        )
    if LINE_BREAK_RE.search(text):
        return _("Write this on one line: a line break would split it when the notes are exported.")
    return None


def is_alias(text: str) -> bool:
    """True if a glossary entry "Term (text) — definition" reads back with alias `text`."""
    written = f"({text})"
    return bool(ALIAS_RE.fullmatch(written)) and TERM_SEPARATOR_RE.search(written) is None


def term_problem(term: str, alias: str = "") -> str | None:
    """Why glossary term `term` (with `alias`, "" for none) would not read back as itself."""
    problem = line_problem(term)
    if problem:
        return problem
    term = term.strip()
    cut = cut_term_separator(term)
    if cut:
        found = cut.group().strip()
        separator = {"-": " - ", "–": " – ", ":": ": "}.get(found, found)
        return fmt(
            _(
                "“%(term)s” contains “%(separator)s”, which the notes format reads as the end "
                "of the term: rephrase the term."
            ),
            term=term,
            separator=separator,
        )
    trailing = trailing_alias(term)
    if trailing and not alias:
        return fmt(
            _(
                "“%(term)s” ends in “%(ending)s”, which would be read back as its alias: "
                "put “%(alias)s” in the alias field instead."
            ),
            term=term,
            ending=trailing.group(),
            alias=alias_of(trailing),
        )
    return None


def heading_problem(title: str) -> str | None:
    """Why a section titled `title` would not read back as itself, or None."""
    problem = line_problem(title)
    if problem:
        return problem
    title = title.strip()
    if not heading_text(title):
        return _("The title needs some text besides “#” and “:”.")
    read_back = classify_line(heading_line(title))[1]
    if read_back != title:
        return fmt(
            _(
                "“%(title)s” would be read back as “%(read_back)s” when the notes are "
                "exported; write “%(read_back)s” instead."
            ),
            title=title,
            read_back=read_back,
        )
    kind = section_kind(title)
    if kind != "section":
        return fmt(
            _(
                "“%(title)s” is a reserved heading in the notes format (%(role)s); "
                "choose another title."
            ),
            title=title,
            role=KIND_ROLES[kind],
        )
    return None


def text_problem(text: str) -> str | None:
    """Why a section body or overview would not read back as itself, naming the line."""
    lines = split_lines(text)
    for number, raw in enumerate(lines, start=1):
        control = CONTROL_RE.search(raw)
        if control:
            return fmt(
                _(
                    "Line %(line)d of the text contains %(character)s at column %(column)d: "
                    "remove it."
                ),
                line=number,
                character=describe_forbidden(control.group()),
                column=control.start() + 1,
            )
        line = raw.strip()
        if not line or classify_line(line)[0] != "heading":
            continue
        if line.startswith("#"):
            return fmt(
                _(
                    "Line %(line)d of the text starts with “#”, so it would be read as a heading "
                    "when the notes are exported: start it with “- ” for a bullet."
                ),
                line=number,
            )
        if line.endswith(":"):
            if section_kind(heading_text(line)) != "section":
                return fmt(
                    _(
                        "Line %(line)d of the text names a heading of the notes format, so it "
                        "would start that part when the notes are exported: reword it."
                    ),
                    line=number,
                )
            if _text_follows(lines, number):
                continue  # a lead-in ("Dates to remember:")
            return fmt(
                _(
                    "Line %(line)d of the text ends in “:” with nothing after it, so it would "
                    "be read as a heading when the notes are exported: add the text it leads "
                    "into, or end it with a full stop."
                ),
                line=number,
            )
        return fmt(
            _(
                "Line %(line)d of the text would be read as a heading when the notes are "
                "exported: end it with . ! ? … or start it with “- ” for a bullet."
            ),
            line=number,
        )
    return None


def _text_follows(lines: list[str], number: int) -> bool:
    for index in range(number, len(lines)):
        line = lines[index].strip()
        if line and classify_line(line) != ("bullet", ""):
            return classify_line(line)[0] != "heading"
    return False


def normalise_text(text: str) -> str:
    """A body or overview as an import stores it.

    Lines are stripped, blank lines and empty items dropped, every bullet marker
    written "- ", numbered items kept numbered and nested items indented two spaces
    a level. Lines that would read as headings are kept (text_problem reports them).
    """
    lines = []
    nesting = Nesting()
    for raw in split_lines(text):
        line = raw.strip()
        if not line:
            continue
        marker = item_marker(raw)
        if marker is None:
            nesting.text()
            lines.append(line)
        elif marker.text:
            depth, _parent = nesting.item(marker.indent, marker.text)
            lines.append(stored_item(depth, marker.number, marker.text))
    return "\n".join(lines)
