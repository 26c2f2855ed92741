"""Reading a notes file into a ParsedLecture, or refusing it with the line to fix."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import ngettext

from .headings import section_kind
from .lines import (
    BIDI_RE,
    CONTROL_RE,
    TITLE_RE,
    NotesError,
    classify_line,
    describe_forbidden,
    line_and_column,
    quote,
    split_lines,
)
from .parsed import ParsedLecture, ParsedSection
from .slugs import base_slug, claim_slug
from .terms import split_term

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
        f"the file is {shown}; the limit is {allowed}, so split the lecture into smaller files"
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
            f"the file is not UTF-8 text (bad byte at column {column}); save it as UTF-8",
            line,
        ) from None


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
        advice = "remove it" if BIDI_RE.match(control.group()) else "save it as plain UTF-8 text"
        raise NotesError(
            f"the file contains {describe_forbidden(control.group())} at column {column}; {advice}",
            line,
        )
    if not text.strip():
        raise NotesError('the file is empty; start it with a heading such as "Overview"')

    lecture = ParsedLecture()
    overview_lines: list[str] = []
    # Bodies collect lines in lists, joined once at the end, so a huge section
    # costs linear time.
    bodies: list[list[str]] = []
    slugs_taken: set[str] = set()
    next_suffix: dict[str, int] = {}
    heading_cache: dict[str, tuple[str, str]] = {}
    term_lines: dict[str, int] = {}
    item_lines: dict[str, int] = {}
    kind: str | None = None
    seen_content = False

    for number, raw in enumerate(split_lines(text), start=1):
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

        line_kind, content = classify_line(line)
        if line_kind == "heading":
            if not content:
                raise NotesError('this heading has no text; write a title after the "#"', number)
            # Notes repeat headings ("Example", "Summary"); classify each text once.
            if content not in heading_cache:
                heading_cache[content] = (section_kind(content), base_slug(content))
            kind, base = heading_cache[content]
            if kind == "section":
                # Stop here rather than after the file: a 50,000-heading file costs
                # no more than one at the limit.
                if len(lecture.sections) >= max_sections:
                    sections = ngettext("section", "sections", max_sections)
                    raise NotesError(
                        f"the file has more than {max_sections} {sections}; the limit is "
                        f"{max_sections}, so split the lecture into smaller files",
                        number,
                    )
                slug, next_suffix[base] = claim_slug(base, slugs_taken, next_suffix.get(base, 2))
                slugs_taken.add(slug)
                lecture.sections.append(ParsedSection(content, slug, "", number))
                bodies.append([])
            continue

        if line_kind == "bullet" and not content:
            continue
        if kind is None:
            raise NotesError(
                f"{quote(content)} comes before any heading; "
                'start the file with a heading such as "Overview"',
                number,
            )
        if kind == "glossary":
            # Paragraph lines count as entries too: a glossary has nothing else
            # to hold, and losing a definition silently would be worse.
            term = split_term(content, number)
            key = term.term.casefold()
            if key in term_lines:
                raise NotesError(
                    f"the term {quote(term.term)} is already defined on line {term_lines[key]}",
                    number,
                )
            term_lines[key] = number
            lecture.terms.append(term)
        elif kind == "actions":
            # Re-import matches items by text, so a duplicate would be ambiguous.
            if content in item_lines:
                raise NotesError(
                    f"the action item {quote(content)} is already listed on line "
                    f"{item_lines[content]}",
                    number,
                )
            item_lines[content] = number
            lecture.action_items.append(content)
            lecture.action_item_lines.append(number)
        else:
            stored = f"- {content}" if line_kind == "bullet" else content
            if kind == "overview":
                overview_lines.append(stored)
            else:
                bodies[-1].append(stored)

    for section, body in zip(lecture.sections, bodies, strict=True):
        section.body = "\n".join(body)
    lecture.overview = "\n".join(overview_lines)
    if not (lecture.overview or lecture.sections or lecture.terms or lecture.action_items):
        raise NotesError(
            "the file has no headings or content; add a heading such as "
            '"Overview" with text under it'
        )
    return lecture
