"""Dates of any era (issue 17, item 3): each form read, labelled as written and
sorted where it falls; a span said with its real ends; and reading dates takes
work in proportion to the text, however many dates it holds (item 6)."""

from __future__ import annotations

import re
import sys

import pytest

from lectures.notes.prose import When, extract_events, find_dates, spoken_span
from lectures.notes.prose import clauses as clauses_module
from lectures.notes.prose import dates as dates_module
from lectures.notes.prose import events as events_module
from lectures.notes.prose import notes_wide as notes_wide_module
from lectures.notes.prose.dates import WINDOW


def read(text: str) -> list[tuple[str, When, When | None]]:
    return [(e.when_label, e.start, e.end) for e in extract_events(text)]


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        ("Rome was founded in 753 BC by Romulus.", "753 BC", When(-753), None),
        ("Qin unified China c. 221 BCE.", "c. 221 BCE", When(-221, approximate=True), None),
        ("Vesuvius buried Pompeii in AD 79.", "AD 79", When(79), None),
        ("Vesuvius buried Pompeii in 79 CE.", "79 CE", When(79), None),
        ("Athens flourished in the 4th century BC.", "4th century BC", When(-400, "century"), None),
        (
            "Rome fought Carthage in the 3rd century BCE.",
            "3rd century BCE",
            When(-300, "century"),
            None,
        ),
        ("Augustus ruled 27 BC – AD 14 as princeps.", "27 BC–AD 14", When(-27), When(14)),
        ("Augustus ruled 27 BC–14 AD as princeps.", "27 BC–14 AD", When(-27), When(14)),
        (
            "The Roman Republic's conflict of the orders ran c. 494–287 BC.",
            "c. 494–287 BC",
            When(-494, approximate=True),
            When(-287, approximate=True),
        ),
        (
            "Enlightenment salons spread in the mid-18th century.",
            "mid-18th century",
            When(1700, "century", qualifier="mid"),
            None,
        ),
        (
            "Colonial protests grew in the late 1770s.",
            "late 1770s",
            When(1770, "decade", qualifier="late"),
            None,
        ),
        (
            "Factories spread in the early 1800s.",
            "early 1800s",
            When(1800, "century", qualifier="early"),
            None,
        ),
        (
            "An asteroid struck Chicxulub about 66 million years ago.",
            "66 million years ago",
            When(66_000_000, "deep", approximate=True),
            None,
        ),
        (
            "The Quaternary began 2.6 million years ago.",
            "2.6 million years ago",
            When(2_600_000, "deep"),
            None,
        ),
        (
            "The Holocene began 11,700 years ago.",
            "11,700 years ago",
            When(11_700, "deep"),
            None,
        ),
        (
            "Caesar was killed on 15 March 44 BC in Rome.",
            "15 March 44 BC",
            When(-44, "day", 3, 15),
            None,
        ),
        (
            "Hammurabi ruled around 1750 BC in Babylon.",
            "1750 BC",
            When(-1750, approximate=True),
            None,
        ),
    ],
)
def test_each_era_form_is_read_and_labelled_as_written(text, label, start, end):
    assert read(text) == [(label, start, end)]


def test_every_era_sorts_on_one_line():
    written = [
        "AD 14",
        "11,700 years ago",
        "13 August 1961",
        "753 BC",
        "66 million years ago",
        "the late 1770s",
        "3000 BC",
        "the mid-18th century",
        "the 4th century BC",
        "August 1961",
        "1961",
    ]
    found = {label: when for text in written for _, _, label, when in find_dates(text)}

    assert sorted(found, key=lambda label: found[label].sort_key) == [
        "66 million years ago",
        "11,700 years ago",
        "3000 BC",
        "753 BC",
        "4th century BC",
        "AD 14",
        "mid-18th century",
        "late 1770s",
        "1961",
        "August 1961",
        "13 August 1961",
    ]


