"""Dates in English prose: every date a text mentions (a day, month, year, decade,
century, deep time or span, of any era: "753 BC", "AD 79", "the 4th century BC",
"27 BC – AD 14", "the late 1770s", "about 66 million years ago"), and numbers that
only look like years left out. Dates are lectures.notes.prose.eras's `When` values.
What the rest of a lecture's notes tell about one text's dates is notes_wide's.

Reading takes time in proportion to the text's length, however many dates it
holds: whether a number is a year, and the qualifier or "c." in front of a date,
are decided from at most WINDOW characters either side of it (issue 17: a bullet
of 4,000 years once took over 30 s to read).
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass, replace

from dateutil import easter

from .eras import When, astronomical, century_year, ordinal
from .slashed import Reading, old_style_days, slashed_spans

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}


MONTH_NAMES = {number: name.capitalize() for name, number in _MONTHS.items()}


_MONTH_ABBREVIATIONS = {"sept": 9, **{name[:3]: number for name, number in _MONTHS.items()}}


# Capitalised only, so the verb "may" or "march" in a sentence is not a month; or an
# abbreviation in capitals, as army-style dates write it ("25 JUN 50", round 15).
MONTH_PATTERN = "|".join(
    [
        name.capitalize()
        for name in sorted({*_MONTHS, *_MONTH_ABBREVIATIONS}, key=lambda name: (-len(name), name))
    ]
    + sorted((name.upper() for name in _MONTH_ABBREVIATIONS), key=lambda name: -len(name))
)


_YEAR = r"\d{4}"


ORDINAL = r"(?:st|nd|rd|th)"


_NOT_IN_NUMBER_BEFORE = r"(?<![\d$€£¥])(?<!\d[.,])"


_NOT_IN_NUMBER_AFTER = r"(?![.,]\d)(?!\s*%)"


# Eras: "753 BC", "221 BCE", "B.C.", "AD 79", "79 CE", "14 AD". A year with an era
# may have one to five digits ("10,000 BC"); one without needs four (MIN_YEAR..).
# "cal BC" is a calibrated radiocarbon date, a year BC like any other.
_BC = r"(?:cal\.?\s?)?(?:B\.C\.(?:E\.)?|BCE|BC)(?!\w)"
_AD_AFTER = r"(?:A\.D\.|C\.E\.|AD|CE)(?!\w)"
_AD_BEFORE = r"(?:A\.D\.|AD)\s?"
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d{1,5})"
_Y = rf"(?:{_AD_BEFORE}{_NUM}|{_NUM}\s?(?:{_BC}|{_AD_AFTER})|{_YEAR})"


# Note-speak's year of two digits after a month: "Jun '61", "3–4 Jun '61", "Apr
# '63". Its century is a guess (Mention.century_doubt) unless the text names a
# year of four digits to take it from.
# An army-style date's year of two digits needs no apostrophe: "25 JUN 50".
_YA = rf"(?:{_Y}|['’]\d\d|(?<=[A-Z]{{3}}\s)\d\d(?![\d.,]))"
_TWO_DIGIT_PIVOT = 30  # '29 is 2029, '30 is 1930


# A year written with its era, which a comma after its month does not make a count:
# "March, 44 BC" (but "In March, 1500 soldiers" counts soldiers).
_ERA_YEAR = rf"(?:{_AD_BEFORE}{_NUM}|{_NUM}\s?(?:{_BC}|{_AD_AFTER}))"
_CLOSED = r"(?:\s*[,.;:)]|\s*$)"


# "The Ides of March, 44 BC" names a day the notes leave the reader to know: it
# is read as its year only, not as a month.
_ROMAN_DAY = r"(?<!Ides\sof\s)(?<!Kalends\sof\s)(?<!Nones\sof\s)"


# How far either side of a date its context is read and judged: enough for the words
# that govern it (a qualifier and "c.", a short list of numbers, a debate's or a
# frame's words), and bounded so a bullet of thousands of dates is read in linear
# time (issue 17).
WINDOW = 200


# Radiocarbon ages count back from 1950 as deep time does: "c. 14,000 cal BP", "11,700
# BP", "9,500 yr BP" (the present of When is 1950 too).
# Deep time as geologists abbreviate it: "c. 49 Ma" (mega-annum, a million years
# before present), "47 mya", "2.5 Ga", "12 ka", "11.7 kya". Case matters: "MA" and
# "ma" are other things. A duration ("5 Ma later", "lasted 2 Myr") is no date.
_ANNUM_SCALES = {
    "ka": 1_000,
    "kya": 1_000,
    "Ma": 1_000_000,
    "mya": 1_000_000,
    "Mya": 1_000_000,
    "MYA": 1_000_000,
    "Ga": 1_000_000_000,
    "Gya": 1_000_000_000,
    "bya": 1_000_000_000,
}
_ANNUM_UNITS = "|".join(sorted(_ANNUM_SCALES, key=lambda unit: (-len(unit), unit)))
_DURATION_AFTER = r"later|earlier|long|after|before|of|apart|in\s+length"
_DURATION_BEFORE_RE = re.compile(
    r"(?i)\b(?:lasted|lasting|lasts|took|takes|taking|for|over|within|spann?(?:ed|ing|s)?|"
    r"duration\s+of|span\s+of|period\s+of)\s+(?:about\s+|some\s+|c\.\s*|only\s+)?$"
)


# Months in Roman numerals, as some teachers and most of Europe write them in
# figures: "17.xi.1869", "29.X.1956", "5.vi.75" (a two-digit year's century a
# guess, as "Jun '75"). One case throughout, so "3.iV" is no month.
ROMAN_MONTHS = {
    numeral: number
    for number, numeral in enumerate(
        ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"), start=1
    )
}
ROMAN_MONTH = r"(?:[ivx]{1,4}|[IVX]{1,4})"


# A day spelled out, as a writer of prose gives it: "the thirteenth of January, 1898".
_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_WORD_DAYS = {word: number for number, word in enumerate(_UNITS + _TEENS, start=1)}
_WORD_DAYS.update({"twentieth": 20, "thirtieth": 30, "thirty-first": 31})
_WORD_DAYS.update({f"twenty-{word}": 21 + index for index, word in enumerate(_UNITS)})
_WORD_DAY = "|".join(sorted(_WORD_DAYS, key=len, reverse=True))


# One alternation scanned left to right: at each position the more specific
# forms are tried first, so "12 December 2024" is one event, not three.
EVENT_RE = re.compile(
    rf"""
    (?=[0-9A-Zefnst])  # a digit, a capital or a spelled day: skip the rest fast
    {_NOT_IN_NUMBER_BEFORE}\b
    (?:
        (?P<word_d>(?i:{_WORD_DAY}))\s+of\s+(?P<word_m>{MONTH_PATTERN})\.?,?\s+
        (?P<word_y>{_Y})
      |
        (?P<iso_y>{_YEAR})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)
        # A timestamp's time of day: "2022-11-30T18:00Z" (round 16, set 20).
        (?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?
      | (?:(?P<rom_d0>\d{{1,2}})[-–—])?(?P<rom_d>\d{{1,2}})(?P<rom_sep>[./-])
        (?P<rom_m>{ROMAN_MONTH})(?P=rom_sep)(?P<rom_y>{_YEAR}|\d\d)
      | (?P<num_a>\d{{1,2}})(?P<num_sep>[/.])(?P<num_b>\d{{1,2}})(?P=num_sep)(?P<num_y>{_YEAR}|\d\d)
      | (?P<dmy_d>\d{{1,2}})(?:{ORDINAL}\s+of|{ORDINAL}?)\s+(?P<dmy_m>{MONTH_PATTERN})\.?,?\s+
        (?P<dmy_y>{_YA})
      | (?P<mdr_m>{MONTH_PATTERN})\.?\s+(?P<mdr_a>\d{{1,2}}){ORDINAL}?\s*[-–—]\s*
        (?P<mdr_b>\d{{1,2}}){ORDINAL}?,?\s+(?P<mdr_y>{_YA})
      | (?P<mdy_m>{MONTH_PATTERN})\.?\s+(?P<mdy_d>\d{{1,2}}){ORDINAL}?,?\s+(?P<mdy_y>{_YA})
      | {_ROMAN_DAY}(?P<my_m>{MONTH_PATTERN})\.?
        (?:\s+of\s+|\s+|,\s+(?={_ERA_YEAR}|{_YEAR}{_CLOSED}))
        (?P<my_y>{_YA})
      | (?P<range_a>{_YEAR})(?:\s*[-–—]\s*|\s+to\s+)(?P<range_b>{_YEAR})
      | (?P<deep>\d{{1,3}}(?:\.\d+)?)\s*(?P<deep_unit>thousand|million|billion)\s+
        (?:years?|yrs?\.?)\s+(?:ago|before\s+present)
      | (?P<deep_n>{_NUM})\s+(?:years?|yrs?\.?)\s+(?:ago|before\s+present)
      # "c. 163 Myr ago": millions of years, as a date (a bare "20 Myr" is a length).
      | (?P<myr>\d{{1,4}}(?:\.\d+)?)\s?Myr\s+ago
      | (?P<bp>{_NUM})\s?(?P<bp_mark>(?:(?:un)?cal(?:ibrated)?\.?\s?)?(?:yrs?\.?\s?|years\s)?)
        (?:BP|B\.P\.)
      # Many spaces only where an error bar was blanked: "251.902 ± 0.024 Ma".
      | (?P<ma>\d{{1,4}}(?:\.\d+)?)(?:\s?|\s{{6,}})(?P<ma_unit>{_ANNUM_UNITS})
        (?!\s+(?:{_DURATION_AFTER})\b)
      | (?:(?P<century_a>\d{{1,2}}){ORDINAL}\s*[-–—]\s*)?
        (?P<century>\d{{1,2}}){ORDINAL}[\s-]+(?:(?i:century)|c\.(?=\s|$|[,;:)]))
        (?:\s+(?P<c_era>{_BC}|{_AD_AFTER}))?
      | (?P<decade>\d{{1,3}}0)['’]?s(?:\s+(?P<d_era>{_BC}))?
      | (?P<year>{_Y})
    )
    (?!\w){_NOT_IN_NUMBER_AFTER}
    """,
    re.VERBOSE,
)


MIN_YEAR, _MAX_YEAR = 1000, 2199


# Beyond this many years BC a date is deep time.
_MAX_BC = 99_999


# "500 years ago" counts back from when the notes were written; from here on it
# is deep time, the same whenever they were.
_MIN_DEEP = 1000


ANY_DIGIT = re.compile(r"\d")


_YEAR_PARTS_RE = re.compile(rf"(?P<pre>A\.D\.|AD)?\s?(?P<n>{_NUM})\s?(?P<post>{_BC}|{_AD_AFTER})?")


def month_number(name: str) -> int:
    name = name.lower()
    return _MONTHS.get(name) or _MONTH_ABBREVIATIONS[name]


def _year_parts(text: str) -> tuple[int, str]:
    """(number, era) of a year as written: era "bc", "ad" (written) or "" (none)."""
    if text[:1] in "'’":
        number = int(text[1:])
        return number + (2000 if number < _TWO_DIGIT_PIVOT else 1900), ""
    parts = _YEAR_PARTS_RE.fullmatch(text)
    number = int(parts["n"].replace(",", ""))
    if parts["post"] and "B" in parts["post"]:
        return number, "bc"
    return number, "ad" if parts["pre"] or parts["post"] else ""


def _signed(number: int, era: str) -> int | None:
    """The historical year (BC negative) of a number in an era, or None if it is none."""
    if era == "bc":
        return -number if 1 <= number <= _MAX_BC else None
    if era == "ad":
        return number if 1 <= number <= _MAX_YEAR else None
    return number if MIN_YEAR <= number <= _MAX_YEAR else None


def _written(text: str) -> str:
    return " ".join(text.split())


def _month_year(text: str) -> str:
    """A year written after a month, spaces made single; an army-style "50" ("25 JUN
    50") as note-speak's "'50", whose century the notes settle."""
    text = _written(text)
    return f"'{text}" if re.fullmatch(r"\d\d", text) else text


def valid_day(year: int, month: int, day: int) -> bool:
    if year < 1:
        # No calendar to check a BC day against: any day a month can have.
        return 1 <= month <= 12 and 1 <= day <= 31
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


@dataclass
class Mention:
    """One date mentioned in a text: a day, month, year, decade, century, deep time or span."""

    start: int
    end: int
    label: str
    when: When
    end_when: When | None = None
    kind: str = "year"  # "year", "month", "day", "decade", "century", "deep" or "span"
    # Written with its era ("753 BC", "AD 79"): no label's or quantity's number.
    era: bool = False
    # A year of our era under 1000 written with no era ("sacked in 455"): read only
    # where nothing else fits, and an event only when its clause says so (events).
    small: bool = False
    # One of two dates the notes give for one thing ("in 587 or 586 BC", "508/507
    # BC") or the end of a range of estimates ("between 6 and 8 million years ago"):
    # no sure date of an event (events).
    alternative: bool = False
    # "In 2010 BC Hydro finished the dam": a modern year and "BC" before a name may
    # be British Columbia's (events leaves it to an instructor).
    era_doubt: bool = False
    # "03/04/1984": the third of April or March the fourth (events leaves it to an
    # instructor, unless the notes' other dates show their order: in_notes_order).
    order_doubt: bool = False
    # With order_doubt, the date read month first (the mention reads day first).
    month_first: Reading | None = None
    # "Jun '61": a year of two digits, whose century is a guess.
    century_doubt: bool = False
    # "On 4 September" whose year is the one the items before it reached, though it
    # does not follow on from them or they gave only a year (see nearby_mentions).
    year_doubt: bool = False


def _dated(match: re.Match[str], group: str, label: str, when: When, kind: str) -> Mention:
    return Mention(
        match.start(), match.end(), label, when, None, kind, bool(_year_era(match, group))
    )


def _year_era(match: re.Match[str], group: str) -> str:
    return _year_parts(match.group(group))[1] if group else ""


def _calendar(
    match: re.Match[str], y_group: str, month: int | None, day: int | None
) -> list[Mention]:
    """A day, month or year mention; an impossible day ("31 February 2024") still
    tells its month."""
    found = _calendar_mention(match, y_group, month, day)
    if found and (match.group(y_group)[:1] in "'’" or len(match.group(y_group)) == 2):
        found[0].century_doubt = True
    return found


def _calendar_mention(
    match: re.Match[str], y_group: str, month: int | None, day: int | None
) -> list[Mention]:
    written = _month_year(match.group(y_group))
    number, era = _year_parts(written)
    year = _signed(number, era)
    if year is None:
        return []
    if day is not None and not valid_day(year, month, day):
        day = None
    if month is not None and not 1 <= month <= 12:
        month = day = None
    if day is not None:
        label = f"{day} {MONTH_NAMES[month]} {written}"
        return [_dated(match, y_group, label, When(year, "day", month, day), "day")]
    if month is not None:
        label = f"{MONTH_NAMES[month]} {written}"
        return [_dated(match, y_group, label, When(year, "month", month), "month")]
    return [_dated(match, y_group, written, When(year), "year")]


def _numeric(match: re.Match[str]) -> list[Mention]:
    """A date in figures: "24.01.1984" (day first), "01/24/1984" (month first, as
    the day cannot be 24th month), "24/01/1984" (day first); "03/04/1984" could be
    either, and is read day first with Mention.order_doubt set. A year of two digits
    ("10/24/62") only with slashes ("1.2.10" may be a version), its century a guess."""
    first, second = int(match["num_a"]), int(match["num_b"])
    short = len(match["num_y"]) == 2
    if short and match["num_sep"] != "/":
        return []
    doubt = False
    if match["num_sep"] == "/" and first <= 12 and second > 12:
        month, day = first, second
    else:
        day, month = first, second
        doubt = match["num_sep"] == "/" and first <= 12 and first != second
    if short:
        year, _era = _year_parts(f"'{match['num_y']}")
        if not 1 <= month <= 12 or not valid_day(year, month, day):
            return []
        label = f"{day} {MONTH_NAMES[month]} '{match['num_y']}"
        when = When(year, "day", month, day)
        return [
            Mention(*match.span(), label, when, kind="day", order_doubt=doubt, century_doubt=True)
        ]
    found = _calendar(match, "num_y", month, day)
    if not found or found[0].when.day is None:
        return []
    found[0].order_doubt = doubt
    if doubt:
        swapped = _calendar(match, "num_y", day, month)
        if swapped and swapped[0].when.day is not None:
            found[0].month_first = Reading(swapped[0].label, swapped[0].when)
    return found


def _month_days(match: re.Match[str]) -> list[Mention]:
    """ "Aug 26–27, 1883": days of one month, written month first."""
    month = month_number(match["mdr_m"])
    first = _calendar(match, "mdr_y", month, int(match["mdr_a"]))
    last = _calendar(match, "mdr_y", month, int(match["mdr_b"]))
    if not first or not last or first[0].when.day is None or last[0].when.day is None:
        return []
    start, end = first[0].when, last[0].when
    if start.sort_key >= end.sort_key:
        return []
    label = f"{start.day}–{last[0].label}"
    return [Mention(*match.span(), label, start, end, "span", first[0].era)]


def _roman(match: re.Match[str]) -> list[Mention]:
    """A day, a month in Roman numerals and a year: "17.xi.1869", "5.vi.75",
    "2/x/1187" (slashes, as note-takers write it), a span of days "19–21/viii/1203"."""
    month = ROMAN_MONTHS.get(match["rom_m"].lower())
    if month is None:
        return []
    written = match["rom_y"]
    doubt = len(written) == 2
    if doubt:
        written = f"'{written}"
    number, _era = _year_parts(written)
    day = int(match["rom_d"])
    if not MIN_YEAR <= number <= _MAX_YEAR or not valid_day(number, month, day):
        return []
    label = f"{day} {MONTH_NAMES[month]} {written}"
    found = Mention(match.start(), match.end(), label, When(number, "day", month, day), kind="day")
    if match["rom_d0"]:
        # "19–21/viii/1203": days of one month, the first sharing the rest.
        first = int(match["rom_d0"])
        if not first < day:
            return []
        found.label = f"{first}–{label}"
        found.when, found.end_when = When(number, "day", month, first), found.when
        found.kind = "span"
    found.century_doubt = doubt
    return [found]


def _deep(match: re.Match[str]) -> list[Mention]:
    group = match.group
    if group("deep"):
        scale = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
        years = round(float(group("deep")) * scale[group("deep_unit")])
    elif group("myr"):
        years = round(float(group("myr")) * 1_000_000)
    elif group("ma"):
        if _DURATION_BEFORE_RE.search(match.string, max(0, match.start() - 30), match.start()):
            return []
        years = round(float(group("ma")) * _ANNUM_SCALES[group("ma_unit")])
    elif group("bp"):
        written = group("bp")
        years = int(written.replace(",", ""))
        if not group("bp_mark").strip() and written.isdigit() and MIN_YEAR <= years <= _MAX_YEAR:
            # "In 1998 BP merged with Amoco": a year and a company. Radiocarbon ages in
            # that range say "cal BP" or "yr BP", or write their thousands with a comma.
            return [Mention(match.start(), match.start() + len(written), written, When(years))]
    else:
        years = int(group("deep_n").replace(",", ""))
    if years < _MIN_DEEP:
        return []
    return [
        Mention(
            match.start(), match.end(), _written(match.group()), When(years, "deep"), kind="deep"
        )
    ]


def match_dates(match: re.Match[str]) -> list[Mention]:
    """The dates one EVENT_RE match stands for: none, one, or two years ("2023-2019")."""
    group = match.group
    if group("iso_y"):
        return _calendar(match, "iso_y", int(group("iso_m")), int(group("iso_d")))
    if group("rom_y"):
        return _roman(match)
    if group("num_y"):
        return _numeric(match)
    if group("dmy_y"):
        return _calendar(match, "dmy_y", month_number(group("dmy_m")), int(group("dmy_d")))
    if group("word_y"):
        day = _WORD_DAYS[group("word_d").casefold()]
        return _calendar(match, "word_y", month_number(group("word_m")), day)
    if group("mdr_y"):
        return _month_days(match)
    if group("mdy_y"):
        return _calendar(match, "mdy_y", month_number(group("mdy_m")), int(group("mdy_d")))
    if group("my_y"):
        return _calendar(match, "my_y", month_number(group("my_m")), None)
    if group("range_a"):
        first, last = int(group("range_a")), int(group("range_b"))
        if MIN_YEAR <= first < last <= _MAX_YEAR:
            return [
                Mention(
                    match.start(),
                    match.end(),
                    f"{first}–{last}",
                    When(first),
                    When(last),
                    "span",
                )
            ]
        # "2023-2019" is no span: two years, each where it is written.
        return [
            Mention(*match.span(name), str(year), When(year))
            for name in ("range_a", "range_b")
            if MIN_YEAR <= (year := int(group(name))) <= _MAX_YEAR
        ]
    if group("deep") or group("deep_n") or group("myr") or group("ma") or group("bp"):
        return _deep(match)
    if group("century"):
        number = int(group("century"))
        era = group("c_era")
        bc = bool(era) and "B" in era
        if not 1 <= number <= (_MAX_BC // 100 if bc else 22):
            return []
        label = f"{ordinal(number)} century" + (f" {era}" if era else "")
        when = When(century_year(number, bc), "century")
        if group("century_a"):
            # "4th–3rd century BCE", "6th–7th c. AD": a span of centuries.
            first = int(group("century_a"))
            start = When(century_year(first, bc), "century")
            if first < 1 or start.sort_key >= when.sort_key:
                return []
            label = f"{ordinal(first)}–{label}"
            return [Mention(*match.span(), label, start, when, "span", era=bool(era))]
        return [Mention(match.start(), match.end(), label, when, kind="century", era=bool(era))]
    if group("decade"):
        number = int(group("decade"))
        if group("d_era"):
            if not 10 <= number <= _MAX_BC:
                return []
            label = f"{number}s {group('d_era')}"
            # The 220s BC run from 229 to 220 BC.
            return [
                Mention(*match.span(), label, When(-number - 9, "decade"), kind="decade", era=True)
            ]
        if not MIN_YEAR <= number <= _MAX_YEAR:
            return []
        # "The 1800s" is a century (the 19th), "the 1960s" a decade.
        precision = "century" if number % 100 == 0 else "decade"
        return [Mention(*match.span(), f"{number}s", When(number, precision), kind=precision)]
    return _calendar(match, "year", None, None)


# A span written with both ends: "1961–1989", "from May 1940 to June 1941", "between
# 1961 and 1989", "from 3 to 5 September 1860", "1852–53", "c. 494–287 BC", "27 BC –
# AD 14". The start may leave out what it shares with the end (its month, year or
# era); _span() checks that the two ends fit together.
_DAY = rf"\d{{1,2}}{ORDINAL}?"


_MONTH = rf"(?:{MONTH_PATTERN})\.?"


# "late" or "early" in front of a month: "from late March to May 1412" (a month has
# no qualifier of its own, so it only stops hiding the span).
_MONTH_QUALIFIER = r"(?:(?:early|mid|late)[\s-]+)"


# "c." after a dash: "(1780–c. 1872)", a lifespan whose end is approximate.
_CONNECTOR = (
    # "Fri 5 – Tue 9 Dec 1952": the end day's weekday after the dash (round 21, set 26).
    # "July – mid-Dec 1948", "mid-May – late June 1704" (round 25, set 29): a month's
    # qualifier after the dash.
    rf"(?:\s*[-–—]\s*(?:c\.\s*|ca\.\s*|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+(?=\d)|"
    rf"{_MONTH_QUALIFIER}(?={_MONTH}))?"
    # "from about 1200 to about 900 BC" (round 22, set 27): "about" at either end.
    rf"|\s+(?:to|and|until|till)\s+(?:c\.\s*|circa\s+|(?:about|around|roughly)\s+|{_MONTH_QUALIFIER})?"
    # "from December 19, 1777, to June 19, 1778": the year's comma before "to".
    rf"|,\s+(?:to|until|till)\s+)"
)


_SPAN_START = rf"""
    (?P<a_dmy>{_DAY}\s+{_MONTH},?\s+{_YA})
  | (?P<a_mdy>{_MONTH}\s+{_DAY},?\s+{_YA})
  | (?P<a_my>{_MONTH},?\s+{_YA})
  | (?P<a_y>{_Y})
  | (?P<a_n>{_NUM})(?={_CONNECTOR}{_NUM}\s?(?:{_BC}|{_AD_AFTER}))  # "494–287 BC", "9–23 CE"
  | (?P<a_dm>{_DAY}\s+{_MONTH})
  | (?P<a_md>{_MONTH}\s+{_DAY}(?!\d))  # "from September 5 to October 26, 1774"
  | (?P<a_m>{_MONTH})
  | (?P<a_d>{_DAY})
"""


_SPAN_END = rf"""
    (?P<b_dmy>{_DAY}\s+{_MONTH},?\s+{_YA})
  | (?P<b_mdy>{_MONTH}\s+{_DAY},?\s+{_YA})
  | (?P<b_my>{_MONTH},?\s+{_YA})
  | (?P<b_y>{_Y})
  | (?P<b_yy>\d\d)(?![-‐‑–—/:]?\d)
"""


_SPAN_RE = re.compile(
    rf"""
    (?:\b(?P<lead>[Ff]rom|[Bb]etween)\s+(?:c\.\s*|circa\s+|(?:around|about|roughly)\s+|{_MONTH_QUALIFIER})?)?
    (?:\b(?P<in>in)\s+{_MONTH_QUALIFIER}?(?=(?:{MONTH_PATTERN})\.?\s+and\s))?
    {_NOT_IN_NUMBER_BEFORE}\b(?P<a>{_SPAN_START})
    (?P<conn>{_CONNECTOR})
    (?P<b>{_SPAN_END})
    (?!\w){_NOT_IN_NUMBER_AFTER}
    """,
    re.VERBOSE,
)


_PIECE_RES = {
    "dmy": re.compile(rf"(?P<d>\d{{1,2}}){ORDINAL}?\s+(?P<m>{MONTH_PATTERN})\.?,?\s+(?P<y>.+)"),
    "mdy": re.compile(rf"(?P<m>{MONTH_PATTERN})\.?\s+(?P<d>\d{{1,2}}){ORDINAL}?,?\s+(?P<y>.+)"),
    "my": re.compile(rf"(?P<m>{MONTH_PATTERN})\.?,?\s+(?P<y>.+)"),
    "y": re.compile(r"(?P<y>.+)"),
    "n": re.compile(r"(?P<y>.+)"),
    "dm": re.compile(rf"(?P<d>\d{{1,2}}){ORDINAL}?\s+(?P<m>{MONTH_PATTERN})\.?"),
    "md": re.compile(rf"(?P<m>{MONTH_PATTERN})\.?\s+(?P<d>\d{{1,2}}){ORDINAL}?"),
    "m": re.compile(rf"(?P<m>{MONTH_PATTERN})\.?"),
    "d": re.compile(rf"(?P<d>\d{{1,2}}){ORDINAL}?"),
}


def _piece(match: re.Match[str], side: str) -> tuple[str, dict]:
    """(form, {"y": (number, era, as written), "m": .., "d": ..}) of one end of a span."""
    for form, regex in _PIECE_RES.items():
        name = f"{side}_{form}"
        text = match.group(name) if name in match.re.groupindex else None
        if text is not None:
            parts = regex.fullmatch(text)
            values: dict = {}
            for key in ("y", "m", "d"):
                if key in regex.groupindex:
                    raw = parts.group(key)
                    if key == "y":
                        written = _month_year(raw) if "m" in regex.groupindex else _written(raw)
                        values[key] = (*_year_parts(written), written)
                    else:
                        values[key] = month_number(raw) if key == "m" else int(raw)
            return form, values
    # Only the end can be a two-digit year ("1852–53").
    return "yy", {"yy": int(match.group("b_yy"))}


def _piece_label(values: dict) -> str:
    words = []
    if "d" in values:
        words.append(str(values["d"]))
    if "m" in values:
        words.append(MONTH_NAMES[values["m"]])
    if "y" in values:
        words.append(values["y"][2])
    return " ".join(words)


def _precision(values: dict) -> str:
    return "day" if "d" in values else "month" if "m" in values else "year"


def _span(match: re.Match[str]) -> Mention | None:
    """The span a _SPAN_RE match stands for, or None if its ends do not make one."""
    # The connecting word alone: "and c." is "and".
    connector = match.group("conn")
    lead, conn = match.group("lead"), (connector.split() or [connector])[0]
    if conn[:1] in "-–—":
        conn = conn[:1]  # "–c." is a dash
    a_form, a = _piece(match, "a")
    b_form, b = _piece(match, "b")
    if conn == "and" and not lead:
        # "in 1994 and 1999" names two years; "in late October and early November
        # 1605" one stretch of two months running on.
        running_on = a_form == "m" and b_form == "my" and b["m"] == a["m"] % 12 + 1
        if not (match.group("in") and running_on):
            return None
        lead = "in"
    if conn in ("until", "till") and not lead:
        return None  # "the war lasted 1939 until ..." reads as a bound
    if b_form == "yy":
        # "1852–53": only after a full year of our era and a dash.
        if a_form != "y" or a["y"][1] or conn not in ("-", "–", "—"):
            return None
        number = a["y"][0] - a["y"][0] % 100 + b["yy"]
        b = {"y": (number, "", str(number))}
    if a_form == "n" and b["y"][1] == "ad":
        a = {"y": (a["y"][0], "ad", a["y"][2])}  # "9–23 CE": the era applies to both ends
    if "y" not in a and not lead and conn in ("to", "and"):
        return None  # "3 to 5 September" needs "from" to read as a span
    # A start without a year (or month) takes it from the end; it must not skip
    # a unit: "5 to 1990" is no span, "3 to 5 September 1860" is.
    if "d" in a and "d" not in b:
        return None
    if "m" in a and "m" not in b and "d" not in a and "y" not in a:
        return None
    if "d" in a and "m" not in a and "m" not in b:
        return None
    shown = dict(a)
    b_number, b_era, _ = b["y"]
    if "y" in a:
        a_number, a_era, _ = a["y"]
        if not a_era and b_era == "bc":
            a_era = "bc"  # "c. 494–287 BC": the era applies to both ends
        elif a_era == "bc" and not b_era:
            b_era = "ad"  # "27 BC–14 AD" is written with its era; "27 BC–1453" has ours
    else:
        a_number, a_era = b_number, b_era
    first_year, last_year = _signed(a_number, a_era), _signed(b_number, b_era)
    if first_year is None or last_year is None:
        return None
    a_month = a.get("m", b.get("m") if "d" in a else None)
    first = When(
        first_year, _precision(shown) if "y" in shown else _precision(a), a_month, a.get("d")
    )
    # "1780–c. 1872": only the end is approximate.
    end_about = bool(re.search(r"\bc(?:a)?\.|\bcirca\b", connector))
    # "to about 900 BC": approximate, and, a word as "about 1482" is, not in the label.
    end_word = bool(re.search(r"\b(?:about|around|roughly)\b", connector))
    last = When(last_year, _precision(b), b.get("m"), b.get("d"), approximate=end_about or end_word)
    if first.day is not None and not valid_day(first.year, first.month, first.day):
        return None
    if last.day is not None and not valid_day(last.year, last.month, last.day):
        return None
    if first.sort_key >= last.sort_key:
        return None
    return Mention(
        match.start("a"),
        match.end("b"),
        f"{_piece_label(shown)}–{'c. ' if end_about else ''}{_piece_label(b)}",
        first,
        last,
        "span",
        era=bool(a_era or b_era),
        century_doubt=any(end["y"][2].startswith(("'", "’")) for end in (a, b) if "y" in end),
    )


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string, for long word lists."""
    return frozenset(words.split())


# A word in front that makes the number a name or a number in a series: "RFC 1945",
# "Apollo 18", "Kosmos 1408", "No. 1912", "page 1200", "Section 1983", "Model 1960".
_LABEL_WORDS = word_set(
    """
    rfc no nos nr number numbers page pages p pp para paragraph section sections article
    articles chapter chapters order model models type version ver release build flight
    route highway road room code codes port ports channel track opus op item serial record
    records catalogue catalog alarm alarms error errors form line platform gate unit
    exhibit figure fig table level bus file vol volume issue cosmos kosmos apollo soyuz
    """
)


# Capitalised words that may stand right before a year in prose: "In 1855", "By 1961",
# "Summer 1969". Any other capitalised word ("RFC", "Kosmos") labels the number.
_BEFORE_YEAR_WORDS = word_set(
    """
    in on at by of from to since until till through throughout during before after around
    about circa c ca and or but then early late mid spring summer autumn fall winter
    christmas easter midsummer ad ce ac bc bce anno the a an between when while as day eve
    """
)


_UNIT_WORDS = word_set(
    """
    km m cm mm nm µm kg g mg µg t kt mt l ml kl ha acre acres ft mi mph kmh rpm hz khz mhz
    ghz w kw mw gw v kv ma k kn mn j kj mj kwh mwh cal kcal db b kb mb gb tb bit bits
    byte bytes kbit mbit gbit px pt ppm ppb sq cu million millions billion billions thousand
    thousands hundred hundreds dozen percent per tonnes tonne tons ton lire lira francs
    dollars pounds euros marks yen roubles rubles yd yds yard yards hp bhp lb lbs oz gal
    psi rods furlongs fathoms cwt
    """
)


# A name that a trailing year dates rather than numbers: "the Factory Act 1833",
# "the Railway Regulation Act 1844", "the Royal Commission 1852", a prize or an
# occasion ("Nobel 1958", "World Cup 1966") (unlike "RFC 1945").
_NAMED_BY_YEAR = word_set(
    """
    act acts commission commissions treaty convention statute statutes ordinance charter
    declaration agreement accord conference congress council exhibition expedition census
    reform bill constitution settlement edict regulations inquiry enquiry synod
    nobel pulitzer booker oscar oscars prize award medal olympics games cup expo
    """
)


# A city a year names an occasion in ("the boycott of Moscow 1980", "At Paris 1924
# the ...", "London 2012 was the first Games"): the cities of Games, World Cups,
# World's Fairs and summits, where a year after the name dates the occasion (unlike
# "Kosmos 1408", which numbers a thing).
_OCCASION_CITIES = word_set(
    """
    athens paris london stockholm antwerp amsterdam chamonix berlin helsinki melbourne
    rome tokyo mexico munich montreal moscow sarajevo seoul barcelona atlanta sydney
    beijing rio sochi pyeongchang innsbruck grenoble sapporo calgary albertville
    lillehammer nagano salt turin vancouver oslo cortina squaw lake placid garmisch
    milan los angeles brisbane st. louis vienna chicago philadelphia seville lisbon
    hanover shanghai dubai osaka montevideo bern madrid qatar doha johannesburg
    copenhagen kyoto yalta potsdam tehran versailles geneva
    """
)


# A number in an equation or a sum: "1 mile = 1760 yd", "2 × 1000".
_ARITHMETIC_BEFORE_RE = re.compile(r"[=×÷+*<>≈]\s*$")
# After the number, a times or divide sign is arithmetic; "=" or "+" only with a
# number on its other side: note-speak writes "=" for "is" and "+" for "and"
# ("1361–62 = the second plague").
_ARITHMETIC_AFTER_RE = re.compile(r"\s*[×÷*]|\s*[=+<>≈]\s*[-−~≈$£€(.]?\d")


# Plural counted nouns that do not end in "s".
_IRREGULAR_PLURALS = word_set(
    "people men women children feet teeth mice sheep deer fish geese cattle staff"
)


# Words ending in "s" that are not counted nouns after a year: "in 1983 was", "1990 as".
_NOT_PLURALS = word_set(
    """
    was is has as its his this thus us yes across plus perhaps towards afterwards besides
    onwards forwards backwards upwards downwards
    whereas unless always sometimes versus less nevertheless does goes
    """
)


_STREET_WORDS = word_set(
    "avenue street road lane boulevard square place drive way strasse straße court"
)


_WORD_BEFORE_RE = re.compile(r"([A-Za-z][\w./'’-]*?)\.?\s*[#/]?\s*$")


_WORD_AFTER_RE = re.compile(r"\s*(?:-\s*)?([^\W\d_][\w'’³²/-]*|°\s*[CF]?|[%‰³²µ°])")


_NUMBER_LIST_BEFORE_RE = re.compile(r"\d[\d,.]*(?:\s+[a-z]+)?\s+(?:and|or|to|,)\s*$|\d[\d,.]*,\s*$")


_NUMBER_LIST_AFTER_RE = re.compile(r"(?:\s*(?:,|and|or|to)\s*\d[\d,.]*)+")


def _year_like(mention: Mention) -> bool:
    return mention.kind in ("year", "span") and not mention.era and mention.label[:4].isdigit()


# People counted by a capitalised name, "c. 530 Spaniards", "c. 590 POWs"; and a
# count given to a label, "U.S. advisers: c. 900".
_COUNTED_NAME_AFTER_RE = re.compile(r"\s+[A-Z][\w'’-]*[a-z]s\b|\s+[A-Z]{2,}s\b")
_COUNTED_LABEL_BEFORE_RE = re.compile(r"[a-z]s:\s*$")
# A count of the dead or taken: "c. 110 killed", "4,000 dead", "300 taken prisoner".
_CASUALTIES_AFTER_RE = re.compile(
    r"\s+(?:killed|dead|wounded|drowned|missing|captured|casualties|prisoners|"
    r"taken\s+prisoner|executed|survivors)(?=\s*(?:[,;.)]|$|and\b|or\b))"
)


def not_a_date(text: str, mention: Mention, names_label: bool = True) -> bool:
    """A bare number that only looks like a year: a label's number, a quantity, an address.
    With `names_label` False, a capitalised name right before it does not make it one
    (see lecture_named_years)."""
    if not _year_like(mention):
        return False
    before = text[max(0, mention.start - WINDOW) : mention.start]
    after = text[mention.end : mention.end + WINDOW]
    if _FESTIVAL_RE.search(before[-30:]):
        return False  # "Trinity Sunday 1376": a feast's year, not a name's number
    if re.search(r"(?:[/\w.]|[^\W\d]-)$", before) and not re.search(
        r"(?i)\b(?:pre|post|mid|c\.)-?$", before
    ):
        return True  # "HTTP/1945", "DDP-1516", "A.1945": glued to a name
    if _ARITHMETIC_BEFORE_RE.search(before) or _ARITHMETIC_AFTER_RE.match(after):
        return True
    if _CASUALTIES_AFTER_RE.match(after) and not re.search(
        r"(?i)\b(?:in|on|by|from|since|until|during|after|before)\s+$", before
    ):
        return True  # "of c. 670 men, c. 110 killed" (round 18, set 22)

    word = _WORD_BEFORE_RE.search(before[-40:])
    if word and word.end() == len(before[-40:]):
        name = word.group(1).rstrip(".").casefold()
        raw = word.group(1)
        gap = before[len(before) - (len(before[-40:]) - word.end(1)) :]
        if name in _LABEL_WORDS and not gap.strip(" .#"):
            return True
        if (
            names_label
            and mention.kind != "span"
            and raw[:1].isupper()
            and name not in _BEFORE_YEAR_WORDS
            and name not in _NAMED_BY_YEAR
            and name not in _OCCASION_CITIES
            and name not in _MONTHS
            and name not in _MONTH_ABBREVIATIONS
            and not raw.endswith(("'s", "’s", "s'", "s’"))
            and not gap.strip()
            # Note-speak's "joined FIFA 1905", "left NATO 1966": a body a verb names.
            and not _ACRONYM_AFTER_VERB_RE.search(before[-60:])
        ):
            return True  # "Kosmos 1408", "ISO 9001"
        if (
            mention.kind == "year"
            and raw[:1].isupper()
            and raw.endswith(("'s", "’s"))
            and not gap.strip()
            and _NAMED_NUMBER_AFTER_RE.match(after)
        ):
            return True  # "Intel's 1103, launched in 1970, was ...": a model, not a year
    listed_before = _NUMBER_LIST_BEFORE_RE.search(before)
    if listed_before and not _ANY_DATE_BEFORE_RE.search(before):
        previous = re.match(r"[\d,.]+", listed_before.group()).group().rstrip(",.")
        if not (len(previous) == 4 and MIN_YEAR <= int(previous) <= _MAX_YEAR):
            return True  # "5474 round and 1850 wrinkled"
    temporal = _TEMPORAL_BEFORE_RE.search(before)
    listed = _NUMBER_LIST_AFTER_RE.match(after)
    if listed and temporal and after.startswith(","):
        # "In the summer of 1858, 40 tons ...": a date, then a count, no list.
        listed = None
    rest = after[listed.end() :] if listed else after
    following = _WORD_AFTER_RE.match(rest)
    if following:
        word_after = following.group(1)
        key = word_after.casefold().rstrip("/")
        if word_after[:1] in "°%‰³²µ":
            return True
        if re.match(r"\s*-\S", rest) and key not in STATE_SUFFIXES:
            return True  # "2048-bit", "1500-word" (but "1866 - three defenders": a dash)
        # A unit per something ("km/h") is a unit; note-speak's "w/" alone is "with".
        if key.split("/")[0] in _UNIT_WORDS and not word_after.endswith("/"):
            return True
        if (
            word_after.islower()
            and not temporal
            and (
                key in _IRREGULAR_PLURALS
                or (key.endswith("s") and key not in _NOT_PLURALS and not key.endswith("ss"))
            )
        ):
            return True  # "1500 calories", "1200 pupils"
        street = re.match(r"\s*(?:[A-Z]\w*\s+){1,3}([A-Z]\w*)", rest)
        if street and street.group(1).casefold() in _STREET_WORDS:
            return True  # "1600 Pennsylvania Avenue"
    return False


_ACRONYM_AFTER_VERB_RE = re.compile(r"\b(?:[a-z]{2,}ed|left|won|lost|quit|became)\s+[A-Z]{2,6}\s*$")


# After a number a possessive name owns, what makes the number the thing itself (a
# model's number) rather than a year describing a noun ("Britain's 1914 army"):
# punctuation or a verb.
_NAMED_NUMBER_AFTER_RE = re.compile(
    r"\s*(?:[,;:()]|$)|\s+(?:was|were|is|are|had|has|became|remained|sold|ran|won|"
    r"[a-z]+ed)\b"
)


_TEMPORAL_BEFORE_RE = re.compile(
    r"(?i)\b(?:in|on|by|since|until|till|during|after|before|around|circa|c\.)\s*$"
    r"|\b(?:spring|summer|autumn|fall|winter|end|start|beginning|middle|close|half|year)"
    r"\s+of\s*$"
)


_ANY_DATE_BEFORE_RE = re.compile(rf"(?:{MONTH_PATTERN})\.?\s+\d{{1,2}},\s*$")


# A qualifier in front of a decade or century: "the mid-18th century", "late 1770s".
_QUALIFIER_RE = re.compile(r"(?i)\b(early|mid|middle|late)(\s*[-‐‑]\s*|\s+(?:in\s+the\s+)?)$")


# An approximate date: "c. 1503", "ca 1201", "circa 221 BCE", "around 1482", "about 66 million
# years ago". The abbreviations are part of the date's label; the words are not.
_APPROXIMATE_RE = re.compile(
    r"(?i)(?:\b(?P<mark>c\.|ca\.|(?-i:ca)(?=\s)|circa)"
    r"|\b(?:around|about|approximately|roughly|nearly))\s*$"
)


_SOME_RE = re.compile(r"(?i)\bsome\s+$")


def qualified(text: str, mention: Mention) -> Mention:
    """The mention with the qualifier and approximation written in front of it."""
    before = text[max(0, mention.start - WINDOW) : mention.start]
    if mention.kind in ("decade", "century"):
        qualifier = _QUALIFIER_RE.search(before)
        if qualifier:
            word = qualifier.group(1)
            key = "mid" if word.casefold() == "middle" else word.casefold()
            # "early in the 12th century BC" is its early 12th century.
            joint = "-" if "-" in qualifier.group(2) else " "
            mention.label = f"{word}{joint}{mention.label.removeprefix('the ')}"
            mention.when = replace(mention.when, qualifier=key)
            mention.start -= len(qualifier.group())
            before = before[: len(before) - len(qualifier.group())]
    approximate = _APPROXIMATE_RE.search(before) or (
        # "some 47 mya": of deep time, "some" says about (of a year it counts).
        mention.kind == "deep" and _SOME_RE.search(before)
    )
    if approximate:
        mention.when = replace(mention.when, approximate=True)
        if mention.end_when is not None:
            # "c. 494–287 BC": both ends are approximate.
            mention.end_when = replace(mention.end_when, approximate=True)
        if approximate.re is _APPROXIMATE_RE and approximate.group("mark"):
            mention.label = f"c. {mention.label}"
            mention.start -= len(approximate.group())
    return mention


# A measurement's error bar: "251.902 ± 0.024 Ma" dates the central value, and the
# error is no date (round 13, set 18).
_ERROR_BAR_RE = re.compile(r"\s±\s?\d[\d.,]*(?=\s)")


def as_read(text: str) -> str:
    """text as the readers of dates take it, offsets unchanged: each double date's
    New Style half blanked and a night's two days joined (slashed.old_style_days),
    each error bar blanked ("251.902 ± 0.024 Ma"). Every reader of a text's dates
    (find_mentions, notes_wide's framed and nearby days) reads this, not the text."""
    text = old_style_days(text)
    if "±" not in text:
        return text
    return _ERROR_BAR_RE.sub(lambda bar: " " * len(bar.group()), text)


def find_mentions(text: str) -> list[Mention]:
    """Every date mentioned in text, spans as one mention, numbers that are not dates left out."""
    if not ANY_DIGIT.search(text):
        # Every recognised form has a digit; most bullets have none, so skip the regexes.
        return []
    text = as_read(text)
    found: list[Mention] = []
    taken_until = 0
    spans = [span for match in _SPAN_RE.finditer(text) if (span := _span(match))]
    singles = [m for match in EVENT_RE.finditer(text) for m in match_dates(match)]
    # A single date inside a span is part of it. Both lists run in text order, so
    # one sweep finds the spans covering each date.
    span_reach = 0
    whole_spans = {id(span) for span in spans}
    for mention in sorted([*spans, *singles], key=lambda m: (m.start, -(m.end - m.start))):
        if id(mention) in whole_spans:
            covered = False
            span_reach = max(span_reach, mention.end)
        else:
            covered = mention.kind != "span" and mention.start < span_reach
        if mention.start < taken_until or covered:
            continue
        found.append(mention)
        taken_until = mention.end
    found = _split_years(text, _with_roman_spans(text, _with_slashed_spans(text, found)))
    dated = [qualified(text, mention) for mention in found if not not_a_date(text, mention)]
    dated = _shared_eras(text, _abbreviated_decades(text, dated))
    dated = _joined_periods(text, _small_years(text, dated))
    dated = _alternatives(text, _borrowed_years(text, _festivals(text, _glossed(text, dated))))
    dated = _rival_days(text, dated)
    return _accounting_years(text, _centuries(_short_years(text, _winters(text, dated))))


# Spain's and much of Europe's way with a month in Roman numerals, hyphened: a month
# "IV-1938", and spans of months or days "XII-1937 – II-1938", "25-VII – 16-XI-1938"
# (a day "14-IV-1931" and "5–19-X-1934" are EVENT_RE's). Capitals only: "i-1938"
# is no month.
_ROMAN_SPAN_RE = re.compile(
    r"(?<![\w./-])(?:(?P<d1>[1-3]?\d)-)?(?P<m1>[IVX]{1,4})(?:-(?P<y1>\d{4}))?\s*[–—-]\s*"
    r"(?:(?P<d2>[1-3]?\d)-)?(?P<m2>[IVX]{1,4})-(?P<y2>\d{4})(?![\w/-])"
)
# A name's numeral, not a month: "Henry VIII-1509".
_NAME_NUMERAL_BEFORE_RE = re.compile(r"\b[A-Z][a-z]+\s$")
_ROMAN_MONTH_RE = re.compile(r"(?<![\w./-])(?P<m>[IVX]{1,4})-(?P<y>\d{4})(?![\w/-])")


def _roman_end(day: str | None, numeral: str, year: int) -> When | None:
    month = ROMAN_MONTHS.get(numeral.lower())
    if month is None or not MIN_YEAR <= year <= _MAX_YEAR:
        return None
    if day is None:
        return When(year, "month", month)
    return When(year, "day", month, int(day)) if valid_day(year, month, int(day)) else None


def _roman_label(when: When) -> str:
    month = f"{MONTH_NAMES[when.month]} {when.year}"
    return f"{when.day} {month}" if when.day else month


def _with_roman_spans(text: str, found: list[Mention]) -> list[Mention]:
    """found with the hyphened Roman months and spans above in place of what they cover."""
    if not re.search(r"[IVX]-\d{4}", text):
        return found
    added: list[Mention] = []
    for match in _ROMAN_SPAN_RE.finditer(text):
        if bool(match["d1"]) != bool(match["d2"]):
            continue
        last = _roman_end(match["d2"], match["m2"], int(match["y2"]))
        first = _roman_end(match["d1"], match["m1"], int(match["y1"] or match["y2"]))
        if first is None or last is None or first.sort_key >= last.sort_key:
            continue
        if not match["d1"] and _NAME_NUMERAL_BEFORE_RE.search(
            text, max(0, match.start() - 30), match.start()
        ):
            continue
        start = _roman_label(first)
        if first.year == last.year:
            start = start.removesuffix(f" {first.year}")
        label = f"{start}–{_roman_label(last)}"
        added.append(Mention(match.start(), match.end(), label, first, last, "span"))
    for match in _ROMAN_MONTH_RE.finditer(text):
        when = _roman_end(None, match["m"], int(match["y"]))
        if _NAME_NUMERAL_BEFORE_RE.search(text, max(0, match.start() - 30), match.start()):
            continue
        if when is not None and not overlaps(match.start(), match.end(), added):
            added.append(Mention(*match.span(), _roman_label(when), when, kind="month"))
    kept = [m for m in found if not overlaps(m.start, m.end, added)]
    return sorted([*kept, *added], key=lambda m: m.start)


# A year that runs across two of ours, as an Attic, regnal or Hijri year does, written
# short: "691/2", "696/7", "343/2 BC", "winter 326/5 BC" (round 13, set 17). Not
# "508/507 BC", written in full: notes write that for two readings of one date; nor
# a modern school or financial year, "1983/84".
_SPLIT_YEAR_RE = re.compile(
    rf"(?<![\d/.,])(?P<a>[1-9]\d{{2,3}})/(?P<b>\d{{1,2}})(?![\d/])(?:\s?(?P<era>{_BC}))?"
)


def _split_years(text: str, found: list[Mention]) -> list[Mention]:
    """found with each split year above as a span of its two years, in place of what
    it covers."""
    if "/" not in text:
        return found
    added = []
    for match in _SPLIT_YEAR_RE.finditer(text):
        first, short = int(match["a"]), match["b"]
        if len(short) != 1 or first >= 1600:
            continue  # "2004/05" is an academic or financial year (_accounting_years)
        # Counting down is counting BC, era written or not: "winter 446/5".
        bc = bool(match["era"]) or str(first - 1)[-1] == short
        second = first - 1 if bc else first + 1
        if str(second)[-1] != short:
            continue
        era = f" {match['era'] or 'BC'}" if bc else ""
        start, end = (When(-first), When(-second)) if bc else (When(first), When(second))
        label = f"{first}–{second}{era}"
        added.append(Mention(*match.span(), label, start, end, "span", era=bc))
    if not added:
        return found
    kept = [m for m in found if not overlaps(m.start, m.end, added)]
    return sorted([*kept, *added], key=lambda m: m.start)


def _with_slashed_spans(text: str, found: list[Mention]) -> list[Mention]:
    """found with the spans of days written in figures ("1/11–3/29/1886", see
    slashed) in place of the dates they cover."""
    spans = slashed_spans(text)
    if not spans:
        return found
    added = []
    for span in spans:
        reading = span.day_first or span.month_first
        mention = Mention(
            span.start, span.end, reading.label, reading.when, reading.end_when, "span"
        )
        if span.day_first and span.month_first:
            mention.order_doubt = True
            mention.month_first = span.month_first
        added.append(mention)
    kept = [m for m in found if not overlaps(m.start, m.end, added)]
    return sorted([*kept, *added], key=lambda m: m.start)


def overlaps(start: int, end: int, mentions: list[Mention]) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


# Note-speak's year of two digits alone, after a qualifier or a season: "early '03",
# "Summer '02", "in '98" (not "the '20s", a decade). Its century is a guess, as
# "Jun '61"'s is.
_SHORT_YEAR_RE = re.compile(
    r"(?i)\b(?P<q>early|mid|late|spring|summer|autumn|fall|winter|in)[\s-]+"
    r"(?P<y>['’]\d\d)(?![\w'’])(?![.,]\d)"
)


def _short_years(text: str, mentions: list[Mention]) -> list[Mention]:
    """mentions with the two-digit years above added."""
    if "'" not in text and "’" not in text:
        return mentions
    added = []
    for match in _SHORT_YEAR_RE.finditer(text):
        start, end = match.span("y")
        if any(m.start < end and m.end > start for m in mentions):
            continue
        number, _era = _year_parts(match["y"])
        if match["q"].casefold() in ("early", "mid", "late"):
            start = match.start()
        label = _written(text[start:end])
        # The label keeps "early '03" as written; the date is the year, since only a
        # decade or a century stores a qualifier (When.problem).
        when = When(number, "year")
        added.append(Mention(start, end, label, when, century_doubt=True))
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda m: m.start)


# A year the way an institution counts it, across two calendar years: the academic
# year "2012/13" (from September), the financial year "2022-23" (from April), "FY2019"
# (its label's number already no date). It names the period a fee, rule or figure
# applies to, never when something happened (a winter's "1916/17" is read above).
_ACADEMIC_YEAR_AFTER_RE = re.compile(r"\s*/\s*(?P<next>\d{2}|\d{4})(?![\d/])")
_ACCOUNTING_WORDS = r"(?:financial|fiscal|tax|academic|school|budget|business)\s+years?"
_ACCOUNTING_AFTER_RE = re.compile(rf"(?i)\s+(?:{_ACCOUNTING_WORDS}|prices|terms|money)\b")
_ACCOUNTING_BEFORE_RE = re.compile(rf"(?i)\b(?:{_ACCOUNTING_WORDS}|FY)\s*$")
_YEAR_PAIR_RE = re.compile(r"\d{4}\s*[-–—/]\s*\d\d(?:\d\d)?")


def _next_year(year: int, written: str) -> bool:
    """Whether `written` ("13", "2013") is the year after `year`."""
    number = int(written)
    return number == (year + 1) % 100 if len(written) == 2 else number == year + 1


def _accounting_years(text: str, mentions: list[Mention]) -> list[Mention]:
    """mentions without the academic and financial years (see above)."""
    kept = []
    for mention in mentions:
        written = text[mention.start : mention.end]
        if mention.kind == "year" and not mention.era:
            slash = _ACADEMIC_YEAR_AFTER_RE.match(text, mention.end, mention.end + 12)
            if slash and _next_year(mention.when.year, slash["next"]):
                continue
        elif (
            mention.kind == "span"
            and mention.when.precision == "year"
            and mention.end_when is not None
            and mention.end_when.year == mention.when.year + 1
            and _YEAR_PAIR_RE.fullmatch(written.strip())
            and (
                _ACCOUNTING_AFTER_RE.match(text, mention.end, mention.end + 40)
                or _ACCOUNTING_BEFORE_RE.search(text, max(0, mention.start - 30), mention.start)
            )
        ):
            continue
        kept.append(mention)
    return kept


# A winter across the turn of a year: "the winter of 190/189 BC", "winter 1916/17".
_WINTER_RE = re.compile(
    rf"(?i)\bwinter\s+(?:of\s+)?(?P<a>\d{{1,4}})\s*/\s*(?P<b>\d{{1,4}})"
    rf"(?:\s?(?P<era>{_BC}|{_AD_AFTER}))?(?![\w/])"
)


def _winters(text: str, mentions: list[Mention]) -> list[Mention]:
    """mentions with each winter across two years read as one span of the two, not as
    two dates for one thing."""
    if "/" not in text:
        return mentions
    spans: list[Mention] = []
    for match in _WINTER_RE.finditer(text):
        first, second = int(match["a"]), int(match["b"])
        bc = bool(match["era"]) and "B" in match["era"]
        if not bc and second < 100 <= first:
            second += first - first % 100  # "1916/17"
        start, last = (_signed(first, "bc"), _signed(second, "bc")) if bc else (first, second)
        if start is None or last is None or astronomical(last) - astronomical(start) != 1:
            continue
        if not bc and not match["era"] and not MIN_YEAR <= start <= _MAX_YEAR:
            continue
        written = _written(text[match.start("a") : match.end()])
        era = bool(match["era"])
        spans.append(
            Mention(
                match.start("a"), match.end(), written, When(start), When(last), "span", era=era
            )
        )
    if not spans:
        return mentions
    # One sweep, both lists in text order: a winter's span replaces the dates inside it,
    # unless one of them runs on past it.
    kept: list[Mention] = []
    inside: list[Mention] = []
    index = 0
    for mention in [*mentions, None]:
        while index < len(spans) and (mention is None or spans[index].end <= mention.start):
            span = spans[index]
            if any(m.end > span.end for m in inside):
                kept.extend(inside)
            else:
                kept.append(span)
            inside = []
            index += 1
        if mention is None:
            break
        if index < len(spans) and spans[index].start <= mention.start:
            inside.append(mention)
        else:
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def _centuries(mentions: list[Mention]) -> list[Mention]:
    """mentions with each two-digit year ("Jun '61") given the century of a year
    of four digits the text names, nearest first, which makes it sure."""
    if not any(m.century_doubt for m in mentions):
        return mentions
    full = [m.start for m in mentions if not m.century_doubt and m.when.precision != "deep"]
    by_start = {m.start: m for m in mentions}
    for index, mention in enumerate(mentions):
        if not mention.century_doubt or not full:
            continue
        at = bisect.bisect_left(full, mention.start)
        near = [full[i] for i in (at - 1, at) if 0 <= i < len(full)]
        nearest = by_start[min(near, key=lambda start: abs(start - mention.start))]
        if nearest.when.year <= 0:
            continue
        century = nearest.when.year - nearest.when.year % 100
        shift = century - (mention.when.year - mention.when.year % 100)
        mentions[index] = shifted_century(mention, shift)
    return mentions


def shifted_century(mention: Mention, shift: int) -> Mention:
    """A two-digit year's mention moved `shift` years into its century, no longer in
    doubt, and labelled as a student reads it: "23 January 2013", not "23 January '13"."""
    end_when = mention.end_when
    if end_when is not None:
        end_when = replace(end_when, year=end_when.year + shift)
    years = iter([mention.when.year + shift, end_when.year if end_when else None])

    def full(short: re.Match[str]) -> str:
        year = next(years, None)
        return str(year) if year is not None else short.group()

    return replace(
        mention,
        label=re.sub(r"['’]\d\d\b", full, mention.label),
        when=replace(mention.when, year=mention.when.year + shift),
        end_when=end_when,
        century_doubt=False,
    )


# Days the notes name by a feast: "over Christmas 1938" (December), "on Christmas
# Day 1914", "New Year's Eve 1999".
_FESTIVALS = {
    "christmas": (12, None),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "boxing day": (12, 26),
    "new year's day": (1, 1),
    "new year’s day": (1, 1),
    "new year's eve": (12, 31),
    "new year’s eve": (12, 31),
    # The old quarter days and feasts English notes date by (round 13, set 18).
    "candlemas": (2, 2),
    "lady day": (3, 25),
    "midsummer day": (6, 24),
    "lammas": (8, 1),
    "michaelmas": (9, 29),
    "all saints' day": (11, 1),
    "all saints’ day": (11, 1),
}
# Feasts that move with Easter, as days after Easter Sunday: "Easter Monday 1916",
# "Trinity Sunday 1376". Easter is reckoned in the Julian calendar before the
# Gregorian reform of 1582, as the notes' dates then are.
_MOVABLE_FEASTS = {
    "good friday": -2,
    "easter": 0,
    "easter day": 0,
    "easter sunday": 0,
    "easter monday": 1,
    "ascension day": 39,
    "whitsun": 49,
    "whit sunday": 49,
    "pentecost": 49,
    "whit monday": 50,
    "trinity sunday": 56,
}
_FESTIVAL_RE = re.compile(
    r"(?i)\b(Christmas(?:\s+(?:Day|Eve))?|Boxing\s+Day|New\s+Year['’]s\s+(?:Day|Eve)|Candlemas|"
    r"Lady\s+Day|Midsummer\s+Day|Lammas|Michaelmas|All\s+Saints['’]\s+Day|Good\s+Friday|"
    r"Easter(?:\s+(?:Day|Sunday|Monday))?|Ascension\s+Day|Whitsun|Whit\s+(?:Sunday|Monday)|"
    r"Pentecost|Trinity\s+Sunday|"
    # The Roman calendar's named days of a month (round 17, set 21): "the Ides of
    # March, 44 BCE".
    rf"(?:Kalends|Calends|Nones|Ides)\s+of\s+(?:{MONTH_PATTERN})\.?)(?:\s+|,\s+)(?:of\s+)?$"
)
# The day of each named Roman day: the Nones and Ides fall two days later in March,
# May, July and October.
_ROMAN_DAYS = {"kalends": (1, 1), "calends": (1, 1), "nones": (5, 7), "ides": (13, 15)}


# Another calendar's day glossed with ours (round 13, set 18): a Japanese era date
# before its Western day, "Tenshō 15/6/19 (24 July 1587)"; and a Roman one whose
# day is glossed before the year, "a.d. XIII Kal. Feb. (18 January) 52 BC", "the Ides
# of March (15 March) 44 BC".
_GLOSS_BEFORE_YEAR_RE = re.compile(rf"\((?P<d>[1-3]?\d)\s+(?P<m>{MONTH_PATTERN})\.?\)\s+$")


def _glossed(text: str, mentions: list[Mention]) -> list[Mention]:
    """mentions with each other calendar's day left out for the day of ours glossed
    beside it, and a year given the day glossed before it (see above)."""
    kept: list[Mention] = []
    for index, mention in enumerate(mentions):
        after = mentions[index + 1] if index + 1 < len(mentions) else None
        if (
            after is not None
            and mention.kind == "day"
            and "/" in text[mention.start : mention.end]
            and re.fullmatch(r"\s*\(", text[mention.end : after.start])
            and after.kind == "day"
            and text.startswith(")", after.end)
        ):
            continue  # "Tenshō 15/6/19 (24 July 1587)": the era's day, ours beside it
        gloss = _GLOSS_BEFORE_YEAR_RE.search(text, max(0, mention.start - 20), mention.start)
        if gloss and mention.kind == "year":
            year, month, day = mention.when.year, month_number(gloss["m"]), int(gloss["d"])
            if valid_day(year, month, day):
                label = f"{day} {MONTH_NAMES[month]} {mention.label}"
                mention = replace(
                    mention, label=label, when=When(year, "day", month, day), kind="day"
                )
        kept.append(mention)
    return kept


def _feast_day(name: str, year: int) -> tuple[int, int | None] | None:
    """(month, day) of a feast in `year`, the day None for a season ("Christmas")."""
    if name in _FESTIVALS:
        return _FESTIVALS[name]
    roman = re.fullmatch(r"(\w+)\s+of\s+(\w+)\.?", name)
    if roman and roman[1] in _ROMAN_DAYS:
        month = month_number(roman[2])
        return month, _ROMAN_DAYS[roman[1]][month in (3, 5, 7, 10)]
    if year < 1 or year > 4099:
        return None
    method = easter.EASTER_JULIAN if year < 1583 else easter.EASTER_WESTERN
    day = easter.easter(year, method) + datetime.timedelta(days=_MOVABLE_FEASTS[name])
    return day.month, day.day


def _festivals(text: str, mentions: list[Mention]) -> list[Mention]:
    """mentions with a year after a feast's name read as its month or day."""
    for index, mention in enumerate(mentions):
        if mention.kind != "year" or mention.when.month is not None:
            continue
        feast = _FESTIVAL_RE.search(text, max(0, mention.start - 30), mention.start)
        if not feast:
            continue
        name = " ".join(feast.group(1).split())
        found = _feast_day(name.casefold(), mention.when.year)
        if found is None:
            continue
        month, day = found
        when = When(mention.when.year, "day" if day else "month", month, day)
        label = f"{name} {mention.label}"
        mentions[index] = replace(
            mention, start=feast.start(), label=label, when=when, kind=when.precision
        )
    return mentions


# No number after a day and month that could be its year: a clock time ("October
# 22, 7 p.m.", "18 Oct., 11:50") is none.
_CLOCK = r"\d{1,2}(?::\d\d|\s*[ap]\.?m\b\.?)"
NO_YEAR_AFTER = rf"(?!\.?,?\s*(?!{_CLOCK})\d)"


# A day and month with no year, after a date that has one: "entered Babylon on 12
# October 539 BC; Cyrus arrived on 29 October", "1966 final 30 Jul"; and "that May"
# after "in 334 BC". They take its year, when they come later in it.
# A stop after a month is its abbreviation's only when it is one ("30 Jul."): after a
# month in full it ends the sentence ("died on 10 July. His son ...", round 21, set
# 26: the two sentences had read as one).
_ABBREVIATION_STOP = (
    r"(?:(?<=Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.|(?<=Sept)\."
    r"|(?<=JAN|FEB|MAR|APR|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\.|(?<=SEPT)\.)?"
)
YEARLESS_RE = re.compile(
    rf"(?<![\w.])(?:(?P<d>[1-3]?\d){ORDINAL}?\s+(?P<m>{MONTH_PATTERN}){_ABBREVIATION_STOP}"
    rf"|(?P<m2>{MONTH_PATTERN})\.?\s+(?P<d2>[1-3]?\d){ORDINAL}?"
    rf"|\bthat\s+(?P<m3>{MONTH_PATTERN}))"
    rf"(?![\w'’]){NO_YEAR_AFTER}"
)


# A place in a year too vague to be its date: "late in 1816", "in early 1816", "at
# the end of 1816", when a day of that year follows within reach.
_VAGUE_IN_YEAR_RE = re.compile(
    r"(?i)\b(?:(?:late|early)\s+in|in\s+(?:late|early)|(?:at|towards?)\s+the\s+end\s+of)\s+$"
)
_VAGUE_REACH = 80


def _borrowed_years(text: str, mentions: list[Mention]) -> list[Mention]:
    """mentions with the year-less days and months above added."""
    if not mentions or not YEARLESS_RE.search(text):
        return mentions
    added: list[Mention] = []
    dropped: set[int] = set()
    for match in YEARLESS_RE.finditer(text):
        before = [m for m in mentions if m.end <= match.start()]
        if not before or any(m.start < match.end() and m.end > match.start() for m in mentions):
            continue
        last = before[-1]
        when = last.end_when or last.when
        if last.kind not in ("year", "month", "day") or last.end_when is not None:
            continue
        if match.start() - last.end > WINDOW:
            continue
        opened = text[max(0, match.start() - WINDOW) : match.start()]
        if opened.rfind("(") > opened.rfind(")"):
            continue  # an aside's day: "(..., when the year began on 25 March)"
        month = month_number(match["m"] or match["m2"] or match["m3"])
        day = int(match["d"] or match["d2"]) if (match["d"] or match["d2"]) else None
        if day is not None and not valid_day(when.year, month, day):
            continue
        if (month, day or 0) < (when.month or 0, when.day or 0):
            continue  # earlier in the year: perhaps the next year's
        era = " BC" if when.year < 0 else ""
        if day is not None:
            new = When(when.year, "day", month, day)
            label = f"{day} {MONTH_NAMES[month]} {abs(when.year)}{era}"
        else:
            new = When(when.year, "month", month)
            label = f"{MONTH_NAMES[month]} {abs(when.year)}{era}"
        if last.kind == "year" and re.fullmatch(
            r"\s+(?:[a-z]+\s+){1,2}", text[last.end : match.start()]
        ):
            # "1966 final 30 Jul": the day is the year's; one date.
            dropped.add(id(last))
        start = match.start()
        vague = (
            _VAGUE_IN_YEAR_RE.search(text, max(0, last.start - 30), last.start)
            if last.kind == "year"
            else None
        )
        if vague and "early" not in vague.group().casefold() and month < 9:
            continue  # "left late in 1790 and reached Sydney on 3 June": the next June
        if (
            last.kind == "year"
            and day is not None
            and match.start() - last.end <= _VAGUE_REACH
            and vague
            # A day where the vague words put it: "late in 1816 ... 10 December".
            and (month <= 4 if "early" in vague.group().casefold() else month >= 9)
        ):
            # "drowned herself late in 1816; her body was found on 10 December": the
            # day makes the vague date precise, and the words between are its event.
            dropped.add(id(last))
            start = last.start
        added.append(Mention(start, match.end(), label, new, kind=new.precision))
    if not added:
        return mentions
    kept = [m for m in mentions if id(m) not in dropped]
    return sorted([*kept, *added], key=lambda m: m.start)


# "587 or 586 BC", "in 1066 or 1067", "508/507 BC": two dates for one thing.
_OR_BETWEEN_RE = re.compile(r"\s+or\s+(?:in\s+|on\s+)?(?:c\.\s*)?")
_SLASH_BEFORE_RE = re.compile(r"(?<![\d.,])\d{1,4}\s*/\s*$")


_BC_NAME_RE = re.compile(r"\s*BC\s+[A-Z][a-z]")


def _alternatives(text: str, mentions: list[Mention]) -> list[Mention]:
    """mentions with the alternatives (see Mention.alternative) and the doubtful BCs
    (Mention.era_doubt) marked."""
    for index, mention in enumerate(mentions):
        if (
            mention.kind == "year"
            and MIN_YEAR <= -mention.when.year <= _MAX_YEAR
            and text[mention.start : mention.end].rstrip().endswith(" BC")
            and _BC_NAME_RE.match(text, mention.end - 3)
        ):
            mention.era_doubt = True
        if _SLASH_BEFORE_RE.search(text, max(0, mention.start - 10), mention.start):
            mention.alternative = True
        if index and _OR_BETWEEN_RE.fullmatch(text, mentions[index - 1].end, mention.start):
            mention.alternative = mentions[index - 1].alternative = True
    return mentions


# Two days the sources give for one event in one month: "10 or 12 Aug. 30 BCE",
# "Maldon, 10 or 11 Aug 991". The month is what is known (round 17, set 21; the
# keys of sets 13 and 19 read them so too).
_RIVAL_DAY_BEFORE_RE = re.compile(r"\b(?P<day>[1-3]?\d)(?:st|nd|rd|th)?\s+(?P<joint>or|and)\s+$")


# A rival month: "in August or September 490 BC" (round 20, set 25).
_RIVAL_MONTH_BEFORE_RE = re.compile(rf"(?i)\b{_MONTH}\s+or\s+$")


def _rival_days(text: str, mentions: list[Mention]) -> list[Mention]:
    """mentions with each day that has a rival day before it read as its month, each
    month with a rival month before it as its year, and each day with the day before
    it joined by "and" read as the two days: "fought on 23 and 24 June 1314" (round
    18, set 22)."""
    for index, mention in enumerate(mentions):
        if mention.kind == "month" and (
            rival := _RIVAL_MONTH_BEFORE_RE.search(text, max(0, mention.start - 14), mention.start)
        ):
            mentions[index] = replace(
                mention,
                start=rival.start(),
                label=re.sub(r"^[^\W\d_]+\.?\s+", "", mention.label),
                when=When(mention.when.year),
                kind="year",
            )
            continue
        if mention.kind != "day" or not re.match(r"[1-3]?\d\b", text[mention.start :]):
            continue
        rival = _RIVAL_DAY_BEFORE_RE.search(text, max(0, mention.start - 12), mention.start)
        if rival is None:
            continue
        when = mention.when
        if rival["joint"] == "or":
            mentions[index] = replace(
                mention,
                start=rival.start(),
                label=re.sub(r"^\d{1,2}\s+", "", mention.label),
                when=When(when.year, "month", when.month),
                kind="month",
            )
        elif int(rival["day"]) == when.day - 1:
            mentions[index] = replace(
                mention,
                start=rival.start(),
                label=f"{rival['day']}–{mention.label}",
                when=When(when.year, "day", when.month, when.day - 1),
                end_when=when,
                kind="span",
            )
    return mentions


# Note-speak: "1830s–40s" is the 1830s to the 1840s. And two decades running on,
# "in the 1840s and 1850s", are one stretch, as two months running on are (round
# 25, set 29); "the 1920s and 1960s" are two.
_DECADE_END_RE = re.compile(r"\s*[-–—]\s*(\d0)['’]?s(?!\w)")
_NEXT_DECADE_RE = re.compile(r"\s+and\s+(?:the\s+)?(\d{3}0)['’]?s(?!\w)")


def _abbreviated_decades(text: str, mentions: list[Mention]) -> list[Mention]:
    """mentions with each "1830s–40s" or "1840s and 1850s" read as one span of
    decades (see above); the second decade of a pair is the span's end, no mention
    of its own."""
    out: list[Mention] = []
    swallowed_to = -1
    for mention in mentions:
        if mention.start < swallowed_to:
            continue
        end = year = None
        if mention.kind == "decade" and not mention.era:
            end = _DECADE_END_RE.match(text, mention.end, mention.end + 20)
            if end:
                year = mention.when.year - mention.when.year % 100 + int(end.group(1))
            elif (end := _NEXT_DECADE_RE.match(text, mention.end, mention.end + 20)) and int(
                end.group(1)
            ) == mention.when.year + 10:
                year = int(end.group(1))
        if end and year and year > mention.when.year:
            mention = Mention(
                mention.start,
                end.end(),
                f"{mention.label}–{year}s",
                mention.when,
                When(year, "decade"),
                "span",
            )
            swallowed_to = end.end()
        out.append(mention)
    return out


# Years of our era under 1000 written with no era, in the places a reader takes
# them for years (issue 17, rounds 4 and 5): after "in" ("was sacked in 455"), a
# lifespan after a name ("Muawiya (603–683)", "Michinaga (966–1028)"), "between
# c. 750 and 900"; and where the notes mark them as dates: "c." ("Himiko d. c.
# 248", "Kofun period c. 250–538", "(c. 155–c. 220)"), "d." or "b." ("d. 903"), a
# month ("Apr 752", "19 October 439") and a year opening a line of note-speak
# ("587: Soga defeat Mononobe", "239 – Queen Himiko sends envoys"). The marked
# ones are as sure as a year of four digits; the rest only where the clause says so.
_SMALL = r"[1-9]\d{2}"
_SMALL_OR_YEAR = r"[1-9]\d{2,3}"
_SMALL_YEAR_RE = re.compile(
    rf"""
    (?<![\w.,])(?<!\d\s)
    (?:
        (?:(?<=\b[Ii]n\s)|(?<=\b[Ii]n\sabout\s)|(?<=\b[Ii]n\saround\s))(?P<in>{_SMALL})
      # "(AD 40–93)": with its era a lifespan's years may be short.
      | (?<=[A-Za-z]\s\()(?:A\.?D\.?\s(?=\d{{2}})(?P<la_ad>[1-9]\d{{1,3}})|(?P<la>{_SMALL_OR_YEAR}))
        \s*[-–—]\s*(?P<lb>[1-9]\d{{1,3}})(?=\))
      | (?<=\b[Bb]etween\s)(?P<about>(?:c\.|ca\.|circa)\s*)?(?P<ba>{_SMALL_OR_YEAR})\s+and\s+
        (?P<bb>{_SMALL_OR_YEAR})
      | (?<=\b[Ff]rom\s)(?P<fa>{_SMALL})\s+to\s+(?P<fb>{_SMALL_OR_YEAR})
      # "in the summer of 541": a season names a year.
      | (?:(?<=[Ss]pring\sof\s)|(?<=[Ss]ummer\sof\s)|(?<=[Aa]utumn\sof\s)|(?<=[Ww]inter\sof\s)
        |(?<=\b[Ff]all\sof\s)|(?<=[Ss]pring\s)|(?<=[Ss]ummer\s)|(?<=[Aa]utumn\s))
        (?P<season>{_SMALL})
      | (?P<circa>(?:c\.|ca\.|circa)\s*)(?P<ca>{_SMALL})
        (?:\s*[-–—]\s*(?P<cb_about>(?:c\.|ca\.)\s*)?(?P<cb>{_SMALL_OR_YEAR}))?
        # "from c. 717 to 660 million years ago" is deep time.
        (?!\s*(?:[-–—]|to\b|and\b)\s*\d[\d.,]*\s*(?:thousand|million|billion|years?)\b)
      | (?<=\b[db]\.\s)(?P<died>{_SMALL})
      | (?:(?P<sd>[1-3]?\d)(?:{ORDINAL})?\s+)?(?P<sm>{MONTH_PATTERN})\.?,?\s+(?P<sy>{_SMALL})
        (?!\s*[-–—]\s*\d)
      | ^\s*(?P<lead>{_SMALL})(?=\s*:\s*[^\W\d]|\s+[-–—]\s+[^\W\d])
    )
    (?![\w'’%‰°/-]){_NOT_IN_NUMBER_AFTER}
    """,
    re.VERBOSE,
)


# "one in 200", "3 in 100": a ratio, not a year.
_RATIO_BEFORE_RE = re.compile(
    r"(?i)(?:\d|\b(?:one|two|three|four|five|ten|chance|odds|risk))\s+in\s+$"
)


# Up to three words after the number, to the first punctuation: "in 615 copies",
# "in 239 long days", "in 378 km" count or measure.
_WORDS_AFTER_SMALL_RE = re.compile(r"(?:\s+[A-Za-z][\w'’-]*){0,3}")


def _counted_after(text: str, end: int) -> bool:
    """Something counted or measured right after a number: a unit or a plural noun."""
    for word in _WORDS_AFTER_SMALL_RE.match(text, end, end + WINDOW).group().split():
        key = word.casefold().rstrip("²³")  # "km³" is "km" cubed
        if not word[:1].islower():
            continue
        if key in _UNIT_WORDS or key in _IRREGULAR_PLURALS or key in _COUNTED_SINGULARS:
            return True
        if key.endswith("s") and key not in _NOT_PLURALS and not key.endswith("ss"):
            return True
    return False


# A singular a number may count or measure ("in 300 BC" aside): "in 150 m", "in 500 ad".
_COUNTED_SINGULARS = word_set("per each apiece percent copy page day year mile metre meter")


def _small_mention(match: re.Match[str]) -> Mention | None:
    """The date one _SMALL_YEAR_RE match stands for, or None if it is none."""
    group = match.group
    if group("in"):
        year = int(group("in"))
        if match.string.endswith(("about ", "around "), 0, match.start()):
            return Mention(*match.span(), f"c. {year}", When(year, approximate=True), small=True)
        return Mention(*match.span(), str(year), When(year), small=True)
    if group("died") or group("lead") or group("season"):
        which = next(name for name in ("died", "lead", "season") if group(name))
        year = int(group(which))
        return Mention(*match.span(which), str(year), When(year))
    if group("sy"):
        year, month = int(group("sy")), month_number(group("sm"))
        day = int(group("sd")) if group("sd") else None
        if day is not None and not valid_day(year, month, day):
            return None
        name = f"{MONTH_NAMES[month]} {year}"
        if day is not None:
            when = When(year, "day", month, day)
            return Mention(*match.span(), f"{day} {name}", when, kind="day")
        return Mention(*match.span(), name, When(year, "month", month), kind="month")
    if group("ca"):
        first = int(group("ca"))
        if not group("cb"):
            return Mention(*match.span(), f"c. {first}", When(first, approximate=True))
        last, end_about = int(group("cb")), bool(group("cb_about"))
        if not first < last <= _MAX_YEAR:
            return None
        label = f"c. {first}–{'c. ' if end_about else ''}{last}"
        return Mention(
            *match.span(),
            label,
            When(first, approximate=True),
            When(last, approximate=end_about),
            "span",
        )
    if group("la_ad"):
        first, last = int(group("la_ad")), int(group("lb"))
        if not first < last <= _MAX_YEAR:
            return None
        return Mention(*match.span(), f"AD {first}–{last}", When(first), When(last), "span", True)
    ends = ("la", "lb") if group("la") else ("fa", "fb") if group("fa") else ("ba", "bb")
    first, last = int(group(ends[0])), int(group(ends[1]))
    if not first < last <= _MAX_YEAR:
        return None
    about = bool(group("about"))
    return Mention(
        *match.span(),
        f"{'c. ' if about else ''}{first}–{last}",
        When(first, approximate=about),
        When(last),
        "span",
        small=True,
    )


def _small_years(text: str, mentions: list[Mention]) -> list[Mention]:
    """mentions with the small years of our era (see above) added where no other
    date is, or where the only dates are the four-digit end of a span they start
    ("1028" of "(966–1028)")."""
    if not re.search(r"(?<!\d)[1-9]\d{2}(?!\d)|\(A\.?D\.?\s\d", text):
        return mentions
    found: list[Mention] = []
    inside: set[int] = set()
    # Both run in text order: one sweep finds the mentions each match may overlap.
    index = 0
    for match in _SMALL_YEAR_RE.finditer(text):
        while index < len(mentions) and mentions[index].end <= match.start():
            index += 1
        overlapping = []
        scan = index
        while scan < len(mentions) and mentions[scan].start < match.end():
            overlapping.append(scan)
            scan += 1
        if overlapping and (
            match["in"]
            or match["died"]
            or match["lead"]
            or match["season"]
            # "between 1932 and 2016" is read already; only a small start is new
            # (or an era's span: "AD 40" of "(AD 40–93)").
            or not (match["la_ad"] or re.search(r"(?<!\d)[1-9]\d{2}(?!\d)", match.group()))
            or any(
                mentions[i].start < match.start() or mentions[i].end > match.end()
                for i in overlapping
            )
        ):
            continue
        if not match["sm"] and _counted_after(text, match.end()):
            continue  # "in 615 copies"; but "17 June 656 by rebels" is a day
        if match["ca"] and (
            _CASUALTIES_AFTER_RE.match(text, match.end())
            or _COUNTED_NAME_AFTER_RE.match(text, match.end())
            or _COUNTED_LABEL_BEFORE_RE.search(text, max(0, match.start() - 30), match.start())
        ):
            # "of c. 670 men, c. 110 killed", "c. 530 Spaniards", "C. 590 POWs home",
            # "U.S. advisers: c. 900" (round 18, set 22): counts, not years.
            continue
        if match["in"] and _RATIO_BEFORE_RE.search(text, max(0, match.start() - 20), match.start()):
            continue
        mention = _small_mention(match)
        if mention is None:
            continue
        inside.update(overlapping)
        found.append(mention)
    if not found:
        return mentions
    kept = [mention for i, mention in enumerate(mentions) if i not in inside]
    return sorted([*kept, *found], key=lambda m: m.start)


# The first of a pair whose era is written once: "396" of "in 396 and 392 BC".
_PAIRED_YEAR_RE = re.compile(r"(?<![\d.,])(\d{1,5})\s+(?:and|or)\s+$")


def _shared_eras(text: str, mentions: list[Mention]) -> list[Mention]:
    """mentions with the first year of "in 396 and 392 BC" or "in 480 and 479 BCE"
    added: the era written once is both years'. Only a pair in order, after "in"."""
    added: list[Mention] = []
    taken_until = 0
    for mention in mentions:
        if mention.kind == "year" and mention.era and mention.when.month is None:
            paired = _PAIRED_YEAR_RE.search(
                text, max(taken_until, mention.start - 20), mention.start
            )
            era = text[mention.start : mention.end].lstrip("0123456789, ")
            if (
                paired
                and re.search(r"(?i)\bin\s+$", text[max(0, paired.start() - 10) : paired.start()])
                and era
            ):
                number = int(paired.group(1))
                bc = mention.when.year < 0
                year = _signed(number, "bc" if bc else "ad")
                if year is not None and year < mention.when.year:
                    added.append(
                        Mention(
                            paired.start(1),
                            paired.end(1),
                            f"{number} {era}",
                            When(year),
                            era=True,
                        )
                    )
        added.append(mention)
        taken_until = mention.end
    return added


# Two ends of a span of decades, centuries or deep time, each read as its own
# mention above: "from the early 1650s to the late 1680s", "from the mid-9th
# century to the late 10th century", "from the 1920s into the 1940s", "between the
# 1920s and the 1940s", "the 1920s–1940s".
_PERIOD_LEAD_RE = re.compile(r"(?i)\b(from|between)\s+(?:the\s+)?$")


_PERIOD_CONNECTOR_RE = re.compile(
    r"(?i)\s*[-–—]\s*(?:the\s+)?|\s+(to|into|until|till|and)\s+(?:the\s+)?"
)


# An end that is no mention of its own: "the 9th" of "from the 9th to the 11th
# century", "252" of "252–201 million years ago", "about 40,000" of "from about
# 40,000 to about 30,000 years ago". It shares the other end's unit and era.
_CENTURY_START_RE = re.compile(
    r"(?i)\b(?P<lead>from|between)\s+the\s+(?:(?P<q>early|mid|middle|late)[\s-]+)?"
    rf"(?P<n>\d{{1,2}}){ORDINAL}\s+(?P<conn>to|into|until|till|and)\s+(?:the\s+)?$"
)


_DEEP_START_RE = re.compile(
    r"(?i)(?:\b(?P<lead>from|between)\s+)?(?P<about>(?:about|around|roughly|some|c\.|ca\.|circa)\s*)?"
    r"(?<![\d.,])(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<unit>thousand|million|billion))?(?:\s+(?:years|yrs\.?)(?:\s+ago)?)?"
    r"(?P<conn>\s*[-–—]\s*|\s+(?:to|and)\s+)(?:(?:about|around|roughly|some|c\.|circa)\s*)?$"
)


_DEEP_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


_LABEL_UNIT_RE = re.compile(rf"\b(thousand|million|billion|{_ANNUM_UNITS})\b")


def _label_scale(label: str) -> int:
    """The years one unit of a deep-time label stands for: a million in "34 Ma"."""
    unit = _LABEL_UNIT_RE.search(label)
    if unit is None:
        return 1
    return _DEEP_SCALE.get(unit.group(1)) or _ANNUM_SCALES[unit.group(1)]


def _span_of(first: Mention, last: Mention, start: int, label: str) -> Mention:
    return Mention(start, last.end, label, first.when, last.when, "span", era=first.era or last.era)


def _fits(lead: str | None, connector: str) -> bool:
    """A span's words agree: "between ... and", "from ... to", or a dash."""
    word = connector.strip(" -–—").casefold().removesuffix(" the").strip()
    if not word:
        return True
    lead = (lead or "").casefold()
    return (lead == "between") == (word == "and") and bool(lead)


def _open_start(text: str, last: Mention) -> Mention | None:
    """The span ending at `last` whose start is no mention of its own (see above)."""
    before = text[max(0, last.start - WINDOW) : last.start]
    if last.kind == "century":
        start = _CENTURY_START_RE.search(before)
        if not start or not _fits(start["lead"], start["conn"]):
            return None
        number = int(start["n"])
        qualifier = (start["q"] or "").casefold().replace("middle", "mid")
        when = replace(
            last.when, year=century_year(number, last.when.year < 0), qualifier=qualifier
        )
        label = f"{start['q'] + ' ' if start['q'] else ''}{ordinal(number)}–{last.label}"
    elif last.kind == "deep":
        start = _DEEP_START_RE.search(before)
        # "5.96 to 5.33 million years ago" needs no "from": "years ago" makes it a span.
        if not start or not (_fits(start["lead"], start["conn"]) or start["conn"].strip() == "to"):
            return None
        scale = _DEEP_SCALE.get((start["unit"] or "").casefold()) or _label_scale(last.label)
        years = round(float(start["n"].replace(",", "")) * scale)
        when = When(years, "deep", approximate=bool(start["about"]))
        written = f"{start['n']} {start['unit']}" if start["unit"] else start["n"]
        label = f"{written}–{last.label}"
    else:
        return None
    if when.sort_key >= last.when.sort_key:
        # "between 6 and 8 million years ago", the nearer first: a range of estimates
        # for one moment, not a span.
        return replace(last, alternative=True) if last.kind == "deep" else None
    first = Mention(0, 0, label, when, kind=last.kind, era=last.era)
    return _span_of(first, last, last.start - len(before) + start.start("n"), label)


_CALENDAR_KINDS = frozenset({"day", "month", "year", "decade", "century"})


def _joined_periods(text: str, mentions: list[Mention]) -> list[Mention]:
    """mentions with the two ends of each span of periods made one span (see above)."""
    joined: list[Mention] = []
    for mention in mentions:
        first = joined[-1] if joined else None
        if mention.kind in ("century", "deep"):
            opened = _open_start(text, mention)
            if opened and (first is None or first.end <= opened.start):
                joined.append(opened)
                continue
            if (
                opened
                and first is not None
                and first.kind == "year"
                and opened.start <= first.end <= mention.start
                and first.start >= opened.start - 4
            ):
                # "c. 160–40 ka": the "c. 160" read as a year of our era is the deep
                # span's start (round 23, set 28).
                joined[-1] = replace(opened, start=min(first.start, opened.start))
                continue
        kinds = {first.kind, mention.kind} if first is not None else set()
        if kinds <= _CALENDAR_KINDS and kinds & {"decade", "century"}:
            connector = _PERIOD_CONNECTOR_RE.fullmatch(text, first.end, mention.start)
            lead = _PERIOD_LEAD_RE.search(text, max(0, first.start - 20), first.start)
            if (
                connector
                and (lead or not connector.group(1))
                and _fits(lead.group(1) if lead else None, connector.group())
                and first.when.sort_key < mention.when.sort_key
            ):
                label = f"{first.label}–{mention.label}"
                joined[-1] = _span_of(first, mention, first.start, label)
                continue
        joined.append(mention)
    return joined


def find_dates(text: str) -> list[tuple[int, int, str, When]]:
    """(start, end, label, date) of every date mentioned in `text`, in order.

    A span ("1961–1989", "from May 1940 to June 1941") is one mention dated by its
    start; numbers that only look like years ("RFC 1945", "1500 bytes") are none.
    """
    return [(m.start, m.end, m.label, m.when) for m in find_mentions(text)]


STATE_SUFFIXES = frozenset({"era", "style", "styled", "vintage", "type", "like", "esque"})
