"""Dates written in figures with slashes, the way note-takers write them (issue 17,
timeline round 12): a span of days ("1/11–3/29/1886", "3/6–25/6/1839",
"25–26/6/1955", "9/10/1963 – 12/6/1964"), a month ("regd. 3/1849"), and which way
round a lecture's notes write day and month.

"3/8/1968" is the third of August to a British reader and March the eighth to an
American one; only the notes can tell. Their own dates that cannot be read both
ways ("6/21/1851", "25/6/1839") show the writer's habit, as a note saying so does
("Dates here m/d/y"), and a date that could be read either way is read theirs.

This module knows figures only: dates turns what it finds into mentions.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .eras import MONTH_NAMES, When


@dataclass(frozen=True)
class Reading:
    """One way to read a slashed date or span."""

    label: str
    when: When
    end_when: When | None = None


@dataclass(frozen=True)
class SlashedSpan:
    """A span of days in figures, with its readings day first and month first (None
    where that order makes no date). Both present: the order is in doubt."""

    start: int
    end: int
    day_first: Reading | None
    month_first: Reading | None


# A start (day and month, or a day alone sharing the end's month and year; with its
# own year when the span crosses one), a dash, and an end with its year.
_SPAN_RE = re.compile(
    r"""
    (?<![\d/.,])
    (?P<a>\d{1,2})(?:/(?P<b>\d{1,2})(?:/(?P<ay>\d{4}))?)?
    (?:\s*[-–—]\s*|(?<=/\d{4})\s+to\s+)
    (?P<c>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})
    (?![\d/]|[.,]\d)
    """,
    re.VERBOSE,
)

# A date in figures, slashed: evidence of the notes' order when one way round only
# makes a date.
_DATE_RE = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})/(?:\d{4}|\d\d)(?![\d/])")

# A month and year: "3/1849", "(pub. 3/1950)".
_MONTH_RE = re.compile(r"(?<![\d/.,])(?P<m>\d{1,2})/(?P<y>\d{4})(?![\d/]|[.,]\d|\s*%)")

# A capitalised word right before: the number is a name's ("Regulation 1/2003").
_NAME_BEFORE_RE = re.compile(r"\b[A-Z][\w.-]*\s*$")

# A writer saying which way round: "dates m/d/y (US)", "dd/mm/yyyy", "day first".
_MONTH_FIRST_SAID_RE = re.compile(
    r"(?i)\b(?:m{1,2}/d{1,2}/y{1,4}|month[\s-]first|(?:US|American)[\s-](?:style|order|format)"
    r"\s+dates|dates\s+(?:are\s+)?(?:in\s+)?(?:US|American)\s+(?:style|order|format))\b"
)
_DAY_FIRST_SAID_RE = re.compile(
    r"(?i)\b(?:d{1,2}/m{1,2}/y{1,4}|day[\s-]first|(?:UK|British|European)[\s-](?:style|order"
    r"|format)\s+dates|dates\s+(?:are\s+)?(?:in\s+)?(?:UK|British|European)\s+(?:style|order|"
    r"format))\b"
)


# An English double date, a day Old Style and New Style at once: "19/29 Jul", "18/28
# May 1588", "13/23 Sept". The two days differ by what the calendars did in its
# century (_CALENDAR_GAP); consecutive days ("night of 28/29 Jul") are a span.
_DOUBLE_DAY_RE = re.compile(
    r"(?<![\d/.,])(?P<old>\d{1,2})(?P<new>/\d{1,2})(?=\s+[A-Z][a-zA-Z]{2}(?:\w*\.?)?"
    r"(?:\s+(?P<year>\d{4})\b)?)"
)

# The days between the Julian and Gregorian calendars, by the first year of each
# gap (the Gregorian reform of 1582, then each century year the Julian calendar
# kept as a leap year).
_CALENDAR_GAP = ((1582, 10), (1700, 11), (1800, 12), (1900, 13), (2100, None))


_NIGHT_BEFORE_RE = re.compile(r"(?i)\bnights?\s+of\s+(?:the\s+)?$")


def _gap(year: int) -> int | None:
    for (first, days), (last, _) in zip(_CALENDAR_GAP, _CALENDAR_GAP[1:], strict=False):
        if first <= year < last:
            return days
    return None


def old_style_days(text: str) -> str:
    """text with the New Style half of each double date blanked ("19/29 Jul" reads
    "19    Jul"), offsets unchanged: the notes' own day is the Old Style one, and the
    other is the same day in another calendar, not a second date. A night's two
    days ("night of 28/29 Jul") read as a span of days."""
    if "/" not in text:
        return text
    blanked, nights = [], []
    for match in _DOUBLE_DAY_RE.finditer(text):
        gap = int(match["new"][1:]) - int(match["old"])
        expected = _gap(int(match["year"])) if match["year"] else None
        if gap == expected or (expected is None and 10 <= gap <= 13 and not match["year"]):
            blanked.append(match.span("new"))
        elif gap == 1 and _NIGHT_BEFORE_RE.search(text, max(0, match.start() - 20), match.start()):
            nights.append(match.start("new"))
    for start, end in reversed(blanked):
        text = text[:start] + " " * (end - start) + text[end:]
    for slash in nights:
        # "night of 28/29 Jul" is the two days' span, read as "28–29 Jul" is.
        text = text[:slash] + "–" + text[slash + 1 :]
    return text


def _day(year: int, month: int, day: int) -> When | None:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return None
    return When(year, "day", month, day)


def _label(first: When, last: When) -> str:
    """ "20–21 October 1805", "3 May–5 June 1940", "9 October 1963–12 June 1964"."""
    end = f"{last.day} {MONTH_NAMES[last.month - 1]} {last.year}"
    if first.year != last.year:
        return f"{first.day} {MONTH_NAMES[first.month - 1]} {first.year}–{end}"
    if first.month != last.month:
        return f"{first.day} {MONTH_NAMES[first.month - 1]}–{end}"
    return f"{first.day}–{end}"


def _reading(
    start: tuple[int, int, int], end: tuple[int, int, int], day_first: bool
) -> Reading | None:
    """(first, second, year) of each end read in one order, or None if no span."""
    (a, b, start_year), (c, d, year) = start, end
    first = _day(start_year, b, a) if day_first else _day(start_year, a, b)
    last = _day(year, d, c) if day_first else _day(year, c, d)
    if first is None or last is None or first.sort_key >= last.sort_key:
        return None
    return Reading(_label(first, last), first, last)


def slashed_spans(text: str) -> list[SlashedSpan]:
    """The spans of days in figures that text writes."""
    if "/" not in text:
        return []
    found = []
    for match in _SPAN_RE.finditer(text):
        c, d, year = int(match["c"]), int(match["d"]), int(match["y"])
        start_year = int(match["ay"]) if match["ay"] else year
        if match["b"] is None:
            # "25–26/6/1955": a day alone shares the end's month, so its order is
            # the end's month last: day first is the only reading.
            day_first = _reading((int(match["a"]), d, year), (c, d, year), True)
            month_first = None
        else:
            start = (int(match["a"]), int(match["b"]), start_year)
            day_first = _reading(start, (c, d, year), True)
            month_first = _reading(start, (c, d, year), False)
            if day_first and month_first and day_first.when == month_first.when:
                month_first = None  # "5/5–6/6/1990" reads the same either way
        if day_first or month_first:
            found.append(SlashedSpan(match.start(), match.end(), day_first, month_first))
    return found


def slashed_months(text: str) -> list[tuple[int, int, Reading]]:
    """(start, end, reading) of each month and year written "3/1849"."""
    if "/" not in text:
        return []
    found = []
    for match in _MONTH_RE.finditer(text):
        month, year = int(match["m"]), int(match["y"])
        if 1 <= month <= 12 and not _NAME_BEFORE_RE.search(text, 0, match.start()):
            reading = Reading(f"{MONTH_NAMES[month - 1]} {year}", When(year, "month", month))
            found.append((match.start(), match.end(), reading))
    return found


def slash_order(texts: Iterable[str]) -> bool | None:
    """Whether notes write slashed dates day first (True) or month first (False), as
    they say or as their dates show that can be read one way only; None when they
    do not tell, or tell both."""
    day_first = month_first = False
    for text in texts:
        if _MONTH_FIRST_SAID_RE.search(text):
            month_first = True
        if _DAY_FIRST_SAID_RE.search(text):
            day_first = True
        if "/" not in text:
            continue
        pairs = [(int(m[1]), int(m[2])) for m in _DATE_RE.finditer(text)]
        for span in _SPAN_RE.finditer(text):
            pairs.append((int(span["c"]), int(span["d"])))
            if span["b"]:
                pairs.append((int(span["a"]), int(span["b"])))
        for first, second in pairs:
            if first > 12 >= second:
                day_first = True
            elif second > 12 >= first:
                month_first = True
    if day_first == month_first:
        return None
    return day_first
