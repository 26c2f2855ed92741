"""Spaced repetition of a lecture's key terms and dated events.

- cards: review cards kept in step with the notes, and when each becomes due;
- scheduling: FSRS (the fsrs package): the scheduler, previews, recall estimates;
- queue: a student's queue read (next card, due counts, the progress figures);
- ratings: recording a rating (a service);
- forms, views: the review pages.
"""

from .cards import cards_sync
from .queue import due_count, next_card

__all__ = ["cards_sync", "due_count", "next_card"]
