"""Dates and events read out of a bullet's prose (English, and Spanish in
spanish_dates and spanish_events; languages picks by a course's language), apart from the notes
format itself: which dates a text mentions (dates), what the notes as a whole tell
about an item's dates (notes_wide), where each sits in its sentence (clauses), which
are events, what each event's text is and whether the reading is sure enough to show
students (events), and how an event reads with its date left out (event_text, for
quizzes and review cards); a date of any era as a value (eras).
"""

from .dates import find_dates
from .eras import PRECISIONS, QUALIFIERS, When
from .event_text import GAP, date_spans, is_uncertain, plain, without_date
from .events import ParsedEvent, date_reached, event_mentions, is_tally, section_events
from .languages import date_mentions, extract_events, items_events, spoken_span
from .notes_wide import notes_years

__all__ = [
    "GAP",
    "PRECISIONS",
    "QUALIFIERS",
    "ParsedEvent",
    "When",
    "date_mentions",
    "date_reached",
    "date_spans",
    "event_mentions",
    "extract_events",
    "find_dates",
    "is_tally",
    "is_uncertain",
    "items_events",
    "notes_years",
    "plain",
    "section_events",
    "spoken_span",
    "without_date",
]
