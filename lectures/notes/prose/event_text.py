"""How a timeline event's text reads once its date is taken out of it.

Quiz generation asks "When did this happen?" and review cards ask "When?" about
the same events: both drop the date where it leads the text ("June 2025: …") and
blank it ("____") elsewhere, and both leave out events whose date is approximate
("c. 1503"), which have no certain answer. lectures.notes owns what a date looks
like (`find_dates`, less the counts `event_mentions` leaves out); this module only
reads its findings.
"""

from __future__ import annotations

import re

from . import spanish_dates
from .dates import find_dates
from .languages import date_mentions

GAP = "____"

_LINK_RE = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
_MARKERS_RE = re.compile(r"\*\*|[*`]")
_LEADING_SEPARATOR_RE = re.compile(r"^\s*(?:[:,;—–-]\s*)?")
# A date after one of these is approximate: it has no certain place in an order
# ("c. 1503", "around 1482"). One-sided bounds ("until 1907") are no events at all
# (lectures.notes).
_UNCERTAIN_LEAD_RE = re.compile(
    r"(?:\bc\.|\bca\.|\b(?:circa|around|about|approximately|roughly|nearly))\s*$",
    re.IGNORECASE,
)


def plain(text: str) -> str:
    """Bullet text as a student reads it: links as their text, no emphasis markers."""
    return " ".join(_MARKERS_RE.sub("", _LINK_RE.sub(r"\1", text)).split())


def date_spans(text: str, language: str = "en") -> list[tuple[int, int, str]]:
    """(start, end, label) of every date in the text, as the import reads them in
    `language` (a course's language)."""
    return [(m.start, m.end, m.label) for m in date_mentions(text, language)]


def without_date(text: str, label: str, language: str = "en") -> str:
    """The text with the date `label` dropped where it leads, blanked ("____") elsewhere."""
    found = date_spans(text, language)
    spans = [(s, e) for s, e, one in found if one == label]
    if not spans and "–" in label:
        # A span whose end an event names: "from 1921 until her death in 1934".
        first, _, last = label.partition("–")
        ends = [next(((s, e) for s, e, one in found if one == end), None) for end in (first, last)]
        spans = ends if all(ends) else []
    if not spans:
        # An event edited in the admin may spell its date differently, or not at all.
        pattern = re.compile(re.escape(label), re.IGNORECASE)
        spans = [m.span() for m in pattern.finditer(text)]
    for start, end in reversed(spans):
        before, after = text[:start], text[end:]
        if before.strip():
            text = f"{before}{GAP}{after}"
        else:
            rest = _LEADING_SEPARATOR_RE.sub("", after, count=1)
            text = rest[:1].upper() + rest[1:]
    return text


def is_uncertain(text: str, label: str, language: str = "en") -> bool:
    """The date `label` is approximate in `text` ("c. 1503", "around 1482", "hacia 1500")."""
    if language == "es":
        return any(
            m.label == label and m.when.approximate for m in spanish_dates.find_mentions(text)
        )
    return any(
        found == label and (when.approximate or _UNCERTAIN_LEAD_RE.search(text[:start][-40:]))
        for start, _, found, when in find_dates(text)
    )
