"""Read and write the plain-text lecture notes format.

The format (DESIGN.md, "Lecture notes format") is what instructors already write:

    Title: Russia and Azerbaijan            <- optional, first non-blank line only
    Overview                                <- a heading: no sentence punctuation
    This lecture reviews ...                <- paragraph text (ends in . ! ? or …)
    # Historical background                 <- a heading can also start with #
    - Azerbaijan was part of Persia ...     <- bullets start with "- ", "* " or "• "
    Key Terms & Definitions
    - BRICS — an economic grouping ...      <- Term <sep> definition
    Action Items / Next Steps
    - Review the evolution of ...

Headings named like "Overview", "Key Terms" or "Action Items" (see the synonym
tables below) fill the lecture's overview, glossary and action items; every other
heading starts a section. Inline Markdown is kept verbatim: it is rendered, and
sanitised, elsewhere.

This module is pure Python (no models, no database; only the size limits come
from settings) so the import command, the export command, the models' validation
and the tests all share one definition of the format. The models refuse what an
export could not carry back through heading_problem, term_problem, is_alias,
line_problem and text_problem, and store text as an import would through
normalise_text.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils.text import slugify
from django.utils.translation import ngettext

OVERVIEW_HEADINGS = frozenset({"overview", "summary"})
GLOSSARY_HEADINGS = frozenset({"key terms and definitions", "key terms", "glossary", "definitions"})
ACTION_HEADINGS = frozenset(
    {
        "action items next steps",
        "action items and next steps",
        "action items",
        "next steps",
        "homework",
    }
)

# Headings written by format_notes; each must map back to its kind.
OVERVIEW_HEADING = "Overview"
GLOSSARY_HEADING = "Key Terms & Definitions"
ACTIONS_HEADING = "Action Items / Next Steps"

TERM_SEPARATOR = " — "
SLUG_MAX_LENGTH = 80
FALLBACK_SLUG = "section"

# A bare marker ("-" on its own) counts as an empty bullet, so it is skipped
# rather than read as a heading called "-".
_BULLET_RE = re.compile(r"[-*•](?:\s+|$)")
_TITLE_RE = re.compile(r"title:\s*", re.IGNORECASE)
_SENTENCE_PUNCTUATION = ".!?…"
# Closing quotes, brackets and Markdown emphasis may follow the full stop:
# '"Done."', '(see above.)' and '**Read this.**' are all sentences.
_CLOSERS = "\"'”’»›)]}*_"
# Leftmost of: an em or en dash (spaces optional), a hyphen with whitespace on
# both sides (so "Nagorno-Karabakh" stays whole), or a colon before whitespace.
# No leading \s* so a long whitespace run cannot make the search quadratic.
_TERM_SEPARATOR_RE = re.compile(r"[—–]|(?<=\s)-(?=\s)|:(?=\s|$)")
# The alias must look like an abbreviation (one word with a capital letter), so
# "Treaty of Kars (1921)" keeps its year as part of the term.
_ALIAS_RE = re.compile(r"\((?=[^()\s]*[A-Z])([A-Za-z][^()\s]*)\)$")
_NON_WORD_RE = re.compile(r"[\W_]+")
# C0 controls other than tab, LF and CR: PostgreSQL refuses NUL in text columns,
# and none of them belongs in notes. Also the bidirectional embeddings, overrides
# and isolates: they make text display in another order than it is stored (a
# definition or quiz answer that reads differently from what it says), and one
# left open reorders the rest of the page it is rendered into.
_BIDI_CHARACTERS = "\u202a-\u202e\u2066-\u2069"
_CONTROL_RE = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f{_BIDI_CHARACTERS}]")
_BIDI_RE = re.compile(rf"[{_BIDI_CHARACTERS}]")
# Dash punctuation that slugify() would drop, joining the words on either side:
# hyphens, figure dash, en and em dashes, horizontal bar, minus sign, two- and
# three-em dashes, small em dash.
_DASHES = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58", "-")
)
_MB = 1024 * 1024
_LINE_BREAK_RE = re.compile(r"[\r\n]")
_KIND_ROLES = {
    "overview": "it holds the lecture overview",
    "glossary": "it holds the glossary",
    "actions": "it holds action items",
}

_QUOTE_LIMIT = 60


class NotesError(ValueError):
    """A notes file that does not follow the format; .line is 1-based or None (whole file)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.message = message
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return f"line {self.line}: {self.message}"


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
class ParsedEvent:
    when_label: str
    sort_key: datetime.date
    text: str
    # The last date of a span ("1961–1989"), at the precision the notes give; None
    # for a single date.
    end_key: datetime.date | None = None


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


# --------------------------------------------------------------------------- headings


def normalise_heading(text: str) -> str:
    """Lowercase, "&" -> "and", punctuation -> space, whitespace collapsed."""
    text = text.casefold().replace("&", " and ")
    return " ".join(_NON_WORD_RE.sub(" ", text).split())


def section_kind(heading: str) -> str:
    """Return "overview", "glossary", "actions" or "section" for a heading's text."""
    key = normalise_heading(heading)
    if key in OVERVIEW_HEADINGS:
        return "overview"
    if key in GLOSSARY_HEADINGS:
        return "glossary"
    if key in ACTION_HEADINGS:
        return "actions"
    return "section"


def _heading_text(text: str) -> str:
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


def _ends_sentence(line: str) -> bool:
    tail = line.rstrip(_CLOSERS)
    return bool(tail) and tail[-1] in _SENTENCE_PUNCTUATION


def _classify(line: str) -> tuple[str, str]:
    """Classify a stripped, non-blank line as ("bullet"|"heading"|"paragraph", text)."""
    match = _BULLET_RE.match(line)
    if match:
        return "bullet", line[match.end() :]
    if line.startswith("#") or not _ends_sentence(line):
        return "heading", _heading_text(line)
    return "paragraph", line


# --------------------------------------------------------------------------- slugs


def slug_for(title: str) -> str:
    """The URL slug derived from a title: "Sykes–Picot Agreement" -> "sykes-picot-agreement".

    At most 80 characters, and "" for a title with no latin letters or digits.
    Every slug made from a title (lectures and sections) comes from here.
    """
    return slugify(title.translate(_DASHES))[:SLUG_MAX_LENGTH].strip("-")


def slug_problem(slug: str) -> str | None:
    """Why `slug` cannot be a course or lecture slug in a URL, or None.

    Phrased to follow the value's name: "the course slug “a b” is not a valid slug: …".
    """
    try:
        validate_slug(slug)
    except ValidationError:
        return (
            f"“{slug[:40]}” is not a valid slug: use only letters, digits, hyphens and "
            "underscores, with no spaces"
        )
    if len(slug) > SLUG_MAX_LENGTH:
        return f"“{slug[:40]}…” is longer than {SLUG_MAX_LENGTH} characters"
    return None


def _base_slug(title: str) -> str:
    return slug_for(title) or FALLBACK_SLUG


