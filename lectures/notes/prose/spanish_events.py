"""Which dates in a Spanish bullet are events, and whether each is sure enough to
show students: the Spanish counterpart of events.py, smaller and more cautious.

It reads no Spanish grammar beyond a few words around each date, so it keeps the
bullet's own words as the event's text (Spanish leaves subjects out, and a
rewritten sentence would be a worse one) and prefers a suggestion to a guess:

- one date (or one span) in a bullet: the whole bullet is the event;
- several dates: the bullet is cut at sentence ends and semicolons, and each piece
  with one date is an event of that piece; a piece with several dates gives each
  as a suggestion with the whole piece as its text;
- a bound ("hasta 1975", "antes de 1800", "para 2030") is no event, and a start
  with no end ("desde 1975", "a partir de 1975") a suggestion; so are dates in
  hedged or speculative words ("quizá", "se cree", "podría"), in plans ("está
  previsto"), a bare number that may not be a year or may count what follows
  it, a year naming something ("la Constitución de 1978"), one end of a span of
  days ("entre el 17 y el 19 de marzo de 1808") and a decade whose century the
  notes leave unsaid ("los años veinte"); spanish_dates finds those last.

Doubts are written in English, as events.py's are: the timeline's instructor
pages show both alike.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_noop

from .eras import When
from .events import MAX_DATES, ParsedEvent
from .notes_wide import NotesYears
from .spanish_dates import SpanishMention, find_mentions

_BOUND_RE = re.compile(
    r"(?i)\b(?:hasta|antes\s+de|para|no\s+antes\s+de|a\s+más\s+tardar\s+en)\s+"
    r"(?:el\s+(?:año\s+)?|la\s+|los\s+|finales\s+de(?:l)?\s+|mediados\s+de(?:l)?\s+)?$"
)
_OPEN_RE = re.compile(r"(?i)\b(?:desde|a\s+partir\s+de)\s+(?:el\s+(?:año\s+)?|la\s+|los\s+)?$")
_HEDGE_RE = re.compile(
    r"(?i)\b(?:quizás?|tal\s+vez|posiblemente|probablemente|se\s+cree|se\s+suele\s+decir|"
    r"según\s+algunos|se\s+discute|discutido|podría|pudo\s+haber|se\s+desconoce|"
    r"no\s+se\s+sabe|supuestamente|presuntamente|leyenda)\b"
)
_PLAN_RE = re.compile(
    r"(?i)\b(?:se\s+espera|está\s+previst[oa]|están\s+previst[oa]s|prevé|planea|planean|"
    r"objetivo|meta\s+de|pronóstico|proyección|se\s+prevé|se\s+pretende)\b"
)
# Sentence ends and semicolons, where a bullet of several dates is cut; an era's
# abbreviation ("a. C. Roma") is no sentence end: the cut is checked against dates.
_PIECE_END_RE = re.compile(r"(?<=[.!?;])\s+(?=[¿¡\"“«(]?[A-ZÁÉÍÓÚÑ])|;\s*")


def _pieces(text: str, mentions: list[SpanishMention]) -> list[tuple[int, int]]:
    """(start, end) of each piece of the bullet, never cutting through a date."""
    cuts = [
        cut
        for cut in _PIECE_END_RE.finditer(text)
        if not any(m.start < cut.start() < m.end for m in mentions)
    ]
    bounds, start = [], 0
    for cut in cuts:
        bounds.append((start, cut.start()))
        start = cut.end()
    bounds.append((start, len(text)))
    return [(a, b) for a, b in bounds if text[a:b].strip()]


def _doubt(text: str, mention: SpanishMention) -> str | None:
    """None when the date is no event, else why it is unsure ("" when sure)."""
    before = text[max(0, mention.start - 40) : mention.start]
    if mention.end_when is None and _BOUND_RE.search(before):
        return None
    if mention.end_when is None and _OPEN_RE.search(before):
        return gettext_noop("a state from a date on, not an event")
    if _HEDGE_RE.search(text):
        return gettext_noop("the notes hedge this date")
    if _PLAN_RE.search(text):
        return gettext_noop("a plan, not an event")
    return mention.doubt


def _event(text: str, mention: SpanishMention, doubt: str) -> ParsedEvent:
    text = text.strip()
    return ParsedEvent(
        mention.label,
        mention.when,
        # A piece after a semicolon starts in lower case; on the timeline it stands alone.
        text[:1].upper() + text[1:],
        mention.end_when,
        sure=not doubt,
        doubt=doubt,
    )


def extract_events(
    text: str,
    context: str | None = None,
    lead_in: str | None = None,
    nearby: When | None = None,
    years: NotesYears | None = None,
    heading: str | None = None,
) -> list[ParsedEvent]:
    """The events one Spanish bullet dates, in order, one per label (see the
    module's docstring). `context`, `lead_in`, `nearby`, `years` and `heading` are
    accepted as events.py's are; the Spanish reading does not use them yet."""
    text = text.strip()
    mentions = find_mentions(text)
    if not mentions or len(mentions) > MAX_DATES:
        return []
    events: list[ParsedEvent] = []
    labels: set[str] = set()
    for start, end in _pieces(text, mentions):
        inside = [m for m in mentions if start <= m.start and m.end <= end]
        piece = text[start:end]
        several = len(inside) > 1
        for mention in inside:
            if mention.label in labels:
                continue
            doubt = _doubt(text, mention)
            if doubt is None:
                continue
            if several and not doubt:
                doubt = gettext_noop("several dates in one sentence")
            labels.add(mention.label)
            events.append(_event(piece if len(mentions) > 1 else text, mention, doubt))
    return events
