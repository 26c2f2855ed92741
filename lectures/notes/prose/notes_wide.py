"""What a lecture's notes as a whole tell about one item's dates, and the item's
dates completed from it. dates finds the dates one text mentions, read alone; this
module holds what only the notes around the text can settle: the stretch of years
the notes name (notes_years), within which a number after a name is a year after
all ("Bergen 1349", "Rurik at Novgorod 862") and a year of two digits takes its
century ("'54"); the order the notes write slashed dates in; a lead-in or heading
that is a date and no more ("All dates Oct 1962 unless stated:", "Jul–Oct 1956"),
which gives its month or year to the days the items under it leave them out of;
and the date the items before reached, which completes "on 8 September" or
"Thursday 25th".

It reads with dates's rules of what a date is (find_mentions and its helpers);
dates never imports it.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import NamedTuple

from .dates import (
    ANY_DIGIT,
    EVENT_RE,
    MIN_YEAR,
    MONTH_NAMES,
    MONTH_PATTERN,
    NO_YEAR_AFTER,
    ORDINAL,
    ROMAN_MONTH,
    ROMAN_MONTHS,
    WINDOW,
    YEARLESS_RE,
    Mention,
    find_mentions,
    match_dates,
    month_number,
    not_a_date,
    overlaps,
    qualified,
    shifted_century,
    valid_day,
    word_set,
)
from .eras import When
from .slashed import slash_order, slashed_months


class NotesYears(NamedTuple):
    """What a lecture's notes as a whole tell about reading one item's dates."""

    # The first and last year of our era the notes name in full, as a day, month,
    # year or span: the stretch of time the lecture is about.
    first: int
    last: int
    # Most of those years are before 1000 and few dates are BC: a lecture on the
    # first millennium, whose note-speak writes its years bare ("Rurik at Novgorod
    # 862"; lecture_named_years).
    early: bool = False
    # The order the notes write slashed dates in (slashed.slash_order), None if
    # they do not tell.
    day_first: bool | None = None
    # The notes say their years are BC unless marked ("All years are BCE unless
    # marked CE"): a year of three digits or fewer written bare is BC (in_declared_era).
    bc: bool = False


# A lecture is on the first millennium when at least this many of its dates are.
_EARLY_DATES = 3


def notes_years(texts: Iterable[str]) -> NotesYears | None:
    """What notes (their items' texts) tell about reading their dates: the stretch
    of time they name, whether it is the first millennium, and their order of day
    and month."""
    texts = list(texts)
    years = []
    bc = 0
    for text in texts:
        for mention in find_mentions(text):
            if mention.century_doubt or mention.kind not in ("day", "month", "year", "span"):
                continue
            for when in (mention.when, mention.end_when):
                if when is None or when.precision not in ("day", "month", "year"):
                    continue
                if when.year > 0:
                    years.append(when.year)
                else:
                    bc += 1
    if not years:
        return None
    early = sum(year < MIN_YEAR for year in years)
    declared_bc = any(_BC_DECLARED_RE.search(text) for text in texts)
    return NotesYears(
        min(years),
        max(years),
        early=early >= _EARLY_DATES and (early > bc or declared_bc) and early * 2 >= len(years),
        day_first=slash_order(texts),
        bc=declared_bc,
    )


# A writer saying their bare years are BC: "All years are BCE unless marked CE",
# "Dates BC throughout", "years B.C. unless stated" (round 15, set 19).
_BC_DECLARED_RE = re.compile(
    r"(?i)\b(?:years|dates)\b[^.;:()]{0,20}?\b(?:are\s+|in\s+)?(?:BCE|BC|B\.C\.(?:E\.)?)"
    r"(?=\s+(?:unless|throughout|except|where)|\s*[.;:,)]|\s*$)"
)


def in_declared_era(
    mentions: list[Mention], years: NotesYears | None, nearby: When | None = None
) -> list[Mention]:
    """mentions with each bare year of three digits or fewer read as BC, in notes
    that say their years are (NotesYears.bc): "Battle of Gaza, 312" in notes whose
    overview says "All years are BCE unless marked CE". A year of four digits is
    left as it is: a bare "1799" in such notes is the Rosetta Stone's finding. So is
    a span counting up ("535–554"), which BC would turn back to front; one counting
    down is read as BC where it is found (_bare_early_years). Once the items have
    reached a year of our era (`nearby`, AD 106 in "ruled from AD 70 to 106"), a
    later bare year goes on from it: "On the night of 18–19 May 363 an earthquake
    brought down much of Petra" is AD 363, not 363 BC (round 19, set 24)."""
    if years is None or not years.bc:
        return mentions
    onward = nearby.year if nearby is not None and nearby.year > 0 else None
    return [
        replace(
            mention,
            label=f"{mention.label} BC",
            when=replace(mention.when, year=-mention.when.year),
            era=True,
        )
        if (
            not mention.era
            and mention.end_when is None
            and mention.kind in ("day", "month", "year")
            and 0 < mention.when.year < MIN_YEAR
            and mention.when.precision in ("day", "month", "year")
            and not (onward is not None and mention.when.year >= onward)
        )
        else mention
        for mention in mentions
    ]


def in_notes_order(mentions: list[Mention], day_first: bool | None) -> list[Mention]:
    """mentions with each slashed date that could be read either way round read the
    way the notes write them (NotesYears.day_first), and no longer in doubt."""
    if day_first is None or not any(m.order_doubt for m in mentions):
        return mentions
    ordered = []
    for mention in mentions:
        if mention.order_doubt:
            reading = mention.month_first if not day_first else None
            mention = replace(mention, order_doubt=False, month_first=None)
            if reading is not None:
                mention.label, mention.when = reading.label, reading.when
                mention.end_when = reading.end_when
        ordered.append(mention)
    return ordered


# What ends a note-speak "<name> <year>": punctuation, an arrow, a bracket or the end.
_NAME_YEAR_END_RE = re.compile(r"\s*(?:[,;:()\[\]→⇒=+—–-]|$)")


# What keeps the number a name's: a code in capitals ("NRRL 1951", "ISO 9001"), or a
# name being given ("renamed Vibrio cholerae Pacini 1854", "designated Kosmos 1408").
_CODE_BEFORE_RE = re.compile(r"\b[A-Z]{2,}\s*$")
_NAMING_BEFORE_RE = re.compile(
    r"(?i)\b(?:re)?(?:named|called|dubbed|titled|christened|designated|known\s+as)\s+"
    r"(?:[^\W\d][\w'’.-]*\s+){0,4}$"
)


def lecture_named_years(
    text: str, mentions: list[Mention], years: NotesYears | None
) -> list[Mention]:
    """mentions with the years that find_mentions took for a name's number only
    because a capitalised word stands before them ("Kosmos 1408"), when the number
    falls within `years`, the stretch the lecture's own dates cover (notes_years), and
    ends its phrase: note-speak's "Bergen 1349 (ship from Eng.)", "Statute of
    Labourers 1351 →", "Smith & Jones 1982 →" date a place, a law or a paper."""
    if years is None or not ANY_DIGIT.search(text):
        return mentions
    added = []
    for match in EVENT_RE.finditer(text):
        for mention in match_dates(match):
            if (
                mention.kind == "year"
                and years[0] <= mention.when.year <= years[1]
                and not overlaps(mention.start, mention.end, mentions)
                and _NAME_YEAR_END_RE.match(text, mention.end)
                and not _CODE_BEFORE_RE.search(text, 0, mention.start)
                and not _NAMING_BEFORE_RE.search(text[max(0, mention.start - 80) : mention.start])
                and not_a_date(text, mention)
                and not not_a_date(text, mention, names_label=False)
            ):
                added.append(qualified(text, mention))
    taken = [*mentions, *added]
    for start, end, reading in slashed_months(text):
        if years.first <= reading.when.year <= years.last and not overlaps(start, end, taken):
            added.append(Mention(start, end, reading.label, reading.when, kind="month"))
    if years.early:
        # In notes on the first millennium a year is as often under 1000 as not:
        # "in 367" is as sure as "in 1367".
        mentions = [
            replace(
                m, small=False, alternative=m.alternative or bool(_OR_NUMBER_RE.match(text, m.end))
            )
            if m.small and years.first <= m.when.year
            else m
            for m in mentions
        ]
        mentions = [_early_span(text, m) for m in mentions]
        added.extend(_bare_early_years(text, [*mentions, *added], years))
        added.extend(_early_decades(text, [*mentions, *added]))
    return sorted([*mentions, *added], key=lambda m: m.start) if added else mentions


# A span whose year is under 1000, which the spans of dates.py (four-digit years
# unless an era is written) leave as its one end: "built in about 848–851", "on the
# night of 10–11 December 861" (round 25, set 29).
_YEAR_END_AFTER_RE = re.compile(r"\s*[-–—]\s*(?P<b>[1-9]\d{2,3})(?![\w'’%‰°/.,-]|,\d)")
_DAY_START_BEFORE_RE = re.compile(r"(?<![\d.,/])(?P<d>[1-3]?\d)\s*[-–—]\s*$")


def _early_span(text: str, mention: Mention) -> Mention:
    """mention, or the span of the early years or days it is the one end of (see
    above)."""
    if mention.era or mention.end_when is not None or mention.when.year >= MIN_YEAR:
        return mention
    if mention.kind == "year" and mention.when.approximate:
        end = _YEAR_END_AFTER_RE.match(text, mention.end)
        last = int(end["b"]) if end else 0
        # The end an early year too, not far on: "about 848–851", not "c. 200–1100".
        if end and mention.when.year < last < min(MIN_YEAR, mention.when.year + 200):
            label = f"{mention.label}–{last}"
            return replace(mention, end=end.end(), label=label, end_when=When(last), kind="span")
    if mention.kind == "day":
        start = _DAY_START_BEFORE_RE.search(text, max(0, mention.start - 6), mention.start)
        when = mention.when
        if start and 0 < int(start["d"]) < (when.day or 0):
            first = replace(when, day=int(start["d"]))
            label = f"{start['d']}–{mention.label}"
            return replace(
                mention, start=start.start(), label=label, when=first, end_when=when, kind="span"
            )
    return mention


# A year under 1000 written bare at the end of a phrase, as notes on the first
# millennium write them: "Iona first raided 795;", "Rurik at Novgorod 862", "K. of
# Wessex 871–899".
_BARE_EARLY_RE = re.compile(
    r"(?:(?<=[^\W\d_]\s)|(?<=[^\W\d_],\s))(?P<a>[1-9]\d{2})(?:\s*[-–—]\s*(?P<b>[1-9]\d{2,3}))?(?![\w'’%‰°/.,-])"
)
# The word before it, when that makes the number a count or a reference ("killed
# 300", "p. 412", "Flight 143", "about 500").
_COUNTING_BEFORE_RE = re.compile(
    r"(?i)\b(?:about|around|some|over|under|nearly|almost|only|just|than|to|of|by|from|"
    r"with|within|for|and|or|all|total|totalling|numbering|killed|lost|captured|took|"
    r"sent|had|has|have|cost|costs|paid|pays|sold|no|nos|p|pp|page|pages|fig|vol|ch|"
    r"chapter|line|lines|verse|room|flight|route|psalm|art|article|section|sec|item|"
    r"tablet|number|approx|approximately|roughly|est|estimated|per|was|were|is|are|be|"
    r"been|aged|age|x|n|ms|inv|cat|lot|grave|tomb|site|level|layer|plot)\.?\s$"
)


# "in 286 or 287": the second year of two, however it is written.
_OR_NUMBER_RE = re.compile(r"\s+or\s+\d")

# "the 160s": a decade under 1000, in notes on the first millennium.
_EARLY_DECADE_RE = re.compile(r"(?<=\bthe\s)(?P<n>[1-9]\d0)s(?![\w'’])")


def _early_decades(text: str, mentions: list[Mention]) -> list[Mention]:
    found = []
    for match in _EARLY_DECADE_RE.finditer(text):
        if not overlaps(match.start(), match.end(), mentions):
            number = int(match["n"])
            mention = Mention(*match.span(), f"{number}s", When(number, "decade"), kind="decade")
            found.append(qualified(text, mention))
    return found


def _bare_early_years(text: str, mentions: list[Mention], years: NotesYears) -> list[Mention]:
    """The bare years above, within the notes' own stretch of years."""
    if not re.search(r"(?<!\d)[1-9]\d{2}(?!\d)", text):
        return []
    found = []
    for match in _BARE_EARLY_RE.finditer(text):
        first = int(match["a"])
        last = int(match["b"]) if match["b"] else None
        # In notes whose years are BC unless marked, a span counts down: "404–403".
        down = years.bc and last is not None and last < first
        if (
            not years.first <= first < MIN_YEAR
            or (last is not None and not down and not first < last <= years.last)
            or not _NAME_YEAR_END_RE.match(text, match.end())
            or overlaps(match.start(), match.end(), mentions)
            or _COUNTING_BEFORE_RE.search(text, max(0, match.start() - 20), match.start())
            or _CODE_BEFORE_RE.search(text, 0, match.start())
            or _NAMING_BEFORE_RE.search(text[max(0, match.start() - 80) : match.start()])
        ):
            continue
        if last is None:
            found.append(Mention(*match.span(), str(first), When(first)))
        elif down:
            label = f"{first}–{last} BC"
            span = When(-first), When(-last)
            found.append(Mention(*match.span(), label, *span, "span", era=True))
        else:
            label = f"{first}–{last}"
            found.append(Mention(*match.span(), label, When(first), When(last), "span"))
    return found


# A lead-in that gives the date the items after it leave out: "All dates Oct 1962
# unless stated:", "Dates in 1848 unless noted:", "October 1962:". Only a date and
# these words: a lead-in that says more ("The Act of 1934 brought in:") frames nothing.
_FRAME_WORDS = word_set(
    """
    all dates date are is in of unless otherwise stated noted given shown marked
    specified indicated the below following events times during on from here these
    those items and a an day days month months year years roman numerals numeral
    figures written as with
    """
)


# A heading that is a date and no more, or a season of it: "Jul–Oct 1956", "The
# Summer of 1816", "1848", "October 1962". Its items' days and months that leave
# the year out are in it (a heading that says more, "Britain after 1945", frames
# nothing).
_HEADING_FRAME_WORDS = word_set(
    """
    the of in and during year months summer winter spring autumn fall events dates
    key timeline chronology week weeks day days one two three four first second third
    fourth last final
    """
)


def date_frame(lead_in: str | None) -> When | None:
    """The month or year a lead-in gives the items after it (see above), or None."""
    if not lead_in or not lead_in.rstrip().endswith(":"):
        return None
    mentions = find_mentions(lead_in)
    if len(mentions) != 1 or mentions[0].kind not in ("month", "year"):
        return None
    mention = mentions[0]
    rest = f"{lead_in[: mention.start]} {lead_in[mention.end :]}"
    words = re.findall(r"[^\W\d_]+", rest)
    if any(word.casefold() not in _FRAME_WORDS for word in words):
        return None
    return mention.when


_MAX_HEADING = 80


def heading_frame(heading: str | None) -> When | None:
    """The year (and month) a heading gives the items under it (see above), or None.
    A span of months within one year ("Jul–Oct 1956") gives its year."""
    # Only a short line can be a date and no more: a long parent item is not read
    # again for each of its sub-items.
    if not heading or len(heading) > _MAX_HEADING or heading.rstrip().endswith(":"):
        return None
    mentions = find_mentions(heading)
    if len(mentions) != 1:
        return None
    mention = mentions[0]
    when, last = mention.when, mention.end_when
    if last is not None:
        if last.year != when.year or when.precision != "month" or last.precision != "month":
            return None
        when = When(when.year)
    elif mention.kind not in ("month", "year"):
        return None
    rest = f"{heading[: mention.start]} {heading[mention.end :]}"
    words = re.findall(r"[^\W\d_]+", rest)
    if any(word.casefold() not in _HEADING_FRAME_WORDS for word in words):
        return None
    return when


_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


# A day the frame's month and year complete: "14th: ...", "Tue 16th: ...", "Sun. the
# 14th", "22nd,
# 7 p.m.: ...", "on the 24th"; at the start of an item or after "on"; and in
# note-speak a "the 24th" that ends its phrase ("talks w/ the envoy the 24th"; see
# _regnal_ordinal for "Louis the 14th").
_FRAMED_DAY_RE = re.compile(
    r"(?:^\W*|\b[Oo]n\s+(?:the\s+)?|(?P<bare>\bthe\s+)(?=[1-3]?\d(?:st|nd|rd|th)\s*(?:[:,;.)–—]|$)))"
    r"(?P<all>(?:(?P<weekday>Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+(?:the\s+)?)?"
    rf"(?P<day>[1-3]?\d){ORDINAL})(?!\w)"
)


def _regnal_ordinal(text: str, match: re.Match[str]) -> bool:
    """A bare "the 14th" right after a name is the name's number ("Louis the 14th"),
    unless the name is numbered already ("Richard II the 14th")."""
    if not match["bare"]:
        return False
    before = re.search(r"(\S+)\s*$", text[: match.start()])
    if before is None or not before.group(1)[:1].isupper():
        return False
    return not re.fullmatch(r"[IVXLC]+", before.group(1).strip(",;"))


# Under a frame: a day and a Roman month ("29.x: Op. Kadesh", "7.xi, 00:00 GMT", "6/vii"),
# a span of days in one month ("16–23 Aug: 1st London conf."), and under a year a
# month after "in" ("arrived in May", "In mid-June"; not "by May", a bound).
_FRAMED_ROMAN_RE = re.compile(
    rf"(?<![\w.,/])(?P<d>[1-3]?\d)(?P<sep>[./])(?P<m>{ROMAN_MONTH})(?!\w)(?![./]\d)"
)
_FRAMED_DAYS_RE = re.compile(
    rf"(?<![\w.,])(?P<d1>[1-3]?\d)\s*[-–—]\s*(?P<d2>[1-3]?\d)\s+(?P<m>{MONTH_PATTERN})\.?"
    rf"(?![\w'’]){NO_YEAR_AFTER}"
)
_FRAMED_MONTH_RE = re.compile(
    rf"\b(?:[Ii]n|[Dd]uring)\s+(?:(?P<q>early|mid|late)[\s-]+)?(?P<m>{MONTH_PATTERN})"
    r"(?![\w'’.])(?!,?\s*\d)"
)


# More dates than a bullet may have events (events.MAX_DATES) make it a list: no need
# to read further.
_MAX_FRAMED = 41


def framed_mentions(text: str, frame: When, mentions: list[Mention]) -> list[Mention]:
    """mentions with the dates the frame completes added: a day alone ("Tue 16th")
    when it gives a month, a day and month ("20 Nov") when it gives a year. A
    weekday that does not fit the day reads as no date. `text` is as dates.as_read
    gives it."""
    added: list[Mention] = []
    taken = sorted((m.start, m.end) for m in mentions)

    def free(start: int, end: int) -> bool:
        # Only the mention before the end may overlap: none overlap one another.
        index = bisect.bisect_left(taken, (end, -1))
        return not (index and taken[index - 1][1] > start) and len(added) <= _MAX_FRAMED

    def take(mention: Mention) -> None:
        added.append(mention)
        bisect.insort(taken, (mention.start, mention.end))

    if frame.month is not None:
        for match in _FRAMED_DAY_RE.finditer(text):
            if _regnal_ordinal(text, match):
                continue
            day = int(match["day"])
            start, end = match.span("all")
            if not free(start, end) or not valid_day(frame.year, frame.month, day):
                continue
            if match["weekday"] and frame.year > 1752:
                weekday = datetime.date(frame.year, frame.month, day).weekday()
                if weekday != _WEEKDAYS[match["weekday"].casefold()]:
                    continue
            when = When(frame.year, "day", frame.month, day)
            label = f"{day} {MONTH_NAMES[frame.month]} {_year_label(frame.year)}"
            take(Mention(start, end, label, when, kind="day"))
    for match in _FRAMED_ROMAN_RE.finditer(text):
        month = ROMAN_MONTHS.get(match["m"].lower())
        day = int(match["d"])
        if month is None or not free(*match.span()) or not valid_day(frame.year, month, day):
            continue
        if frame.month is not None and frame.month != month:
            continue
        when = When(frame.year, "day", month, day)
        label = f"{day} {MONTH_NAMES[month]} {_year_label(frame.year)}"
        take(Mention(*match.span(), label, when, kind="day"))
    for match in _FRAMED_DAYS_RE.finditer(text):
        month, first, last = month_number(match["m"]), int(match["d1"]), int(match["d2"])
        if not free(*match.span()) or first >= last:
            continue
        if not (valid_day(frame.year, month, first) and valid_day(frame.year, month, last)):
            continue
        year = _year_label(frame.year)
        take(
            Mention(
                *match.span(),
                f"{first}–{last} {MONTH_NAMES[month]} {year}",
                When(frame.year, "day", month, first),
                When(frame.year, "day", month, last),
                "span",
            )
        )
    if frame.month is None:
        for match in _FRAMED_MONTH_RE.finditer(text):
            start = match.start("q") if match["q"] else match.start("m")
            if not free(start, match.end()):
                continue
            month = month_number(match["m"])
            qualifier = f"{match['q']}-" if match["q"] else ""
            label = f"{qualifier}{MONTH_NAMES[month]} {_year_label(frame.year)}"
            take(Mention(start, match.end(), label, When(frame.year, "month", month), kind="month"))
    for match in YEARLESS_RE.finditer(text):
        if match["m3"] or not free(*match.span()):
            continue
        month = month_number(match["m"] or match["m2"])
        day = int(match["d"] or match["d2"])
        if not valid_day(frame.year, month, day):
            continue
        when = When(frame.year, "day", month, day)
        label = f"{day} {MONTH_NAMES[month]} {_year_label(frame.year)}"
        take(Mention(*match.span(), label, when, kind="day"))
    return sorted([*mentions, *added], key=lambda m: m.start)


def _year_label(year: int) -> str:
    return f"{-year} BC" if year < 0 else str(year)


# A weekday in front of a day: "Monday, October 15", "On Tuesday, September 4", "Sun.
# the 14th".
_WEEKDAY_RE = re.compile(r"\b(?P<weekday>Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+(?:the\s+)?")


# A day alone set off as a date: "14th:", "on the 25th,"; and what a day with its
# month has that a day alone has not.
_DAY_ALONE_END_RE = re.compile(r"\s*(?:[:,;)–—]|$)")
_HAS_MONTH_RE = re.compile(rf"{MONTH_PATTERN}|[./]{ROMAN_MONTH}(?!\w)")


# A year of two digits is put in the century that brings it nearest the items
# around it; within this many years of them no other century could be meant.
_NEAR_CENTURY = 30


def near_century(mention: Mention, year: int | None, years: tuple[int, int]) -> Mention:
    """The two-digit year's mention in the century nearest `year` (see above), when
    that is within the notes' `years`; with no `year`, in the one century that puts
    it within them, if only one does."""
    written = mention.when.year % 100
    given = year is not None
    if year is None:
        fits = [
            century + written
            for century in range(years[0] - years[0] % 100, years[1] + 1, 100)
            if years[0] <= century + written <= years[1]
        ]
        if len(fits) != 1:
            return mention
        year = fits[0]
    base = year - year % 100 + written
    nearest = min((base - 100, base, base + 100), key=lambda candidate: abs(candidate - year))
    if abs(nearest - year) > _NEAR_CENTURY or not years[0] <= nearest <= years[1]:
        # Far from the items around it ("23/1/13" after "the 1975 vote"): the one
        # century the notes' years allow, if any.
        return near_century(mention, None, years) if given else mention
    return shifted_century(mention, nearest - mention.when.year)


def nearby_mentions(
    text: str, nearby: When, mentions: list[Mention], years: NotesYears | None = None
) -> list[Mention]:
    """mentions with what `nearby`, the date the items before this one reached,
    completes: the century of a year of two digits ("Mar. '04") when that puts it
    within the notes' `years` (notes_years: "'54" after "1875" is no 1854 in notes
    that begin in 1858); in an item with no full date of its own, the year of a day
    written without one ("on 8 September", "6/vii", "Monday, October 22", "20–21
    October") and the month and year of a day alone ("Thursday 25th"). In an item
    with one, a day alone after it takes its month ("June 1381 ... on the 15th").

    A day is sure when it follows on from the date (with its month) it is
    completed from, or its weekday fits; otherwise it has Mention.year_doubt, and a
    weekday that does not fit makes it no date. A day in an aside is left alone,
    and so are months ("in May") and ordinals not set off as a date ("1st
    assault"): only a day is precise enough to place. `text` is as dates.as_read gives it."""
    if nearby.precision not in ("year", "month", "day") or nearby.year < MIN_YEAR:
        return mentions
    if years is not None:
        mentions = [near_century(m, nearby.year, years) if m.century_doubt else m for m in mentions]
    own = [
        m
        for m in mentions
        if m.kind in ("day", "month", "year", "span")
        and m.when.precision in ("day", "month", "year")
        and m.when.year >= MIN_YEAR
        and not m.century_doubt
    ]
    known = {id(m) for m in mentions}
    candidates: list[tuple[Mention, When]] = []
    if own:
        # The item's own dates are nearer than the items before: a day alone after
        # one takes its month ("the rising of June 1381 ... on the 15th").
        # Only the dates a day alone follows are read again, so a long list of dates
        # is not read once for each.
        starts = [m.start for m in own]
        followed = {
            bisect.bisect_right(starts, match.start("all")) - 1
            for match in _FRAMED_DAY_RE.finditer(text)
        }
        for index, date in enumerate(own):
            if index not in followed or date.end_when is not None or date.when.month is None:
                continue
            until = own[index + 1].start if index + 1 < len(own) else len(text)
            for mention in framed_mentions(text, date.when, mentions):
                if (
                    id(mention) not in known
                    and date.end <= mention.start < until
                    and not _HAS_MONTH_RE.search(text, mention.start, mention.end)
                ):
                    candidates.append((mention, date.when))
        # A day before the item's first own date is read as the items before left
        # off: "sighted off the Lizard 19 Jul; ... a story first told in 1624".
        head = [m for m in mentions if m.end <= own[0].start]
        found = framed_mentions(text[: own[0].start], When(nearby.year), head)
        candidates += [(m, nearby) for m in found if id(m) not in known and m.kind == "day"]
    else:
        found = framed_mentions(text, When(nearby.year), mentions)
        if nearby.month is not None:
            found = framed_mentions(text, When(nearby.year, "month", nearby.month), found)
        candidates = [(m, nearby) for m in found if id(m) not in known]
    added: list[Mention] = []
    for mention, reached in candidates:
        if mention.kind not in ("day", "span"):
            continue
        if (
            not _HAS_MONTH_RE.search(text, mention.start, mention.end)
            and not _WEEKDAY_RE.match(text, mention.start)
            and not _DAY_ALONE_END_RE.match(text, mention.end)
        ):
            continue  # "1st assault fails": an ordinal, unless set off as a date is
        opened = text[max(0, mention.start - WINDOW) : mention.start]
        if opened.rfind("(") > opened.rfind(")"):
            continue
        weekday = _WEEKDAY_RE.search(text, max(0, mention.start - 20), mention.end)
        if weekday and weekday.end() != mention.start and not mention.start <= weekday.start():
            weekday = None
        when = mention.when
        if weekday and when.year > 1752:
            fits = datetime.date(when.year, when.month, when.day).weekday()
            if fits != _WEEKDAYS[weekday["weekday"].casefold()]:
                continue
        elif when.sort_key < reached.sort_key or reached.month is None:
            # Before the items' date, or after one that was only a year: notes going
            # by the year may have moved on to another ("1066", then "on 6 June").
            mention.year_doubt = True
        added.append(mention)
    return sorted([*mentions, *added], key=lambda m: m.start)
