"""Dates in English prose: every date a text mentions (a day, month, year, decade,
century or span), and numbers that only look like years left out."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

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


_MONTH_NAMES = {number: name.capitalize() for name, number in _MONTHS.items()}


_MONTH_ABBREVIATIONS = {"sept": 9, **{name[:3]: number for name, number in _MONTHS.items()}}


# Capitalised only, so the verb "may" or "march" in a sentence is not a month.
_MONTH_PATTERN = "|".join(
    name.capitalize()
    for name in sorted({*_MONTHS, *_MONTH_ABBREVIATIONS}, key=lambda name: (-len(name), name))
)


_YEAR = r"\d{4}"


_ORDINAL = r"(?:st|nd|rd|th)"


_NOT_IN_NUMBER_BEFORE = r"(?<![\d$€£¥])(?<!\d[.,])"


_NOT_IN_NUMBER_AFTER = r"(?![.,]\d)(?!\s*%)"


# One alternation scanned left to right: at each position the more specific
# forms are tried first, so "12 December 2024" is one event, not three.
_EVENT_RE = re.compile(
    rf"""
    (?=[0-9A-Z])  # every form starts with a digit or a capitalised month: skip the rest fast
    {_NOT_IN_NUMBER_BEFORE}\b
    (?:
        (?P<iso_y>{_YEAR})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)
      | (?P<dmy_d>\d{{1,2}}){_ORDINAL}?\s+(?P<dmy_m>{_MONTH_PATTERN})\.?,?\s+(?P<dmy_y>{_YEAR})
      | (?P<mdy_m>{_MONTH_PATTERN})\.?\s+(?P<mdy_d>\d{{1,2}}){_ORDINAL}?,?\s+(?P<mdy_y>{_YEAR})
      | (?P<my_m>{_MONTH_PATTERN})\.?\s+(?P<my_y>{_YEAR})
      | (?P<range_a>{_YEAR})(?:\s*[-–—]\s*|\s+to\s+)(?P<range_b>{_YEAR})
      | (?P<century>\d{{1,2}}){_ORDINAL}[\s-]+(?i:century)
      | (?P<decade>\d{{3}}0)['’]?s
      | (?P<year>{_YEAR})
    )
    \b{_NOT_IN_NUMBER_AFTER}
    """,
    re.VERBOSE,
)


_MIN_YEAR, _MAX_YEAR = 1000, 2199


_ANY_DIGIT = re.compile(r"\d")


def _month_number(name: str) -> int:
    name = name.lower()
    return _MONTHS.get(name) or _MONTH_ABBREVIATIONS[name]


def _ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _year_event(year: int) -> tuple[str, datetime.date] | None:
    if _MIN_YEAR <= year <= _MAX_YEAR:
        return str(year), datetime.date(year, 1, 1)
    return None


def _month_event(year: int, month: int) -> tuple[str, datetime.date] | None:
    if _MIN_YEAR <= year <= _MAX_YEAR:
        return f"{_MONTH_NAMES[month]} {year}", datetime.date(year, month, 1)
    return None


def _day_event(year: int, month: int, day: int) -> list[tuple[str, datetime.date] | None]:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return []
    try:
        when = datetime.date(year, month, day)
    except ValueError:
        # "31 February 2024" still tells us the month.
        return [_month_event(year, month)] if 1 <= month <= 12 else [_year_event(year)]
    return [(f"{day} {_MONTH_NAMES[month]} {year}", when)]


def _match_events(match: re.Match[str]) -> list[tuple[str, datetime.date] | None]:
    group = match.group
    if group("iso_y"):
        return _day_event(int(group("iso_y")), int(group("iso_m")), int(group("iso_d")))
    if group("dmy_y"):
        month = _month_number(group("dmy_m"))
        return _day_event(int(group("dmy_y")), month, int(group("dmy_d")))
    if group("mdy_y"):
        month = _month_number(group("mdy_m"))
        return _day_event(int(group("mdy_y")), month, int(group("mdy_d")))
    if group("my_y"):
        return [_month_event(int(group("my_y")), _month_number(group("my_m")))]
    if group("range_a"):
        first, last = int(group("range_a")), int(group("range_b"))
        if _MIN_YEAR <= first < last <= _MAX_YEAR:
            return [(f"{first}–{last}", datetime.date(first, 1, 1))]
        return [_year_event(first), _year_event(last)]
    if group("century"):
        number = int(group("century"))
        if not 1 <= number <= 22:
            return []
        # "The 19th century" is usually meant as the 1800s, so it sorts from 1800.
        return [(f"{_ordinal(number)} century", datetime.date(max(1, (number - 1) * 100), 1, 1))]
    if group("decade"):
        year = int(group("decade"))
        if _MIN_YEAR <= year <= _MAX_YEAR:
            return [(f"{year}s", datetime.date(year, 1, 1))]
        return []
    return [_year_event(int(group("year")))]


# A span written with both ends: "1961–1989", "from May 1940 to June 1941", "between
# 1961 and 1989", "from 3 to 5 September 1860", "1852–53". The start may leave out
# what it shares with the end; _span() checks that the two ends fit together.
_DAY = rf"\d{{1,2}}{_ORDINAL}?"


_MONTH = rf"(?:{_MONTH_PATTERN})\.?"


_SPAN_START = rf"""
    (?P<a_dmy>{_DAY}\s+{_MONTH},?\s+{_YEAR})
  | (?P<a_mdy>{_MONTH}\s+{_DAY},?\s+{_YEAR})
  | (?P<a_my>{_MONTH},?\s+{_YEAR})
  | (?P<a_y>{_YEAR})
  | (?P<a_dm>{_DAY}\s+{_MONTH})
  | (?P<a_m>{_MONTH})
  | (?P<a_d>{_DAY})
