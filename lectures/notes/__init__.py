"""The plain-text lecture notes format: reading, writing and checking it.

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

Headings named like "Overview", "Key Terms" or "Action Items", or in Spanish
"Resumen", "Términos clave" or "Tareas" (headings.py, every language alike), fill
the lecture's overview, glossary and action items; every other heading starts a
section. Inline Markdown is kept verbatim: it is rendered, and sanitised, elsewhere.

The package is pure Python (no models, no database; only the size limits come
from settings) so the import command, the export command, the models' validation
and the tests all share one definition of the format:

- lines: what a line is (item, heading, paragraph), forbidden characters, NotesError;
- items: list markers, nesting, and body_items (a stored body's items and paragraphs);
- titles: whether a plain line reads as a title (a heading) or as a sentence;
- headings: the special headings; slugs: slugs from titles; terms: glossary entries;
- parsed: a lecture as the format holds it; parser and writer: reading and writing it;
- checks: why a value typed in the admin would not come back from an export;
- prose/: apart from the format, reading dates and events out of a bullet's prose,
  in the course's language (English or Spanish);
- corpus: scoring that reading against the corpus's hand-written keys (benchmarks, tests).
 The models refuse what an
export could not carry back through heading_problem, term_problem, is_alias,
line_problem and text_problem, and store text as an import would through
normalise_text.
"""

from .checks import (
    heading_problem,
    is_alias,
    line_problem,
    normalise_text,
    term_problem,
    text_problem,
)
from .headings import (
    ACTIONS_HEADING,
    GLOSSARY_HEADING,
    OVERVIEW_HEADING,
    normalise_heading,
    section_kind,
)
from .items import BodyItem, body_items
from .lines import NotesError
from .parsed import ParsedLecture, ParsedSection, ParsedTerm, ParsedWarning
from .parser import check_size, parse_notes
from .slugs import SLUG_MAX_LENGTH, slug_for, slug_problem, unique_slug
from .terms import TERM_SEPARATOR
from .writer import format_notes

__all__ = [
    "ACTIONS_HEADING",
    "BodyItem",
    "GLOSSARY_HEADING",
    "OVERVIEW_HEADING",
    "SLUG_MAX_LENGTH",
    "TERM_SEPARATOR",
    "NotesError",
    "ParsedLecture",
    "ParsedSection",
    "ParsedTerm",
    "ParsedWarning",
    "body_items",
    "check_size",
    "format_notes",
    "heading_problem",
    "is_alias",
    "line_problem",
    "normalise_heading",
    "normalise_text",
    "parse_notes",
    "section_kind",
    "slug_for",
    "slug_problem",
    "term_problem",
    "text_problem",
    "unique_slug",
]
