"""Figures a date gives the time of (issue 17's "tallies" and statistics): a level,
a count, a price, a share or a change that a year dates ("Output reached 56.8
million tons in 1913", "peak 74s 8d (1855)", "c. 1/3 in 1948"), which the timeline
reads as a state or leaves to an instructor, not as something that happened then.
events.py asks `figure` of each date it places and `STATISTIC_RE` of each sentence.
"""

from __future__ import annotations

import re

from .clauses import MASK, is_verb
from .dates import WINDOW, Mention

# A statistic with a year is a state: "In 1801 the mills employed some 900 people",
# "In 1835 the county had about 50,000 looms", "grew from about 20,000 people in
# 1780 to over 200,000 by 1850", "fell from 90 % in 1974 to 65 % in 2017".
_QUANTITY = (
    r"(?:some\s+|about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|over\s+|under\s+|"
    r"more\s+than\s+|fewer\s+than\s+|less\s+than\s+|at\s+least\s+|only\s+|just\s+)?"
    r"\d[\d,.]*\s*(?:%|per\s*cent\b|percent\b|(?:thousand|million|billion)\b|[a-z]+s\b|"
    r"people\b|men\b|women\b|children\b|cattle\b|sheep\b|staff\b)"
)


STATISTIC_RE = re.compile(
    r"(?i)\b(?:employed|employs|had|has|have|numbered|numbers|housed|houses|totalled|"
    r"totaled|counted|owned|owns|stood\s+at|was\s+home\s+to)\s+"
    + _QUANTITY
    + r"|\bfrom\s+"
    + _QUANTITY
    + r"[^;]{0,60}?\bto\s+(?:[a-z]+\s+){0,2}?\d"
)


# A figure a date gives the time of: a statistic rather than an event, when the
# figure is what the clause says. A level ("Output reached 56.8 million tons in
# 1913", "World output was about 2 million tonnes in 1950"), a figure as the
# subject ("In 2022 about 10.6 million people fell ill", "About 23 % of trade was
# taxed in 2023"), a count of a body ("a workforce of about 1800 men"), an output
# measured ("launched 757,000 tons"), a change ("fell from about 60,000 in 1971 to
# ...") or a ratio ("one death in four"). Only a date no finer than a year: a day
# or a month dates an occasion ("grew to some 70,000 people on 9 October 1989").
_FIGURE = (
    r"(?:(?:about|around|some|nearly|almost|over|roughly|approximately|only|just|~)\s*)?"
    r"(?:[$£€¥]\s*)?\d[\d,.]*\s*(?:%|per\s*cent\b|percent\b|(?:thousand|million|billion|bn)\b)?"
)
_MEASURE_UNITS = (
    r"(?:tons?|tonnes?|barrels|gallons|litres|liters|bales|yards|metres|meters|km|miles|"
    r"acres|hectares|units)"
)
_FIGURE_RE = re.compile(
    r"(?i)\b(?:output|production|employment|population|membership|turnover|revenue|exports?|"
    r"imports?|consumption|emissions|tonnage|sales|workforce|price|prices|cost|costs)\s+"
    r"(?:was|were|stood\s+at|reached|totalled|totaled|peaked\s+at|rose\s+to|fell\s+to)\s+"
    + _FIGURE
    + r"|^\s*(?:about|around|some|nearly|almost|over|roughly|approximately)\s+\d[\d,.]*\s*"
    r"(?:%|per\s*cent\b|percent\b|thousand\b|million\b|billion\b)"
    r"|\b(?:workforce|population|output|membership|total)\s+of\s+" + _FIGURE + r"\s*[a-z]"
    r"|\b(?:launched|produced|mined|raised|exported|imported|shipped|carried|handled|landed|"
    r"harvested|built|made|rolled|cast|smelted|refined)\s+"
    + _FIGURE
    + r"\s*"
    + _MEASURE_UNITS
    + r"\b"
    r"|\b(?:fell|rose|grew|dropped|declined|increased|shrank)\s+from\s+"
    + _FIGURE
    # A unit after the figure: "shrank from 10 µm in 1971 to 5 nm in 2020".
    + r"(?:\s*[^\W\d_]{1,5})?\s+in\b"
    # A rate: "loading loose cargo cost about $5.83 a ton", "paid 6d. per day".
    r"|\b(?:cost|costs|paid|earned|fetched|sold\s+for)\s+"
    + _FIGURE
    + r"\s*(?:[a-z]{1,6}\.?\s*)?(?:a|an|per)\s+[a-z]+"
    r"|\bone\s+[a-z]+\s+in\s+(?:every\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b"
    r"(?!\s+(?:days|weeks|months|years))"
    # A measured level: "2019 annual mean ~411 ppm", "average of 3.2 mm a year".
    r"|\b(?:mean|average|median|concentration)\s+(?:of\s+|at\s+|was\s+)?"
    + _FIGURE
    + r"\s*(?:%|[^\W\d_])"
    # A labelled count, note-speak: "Traffic: about 1.2 million lorries in 2023",
    # "Chinese arrivals: 325 in '49" (round 17). A census's own year ("Census of 2 CE:
    # 57.7 million people") is when it was taken; the keys differ on it, so it stays.
    r"|^\s*[A-Z][^:;.\x00]{0,30}:\s*(?:c\.|ca\.|~|about|around|some|over|nearly)?\s*"
    r"(?:\d{1,3}(?:,\d{3})+|\d[\d.]*\s*(?:%|million|billion|bn)\b|\d+(?=\s+in\s))"
    # Note-speak's count reached by then: "1972 → c. 40 stations worldwide".
    r"|^\s*(?:→|->)\s*(?:c\.|ca\.|~|about|around|some|over|nearly)\s*\d[\d,.]*\s+[a-z]+s\b"
)


