"""The format's special headings (overview, glossary, action items), matched
without regard to case, punctuation or "&"/"and"; every other heading starts a section."""

from __future__ import annotations

import re

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


_NON_WORD_RE = re.compile(r"[\W_]+")


KIND_ROLES = {
    "overview": "it holds the lecture overview",
    "glossary": "it holds the glossary",
    "actions": "it holds action items",
}


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