def _claim_slug(base: str, taken: set[str], start: int = 2) -> tuple[str, int]:
    if base not in taken:
        return base, start
    number = start
    while True:
        suffix = f"-{number}"
        candidate = base[: SLUG_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
        number += 1
        if candidate not in taken:
            return candidate, number


def unique_slug(title: str, taken: set[str]) -> str:
    """Slug for title that is not in taken: "slug", then "slug-2", "slug-3", ...

    At most 80 characters; a title with no latin letters or digits gets "section".
    taken is not modified.
    """
    return _claim_slug(_base_slug(title), taken)[0]


# --------------------------------------------------------------------------- parsing


def _quote(text: str) -> str:
    if len(text) > _QUOTE_LIMIT:
        text = text[: _QUOTE_LIMIT - 1].rstrip() + "…"
    return f'"{text}"'


def _codepoint(char: str) -> str:
    return f"U+{ord(char):04X}"


def _forbidden(char: str) -> str:
    """The character named for a message: a control character (U+0000) or a
    bidirectional-override character (U+202E)."""
    kind = "bidirectional-override" if _BIDI_RE.match(char) else "control"
    return f"a {kind} character ({_codepoint(char)})"


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


def _split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _position(before: str) -> tuple[int, int]:
    """1-based (line, column) of the character that follows `before`."""
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return line, len(before) - line_start + 1


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8")
        line, column = _position(before)
        if line == 1 and before.startswith("\ufeff"):
            column -= 1
        raise NotesError(
            f"the file is not UTF-8 text (bad byte at column {column}); save it as UTF-8",
            line,
        ) from None


def _trailing_alias(term: str) -> re.Match[str] | None:
    """The "(ABBR)" ending `term` that the parser splits off as its alias, if any."""
    match = _ALIAS_RE.search(term)
    if match and term[: match.start()].strip():
        return match
    return None


def _cut_term_separator(term: str) -> re.Match[str] | None:
    # The export writes "Term — definition": a separator in the term, or a trailing
    # ":" or " -" that the following space completes, would end the term early.
    return _TERM_SEPARATOR_RE.search(term + " ")


def _split_term(text: str, line: int) -> ParsedTerm:
    match = _TERM_SEPARATOR_RE.search(text)
    if match is None:
        raise NotesError(
            f"glossary entry {_quote(text)} has no separator between term and definition; "
            'write "Term — definition"',
            line,
        )
    term = text[: match.start()].rstrip()
    definition = text[match.end() :].strip()
    if not term:
        raise NotesError(f"glossary entry {_quote(text)} has no term before the separator", line)
    if not definition:
        raise NotesError(
            f"glossary entry {_quote(text)} has no definition after the separator", line
        )
    alias = ""
    alias_match = _trailing_alias(term)
    if alias_match:
        alias = alias_match.group(1)
        term = term[: alias_match.start()].rstrip()
    cut = _cut_term_separator(term)
    if cut:
        raise NotesError(
            f'the term {_quote(term)} ends in "{cut.group()}", which would read as a '
            "separator when the notes are exported; remove it",
            line,
        )
    return ParsedTerm(term=term, alias=alias, definition=definition, line=line)


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
    control = _CONTROL_RE.search(text)
    if control:
        line, column = _position(text[: control.start()])
        advice = "remove it" if _BIDI_RE.match(control.group()) else "save it as plain UTF-8 text"
        raise NotesError(
            f"the file contains {_forbidden(control.group())} at column {column}; {advice}",
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

    for number, raw in enumerate(_split_lines(text), start=1):
        line = raw.strip()
        if not line:
            continue
        if not seen_content:
            seen_content = True
            title_match = _TITLE_RE.match(line)
            if title_match:
                lecture.title = line[title_match.end() :]
                lecture.title_line = number
                continue

        line_kind, content = _classify(line)
        if line_kind == "heading":
            if not content:
                raise NotesError('this heading has no text; write a title after the "#"', number)
            # Notes repeat headings ("Example", "Summary"); classify each text once.
            if content not in heading_cache:
                heading_cache[content] = (section_kind(content), _base_slug(content))
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
                slug, next_suffix[base] = _claim_slug(base, slugs_taken, next_suffix.get(base, 2))
                slugs_taken.add(slug)
                lecture.sections.append(ParsedSection(content, slug, "", number))
                bodies.append([])
            continue

        if line_kind == "bullet" and not content:
            continue
        if kind is None:
            raise NotesError(
                f"{_quote(content)} comes before any heading; "
                'start the file with a heading such as "Overview"',
                number,
            )
        if kind == "glossary":
            # Paragraph lines count as entries too: a glossary has nothing else
            # to hold, and losing a definition silently would be worse.
            term = _split_term(content, number)
            key = term.term.casefold()
            if key in term_lines:
                raise NotesError(
                    f"the term {_quote(term.term)} is already defined on line {term_lines[key]}",
                    number,
                )
            term_lines[key] = number
            lecture.terms.append(term)
        elif kind == "actions":
            # Re-import matches items by text, so a duplicate would be ambiguous.
            if content in item_lines:
                raise NotesError(
                    f"the action item {_quote(content)} is already listed on line "
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


# --------------------------------------------------------------------------- writing


def _heading_line(title: str) -> str:
    # Write the plain title, as the sample does, unless reading it back would
    # give something else (a sentence, a bullet, a "Title:" line, or a leading
    # U+FEFF that parse_notes would drop as a BOM on the first line); then use "# ".
    if (
        not _TITLE_RE.match(title)
        and not title.startswith("\ufeff")
        and _classify(title) == ("heading", title)
    ):
        return title
    return f"# {title}"


def format_notes(lecture: ParsedLecture) -> str:
    """Write a lecture in the notes format; parse_notes() of the result gives it back.

    Body and overview lines are written as stored. A line that does not end in
    sentence punctuation would read back as a heading; the import never produces
    one, and the models' validation (text_problem) refuses one typed in the admin.
    """
    blocks: list[list[str]] = []
    if lecture.title:
        blocks.append([f"Title: {lecture.title}"])
    if lecture.overview:
        blocks.append([OVERVIEW_HEADING, *lecture.overview.split("\n")])
    for section in lecture.sections:
        body = section.body.split("\n") if section.body else []
        blocks.append([_heading_line(section.title), *body])
    if lecture.terms:
        lines = [GLOSSARY_HEADING]
        for term in lecture.terms:
            name = f"{term.term} ({term.alias})" if term.alias else term.term
            lines.append(f"- {name}{TERM_SEPARATOR}{term.definition}")
        blocks.append(lines)
    if lecture.action_items:
        blocks.append([ACTIONS_HEADING, *(f"- {item}" for item in lecture.action_items)])
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


# --------------------------------------------------------------------------- validation
#
# What the admin lets an instructor type must come back unchanged from an export:
# these say, in one sentence for a form field, why a value would not.


def line_problem(text: str) -> str | None:
    """Why `text` cannot be one line of a notes file (a title, term or item), or None."""
    control = _CONTROL_RE.search(text)
    if control:
        return f"Remove {_forbidden(control.group())}: the notes format cannot hold it."
    if _LINE_BREAK_RE.search(text):
        return "Write this on one line: a line break would split it when the notes are exported."
    return None


def is_alias(text: str) -> bool:
    """True if a glossary entry "Term (text) — definition" reads back with alias `text`."""
    written = f"({text})"
    return bool(_ALIAS_RE.fullmatch(written)) and _TERM_SEPARATOR_RE.search(written) is None


def term_problem(term: str, alias: str = "") -> str | None:
    """Why glossary term `term` (with `alias`, "" for none) would not read back as itself."""
    problem = line_problem(term)
    if problem:
        return problem
    term = term.strip()
    cut = _cut_term_separator(term)
    if cut:
        separator = {"-": " - ", ":": ": "}.get(cut.group(), cut.group())
        return (
            f"“{term}” contains “{separator}”, which the notes format reads as the end "
            "of the term: rephrase the term."
        )
    trailing = _trailing_alias(term)
    if trailing and not alias:
        return (
            f"“{term}” ends in “{trailing.group()}”, which would be read back as its alias: "
            f"put “{trailing.group(1)}” in the alias field instead."
        )
    return None


def heading_problem(title: str) -> str | None:
    """Why a section titled `title` would not read back as itself, or None."""
    problem = line_problem(title)
    if problem:
        return problem
    title = title.strip()
    if not _heading_text(title):
        return "The title needs some text besides “#” and “:”."
    read_back = _classify(_heading_line(title))[1]
    if read_back != title:
        return (
            f"“{title}” would be read back as “{read_back}” when the notes are exported; "
            f"write “{read_back}” instead."
        )
    kind = section_kind(title)
    if kind != "section":
        return (
            f"“{title}” is a reserved heading in the notes format ({_KIND_ROLES[kind]}); "
            "choose another title."
        )
    return None


def text_problem(text: str) -> str | None:
    """Why a section body or overview would not read back as itself, naming the line."""
    for number, raw in enumerate(_split_lines(text), start=1):
        control = _CONTROL_RE.search(raw)
        if control:
            return (
                f"Line {number} of the text contains {_forbidden(control.group())} "
                f"at column {control.start() + 1}: remove it."
            )
        line = raw.strip()
        if not line or _classify(line)[0] != "heading":
            continue
        if line.startswith("#"):
            return (
                f"Line {number} of the text starts with “#”, so it would be read as a heading "
                "when the notes are exported: start it with “- ” for a bullet."
            )
        return (
            f"Line {number} of the text would be read as a heading when the notes are "
            "exported: end it with . ! ? … or start it with “- ” for a bullet."
        )
    return None


def normalise_text(text: str) -> str:
    """A body or overview as an import stores it.

    Lines are stripped, blank lines and empty bullets dropped, and every bullet
    marker written "- ". Lines that would read as headings are kept (text_problem
    reports them).
    """
    lines = []
    for raw in _split_lines(text):
        line = raw.strip()
        if not line:
            continue
        kind, content = _classify(line)
        if kind != "bullet":
            lines.append(line)
        elif content:
            lines.append(f"- {content}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- events

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_MONTH_NAMES = {number: name.capitalize() for name, number in _MONTHS.items()}
_MONTH_ABBREVIATIONS = {"sept": 9, **{name[:3]: number for name, number in _MONTHS.items()}}
# Capitalised only, so the verb "may" or "march" in a sentence is not a month.
_MONTH_PATTERN = "|".join(
    name.capitalize()
    for name in sorted({*_MONTHS, *_MONTH_ABBREVIATIONS}, key=lambda name: (-len(name), name))
)
_YEAR = r"\d{4}"
_ORDINAL = r"(?:st|nd|rd|th)"
_NOT_IN_NUMBER_BEFORE = r"(?<![\d$€£¥])(?<!\d[.,])"
_NOT_IN_NUMBER_AFTER = r"(?![.,]\d)(?!\s*%)"

# One alternation scanned left to right: at each position the more specific
# forms are tried first, so "12 December 2024" is one event, not three.
_EVENT_RE = re.compile(
    rf"""
    (?=[0-9A-Z])  # every form starts with a digit or a capitalised month: skip the rest fast
    {_NOT_IN_NUMBER_BEFORE}\b
    (?:
        (?P<iso_y>{_YEAR})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)
      | (?P<dmy_d>\d{{1,2}}){_ORDINAL}?\s+(?P<dmy_m>{_MONTH_PATTERN})\.?,?\s+(?P<dmy_y>{_YEAR})
      | (?P<mdy_m>{_MONTH_PATTERN})\.?\s+(?P<mdy_d>\d{{1,2}}){_ORDINAL}?,?\s+(?P<mdy_y>{_YEAR})
      | (?P<my_m>{_MONTH_PATTERN})\.?\s+(?P<my_y>{_YEAR})
      | (?P<range_a>{_YEAR})(?:\s*[-–—]\s*|\s+to\s+)(?P<range_b>{_YEAR})
      | (?P<century>\d{{1,2}}){_ORDINAL}[\s-]+(?i:century)
      | (?P<decade>\d{{3}}0)['’]?s
      | (?P<year>{_YEAR})
    )
    \b{_NOT_IN_NUMBER_AFTER}
    """,
    re.VERBOSE,
)

_MIN_YEAR, _MAX_YEAR = 1000, 2199
_ANY_DIGIT = re.compile(r"\d")


def _month_number(name: str) -> int:
    name = name.lower()
    return _MONTHS.get(name) or _MONTH_ABBREVIATIONS[name]


def _ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _year_event(year: int) -> tuple[str, datetime.date] | None:
    if _MIN_YEAR <= year <= _MAX_YEAR:
        return str(year), datetime.date(year, 1, 1)
    return None


def _month_event(year: int, month: int) -> tuple[str, datetime.date] | None:
    if _MIN_YEAR <= year <= _MAX_YEAR:
        return f"{_MONTH_NAMES[month]} {year}", datetime.date(year, month, 1)
    return None


def _day_event(year: int, month: int, day: int) -> list[tuple[str, datetime.date] | None]:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return []
    try:
        when = datetime.date(year, month, day)
    except ValueError:
        # "31 February 2024" still tells us the month.
        return [_month_event(year, month)] if 1 <= month <= 12 else [_year_event(year)]
    return [(f"{day} {_MONTH_NAMES[month]} {year}", when)]


def _match_events(match: re.Match[str]) -> list[tuple[str, datetime.date] | None]:
    group = match.group
    if group("iso_y"):
        return _day_event(int(group("iso_y")), int(group("iso_m")), int(group("iso_d")))
    if group("dmy_y"):
        month = _month_number(group("dmy_m"))
        return _day_event(int(group("dmy_y")), month, int(group("dmy_d")))
    if group("mdy_y"):
        month = _month_number(group("mdy_m"))
        return _day_event(int(group("mdy_y")), month, int(group("mdy_d")))
    if group("my_y"):
        return [_month_event(int(group("my_y")), _month_number(group("my_m")))]
    if group("range_a"):
        first, last = int(group("range_a")), int(group("range_b"))
        if _MIN_YEAR <= first < last <= _MAX_YEAR:
            return [(f"{first}–{last}", datetime.date(first, 1, 1))]
        return [_year_event(first), _year_event(last)]
    if group("century"):
        number = int(group("century"))
        if not 1 <= number <= 22:
            return []
        # "The 19th century" is usually meant as the 1800s, so it sorts from 1800.
        return [(f"{_ordinal(number)} century", datetime.date(max(1, (number - 1) * 100), 1, 1))]
    if group("decade"):
        year = int(group("decade"))
        if _MIN_YEAR <= year <= _MAX_YEAR:
            return [(f"{year}s", datetime.date(year, 1, 1))]
        return []
    return [_year_event(int(group("year")))]


# A span written with both ends: "1961–1989", "from May 1940 to June 1941", "between
# 1961 and 1989", "from 3 to 5 September 1860", "1852–53". The start may leave out
# what it shares with the end; _span() checks that the two ends fit together.
_DAY = rf"\d{{1,2}}{_ORDINAL}?"
_MONTH = rf"(?:{_MONTH_PATTERN})\.?"
_SPAN_START = rf"""
    (?P<a_dmy>{_DAY}\s+{_MONTH},?\s+{_YEAR})
  | (?P<a_mdy>{_MONTH}\s+{_DAY},?\s+{_YEAR})
  | (?P<a_my>{_MONTH},?\s+{_YEAR})
  | (?P<a_y>{_YEAR})
  | (?P<a_dm>{_DAY}\s+{_MONTH})
  | (?P<a_m>{_MONTH})
  | (?P<a_d>{_DAY})
"""
_SPAN_END = rf"""
    (?P<b_dmy>{_DAY}\s+{_MONTH},?\s+{_YEAR})
  | (?P<b_mdy>{_MONTH}\s+{_DAY},?\s+{_YEAR})
  | (?P<b_my>{_MONTH},?\s+{_YEAR})
  | (?P<b_y>{_YEAR})
  | (?P<b_yy>\d\d)(?![-‐‑–—/:]?\d)
"""
_SPAN_RE = re.compile(
    rf"""
    (?:\b(?P<lead>[Ff]rom|[Bb]etween)\s+(?:c\.\s*|circa\s+|around\s+)?)?
    {_NOT_IN_NUMBER_BEFORE}\b(?P<a>{_SPAN_START})
    (?P<conn>\s*[-–—]\s*|\s+(?:to|and|until|till)\s+(?:c\.\s*|circa\s+)?)
    (?P<b>{_SPAN_END})
    \b{_NOT_IN_NUMBER_AFTER}
    """,
    re.VERBOSE,
)
_PIECE_RES = {
    "dmy": re.compile(
        rf"(?P<d>\d{{1,2}}){_ORDINAL}?\s+(?P<m>{_MONTH_PATTERN})\.?,?\s+(?P<y>\d{{4}})"
    ),
    "mdy": re.compile(
        rf"(?P<m>{_MONTH_PATTERN})\.?\s+(?P<d>\d{{1,2}}){_ORDINAL}?,?\s+(?P<y>\d{{4}})"
    ),
    "my": re.compile(rf"(?P<m>{_MONTH_PATTERN})\.?,?\s+(?P<y>\d{{4}})"),
    "y": re.compile(r"(?P<y>\d{4})"),
    "dm": re.compile(rf"(?P<d>\d{{1,2}}){_ORDINAL}?\s+(?P<m>{_MONTH_PATTERN})\.?"),
    "m": re.compile(rf"(?P<m>{_MONTH_PATTERN})\.?"),
    "d": re.compile(rf"(?P<d>\d{{1,2}}){_ORDINAL}?"),
}


@dataclass
class _Mention:
    """One date mentioned in a text: a day, month, year, decade, century or span."""

    start: int
    end: int
    label: str
    when: datetime.date
    end_when: datetime.date | None = None
    kind: str = "year"  # "year", "month", "day", "decade", "century" or "span"


def _piece(match: re.Match[str], side: str) -> tuple[str, dict[str, int]]:
    """(form, {"y": .., "m": .., "d": ..}) of one end of a span."""
    for form, regex in _PIECE_RES.items():
        name = f"{side}_{form}"
        text = match.group(name) if name in match.re.groupindex else None
        if text is not None:
            parts = regex.fullmatch(text)
            values = {}
            for key in ("y", "m", "d"):
                if key in regex.groupindex:
                    raw = parts.group(key)
                    values[key] = _month_number(raw) if key == "m" else int(raw)
            return form, values
    # Only the end can be a two-digit year ("1852–53").
    return "yy", {"yy": int(match.group("b_yy"))}


def _piece_label(values: dict[str, int]) -> str:
    words = []
    if "d" in values:
        words.append(str(values["d"]))
    if "m" in values:
        words.append(_MONTH_NAMES[values["m"]])
    if "y" in values:
        words.append(str(values["y"]))
    return " ".join(words)


def _span(match: re.Match[str]) -> _Mention | None:
    """The span a _SPAN_RE match stands for, or None if its ends do not make one."""
    lead, conn = match.group("lead"), match.group("conn").strip()
    a_form, a = _piece(match, "a")
    b_form, b = _piece(match, "b")
    if conn == "and" and not lead:
        return None  # "in 1994 and 1999" names two years
    if conn in ("until", "till") and not lead:
        return None  # "the war lasted 1939 until ..." reads as a bound
    if b_form == "yy":
        # "1852–53": only after a full year and a dash.
        if a_form != "y" or conn not in ("-", "–", "—"):
            return None
        b = {"y": a["y"] - a["y"] % 100 + b["yy"]}
    if "y" not in a and not lead and conn in ("to", "and"):
        return None  # "3 to 5 September" needs "from" to read as a span
    # A start without a year (or month) takes it from the end; it must not skip
    # a unit: "5 to 1990" is no span, "3 to 5 September 1860" is.
    if "d" in a and "d" not in b:
        return None
    if "m" in a and "m" not in b and "d" not in a and "y" not in a:
        return None
    if "d" in a and "m" not in a and "m" not in b:
        return None
    shown = dict(a)
    for key in ("m", "y"):
        a.setdefault(key, b.get(key, 1) if key == "y" or "d" in a else b.get(key, 1))
    if "d" in a and "m" not in shown:
        a["m"] = b["m"]
    if not (_MIN_YEAR <= a["y"] <= _MAX_YEAR and _MIN_YEAR <= b["y"] <= _MAX_YEAR):
        return None
    try:
        first = datetime.date(a["y"], a.get("m", 1), a.get("d", 1))
        last = datetime.date(b["y"], b.get("m", 1), b.get("d", 1))
    except ValueError:
        return None
    if first >= last:
        return None
    # The start as written (it may share its month or year with the end).
    start_label = _piece_label(shown)
    return _Mention(
        match.start("a"),
        match.end("b"),
        f"{start_label}–{_piece_label(b)}",
        first,
        last,
        "span",
    )


def _single(match: re.Match[str]) -> list[_Mention]:
    group = match.group
    kind = (
        "day"
        if group("iso_y") or group("dmy_y") or group("mdy_y")
        else "month"
        if group("my_y")
        else "century"
        if group("century")
        else "decade"
        if group("decade")
        else "year"
    )
    mentions = []
    found_all = _match_events(match)
    for position, found in enumerate(found_all):
        if found is None:
            continue
        label, when = found
        found_kind = kind
        start, end = match.start(), match.end()
        if group("range_a"):
            found_kind = "span" if "–" in label else "year"
            if len(found_all) == 2:
                # "2023-2019" is no span: two years, each where it is written.
                start, end = match.span("range_b" if position else "range_a")
        if found_kind == "day" and label.count(" ") < 2:
            found_kind = "month" if " " in label else "year"
        end_when = None
        if found_kind == "span":
            end_when = datetime.date(int(group("range_b")), 1, 1)
        mentions.append(_Mention(start, end, label, when, end_when, found_kind))
    return mentions


# ---------------------------------------------------------------- numbers that are not dates


def _word_set(words: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string, for long word lists."""
    return frozenset(words.split())


# A word in front that makes the number a name or a number in a series: "RFC 1945",
# "Apollo 18", "Kosmos 1408", "No. 1912", "page 1200", "Section 1983", "Model 1960".
_LABEL_WORDS = _word_set(
    """
    rfc no nos nr number numbers page pages p pp para paragraph section sections article
    articles chapter chapters order model models type version ver release build flight
    route highway road room code codes port ports channel track opus op item serial record
    records catalogue catalog alarm alarms error errors form line platform gate unit
    exhibit figure fig table level bus file vol volume issue cosmos kosmos apollo soyuz
    """
)
# Capitalised words that may stand right before a year in prose: "In 1855", "By 1961",
# "Summer 1969". Any other capitalised word ("RFC", "Kosmos") labels the number.
_BEFORE_YEAR_WORDS = _word_set(
    """
    in on at by of from to since until till through throughout during before after around
    about circa c ca and or but then early late mid spring summer autumn fall winter
    christmas easter midsummer ad ce ac bc bce anno the a an between when while as
    """
)
_UNIT_WORDS = _word_set(
    """
    km m cm mm nm µm kg g mg µg t kt mt l ml kl ha acre acres ft mi mph kmh rpm hz khz mhz
    ghz w kw mw gw v kv ma k kn mn j kj mj kwh mwh cal kcal db b kb mb gb tb bit bits
    byte bytes kbit mbit gbit px pt ppm ppb sq cu million millions billion billions thousand
    thousands hundred hundreds dozen percent per tonnes tonne tons ton lire lira francs
    dollars pounds euros marks yen roubles rubles
    """
)
# Plural counted nouns that do not end in "s".
_IRREGULAR_PLURALS = _word_set(
    "people men women children feet teeth mice sheep deer fish geese cattle staff"
)
# Words ending in "s" that are not counted nouns after a year: "in 1983 was", "1990 as".
_NOT_PLURALS = _word_set(
    """
    was is has as its his this thus us yes across plus perhaps towards afterwards besides
    onwards forwards backwards upwards downwards
    whereas unless always sometimes versus less nevertheless does goes
    """
)
_STREET_WORDS = _word_set(
    "avenue street road lane boulevard square place drive way strasse straße court"
)
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][\w./'’-]*?)\.?\s*[#/]?\s*$")
_WORD_AFTER_RE = re.compile(r"\s*(?:-\s*)?([^\W\d_][\w'’³²/-]*|°\s*[CF]?|[%‰³²µ°])")
_NUMBER_LIST_BEFORE_RE = re.compile(r"\d[\d,.]*(?:\s+[a-z]+)?\s+(?:and|or|to|,)\s*$|\d[\d,.]*,\s*$")
_NUMBER_LIST_AFTER_RE = re.compile(r"(?:\s*(?:,|and|or|to)\s*\d[\d,.]*)+")


def _year_like(mention: _Mention) -> bool:
    return mention.kind in ("year", "span") and mention.label[:4].isdigit()


def _not_a_date(text: str, mention: _Mention) -> bool:
    """A bare number that only looks like a year: a label's number, a quantity, an address."""
    if not _year_like(mention):
        return False
    before, after = text[: mention.start], text[mention.end :]
    if re.search(r"(?:[/\w.]|[^\W\d]-)$", before) and not re.search(
        r"(?i)\b(?:pre|post|mid|c\.)-?$", before
    ):
        return True  # "HTTP/1945", "DDP-1516", "A.1945": glued to a name

    word = _WORD_BEFORE_RE.search(before[-40:])
    if word and word.end() == len(before[-40:]):
        name = word.group(1).rstrip(".").casefold()
        raw = word.group(1)
        gap = before[len(before) - (len(before[-40:]) - word.end(1)) :]
        if name in _LABEL_WORDS and not gap.strip(" .#"):
            return True
        if (
            mention.kind != "span"
            and raw[:1].isupper()
            and name not in _BEFORE_YEAR_WORDS
            and name not in _MONTHS
            and name not in _MONTH_ABBREVIATIONS
            and not raw.endswith(("'s", "’s", "s'", "s’"))
            and not gap.strip()
        ):
            return True  # "Kosmos 1408", "ISO 9001"
    listed_before = _NUMBER_LIST_BEFORE_RE.search(before)
    if listed_before and not _ANY_DATE_BEFORE_RE.search(before):
        previous = re.match(r"[\d,.]+", listed_before.group()).group().rstrip(",.")
        if not (len(previous) == 4 and _MIN_YEAR <= int(previous) <= _MAX_YEAR):
            return True  # "5474 round and 1850 wrinkled"
    listed = _NUMBER_LIST_AFTER_RE.match(after)
    rest = after[listed.end() :] if listed else after
    following = _WORD_AFTER_RE.match(rest)
    if following:
        word_after = following.group(1)
        key = word_after.casefold().rstrip("/")
        if word_after[:1] in "°%‰³²µ":
            return True
        if rest.lstrip().startswith("-") and key not in _STATE_SUFFIXES:
            return True  # "2048-bit", "1500-word"
        if key.split("/")[0] in _UNIT_WORDS:
            return True
        temporal = re.search(
            r"(?i)\b(?:in|on|by|since|until|till|during|after|before|around|circa|c\.)\s*$", before
        )
        if (
            word_after.islower()
            and not temporal
            and (
                key in _IRREGULAR_PLURALS
                or (key.endswith("s") and key not in _NOT_PLURALS and not key.endswith("ss"))
            )
        ):
            return True  # "1500 calories", "1200 pupils"
        street = re.match(r"\s*(?:[A-Z]\w*\s+){1,3}([A-Z]\w*)", rest)
        if street and street.group(1).casefold() in _STREET_WORDS:
            return True  # "1600 Pennsylvania Avenue"
    return False


_ANY_DATE_BEFORE_RE = re.compile(rf"(?:{_MONTH_PATTERN})\.?\s+\d{{1,2}},\s*$")


def _mentions(text: str) -> list[_Mention]:
    """Every date mentioned in text, spans as one mention, numbers that are not dates left out."""
    if not _ANY_DIGIT.search(text):
        # Every recognised form has a digit; most bullets have none, so skip the regexes.
        return []
    found: list[_Mention] = []
    taken_until = 0
    spans = [span for match in _SPAN_RE.finditer(text) if (span := _span(match))]
    singles = [m for match in _EVENT_RE.finditer(text) for m in _single(match)]
    for mention in sorted([*spans, *singles], key=lambda m: (m.start, -(m.end - m.start))):
        if mention.start < taken_until:
            continue
        if mention.kind == "span" or not any(s.start <= mention.start < s.end for s in spans):
            found.append(mention)
            taken_until = mention.end
    return [mention for mention in found if not _not_a_date(text, mention)]


def find_dates(text: str) -> list[tuple[int, int, str, datetime.date]]:
    """(start, end, label, date) of every date mentioned in `text`, in order.

    A span ("1961–1989", "from May 1940 to June 1941") is one mention dated by its
    start; numbers that only look like years ("RFC 1945", "1500 bytes") are none.
    """
    return [(m.start, m.end, m.label, m.when) for m in _mentions(text)]


# ---------------------------------------------------------------- which dates are events

# A bound or a state of affairs rather than an event: "until 1907", "by 1850",
# "since 1971", "as of 1990", "through the 16th century", "for the rest of the 19th century".
_BOUND_BEFORE_RE = re.compile(
    r"(?i)(?:\b(?:until|till|til|by|since|as\s+of|through|throughout|up\s+to|prior\s+to|"
    r"before|after|into|for\s+the\s+rest\s+of|rest\s+of)\s+(?:as\s+early\s+as\s+)?"
    r"(?:the\s+)?(?:(?:very\s+)?(?:early|mid|middle|late|later|earlier|end\s+of\s+the|"
    r"start\s+of\s+the|turn\s+of\s+the)[\s-]*)?|\b(?:pre|post)\s*[-‐‑–]\s*)$"
)
_STATE_SUFFIXES = frozenset({"era", "style", "styled", "vintage", "type", "like", "esque"})
_STATE_NOUNS = (
    r"levels?|lines?|borders?|boundar(?:y|ies)|frontiers?|parity|parities|peak|size|"
    r"population|output|values?|rates?|positions?|status|strength|prices?|standards?"
)
_STATE_RE = re.compile(r"(?i)\b(?:their|its|his|her|our|my|your)\s+(?:pre-)?$")
_STATE_AFTER_RE = re.compile(rf"(?i)\s+(?:{_STATE_NOUNS})\b")
_SUFFIX_AFTER_RE = re.compile(r"\s*[-‐‑]\s*([A-Za-z]+)")
# "A 19th-century picture": a century used as an adjective describes, it does not date.
_ADJECTIVE_CENTURY_RE = re.compile(r"(?i)\d+(?:st|nd|rd|th)[-‐‑]century\s+[a-z]")


def _is_state(text: str, mention: _Mention) -> bool:
    """A bound ("until 1907") or a state of affairs ("the 1990s-era", "their 1967 lines")."""
    before, after = text[: mention.start], text[mention.end :]
    bound = _BOUND_BEFORE_RE.search(before)
    if bound:
        # "until the 2020 war": the year dates the war, not the bound.
        attributive = (
            mention.kind == "year"
            and re.search(r"(?i)\bthe\s+$", before)
            and re.match(r"\s+[A-Za-z]", after)
        )
        if not attributive:
            return True
    suffix = _SUFFIX_AFTER_RE.match(after)
    if suffix and suffix.group(1).casefold() in _STATE_SUFFIXES:
        return True
    if _STATE_RE.search(before) and _STATE_AFTER_RE.match(after):
        return True
    return mention.kind == "century" and bool(
        _ADJECTIVE_CENTURY_RE.match(text, mention.start, mention.end + 3)
        or _ADJECTIVE_CENTURY_RE.match(text[mention.start : mention.end + 40])
    )


# Speculation, counterfactuals and doubtful claims give no event for the dates they govern.
_SPECULATIVE_RE = re.compile(
    r"\b(?:might|may|could|would|perhaps|possibly|maybe|probably|rumou?red|conjectured|"
    r"speculated|hypothetically)\b"
)
_SPECULATIVE_OPENING_RE = re.compile(r"^\W*(?:Perhaps|Maybe|Possibly|Might|Could|Would)\b")
_CLAIM_RE = re.compile(
    r"(?i)\b(?:claim(?:s|ed)?|boast(?:s|ed)?|alleg(?:es|ed|edly)|supposedly|reportedly|"
    r"purportedly|(?:is|was|are|were)\s+(?:often\s+|widely\s+)?(?:said|thought|believed|"
    r"rumou?red)\s+to|legend\s+has\s+it)\b"
)
# Dates inside a work of fiction belong to its story, not to history.
_FICTION_RE = re.compile(
    r"(?i)\b(?:(?:the\s+)?(?:novel|story|play|film|book|poem|plot|narrative)['’]s\s+"
    r"(?:chronology|timeline|world|calendar)|takes\s+place|is\s+set\s+in|are\s+set\s+in|"
    r"opens\s+in|fictional|in\s+the\s+novel|in\s+the\s+story)\b"
)


# ---------------------------------------------------------------- clauses

_AUXILIARIES = _word_set("was were is are am be been being has have had does do did will shall can")
_IRREGULAR_VERBS = _word_set(
    """
    arose awoke beat became become began begun bent bet bit bled blew bore borne bought
    bound bred broke broken brought built burnt burst caught chose chosen clung came cost
    crept cut dealt dug did done drew drawn drank drove driven ate eaten fell fallen fed
    felt fought found fled flung flew flown forbade forgot forgave froze frozen got gotten
    gave given went gone grew grown hung heard hid hidden hit held hurt kept knelt knew
    known laid led leapt left lent let lay lit lost made meant met paid put quit read rode
    ridden rang rung rose risen ran run said saw seen sought sold sent set shook shaken shed
    shone shot shown shut sang sung sank sunk sat slept slid spoke spoken spent spun split
    spread sprang stood stole stolen stuck stung struck strove swore sworn swept swam swum
    swung took taken taught tore torn told thought threw thrown understood undertook woke
    wore worn won wound wrote written withdrew withdrawn overtook overthrew overthrown
    """
)
_PARTICIPLES = _word_set(
    """
    born borne built made written begun held set put kept known run shot sold won dug drawn
    given taken seen sent brought found grown shown done laid paid led cut read spent told
    thought taught founded begun chosen stolen driven eaten fallen forgotten hidden broken
    spoken sworn torn worn thrown flown risen sung sunk struck proven woven frozen shaken
    beaten bitten ridden forbidden overtaken undertaken mistaken sewn sown withdrawn
    """
)
_RELATIVES = frozenset({"who", "which", "whose", "whom", "where"})
_CLAUSE_PREPOSITIONS = frozenset({"in", "on", "from", "between", "during", "at", "around"})
_ADVERBS = _word_set(
    "first later once originally initially formally finally also then still only already"
)
_DETERMINERS = _word_set("the a an his her its their our this that these those my your each every")
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})
_NAME_PARTICLES = _word_set(
    "de de' d' da di del della der den van von la le du des dos das y of and v. v vs. & al bin ibn"
)
_COORDINATOR_RE = re.compile(
    r";\s*|,\s+(?=(?:and|but|yet|although|though|while|whereas|so|whilst)\b)"
)
_AND_RE = re.compile(r"\s+and(?=[\s,])")
_WORD_RE = re.compile(r"[^\s]+")
_ADVERB_FIRST_RE = re.compile(r"(?:(?:and|but|yet|although|though|while|whereas|so|whilst)\b\s*)")


def _is_verb(word: str) -> bool:
    word = word.strip(",;:.\"'“”()").casefold()
    return (
        word in _AUXILIARIES
        or word in _IRREGULAR_VERBS
        or (len(word) > 3 and word.endswith("ed") and word not in {"red", "bed", "seed", "need"})
    )


def _is_participle(word: str) -> bool:
    word = word.strip(",;:.\"'“”()").casefold()
    return word in _PARTICIPLES or (len(word) > 3 and word.endswith("ed") and word != "need")


def _opens_subordinate(words: list[str]) -> bool:
    """Whether a comma-separated phrase starting with words reads as a subordinate clause."""
    if not words:
        return False
    first = words[0].strip("\"'“”(").casefold()
    if first in _RELATIVES or first in _CLAUSE_PREPOSITIONS:
        return True
    if _is_participle(first) or (len(first) > 4 and first.endswith("ing")):
        return True
    if (first in _ADVERBS or first.endswith("ly")) and len(words) > 1:
        return _is_participle(words[1])
    return False


_MASK = "\x00"


def _mask(text: str, mentions: list[_Mention]) -> str:
    """text with every date replaced by _MASK, so its commas and "and"s split no clauses."""
    chars = list(text.replace(_MASK, " "))
    for mention in mentions:
        for index in range(mention.start, mention.end):
            chars[index] = _MASK
    return "".join(chars)


def _subject(text: str) -> str:
    """The subject a clause starts with ("Gregor Mendel", "The German V-2"), or ""."""
    words = text.split()
    subject: list[str] = []
    after_determiner = False
    for word in words[:10]:
        bare = word.strip("\"'“”")
        key = bare.casefold()
        if key in _DETERMINERS and not subject:
            subject.append(word)
            after_determiner = True
            continue
        if word.endswith(",") and bare[:1].isupper() and not _is_verb(bare):
            # "Skylab, the first American station, was ...": the name before the aside.
            subject.append(word.rstrip(","))
            break
        if _is_verb(bare) or word.endswith((",", ";", ":")):
            if word.endswith((",", ";", ":")) and not _is_verb(bare):
                return ""
            break
        if bare[:1].isupper() or bare[:1].isdigit() or key in _NAME_PARTICLES:
            subject.append(word)
            continue
        if key in _PRONOUNS and not subject:
            subject.append(word)
            break
        capitalised = any(w[:1].isupper() for w in subject[1:])
        if (after_determiner and bare.isalpha() and not capitalised) or "'s" in key or "’s" in key:
            subject.append(word)
            continue
        break
    else:
        return ""
    while subject and subject[-1].casefold() in _ADVERBS:
        subject.pop()
    if not subject or all(w.casefold() in _DETERMINERS for w in subject):
        return ""
    return " ".join(subject)


def _tidy(text: str) -> str:
    """A part of a bullet as a phrase of its own: capitalised, no dangling punctuation."""
    text = " ".join(text.split()).strip(" ,;:—–-")
    if text.endswith(".") and not re.search(r"\b[A-Z]\.$", text):
        text = text[:-1]
    if text[:1].islower() and not text[1:2].isupper():
        text = text[0].upper() + text[1:]
    return text


@dataclass
class _Placed:
    mention: _Mention
    clause: tuple[int, int]
    role: str  # "main", "parenthetical", "trailing", "leading" or "lifespan"
    part: tuple[int, int]  # the characters the date belongs to


def _clauses(masked: str) -> list[tuple[int, int]]:
    """Coordinate clauses: split at ";" and ", and", ", but", ", although" ...; and at a
    bare "and" that joins two dated verb phrases ("presented in 1865 and published in 1866")."""
    bounds = []
    start = 0
    for match in _COORDINATOR_RE.finditer(masked):
        bounds.append((start, match.start()))
        start = match.end()
        connector = _ADVERB_FIRST_RE.match(masked, start)
        if connector:
            start = connector.end()
    bounds.append((start, len(masked)))
    clauses = []
    for c_start, c_end in bounds:
        piece_start = c_start
        for match in _AND_RE.finditer(masked, c_start, c_end):
            left = masked[piece_start : match.start()]
            right = masked[match.end() : c_end].lstrip(" ,")
            if _MASK in left and _MASK in right and not right.startswith(_MASK):
                clauses.append((piece_start, match.start()))
                piece_start = match.end()
        clauses.append((piece_start, c_end))
    return [(s, e) for s, e in clauses if masked[s:e].strip()]


def _lifespan(text: str, mention: _Mention) -> tuple[int, int] | None:
    """The name and "(1452–1519)" of a lifespan, or None."""
    if mention.kind != "span" or mention.end_when is None:
        return None
    years = mention.end_when.year - mention.when.year
    before = text[: mention.start]
    opening = re.search(r"\(\s*(?:c\.\s*|ca\.\s*|circa\s+)?$", before)
    if not opening or not text[mention.end :].startswith(")") or not 15 <= years <= 110:
        return None
    if mention.when.month != 1 or mention.end_when.month != 1:
        return None
    position = opening.start()
    name_start = None
    while True:
        words = list(re.finditer(r"[^\s,;:()]+", text[:position]))
        index = len(words) - 1
        while index >= 0:
            word = words[index].group()
            if word[:1].isupper() or (word.casefold() in _NAME_PARTICLES and name_start):
                name_start = words[index].start()
                index -= 1
                continue
            break
        if name_start is None:
            return None
        epithet = re.search(
            r"(?i),\s*(?:called|known\s+as|nicknamed|dubbed)\s+(?:the\s+)?$", text[:name_start]
        )
        if not epithet:
            break
        position = epithet.start()
        previous = name_start
        name_start = None
        words_before = re.search(r"[A-Z][^\s,;:()]*\s*$", text[:position])
        if not words_before:
            name_start = previous
            break
    # Leading particles ("of") are not part of the name.
    while True:
        first = re.match(r"(\S+)\s+", text[name_start:])
        if first and first.group(1).casefold() in _NAME_PARTICLES:
            name_start += first.end()
        else:
            break
    return name_start, mention.end + 1


def _place(text: str, masked: str, mention: _Mention, clauses: list[tuple[int, int]]) -> _Placed:
    clause = next(((s, e) for s, e in clauses if s <= mention.start < e), (0, len(text)))
    c_start, c_end = clause
    life = _lifespan(text, mention)
    if life:
        return _Placed(mention, clause, "lifespan", life)
    # "Born in 1809, Darwin began ...": a leading participial phrase, when the clause
    # goes on with a subject and verb of its own.
    opening = masked[c_start:c_end].lstrip()
    lead_start = c_end - len(masked[c_start:c_end].lstrip()) if opening else c_start
    first_word = opening.split(maxsplit=1)[0] if opening else ""
    comma = masked.find(",", lead_start, c_end)
    if (
        first_word[:1].isupper()
        and _is_participle(first_word)
        and first_word.casefold() not in _AUXILIARIES
        and comma > mention.start
        and lead_start <= mention.start
    ):
        rest = text[comma + 1 : c_end]
        if _subject(rest) and rest.split()[0].casefold() not in _RELATIVES:
            return _Placed(mention, clause, "leading", (lead_start, comma))
    # ", signed in 1648," or ", which left gold in September 1931,".
    comma_before = masked.rfind(",", c_start, mention.start)
    if comma_before != -1:
        words = (
            masked[comma_before + 1 : mention.start].split()
            or masked[comma_before + 1 : mention.end].split()
        )
        if _opens_subordinate(words):
            comma_after = masked.find(",", mention.end, c_end)
            if comma_after != -1 and masked[comma_after + 1 : c_end].strip(" .;:"):
                return _Placed(mention, clause, "parenthetical", (comma_before + 1, comma_after))
            return _Placed(mention, clause, "trailing", (comma_before + 1, c_end))
    return _Placed(mention, clause, "main", clause)


def _gapped(
    text: str,
    left: tuple[int, int],
    right: tuple[int, int],
    left_date: _Mention | None,
    right_date: _Mention,
) -> str:
    """The right conjunct of "X did A in 1860 and B in 1861" made whole: "X did B in 1861"."""
    r_text = text[right[0] : right[1]]
    l_text = text[left[0] : left[1]]
    stripped = r_text.lstrip(" ,")
    inserted = ""
    aside = re.match(r",\s*([^,]+),\s*", r_text.lstrip(" "))
    if aside and not re.search(r"\d", aside.group(1)):
        inserted = aside.group(1)
        stripped = r_text.lstrip(" ")[aside.end() :]
    r_words = stripped.split()
    first = r_words[0].strip(",").casefold() if r_words else ""
    lead = re.match(r"\s*([A-Z]\w+)\b[^,]*,\s*", l_text)
    if lead and _is_participle(lead.group(1)) and lead.group(1).casefold() not in _AUXILIARIES:
        l_text = l_text[lead.end() :]
    subject = _subject(l_text)
    # "... and published them in 1866": a verb phrase without its subject.
    if first and not inserted and (_is_verb(first) or first in _AUXILIARIES):
        if not subject:
            return stripped
        rest_words = l_text[len(subject) :].split()
        while rest_words and rest_words[0].casefold() in _ADVERBS:
            rest_words.pop(0)
        auxiliary = ""
        if (
            rest_words
            and rest_words[0].casefold() in _AUXILIARIES
            and first not in _AUXILIARIES
            and _is_participle(first)
        ):
            auxiliary = rest_words[0] + " "
        return f"{subject} {auxiliary}{stripped}"
    if left_date is None:
        return stripped
    # "... and rubidium in 1861": the shared words of the left conjunct, up to what
    # the right one replaces.
    l_before = text[left[0] : left_date.start]
    r_date_at = stripped.find(text[right_date.start : right_date.end])
    r_before_words = stripped[:r_date_at].split() if r_date_at != -1 else []
    l_words = list(re.finditer(r"\S+", l_before))
    prefix = None
    for offset, word in enumerate(r_before_words):
        key = word.casefold()
        hits = [w for w in l_words if w.group().casefold() == key]
        if hits:
            cut = hits[-1].start()
            new = r_before_words[:offset]
            if all(w.casefold() in {"again", "also", "later", "then", "twice"} for w in new):
                # "... in 1903 and again in 1911": only an adverb is new.
                prefix = l_before[:cut]
            elif new[0][:1].isupper() and subject and l_before.startswith(subject):
                # "..., and HTTP/3 as RFC 9114": a new subject for the shared verb.
                verb = l_before[len(subject) : cut].strip()
                shared = " ".join(r_before_words[offset:])
                return f"{' '.join(new)} {verb} {shared} {stripped[r_date_at:]}"
            else:
                keep = l_words.index(hits[-1]) - len(new)
                prefix = l_before[: l_words[max(keep, 0)].start()] if keep > 0 else ""
            break
    if prefix is None:
        drop = len(r_before_words)
        if r_before_words and r_before_words[0].casefold() in {
            "again",
            "also",
            "later",
            "then",
            "twice",
        }:
            drop = (
                1
                if len(l_words)
                and l_words[-1].group().casefold() in _CLAUSE_PREPOSITIONS | {"to", "by", "for"}
                else 0
            )
        keep = len(l_words) - drop
        prefix = (
            l_before[: l_words[keep].start()]
            if 0 < keep < len(l_words)
            else (l_before if keep >= len(l_words) else "")
        )
    if inserted:
        return f"{prefix.rstrip()}, {inserted}, {stripped}"
    return f"{prefix}{stripped}"


def _respectively(
    text: str, first: _Mention, second: _Mention, clause_text: str
) -> tuple[str, str] | None:
    """ "The Challenger and Columbia disasters, in 1986 and 2003": each name with its year."""
    pair = re.search(r"\b([A-Z][\w'’-]*) and ([A-Z][\w'’-]*)\b", clause_text)
    if not pair:
        return None
    dates = text[first.start : second.end]
    texts = []
    for name, date in ((pair.group(1), first), (pair.group(2), second)):
        one = clause_text.replace(pair.group(), name, 1).replace(
            dates, text[date.start : date.end], 1
        )
        texts.append(one)
    return texts[0], texts[1]


def extract_events(text: str) -> list[ParsedEvent]:
    """The events one bullet dates, in order of appearance, one per label.

    Recognised: "12 December 2024", "December 12, 2024" and "2024-12-12" (exact
    day); "December 2024" or "Dec 2024" (first of the month); "the 19th century"
    (1 January 1800); "the 1990s"; a standalone year 1000-2199 that is not part of
    a longer number, an amount ("$2000"), a percentage, a name ("RFC 1945") or a
    quantity ("1500 bytes"); and spans of these ("2019–2023", "from May 1940 to June
    1941", "between 1961 and 1989", "(1452–1519)"), one event with an end_key.

    Not events: bounds and states ("until 1907", "by 1850", "pre-1914", "the 1990s-era",
    "their 1967 lines"), dates in speculation or doubtful claims ("might ... in 2026",
    "claimed to have invented jazz in 1902") and dates of a fiction's story.

    Each event's text is the part of the bullet its date belongs to when the bullet
    holds several events or the date sits in a subordinate clause ("The treaty,
    signed in 1648" of "The treaty, signed in 1648, was revised later."), and the
    whole bullet otherwise.
    """
    text = text.strip()
    mentions = _mentions(text)
    if not mentions or _FICTION_RE.search(text) or _SPECULATIVE_OPENING_RE.match(text):
        return []
    masked = _mask(text, mentions)
    clauses = _clauses(masked)
    placed: list[_Placed] = []
    for mention in mentions:
        if _is_state(text, mention):
            continue
        where = _place(text, masked, mention, clauses)
        if where.role in ("parenthetical", "trailing", "leading"):
            scope = masked[where.part[0] : mention.start]
        else:
            scope = masked[where.clause[0] : mention.start]
        if _SPECULATIVE_RE.search(scope) or _CLAIM_RE.search(scope):
            continue
        placed.append(where)
    # A trailing phrase holds its own event only when the clause dates something
    # before it ("struck down laws in 2003, overruling Bowers v. Hardwick (1986)").
    for index, where in enumerate(placed):
        if where.role == "trailing" and not any(
            other.clause == where.clause
            and other.role in ("main", "lifespan")
            and other.mention.start < where.part[0]
            for other in placed
        ):
            placed[index] = _Placed(where.mention, where.clause, "main", where.clause)

    events: list[ParsedEvent] = []
    seen: set[str] = set()
    whole = len(placed) == 1 and placed[0].role in ("main", "lifespan") and len(clauses) == 1
    for where in placed:
        mention = where.mention
        if mention.label in seen:
            continue
        seen.add(mention.label)
        if whole and where.role == "main":
            part = _trim_relative(text, masked, where.clause, mention)
            event_text = text if part == where.clause else _tidy(text[part[0] : part[1]])
        else:
            event_text = _event_text(text, masked, where, placed, clauses)
        events.append(
            ParsedEvent(
                when_label=mention.label,
                sort_key=mention.when,
                text=event_text or text,
                end_key=mention.end_when,
            )
        )
    return events


_TAIL_RE = re.compile(
    r",\s+(?:\w+\s+){0,2}?(?:which|who|whose|although|though|whereas|because|when|after|"
    r"before|until)\b|\s+and\s+(?:(?:never|later|then|also|soon|quickly|eventually|still|"
    r"not)\s+)*(?=\S+)"
)


def _trim_relative(
    text: str, masked: str, part: tuple[int, int], mention: _Mention
) -> tuple[int, int]:
    """part without what follows the date and says something else: a closing ", which
    ..." or ", when ..." clause, or "and" with another verb ("and never delivered it")."""
    for tail in _TAIL_RE.finditer(masked, mention.end, part[1]):
        rest = masked[tail.end() : part[1]]
        if _MASK in rest:
            return part
        if tail.group().lstrip().startswith("and"):
            words = rest.split()
            if not words or not _is_verb(words[0]) or words[0][:1].isupper():
                continue
        return part[0], tail.start()
    return part


def _event_text(
    text: str, masked: str, where: _Placed, placed: list[_Placed], clauses: list[tuple[int, int]]
) -> str:
    mention = where.mention
    c_start, c_end = where.clause
    # A dated pair "in 1986 and 2003" against "Challenger and Columbia".
    for other in placed:
        if other.clause == where.clause and other is not where:
            first, second = sorted((where.mention, other.mention), key=lambda m: m.start)
            if re.fullmatch(r"\s+and\s+", text[first.end : second.start]):
                pair = _respectively(text, first, second, text[c_start:c_end])
                if pair:
                    return _tidy(pair[0] if mention is first else pair[1])
    if where.role == "lifespan":
        return text[where.part[0] : where.part[1]]
    if where.role == "leading":
        phrase = text[where.part[0] : where.part[1]].strip()
        subject = _subject(text[where.part[1] + 1 : c_end])
        if subject and subject.casefold() not in _PRONOUNS:
            return _tidy(f"{subject}, {phrase[:1].lower()}{phrase[1:]}")
        return _tidy(phrase)
    if where.role == "parenthetical":
        head_start = c_start
        for other in placed:
            if other.role == "leading" and other.clause == where.clause:
                head_start = other.part[1] + 1
        return _tidy(text[head_start : where.part[1]])
    if where.role == "trailing":
        return _tidy(text[where.part[0] : where.part[1]])
    # The main clause, without the parts that date other events.
    pieces = []
    position = c_start
    for other in sorted(placed, key=lambda p: p.part[0]):
        if other is where or other.clause != where.clause or other.role == "lifespan":
            continue
        if other.role == "leading":
            cut = (other.part[0], other.part[1] + 1)
        elif other.role == "parenthetical":
            cut = (other.part[0] - 1, other.part[1] + 1)
        else:
            cut = (other.part[0] - 1, other.part[1])
        if cut[0] < position:
            continue
        pieces.append(text[position : cut[0]])
        position = cut[1]
    pieces.append(text[position:c_end])
    start, end = _trim_relative(text, masked, (c_start, c_end), mention)
    body = "".join(pieces)
    if end < c_end:
        body = body[: len(body) - (c_end - end)]
    # The right conjunct of a split "and" or ", and": give it back its subject.
    index = clauses.index(where.clause) if where.clause in clauses else 0
    if index > 0:
        left = clauses[index - 1]
        joined_by = masked[left[1] : c_start]
        if re.fullmatch(r"\s+and\s*|,\s+and\s+", joined_by):
            left_date = next(
                (p.mention for p in placed if p.clause == left and p.role == "main"), None
            )
            right = (c_start, c_start + len(body))
            if re.fullmatch(r"\s+and\s*", joined_by):
                return _tidy(_gapped(text, left, right, left_date, mention))
            first = body.split(maxsplit=1)[0] if body.split() else ""
            if _is_verb(first) and first[:1].islower():
                return _tidy(_gapped(text, left, right, left_date, mention))
            if left_date is not None and not any(_is_verb(w) for w in body.split()):
                return _tidy(_gapped(text, left, right, left_date, mention))
    return _tidy(body)


def section_events(body: str) -> list[ParsedEvent]:
    """The timeline events of a section's body: each bullet's dated mentions (see
    extract_events), in order."""
    events: list[ParsedEvent] = []
    for line in body.splitlines():
        text = line[2:] if line.startswith("- ") else line
        events.extend(extract_events(text))
    return events