"""


_SPAN_END = rf"""
    (?P<b_dmy>{_DAY}\s+{_MONTH},?\s+{_YEAR})
  | (?P<b_mdy>{_MONTH}\s+{_DAY},?\s+{_YEAR})
  | (?P<b_my>{_MONTH},?\s+{_YEAR})
  | (?P<b_y>{_YEAR})
  | (?P<b_yy>\d\d)(?![-‐‑–—/:]?\d)
"""


_SPAN_RE = re.compile(
    rf"""
    (?:\b(?P<lead>[Ff]rom|[Bb]etween)\s+(?:c\.\s*|circa\s+|around\s+)?)?
    {_NOT_IN_NUMBER_BEFORE}\b(?P<a>{_SPAN_START})
    (?P<conn>\s*[-–—]\s*|\s+(?:to|and|until|till)\s+(?:c\.\s*|circa\s+)?)
    (?P<b>{_SPAN_END})
    \b{_NOT_IN_NUMBER_AFTER}
    """,
    re.VERBOSE,
)


_PIECE_RES = {
    "dmy": re.compile(
        rf"(?P<d>\d{{1,2}}){_ORDINAL}?\s+(?P<m>{_MONTH_PATTERN})\.?,?\s+(?P<y>\d{{4}})"
    ),
    "mdy": re.compile(
        rf"(?P<m>{_MONTH_PATTERN})\.?\s+(?P<d>\d{{1,2}}){_ORDINAL}?,?\s+(?P<y>\d{{4}})"
    ),
    "my": re.compile(rf"(?P<m>{_MONTH_PATTERN})\.?,?\s+(?P<y>\d{{4}})"),
    "y": re.compile(r"(?P<y>\d{4})"),
    "dm": re.compile(rf"(?P<d>\d{{1,2}}){_ORDINAL}?\s+(?P<m>{_MONTH_PATTERN})\.?"),
    "m": re.compile(rf"(?P<m>{_MONTH_PATTERN})\.?"),
    "d": re.compile(rf"(?P<d>\d{{1,2}}){_ORDINAL}?"),
}


@dataclass
class Mention:
    """One date mentioned in a text: a day, month, year, decade, century or span."""

    start: int
    end: int
    label: str
    when: datetime.date
    end_when: datetime.date | None = None
    kind: str = "year"  # "year", "month", "day", "decade", "century" or "span"


def _piece(match: re.Match[str], side: str) -> tuple[str, dict[str, int]]:
    """(form, {"y": .., "m": .., "d": ..}) of one end of a span."""
    for form, regex in _PIECE_RES.items():
        name = f"{side}_{form}"
        text = match.group(name) if name in match.re.groupindex else None
        if text is not None:
            parts = regex.fullmatch(text)
            values = {}
            for key in ("y", "m", "d"):
                if key in regex.groupindex:
                    raw = parts.group(key)
                    values[key] = _month_number(raw) if key == "m" else int(raw)
            return form, values
    # Only the end can be a two-digit year ("1852–53").
    return "yy", {"yy": int(match.group("b_yy"))}


def _piece_label(values: dict[str, int]) -> str:
    words = []
    if "d" in values:
        words.append(str(values["d"]))
    if "m" in values:
        words.append(_MONTH_NAMES[values["m"]])
    if "y" in values:
        words.append(str(values["y"]))
    return " ".join(words)


def _span(match: re.Match[str]) -> Mention | None:
    """The span a _SPAN_RE match stands for, or None if its ends do not make one."""
    lead, conn = match.group("lead"), match.group("conn").strip()
    a_form, a = _piece(match, "a")
    b_form, b = _piece(match, "b")
    if conn == "and" and not lead:
        return None  # "in 1994 and 1999" names two years
    if conn in ("until", "till") and not lead:
        return None  # "the war lasted 1939 until ..." reads as a bound
    if b_form == "yy":
        # "1852–53": only after a full year and a dash.
        if a_form != "y" or conn not in ("-", "–", "—"):
            return None
        b = {"y": a["y"] - a["y"] % 100 + b["yy"]}
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
    for key in ("m", "y"):
        a.setdefault(key, b.get(key, 1) if key == "y" or "d" in a else b.get(key, 1))
    if "d" in a and "m" not in shown:
        a["m"] = b["m"]
    if not (_MIN_YEAR <= a["y"] <= _MAX_YEAR and _MIN_YEAR <= b["y"] <= _MAX_YEAR):
        return None
    try:
        first = datetime.date(a["y"], a.get("m", 1), a.get("d", 1))
        last = datetime.date(b["y"], b.get("m", 1), b.get("d", 1))
    except ValueError:
        return None
    if first >= last:
        return None
    # The start as written (it may share its month or year with the end).
    start_label = _piece_label(shown)
    return Mention(
        match.start("a"),
        match.end("b"),
        f"{start_label}–{_piece_label(b)}",
        first,
        last,
        "span",
    )


def _single(match: re.Match[str]) -> list[Mention]:
    group = match.group
    kind = (
        "day"
        if group("iso_y") or group("dmy_y") or group("mdy_y")
        else "month"
        if group("my_y")
        else "century"
        if group("century")
        else "decade"
        if group("decade")
        else "year"
    )
    mentions = []
    found_all = _match_events(match)
    for position, found in enumerate(found_all):
        if found is None:
            continue
        label, when = found
        found_kind = kind
        start, end = match.start(), match.end()
        if group("range_a"):
            found_kind = "span" if "–" in label else "year"
            if len(found_all) == 2:
                # "2023-2019" is no span: two years, each where it is written.
                start, end = match.span("range_b" if position else "range_a")
        if found_kind == "day" and label.count(" ") < 2:
            found_kind = "month" if " " in label else "year"
        end_when = None
        if found_kind == "span":
            end_when = datetime.date(int(group("range_b")), 1, 1)
        mentions.append(Mention(start, end, label, when, end_when, found_kind))
    return mentions


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
    christmas easter midsummer ad ce ac bc bce anno the a an between when while as
    """
)


