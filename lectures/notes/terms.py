"""Glossary entries: "Term (ALIAS) <separator> definition"."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from .lines import NotesError, fmt, quote
from .parsed import ParsedTerm

TERM_SEPARATOR = " — "


# Leftmost of: a dash (em, en or hyphen) with whitespace on both sides, an unspaced
# em dash, or a colon before whitespace. An unspaced en dash or hyphen joins a name
# ("Hardy–Weinberg principle", "X-ray", "Nagorno-Karabakh"). The whitespace after a
# dash may be the end of the line, so "Term —" reads as a term with no definition.
# No leading \s* so a long whitespace run cannot make the search quadratic.
TERM_SEPARATOR_RE = re.compile(r"(?<=\s)[—–-](?=\s|$)|—|:(?=\s|$)")


# Before the rule above, an unspaced en dash separated too ("CSTO–an alliance"): an
# entry with no other separator still splits there, with a warning.
_OLD_SEPARATOR_RE = re.compile(r"–")


# Dashes that read as a separator to a person, though not in a name: worth a warning.
_NAME_DASH_RE = re.compile(r"[–—‒―]")


# An alias is an abbreviation: one word with a capital ("CSTO", "mRNA", "G7"), a
# dotted one ("U.N.", "e.g."), or a short lower-case one with at most one vowel
# ("bpm", "kph", "gdp"), so "Treaty of Kars (1921)" keeps its year and "Mercury
# (planet)" its gloss.
ALIAS_RE = re.compile(
    r"\((?:"
    r"(?=[^()\s]*[A-Z])[A-Za-z][^()\s]*"
    r"|(?:[A-Za-z]\.){2,}"
    r"|(?=[a-z]{2,5}\))(?![a-z]*[aeiouy][a-z]*[aeiouy])[a-z]+"
    r")\)$"
)


def trailing_alias(term: str) -> re.Match[str] | None:
    """The "(ABBR)" ending `term` that the parser splits off as its alias, if any."""
    match = ALIAS_RE.search(term)
    if match and term[: match.start()].strip():
        return match
    return None


def alias_of(match: re.Match[str]) -> str:
    return match.group()[1:-1]


def cut_term_separator(term: str) -> re.Match[str] | None:
    # The export writes "Term — definition": a separator in the term, or a trailing
    # ":" or " -" that the following space completes, would end the term early.
    return TERM_SEPARATOR_RE.search(term + " ")


def split_term(text: str, line: int) -> tuple[ParsedTerm, str]:
    """The glossary entry on `line`, and a warning ("" for none) when it could be
    read another way."""
    warning = ""
    match = TERM_SEPARATOR_RE.search(text)
    if match is None:
        match = _OLD_SEPARATOR_RE.search(text)
        if match is not None:
            warning = fmt(
                _(
                    "glossary entry %(entry)s has no spaced separator, so the unspaced "
                    "dash was read as one: write “Term — definition”"
                ),
                entry=quote(text),
            )
    if match is None:
        raise NotesError(
            fmt(
                _(
                    "glossary entry %(entry)s has no separator between term and definition; "
                    'write "Term — definition"'
                ),
                entry=quote(text),
            ),
            line,
        )
    term = text[: match.start()].rstrip()
    definition = text[match.end() :].strip()
    if not term:
        raise NotesError(
            fmt(_("glossary entry %(entry)s has no term before the separator"), entry=quote(text)),
            line,
        )
    if not definition:
        raise NotesError(
            fmt(
                _("glossary entry %(entry)s has no definition after the separator"),
                entry=quote(text),
            ),
            line,
        )
    alias = ""
    alias_match = trailing_alias(term)
    if alias_match:
        alias = alias_of(alias_match)
        term = term[: alias_match.start()].rstrip()
    cut = cut_term_separator(term)
    if cut:
        raise NotesError(
            fmt(
                _(
                    'the term %(term)s ends in "%(separator)s", which would read as a '
                    "separator when the notes are exported; remove it"
                ),
                term=quote(term),
                separator=cut.group().strip(),
            ),
            line,
        )
    if not warning and _NAME_DASH_RE.search(term):
        warning = fmt(
            _(
                "the term %(term)s holds a dash, read as part of its name; if the dash "
                "separates term and definition, put a space on each side of it"
            ),
            term=quote(term),
        )
    return ParsedTerm(term=term, alias=alias, definition=definition, line=line), warning