def test_qualifiers_move_a_date_to_where_it_is_meant():
    assert When(1700, "century", qualifier="mid").first_year == 1750
    assert When(1770, "decade", qualifier="late").first_year == 1777
    assert When(-400, "century", qualifier="late").first_year == -325
    # A year with no year 0 between 1 BC and AD 1.
    assert When(-1).sort_key < When(1).sort_key
    assert When(1).sort_key - When(-1).sort_key == When(2).sort_key - When(1).sort_key


@pytest.mark.parametrize(
    ("start", "end", "spoken"),
    [
        (When(1945, "month", 3), When(1945, "month", 5), "from March to May 1945"),
        (When(-27), When(14), "from 27 BC to AD 14"),
        (When(-494, approximate=True), When(-287), "from about 494 to 287 BC"),
        (When(1860, "day", 9, 3), When(1860, "day", 9, 5), "from 3 to 5 September 1860"),
        (When(1940, "month", 5), When(1941, "month", 6), "from May 1940 to June 1941"),
        (When(1961), When(1989), "from 1961 to 1989"),
        (When(1770, "decade", qualifier="late"), None, "the late 1770s"),
        (When(-400, "century"), None, "the 4th century BC"),
        (When(66_000_000, "deep"), None, "66 million years ago"),
    ],
)
def test_a_span_is_said_with_its_real_ends(start, end, spoken):
    assert spoken_span(start, end) == spoken


@pytest.mark.parametrize(
    ("when", "problem"),
    [
        (When(0), "There is no year 0"),
        (When(1945, "month", 13), "A month is 1 to 12"),
        (When(1945, "day", 2, 32), "A day is 1 to 31"),
        (When(1945, "year", None, 3), "A day needs its month"),
        (When(1945, "epoch"), "Precision must be one of"),
        (When(-5, "deep"), "Deep time counts years before present"),
        (When(1945, "year", qualifier="late"), "Only a decade or a century"),
    ],
)
def test_an_impossible_date_says_what_is_wrong(when, problem):
    assert when.problem().startswith(problem)
    assert When(-221, approximate=True).problem() == ""


# --------------------------------------------------------------------------- bounded work


class Work:
    """What reading a text costs: the characters handed to regular expressions (a
    slice of everything before a date, searched again for every date, is what made
    reading quadratic) and the Python calls made."""

    def __init__(self):
        self.scanned = 0
        self.calls = 0
        # The functions that searched more than two windows of the text in one call.
        self.wide: set[str] = set()


class _CountingPattern:
    def __init__(self, pattern: re.Pattern[str], work: Work):
        self._pattern, self._work = pattern, work

    def __getattr__(self, name):
        return getattr(self._pattern, name)

    def _count(self, string, pos=0, endpos=None):
        end = len(string) if endpos is None else min(endpos, len(string))
        self._work.scanned += max(0, end - pos)

    def search(self, string, pos=0, endpos=sys.maxsize):
        self._count(string, pos, endpos)
        if min(endpos, len(string)) - pos > 2 * WINDOW:
            caller = sys._getframe(1)
            while caller.f_code.co_filename == __file__:
                caller = caller.f_back
            self._work.wide.add(caller.f_code.co_name)
        return self._pattern.search(string, pos, endpos)

    def match(self, string, pos=0, endpos=sys.maxsize):
        self._count(string, pos, endpos)
        return self._pattern.match(string, pos, endpos)

    def fullmatch(self, string, pos=0, endpos=sys.maxsize):
        self._count(string, pos, endpos)
        return self._pattern.fullmatch(string, pos, endpos)

    def finditer(self, string, pos=0, endpos=sys.maxsize):
        self._count(string, pos, endpos)
        return self._pattern.finditer(string, pos, endpos)

    def sub(self, repl, string, count=0):
        self._count(string)
        return self._pattern.sub(repl, string, count)


class _CountingRe:
    def __init__(self, work: Work):
        self._work = work

    def __getattr__(self, name):
        return getattr(re, name)

    def compile(self, pattern, flags=0):
        return _CountingPattern(re.compile(pattern, flags), self._work)

    def search(self, pattern, string, flags=0):
        return self.compile(pattern, flags).search(string)

    def match(self, pattern, string, flags=0):
        return self.compile(pattern, flags).match(string)

    def fullmatch(self, pattern, string, flags=0):
        return self.compile(pattern, flags).fullmatch(string)

    def finditer(self, pattern, string, flags=0):
        return self.compile(pattern, flags).finditer(string)

    def sub(self, pattern, repl, string, count=0, flags=0):
        return self.compile(pattern, flags).sub(repl, string, count)