# A date in brackets right after a figure is the figure's: "goals 4,700 (1924-25)".
_FIGURE_BEFORE_RE = re.compile(
    r"(?:\d{1,3}(?:,\d{3})+|[$£€¥]\s*\d[\d.,]*|\d[\d.,]*\s*(?:%|million|billion|bn|m\b))"
    # With its unit: "Wheat harvest: 12.3 million t (1965)" (round 12, set 13), "127 m t
    # (1938)" (round 22, set 27).
    r"(?:\s*[a-z]{1,6}(?:/[a-z]{1,3})?){0,2}\s*\($"
    # A level of another year's: "industry c. 1/3 of 1936 level (1947)" (round 22).
    r"|(?i:\blevels?\s*\($)"
    # A price in shillings and pence: "peak 74s 8d (1855)" (round 23, set 28).
    r"|\b\d{1,3}s(?:\s+\d{1,2}d)?\??\s*\($"
    # A share of a count, after a label: "His figures: of 35 amputations in 1864–66, 16
    # died" (round 23); not "smashed the tops of some 40 pyramids in 1834".
    r"|(?i:[:;(]\s*of\s+(?:c\.\s*|about\s+|some\s+)?\d[\d,]*(?:\s+[a-z]+)?\s+in\s+$)"
    # A trend's ends: "yield went from c. 750 kg/ha in 1950 to c. 3,200 kg/ha in 1970";
    # a rate at a time: "c. 4,500 chests a year around 1800"; a reading: "~0.5 °C in
    # 1992".
    r"|(?i:\bfrom\s+(?:[^;]{0,60}?\bin\s+\S+\s+to\s+)?(?:c\.\s*|about\s+|some\s+|~\s*)?"
    r"\d[\d,.]*\s*(?:%|[a-z]{1,6}(?:/[a-z]{1,3})?)?\s+in\s+$)"
    r"|(?i:\d[\d,.]*\s+[a-z]+\s+(?:a|per)\s+(?:year|annum|month|week|day)\s+"
    r"(?:around|about|in|c\.)\s*$)"
    # A price per unit: "allowance price c. $150 a ton in 1995" (round 22, set 27),
    # "wheat avg 126s 6d a quarter in 1812" (round 23, set 28).
    r"|(?i:(?:[$£€¥]\s*\d[\d,.]*|\b\d{1,3}s(?:\s+\d{1,2}d)?)\s+(?:a|per)\s+(?:ton|tonne|head|"
    r"barrel|unit|kg|ounce|lb|pound|acre|hectare|quarter|bushel|cwt)\s+(?:around|about|in|c\.)\s*$)"
    r"|\d\s*°\s*[CF]?\s+in\s+$"
)


