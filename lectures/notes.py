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


def find_dates(text: str) -> list[tuple[int, int, str, datetime.date]]:
    """(start, end, label, date) of every date mentioned in `text`, in order."""
    spans = []
    if not _ANY_DIGIT.search(text):
        # Every recognised form has a digit; most bullets have none, so skip the big regex.
        return spans
    for match in _EVENT_RE.finditer(text):
        for found in _match_events(match):
            if found is not None:
                spans.append((match.start(), match.end(), found[0], found[1]))
    return spans


def extract_events(text: str) -> list[ParsedEvent]:
    """Dated mentions in one bullet's text, in order of appearance, one per label.

    Recognised: "12 December 2024", "December 12, 2024" and "2024-12-12" (exact
    day); "December 2024" or "Dec 2024" (first of the month); "2019-2023",
    "2019–2023" or "2019 to 2023" (first of the first year); "the 19th century"
    (1 January 1800); "the 1990s"; and a standalone year 1000-2199 that is not
    part of a longer number, an amount ("$2000") or a percentage.
    """
    text = text.strip()
    events: list[ParsedEvent] = []
    seen: set[str] = set()
    for _start, _end, label, when in find_dates(text):
        if label not in seen:
            seen.add(label)
            events.append(ParsedEvent(when_label=label, sort_key=when, text=text))
    return events


def section_events(body: str) -> list[ParsedEvent]:
    """The timeline events of a section's body: each bullet's dated mentions (see
    extract_events), in order."""
    events: list[ParsedEvent] = []
    for line in body.splitlines():
        text = line[2:] if line.startswith("- ") else line
        events.extend(extract_events(text))
    return events
