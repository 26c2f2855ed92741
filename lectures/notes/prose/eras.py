"""A timeline date of any era: a value, where it sorts, and how it is said.

Years are historical, as instructors read them in their sources: BC is negative
and there is no year 0 (753 BC is -753, 1 BC is -1, AD 1 is 1). Deep time ("66
million years ago") keeps its years before present instead, with the precision
"deep"; the present is 1950, the radiocarbon convention, so "11,700 years ago"
sorts at 9751 BC. A decade's or century's year is the first year people count in
it: "the 1770s" 1770, "the 220s BC" -229, "the 18th century" 1700 (the 1700s),
"the 4th century BC" -400. A qualifier (early, mid, late) moves a decade or
century to where it is meant: "mid-18th century" sorts at 1750, "late 1770s" at
1777.

`sort_key` puts every date on one line of integers, deep time included:
`(astronomical year) * 10,000 + month * 100 + day`, a date with no month sorting
before its year's first month. lectures.models.content computes the same key in
SQL (TimelineEvent.sort_key); a test holds the two together.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..stored import fmt

PRECISIONS = ("day", "month", "year", "decade", "century", "deep")
QUALIFIERS = ("early", "mid", "late")

# Deep time counts back from here (Before Present, as radiocarbon dates do).
PRESENT = 1950

# How far into its decade or century a qualifier puts a date, in years.
QUALIFIER_YEARS = {
    "decade": {"early": 2, "mid": 5, "late": 7},
    "century": {"early": 10, "mid": 50, "late": 75},
}

# Sort key units per year: room for month * 100 + day below it.
KEY_YEAR = 10_000

MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def astronomical(year: int) -> int:
    """The historical year on a line with a year 0 (1 BC is 0, 2 BC is -1)."""
    return year + 1 if year < 0 else year


def historical(year: int) -> int:
    """The astronomical year as historians number it (0 is 1 BC)."""
    return year - 1 if year <= 0 else year


def ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def century_year(number: int, bc: bool = False) -> int:
    """The year a century is counted from: the 18th 1700, the 1st 1, the 4th BC -400."""
    if bc:
        return -100 * number
    return max(1, (number - 1) * 100)


def _deep_words(years: int) -> str:
    for size, word in ((1_000_000_000, "billion"), (1_000_000, "million")):
        if years >= size:
            amount = f"{years / size:.3f}".rstrip("0").rstrip(".")
            return f"{amount} {word} years ago"
    return f"{years:,} years ago"


@dataclass(frozen=True)
class When:
    """One end of a timeline date (see the module's docstring for the numbering)."""

    year: int
    precision: str = "year"
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    qualifier: str = ""

    @property
    def sort_key(self) -> int:
        if self.precision == "deep":
            return (PRESENT - self.year) * KEY_YEAR
        shift = QUALIFIER_YEARS.get(self.precision, {}).get(self.qualifier, 0)
        position = astronomical(self.year) + shift
        return position * KEY_YEAR + (self.month or 0) * 100 + (self.day or 0)

    @property
    def first_year(self) -> int:
        """The first (historical) year the date covers."""
        if self.precision == "deep":
            return historical(PRESENT - self.year)
        shift = QUALIFIER_YEARS.get(self.precision, {}).get(self.qualifier, 0)
        return historical(astronomical(self.year) + shift)

    @property
    def last_year(self) -> int:
        """The last (historical) year the date covers: a qualified decade or century
        starts later ("the late 1770s" at 1777) but still ends with its period."""
        length = {"decade": 10, "century": 100}.get(self.precision)
        if length is None:
            return self.first_year
        return historical(astronomical(self.year) + length - 1)

    def problem(self) -> str:
        """What makes this no date, in words for the admin's form (translated when
        shown), or ""."""
        if self.precision not in PRECISIONS:
            return fmt(_("Precision must be one of %(choices)s."), choices=", ".join(PRECISIONS))
        if self.precision == "deep":
            if self.year < 1:
                return _("Deep time counts years before present: a positive number.")
            if self.month or self.day:
                return _("Deep time has no month or day.")
        elif self.year == 0:
            return _("There is no year 0: 1 BC is -1, AD 1 is 1.")
        if self.month is not None and not 1 <= self.month <= 12:
            return _("A month is 1 to 12.")
        if self.day is not None and not 1 <= self.day <= 31:
            return _("A day is 1 to 31.")
        if self.day is not None and self.month is None:
            return _("A day needs its month.")
        needs = {"day": ("month", "day"), "month": ("month",)}.get(self.precision, ())
        if "month" in needs and self.month is None:
            return fmt(
                _("A date of precision “%(precision)s” needs its month."),
                precision=self.precision,
            )
        if "day" in needs and self.day is None:
            return fmt(
                _("A date of precision “%(precision)s” needs its day."), precision=self.precision
            )
        if self.precision not in ("day", "month") and self.month is not None:
            return fmt(
                _("A date of precision “%(precision)s” has no month."), precision=self.precision
            )
        if self.precision == "month" and self.day is not None:
            return _("A date of precision “month” has no day.")
        if self.qualifier and self.precision not in QUALIFIER_YEARS:
            return _("Only a decade or a century is early, mid or late.")
        if self.qualifier and self.qualifier not in QUALIFIERS:
            return fmt(_("A qualifier is one of %(choices)s."), choices=", ".join(QUALIFIERS))
        return ""

    def iso(self) -> str:
        """The date as HTML's <time datetime> reads it, or "" (BC and deep time)."""
        if self.precision == "deep" or not 1 <= self.first_year <= 9999:
            return ""
        year = f"{self.first_year:04d}"
        if self.precision == "day":
            return f"{year}-{self.month:02d}-{self.day:02d}"
        if self.precision == "month":
            return f"{year}-{self.month:02d}"
        return year

    def _year_words(self, ad: bool) -> str:
        if self.year < 0:
            return f"{-self.year} BC"
        return f"AD {self.year}" if ad or self.year < 1000 else str(self.year)

    def spoken(self, ad: bool = False) -> str:
        """The date in words, as a screen reader should say it ("the late 1770s")."""
        about = "about " if self.approximate else ""
        if self.precision == "deep":
            return about + _deep_words(self.year)
        qualifier = f"{self.qualifier}-" if self.qualifier == "mid" else f"{self.qualifier} "
        qualifier = qualifier if self.qualifier else ""
        if self.precision == "decade":
            if self.year < 0:
                return f"{about}the {qualifier}{-self.year - 9}s BC"
            return f"{about}the {qualifier}{self.year}s"
        if self.precision == "century":
            if self.year < 0:
                return f"{about}the {qualifier}{ordinal(-self.year // 100)} century BC"
            return f"{about}the {qualifier}{ordinal(self.year // 100 + 1)} century"
        return about + " ".join(self._parts(ad))

    def _parts(self, ad: bool) -> list[str]:
        parts = []
        if self.day is not None:
            parts.append(str(self.day))
        if self.month is not None:
            parts.append(MONTH_NAMES[self.month - 1])
        parts.append(self._year_words(ad))
        return parts


_CALENDAR = ("day", "month", "year")


def spoken_span(start: When, end: When | None) -> str:
    """A date or span in words, naming its real ends: "from March to May 1945",
    "from 494 to 287 BC", "from 27 BC to AD 14"."""
    if end is None:
        return start.spoken()
    if start.precision not in _CALENDAR or end.precision not in _CALENDAR:
        return f"from {start.spoken()} to {end.spoken()}"
    crosses = start.year < 0 < end.year
    first, last = start._parts(crosses), end._parts(crosses)
    about = "about " if start.approximate else ""
    if start.year == end.year:
        # What the ends share is said once, at the end.
        first = first[:-1]
        if start.month == end.month and start.day is not None and end.day is not None:
            first = first[:-1]
    elif start.year < 0 and end.year < 0:
        first[-1] = str(-start.year)
    if not first:
        return about + " ".join(last)
    return f"from {about}{' '.join(first)} to {' '.join(last)}"