_LEADING_MASK_RE = re.compile(rf"^\W*(?:(?:in|on|by|during)\s+)?(?:the\s+)?{MASK}+[\s,:]*", re.I)


# A level the date is glossed by, at any precision: "Prices peaked in May 1920, when
# a loaf cost 300 crowns" dates a level, not an occasion (but "..., when the rate rose
# to £11.44" is a change that happened then).
_FIGURE_WHEN_RE = re.compile(
    r"(?i),\s+when\s+(?:[^\s,;]+\s+){1,4}?(?:cost|costs|stood\s+at|was|were|fetched|"
    r"traded\s+at)\s+" + _FIGURE + r"(?:\s*trillion\b)?\s*[a-z%]"
)


# A level a year is the time of, the figure right before it: "the rate stood at about
# 12 per cent in 1920", "the port handled some 3 million tons in 1913", "was already
# above 9 % in 1973". Whatever the subject, the clause reports a figure then.
_LEVEL_IN_RE = re.compile(
    r"(?i)\b(?:was|were|is|are|stood\s+at|peaked\s+at|reached|hit|topped|handled|"
    # A price: "A pack of 20 cost about £1.70 in 1990" (round 17).
    r"processed|carried|passed|exceeded|surpassed|cost|costs)\s+(?:(?:already|still|then)\s+)?"
    r"(?:(?:above|below|over|under)\s+)?"
    r"(?:(?:about|around|some|nearly|almost|roughly|approximately|only|just|~)\s*)?"
    r"(?:[$£€¥]\s*\d[\d,.]*|\d[\d,.]*\s*(?:%|per\s*cent\b|percent\b|thousand\b|million\b|"
    r"billion\b|bn\b)"
    # A figure in words: "passed six million early in 1932".
    r"|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty)\s+"
    r"(?:thousand|million|billion)\b)(?:\s+[^\W\d][\w'’-]*){0,2}\s+in\s+(?:the\s+)?$"
)


# Note-speak's level at a time: "pop. c. 3.1m in 1550", "under $500 in the 2010s",
# "~40% in 1900" - a figure then "in" and the date, with no verb before it to say
# that anything happened ("raised $5m in 1999" is an event).
_FIGURE_IN_RE = re.compile(
    r"(?i)(?:[$£€¥]\s*\d[\d,.]*(?:\s*(?:m|bn|k|million|billion|thousand)\b)?"
    r"|\d[\d,.]*\s*(?:%|per\s*cent|m|bn|million|billion)(?![\w])"
    # A share as a fraction: "(c. 1/3 in 1948)", a large count (round 22, set 27), a
    # price in shillings: "c. 50s in the 1850s" (round 23, set 28).
    r"|\b\d/\d{1,2}|\b\d{1,3}(?:,\d{3})+|(?<=c\.\s)\d{1,3}s(?:\s+\d{1,2}d)?"
    # What is counted, and a writer's doubt: "1.5 million visitors in 2019", "c. $4.7
    # bn? in 1947" (round 22).
    r")(?:\s+[a-z]+s\b)?\??\s+in\s+(?:the\s+)?$"
)


def figure(masked: str, clause: tuple[int, int], mention: Mention) -> bool:
    """A figure the date gives the time of (see above)."""
    if _FIGURE_BEFORE_RE.search(masked, max(0, mention.start - 100), mention.start):
        return True
    # A window before the date, not the clause: a figure's digits backtrack, and a
    # long run of them searched from the clause's start took time in its square.
    level = _FIGURE_IN_RE.search(masked, max(clause[0], mention.start - WINDOW), mention.start)
    if level and not any(
        word[:1].islower() and is_verb(word.strip(".,:;\"'“”"))
        for word in re.split(r"[\s→]+", masked[clause[0] : level.start()])
    ):
        return True
    if _FIGURE_WHEN_RE.match(masked, mention.end, clause[1]):
        return True
    if mention.when.precision not in ("day", "month") and _tallies_only(masked, clause):
        return True
    if mention.end_when is not None or mention.when.precision in ("day", "month"):
        return False
    if _LEVEL_IN_RE.search(masked, max(clause[0], mention.start - WINDOW), mention.start):
        return True
    start = max(clause[0], mention.start - WINDOW)
    words = masked[start : min(clause[1], mention.end + WINDOW)]
    # The clause's own words, a date it opens with left out ("In 2022 about ...").
    words = _LEADING_MASK_RE.sub("", words, count=1)
    if mention.kind in ("decade", "century") and _SHARE_RE.search(words):
        return True
    return bool(_FIGURE_RE.search(words))