_UNIT_WORDS = word_set(
    """
    km m cm mm nm µm kg g mg µg t kt mt l ml kl ha acre acres ft mi mph kmh rpm hz khz mhz
    ghz w kw mw gw v kv ma k kn mn j kj mj kwh mwh cal kcal db b kb mb gb tb bit bits
    byte bytes kbit mbit gbit px pt ppm ppb sq cu million millions billion billions thousand
    thousands hundred hundreds dozen percent per tonnes tonne tons ton lire lira francs
    dollars pounds euros marks yen roubles rubles
    """
)


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
    return mention.kind in ("year", "span") and mention.label[:4].isdigit()


def _not_a_date(text: str, mention: Mention) -> bool:
    """A bare number that only looks like a year: a label's number, a quantity, an address."""
    if not _year_like(mention):
        return False
    before, after = text[: mention.start], text[mention.end :]
    if re.search(r"(?:[/\w.]|[^\W\d]-)$", before) and not re.search(
        r"(?i)\b(?:pre|post|mid|c\.)-?$", before
    ):
        return True  # "HTTP/1945", "DDP-1516", "A.1945": glued to a name

    word = _WORD_BEFORE_RE.search(before[-40:])
    if word and word.end() == len(before[-40:]):
        name = word.group(1).rstrip(".").casefold()
        raw = word.group(1)
        gap = before[len(before) - (len(before[-40:]) - word.end(1)) :]
        if name in _LABEL_WORDS and not gap.strip(" .#"):
            return True
        if (
            mention.kind != "span"
            and raw[:1].isupper()
            and name not in _BEFORE_YEAR_WORDS
            and name not in _MONTHS
            and name not in _MONTH_ABBREVIATIONS
            and not raw.endswith(("'s", "’s", "s'", "s’"))
            and not gap.strip()
        ):
            return True  # "Kosmos 1408", "ISO 9001"
    listed_before = _NUMBER_LIST_BEFORE_RE.search(before)
    if listed_before and not _ANY_DATE_BEFORE_RE.search(before):
        previous = re.match(r"[\d,.]+", listed_before.group()).group().rstrip(",.")
        if not (len(previous) == 4 and _MIN_YEAR <= int(previous) <= _MAX_YEAR):
            return True  # "5474 round and 1850 wrinkled"
    listed = _NUMBER_LIST_AFTER_RE.match(after)
    rest = after[listed.end() :] if listed else after
    following = _WORD_AFTER_RE.match(rest)
    if following:
        word_after = following.group(1)
        key = word_after.casefold().rstrip("/")
        if word_after[:1] in "°%‰³²µ":
            return True
        if rest.lstrip().startswith("-") and key not in STATE_SUFFIXES:
            return True  # "2048-bit", "1500-word"
        if key.split("/")[0] in _UNIT_WORDS:
            return True
        temporal = re.search(
            r"(?i)\b(?:in|on|by|since|until|till|during|after|before|around|circa|c\.)\s*$", before
        )
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


