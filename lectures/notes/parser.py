"""Reading a notes file into a ParsedLecture, or refusing it with the line to fix."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from .headings import section_kind
from .items import Nesting, item_marker, stored_item
from .lines import (
    BIDI_RE,
    CONTROL_RE,
    TITLE_RE,
    NotesError,
    classify_line,
    describe_forbidden,
    ends_sentence,
    fmt,
    heading_text,
    line_and_column,
    quote,
    split_lines,
)
from .parsed import ParsedLecture, ParsedSection, ParsedWarning
from .slugs import base_slug, claim_slug
from .terms import split_term
from .titles import MAX_TITLE_WORDS, looks_like_sentence, reads_as_title

_MB = 1024 * 1024


def _size(size: int) -> str:
    if size >= _MB:
        return f"{size / _MB:.1f}".removesuffix(".0") + " MB"
    if size >= 1024:
        return f"{size / 1024:.1f}".removesuffix(".0") + " KB"
    return f"{size} bytes"


def check_size(size: int, limit: int | None = None) -> None:
    """Raise NotesError if a notes file of `size` bytes is over the limit.

    limit defaults to settings.NOTES_MAX_BYTES. Callers that can learn the size
    without reading the file (an upload, a file on disk) should call this first.
    """
    limit = settings.NOTES_MAX_BYTES if limit is None else limit
    if size <= limit:
        return
    shown, allowed = _size(size), _size(limit)
    if shown == allowed:
        # "2 MB; the limit is 2 MB" would read as a mistake.
        shown, allowed = f"{size:,} bytes", f"{limit:,} bytes"
    raise NotesError(
        fmt(
            _(
                "the file is %(size)s; the limit is %(limit)s, so split the lecture into "
                "smaller files"
            ),
            size=shown,
            limit=allowed,
        )
    )


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8")
        line, column = line_and_column(before)
        if line == 1 and before.startswith("\ufeff"):
            column -= 1
        raise NotesError(
            fmt(
                _("the file is not UTF-8 text (bad byte at column %(column)d); save it as UTF-8"),
                column=column,
            ),
            line,
        ) from None


def _next_is_text(lines: list[str], number: int) -> bool:
    """Whether the first non-blank line after line `number` (1-based) is an item or
    text, as opposed to a heading or the end of the file."""
    # Each blank run is scanned after one line at most, so this stays linear.
    for index in range(number, len(lines)):
        line = lines[index].strip()
        # A bare marker ("-") is skipped, as a blank line is.
        if line and classify_line(line) != ("bullet", ""):
            return classify_line(line)[0] != "heading"
    return False


def _colon_heading(
    content: str, kind: str | None, colon_headings: bool, text_follows: bool
) -> bool:
    """Whether a line "<content>:" is a heading rather than a lead-in ("Dates to
    remember:") of the section it is in."""
    if section_kind(content) != "section" or kind in (None, "glossary", "actions"):
        # A glossary or action list holds no text to lead into.
        return True
    if colon_headings and reads_as_title(content):
        return True
    # A lead-in introduces what follows it; with nothing after, it names a section.
    return not text_follows


def parse_notes(
    data: bytes | str, *, max_bytes: int | None = None, max_sections: int | None = None
) -> ParsedLecture:
    """Parse a notes file (bytes are decoded as UTF-8) or raise NotesError naming the line.

    A file over max_bytes (of UTF-8) is refused before it is decoded, and one with
    more than max_sections sections as soon as the heading of the one too many is
    read; they default to settings.NOTES_MAX_BYTES and settings.NOTES_MAX_SECTIONS.
    """
    if isinstance(data, bytes):
        check_size(len(data), max_bytes)
        text = _decode(data)
    else:
        check_size(len(data.encode("utf-8", "surrogatepass")), max_bytes)
        text = data
    if max_sections is None:
        max_sections = settings.NOTES_MAX_SECTIONS
    text = text.removeprefix("\ufeff")
    # One search over the whole text keeps this linear; lines are counted only on failure.
    control = CONTROL_RE.search(text)
    if control:
        line, column = line_and_column(text[: control.start()])
        if BIDI_RE.match(control.group()):
            message = _("the file contains %(character)s at column %(column)d; remove it")
        else:
            message = _(
                "the file contains %(character)s at column %(column)d; save it as plain UTF-8 text"
            )
        raise NotesError(
            fmt(message, character=describe_forbidden(control.group()), column=column), line
        )
    if not text.strip():
        raise NotesError(_('the file is empty; start it with a heading such as "Overview"'))

    lecture = ParsedLecture()
    overview_lines: list[str] = []
    # Bodies collect lines in lists, joined once at the end, so a huge section
    # costs linear time.
    bodies: list[list[str]] = []
    body_lines: list[list[int]] = []
    slugs_taken: set[str] = set()
    next_suffix: dict[str, int] = {}
    heading_cache: dict[str, tuple[str, str]] = {}
    term_lines: dict[str, int] = {}
    item_lines: dict[str, int] = {}
    kind: str | None = None
    # Whether the current block's heading was written "Heading:": its file writes
    # every heading so, and a later line ending in ":" is the next heading.
    colon_headings = False
    nesting = Nesting()
    seen_content = False
    lines = split_lines(text)

    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if not seen_content:
            seen_content = True
            title_match = TITLE_RE.match(line)
            if title_match:
                lecture.title = line[title_match.end() :]
                lecture.title_line = number
                continue

        marker = item_marker(raw)
        if marker is not None:
            line_kind, content = "item", marker.text
        elif line.startswith("#"):
            line_kind, content = "heading", heading_text(line)
        elif line.endswith(":"):
            content = heading_text(line)
            line_kind = (
                "heading"
                if not content
                or _colon_heading(content, kind, colon_headings, _next_is_text(lines, number))
                else "paragraph"
            )
        elif ends_sentence(line):
            line_kind, content = "paragraph", line
        elif reads_as_title(line):
            line_kind, content = "heading", line
            if looks_like_sentence(line):
                lecture.warnings.append(
                    ParsedWarning(
                        number,
                        fmt(
                            _(
                                "%(line)s was read as a heading; if it is a sentence, end it "
                                "with a full stop"
                            ),
                            line=quote(line),
                        ),
                    )
                )
        else:
            line_kind, content = "paragraph", line
            if kind in ("overview", "section") and len(line.split()) <= MAX_TITLE_WORDS:
                lecture.warnings.append(
                    ParsedWarning(
                        number,
                        fmt(
                            _(
                                "%(line)s was read as text, not a heading, as it reads as a "
                                'sentence; if it is a heading, start it with "#"'
                            ),
                            line=quote(line),
                        ),
                    )
                )

        if line_kind == "heading":
            if not content:
                raise NotesError(_('this heading has no text; write a title after the "#"'), number)
            # Notes repeat headings ("Example", "Summary"); classify each text once.
            if content not in heading_cache:
                heading_cache[content] = (section_kind(content), base_slug(content))
            kind, base = heading_cache[content]
            colon_headings = not line.startswith("#") and line.endswith(":")
            nesting.text()
            if kind == "section":
                # Stop here rather than after the file: a 50,000-heading file costs
                # no more than one at the limit.
                if len(lecture.sections) >= max_sections:
                    raise NotesError(
                        fmt(
                            ngettext_lazy(
                                "the file has more than %(n)d section; the limit is %(n)d, "
                                "so split the lecture into smaller files",
                                "the file has more than %(n)d sections; the limit is %(n)d, "
                                "so split the lecture into smaller files",
                                max_sections,
                            ),
                            n=max_sections,
                        ),
                        number,
                    )
                slug, next_suffix[base] = claim_slug(base, slugs_taken, next_suffix.get(base, 2))
                slugs_taken.add(slug)
                lecture.sections.append(ParsedSection(content, slug, "", number))
                bodies.append([])
                body_lines.append([])
            continue

        if line_kind == "item" and not content:
            continue
        if kind is None:
            raise NotesError(
                fmt(
                    _(
                        "%(line)s comes before any heading; "
                        'start the file with a heading such as "Overview"'
                    ),
                    line=quote(content),
                ),
                number,
            )
        if kind == "glossary":
            # Paragraph lines count as entries too: a glossary has nothing else
            # to hold, and losing a definition silently would be worse.
            term, warning = split_term(content, number)
            key = term.term.casefold()
            if key in term_lines:
                raise NotesError(
                    fmt(
                        _("the term %(term)s is already defined on line %(line)d"),
                        term=quote(term.term),
                        line=term_lines[key],
                    ),
                    number,
                )
            term_lines[key] = number
            lecture.terms.append(term)
            if warning:
                lecture.warnings.append(ParsedWarning(number, warning))
        elif kind == "actions":
            # Re-import matches items by text, so a duplicate would be ambiguous.
            if content in item_lines:
                raise NotesError(
                    fmt(
                        _("the action item %(item)s is already listed on line %(line)d"),
                        item=quote(content),
                        line=item_lines[content],
                    ),
                    number,
                )
            item_lines[content] = number
            lecture.action_items.append(content)
            lecture.action_item_lines.append(number)
        else:
            if marker is not None:
                depth, _parent = nesting.item(marker.indent, content)
                stored = stored_item(depth, marker.number, content)
            else:
                nesting.text()
                stored = line
            if kind == "overview":
                overview_lines.append(stored)
            else:
                bodies[-1].append(stored)
                body_lines[-1].append(number)

    for section, body, numbers in zip(lecture.sections, bodies, body_lines, strict=True):
        section.body = "\n".join(body)
        section.body_lines = numbers
    lecture.overview = "\n".join(overview_lines)
    if not (lecture.overview or lecture.sections or lecture.terms or lecture.action_items):
        raise NotesError(
            _(
                "the file has no headings or content; add a heading such as "
                '"Overview" with text under it'
            )
        )
    return lecture
