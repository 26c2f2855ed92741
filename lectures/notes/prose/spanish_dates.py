"""Dates in Spanish prose: every date a Spanish text mentions, as
lectures.notes.prose.eras's `When` values, in the same `Mention` shape as the
English reading (dates.py) so that event_text and the quiz rules read both alike.

Read: "el 3 de mayo de 1808" and "1.º de enero de 1959" (a day), "diciembre de
2024" (a month), "en 1492" (a year), "el año 711", "218 a. C.", "a.C.", "a. de
C.", "d. C.", "antes de Cristo", "a. n. e." (eras), "siglo XIX", "s. XIX", "el
siglo V a. C." (centuries), "la década de 1960", "los años sesenta" / "los años
60" (decades), "principios / mediados / finales del siglo XVIII" and "de la
década de 1960" (qualified), "hacia 1500", "c. 1500", "alrededor de 1500", "en
torno a 1500" (approximate), "de 1936 a 1939", "entre 1936 y 1939", "desde 1936
hasta 1939", "1936-1939", "de 218 a 201 a. C.", "de julio de 1936 a abril de
1939" (spans) and "hace 66 millones de años", "hace 10.000 años" (deep time).

Precision before recall: a bare four-digit year is read only where a word or the
punctuation around it makes it one ("en 1492", "(1492)", "1492:"); a number
followed by a plural noun counts things ("1500 soldados") and is no date; one that
may still be a count, or a decade whose century is guessed ("los años veinte" in
notes that name no year of the 1900s), keeps a `doubt` the events turn into a
suggestion. Reading is linear in the text: one regular scan, then a look at a few
words either side of each date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_noop

from .dates import Mention
from .eras import When, century_year

MONTHS = {
    "enero": 1,
    "febrero": 2,
    "marzo": 3,
    "abril": 4,
    "mayo": 5,
    "junio": 6,
    "julio": 7,
    "agosto": 8,
    "septiembre": 9,
    "setiembre": 9,
    "octubre": 10,
    "noviembre": 11,
    "diciembre": 12,
}

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))

# "a. C.", "a.C.", "a. de C.", "a. n. e.", "antes de Cristo", "AEC"; and our era's.
_BC = (
    r"(?:a\.\s?(?:de\s)?C\.|a\.\s?n\.\s?e\.|antes\s+de\s+Cristo|antes\s+de\s+nuestra\s+era|"
    r"a\.\s?e\.\s?c\.|AEC(?!\w)|aC(?!\w))"
)
_AD = r"(?:d\.\s?(?:de\s)?C\.|después\s+de\s+Cristo|d\.\s?n\.\s?e\.|dC(?!\w))"
_ERA = rf"(?:{_BC}|{_AD})"
# Spanish groups thousands with a point ("10.000 a. C."), or not at all.
_NUM = r"(?:\d{1,2}\.\d{3}|\d{1,5})"
_YEAR = r"\d{4}"
# A year with its era, of any size, or a year of four digits.
_Y = rf"(?:{_NUM}\s?{_ERA}|{_YEAR})"
_ROMAN = r"[IVXL]{1,6}"
_DECADE_WORDS = {
    "veinte": 20,
    "treinta": 30,
    "cuarenta": 40,
    "cincuenta": 50,
    "sesenta": 60,
    "setenta": 70,
    "ochenta": 80,
    "noventa": 90,
}
_DECADE_WORD = "|".join(_DECADE_WORDS)

_MIN_YEAR, _MAX_YEAR = 1000, 2199
_MAX_BC = 99_999
# "hace 500 años" counts back from when the notes were written; from here on it is
# deep time (eras.PRESENT), the same whenever they were.
_MIN_DEEP = 1000

_DATE_RE = re.compile(
    rf"""
    (?<![\w$€£¥.,])
    (?:
        (?P<span_a>{_NUM})(?:\s*[-–—]\s*|\s+(?:a|al|y|hasta)\s+)(?P<span_b>{_NUM})\s?(?P<span_era>{_ERA})
      | (?P<d>\d{{1,2}}|1\.?[º°o])\s+de\s+(?P<dm>{_MONTH})\s+(?:de|del)\s+(?P<dy>{_Y})
      | (?P<na>\d{{1,2}})/(?P<nb>\d{{1,2}})/(?P<ny>{_YEAR})
      | (?P<m>{_MONTH})\s+(?:de|del)\s+(?P<my>{_Y})
      | (?:siglo|s\.)\s?(?P<c>{_ROMAN})(?!\w)(?:\s?(?P<c_era>{_ERA}))?
      | década\s+de\s+(?:los\s+)?(?:(?P<dec>\d{{3}}0)|(?P<dec_w>{_DECADE_WORD})|(?P<dec_n>[2-9]0))
        (?:\s?(?P<dec_era>{_BC}))?
      | años\s+(?:(?P<yrs_w>{_DECADE_WORD})|(?P<yrs_n>[2-9]0)(?!\d))
      | hace\s+(?P<deep_about>(?:unos|unas|alrededor\s+de|aproximadamente|cerca\s+de|casi|
        más\s+de|en\s+torno\s+a)\s+)?(?P<deep>\d{{1,3}}(?:\.\d{{3}})*(?:,\d+)?)\s+
        (?P<deep_unit>mil\s+millones|millones|millón|mil)\s+de\s+años
      | hace\s+(?P<deepn_about>(?:unos|unas|alrededor\s+de|aproximadamente|cerca\s+de|casi|
        más\s+de|en\s+torno\s+a)\s+)?(?P<deepn>\d{{1,3}}(?:\.\d{{3}})+|\d{{4,}})\s+años
      | año\s+(?P<small>[1-9]\d{{0,2}})(?!\s?{_ERA})
      | (?P<y>{_Y})
    )
    (?!\w)(?![.,]\d)(?!\s*%)
    """,
    re.VERBOSE | re.IGNORECASE,
)

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman(text: str) -> int | None:
    """The value of a Roman numeral of at most 50-odd, or None if it is not one."""
    total, previous = 0, 0
    for letter in reversed(text.upper()):
        value = _ROMAN_VALUES[letter]
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total if 0 < total <= 30 and to_roman(total) == text.upper() else None


def to_roman(number: int) -> str:
    """The Roman numeral of 1 to 39 (a century's)."""
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out, number = out + letters, number - value
    return out


@dataclass
class SpanishMention(Mention):
    # Why the reading may be wrong ("" when it is sure): the event is a suggestion.
    doubt: str = ""


def _number(text: str) -> int:
    return int(text.replace(".", ""))


def _bc(era: str | None) -> bool:
    return bool(era) and re.fullmatch(_BC, era.strip(), re.IGNORECASE) is not None


def _year(text: str) -> tuple[int, bool] | None:
    """The signed year and whether its era is written, or None when out of range."""
    found = re.fullmatch(rf"(?P<n>{_NUM})\s?(?P<era>{_ERA})?", text.strip(), re.IGNORECASE)
    if found is None:
        return None
    number, era = _number(found.group("n")), found.group("era")
    if era:
        if not 1 <= number <= _MAX_BC:
            return None
        return (-number if _bc(era) else number), True
    if not _MIN_YEAR <= number <= _MAX_YEAR:
        return None
    return number, False


def _month(name: str) -> int:
    return MONTHS[name.casefold()]


def _valid_day(year: int, month: int, day: int) -> bool:
    if not 1 <= day <= 31:
        return False
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return day <= (29 if leap else 28)
    return day <= (30 if month in (4, 6, 9, 11) else 31)


def _mention(match: re.Match[str]) -> SpanishMention | None:
    start, end, label = match.start(), match.end(), match.group()
    g = match.group
    if g("span_a"):
        era = g("span_era")
        first, last = _year(f"{g('span_a')} {era}"), _year(f"{g('span_b')} {era}")
        if first is None or last is None or first[0] > last[0]:
            return None
        a, b = When(first[0]), When(last[0])
        label = f"{g('span_a')}–{g('span_b')} {era}"
        return SpanishMention(start, end, label, a, b, "span", era=True)
    if g("d"):
        year = _year(g("dy"))
        day = 1 if not g("d").isdigit() else int(g("d"))
        month = _month(g("dm"))
        if year is None or not _valid_day(year[0], month, day):
            return None
        return SpanishMention(start, end, label, When(year[0], "day", month, day), kind="day")
    if g("na"):
        day, month, year = int(g("na")), int(g("nb")), int(g("ny"))
        if not 1 <= month <= 12 or not _valid_day(year, month, day):
            return None
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            return None
        return SpanishMention(start, end, label, When(year, "day", month, day), kind="day")
    if g("m"):
        year = _year(g("my"))
        if year is None:
            return None
        when = When(year[0], "month", _month(g("m")))
        return SpanishMention(start, end, label, when, kind="month")
    if g("c"):
        number = roman(g("c"))
        if number is None:
            return None
        when = When(century_year(number, _bc(g("c_era"))), "century")
        return SpanishMention(start, end, label, when, kind="century", era=bool(g("c_era")))
    if g("dec") or g("dec_w") or g("dec_n"):
        if g("dec"):
            year = int(g("dec"))
            if g("dec_era"):
                # "la década de 220 a. C." counts 229 down to 220 BC (eras: its first year).
                return SpanishMention(
                    start, end, label, When(-year - 9, "decade"), kind="decade", era=True
                )
            return SpanishMention(start, end, label, When(year, "decade"), kind="decade")
        tens = _DECADE_WORDS[g("dec_w").casefold()] if g("dec_w") else int(g("dec_n"))
        return SpanishMention(
            start, end, label, When(1900 + tens, "decade"), kind="decade", century_doubt=True
        )
    if g("yrs_w") or g("yrs_n"):
        tens = _DECADE_WORDS[g("yrs_w").casefold()] if g("yrs_w") else int(g("yrs_n"))
        return SpanishMention(
            start, end, label, When(1900 + tens, "decade"), kind="decade", century_doubt=True
        )
    if g("deep") or g("deepn"):
        if g("deep"):
            # Spanish groups thousands with "." and writes decimals with ",".
            amount = float(g("deep").replace(".", "").replace(",", "."))
            unit = " ".join(g("deep_unit").casefold().split())
            scale = {"mil millones": 10**9, "millones": 10**6, "millón": 10**6, "mil": 10**3}
            years = round(amount * scale[unit])
            about = g("deep_about")
        else:
            years = _number(g("deepn"))
            about = g("deepn_about")
        if years < _MIN_DEEP:
            return None
        # The label leaves "unos" out, as the English one leaves "about" out.
        if about:
            label = "hace " + label[len("hace ") + len(about) :]
        when = When(years, "deep", approximate=bool(about))
        return SpanishMention(start, end, label, when, kind="deep")
    if g("small"):
        # "el año 476": a year of our era under 1000, which "año" makes one.
        start, label = match.start("small"), g("small")
        return SpanishMention(start, end, label, When(int(label)), kind="year", small=True)
    year = _year(g("y"))
    if year is None:
        return None
    return SpanishMention(start, end, label, When(year[0]), kind="year", era=year[1])


# What makes a bare year one: a word or mark just before it, or a colon, bracket
# or closing punctuation just after.
_YEAR_LEAD_RE = re.compile(
    r"(?i)(?:\b(?:en|el|del|año|años|desde|hasta|hacia|entre|y|o|a|al|de|para|antes\s+de|"
    r"después\s+de|a\s+partir\s+de|circa|c\.|ca\.|aprox\.|aproximadamente|alrededor\s+de|"
    r"en\s+torno\s+a|cerca\s+de|finales\s+de|principios\s+de|mediados\s+de|verano\s+de|"
    r"invierno\s+de|primavera\s+de|otoño\s+de)|[(\[–—-])\s*$"
)
_YEAR_TAIL_RE = re.compile(r"^\s*(?:[:;,.)\]–—-]|$)")
# A number before a lower-case word ending in -s counts things: "1500 soldados";
# not before an article or another small word ("en 1810 las Cortes").
_COUNTED_RE = re.compile(
    r"^\s+(?:de\s+)?(?!(?:las|los|unas|unos|sus|más|menos|tras|pues|después|además|"
    r"mientras|dos|tres|seis)\b)[a-záéíóúñü]+s\b"
)
# A number after these names something: "la ley 1936", "artículo 1812", "n.º 1500".
_NAMED_RE = re.compile(
    r"(?i)\b(?:ley|artículo|art\.|número|núm\.|n\.?º|página|páginas|pág\.|p\.|pp\.|modelo|"
    r"ruta|calle|avenida|km|kilómetro|habitación|vuelo|código|decreto|expediente)\s*$"
)
_APPROX_LEAD_RE = re.compile(
    r"(?i)\b(?:hacia|circa|c\.|ca\.|aprox\.|aproximadamente(?:\s+en)?|alrededor\s+de(?:l)?|"
    r"en\s+torno\s+a(?:l)?|cerca\s+de(?:l)?)\s*(?:el\s+(?:año\s+)?|la\s+)?$"
)
# "c. 1500" and "ca. 1500" carry their mark in the label, as the English "c. 1503".
_LABEL_APPROX_RE = re.compile(r"(?i)\b(?:c\.|ca\.|circa)\s*$")
_QUALIFIER_RE = re.compile(
    r"(?i)\b(?P<q>principios|comienzos|inicios|mediados|finales|fines)\s+"
    r"(?:del|de\s+la|de\s+los|de)\s+(?:la\s+)?$"
)
_QUALIFIER_WORDS = {
    "principios": "early",
    "comienzos": "early",
    "inicios": "early",
    "mediados": "mid",
    "finales": "late",
    "fines": "late",
}
WINDOW = 60


# "la Constitución de 1978", "la Generación del 27": a year naming something.
# ("Alrededor de 1450", "Finales de 1808" are dates, not names.)
_NAME_OF_RE = re.compile(
    r"(?<!\w)(?!(?:Alrededor|Cerca|Antes|Después|Despues|Principios|Comienzos|Inicios|"
    r"Mediados|Finales|Fines|Partir|Verano|Invierno|Primavera|Otoño|Año|Años|Década)\b)"
    r"[A-ZÁÉÍÓÚÑ][\wáéíóúñü]+\s+(?:de|del)\s+$"
)


def _bare_year_doubt(text: str, mention: SpanishMention) -> str | None:
    """None when a bare year is no date at all, "" when it surely is one, else why
    it may not be."""
    before = text[max(0, mention.start - WINDOW) : mention.start]
    after = text[mention.end : mention.end + WINDOW]
    if _NAMED_RE.search(before):
        return None
    if _NAME_OF_RE.search(before):
        return gettext_noop("a year that names something")
    if _YEAR_LEAD_RE.search(before) or not before.strip():
        if _COUNTED_RE.match(after):
            if re.search(r"(?i)\b(?:en|año|desde|hasta|hacia)\s*$", before):
                # "En 1808 tropas francesas entraron", or "llegaron en 1500 barcos".
                return gettext_noop("a number that may count what follows it")
            return None  # "de 1500 soldados"
        return ""
    if _COUNTED_RE.match(after):
        return None
    if _YEAR_TAIL_RE.match(after):
        return ""
    return gettext_noop("a number that may not be a year")


# Two dates joined into one span: "de 1936 a 1939", "entre 1936 y 1939", "desde
# julio de 1936 hasta abril de 1939", "1936-1939".
_SPAN_LEAD_RE = re.compile(r"(?i)\b(?P<lead>de|desde|entre)\s+(?:el\s+(?:año\s+)?|la\s+|los\s+)?$")
_SPAN_JOIN_RE = re.compile(r"(?i)\s+(?:a|al|hasta|y)\s+(?:el\s+(?:año\s+)?|la\s+|los\s+)?")
_DASH_JOIN_RE = re.compile(r"\s*[-–—]\s*")
_SPAN_KINDS = frozenset({"day", "month", "year"})


def _joined(text: str, mentions: list[SpanishMention]) -> list[SpanishMention]:
    out: list[SpanishMention] = []
    index = 0
    while index < len(mentions):
        first = mentions[index]
        last = mentions[index + 1] if index + 1 < len(mentions) else None
        if last is not None and first.kind in _SPAN_KINDS and last.kind in _SPAN_KINDS:
            between = text[first.end : last.start]
            lead = _SPAN_LEAD_RE.search(text[max(0, first.start - WINDOW) : first.start])
            joined = _DASH_JOIN_RE.fullmatch(between) or (
                lead is not None
                and _SPAN_JOIN_RE.fullmatch(between)
                # "entre 1936 y 1939", "de 1936 a 1939": not "de 1936 y 1939".
                and (lead.group("lead").casefold() == "entre") == (between.split()[0] == "y")
            )
            if joined and first.when.sort_key < last.when.sort_key:
                label = f"{first.label}–{last.label}"
                out.append(
                    SpanishMention(
                        first.start,
                        last.end,
                        label,
                        first.when,
                        last.when,
                        "span",
                        era=first.era or last.era,
                        doubt=first.doubt or last.doubt,
                    )
                )
                index += 2
                continue
        out.append(first)
        index += 1
    return out


_DAY_SPAN_RE = re.compile(r"(?i)\b\d{1,2}\s*(?:y|al?|[-–—])\s*(?:el\s+)?$")


def _with_context(text: str, mention: SpanishMention, decades_from: int | None) -> SpanishMention:
    """The mention with what the words before it say: a qualifier (early, mid,
    late), "about", and for a decade named by its tens, the century."""
    before = text[max(0, mention.start - WINDOW) : mention.start]
    if mention.kind in ("century", "decade"):
        found = _QUALIFIER_RE.search(before)
        if found:
            start = mention.start - len(before) + found.start()
            qualifier = _QUALIFIER_WORDS[found.group("q").casefold()]
            mention.when = When(mention.when.year, mention.when.precision, qualifier=qualifier)
            mention.start, mention.label = start, text[start : mention.end]
    if mention.kind == "decade" and mention.century_doubt and decades_from is not None:
        tens = mention.when.year % 100
        mention.when = When(decades_from + tens, "decade", qualifier=mention.when.qualifier)
        mention.century_doubt = False
    if mention.century_doubt:
        mention.doubt = gettext_noop("a decade whose century the notes do not say")
    if mention.kind == "day" and _DAY_SPAN_RE.search(before):
        # "entre el 17 y el 19 de marzo de 1808": the date is one end of days.
        mention.doubt = gettext_noop("one end of a span of days")
    approximate = _APPROX_LEAD_RE.search(before)
    if approximate and mention.kind != "deep":
        when = mention.when
        mention.when = When(when.year, when.precision, when.month, when.day, True, when.qualifier)
        if _LABEL_APPROX_RE.search(before):
            mark = _LABEL_APPROX_RE.search(before)
            start = mention.start - len(before) + mark.start()
            mention.start, mention.label = start, text[start : mention.end]
    return mention


def _century_of_decades(text: str) -> int | None:
    """The century a decade named by its tens belongs to ("los años veinte"), when
    the text names years of only one century."""
    centuries = {int(y) // 100 * 100 for y in re.findall(r"(?<!\d)(1[0-9]\d\d|20\d\d)(?!\d)", text)}
    return centuries.pop() if len(centuries) == 1 else None


def find_mentions(text: str) -> list[SpanishMention]:
    """Every date `text` mentions, in order (see the module's docstring)."""
    found: list[SpanishMention] = []
    for match in _DATE_RE.finditer(text):
        mention = _mention(match)
        if mention is None:
            continue
        if mention.kind == "year" and not (mention.era or mention.small):
            doubt = _bare_year_doubt(text, mention)
            if doubt is None:
                continue
            mention.doubt = doubt
        found.append(mention)
    decades_from = _century_of_decades(text)
    found = [_with_context(text, mention, decades_from) for mention in found]
    return _joined(text, found)


def find_dates(text: str) -> list[tuple[int, int, str, When]]:
    """(start, end, label, date) of every date mentioned in `text`, in order."""
    return [(m.start, m.end, m.label, m.when) for m in find_mentions(text)]
