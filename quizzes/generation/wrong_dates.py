"""Wrong dates of any era, written as the notes write the right one.

A date question's distractors and a false statement's swapped date are the right
date with its number moved, and nothing else changed: "221 BCE" gives "218 BCE",
"2 August 1843" gives "2 August 1829", "the 130s BC" gives "the 150s BC", "the 2nd
century BC" gives "the 4th century BC", "about 66 million years ago" gives "about
132 million years ago". So every choice has the key's form, its era and its
approximation ("about" on all of them, or on none).

How far a date moves scales with what it says (lectures.notes.prose.eras.When's
precision): a year by at least YEAR_GAP and at most a twentieth of its number (up to
NEAR: a few years for 221 BC, 25 for 1843), a decade or a century by one to three
steps, deep time by a factor. A wrong date never crosses its era (BC stays BC),
stands on the same side of every other date its sentence prints (`others`, as
(first, last) years), and is a date in the past of the notes (`latest`).

`dated(text)` finds the dates of a text with their When: deep time's "about"
belongs to its date, since every choice must carry it alike.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass

from lectures.notes.prose.eras import When, century_year, ordinal
from lectures.notes.prose.events import event_mentions

from .text import NEAR, YEAR_GAP

CALENDAR = frozenset({"day", "month", "year"})
# The years of a life before its deeds: no wrong date falls in them.
ADULT = 15
# Deep time wrong by these factors: told apart at a glance, yet of one order.
DEEP_FACTORS = (0.3, 0.5, 0.7, 1.5, 2, 3)
# Two deep-time dates closer than this ratio are not told apart beyond dispute.
DEEP_RATIO = 1.3
# The age of the universe: no deep-time date before it.
OLDEST = 13_800_000_000

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


def years_of(when: When) -> tuple[int, int]:
    return when.first_year, when.last_year


def _side(a: tuple[int, int], b: tuple[int, int]) -> int:
    """-1 when `a` is wholly before `b`, 1 when wholly after, 0 when they meet."""
    return -1 if a[1] < b[0] else 1 if a[0] > b[1] else 0


def apart(a: When, b: When) -> bool:
    """Two dates whose order is beyond dispute: they do not meet, are YEAR_GAP
    apart, and deep time (always rough) differs by a clear factor."""
    if _side(years_of(a), years_of(b)) == 0:
        return False
    if "deep" in (a.precision, b.precision):
        older, newer = sorted((1950 - a.first_year, 1950 - b.first_year), reverse=True)
        return newer > 0 and older >= DEEP_RATIO * newer
    return abs(a.first_year - b.first_year) >= YEAR_GAP


def _number(written: str, when: When) -> re.Match[str] | None:
    """Where the number a wrong date moves is written."""
    if when.precision in CALENDAR:
        pattern = rf"(?<![\d,.]){abs(when.year)}(?![\d,])"
    elif when.precision == "decade":
        number = when.year if when.year > 0 else -when.year - 9
        pattern = rf"(?<!\d){number}(?=['’]?s\b)"
    elif when.precision == "century":
        number = when.year // 100 + 1 if when.year > 0 else -when.year // 100
        pattern = rf"(?<!\d){number}(?:st|nd|rd|th)\b"
    else:
        pattern = r"\d[\d,]*(?:\.\d+)?"
    found = list(re.finditer(pattern, written))
    return found[-1] if found else None


def _deep_amount(text: str) -> tuple[float, str]:
    return float(text.replace(",", "")), text


def _deep_text(amount: float, like: str) -> str:
    """An amount written as `like` is: "66", "3.7", "11,700"."""
    if "." in like:
        places = len(like.split(".")[1])
        return f"{amount:.{places}f}"
    value = int(round(amount))
    return f"{value:,}" if "," in like else str(value)


def _round(value: float) -> float:
    """Two significant figures: 132 stays, 19.8 becomes 20, 1234 becomes 1200."""
    if value <= 0:
        return 0
    digits = len(str(int(value)))
    return round(value, 2 - digits) if digits >= 2 else round(value, 1)


def _moves(written: str, when: When) -> Iterable[tuple[str, When]]:
    """Every wrong date of the key's form, (text, When), nearest first."""
    found = _number(written, when)
    if found is None:
        return
    head, tail = written[: found.start()], written[found.end() :]
    number = found.group()
    if when.precision in CALENDAR:
        year = abs(when.year)
        near = min(NEAR, max(YEAR_GAP + 3, year // 20))
        steps = sorted(range(-near, near + 1), key=abs)
        for step in steps:
            if abs(step) < YEAR_GAP or year + step < 1:
                continue
            new = year + step
            signed = new if when.year > 0 else -new
            yield f"{head}{new}{tail}", dataclasses.replace(when, year=signed)
    elif when.precision == "decade":
        # Three decades off is past NEAR: teachers call such a choice implausible.
        for step in (10, -10, 20, -20):
            new = int(number) + step
            if new < 10:
                continue
            year = new if when.year > 0 else -(new + 9)
            yield f"{head}{new}{tail}", dataclasses.replace(when, year=year)
    elif when.precision == "century":
        for step in (1, -1, 2, -2, 3, -3):
            new = int(number[:-2]) + step
            if new < 1:
                continue
            year = century_year(new, bc=when.year < 0)
            yield f"{head}{ordinal(new)}{tail}", dataclasses.replace(when, year=year)
    elif when.precision == "deep":
        amount, like = _deep_amount(number)
        unit = when.year / amount if amount else 0
        seen = {number}
        for factor in sorted(DEEP_FACTORS, key=lambda f: abs(1 - f)):
            text = _deep_text(_round(amount * factor), like)
            value = float(text.replace(",", ""))
            if text in seen or value <= 0:
                continue
            seen.add(text)
            years = int(round(value * unit))
            if not 1 <= years <= OLDEST:
                continue
            yield f"{head}{text}{tail}", dataclasses.replace(when, year=years)


def padded(years: list[int]) -> tuple[int, int] | None:
    """The years' span widened by half its spread, at least ten years."""
    if not years:
        return None
    low, high = min(years), max(years)
    pad = max(10, (high - low) // 2)
    return low - pad, high + pad


def titled(title: str) -> tuple[int, int] | None:
    """The period a title fixes by the dates it prints ("The Summer of 1816",
    "Berlin, 1961–1989"), widened as `padded` widens; None when it prints none."""
    years = [
        y
        for d in dated(title)
        if d.when.precision in ("day", "month", "year", "decade")
        for y in (d.first, d.last)
    ]
    return padded(years)


def wrong_dates(
    written: str,
    when: When,
    *,
    others: Iterable[tuple[int, int]] = (),
    latest: int | None = None,
    life: tuple[int, int] | None = None,
    avoid: Iterable[int] = (),
    window: tuple[int, int] | None = None,
) -> list[tuple[str, When]]:
    """Wrong dates that may stand in for `when` (written `written`) in a sentence
    printing `others`: of its form and era, near it (see the module docstring), on
    the same side of every other date and YEAR_GAP from it, not after `latest`,
    inside `life` (a lifespan the notes give whoever the sentence is about) when
    `when` is, inside `window` when given, and none starting on a year of `avoid`."""
    others, avoid = list(others), set(avoid)
    mine = years_of(when)
    out = []
    for text, new in _moves(written, when):
        years = years_of(new)
        if years[0] in avoid:
            continue
        if latest is not None and new.precision != "deep" and years[1] > latest:
            continue
        inside = life is not None and life[0] <= mine[0] <= life[1]
        # Not in the childhood of the life the sentence prints: "Gogol (1809–1852)
        # saw his play staged in ____" rules out 1812 at a glance.
        grown = life[0] + ADULT if inside and mine[0] >= life[0] + ADULT else None
        if inside and new.precision != "deep" and not life[0] <= years[0] <= life[1]:
            continue
        if grown is not None and new.precision != "deep" and years[0] < grown:
            continue
        if window is not None and not window[0] <= years[0] <= window[1]:
            continue
        if any(_side(years, o) != _side(mine, o) for o in others):
            continue
        if new.precision in CALENDAR and any(
            min(abs(years[0] - o[0]), abs(years[0] - o[1])) < YEAR_GAP for o in others
        ):
            continue
        out.append((text, new))
    return out


def spaced(candidates: list[tuple[str, When]], count: int) -> list[tuple[str, When]] | None:
    """`count` of the candidates (in their order) whose order among themselves is
    beyond dispute, or None when there are not so many."""
    picked: list[tuple[str, When]] = []
    for text, when in candidates:
        if all(apart(when, other) for _, other in picked):
            picked.append((text, when))
        if len(picked) == count:
            return picked
    return None