_ANY_DATE_BEFORE_RE = re.compile(rf"(?:{_MONTH_PATTERN})\.?\s+\d{{1,2}},\s*$")


def find_mentions(text: str) -> list[Mention]:
    """Every date mentioned in text, spans as one mention, numbers that are not dates left out."""
    if not _ANY_DIGIT.search(text):
        # Every recognised form has a digit; most bullets have none, so skip the regexes.
        return []
    found: list[Mention] = []
    taken_until = 0
    spans = [span for match in _SPAN_RE.finditer(text) if (span := _span(match))]
    singles = [m for match in _EVENT_RE.finditer(text) for m in _single(match)]
    for mention in sorted([*spans, *singles], key=lambda m: (m.start, -(m.end - m.start))):
        if mention.start < taken_until:
            continue
        if mention.kind == "span" or not any(s.start <= mention.start < s.end for s in spans):
            found.append(mention)
            taken_until = mention.end
    return [mention for mention in found if not _not_a_date(text, mention)]


def find_dates(text: str) -> list[tuple[int, int, str, datetime.date]]:
    """(start, end, label, date) of every date mentioned in `text`, in order.

    A span ("1961–1989", "from May 1940 to June 1941") is one mention dated by its
    start; numbers that only look like years ("RFC 1945", "1500 bytes") are none.
    """
    return [(m.start, m.end, m.label, m.when) for m in find_mentions(text)]


STATE_SUFFIXES = frozenset({"era", "style", "styled", "vintage", "type", "like", "esque"})