# A share over a period is a statistic without a number: "In the early 1960s the
# missile programmes bought most of the chips made".
_SHARE_RE = re.compile(
    r"(?i)\b(?:most|the\s+bulk|the\s+(?:great\s+)?majority|(?:a|one)\s+(?:half|third|quarter|"
    r"fifth|tenth))\s+of\b"
)


# A few children had is a birth, not a statistic: "had 3 sons in 1821".
BIRTHS_RE = re.compile(
    r"(?i)(?:had|has|have)\s+\d{1,2}\s+(?:sons|daughters|children|twins|triplets|"
    r"grandchildren|heirs)"
)


# A line of figures and no verb, a statistic for its date (round 25, from the
# statistics sets 24 to 29 key as no events): "1952: worst US year, c. 57,900
# cases, c. 3,100 deaths", "deaths 1803–15: c. 3.5–6 million", "Cost of the war:
# total British war spending 1702–13: c. £93 m".
# The tallies (a number and the words that count with it) are set aside; what is
# left has no verb, no name ("Siege of Leningrad", an event its toll is told of)
# and a word that names a statistic ("worst", "total", "deaths"). Not for a day or
# a month, which date an occasion.
_TALLY_RE = re.compile(
    r"(?i)(?:c\.\s*|about\s+|some\s+|over\s+|only\s+|~\s*)?(?:[$£€]\s*)?\d[\d,.]*"
    r"(?:\s*[–-]\s*\d[\d,.]*)?(?:\s*(?:%|m\b|bn\b|k\b|(?:thousand|million|billion)\b))?"
    r"(?:\s+(?:[a-z]+\s+)?(?:cases|deaths|dead|killed|wounded|casualties|injured|tons|"
    r"tonnes|flights|people|men|troops|soldiers|ships|votes|seats|members|countries|"
    r"emigrated|left\s+paralysed|reported))?"
)
_STATISTIC_WORDS = frozenset(
    """total totals cost costs deaths toll cases population worst best record average
    avg peak only figures spending budget output est estimate estimated endemic""".split()  # noqa: SIM905
)
_SMALL_WORDS = frozenset("a an the of in on at for to by and or + = with from".split())  # noqa: SIM905


def _tallies_only(masked: str, clause: tuple[int, int]) -> bool:
    """The clause is a line of figures (see above)."""
    if clause[1] - clause[0] > 2 * WINDOW:
        return False  # a long clause is a sentence, not a line of figures
    text = masked[clause[0] : clause[1]]
    text = re.sub(r"\([^()]*\)", " ", text).replace(MASK, " ")
    # A tally counts something: a unit after its number, or thousands written with a
    # comma ("c. 57,900 cases", "8.2 m"; not "3 divisions"'s bare "3" nor "RFC 7230").
    if not any(
        re.search(r"\d\s*[a-z%]|\d,\d{3}", tally.group()) for tally in _TALLY_RE.finditer(text)
    ):
        return False
    if _NAME_RE.search(text):
        return False  # "1st Five-Year Plan 1953–57: ... c. 9% growth": a named thing
    rest = _TALLY_RE.sub(" ", text)
    written = [w.strip(".,:;\"'“”!?") for w in re.split(r"[\s→]+", rest)]
    written = [w for w in written if w and w.casefold() not in _SMALL_WORDS and not w.isdigit()]
    words = [w.casefold() for w in written]
    # A verb as written in lower case ("Cost 1702–13" opens on a noun); "cost" and
    # "estimated" name the statistic.
    if any(w[:1].islower() and is_verb(w) and w not in _STATISTIC_WORDS for w in written):
        return False
    return bool(_STATISTIC_WORDS.intersection(words))


# Two capitalised words running on, a name: "Five-Year Plan", "Siege of Leningrad".
_NAME_RE = re.compile(r"\b[A-Z][\w'’-]+\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]+")
