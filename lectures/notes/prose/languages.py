"""Which reading of prose each language of the notes uses: a course's notes are
read in its language (Course.language), English being the default and the
reading of any language without its own."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from . import eras, events, spanish_dates, spanish_events, spanish_spoken
from .dates import Mention
from .eras import When
from .events import ParsedEvent
from .notes_wide import NotesYears, notes_years
from .subjects import with_topic

_READERS: dict[str, Callable[..., list[ParsedEvent]]] = {
    "en": events.extract_events,
    "es": spanish_events.extract_events,
}


def extract_events(
    text: str,
    context: str | None = None,
    lead_in: str | None = None,
    language: str = "en",
    nearby: When | None = None,
    years: NotesYears | None = None,
    heading: str | None = None,
) -> list[ParsedEvent]:
    """The events one bullet dates, read in `language` (events.extract_events for
    English, spanish_events.extract_events for Spanish). `heading` is its section's
    title, which the English reading consults for a debate (a nested item's context
    is its parent item)."""
    reader = _READERS.get(language, events.extract_events)
    return reader(
        text, context=context, lead_in=lead_in, nearby=nearby, years=years, heading=heading
    )


def items_events(
    items: Sequence[tuple[str, str | None, str | None]],
    language: str = "en",
    overview: str = "",
    headings: Sequence[str | None] | None = None,
) -> list[list[ParsedEvent]]:
    """The events of each item (its text, context and lead-in), read in order as a
    reader reads notes: a date that leaves out its year takes it from the date the
    items before it reached (events.date_reached), a year of two digits its century,
    within the years all the items and the lecture's `overview` name
    (notes_wide.notes_years; the overview is where a writer says "Dates army-style,
    DD MMM YY" or "Slashed dates d/m/y"). The import, its outline and the corpus's
    scoring read a lecture's items through this one loop. `headings`, one per item,
    are the titles of their sections."""
    texts = [text for text, _context, _lead_in in items]
    years = notes_years([overview, *texts] if overview else texts)
    nearby = None
    found = []
    for index, (text, context, lead_in) in enumerate(items):
        read = extract_events(
            text,
            context=context,
            lead_in=lead_in,
            language=language,
            nearby=nearby,
            years=years,
            heading=headings[index] if headings is not None else None,
        )
        nearby = events.date_reached(read, nearby)
        # The topic rule reads English lead-ins ("Key dates:" frames, names no topic);
        # a Spanish "Fechas clave:" would be taken for one.
        found.append(with_topic(read, text, context) if language == "en" else read)
    return found


def date_mentions(text: str, language: str = "en") -> list[Mention]:
    """The dates a text mentions that could be events, read in `language`
    (events.event_mentions for English, spanish_dates.find_mentions for Spanish)."""
    if language == "es":
        return list(spanish_dates.find_mentions(text))
    return events.event_mentions(text)


def spoken_span(start: When, end: When | None, language: str = "en") -> str:
    """A date or span in words of `language` (the page's), as a screen reader
    should say it: eras.spoken_span, or spanish_spoken.spoken_span in Spanish."""
    if language == "es":
        return spanish_spoken.spoken_span(start, end)
    return eras.spoken_span(start, end)