def measure(monkeypatch, read_text, text: str) -> Work:
    work = Work()
    with monkeypatch.context() as patch:
        for module in (dates_module, notes_wide_module, events_module, clauses_module):
            patch.setattr(module, "re", _CountingRe(work))
            for name, value in vars(module).items():
                if isinstance(value, re.Pattern):
                    patch.setattr(module, name, _CountingPattern(value, work))

        def profile(frame, event, arg):
            if event == "call":
                work.calls += 1

        sys.setprofile(profile)
        try:
            read_text(text)
        finally:
            sys.setprofile(None)
    return work


def years(n: int) -> str:
    return "In " + ", ".join(str(1000 + i % 1000) for i in range(n)) + " the river flooded."


HOSTILE = {
    "years": years,
    "BC years": lambda n: "Kings ruled " + ", ".join(f"{100 + i % 900} BC" for i in range(n)),
    "spans": lambda n: (
        "Reigns: " + "; ".join(f"{1000 + i % 900}–{1001 + i % 900}" for i in range(n))
    ),
    "digits": lambda n: "1" * (6 * n) + " 1945",
    "words": lambda n: "Mar " * n + "1945 late " * n + "1770s",
    "numbers": lambda n: "Counts " + " and ".join("1500" for _ in range(n)) + " ships",
    "small years": lambda n: "Sacked " + ", ".join(f"in {100 + i % 900}" for i in range(n)),
    "small spans": lambda n: (
        "Ruled " + ", ".join(f"between c. {100 + i % 800} and 950" for i in range(n))
    ),
    "decades": lambda n: "Popular " + ", ".join("1830s–40s" for _ in range(n)),
}


@pytest.mark.parametrize("kind", HOSTILE)
@pytest.mark.parametrize(
    "reader", [find_dates, extract_events], ids=["find_dates", "extract_events"]
)
def test_reading_dates_takes_work_in_proportion_to_the_text(monkeypatch, kind, reader):
    """A bullet of 4,000 years took over 30 s to import, one of 8,000 a minute: the
    work grew with the square of its length. Doubling the bullet now doubles it."""
    small_text, large_text = HOSTILE[kind](4000), HOSTILE[kind](8000)
    small = measure(monkeypatch, reader, small_text)
    large = measure(monkeypatch, reader, large_text)

    # Generous: a few windows' worth of characters and a few dozen calls per
    # character at most (measured: 210 and 7.3 on the years); quadratic reading
    # scanned thousands of times the text.
    assert large.scanned <= 400 * len(large_text)
    assert large.calls <= 40 * len(large_text)
    assert large.scanned <= 2.5 * small.scanned
    assert large.calls <= 2.5 * small.calls


# The scans of a whole bullet, each made once per bullet: the dates in it, the
# years of three digits, the days that borrow a year, the months in Roman numerals,
# and the words of a story or a clause's first word. Their patterns repeat only
# bounded pieces.
WHOLE_BULLET_SCANS = {
    "find_mentions",
    "_with_roman_spans",
    "_small_years",
    "_borrowed_years",
    "extract_events",
    "subject_state",
}


@pytest.mark.parametrize("kind", HOSTILE)
def test_judging_a_date_searches_only_a_window_of_the_text(monkeypatch, kind):
    """Counting characters cannot see a regular expression backtrack: one search for
    "a figure, then in" from the clause's start took a 48 KB run of digits 84 s. Only
    the whole-bullet scans may search more than a window around a date."""
    work = measure(monkeypatch, extract_events, HOSTILE[kind](2000))
    assert work.wide <= WHOLE_BULLET_SCANS


def test_a_bullet_that_is_a_list_of_dates_is_no_timeline():
    assert len(find_dates(years(100))) == 100
    assert extract_events(years(100)) == []
