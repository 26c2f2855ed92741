"""Glossary entries: "Term (ALIAS) <separator> definition"."""

from __future__ import annotations

import re

from .lines import NotesError, quote
from .parsed import ParsedTerm

TERM_SEPARATOR = " — "


# Leftmost of: an em or en dash (spaces optional), a hyphen with whitespace on
# both sides (so "Nagorno-Karabakh" stays whole), or a colon before whitespace.
# No leading \s* so a long whitespace run cannot make the search quadratic.
TERM_SEPARATOR_RE = re.compile(r"[—–]|(?<=\s)-(?=\s)|:(?=\s|$)")


# The alias must look like an abbreviation (one word with a capital letter), so
# "Treaty of Kars (1921)" keeps its year as part of the term.
ALIAS_RE = re.compile(r"\((?=[^()\s]*[A-Z])([A-Za-z][^()\s]*)\)$")


def trailing_alias(term: str) -> re.Match[str] | None:
    """The "(ABBR)" ending `term` that the parser splits off as its alias, if any."""
    match = ALIAS_RE.search(term)
    if match and term[: match.start()].strip():
        return match
    return None


def cut_term_separator(term: str) -> re.Match[str] | None:
    # The export writes "Term — definition": a separator in the term, or a trailing
    # ":" or " -" that the following space completes, would end the term early.
    return TERM_SEPARATOR_RE.search(term + " ")


def split_term(text: str, line: int) -> ParsedTerm:
    match = TERM_SEPARATOR_RE.search(text)
    if match is None:
        raise NotesError(
            f"glossary entry {quote(text)} has no separator between term and definition; "
            'write "Term — definition"',
            line,
        )
    term = text[: match.start()].rstrip()
    definition = text[match.end() :].strip()
    if not term:
        raise NotesError(f"glossary entry {quote(text)} has no term before the separator", line)
    if not definition:
        raise NotesError(
            f"glossary entry {quote(text)} has no definition after the separator", line
        )
    alias = ""
    alias_match = trailing_alias(term)
    if alias_match:
        alias = alias_match.group(1)
        term = term[: alias_match.start()].rstrip()
    cut = cut_term_separator(term)
    if cut:
        raise NotesError(
            f'the term {quote(term)} ends in "{cut.group()}", which would read as a '
            "separator when the notes are exported; remove it",
            line,
        )
    return ParsedTerm(term=term, alias=alias, definition=definition, line=line)
