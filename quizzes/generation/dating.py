"""The dates of a text, and whether two are told apart beyond dispute.

`dated(text)` finds the dates of a text with their When (lectures.notes.prose.eras),
as the import reads them: deep time's "about" belongs to its date. `apart(a, b)`:
two dates an ordering question or "which came first?" may set side by side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lectures.notes.prose.eras import When
from lectures.notes.prose.events import event_mentions

from .text import YEAR_GAP

# Two deep-time dates closer than this ratio are not told apart beyond dispute.
DEEP_RATIO = 1.3

_ABOUT_RE = re.compile(r"\b(?:about|around|some|roughly|approximately|c\.|ca\.)\s+$", re.I)


@dataclass(frozen=True)
class Dated:
    """A date in a text: where it is written, its label, and its value."""

    start: int
    end: int
    label: str
    when: When
    end_when: When | None = None

    @property
    def first(self) -> int:
        return self.when.first_year

    @property
    def last(self) -> int:
        return (self.end_when or self.when).last_year


def dated(text: str) -> list[Dated]:
    """The dates of a text as the import reads them, deep time's "about" included."""
    out = []
    for m in event_mentions(text):
        start = m.start
        if m.when.precision == "deep" and m.end_when is None:
            about = _ABOUT_RE.search(text[: m.start])
            start = about.start() if about else start
        out.append(Dated(start, m.end, m.label, m.when, m.end_when))
    return out


def apart(a: When, b: When) -> bool:
    """Two dates whose order is beyond dispute: they do not meet, are YEAR_GAP
    apart, and deep time (always rough) differs by a clear factor."""
    if not (a.last_year < b.first_year or b.last_year < a.first_year):
        return False  # they meet
    if "deep" in (a.precision, b.precision):
        older, newer = sorted((1950 - a.first_year, 1950 - b.first_year), reverse=True)
        return newer > 0 and older >= DEEP_RATIO * newer
    return abs(a.first_year - b.first_year) >= YEAR_GAP
