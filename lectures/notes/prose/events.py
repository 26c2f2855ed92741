"""Which dates in a bullet are events, the text each event reads as, and whether the
reading is sure enough to show students (precision before recall: an unsure event
is a suggestion an instructor confirms, with the reason it is unsure)."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from django.utils.translation import gettext_noop

from .clauses import (
    MASK,
    PRONOUNS,
    Placed,
    after_leading_date,
    clause_subject,
    gapped,
    in_brackets,
    is_participle,
    is_verb,
    mask,
    one_instant,
    place_date,
    relative_clause,
    respectively,
    split_clauses,
    tidy,
)
from .dates import MONTH_PATTERN, STATE_SUFFIXES, WINDOW, Mention, as_read, find_mentions, word_set
from .eras import When
from .figures import BIRTHS_RE, STATISTIC_RE, figure
from .notes_wide import (
    NotesYears,
    date_frame,
    framed_mentions,
    heading_frame,
    in_declared_era,
    in_notes_order,
    lecture_named_years,
    near_century,
    nearby_mentions,
    notes_years,
)
from .scholarship import DEBATE_RE, cited, debated, debated_work, scholars_dating, work_story
from .subjects import JOINING_AUXILIARIES, OBJECT_PRONOUN_RE, PLURALS, with_subject


@dataclass
class ParsedEvent:
    when_label: str
    start: When
    text: str
    # The last date of a span ("1961–1989"), at the precision the notes give; None
    # for a single date.
    end: When | None = None
    # False when the reading may be wrong: the event is then a suggestion, and doubt
    # says why in a few words ("no subject", "date in a trailing clause").
    sure: bool = True
    doubt: str = ""


# A bullet naming more dates than this is a list of dates, not a sentence with
# events in it; the clause reading below is quadratic in the dates of a bullet, and
# this bound keeps an import linear in the length of its notes (issue 17).
MAX_DATES = 40


# A bound or a state of affairs rather than an event: "until 1907", "by 1850",
# "since 1971", "as of 1990", "through the 16th century", "for the rest of the 19th century".
# "down to 1453", "back to 1066", "records run to 2100", "by the spring of 1349".
_PART_OF = (
    r"(?:(?:spring|summer|autumn|fall|winter|end|start|beginning|middle|close|"
    r"(?:first|second|latter|last|early|later)\s+(?:half|quarter|third|part))\s+of\s+(?:the\s+)?)"
)


_BOUND_BEFORE_RE = re.compile(
    r"(?i)(?:\b(?:until|till|til|by|since|as\s+of|through|throughout|up\s+to|prior\s+to|"
    r"before|after|into|for\s+the\s+rest\s+of|rest\s+of|down\s+to|back\s+to|beyond|"
    r"at\s+least|more\s+than|less\s+than|(?:no|not)\s+(?:later|earlier|sooner)\s+than|"
    r"(?:run|runs|ran|running|reach|reaches|extend|extends|extending)\s+(?:on\s+)?to)\s+"
    rf"(?:as\s+early\s+as\s+)?(?:(?:about|around|roughly|approximately|some|nearly)\s+|~\s*)?"
    rf"(?:the\s+)?{_PART_OF}?"
    r"(?:(?:very\s+)?(?:early|mid|middle|late|later|earlier|end\s+of\s+the|"
    r"start\s+of\s+the|turn\s+of\s+the)[\s-]*)?|\b(?:pre|post)\s*[-‐‑–]\s*"
    # A minimum or maximum age: "hand stencil ≥ 39.9 ka" (round 18, set 22).
    r"|(?:≥|≤|>=?|<=?)\s*(?:~|c\.\s*)?)$"
)


# A state that runs from a date with no end: "ran on steam power from the early
# 1790s", "abbot from 1078", "paid tribute from 200 BCE", "from the start of 2030".
# Not an event; when it is all a bullet dates, a suggestion at most.
_OPEN_FROM_RE = re.compile(
    rf"(?i)\bfrom\s+(?:about\s+|around\s+)?(?:the\s+)?{_PART_OF}?"
    r"(?:(?:very\s+)?(?:early|mid|middle|late)[\s-]*)?$"
)


_STATE_NOUNS = (
    r"levels?|lines?|borders?|boundar(?:y|ies)|frontiers?|parity|parities|peak|size|"
    r"population|output|values?|rates?|positions?|status|strength|prices?|standards?"
)


_STATE_RE = re.compile(r"(?i)\b(?:their|its|his|her|our|my|your)\s+(?:pre-)?$")


_STATE_AFTER_RE = re.compile(rf"(?i)\s+(?:{_STATE_NOUNS})\b")


_SUFFIX_AFTER_RE = re.compile(r"\s*[-‐‑]\s*([A-Za-z]+)")


# "A 19th-century picture": a century used as an adjective describes, it does not date.
_ADJECTIVE_CENTURY_RE = re.compile(r"(?i)\d+(?:st|nd|rd|th)[-‐‑]century\s+[a-z]")


# Words, not numbers, between "not" and "until": "did not return to their 1921
# levels until the 1940s" compares with a state, and stays a bound.
# "had no minimum wage until 2015" is when it got one; words may be note-speak's
# abbreviations ("not publ. until 1996").
_NEGATED_UNTIL_RE = re.compile(
    r"(?i)(?:\b(?:not|never|no)\b|n['’]t\b)(?:\s+[^\W\d][\w'’-]*\.?){0,5}?\s+(?:until|till)\s+"
    r"(?:the\s+)?$"
)


def _around(text: str, mention: Mention) -> tuple[str, str]:
    """The WINDOW characters before a date and after it."""
    return text[max(0, mention.start - WINDOW) : mention.start], text[
        mention.end : mention.end + WINDOW
    ]


# Note-speak for a state over a period: "popular 1830s–40s", "in use 1920s–50s".
_IN_USE_RE = re.compile(
    r"(?i)\b(?:popular|fashionable|common|widespread|prevalent|dominant|in\s+(?:use|vogue|"
    r"fashion|service|force|operation|print))\s+(?:in\s+|during\s+|c\.\s*|ca\.\s*)?"
    r"(?:the\s+)?$"
)


def _is_state(text: str, mention: Mention) -> bool:
    """A bound ("until 1907") or a state of affairs ("the 1990s-era", "their 1967 lines")."""
    before, after = _around(text, mention)
    if (mention.end_when is not None or mention.kind in ("decade", "century")) and (
        _IN_USE_RE.search(before)
    ):
        return True
    bound = _BOUND_BEFORE_RE.search(before)
    if bound and _NEGATED_UNTIL_RE.search(before):
        # "did not open until 1807": when it opened, not a bound.
        bound = None
    if bound:
        # "until the 2020 war": the year dates the war, not the bound.
        attributive = (
            mention.kind == "year"
            and re.search(r"(?i)\bthe\s+$", before)
            and re.match(r"\s+[A-Za-z]", after)
        )
        if not attributive:
            return True
    suffix = _SUFFIX_AFTER_RE.match(after)
    if suffix and suffix.group(1).casefold() in STATE_SUFFIXES:
        return True
    if _STATE_RE.search(before) and _STATE_AFTER_RE.match(after):
        return True
    return mention.kind == "century" and bool(
        _ADJECTIVE_CENTURY_RE.match(text, mention.start, mention.end + 3)
        or _ADJECTIVE_CENTURY_RE.match(text[mention.start : mention.end + 40])
    )


# A state the clause says still held: "In the early 1600s the lands were still
# split", "1045 carbon steel is still used for shafts".
_STILL_RE = re.compile(
    r"(?i)\b(?:was|were|is|are|remained|stayed)\s+still\b|\bstill\s+(?:was|were|is|are|had|has|"
    r"used|in\s+use|stands?|standing)\b"
)


# A belief someone held at a date, which is no event: "Farr still held in 1852 that
# ...", "Galen's followers believed in 1600 that ...", "In 1852 Farr still held
# that ..." (but "held a meeting in 1852 that ..." holds a meeting).
_BELIEF_RE = re.compile(
    rf"\b(?:still\s+(?:held|believed|thought|maintained|insisted)\b|"
    rf"(?:held|believed|thought|maintained|insisted|assumed|supposed)\s+(?:(?:in|on|as\s+late\s+as)\s+)?"
    rf"(?:the\s+)?{MASK}+\s*,?\s+that\b)"
)


def _still_state(clause: str) -> bool:
    """The clause says only that a state still held: its one verb is the "still"
    one ("were still split"; not "was built c. 530 BC and still stands"), or that
    someone held a belief then (_BELIEF_RE)."""
    if _BELIEF_RE.search(clause):
        return True
    still = _STILL_RE.search(clause)
    if not still:
        return False
    # The clause less the "still" words and the participle after them.
    after = clause[still.end() :].split()
    rest = clause[: still.start()].split() + after[1:]
    return not any(word[:1].islower() and is_verb(word) for word in rest)


# A period that describes a thing rather than dating an event: "Armies of the
# 1630s carried ...", "a yard of the 1890s had ..." (but "at the end of the 1990s").
_PERIOD_OF_RE = re.compile(r"\b(?P<noun>[A-Za-z]+)\s+of\s+(?:the\s+)?$")


# A year that names a thing: "the 1894 verdict", "the 1905 treaty's terms".
_NAMING_YEAR_AFTER_RE = re.compile(r"(?:['’]s)?\s+(?P<noun>[a-z][\w-]*)\b")


_THE_BEFORE_YEAR_RE = re.compile(r"(?i)\bthe\s+(?:(?P<adjective>[a-z][\w-]*)\s+)?$")


# A month with no year of its own after the noun a year names.
_OWN_MONTH_RE = re.compile(
    r"(?:\s+[a-z][\w-]*){0,3}?\s+(?:in|on|by|that|the\s+following|the\s+next)\s+"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b(?!\s*,?\s*\d)"
)


def _back_reference(
    text: str, mention: Mention, clause: tuple[int, int], mentions: list[Mention]
) -> bool:
    """A bare year naming an earlier thing in a clause that another, more precise date
    dates: "annulled the 1894 verdict on 3 June 1899" is the annulment's; the verdict
    is an event of its own, told elsewhere."""
    if mention.kind != "year":
        return False
    the = _THE_BEFORE_YEAR_RE.search(text[: mention.start][-30:])
    if not the:
        return False
    noun = _NAMING_YEAR_AFTER_RE.match(text, mention.end)
    if not noun or is_verb(noun.group("noun")) or noun.group("noun") in ("and", "or", "to"):
        return False
    # The year names the object of a verb, and a month the clause gives its own time:
    # "then raised the sunken 1912 hull in May" did the raising that May, not in 1912.
    head = text[clause[0] : mention.start - len(the.group())]
    if _OWN_MONTH_RE.match(text, noun.end(), clause[1]) and any(
        is_verb(word) for word in re.findall(r"[a-z]+", head)
    ):
        return True
    if the.group("adjective"):
        return False
    return any(
        other is not mention
        and clause[0] <= other.start < clause[1]
        and other.kind in ("day", "month")
        and other.when.year >= mention.when.year
        for other in mentions
    )


def _describing_period(text: str, mention: Mention) -> bool:
    if mention.kind not in ("decade", "century"):
        return False
    of = _PERIOD_OF_RE.search(text, max(0, mention.start - 40), mention.start)
    if not of:
        return False
    noun = of["noun"].casefold()
    return noun not in _PARTS and not re.fullmatch(r"half|quarter|third|part|turn", noun)


def _framing_lead(text: str, mention: Mention) -> bool:
    """A lead-in that names a period for the items after it: "Reforms of 1880–82:",
    "Consider the sequence of May 1791, which ...:". The items date the events; the
    period only gathers them (but "The spring of 1848:" is a part of a year, and "The
    treaty was signed on 4 May 1791:" an event)."""
    if not text.rstrip().endswith(":") or mention.kind == "day":
        return False
    of = _PERIOD_OF_RE.search(text, max(0, mention.start - 40), mention.start)
    return bool(of) and of["noun"].casefold() not in _PARTS


_PARTS = word_set("spring summer autumn fall winter end start beginning middle close course")


def _period_made_precise(text: str, mention: Mention, mentions: list[Mention]) -> bool:
    """A period before a colon whose own dates follow it: "In the early 1600s the
    camps armed: the Union was formed in 1608 and the League in 1609"."""
    if mention.kind not in ("decade", "century") or mention.end_when is not None:
        return False
    colon = text.find(": ", mention.end)
    if colon == -1:
        return False
    last = mention.when.year + (9 if mention.kind == "decade" else 99)
    return any(
        other.start > colon
        and other.end_when is None
        and other.kind in ("year", "month", "day")
        and mention.when.year <= other.when.year <= last
        for other in mentions
    )


# Speculation, counterfactuals and doubtful claims give no event for the dates they govern.
_SPECULATIVE_RE = re.compile(
    r"\b(?:might|may|could|would|perhaps|possibly|maybe|probably|rumou?red|conjectured|"
    r"speculated|hypothetically)\b"
)


_SPECULATIVE_OPENING_RE = re.compile(r"^\W*(?:Perhaps|Maybe|Possibly|Might|Could|Would)\b")


_CLAIM_RE = re.compile(
    r"(?i)\b(?:claim(?:s|ed)?|boast(?:s|ed)?|alleg(?:es|ed|edly)|supposedly|reportedly|"
    r"purportedly|(?:is|was|are|were)\s+(?:often\s+|widely\s+)?(?:said|thought|believed|"
    r"rumou?red)\s+to|legend\s+has\s+it)\b"
)


def _doubtful_claim(scope: str) -> bool:
    """Whether the date is inside what someone claimed ("claimed to have invented
    jazz in 1902", "claimed that the city fell in 1204"), not when they claimed it
    ("claimed a proof in a letter of 4 August 1753", "claimed the throne in 1066")."""
    claim = _last(_CLAIM_RE, scope)
    if claim is None:
        return False
    if not re.fullmatch(r"(?i)(?:claim(?:s|ed)?|boast(?:s|ed)?)", claim.group()):
        return True  # "allegedly", "is said to", "legend has it"
    rest = scope[claim.end() :]
    return bool(re.match(r"(?i)\s*(?:\w+ly\s+)?to\b", rest) or re.search(r"(?i)\bthat\b", rest))


# Dates inside a work of fiction belong to its story, not to history.
_FICTION_RE = re.compile(
    r"(?i)\b(?:(?:the\s+)?(?:novel|story|play|film|book|poem|plot|narrative)['’]s\s+"
    r"(?:chronology|timeline|world|calendar)|takes\s+place|is\s+set\s+in|are\s+set\s+in|"
    # "The novel opens in 1815", not "the trial opens in Westminster Hall" (round 22).
    r"opens\s+in(?=\s+(?:the\s+)?(?:\d|[A-Z][a-z]+\.?\s+\d))|fictional|in\s+the\s+novel|"
    r"in\s+the\s+story)\b"
)


# Frame years: a year things are measured against or aimed at, not something that
# happened then. A baseline ("compared with 1955", "relative to 1990 levels", "the
# 1961–1990 average") ...
_BASELINE_BEFORE_RE = re.compile(
    r"(?i)\b(?:compared\s+(?:with|to)|relative\s+to|(?:measured|indexed|benchmarked)\s+against|than(?:\s+(?:in|at|during))?|versus|vs\.?|v\.|"
    r"(?:that|those)\s+of|(?:baselines?|averages?|means?|levels?)\s+of(?:\s+the)?\s+(?:average|mean)|"
    r"\b(?:average|mean))"
    r"\s+(?:the\s+|its\s+|their\s+)?$"
)


_BASELINE_AFTER_RE = re.compile(
    r"(?i)\s*[-‐‑]?\s*(?:levels?|averages?|means?|baselines?|norms?|normals?|figures?|prices|"
    r"values?|benchmarks?|reference\s+period|climatology|targets?|goals?|deadlines?)\b"
    # A year in a plan's name: "The 2030 Sustainable Development Goals", "the 2030 Agenda".
    r"|\s+(?:[A-Z][\w-]*\s+){0,3}(?:Goals|Targets|Agenda)\b"
)


# ... a target ("a target for 2030", "aims to ban diesel buses in 2035") ...
_TARGET_BEFORE_RE = re.compile(
    r"(?i)\b(?:targets?|goals?|deadlines?)\s+(?:of|for)\s+(?:the\s+)?$"
    # The year a goal is moved or set to: "moved the goal of halving deaths to 2030".
    r"|\b(?:targets?|goals?|deadlines?)\b[^.;:()]{0,60}?\s(?:to|for)\s+(?:the\s+)?$"
)


_AIM_RE = re.compile(
    r"(?i)\b(?:aims?|aimed|aiming|pledged?|pledges|promised?|promises|vow(?:s|ed)?|"
    r"commit(?:s|ted)|plans?|planned|planning|intends?|intended|hopes?|hoped|seeks?|sought|"
    r"wants?|wanted|expects?|expected|(?:is|are|was|were)\s+(?:set|due|scheduled|projected|"
    r"forecast|predicted|expected|likely))\s+(?:[\w'’-]+\s+){0,2}?to\s+\w+"
)


# ... and a forecast or estimate ("a 2017 study put the peak between 2045 and 2075").
# Lower-case only: "the Advanced Research Projects Agency" forecasts nothing.
# A model is a forecast only when it projects something: "models now project an
# Arctic free of ice by 2050", not "a ship-model test tank opened in 1883".
_FORECAST_RE = re.compile(
    r"\b(?:forecasts?|forecasted|projects|projected|predicts?|predicted|projections?|"
    r"estimates?|estimated|models?(?=(?:\s+\w+)?\s+(?:project|predict|forecast|expect|suggest|"
    r"show|put|indicate)))\b"
)


_STUDY_RE = re.compile(
    r"(?i)\b(?:study|studies|report|survey|paper|analysis|review|assessment|model|models|"
    r"researchers|scientists|forecasters|projections?|estimates?)\b"
)


_PUT_RE = re.compile(r"(?i)\b(?:puts?|placed|places|dated|dates)\b")


# "a 2017 study": the year a source appeared, an event only perhaps.
_STUDY_YEAR_RE = re.compile(
    r"(?i)\s+(?:[\w/&.-]+\s+){0,2}?(?:study|report|survey|paper|estimate|analysis|review|"
    r"forecast|projection|assessment|model|text|version|edition|draft|guidelines)\b"
)


# A record the clause states: "The 2019 hole was the smallest since the early
# 1980s" compares with a state (but "recorded 1,274 cases, the most since 1992"
# tells what happened in its year).
_RECORD_RE = re.compile(
    r"(?i)\b(?:was|were|is|are)\s+(?:then\s+)?(?:the\s+)?(?:[a-z]+est|worst|best|most\s+[a-z]+|least\s+[a-z]+)"
    r"\b[^,;]{0,60}?\bsince\b"
)


# "In July 2019 the Budget Office forecast that ...", "In 2014 the institute had
# warned that it could cost ...": the year a forecast was made, itself hardly an
# event (an instructor may confirm it).
_FORECAST_MADE_RE = re.compile(
    rf"[^{MASK}.;:]{{0,80}}?\b(?:forecast|forecasted|predicted|projected|warned|estimated)\s+"
    r"(?:that\b|it\s+(?:would|could|might))"
)


# "2.3 million doses were ready for the D-Day landings of 6 June 1944": the date of
# what something was ready for, not of its being ready.
_READY_FOR_RE = re.compile(
    r"(?i)\b(?:ready|in\s+time|prepared|available)\s+for\s+(?:the\s+)?"
    r"(?:[\w'’-]+\s+){1,4}?(?:of|on|in)\s+$"
)


# "in real terms it was worth most in 1968": a statistic at its peak.
_SUPERLATIVE_IN_RE = re.compile(
    r"(?i)\b(?:was|were|is|are|stood)\s+(?:worth\s+|at\s+(?:its|their)\s+)?(?:the\s+)?"
    r"(?:most|least|highest|lowest|greatest|smallest|biggest)(?:\s+[a-z]+)?\s+(?:in|during)\s+"
    r"(?:the\s+)?$"
)


# A plan or a forecast of something still to come.
_FUTURE_RE = re.compile(
    r"(?i)\b(?:will|shall|(?:is|are)\s+(?:scheduled|due|set)\s+to|(?:is|are)\s+expected)\b"
)


# Hedges: the notes themselves doubt the date.
_HEDGE_RE = re.compile(
    r"(?i)\b(?:traditionally|likely|apparently|presumably|reputedly|according\s+to|"
    r"said\s+to|thought\s+to|believed\s+to|tradition\s+holds|legend|probably|possibly|"
    r"perhaps|some\s+(?:sources|historians|scholars|accounts)|is\s+sometimes\s+dated|"
    r"(?:is|are|was|were)\s+(?:usually|often|commonly|generally|conventionally)\s+dated|"
    r"traditional\s+(?:date|dates|dating|year))\b"
)


# Doubt the notes cast after a date, before any other: "destroyed in 587 BC; the
# exact year is disputed", "dated to June 1752, though some historians doubt he
# flew the kite at all", "... 8 million years ago; estimates keep changing", "...
# dated c. 30 ka, a date that still divides specialists".
_LATER_DOUBT_RE = re.compile(
    r"(?i)\b(?:disputed|debated|contested|uncertain|unclear|doubt(?:s|ed|ful)?|questioned|"
    r"estimates\s+(?:vary|differ|keep|range|change)|not\s+(?:certain|known|sure)|"
    r"legendary|apocryphal|divid(?:e|es|ed|ing)\s+(?:opinion|specialists|scholars|historians|"
    r"experts|researchers|archaeologists)|opinion\s+is\s+divided|"
    r"(?:few|not\s+all)\s+(?:\w+\s+)?(?:accept|agree))\b"
    # A source the notes query: "a letter printed 1654, authentic?".
    r"|\b(?:authentic(?:ity)?|genuine)\s*\?"
    # A rival day the next sentence offers: "...: 26 August. Others prefer the 27th".
    r"|^\W{0,3}\s*others\s+prefer\b"
)


# A person's name and the bracket of their life or reign: "Hattusili I (r. c. ",
# "Anna Vey (".
_LIFE_BRACKET_RE = re.compile(
    r"[A-Z][\w'’-]*(?:\s+[IVX]+)?\s*\((?:r\.|reigned|ruled|b\.|d\.)?\s*(?:c\.\s*)?$"
)


# Issue 17, round 3: dates the notes name that are no events of the bullet.
# The notes doubt the thing happened at all: "founded in 1200, if it happened at all".
_IF_AT_ALL_RE = re.compile(
    r"(?i)\bif\s+(?:(?:it|he|she|they|this|that|so)\s+)?(?:ever\s+)?"
    r"(?:happened|existed|exists|took\s+place|lived|occurred)\b|\bif\s+at\s+all\b"
)


# A periodisation in the present: "Chaniotis carries it on to the death of Hadrian
# in 138 CE", "Some extend the era to 1914": where someone puts a period's end, not
# an event (the verb in the past, "ended the war in 1648", is one).
_PERIODISE_RE = re.compile(
    r"(?i)\b(?:ends?|begins?|starts?|closes?|carry|carries|extends?|takes?|brings?|push(?:es)?|"
    r"stretch(?:es)?)\s+(?:it|them|the\s+(?:[\w-]+\s+){0,3}?(?:period|era|age|epoch|century|story))\s+"
    # "pushes it back to 1066" dates a period; "brings it back in 1842" is what someone
    # did then, in note-speak's present (round 19, set 23).
    r"(?:(?:on\s+|down\s+|up\s+)?(?:to|in|at|with)|back\s+to)\b"
)


_OTHER_CHRONOLOGY_RE = re.compile(
    r"(?i)^[^.;]{0,40}?\b(?:following|according\s+to|on|by|using|in)\s+(?:an?\s+|the\s+)?"
    r"(?:[a-z]+\s+)?chronology\b"
)


# The same thing dated again, on another reckoning: "on the low chronology the same
# sack falls in 1531 BC", "the same accession comes to 1290 BC".
_SAME_ON_ANOTHER_RE = re.compile(
    r"(?i)\bsame\s+(?:[a-z]+\s+){1,2}?(?:falls?|is\s+dated|dates|comes|lands)\s+"
    r"(?:in|to|at)\s+(?:c\.\s*|about\s+|around\s+)?$"
)


# A number the words after it name as one: "1729, Ramanujan's taxi-cab number, is
# 9³ + 10³", "1089, the magic constant".
_NAMED_NUMBER_RE = re.compile(
    r",\s+(?:the\s+|a\s+|[A-Z][\w'’.-]*['’]s\s+)(?:[\w-]+\s+){0,2}"
    r"(?:number|numeral|constant|prime|integer|code)\b(?!\s+of\b)"
)


# A document's number after its year: "Directive (EU) 2022/2041", "Regulation
# 1831/2003" (not "1916/17" or "508/507 BC", one year or the other).
_SERIAL_AFTER_RE = re.compile(r"/(?P<n>\d{3,4})(?![\d/])")


# A year given a name rather than an event: "1816 became “the year without a
# summer”", "1968 is known as the year of the barricades".
_YEAR_NAMED_RE = re.compile(
    r"\s+(?:became|was|is)\s+(?:known\s+as\s+|called\s+)?[\"“‘']?the\s+year\s+(?:of|without)\b"
)


# The same instant in another calendar: "(31 January 1750 in the Old Style)".
_OTHER_CALENDAR_RE = re.compile(
    r"(?i)^[^()]{0,40}?\b(?:old\s+style|new\s+style|o\.\s?s\.|n\.\s?s\.|julian|gregorian|"
    r"old\s+calendar|new\s+calendar)"
)


# A year by another reckoning of the same day: "27 February 1667 (still 1666 by the
# legal year)", "1751 in the Old Style" (round 13, set 16).
_BY_OTHER_RECKONING_RE = re.compile(
    r"(?i)\s+(?:by|in|under|according\s+to)\s+the\s+(?:(?:legal|civil)\s+year|old\s+style|"
    r"new\s+style|(?:julian|gregorian|continental|old|english|byzantine|hebrew|islamic)\s+"
    r"(?:calendar|reckoning))\b"
)


# "remained the tallest until the tower of Ulm c. 1500": the date is the bound's
# own thing's, not an event of the bullet (words only, no verb, between).
_UNTIL_PHRASE_RE = re.compile(r"(?i)\b(?:until|till)\s+((?:[^\W\d][\w'’-]*\s+){1,6})$")


# But a bound that names what happened then dates it: "was not exhibited until the
# Salon of 1865" (negated), "fought on until the Peace of the Pyrenees on 7 November
# 1659" (a named event).
_NEGATED_BEFORE_UNTIL_RE = re.compile(
    r"(?i)(?:\b(?:not|never|no)\b|n['’]t\b)(?:\s+[^\W\d][\w'’-]*\.?){0,5}?\s+(?:until|till)\s+"
    r"(?:[^\W\d][\w'’-]*\s+){1,6}$"
)
_NAMED_EVENT_RE = re.compile(
    r"\b(?:Peace|Treaty|Battle|Armistice|Congress|Revolution|War|Siege|Council|Edict|"
    r"Union|Restoration|Conquest|Coronation|Accession)\b"
)


# What was never held did not happen: "the Games of 1916 and 1940 were never held".
_NEVER_RE = re.compile(
    r"(?i)\b(?:was|were)\s+never\b|\bnever\s+(?:took\s+place|happened|materiali[sz]ed|"
    r"came\s+about)\b"
)


# A level or average things are measured against: "about 1 % of its level in the
# early 1960s", "set against the average effort of 2004–2006".
_LEVEL_OF_RE = re.compile(
    r"(?i)\b(?:(?:its|their|the)\s+(?:former\s+|previous\s+)?(?:levels?|sizes?|values?)|"
    r"averages?|baselines?|means?)\s+(?:[a-z]+\s+){0,2}?(?:in|of|for|over|during)\s+"
    r"(?:the\s+)?$"
)


# A year that describes a noun ("the 2012 fee") in a clause whose time is another's:
# a relative one ("had lost a third of its value by then") or another date ("annulled
# the 1894 verdict on 3 June 1899"). The year names the thing; the clause happened
# later.
_ATTRIBUTIVE_BEFORE_RE = re.compile(r"(?i)\b(?:the|its|his|her|their|this|that)\s+$")
_ATTRIBUTIVE_AFTER_RE = re.compile(r"\s+([a-z][\w'’-]*)")
_OWN_RELATIVE_TIME_RE = re.compile(
    r"(?i)\b(?:by\s+(?:then|now|that\s+(?:time|point|date|year))|since\s+then|"
    r"today|nowadays)\b"
)


def _dated_otherwise(before: str, after: str, sentence: str, mention: Mention) -> bool:
    """A year describing a noun in a clause dated by something else (see above)."""
    if mention.kind != "year" or not _ATTRIBUTIVE_BEFORE_RE.search(before):
        return False
    noun = _ATTRIBUTIVE_AFTER_RE.match(after)
    if noun is None or is_verb(noun.group(1)) or noun.group(1) in _NOT_NOUNS:
        return False
    return bool(_OWN_RELATIVE_TIME_RE.search(sentence))


_NOT_NOUNS = word_set("and or to of in on at by for with from as than but")


def _dated_by_another(sentence: str, statistic: re.Match[str], at: int) -> bool:
    """A statistic with a date of its own, in a part of the sentence before the date
    at `at`: "X, which raised output from 5 to 12 million tonnes in 1990, led to the
    treaty of 3 May 1995": the figure is 1990's, the treaty an event."""
    return (
        MASK in statistic.group()
        and statistic.end() <= at
        and re.search(r"[,;]\s", sentence[statistic.end() : at]) is not None
    )


def _on_another_chronology(text: str, mention: Mention) -> tuple[int, int] | None:
    """The bracket a date sits in when the bracket gives it on another chronology
    ("ended about 2154 BC (about 2090 BC on the short chronology)", round 25, set
    29): the same thing dated again, no event, and an aside its event leaves out."""
    opened = text.rfind("(", max(0, mention.start - 40), mention.start)
    if opened < 0 or ")" in text[opened : mention.start]:
        return None
    closed = text.find(")", mention.end, mention.end + WINDOW)
    if closed < 0 or not _CHRONOLOGY_WORD_RE.search(text, mention.end, closed):
        return None
    return opened + 1, closed


_CHRONOLOGY_WORD_RE = re.compile(r"(?i)\bchronolog(?:y|ies)\b")


def _no_event_here(text: str, masked: str, mention: Mention, clause: tuple[int, int]) -> bool:
    """A date the bullet names that dates no event of it (issue 17, round 3; see above)."""
    before, after = _around(text, mention)
    c_start, c_end = max(clause[0], mention.start - WINDOW), min(clause[1], mention.end + WINDOW)
    sentence = masked[c_start:c_end]
    if _IF_AT_ALL_RE.search(sentence) or _NEVER_RE.search(sentence):
        return True
    if _LEVEL_OF_RE.search(before) or scholars_dating(text, masked, mention, c_start):
        return True
    if _OTHER_CHRONOLOGY_RE.search(after) and after.lstrip().startswith(","):
        return True
    if _SAME_ON_ANOTHER_RE.search(before) or _NAMED_NUMBER_RE.match(after):
        return True
    serial = _SERIAL_AFTER_RE.match(after)
    if serial and mention.kind == "year" and abs(int(serial["n"]) - mention.when.year) > 1:
        return True  # "Directive (EU) 2022/2041": a year and a serial number, a name
    if _YEAR_NAMED_RE.match(after) and re.search(r"(?:^|[:;.]\s)[\s*-]*$", before):
        return True
    if "(" in before[-3:] and _OTHER_CALENDAR_RE.search(after):
        return True
    if _BY_OTHER_RECKONING_RE.match(after):
        return True
    statistic = STATISTIC_RE.search(sentence)
    if (
        statistic
        and not BIRTHS_RE.fullmatch(statistic.group())
        and not _dated_by_another(sentence, statistic, mention.start - c_start)
    ):
        return True
    if _dated_otherwise(before, after, sentence, mention):
        return True
    until = _UNTIL_PHRASE_RE.search(before)
    # "until the 2020 war, where ...": the year dates the bound itself, which _is_state
    # leaves to be an event.
    attributive = re.search(r"(?i)\bthe\s+$", before) and re.match(r"\s+[A-Za-z]", after)
    return bool(
        until
        and not attributive
        and not _NEGATED_UNTIL_RE.search(before)
        and not _NEGATED_BEFORE_UNTIL_RE.search(before)
        and not _NAMED_EVENT_RE.search(until.group(1))
        and not any(is_verb(word) for word in until.group(1).split())
    )


def _small_year_sure(masked: str, clause: tuple[int, int], mention: Mention) -> bool:
    """A small year of our era with no era ("sacked in 455") is sure only in a clause
    with a verb that tells what happened and no other number to confuse it with."""
    words = masked[max(clause[0], mention.start - WINDOW) : min(clause[1], mention.end + WINDOW)]
    if re.search(r"\d", words):
        return False
    return any(
        word[:1].islower() and is_verb(word) and word.casefold() not in _STATE_VERBS
        for word in words.split()
    )


# Verbs that tell no event: "was 455", "had 239".
_STATE_VERBS = word_set("is are was were be been being am has have had seems seemed")


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    match = None
    for match in pattern.finditer(text):  # noqa: B007 - the last one is wanted
        pass
    return match


_WHICH_TAIL_RE = re.compile(rf",\s+(?:which|who|whose)\b(?![^{MASK}]*{MASK})")


# ... a period things are measured over ("ice cover shrank 40 % between 1979 and
# 2012", "the trend over 1951–1980", "normals computed over 1981–2010") ...
_OVER_BEFORE_RE = re.compile(
    r"(?i)\bover\s+(?:the\s+)?(?:(?:period|years|interval)\s+)?$"
    # A reference period: "the current climate normals cover 1991–2020".
    r"|\b(?:normals?|averages?|baselines?|records?|series|data)\s+(?:cover|covers|covered|covering|"
    r"span|spans|spanning)\s+(?:the\s+)?(?:(?:period|years)\s+)?$"
)


_MEASURE_RE = re.compile(
    r"(?i)\d[\d.,]*\s*(?:%|per\s*cent\b|percent\b|°|degrees?\b)|"
    r"\b(?:doubled|halved|tripled|trebled)\b"
    # A length or a mass that changed: "Sea level rose about 20 cm between 1901 and 2018"
    # (not "a platform 1,400 m long was built between c. 1000 and 800 BC").
    r"|\b(?:rose|fell|grew|shrank|dropped|declined|increased|decreased|retreated|thinned|sank|"
    r"subsided)\s+(?:by\s+)?(?:(?:about|some|nearly|over|roughly|almost)\s+|~\s*)?\d[\d.,]*\s*"
    r"(?:mm|cm|km|m|metres?|meters?|inches|feet|ft|miles|tonnes?|tons?|kg)\b"
)


# ... a comparison ("a winter as mild as 1988") and the start of a data series
# ("station records begin in 1772").
_COMPARISON_BEFORE_RE = re.compile(
    r"(?i)\bas\s+[a-z]+\s+as\s+(?:in\s+|that\s+of\s+|those\s+of\s+)?(?:the\s+)?$"
)


_SERIES_START_RE = re.compile(
    r"(?i)\b(?:records?|series|data|dataset|observations|measurements|readings|logs?)\s+"
    r"(?:\w+\s+){0,2}?(?:begins?|began|starts?|started|commences?|commenced)\s+"
    r"(?:in\s+|on\s+|from\s+|at\s+)?(?:the\s+)?$"
)


# A span of days an occasion was held over, named by its noun: "the summit of 3–5 May
# 1921 halved the tariff" dates the summit, not a period things were measured over.
_OCCASION_OF_RE = re.compile(
    r"(?i)\b(?!(?:period|years?|months?|weeks?|decades?|era|interval|time|span|season)\b)"
    r"[a-z]+\s+of\s+$"
)


# A commemoration's year: "The 500th anniversary in 1953 was celebrated with some
# restraint", "Gold Rush sesquicentennial 1998–2000", "The 500th anniversary ran
# from 2019 to 2022" (round 17, sets 19 to 21). What it marks is the event; a day
# of it ("stamps issued on 14 Oct 1966 for the 900th anniversary") is an occasion.
_COMMEMORATION_BEFORE_RE = re.compile(
    r"(?i)\b(?:anniversar(?:y|ies)|centenar(?:y|ies)|centennial|bicentenary|bicentennial|"
    r"tercentenary|sesquicentennial|quatercentenary|quincentenary|jubilee)"
    # "The 700th anniversaries of Bannockburn in 2014": what it marks may follow.
    r"(?:\s+of\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})?\s*[,:]?\s*"
    r"(?:(?:was|fell|ran|came|held)\s+)?(?:in|of|from|during)?\s*$"
)


def _frame(text: str, mention: Mention, scope: str) -> bool:
    """A year things are measured against, over, aimed at or forecast for (see above)."""
    before, after = _around(text, mention)
    if _BASELINE_BEFORE_RE.search(before) or _TARGET_BEFORE_RE.search(before):
        return True
    if _OVER_BEFORE_RE.search(before) and mention.kind in ("span", "decade"):
        return True
    if _COMPARISON_BEFORE_RE.search(before) or _SERIES_START_RE.search(before):
        return True
    if (
        mention.end_when is not None
        and not _OCCASION_OF_RE.search(before)
        and (
            _MEASURE_RE.search(scope) or _MEASURE_RE.search(re.split(r"[.;]", after, maxsplit=1)[0])
        )
    ):
        return True
    # "1980 prices" is a baseline; a day is never one: "when Iraq invaded on 22 September
    # 1980 prices rose" ends the date before the next clause's subject.
    if _BASELINE_AFTER_RE.match(after) and mention.when.precision != "day":
        return True
    if _AIM_RE.search(scope):
        return True
    commemoration = _COMMEMORATION_BEFORE_RE.search(before)
    if (
        commemoration
        and mention.when.precision not in ("day", "month")
        and not _has_verb(before[: commemoration.start()].split(".")[-1])
    ):
        # Not what someone did for it: "Protestants celebrated the first Reformation
        # centenary in 1617" (held-out set 5) is an event.
        return True
    if _PERIODISE_RE.search(scope) and not after_leading_date(text, [mention]):
        return True
    forecast = _last(_FORECAST_RE, scope)
    if forecast and not re.fullmatch(r"\s*(?:in|on|during)?\s*", scope[forecast.end() :]):
        return True
    put = _last(_PUT_RE, scope)
    if put and re.search(r",\s*dated\s*$", scope):
        return False  # "the paper, dated 16 January 1939, named ...": the paper's own date
    return bool(put and _STUDY_RE.search(scope[: put.start()]))


# A number and a counted thing: "a fleet of 1400 merchant vessels", "about 1500 armed
# men". dates.py leaves out a number with a plural right after it; these have words
# between, or a word before that counts.
_COUNT_BEFORE_RE = re.compile(
    r"(?i)(?:\b(?:fleet|army|armies|force|forces|total|crowd|group|collection|archive|library|"
    r"set|population|sum|batch|series|list|team|garrison|host|band|corps|herd|flock|crew|"
    r"staff|workforce|contingent|regiment|legion|convoy|column|squadron|flotilla|armada|"
    r"maximum|minimum|peak|tally|count|number|fortune)\s+of|\b(?:some|about|nearly|almost|"
    r"over|roughly|approximately|around|more\s+than|fewer\s+than|less\s+than|at\s+least|"
    r"up\s+to|numbering|totalling|totaling|counted|holds?|held|housed|houses|contained|"
    r"contains|employed|employs|enrolled|killed|lost|raised|recruited|mustered))\s+$"
)


_TEMPORAL_BEFORE_RE = re.compile(
    r"(?i)\b(?:in|on|by|since|until|till|during|after|before|from|of|c\.|ca\.|circa)\s+"
    r"(?:(?:about|around|some|roughly|approximately|nearly)\s+)?$"
)


# The counted noun may come after two words ("1400 merchant vessels").
_WORDS_AFTER_RE = re.compile(r"(?:\s+[^\s\d]+){0,3}")


_NOT_COUNTED = word_set(
    """was is has as its his this thus us yes across perhaps towards whereas unless always
    sometimes less does goes afterwards onwards forwards backwards upwards downwards besides"""
)


def is_tally(text: str, mention: Mention) -> bool:
    """A year-like number that counts things: "a fleet of 1400 merchant vessels"."""
    if mention.kind != "year" or not mention.label.isdigit():
        return False
    before = text[max(0, mention.start - 60) : mention.start]
    words = _WORDS_AFTER_RE.match(text, mention.end, mention.end + WINDOW).group().split()
    between: list[str] = []
    for word in words:
        bare = word.strip(",;:.()\"'“”")
        key = bare.casefold()
        if (
            bare[:1].islower()
            and key not in _NOT_COUNTED
            and (key in PLURALS or (key.endswith(("men", "s")) and not key.endswith("ss")))
        ):
            break
        if bare != word or not bare.isalpha():
            return False
        between.append(bare)
    else:
        return False
    if _COUNT_BEFORE_RE.search(before):
        # "In about 1500 Portuguese ships ...": "in" makes it a year again.
        return not re.search(r"(?i)\b(?:in|by|c\.|ca\.|circa)\s+\w+\s+$", before)
    # Without a counting word, only lower-case words between: "1400 small ships"
    # (a plural right after the number is dates.py's to judge).
    if not between or any(w[:1].isupper() or is_verb(w) for w in between):
        return False
    if _TEMPORAL_BEFORE_RE.search(before):
        return False
    # "the 1848 revolutions": a year that names things is a date.
    return not re.search(r"(?i)\b(?:the|its|his|her|their|this|that|these|those)\s+$", before)


def event_mentions(text: str) -> list[Mention]:
    """The dates a text mentions that could be events: find_mentions without tallies."""
    return [mention for mention in find_mentions(text) if not is_tally(text, mention)]


# The words around a span whose end is named by an event: "from 1921 until her death
# in 1934", "between his election in 1860 and his death in 1865". Lower-case words
# only, so "from Lisbon in 1921 to Paris in 1925" stays two dates.
_SPAN_FROM_RE = re.compile(r"\b(from|between)\s+((?:[a-z][\w'’-]*\s+){0,4}?)(?:(?:in|on)\s+)?$")


_SPAN_UNTIL_RE = re.compile(
    r"\s+(until|till|to|through|and)\s+((?:his|her|their|its|the)\s+(?:[a-z][\w'’-]*\s+){1,3}?"
    r"|(?:[a-z][\w'’-]*\s+){1,4}?)(?:in|on)\s+"
)


def _joined(first: Mention, last: Mention) -> Mention:
    """One span from two mentions ("from 1921 until her death in 1934")."""
    return dataclasses.replace(
        first,
        end=last.end,
        label=f"{first.label}–{last.label}",
        end_when=last.end_when or last.when,
        kind="span",
    )


def _join_spans(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "from 1921 until her death in 1934": one span, whose end is named by an event;
    and note-speak's "shut Jun '67 → 5.vi.75", two dates with only an arrow between."""
    joined: list[Mention] = []
    for mention in mentions:
        first = joined[-1] if joined else None
        if (
            first is not None
            and first.kind in ("day", "month", "year")
            and mention.kind in ("day", "month", "year")
            and _ARROW_RE.fullmatch(text, first.end, mention.start)
            and first.when.sort_key < mention.when.sort_key
        ):
            joined[-1] = _joined(first, mention)
            continue
        if first is not None and first.kind != "span" and mention.kind != "span":
            start = _SPAN_FROM_RE.search(text, max(0, first.start - WINDOW), first.start)
            end = _SPAN_UNTIL_RE.fullmatch(text, first.end, mention.start)
            if (
                start
                and end
                and (start.group(1) == "between") == (end.group(1) == "and")
                and (end.group(1) in ("until", "till") or end.group(2).split()[0] in _OWNERS)
                and first.when.sort_key < mention.when.sort_key
            ):
                joined[-1] = _joined(first, mention)
                continue
        joined.append(mention)
    return joined


_OWNERS = frozenset({"his", "her", "their", "its", "the"})


_ARROW_RE = re.compile(r"\s*(?:→|->|⟶)\s*")


# What began at one date and lasted until another is one span: "War with Sparta
# broke out in 431 BC and, despite the Peace of Nicias in 421 BC, lasted until 404
# BC". The start keeps its place in the text; the end is read into it.
_BEGAN_BEFORE_RE = re.compile(
    r"(?i)\b(?:broke\s+out|began|begun|started|erupted|opened)\s+(?:in|on)\s+(?:the\s+)?$"
)
_LASTED_BEFORE_RE = re.compile(
    r"(?i)\b(?:lasted|continued|went\s+on|dragged\s+on|raged(?:\s+on)?|persisted)\s+"
    r"(?:until|till)\s+(?:the\s+)?$"
    # A building from its start to its completion is one campaign: "begun on 21 June
    # 1675 and declared complete by Parliament on 25 December 1711" (round 13).
    r"|\b(?:(?:declared|pronounced)\s+)?(?:complete|completed|finished|dedicated|consecrated)"
    r"(?:\s+by\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})?"
    # "... and finished, by most accounts, on 31 August 1452" (round 17, set 21).
    r"(?:,\s+[^,.;]{1,30},)?\s+(?:in|on)\s+(?:the\s+)?$"
)


# A journey's departure and its return, said of one subject, are one span: "The
# embassy sailed from Lisbon on 3 May 1701 to see the Pope and returned on 9 June
# 1703". The return has no subject of its own ("and returned").
_LEFT_BEFORE_RE = re.compile(
    r"(?i)\b(?:left|departed|sailed|set\s+(?:out|off|sail)|embarked)\b[^.;:]{0,60}?"
    r"\b(?:in|on)\s+(?:the\s+)?$"
)
_RETURNED_BEFORE_RE = re.compile(
    r"(?i)(?:,\s+|\band\s+)(?:then\s+)?(?:returned|came\s+back|got\s+back|arrived\s+back)"
    r"(?:\s+(?:home|to\s+[A-Z][\w'’-]*))?\s+(?:in|on)\s+(?:the\s+)?$"
)


def _began_until(text: str, mentions: list[Mention]) -> list[Mention]:
    """mentions with each such start given the end of what began then (see above), and
    each departure the date of its return."""
    kept: list[Mention] = []
    taken: set[int] = set()
    for index, mention in enumerate(mentions):
        if index in taken:
            continue
        began = _BEGAN_BEFORE_RE.search(text, max(0, mention.start - 40), mention.start)
        left = not began and _LEFT_BEFORE_RE.search(text, max(0, mention.start - 80), mention.start)
        if mention.end_when is None and (began or left):
            end_before = _LASTED_BEFORE_RE if began else _RETURNED_BEFORE_RE
            for later in range(index + 1, min(len(mentions), index + 4)):
                end = mentions[later]
                if end.start - mention.end > WINDOW:
                    break
                lasted = end_before.search(text, max(0, end.start - 40), end.start)
                between = text[mention.end : lasted.start() if lasted else end.start]
                if re.search(r"[.;]|\b(?:until|till)\b", between):
                    break
                if lasted and end.end_when is None and mention.when.sort_key < end.when.sort_key:
                    mention = dataclasses.replace(
                        mention,
                        label=f"{mention.label}–{end.label}",
                        end_when=end.when,
                        kind="span",
                    )
                    taken.add(later)
                    break
        kept.append(mention)
    return kept


def _one_instant(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions with the second of a pair naming one instant left out (see one_instant)."""
    kept: list[Mention] = []
    for mention in mentions:
        if kept and one_instant(text, kept[-1], mention):
            continue
        kept.append(mention)
    return kept


def _gapped_after(between: str) -> bool:
    """Whether the words between a date judged a frame and the next date make the
    next a conjunct with the verb left out, governed by the same words: "will close
    around 2066, the Arctic around 2045 and the rest of the world around 2040"."""
    return (
        len(between) <= 80
        and bool(re.match(r"\s*(?:,|and\b|,\s*and\b)", between))
        and not re.search(r"[.;:()]", between)
        and not any(
            word[:1].islower() and is_verb(word) for word in re.findall(r"[\w'’-]+", between)
        )
    )


_COORDINATED_RE = re.compile(r"(?:\s*,)?\s+(?:and|or)\s+(?:the\s+)?|\s*/\s*")


def _circa_count(text: str, mention: Mention) -> bool:
    """ "c. 200" and a word, with no era, in notes whose years are mostly of our
    second millennium: a count ("the Rump (c. 200 left, c. 70 active)", round 22,
    set 27; "c. 400–700 injured", "c. 100+ countries", round 25), not AD 200; but a
    year in brackets or before a preposition ("Einsiedeln
    Verses (c. 997)", "built c. 950 by the monks") or a span's start ("c. 125–80
    Ma") is one."""
    last = mention.end_when or mention.when
    if not (
        mention.kind in ("year", "span")
        and mention.when.approximate
        and not mention.era
        and 0 < mention.when.year < 1000
        and 0 < last.year < 1000
        and mention.label.startswith("c. ")
    ):
        return False
    if text.startswith("+", mention.end):
        return True  # "c. 100+ countries"
    after = _WORD_AFTER_RE.match(text, mention.end)
    if after is None:
        # "Whigs + allies c. 480 seats v. Tories c. 175": a plural name's count, at
        # the end, with no comma or preposition between.
        return bool(_PLURAL_BEFORE_RE.search(text, max(0, mention.start - 40), mention.start))
    return after.group(1) not in _YEAR_FOLLOWERS


_WORD_AFTER_RE = re.compile(r"\s+([a-z]+)\b")
# A plural: a lower-case word in "-s" ("allies"), or a name of a party or people
# ("Tories", "Conservatives", "Liberals"), not "Paris", "Athens" or "Charles".
_PLURAL_BEFORE_RE = re.compile(
    r"(?:\b[a-z]{2,}(?<![su])s|\b[A-Z][a-z]*(?:ies|ans|ists|ites|ers|ives|als|ics))\s+$"
)
_YEAR_FOLLOWERS = word_set(
    "by in at on and or to from as when under for with after before during until till "
    "onwards onward the his her its their"
)


def extract_events(
    text: str,
    context: str | None = None,
    lead_in: str | None = None,
    nearby: When | None = None,
    years: NotesYears | None = None,
    heading: str | None = None,
) -> list[ParsedEvent]:
    """The events one bullet dates, in order of appearance, one per label.

    Recognised: "12 December 2024", "December 12, 2024" and "2024-12-12" (exact
    day); "December 2024" or "Dec 2024" (first of the month); "the 19th century"
    (1 January 1800); "the 1990s"; a standalone year 1000-2199 that is not part of
    a longer number, an amount ("$2000"), a percentage, a name ("RFC 1945") or a
    quantity ("1500 bytes", "a fleet of 1400 merchant vessels"); and spans of these
    ("2019–2023", "from May 1940 to June 1941", "between 1961 and 1989", "(1452–1519)",
    "from 1921 until her death in 1934"), one event with an end; and dates of any
    era ("753 BC", "AD 79", "the 4th century BC", "c. 494–287 BC", "the late 1770s",
    "66 million years ago"; see dates). A bullet with more than MAX_DATES dates is
    a list of dates and gives none.

    Not events: bounds and states ("until 1907", "by 1850", "pre-1914", "the 1990s-era",
    "their 1967 lines"; but "did not open until 1807" dates the opening), frame years
    (a baseline, a reference period, a target, a forecast), dates in speculation,
    doubtful claims or debate ("might ... in 2026", "claimed to have invented jazz in
    1902", "it remains unclear whether ...") and dates of a fiction's story. Two dates
    naming one instant ("Wednesday 2 September 1752 was followed by Thursday 14
    September 1752") are one event.

    Each event's text is the part of the bullet its date belongs to when the bullet
    holds several events or the date sits in a subordinate clause ("The treaty,
    signed in 1648" of "The treaty, signed in 1648, was revised later."), and the
    whole bullet otherwise; it reads as a statement with its subject, taken from the
    bullet or from `context` (the parent item of a nested one) when the part has
    none. An event is unsure (`sure` False, `doubt` saying why) when that fails, when
    the notes hedge or doubt the date after giving it, when it is a plan still to
    come or a study's or a text's year, when the notes give two dates for it ("587
    or 586 BC"), when it dates a figure (a statistic), a record or a state that still
    held, or when the whole bullet stands for several dates.

    `lead_in` is the lead-in line the bullet's list follows (BodyItem.lead_in). One
    that is a date and no more ("All dates Oct 1962 unless stated:") is no event
    itself and gives its month and year to the days a bullet leaves them out of
    ("14th", "Tue 16th", "20 Nov"). A sub-item with no date of its own under a
    parent that is a dated lead ("Sat 27th = "Black Saturday":") is an event of the
    parent's date.

    `nearby` is the date the items before this one reached (date_reached): it gives
    its year (and month) to a day the bullet writes without them, and its century to
    a year of two digits when that falls in `years`, the first and last year the
    lecture's notes name (notes_wide.nearby_mentions, notes_wide.notes_years).
    """
    text = text.strip()
    if date_frame(text) is not None:
        return []  # "All dates Oct 1962 unless stated:" dates what follows, not itself
    launches = _note_pairs(text)
    if launches:
        return launches
    frame = date_frame(lead_in) or heading_frame(context)
    mentions = event_mentions(text)
    if years is not None:
        mentions = in_notes_order(mentions, years.day_first)
        named = lecture_named_years(text, mentions, years)
        mentions = [m for m in named if m in mentions or not is_tally(text, m)]
        mentions = in_declared_era(mentions, years, nearby)
        if not years.early and not years.bc:
            mentions = [m for m in mentions if not _circa_count(text, m)]
    if frame is not None:
        mentions = framed_mentions(as_read(text), frame, mentions)
    if nearby is not None:
        mentions = nearby_mentions(as_read(text), nearby, mentions, years)
    elif years is not None:
        # The notes' first item: a year of two digits takes the century that puts it
        # within the years the notes name, when only one does.
        mentions = [near_century(m, None, years) if m.century_doubt else m for m in mentions]
    if not mentions and context:
        return _under_dated_lead(text, context, frame)
    listed = _note_list(text, mentions)
    if listed:
        return listed
    if (
        not mentions
        or len(mentions) > MAX_DATES
        or _FICTION_RE.search(text)
        or _SPECULATIVE_OPENING_RE.match(text)
    ):
        return []
    mentions = _began_until(text, _join_spans(text, _one_instant(text, mentions)))
    mentions = _without_act_years(text, mentions)
    masked = mask(text, mentions)
    clauses = split_clauses(masked)
    placed: list[Placed] = []
    doubts: dict[int, str] = {}
    # Where the last date judged a bound or a frame ends: a date coordinated with it
    # is governed by the same words ("through the 1840s and 1850s").
    dropped_end = -1
    bound_asides: list[tuple[int, int]] = []
    # And where the last date judged a frame ends: a conjunct with its verb left out
    # is governed by the same forecast or aim (_gapped_after).
    frame_end = -1
    for mention in mentions:
        if (dropped_end >= 0 and _COORDINATED_RE.fullmatch(text, dropped_end, mention.start)) or (
            frame_end >= 0 and _gapped_after(text[frame_end : mention.start])
        ):
            frame_end = mention.end if frame_end >= 0 else -1
            dropped_end = mention.end
            continue
        dropped_end = frame_end = -1
        if _is_state(text, mention):
            dropped_end = mention.end
            continue
        if mention.end_when is None and _OPEN_FROM_RE.search(_around(text, mention)[0]):
            if len(mentions) > 1:
                bound = place_date(text, masked, mention, clauses)
                if bound.role == "parenthetical":
                    # ", dug from 1977," is no event, nor part of another's text.
                    bound_asides.append(bound.part)
                continue
            doubts[mention.start] = gettext_noop("a state from a date on, not an event")
        where = place_date(text, masked, mention, clauses)
        if _back_reference(text, mention, where.clause, mentions):
            continue
        if where.role in ("parenthetical", "trailing", "leading"):
            scope = masked[max(where.part[0], mention.start - WINDOW) : mention.start]
        else:
            scope = masked[max(where.clause[0], mention.start - WINDOW) : mention.start]
        if _SPECULATIVE_RE.search(scope) or _doubtful_claim(scope):
            continue
        debate = debated(text, masked, mention)
        if debate or _frame(text, mention, scope):
            dropped_end = frame_end = mention.end
            opened = text.rfind("(", max(0, mention.start - WINDOW), mention.start)
            closed = text.find(")", mention.end)
            if debate and opened >= 0 and closed >= 0 and ")" not in text[opened : mention.start]:
                bound_asides.append((opened + 1, closed))  # "(a minority argue for 1 BCE)"
            continue
        chronology = _on_another_chronology(text, mention)
        if chronology:
            bound_asides.append(chronology)  # "(about 2090 BC on the short chronology)"
            continue
        if _no_event_here(text, masked, mention, where.clause):
            continue
        if where.role != "lifespan" and not (where.role == "leading" and _is_when(text, where)):
            relative = relative_clause(text, masked, where.clause, mention)
            if relative and _when_dates_main(text, masked, where.clause, relative, mentions):
                relative = None
            if relative:
                where = Placed(mention, where.clause, "relative", relative)
        # The hedge of a closing ", which is often said to ..." is about that, not the date.
        clause_text = _WHICH_TAIL_RE.split(
            masked[
                max(where.clause[0], mention.start - WINDOW) : min(
                    where.clause[1], mention.end + WINDOW
                )
            ]
        )[0]
        later = masked[mention.end : mention.end + WINDOW].split(MASK, 1)[0]
        # A lifespan or reign in brackets is its person's: "Hattusili I (r. c. 1650–1620
        # BC) ... probably took his throne name from it" hedges the name, not the reign.
        bracketed = where.role == "lifespan" or (
            mention.end_when is not None
            and _LIFE_BRACKET_RE.search(text, max(0, mention.start - 40), mention.start)
            and text.startswith(")", mention.end)
        )
        hedged = _HEDGE_RE.search(
            text[max(0, mention.start - 12) : mention.end] if bracketed else clause_text
        )
        # "(c. AD 250?)": the notes query the date itself.
        queried = text.startswith("?", mention.end)
        if hedged or queried or _LATER_DOUBT_RE.search(later):
            doubts[mention.start] = gettext_noop("the notes hedge")
        elif _framing_lead(text, mention):
            doubts[mention.start] = gettext_noop("a period that frames the items after it")
        elif _FUTURE_RE.search(scope):
            doubts[mention.start] = gettext_noop("a plan or forecast, not yet an event")
        elif re.fullmatch(
            r"\W*(?:[Ii]n|[Oo]n)?\s*", text[where.clause[0] : mention.start]
        ) and _FORECAST_MADE_RE.match(masked, mention.end, min(len(masked), mention.end + WINDOW)):
            doubts[mention.start] = gettext_noop("the year a forecast or warning was made")
        elif _READY_FOR_RE.search(scope):
            doubts[mention.start] = gettext_noop("the date of what it was ready for, not of this")
        elif _SUPERLATIVE_IN_RE.search(scope):
            doubts[mention.start] = gettext_noop("a statistic's best or worst year, not an event")
        elif mention.kind == "year" and (
            _STUDY_YEAR_RE.match(text, mention.end) or cited(text, mention)
        ):
            doubts[mention.start] = gettext_noop("the year a study appeared")
        elif debated_work(text, mention, heading or context):
            doubts[mention.start] = gettext_noop("a historian's work and its claim, under a debate")
        elif work_story(text, mention):
            doubts[mention.start] = gettext_noop("a work's year; the rest is its story")
        elif _RECORD_RE.search(clause_text):
            doubts[mention.start] = gettext_noop("a record compared with a state, not an event")
        elif _still_state(clause_text) or _describing_period(text, mention):
            doubts[mention.start] = gettext_noop("a state of affairs, not an event")
        elif _period_made_precise(text, mention, mentions):
            doubts[mention.start] = gettext_noop("a period its own dates make precise")
        elif mention.alternative:
            doubts[mention.start] = gettext_noop("the notes give more than one date for it")
        elif mention.century_doubt:
            doubts[mention.start] = gettext_noop("a year of two digits: its century is a guess")
        elif mention.order_doubt:
            doubts[mention.start] = gettext_noop("its day and month could be read either way round")
        elif mention.year_doubt:
            doubts[mention.start] = gettext_noop("its year is guessed from the items before it")
        elif mention.era_doubt:
            doubts[mention.start] = gettext_noop(
                "BC may be a name here (British Columbia), not the era"
            )
        elif mention.small and not _small_year_sure(masked, where.clause, mention):
            doubts[mention.start] = gettext_noop("a small number read as a year")
        elif figure(masked, where.clause, mention):
            doubts[mention.start] = gettext_noop(
                "a figure for a date: a statistic rather than an event"
            )
        placed.append(where)
    # An aside with no verb of its own ("Rodhocetus, some 47 mya, was ...", "The
    # epidemic, in the East End in 1866, was traced to ...") dates its clause's
    # subject, and so the clause itself when it holds no other date.
    for index, where in enumerate(placed):
        if (
            where.role == "parenthetical"
            and (
                # No verb from the clause's start to the date: "The Constitution, ratified
                # by a ninth state, New Hampshire, on June 21, 1788," dates the ratifying.
                not _has_verb(text[where.clause[0] : where.part[1]])
                # Between a verb and what it says: "Ramesses claimed, in his 8th year
                # (c. 1177 BC), that ...": the aside dates the saying, and all of it.
                or _ASIDE_BEFORE_OBJECT_RE.match(text, where.part[1]) is not None
            )
            and sum(other.clause == where.clause for other in placed) == 1
        ):
            placed[index] = Placed(where.mention, where.clause, "main", where.clause)
    # A trailing phrase holds its own event only when the clause dates something
    # before it ("struck down laws in 2003, overruling Bowers v. Hardwick (1986)").
    relatives: dict[int, tuple[str, str]] = {}
    for index, where in enumerate(placed):
        if (
            where.role == "trailing"
            and (
                # A bare ", in 1768" after an aside has no words of its own to be an event:
                # it dates the clause ("X (1743–1794) bought a share in the Ferme, the
                # company that ..., in 1768").
                _BARE_DATE_RE.fullmatch(masked, where.part[0], where.part[1])
                # "Mary Cassatt (1844–1926), from Pittsburgh, joined the group in 1877":
                # with no verb before it, the "trailing" participle is the clause's verb.
                or (
                    not _has_verb(masked[where.clause[0] : where.part[0]])
                    and all(
                        other is where or other.clause != where.clause or other.role == "lifespan"
                        for other in placed
                    )
                )
                # A lifespan dates its person, not the clause: "Shelley (1792–1822) was
                # expelled from University College, Oxford, on 25 March 1811" is one event.
                or not any(
                    other.clause == where.clause
                    and other.role == "main"
                    and other.mention.start < where.part[0]
                    for other in placed
                )
            )
        ):
            placed[index] = Placed(where.mention, where.clause, "main", where.clause)
            # "..., in Bergen, which the king had made a staple port in 1343": the
            # date is the relative clause's, whose subject is the name before it.
            relative = _relative_event(text, where)
            if relative and sum(p.clause == where.clause for p in placed) == 1:
                relatives[where.mention.start] = relative

    by_clause: dict[tuple[int, int], list[Placed]] = {}
    for where in placed:
        by_clause.setdefault(where.clause, []).append(where)
    clause_index = {clause: index for index, clause in enumerate(clauses)}
    events: list[ParsedEvent] = []
    seen: set[str] = set()
    whole = (
        (
            len(placed) == 1
            and placed[0].role in ("main", "lifespan", "leading")
            and len(clauses) == 1
        )
        or (
            # Note-speak led by its one date: "24th, 10 a.m.: quarantine in force; SAC to
            # DEFCON 2", "Tue 16th: JFK briefed → ExComm's 1st mtg same day". What follows
            # the colon, every clause of it, is what happened then.
            len(mentions) == 1
            and len(placed) == 1
            and placed[0].role in ("main", "leading")
            and _NOTE_LEAD_RE.match(text, placed[0].mention.end) is not None
            and _NOTE_WEEKDAY_RE.fullmatch(text, 0, placed[0].mention.start) is not None
            # "220: ... abdicate → Three Kingdoms, 220–280": a period of its own ends it.
            and not re.search(r"(?<![\d.,])\d{3,4}(?![\d.,])", text[placed[0].clause[1] :])
        )
    )
    for where in placed:
        mention = where.mention
        if mention.label in seen:
            continue
        seen.add(mention.label)
        if len(by_clause.get(where.clause, ())) > _CROWDED:
            # A list of dates in one sentence: no cut of it reads as one event's (and
            # cutting each would take time and memory growing with the square of it).
            event_text, doubt = text, gettext_noop("several dates in one sentence")
        else:
            if whole and where.role == "leading" and _is_when(text, where):
                # "When the line opened in 1844, Morse sent ...": one event, the main
                # clause's, dated by its opening.
                event_text = text
            elif whole and where.role == "main":
                part = _trim_relative(text, masked, where.clause, mention)
                part = (part[0], _without_tally_tail(text, masked, part[0], mention, part[1]))
                event_text = text if part == where.clause else tidy(text[part[0] : part[1]])
            else:
                # Only the date's own clause and the one before it bear on its text.
                index = clause_index.get(where.clause, 0)
                near = by_clause.get(where.clause, [])
                if index > 0:
                    head = _chain_head(text, masked, clauses, index)
                    for before in clauses[head:index]:
                        near = near + by_clause.get(before, [])
                event_text = _event_text(text, masked, where, near, clauses, index)
            # Another event of the bullet that is not a lifespan ("Masaccio (1401–1428)").
            others = any(p is not where and p.role != "lifespan" for p in placed)
            event_text, doubt = with_subject(
                text, event_text or text, where, others, mentions, context
            )
            if mention.start in relatives:
                event_text, doubt = relatives[mention.start]
            elif where.role == "trailing" and re.match(
                r"\s*(?:which|who)\s", text[where.part[0] : where.part[1]]
            ):
                # "In 1819 she built the Old Mill, which burned down in 1832": the
                # closing clause's event is the mill's, after another dated one.
                relative = _relative_event(text, where, pronoun_kept=True)
                if relative and not relative[1]:
                    event_text, doubt = relative
                elif relative is None and _SENTENTIAL_WHICH_RE.match(
                    text, where.part[0], where.part[1]
                ):
                    # "..., which happened in April 2018": what happened is the clause
                    # before, which no name stands for.
                    doubt = doubt or gettext_noop("date in a relative clause")
            if (
                not doubt
                and where.role != "parenthetical"
                and tidy(event_text or "") == tidy(_without_brackets(text, placed))
                and any(
                    p is not where and p.role not in ("lifespan", "parenthetical") for p in placed
                )
            ):
                # The whole bullet but a bracketed aside still stands for several dates.
                doubt = gettext_noop("several dates in one sentence")
            if where.role == "parenthetical" and text.startswith("(", where.part[0] - 1):
                # "(founded 1851 as ...)" after "Western Union took its name in 1856":
                # the aside is the clause's subject's, apart from what the clause did.
                subject = clause_subject(text[where.clause[0] : where.part[0] - 1])
                inside = text[where.part[0] : where.part[1]]
                if _PUT_RE.match(inside) or _FORECAST_RE.match(inside) or _HEDGE_RE.search(inside):
                    # "(dated 1843 by some)": the same thing dated again.
                    doubt = gettext_noop("the notes give more than one date for it")
                elif subject:
                    event_text, doubt = tidy(f"{subject} {inside}"), ""
                else:
                    doubt = gettext_noop("no subject")
            doubt = doubt or doubts.get(mention.start, "")
            lead = _RELATIVE_LEAD_RE.match(event_text or "")
            if (
                lead
                and lead.end() <= mention.start
                and (event_text or "").startswith(text[: lead.end()])
            ):
                # "Two days later, on 13 May 1898, ...": the date says when; the relative
                # lead ties it to another item and reads wrong on a timeline.
                rest = event_text[lead.end() :]
                event_text = rest[:1].upper() + rest[1:]
            event_text = _without_asides(text, event_text or text, bound_asides)
            if where.role != "lifespan":
                event_text = _without_lifespans(text, event_text, placed)
            event_text = _OTHER_CALENDAR_ASIDE_RE.sub("", event_text)
            event_text = _without_sequel(event_text, text[mention.start : mention.end])
        events.append(
            ParsedEvent(
                when_label=mention.label,
                start=mention.when,
                text=event_text or text,
                end=mention.end_when,
                sure=not doubt,
                doubt=doubt,
            )
        )
    if len(events) > 1 and all(e.doubt == "several dates in one sentence" for e in events):
        if _one_verb_two_years(text, placed):
            return [dataclasses.replace(e, sure=True, doubt="") for e in events]
        if _act_year_then_date(text, placed):
            # The name's year stays a suggestion; the sentence is the later date's.
            return [events[0], dataclasses.replace(events[1], sure=True, doubt="")]
        return _parenthesised_list(text, [where.mention for where in placed]) or events
    return events


# A relative time an item opens with, before a date of its own: "Two days later, on
# ...", "The next morning, ...".
_RELATIVE_LEAD_RE = re.compile(
    r"(?i)(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|some|a\s+few|several)\s+"
    r"(?:days?|weeks?|months?|years?|hours?)\s+(?:later|afterwards|after|earlier|before)|"
    r"the\s+(?:next|following)\s+(?:day|morning|evening|week|month|year))\s*,\s*"
)


# Note-speak that lists what one thing did, each with its year: "England: joined
# FIFA 1905, left 1928, back 1946"; or a dated lead, then a later date of the same
# subject: "1955: Sanger → amino-acid sequence (51 aa), Nobel 1958".
_NOTE_THING_RE = re.compile(r"(?P<thing>[^\W\d][^:;,.\d()]{0,60}?):\s+")
_LISTED_PIECE_WORDS = 5


def _note_list(text: str, mentions: list[Mention]) -> list[ParsedEvent]:
    """The events of such a bullet, each piece after a comma with the thing it is
    said of; none when the bullet is no such list."""
    if len(mentions) < 2 or len(mentions) > MAX_DATES:
        return []
    masked = mask(text, mentions)
    bounds, start = [], 0
    for comma in re.finditer(r",\s+", masked):
        bounds.append((start, comma.start()))
        start = comma.end()
    bounds.append((start, len(text)))
    dated = []
    for p_start, p_end in bounds:
        inside = [m for m in mentions if p_start <= m.start < p_end]
        dated.append(inside[0] if len(inside) == 1 else None)
    # The pieces at the end that are each a few words closed by their own date (the
    # last may close with a bracketed gloss: "..., Frasnes event 372 Ma (anoxia)").
    tail = len(bounds)
    opening = _NOTE_THING_RE.match(text)
    while tail > 0:
        p_start, p_end = bounds[tail - 1]
        date = dated[tail - 1]
        rest = text[date.end : p_end].strip(" .;") if date else ""
        glossed = tail == len(bounds) and re.fullmatch(r"\([^()]*\)", rest)
        # The thing a note-speak list opens with ("Draft papers: ...") is no piece's.
        words = text[opening.end() if tail == 1 and opening else p_start : p_end]
        if (
            date is None
            or (rest and not glossed)
            or len(words[: len(words) - len(text[date.end : p_end])].split()) > _LISTED_PIECE_WORDS
            # A date alone dates the words before its comma: "Norman rule, 1066–1154".
            or not text[p_start : date.start].strip()
        ):
            break
        tail -= 1
    if tail == len(bounds) or any(_is_state(text, m) for m in mentions):
        return []
    thing = _NOTE_THING_RE.match(text)
    if tail == 0 and thing and not any(m.start < thing.end() for m in mentions):
        # Every piece is listed; the first after the thing's colon.
        bounds[0] = (thing.end(), bounds[0][1])
        name, head = thing["thing"].strip(), None
    else:
        # A dated lead ("1955: Sanger → ...") and its pieces, then the listed ones.
        first = dated[0] if tail >= 1 else None
        lead = after_leading_date(text, mentions)
        head_end = bounds[tail - 1][1] if tail else 0
        if (
            tail == 0
            or first is None
            or lead == 0
            or any(m is not first and m.start < head_end for m in mentions)
            or ":" not in text[first.end : lead]
        ):
            return []
        name = clause_subject(text[lead:head_end])
        head = ParsedEvent(first.label, first.when, tidy(text[:head_end]), first.end_when)
        if not name:
            return []
    events = [head] if head else []
    for (p_start, p_end), date in zip(bounds[tail:], dated[tail:], strict=True):
        piece = text[p_start:p_end].strip(" .;")
        events.append(ParsedEvent(date.label, date.when, f"{name}: {piece}", date.end_when))
    return events


# A parent item that is a date and a name for it, leading its sub-items: "Sat
# 27th = "Black Saturday":", "1848:", "June 1940 – the fall of France:".
_DATED_LEAD_RE = re.compile(rf"^[\W{MASK}]*{MASK}+[^{MASK}]{{0,40}}:\s*$")


def _under_dated_lead(text: str, context: str, frame: When | None) -> list[ParsedEvent]:
    """A sub-item with no date of its own under a parent that is a dated lead: an
    event of the parent's date, its own words its text. None when the parent is no
    such lead or the item doubts or debates what it says."""
    if text.rstrip().endswith(":"):
        # "3. The Diplomatic Revolution:" under "1756: Minorca and the Diplomatic
        # Revolution": a lead-in names what its own items tell (round 26, set 30).
        return []
    parent = " ".join(re.sub(r"\*\*|[*`]", "", context).split())
    dates = event_mentions(parent)
    if frame is not None:
        dates = framed_mentions(as_read(parent), frame, dates)
    if len(dates) != 1 or dates[0].end_when is not None:
        return []
    date = dates[0]
    if _is_state(parent, date):
        return []
    if not _DATED_LEAD_RE.match(mask(parent, dates)) and not _note_led(parent, date, text):
        return []
    if (
        _SPECULATIVE_RE.search(text)
        or _SPECULATIVE_OPENING_RE.match(text)
        or DEBATE_RE.search(text)
        or _CLAIM_RE.search(text)
        or text.startswith(("?", "“", '"'))
    ):
        return []
    return [ParsedEvent(date.label, date.when, tidy(text))]


# Words that date a sub-item apart from its parent: "the same day", "over the next
# days", "later", "by 1958".
_OWN_TIME_RE = re.compile(
    r"(?i)\b(?:same|next|following|later|earlier|afterwards?|before|after|then|until|till|"
    r"since|within|w/in|previous|prior|eventually|soon|meanwhile|day|days|week|weeks|"
    r"month|months|year|years)\b|\d"
)


def _note_led(parent: str, date: Mention, text: str) -> bool:
    """A parent that is note-speak led by its one date ("5.xi: UN sets up UNEF;
    paras land"), over a sub-item that tells what else happened then with no time
    words of its own ("Bulganin's letters hint at rockets")."""
    return (
        not parent[: date.start].strip(" *")
        and _NOTE_LEAD_RE.match(parent, date.end) is not None
        and not _OWN_TIME_RE.search(text)
        and text[:1].isupper()
        # "Rusk: “eyeball to eyeball …”": a remark, not an event.
        and not re.search(r"[\"“”]", text)
    )


# Note-speak pairs of a place and a year after one thing and what happened to it:
# "propofol: UK launch 1986, US 1989" is the UK launch in 1986 and the US launch
# in 1989, each propofol's.
_NOTE_PAIRS_RE = re.compile(
    r"(?P<thing>[^\W\d][^:;,.\d]{0,60}):\s+(?P<place>[A-Z][A-Za-z.]{1,5})\s+"
    r"(?P<what>[a-z]+(?:\s+[a-z]+)?)\s+(?P<year>\d{4})"
    r"(?P<rest>(?:\s*,\s*(?:and\s+)?[A-Z][A-Za-z.]{1,5}\s+\d{4}){1,6})\s*\.?"
)


_NOTE_PAIR_RE = re.compile(r"(?P<place>[A-Z][A-Za-z.]{1,5})\s+(?P<year>\d{4})")


def _note_pairs(text: str) -> list[ParsedEvent]:
    """The events of such a bullet, each with the thing before the colon; none when
    the bullet is no such list."""
    whole = _NOTE_PAIRS_RE.fullmatch(text)
    if not whole or is_verb(whole["what"].split()[0]):
        return []
    pairs = [(whole["place"], whole["year"])] + [
        (pair["place"], pair["year"]) for pair in _NOTE_PAIR_RE.finditer(whole["rest"])
    ]
    events = []
    for place, year in pairs:
        number = int(year)
        if not 1000 <= number <= 2199:
            return []
        own = f"{whole['thing'].strip()}: {place} {whole['what']} {year}"
        events.append(ParsedEvent(year, When(number), own[:1].upper() + own[1:]))
    return events


_BARE_DATE_RE = re.compile(rf"\s*(?:(?:in|on|at|during)\s+)?(?:the\s+)?{MASK}+[\s.;]*")


# What follows a date that leads a line of note-speak: a colon, perhaps after a time
# ("22nd, 7 p.m.:", "October 28, shortly after 9 a.m. Washington time:"); and what
# may come before it, a weekday ("Sunday, October 28").
_NOTE_LEAD_RE = re.compile(
    r"(?:,\s*[^,:;]{1,20}|,\s*[^,:;]{0,20}\b\d{1,2}(?::\d\d|\s*[ap]\.?m\b\.?)[^,:;]{0,25})?:\s+\S"
)
_NOTE_WEEKDAY_RE = re.compile(
    r"[\s*]*(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+(?:the\s+)?)?"
)


def _has_verb(words: str) -> bool:
    """Whether words hold a verb or participle (a hyphenated adjective such as
    "wolf-sized" is none)."""
    return any(word[:1].islower() and "-" not in word and is_verb(word) for word in words.split())


def _one_verb_two_years(text: str, placed: list[Placed]) -> bool:
    """ "The Persians invaded in 480 and 479 BCE", "held in Athens in 1896 and 2004":
    one verb, done in each of two years; the whole bullet is each one's event."""
    if len(placed) != 2 or {p.role for p in placed} != {"main"}:
        return False
    first, second = sorted((p.mention for p in placed), key=lambda m: m.start)
    return (
        placed[0].clause == placed[1].clause
        and first.kind == second.kind == "year"
        and bool(re.fullmatch(r"\s+and\s+(?:in\s+)?", text[first.end : second.start]))
        and bool(re.search(r"(?i)\bin\s+$", text[max(0, first.start - 10) : first.start]))
    )


def _when_dates_main(
    text: str,
    masked: str,
    clause: tuple[int, int],
    relative: tuple[int, int],
    mentions: list[Mention],
) -> bool:
    """ "He drowned when his boat sank off Viareggio on 8 July 1822": a "when"
    clause holding the bullet's one date, after a main clause with a verb and no
    date of its own, dates that main clause too (it happened then)."""
    head = masked[relative[0] : relative[0] + 5].casefold()
    main = masked[clause[0] : relative[0]]
    return (
        head.startswith("when")
        and len(mentions) == 1
        and MASK not in main
        and "," not in main
        and _has_verb(main)
    )


_ACT_NAME_BEFORE_RE = re.compile(r"\b(?:Act|Acts|Bill|Statute|Ordinance|Code)\s+$")


def _without_brackets(text: str, placed: list[Placed]) -> str:
    """text without the bracketed asides with dates of their own, "(founded 1851)"."""
    for where in sorted(placed, key=lambda p: -p.part[0]):
        start, end = where.part
        if where.role == "parenthetical" and text.startswith("(", start - 1):
            text = text[: start - 1] + text[end + 1 :]
    return text


# A bracket giving the day in another calendar or reckoning: "(20 Tebet in the
# Babylonian Chronicle)", "(AM 6046 in the Byzantine world era)", "(still 1666 by
# the legal year)", "(6 Aug N.S.)", "(1 August in the West)": the same instant
# again, which an event's text leaves out (round 13, set 16).
_OTHER_CALENDAR_ASIDE_RE = re.compile(
    r"\s*\((?:(?=[^()]{0,80}\d)[^()]{0,80}?(?:\b(?:Old\s+Style|New\s+Style|Julian|Gregorian|"
    r"calendar|legal\s+year|world\s+era|Chronicle|indiction|Saka|Hijri|in\s+the\s+West|"
    r"(?:AH|AM|SE)\s+\d+|\d+\s+AH)\b|\b[ON]\.\s?S\.)"
    # A month of another calendar named ("the Macedonian month Daisios", "archon
    # Nicocrates, month Maimakterion"), or a day of one ("7 Metageitnion in Plutarch").
    r"|[^()]{0,80}?\b(?:month\s+[A-Z]|archon\b)"
    # The Roman calendar's: "(a.d. V Kal. Dec.)", "(the Ides of January; AUC 727)".
    r"|[^()]{0,80}?\b(?:Kal\.|Non\.|Kalends|Calends|Nones|Ides|AUC)(?![\w])"
    r"|\s*[1-3]?\d\s+(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)[A-Z][a-z]+\b)"
    r"[^()]{0,80}\)"
)


# What followed a date, told after an arrow or a comma with its own time relative
# to it: "d. 11/12/1241 → Batu pulled back the next spring", "Kereits crushed 1203,
# Naimans the next yr". Another event, undated here, not part of this one's text.
_SEQUEL_RE = re.compile(
    r"\s*(?:→|⇒|->|[,;])\s+(?=(?:(?!->)[^→⇒,;])*?\b(?:(?:the\s+)?(?:next|following)\s+(?:day|morning|"
    r"evening|night|week|month|year|yr|spring|summer|autumn|winter)|(?:a|an|one|two|three|four|"
    r"five|six|ten|some|a\s+few|several|\d+)\s+(?:days?|weeks?|months?|years?|yrs?)\s+later)\b)"
)
# A link of an arrow chain with a date of its own: "dissolves Parliament, 22 April
# 1831 → election, April–May: ..." (round 25, set 29) is two events. A day, a
# month beside a number or another month, or a year of our second millennium; not
# "→ dog no. 410" nor "→ May Fourth Movement".
_MONTH_WORD = rf"(?:{MONTH_PATTERN})\.?(?![a-z])"  # "Mar", not "Marines"
# The look stops at the next arrow, however written, so each link is read once.
_DATED_LINK_RE = re.compile(
    rf"\s*(?:→|⇒|->)\s*(?=(?:(?!->)[^→⇒])*?(?:\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_WORD}(?=[\s,]|$)"
    rf"|\b{_MONTH_WORD}\s*(?:\d|[–-]\s*{_MONTH_WORD})"
    r"|(?<![\d.,£$€])\b(?:1\d{3}|20\d\d)\b(?![.,]?\d|\s*%)))"
)


def _without_sequel(event_text: str, written: str) -> str:
    """event_text cut before a sequel (see above) after its date, as written, or
    before an arrow's link that has a date of its own."""
    at = event_text.find(written)
    if at < 0:
        return event_text
    after = at + len(written)
    cuts = [
        m.start()
        for m in (_SEQUEL_RE.search(event_text, after), _DATED_LINK_RE.search(event_text, after))
        if m
    ]
    return event_text[: min(cuts)] if cuts else event_text


def _without_lifespans(text: str, event_text: str, placed: list[Placed]) -> str:
    """event_text without the bracketed lifespans of the people it names: "Florence
    Nightingale (1820–1910) reached Scutari, 4 Nov 1854" is an event of 1854, which
    her dates, an event of their own, only crowd (round 18, set 22)."""
    for other in placed:
        if other.role != "lifespan":
            continue
        start = text.rfind("(", max(0, other.mention.start - 8), other.mention.start + 1)
        end = text.find(")", other.mention.end - 1)
        if start < 0 or end < 0:
            continue
        aside = text[start : end + 1]
        if aside in event_text and re.fullmatch(r"\([^()]{0,30}\)", aside):
            event_text = re.sub(r"\s+(?=[,.;:])", "", event_text.replace(aside, "", 1))
            event_text = " ".join(event_text.split())
    return event_text


def _without_asides(text: str, event_text: str, asides: list[tuple[int, int]]) -> str:
    """event_text without the asides it holds that date nothing of its own: ", dug
    from 1977", "(a minority argue for 1 BCE)"."""
    for start, end in asides:
        aside = text[start - 1 : end]
        if aside.startswith("(") and text.startswith(")", end):
            aside = text[start - 1 : end + 1]
            if aside in event_text:
                event_text = " ".join(event_text.replace(aside, "", 1).split())
                event_text = re.sub(r"\s+(?=[.,;:])", "", event_text)
        elif aside.startswith(",") and aside in event_text:
            event_text = event_text.replace(aside, "", 1)
    return event_text


def _without_act_years(text: str, mentions: list[Mention]) -> list[Mention]:
    """mentions without the year of a law's name ("the Wages Act 1998") when the
    bullet gives a day or month of that year: the day ("received Royal Assent on 16
    July 1998") is when the law was made, and its name's year no second event."""
    days = {m.when.year for m in mentions if m.end_when is None and m.when.month is not None}
    return [
        mention
        for mention in mentions
        if not (
            mention.kind == "year"
            and mention.when.year in days
            and _ACT_NAME_BEFORE_RE.search(text, max(0, mention.start - 10), mention.start)
        )
    ]


def _act_year_then_date(text: str, placed: list[Placed]) -> bool:
    """ "The Wages Act 1998 came into force on 1 April 1999": a law named by its year
    as the subject, then what happened to it and when. The second date is the
    sentence's event; the first is part of a name."""
    if len(placed) != 2:
        return False
    first, second = sorted((p.mention for p in placed), key=lambda m: m.start)
    head = text[max(0, first.start - WINDOW) : first.start]
    return (
        first.kind == "year"
        and second.end_when is None
        and bool(_ACT_NAME_BEFORE_RE.search(head))
        and not _has_verb(head)
        and _has_verb(text[first.end : second.start])
    )


_ASIDE_BEFORE_OBJECT_RE = re.compile(r",\s+(?:that|how|whether)\b")


def _is_when(text: str, where: Placed) -> bool:
    """A leading clause that dates the main one: "When ...", "While ...", "As ..."."""
    return bool(re.match(r"\W*(?:When|While|As)\b", text[where.part[0] : where.part[1]]))


# A list of things, each with its date in brackets: "The north fell first (1066),
# the west last (1071)", "Key firsts: the telegraph (1844), the telephone (1876)".
_LIST_SEPARATOR_RE = re.compile(r"\s*(?:[,;]\s*(?:and\s+|then\s+)?|\s+and\s+(?:then\s+)?)")


# Words a listed thing may have: a name with a word or two of what happened to it.
_LISTED_WORDS = 10


def _parenthesised_list(text: str, dates: list[Mention]) -> list[ParsedEvent]:
    """One sure event per bracketed date of such a list, its own words as its text;
    none when the bullet is no such list."""
    events: list[ParsedEvent] = []
    position, lead = 0, ""
    for mention in sorted(dates, key=lambda m: m.start):
        if (
            mention.end_when is not None
            or text[mention.start - 1 : mention.start] != "("
            or text[mention.end : mention.end + 1] != ")"
        ):
            return []
        piece = text[position : mention.start - 1]
        if events:
            separator = _LIST_SEPARATOR_RE.match(piece)
            if not separator:
                return []
            piece = piece[separator.end() :]
        elif ": " in piece:
            lead, piece = piece.split(": ", 1)
        piece = piece.strip()
        if not piece or len(piece.split()) > _LISTED_WORDS or re.search(r"[\d(),;]", piece):
            return []
        own = f"{piece} ({text[mention.start : mention.end]})"
        own = f"{lead}: {own}" if lead else own[:1].upper() + own[1:]
        events.append(ParsedEvent(mention.label, mention.when, own))
        position = mention.end + 1
    if text[position:].strip(" .;"):
        return []
    return events


# The name a closing relative clause is about, right before its comma: "Bergen" of
# "gathered in Bergen, which ...".
# A name, its linking words with it: "the Office for Students", "the Bank of England".
_ANTECEDENT_RE = re.compile(
    r"(?:\b(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:(?:of|for|on)\s+(?:the\s+)?)?[A-Z][\w'’.-]*)*)$"
)


# A "which" whose antecedent is the clause before it: "..., which happened in 1990".
_SENTENTIAL_WHICH_RE = re.compile(
    r"\s*which\s+(?:\w+ly\s+|then\s+|later\s+|finally\s+)?(?:happened|occurred|took\s+place|"
    r"came\s+(?:about|true|into\s+force|into\s+effect)|followed|went\s+ahead)\b"
)


def _relative_event(text: str, where: Placed, pronoun_kept: bool = False) -> tuple[str, str] | None:
    """The event of a closing ", which ..." or ", who ..." clause a date sits in, as a
    sentence about the name before it: "Bergen became a staple port in 1343"; "the
    king had made Bergen a staple port in 1343" of "..., which the king had made a
    staple port in 1343". Unsure when it cannot be made a sentence."""
    start, end = where.part
    clause = text[start:end].strip()
    relative = re.match(r"(?:which|who|whom)\s+", clause)
    if not relative:
        return None
    # Within a window, so a long run of capitalised words is read in linear time.
    name = _ANTECEDENT_RE.search(text[max(0, start - 1 - WINDOW) : start - 1].rstrip())
    if not name:
        return None
    name_text = name.group()
    if re.search(r"(?i)\bof\s+$", text[: start - 1 - len(name_text)][-10:]):
        return None  # "a sum of Deutsche Marks, which": the sum, not the marks
    rest = clause[relative.end() :].rstrip(" .;")
    if OBJECT_PRONOUN_RE.search(rest):
        # "who rescored it in 1926": "it" is in the main clause, and no sentence of the
        # relative stands alone; kept, the clause reads with the name it is about.
        return (tidy(f"{name_text}, {clause}"), "") if pronoun_kept else None
    words = rest.split()
    if words and words[0][:1].islower() and (is_verb(words[0]) or words[0] in JOINING_AUXILIARIES):
        return tidy(f"{name_text} {rest}"), ""  # "which became a staple port in 1343"
    subject = clause_subject(rest)
    after = rest[len(subject) :].split() if subject and rest.startswith(subject) else []
    verbs = 0
    while verbs < len(after) and after[verbs].casefold() in _AUXILIARIES_AND_ADVERBS:
        verbs += 1
    if verbs < len(after) and is_verb(after[verbs]) and after[verbs][:1].islower():
        verbs += 1
        sentence = " ".join([subject, *after[:verbs], name_text, *after[verbs:]])
        return tidy(sentence[:1].upper() + sentence[1:]), ""
    return tidy(f"{name_text}, {clause}"), gettext_noop("date in a relative clause")


_AUXILIARIES_AND_ADVERBS = word_set(
    "had has have was were is are did does do had already first later then"
)


# More dates than this in one clause make it a list rather than a sentence.
_CROWDED = 12


_TAIL_RE = re.compile(
    r",\s+(?:\w+\s+){0,2}?(?:which|who|whose|although|though|whereas|because|when|after|"
    r"before|until)\b(?!\s+\d{1,2}(?::\d\d|\s*[ap]\.?m\b))"  # not "shortly after 9 a.m."
    # Nor the name the person then took, which the event is known by: "elected
    # Bartolomeo Prignano, who took the name Urban VI" (round 19, set 23).
    r"(?!\s+(?:took|assumed|adopted|chose)\s+the\s+(?:name|title)\b"
    r"|\s+(?:called|styled|named)\s+(?:himself|herself)\b)"
    r"|\s+and\s+(?:(?:never|later|then|also|soon|quickly|eventually|still|"
    r"not)\s+)*(?=\S+)"
    # A closing participle dated by a relative date of its own: "..., printed in the
    # Book of Concord three years later".
    r"|,\s+(?!(?:seven|eleven|even|often|open|then|when|between)\b)"
    r"(?=[a-z]+(?:ed|en)\b[^,;]{0,80}?\b(?:(?:\w+\s+)?(?:years?|months?|weeks?|days?|"
    r"decades?)\s+(?:later|afterwards|after|on)|the\s+(?:next|following)\s+\w+|"
    r"same\s+(?:yr|year|day|month))\b)"
)


# Words that give a conjunct a time of its own, or make it a state: "and was stripped
# of it three days later", "and is still the record".
_CONJUNCT_TIME_RE = re.compile(
    r"(?i)\d|\b(?:later|next|following|after|afterwards|since|still|until|then|"
    r"years?|months?|weeks?|days?|spring|summer|autumn|fall|winter)\b"
)


_AND_OWN_TIME_RE = re.compile(
    r"(?i)\b(?:later|afterwards?|after|next|following|then|subsequently|eventually|since|"
    r"until|still|now|today|within)\b"
)


_OBJECT_OPENINGS = word_set("it them the a an its their his her")


# A closing verb phrase short enough to finish the dated one rather than tell more.
_SAME_OCCASION_WORDS = 4


def _compound_adjective(word: str) -> bool:
    """A compound whose first part is a word, not a prefix: "means-tested",
    "state-funded" (but "re-elected", "co-founded" are verbs)."""
    head, dash, _ = word.partition("-")
    return bool(dash) and len(head) > 3


def _shares_the_date(masked: str, mention: Mention, tail: re.Match[str], rest: str) -> bool:
    """Whether a bare "and" right after the date joins a short second past-tense verb
    done to the same thing on the same occasion ("visited the site in 1997 and
    accepted it"), not one with a time or state of its own ("and was stripped of it
    three days later", "and is still the record") or a further story ("and used it
    to map the genes of ...")."""
    words = rest.split()
    return (
        tail.group().split() == ["and"]
        and not masked[mention.end : tail.start()].strip()
        and words[0].casefold() not in JOINING_AUXILIARIES
        and words[0].casefold() not in _STATE_VERBS
        and len(words) <= _SAME_OCCASION_WORDS
        # A verb with an object, done then: "and accepted it", "and founded Fairchild"
        # (but "and returned safely" may be days later).
        and len(words) > 1
        and (words[1][:1].isupper() or words[1].strip(".,;").casefold() in _OBJECT_OPENINGS)
        and not _AND_OWN_TIME_RE.search(rest)
    )


def _trim_relative(
    text: str, masked: str, part: tuple[int, int], mention: Mention
) -> tuple[int, int]:
    """part without what follows the date and says something else: a closing ", which
    ..." or ", when ..." clause, or "and" with another verb ("and never delivered it")."""
    for tail in _TAIL_RE.finditer(masked, mention.end, part[1]):
        if in_brackets(masked, tail.start()):
            continue  # "(still 1666 by the legal year, which began on 25 March)"
        rest = masked[tail.end() : part[1]]
        if MASK in rest:
            return part
        if tail.start() == mention.end and re.match(r",\s+when\b", tail.group()):
            continue  # "fell in 546 BC, when Cyrus took Sardis": what happened then
        if tail.group().lstrip().startswith("and"):
            words = rest.split()
            if not words or not is_verb(words[0]) or words[0][:1].isupper():
                continue
            if re.match(r"\W*(?:In|On|By|During)\s", masked[part[0] : mention.start]) and not (
                _has_verb(masked[part[0] : mention.start])
            ):
                continue  # "In 540 Khosrow broke the peace and sacked Antioch": both then
            if (
                re.fullmatch(r"\s+and\s+", tail.group())
                and MASK not in masked[: mention.start] + masked[mention.end :]
                and not _CONJUNCT_TIME_RE.search(rest)
                and len(words) <= 4
                and words[1:2]
                and (words[1][:1].isupper() or words[1].strip(".,;") in ("it", "them"))
            ):
                # The one date's subject does a short second thing to a name, with no
                # time of its own ("walked out on 2 May 1921 and founded Unity Mills",
                # "... and ratified it"): one event, whose name a reader looks for.
                continue
            if _compound_adjective(words[0]):
                continue  # "fees and means-tested grants": no second verb
            if _shares_the_date(masked, mention, tail, rest):
                continue  # "visited the site in 1997 and accepted it": one occasion
            before = masked[part[0] : tail.start()].split()[-1:]
            if before and before[0][:1].islower() and is_verb(before[0]):
                continue  # "surrounded and destroyed an army": two verbs, one object
        return part[0], tail.start()
    return part


# A number that counts or measures rather than dates: "his 76th birthday", "$200
# million a year for 15 years", "~120 yrs", "within 24 hours", "570 km", "a
# five-year term", "+50 bp".
_TALLY_RE = re.compile(
    r"(?i)\b\d+(?:st|nd|rd|th)\s+(?:birthday|anniversary)|[$€£¥]\s?\d|\d\s*%"
    r"|(?:\b\d[\d,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|hundred|thousand))[\s-]*(?:per\s?cent|bn|"
    r"million|billion|thousand|km|miles?|kg|tons?|tonnes?|yrs?|years?|days?|hours?|weeks?|"
    r"months?|bp)\b"
)
# What opens such an aside after an event's date.
_TALLY_OPENING_RE = re.compile(r"\s*(?:[,:=]|[—–](?=\s))\s*|\s+(?:after|within|for)\s+")
# What makes a tail more than a count: a consequence ("→ lahars bury Armero"), a
# purpose ("to raise the cap"), a verb or a gerund ("starting the 'Fight for $15'").
_TALLY_TAIL_STORY_RE = re.compile(
    r"→|->|⇒|\bto\s+(?!about\b)[a-z]{3,}\b|\b[a-z]{3,}ing\b"
    # A name and a verb in the present: "Nicias delays the retreat".
    r"|\b[A-Z][a-z]+\s+[a-z]{3,}s\b"
)
_TALLY_TAIL_MAX = 80


def _without_tally_tail(text: str, masked: str, c_start: int, mention: Mention, end: int) -> int:
    """end moved back to the date when what follows it only counts or measures, with
    no verb of its own: "Augustus dies at Nola, 19 Aug. 14 CE, a month short of his
    76th birthday", "National Research Council report, February 1988: $200 million a
    year for 15 years" (round 17, set 21). A tail that says what happened stays
    ("Brussels 1998-05-02/03: 11 countries pass"), as does one holding another date,
    which the other date's own reading cuts. Another calendar's gloss right after the
    date ("(a.d. V Kal. Dec.)") goes with the tail; the event's text drops it anyway."""
    if end <= mention.end or len(text[c_start : mention.start].split()) < 2:
        return end
    position = mention.end
    gloss = _OTHER_CALENDAR_ASIDE_RE.match(text, position, end)
    if gloss:
        position = gloss.end()
    tail = text[position:end]
    if (
        not tail.strip(" .,;:")
        or len(tail) > _TALLY_TAIL_MAX
        or MASK in masked[position:end]
        or not _TALLY_OPENING_RE.match(tail)
        or not _TALLY_RE.search(tail)
        or _TALLY_TAIL_STORY_RE.search(tail)
        or any(word[:1].islower() and is_verb(word) for word in tail.split())
    ):
        return end
    return mention.end


def _event_text(
    text: str,
    masked: str,
    where: Placed,
    placed: list[Placed],
    clauses: list[tuple[int, int]],
    index: int,
) -> str:
    """The part of the bullet where's date belongs to; placed holds the dates of its
    clause and of the clause before it, index is its clause's place in clauses."""
    mention = where.mention
    c_start, c_end = where.clause
    # A dated pair "in 1986 and 2003" against "Challenger and Columbia".
    for other in placed:
        if other.clause == where.clause and other is not where:
            first, second = sorted((where.mention, other.mention), key=lambda m: m.start)
            if re.fullmatch(r"\s+and\s+", text[first.end : second.start]):
                pair = respectively(text, first, second, text[c_start:c_end])
                if pair:
                    return tidy(pair[0] if mention is first else pair[1])
    if where.role == "lifespan":
        return text[where.part[0] : where.part[1]]
    if where.role == "relative":
        # "where the treaty had been signed in 1701": the clause from its subject on.
        return tidy(re.sub(r"(?i)^\s*(?:where|when)\s+", "", text[where.part[0] : where.part[1]]))
    if where.role == "leading":
        phrase = text[where.part[0] : where.part[1]].strip()
        subject = clause_subject(text[where.part[1] + 1 : c_end])
        if subject and subject.casefold() not in PRONOUNS:
            return tidy(f"{subject}, {phrase[:1].lower()}{phrase[1:]}")
        return tidy(phrase)
    if where.role == "parenthetical":
        head_start = c_start
        for other in placed:
            if other.role == "leading" and other.clause == where.clause:
                head_start = other.part[1] + 1
        name = _NAME_BEFORE_RE.search(
            text, max(head_start, where.part[0] - 1 - WINDOW), where.part[0] - 1
        )
        if name and name.start() > head_start and _appositive_opening(text, where):
            # "..., Indohyus, a raoellid of c. 48 Ma, had ...": the name and its aside.
            head_start = name.start()
        return tidy(text[head_start : where.part[1]])
    if where.role == "trailing":
        part = text[where.part[0] : where.part[1]]
        words = part.split()
        noun = _NOUN_BEFORE_RE.search(text, max(0, where.part[0] - 1 - WINDOW), where.part[0] - 1)
        if (
            words
            and is_participle(words[0])
            and words[0][:1].islower()
            and noun
            and _has_verb(text[where.clause[0] : where.part[0]])
        ):
            # "... powered the first Macintosh, launched on 01/24/1984": the thing the
            # participle is said of, then what happened to it.
            return tidy(f"{noun.group()}, {part.strip()}")
        return tidy(part)
    # The main clause up to what follows the date and says something else
    # (_trim_relative), without the parts that date other events.
    _start, end = _trim_relative(text, masked, (c_start, c_end), mention)
    end = _without_tally_tail(text, masked, c_start, mention, end)
    pieces = []
    position = c_start
    for other in sorted(placed, key=lambda p: p.part[0]):
        if other is where or other.clause != where.clause or other.role == "lifespan":
            continue
        if other.role == "leading":
            cut = (other.part[0], other.part[1] + 1)
        elif other.role == "parenthetical":
            cut = (other.part[0] - 1, other.part[1] + 1)
        else:
            cut = (other.part[0] - 1, other.part[1])
        if cut[0] < position or cut[0] >= end:
            continue
        pieces.append(text[position : cut[0]])
        position = cut[1]
    pieces.append(text[position:end])
    body = "".join(pieces)
    # The right conjunct of a split "and" or ", and": give it back its subject.
    if index > 0:
        left_index = _chain_head(text, masked, clauses, index)
        left = clauses[left_index]
        joined_by = masked[clauses[index - 1][1] : c_start]
        if re.fullmatch(r"\s+(?:and|but)\s*|,\s+and\s+|,\s+", joined_by):
            left_date = next(
                (p.mention for p in placed if p.clause == left and p.role == "main"), None
            )
            right = (c_start, c_start + len(body))
            first = body.split(maxsplit=1)[0] if body.split() else ""
            if first.casefold() in PRONOUNS:
                return tidy(body)  # "... and it met in 1266": a subject of its own
            if first.casefold() in ("his", "her"):
                # "Huang Chao's rebellion broke out in 875 and his armies entered
                # Chang'an on 8 January 881": a subject of its own, whose owner the
                # left conjunct names (round 17, set 21).
                owner = _OWNER_RE.match(text, left[0])
                if owner is None:
                    return tidy(body)
                return tidy(f"{owner['name']}'s {body.lstrip().split(maxsplit=1)[1]}")
            if re.fullmatch(r"\s+(?:and|but)\s*", joined_by):
                return tidy(gapped(text, left, right, left_date, mention))
            if is_verb(first) and first[:1].islower():
                return tidy(gapped(text, left, right, left_date, mention))
            if left_date is not None and not any(is_verb(w) for w in body.split()):
                return tidy(gapped(text, left, right, left_date, mention))
    return tidy(body)


# A person's name opening a clause, possessive or not: "Huang Chao's rebellion".
_OWNER_RE = re.compile(
    r"\s*(?!(?:The|A|An|In|On|By|At)\b)(?P<name>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}?)"
    r"(?:['’]s)?\s+[a-z]"
)


def _chain_head(text: str, masked: str, clauses: list[tuple[int, int]], index: int) -> int:
    """The clause whose verb a comma conjunct shares: the one before it, or for a
    chain ("Lisbon fell in 1147, Seville in 1248, Granada in 1492") the first."""
    left = index - 1
    while left > 0 and re.fullmatch(
        r",\s+|\s+and\s+|,\s+and\s+", masked[clauses[left - 1][1] : clauses[left][0]]
    ):
        words = text[clauses[left][0] : clauses[left][1]].split()
        # A conjunct with no subject of its own: "Seville in 1248" of a chain, "moved
        # grounds in 1880" of a list of verb phrases.
        if not (
            (
                re.fullmatch(r",\s+", masked[clauses[left][1] : clauses[left + 1][0]])
                and not _has_verb(" ".join(words))
            )
            or (words and words[0][:1].islower() and is_verb(words[0]))
        ):
            break
        left -= 1
    return left


_NAME_BEFORE_RE = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*$")


def _appositive_opening(text: str, where: Placed) -> bool:
    """An aside that opens as a noun phrase ("a raoellid of ...", "the 'walking
    whale' of ..."), not a clause."""
    first = text[where.part[0] : where.part[1]].split()[:1]
    return bool(first) and first[0].strip("\"'“”").casefold() in _APPOSITIVE_WORDS


_APPOSITIVE_WORDS = word_set("a an the some about around roughly c. ca. circa")


# The noun phrase right before a trailing participle's comma: "the first Macintosh",
# "Bergen", "the Lambeth company".
_NOUN_BEFORE_RE = re.compile(
    r"(?:\b(?:the|a|an|its|his|her|their)\s+(?:[\w'’-]+\s+){0,3}[\w'’-]+"
    r"|\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)$"
)


# A list item's marker: "- ", "* ", "• ", "1. ", "2) ", "a. ".
_ITEM_MARKER_RE = re.compile(r"^(?P<indent>[ \t]*)(?:[-*•]|\d{1,3}[.)]|[a-z][.)])\s+")


def date_reached(events: list[ParsedEvent], before: When | None = None) -> When | None:
    """The date the notes reached with an item's events, for the items after it
    that leave out their year (extract_events's `nearby`): its last sure event's
    date, a single date before a span's start ("Wilhelm II (1859–1941) ... mutiny 3
    November 1918" reached 1918), or `before` if none. Deep time or a century is
    reached too: a day after "300,000 years ago" has no year to take. A span that
    holds `before` leaves it: "Pepys, whose diary runs from 1 January 1660 to 31 May
    1669" after "2 September 1666" is an aside, and "On Monday 3 September" is 1666's."""
    dated = [event for event in events if event.sure]
    for event in reversed(dated):
        if event.end is None:
            return event.start
    if not dated:
        return before
    if before is not None and any(
        event.start.sort_key <= before.sort_key <= event.end.sort_key for event in dated
    ):
        return before
    return dated[-1].start


def section_events(body: str, title: str = "") -> list[ParsedEvent]:
    """The timeline events of a section's body: each item's dated mentions (see
    extract_events), in order. A nested item (indented under another) reads with
    its parent as context, a top-level one with the section's title, and each with
    the date the items before it reached (date_reached)."""
    events: list[ParsedEvent] = []
    parent = ""
    nearby = None
    years = notes_years(body.splitlines())
    for line in body.splitlines():
        marker = _ITEM_MARKER_RE.match(line)
        text = line[marker.end() :] if marker else line
        if marker and marker.group("indent"):
            context = parent or title
        else:
            context = title
            parent = text if marker else ""
        found = extract_events(text, context=context or None, nearby=nearby, years=years)
        nearby = date_reached(found, nearby)
        events.extend(found)
    return events
