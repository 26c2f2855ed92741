"""Rules for dated bullets: questions on the order in which things happened.

Every question here is built on an askable event (`_askable`): a happening with
a certain date of any era and precision (a day, month or year, BC or AD, a
decade, a century, deep time), not a bound ("until 1991"), a span, an approximate
date ("c. 1503"; deep time, always rough, excepted), nor a sale, proposal or
baseline, target or figure ("about 23 % of … in 2023"), whose text reads as a
sentence with its own subject rather than a fragment ("signed in Moscow on ____",
"NPH insulin marketed ____", "the empire", "he gained"; sentences.py) and is one
stretch of its bullet ("was entered into force" is not); suggested events never
reach the rules (source.py's `_usable_events`). No item, gap prompt or choice
shows a sale, a proposal or one end of a range (`sound_item`).

- Ordering (2 points) from 3 to 5 timeline events whose order is beyond dispute
  (their years do not overlap; deep time a clear factor apart), each from a
  different bullet, bullets with a single date preferred; the planner may ask for
  fewer items, or none, when the bullets are better spent on other questions. An
  item is the event's text with its date and the preposition before it removed
  (with the clause the date leaves hollow: "Salamis, fought in September 480 BC,
  broke …" is "Salamis broke …"), never blanked ("____" reads as a gap question's),
  and an item with another date, a pronoun ("it", "she", "they") or no subject is
  not used. It leaves
  every section a bullet to state, even when that leaves too few events for the
  question, and two dated bullets to the other questions where it can.
- "Which of these happened first?" single choice (1 point) among four events whose
  order is beyond dispute, each from a bullet no other question uses, whose date
  can be left out of its sentence without a gap, and of lengths close enough that
  the key does not stand out.
"""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter
from collections.abc import Callable

from django.utils.translation import gettext, gettext_noop

# How an event reads without its date is shared with the review cards.
from lectures.notes.prose import GAP, date_spans, is_uncertain, without_date

from ..models import Question
from .dating import Dated, apart, dated
from .draft import BIG_POINTS, Draft
from .sentences import (
    BASELINE_RE,
    SPECULATIVE_RE,
    comma_splice,
    dangling,
    framed,
    one_stretch,
    opens_on_verb,
    passive_made_whole,
    reads_as_sentence,
    statistic,
)
from .soundness import CONTEXT_OPENING, HANGING, RELATIVE, fragment
from .source import Event, Source
from .text import ONE_WAY_LEAD_RE, full_stop
from .vocabulary import PRIVATE_SHORTHAND

Kind = Question.Kind

# The leads of the date questions' prompts, translated where they are drafted.
ORDERING_PROMPT = gettext_noop("Put these events in chronological order, earliest first.")
FIRST_PROMPT = gettext_noop("Which of these happened first?")

ORDERING_MAX = 5
ITEM_LIMIT = 120
# A single-choice question offers four choices: with fewer, guessing pays too well.
FIRST_CHOICES = 4


def _one_way(text: str, label: str) -> bool:
    """The date bounds the claim on one side only ("since 2000", "before 1991");
    deep time's "about" is part of its date, not a bound."""
    return any(
        found.label == label and ONE_WAY_LEAD_RE.search(text[: found.start])
        for found in dated(text)
    )


def _dated(text: str, label: str) -> str:
    """The text with its date in front, once: "1991: … until 1991." or "June 2025: …"."""
    without = without_date(text, label)
    return text if without != text and GAP not in without else f"{label}: {text}"


# Dates that are no event a student should know: a sale, a catalogue number, a
# proposal (rejected or not), a baseline or reference year.
_TRIVIA_RE = re.compile(
    r"\b(?:auction|sold for|catalogue|catalog|opus|propos(?:ed|al|als)|rejected|"
    r"baseline|compared with|average|reference|relative to|forecast|projected|target)\b",
    re.IGNORECASE,
)
# A gap at one end of a range ("1914–____", "from ____"): the other end gives the
# question away, or the gap fits either end.
_RANGE_GAP_RE = re.compile(rf"[–—-]\s*{GAP}|{GAP}\s*[–—-]|\bfrom {GAP}")
# Dates of every era and precision may be asked; a span may not (a gap would blank
# one end) and neither may an approximate date ("c. 1503"), deep time excepted,
# whose "about" every choice carries alike.
ASKABLE_SHAPES = frozenset({"day", "month", "year", "decade", "century", "deep"})


def sound_item(text: str) -> bool:
    """An ordering item, a gap prompt or a choice asks about an event, not a sale,
    a proposal, a baseline or one end of a range."""
    return not _TRIVIA_RE.search(text) and not _RANGE_GAP_RE.search(text)


def _askable(event: Event, names: frozenset[str] = frozenset()) -> bool:
    """An event an ordering item or a gap may be built on: a dated happening (not a
    bound such as "until 1991", an approximate date, a range or lifespan whose gap
    would blank one end, a sale, proposal, baseline, target or figure) whose text
    reads as a sentence with its own subject, not a fragment ("signed in Moscow on
    ____"); `names` are the notes' names (Source.names), for its pronouns."""
    if event.shape not in ASKABLE_SHAPES or _one_way(event.text, event.label):
        return False
    if event.shape != "deep" and is_uncertain(event.text, event.label):
        return False
    # The bullet may hold the sale its event's text leaves out, and the other way
    # round (a nested item's text read with its parent's).
    if not (sound_item(event.bullet) and sound_item(event.said)):
        return False
    if _alternative(event):
        return False  # "in 587 or 586 BC": the other date printed beside the gap
    key = _key_date(event)
    if key is not None and key.start == 0 and re.match(r"\s+[a-z]", event.said[key.end :]):
        return False  # "1045 carbon steel is still used": a number that names
    if framed(event.said) or BASELINE_RE.search(event.said):
        return False  # "scheduled to reach … in 2030", "below 2005 levels"
    if statistic(event.said, key.start if key else None):
        return False  # "about 23 % of … in 2023", "fell from about 60,000 in 1971"
    at = event.bullet.casefold().find(event.text.casefold().rstrip(". "))
    if at > 0 and event.bullet[at : at + 1].islower():
        return False  # "retaking of … in 2023": cut from the middle of a sentence
    if event.said[:1].islower():
        return False  # "last bakufu rebels give up at Hakodate": note-speak (round 17)
    if _PRIVATE_SHORTHAND_RE.search(event.said):
        return False  # "Alfred k. after ...", "Y resigns from the CPSU" (set 26)
    if comma_splice(event.said):
        return False  # "the ships deserted, the fleet was beaten": cut from a list
    if not reads_as_sentence(event.said, names=names):
        # A date hung on with a comma is note-speak in a statement, but an item shows
        # the event without it: "Augustus dies at Nola, 19 Aug. 14 CE" (round 16).
        undated = _undated(event.said, event.label)
        if undated is None or not reads_as_sentence(undated, names=names):
            return False
    return one_stretch(event.text, event.bullet)


def _bullet_counts(src: Source) -> Counter[str]:
    return Counter(event.bullet for event in src.events)


def ordering(src: Source, rng: random.Random, most: int = ORDERING_MAX) -> list[Draft]:
    """The ordering question, of at most `most` items (none when under 3)."""
    if most < 3:
        return []
    per_bullet = _bullet_counts(src)
    core = core_years(src.events)
    candidates = [event for event in src.events if in_core(event, core)]
    rng.shuffle(candidates)
    candidates.sort(key=lambda e: per_bullet[e.bullet] > 1)
    chosen: list[tuple[Event, str]] = []

    def fits(event: Event, item: str) -> bool:
        return not any(
            event.bullet == other.bullet
            or _clash(event, other)
            or item == other_item
            or gives_order_away((event, item), (other, other_item))
            for other, other_item in chosen
        )

    # Six dated bullets are left to "which came first?" where the notes allow: its
    # four must be years apart and of lengths close to each other.
    askable = {e.bullet for e in candidates if _askable(e, src.names)}
    size = min(most, max(3, len(askable) - FIRST_CHOICES - 2))
    for event in candidates:
        if len(chosen) == size:
            break
        if not _askable(event, src.names):
            continue  # "c. 1503", "until 1991", a fragment: no certain place in an order
        if event.said.rstrip().endswith(":"):
            continue  # a lead-in to its sub-items: "Two case-control studies in 1950:"
        key = _key_date(event)
        if key is None:
            continue
        # The event without its date and the preposition before it: a blank in an
        # item reads as a gap question's, and a pronoun or missing subject leaves
        # the student ordering fragments ("bought it").
        undated = _undated(event.said, event.label)
        if undated is None or _UNRESOLVED_RE.search(undated) or dangling(undated, src.names):
            continue
        # An item too long to show whole is left out, never cut ("ruling out the…"):
        # the student orders what it says, and a cut one says half of it.
        item = full_stop(undated)
        if not 10 <= len(item) <= ITEM_LIMIT or not fits(event, item):
            continue
        if _named_for_another_year(event, item, src):
            continue
        if clean_item(item):
            chosen.append((event, item))
    if len(chosen) < 3:
        return []
    chosen.sort(key=lambda pair: pair[0].sort_key)
    choices = [
        {"text": item, "order_key": place, "is_correct": True}
        for place, (_, item) in enumerate(chosen, start=1)
    ]
    shuffled = choices[:]
    rng.shuffle(shuffled)
    if shuffled == choices:
        # Stored in order, the admin's list would read as the answer.
        shuffled = shuffled[1:] + shuffled[:1]
    explanation = "\n".join(
        f"{place}. {_dated(event.said, event.label)}" for place, (event, _) in enumerate(chosen, 1)
    )
    return [
        Draft(
            "ordering",
            Kind.ORDERING,
            gettext(ORDERING_PROMPT),
            explanation,
            None,
            shuffled,
            points=BIG_POINTS,
            source="\n".join(event.bullet for event, _ in chosen),
        )
    ]


# A name of two words or more: "Government of Ireland Act", "Treaty of London".
_LONG_NAME_RE = re.compile(r"\b[A-Z][\w'’-]+(?:(?:\s+(?:of|the|for|and)\s+|\s+)[A-Z][\w'’-]+)+")


def _named_for_another_year(event: Event, item: str, src: Source) -> bool:
    """The item's name is given another year elsewhere in the notes: "The Government
    of Ireland Act received the Royal Assent" could be the 1914 Act or "the
    Government of Ireland Act 1920" of another bullet (quiz round 15: both teachers
    called it ambiguous)."""
    for name in _LONG_NAME_RE.findall(item):
        named = re.compile(rf"{re.escape(name)},?\s+(?:of\s+)?(\d{{3,4}})\b")
        for other in src.events:
            if other.bullet == event.bullet:
                continue
            if any(int(year) != event.first for year in named.findall(other.bullet)):
                return True
    return False


def _clash(event: Event, other: Event) -> bool:
    """Two events whose order is open to dispute: their years meet, or deep time
    too close to tell apart (dating.apart)."""
    if event.overlaps(other):
        return True
    if "deep" in (event.shape, other.shape) and event.start and other.start:
        return not apart(event.start, other.start)
    return False


_YEAR_IN_DATE_RE = re.compile(r"(?<![\d,.])\d{1,4}(?![\d,])(?:\s*(?:BCE?|CE|AD)\b)?$|^AD\s*\d{1,4}")


def _key_date(event: Event) -> Dated | None:
    """The event's date as its text writes it ("December 8, 2020", "about 66 million
    years ago"), which may not be how its label reads ("8 December 2020")."""
    found = dated(event.said)
    same = next((d for d in found if d.label == event.label), None)
    # Written in figures the notes' own way ("11/3/1903" for "3 November 1903"),
    # the text's only date is the event's.
    if same is not None or len(found) != 1 or event.start is None:
        return same
    written = found[0].when
    year = written.year
    if year > 0 > event.start.year and not re.search(r"\b(?:AD|CE)\b", found[0].label):
        # Notes whose years are BC unless marked write "Pericles dies, autumn 429": the
        # import read the notes' declaration, the bare text cannot (quiz round 16).
        year = -year
    fits = (year, written.precision) == (event.start.year, event.start.precision)
    return found[0] if fits else None


# "it", "they", "them": whom they mean is in the bullet above, not in the item.
_UNRESOLVED_RE = re.compile(
    r"\b(?:it|they|them|she|he)\b"
    # What the item's own words cannot place (quiz round 16, set 22): "Comedy was
    # given its own official contest there", "Sunak announced the same idea".
    r"|\bthere\b(?!\s+(?:was|were|is|are|had|have)\b)|\bthe\s+same\b",
    re.IGNORECASE,
)
# Another date offered beside the event's: "587 or 586 BC", "1066/67".
_ALT_BEFORE_RE = re.compile(r"\d\S*\s*(?:or|/)\s*$")
_ALT_AFTER_RE = re.compile(r"^\s*(?:or|/)\s*\d")


def _alternative(event: Event) -> bool:
    """The event's date stands beside an alternative ("in 587 or 586 BC"): a gap
    would print the other, and the notes do not settle which is the answer."""
    for found in dated(event.said):
        if found.label != event.label:
            continue
        text = event.said
        if _ALT_BEFORE_RE.search(text[: found.start]) or _ALT_AFTER_RE.match(text[found.end :]):
            return True
        # "587 or 586 BC" may be read as one date whose number follows another.
        if re.search(r"\d\s*(?:or|/)\s*\d", found.label):
            return True
    return False


def _lead_and_date(written: str) -> re.Pattern[str]:
    """A date as written, with the preposition that leads it."""
    return re.compile(
        rf"(?:^|\s+)(?:(?:in|on|during|from)\s+)?(?:the\s+)?(?:(?:about|around|some)\s+)?"
        # A season or a part of the year the date leaves out: "autumn 429", "early
        # summer 415", "late May 431" (quiz round 16, set 20).
        rf"(?:(?:early|late|mid)[\s-]+)?(?:(?:spring|summer|autumn|fall|winter|midsummer)"
        rf"\s+(?:of\s+)?)?{re.escape(written)}(?!\w)",
        re.IGNORECASE,
    )


def _undated(text: str, label: str) -> str | None:
    """The text without its date and the preposition that leads it ("The seafloor
    was mapped in 1968." -> "The seafloor was mapped."), or None when the date
    cannot be left out so simply."""
    found = list(_lead_and_date(label).finditer(text))
    if not found:
        # A date written otherwise than its label: in figures ("on 11/3/1903" for "3
        # November 1903", the notes writing the month first). The text's only date
        # is the one, as _key_date finds it (round 13: dates in figures gave no
        # ordering item at all).
        written = dated(text)
        if len(written) == 1:
            only = written[0]
            found = list(_lead_and_date(text[only.start : only.end]).finditer(text))
    if len(found) != 1:
        return None
    match = found[0]
    lead = r"\s+(?:in|on|during|from|about|around|some)\s"
    # Note-speak hangs the date on with a comma: "Ovid banished to Tomis, 8 CE", "Julia
    # exiled to Pandateria, 2 BCE, on charges of adultery" (quiz round 16: five of set
    # 21's eight lectures had no ordering item, every date being written so).
    appended = text[: match.start()].endswith(",") and re.match(
        r"\s*(?:$|[,;.])", text[match.end() :]
    )
    if match.start() > 0 and not (re.match(lead, match.group(), re.I) or appended):
        return None  # "the 1968 treaty": the date is part of a name
    if match.start() == 0 and _APPOSITIVE_TO_DATE_RE.match(text, match.end()):
        return None  # "In 619, the 'Year of Sorrow', both ... died": it named the year
    after = text[match.end() :]
    if re.search(r"(?i)\bthe\s", match.group()) and re.match(r"\s+[a-z]", after):
        # "replied in the September 1784 issue": the date qualifies a noun, which
        # would be left as "replied issue" (quiz round 18, set 27).
        return None
    # The date's own name after it goes with it: "began on 23 February 303, the
    # feast of the Terminalia" (round 17, set 25: "began, the feast of ...").
    after = _DATE_NAMED_AFTER_RE.sub("", after, count=1)
    if re.match(r"\s*[–—]\s", after):
        return None  # "MacIain swore on 6 Jan 1692 – late": "swore – late" is no item
    if re.match(r",\s+when\b", after):
        # "The Rising began on Easter Monday 1916, when ... seized the GPO": without
        # its date the clause runs on ("began when ..."), not "began, when ...".
        after = after[1:]
    out = (text[: match.start()] + " " + after).strip()
    if appended:
        out = out.rstrip(" ,;")
    out = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"^[,;:]\s*", "", out)).strip()
    # A date set off by commas takes both with it: "The Second Battle of Panipat, on 5
    # November 1556, destroyed …" (issue 17, round 12: teachers saw ",,").
    out = re.sub(r",,\s*", " ", out)
    out = re.sub(r"\s{2,}", " ", out).replace(",.", ".")
    # "Salamis, fought in September 480 BC, broke …": the clause goes with its date.
    out = _HOLLOW_CLAUSE_RE.sub(" ", out)
    words = [w.casefold().strip(".,;:") for w in out.split()]
    if len(words) < 3:
        return None  # the date was most of the text: nothing left to ask about
    if words[0] in _PRONOUNS or words[-1] in _PRONOUNS or re.search(r",\s+(?:which|who)\b", out):
        return None  # "It was announced", "published them", "Sweden, which left gold"
    clause = re.search(r",\s+((?:\w+\s+)?\w+)$", out.rstrip("."))
    if clause and not (
        re.match(r"(?:was|were|is|are|has|had)\b", clause.group(1))
        or reads_as_sentence(out[: out.find(",")])
    ):
        return None  # "The contract, signed": the clause was the date's
    if date_spans(out) or _YEAR_LIKE_RE.search(out) or len(out.split()) < 3:
        return None  # another date, or a count a student could take for one ("1398 flights")
    last = re.sub(r"[^\w]", "", out.split()[-1]).casefold()
    if last in _DANGLING or opens_on_verb(out) or SPECULATIVE_RE.search(out):
        return None  # "came into force only", a missing subject, a guess
    out = passive_made_whole(out)
    return out[:1].upper() + out[1:]


# A name for the date right after it: "In 619, the "Year of Sorrow", both Khadija and
# Abu Talib died" (quiz round 15: teachers saw "The "Year of Sorrow", both ... died").
_APPOSITIVE_TO_DATE_RE = re.compile(r",\s+(?:the|a|an)\s+[^,]{1,40},\s")


_PRIVATE_SHORTHAND_RE = re.compile(PRIVATE_SHORTHAND)
# An appositive that names a day: its feast, anniversary, weekday or eve.
_DATE_NAMED_AFTER_RE = re.compile(
    r"^,\s+(?:the|a|an)\s+(?:[\w'’-]+\s+){0,4}?(?:feast|festival|day|eve|anniversary|"
    r"holiday|Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Ides|Kalends|Nones)"
    r"\b[^,;.]{0,40}(?=[.;]?\s*$)"
)
_YEAR_LIKE_RE = re.compile(r"\b1\d{3}\b|\b20\d{2}\b")
# A participle left alone between commas once its date is gone ("Salamis, fought,").
_HOLLOW_CLAUSE_RE = re.compile(
    r",\s+(?:\w+ed|\w+en|fought|built|held|made|won|set|begun|sent|founded)\s*,\s+"
)
_PRONOUNS = frozenset({"it", "its", "they", "them", "he", "she", "this", "these", "those"})
# Words a sentence cannot end on once its date is gone.
_DANGLING = frozenset(
    {"only", "until", "till", "since", "not", "just", "already", "by", "around", "about"}
)


# A break in a lecture's years that parts two ages: this many times the usual step
# between its events, and at least a generation (a decade split a lecture on the
# Reform Acts of 1832 to 1872 into three "ages" at gaps of 12 and 17 years).
_AGE_BREAK, _AGE_BREAK_MIN = 5, 25


def core_years(events: list[Event]) -> tuple[int, int] | None:
    """The years a lecture's ordering items come from (round 14, from the teachers'
    verdicts on held-out set 16): the largest run of its events' years that no wide
    break parts. Events of another age ("1867" and "2015" among Assyrian kings, "for
    the 70th anniversary" among 1947's) are plainly first or last, and ordering them
    needs no lecture. None when there are too few events to tell."""
    years = sorted(event.first for event in events)
    if len(years) < 6:
        return None
    steps = sorted(b - a for a, b in itertools.pairwise(years))
    wide = max(_AGE_BREAK_MIN, _AGE_BREAK * steps[len(steps) // 2])
    runs, start = [], 0
    for index, (a, b) in enumerate(itertools.pairwise(years), start=1):
        if b - a > wide:
            runs.append(years[start:index])
            start = index
    runs.append(years[start:])
    largest = max(runs, key=len)
    return largest[0], largest[-1]


def in_core(event: Event, core: tuple[int, int] | None) -> bool:
    return core is None or core[0] <= event.first <= core[1]


def first(src: Source, rng: random.Random, taken: set[str]) -> list[Draft]:
    """ "Which of these happened first?" among four events years apart, each from a
    bullet no other question uses, whose date can be left out without a gap."""
    pool = []
    core = core_years(src.events)
    for event in src.events:
        if event.bullet in taken or event.shape not in ASKABLE_SHAPES:
            continue
        if not in_core(event, core):
            continue  # plainly first or last among the rest
        if not _askable(event, src.names):
            continue  # an approximate date cannot be compared, nor a fragment
        text = _undated(event.said, event.label)
        if (
            text
            and 15 <= len(text) <= ITEM_LIMIT
            and clean_item(text)
            and not dangling(text, src.names)
            and not _named_for_another_year(event, text, src)
        ):
            pool.append((event, text))
    return first_from_pool(pool, rng, lambda event: _dated(event.said, event.label))


# What an item keeps once its date is gone that a teacher would not print (round 13,
# from the teachers' verdicts on held-out set 15): a bracket with figures, another
# calendar's date or a hedge ("(1 August in the West)", "(AH 478)", "(trad. 9
# Av)"), or a colon it ended on ("some books still give 516):").
_LEFT_OVER_RE = re.compile(r"\([^()]*\d[^()]*\)|:\.?$")

# Two rulers of one name told apart by their numbers: "Alfonso VIII", "Alfonso XI".
_REGNAL_RE = re.compile(r"\b([A-Z][a-z]+)\s+([IVXL]+)\b")
# A beginning: what follows it in the same place can only come after.
_BEGINNING_RE = re.compile(r"\b(?:founded|established|built|born|set\s+up)\b")
# A find: made long after what it finds.
_FIND_RE = re.compile(r"\b(?:found|discovered|excavated|dredged|unearthed|dug\s+up)\b")
# Years between a find and the other events that make it plainly the last.
_FIND_GAP = 200


_OPENERS = frozenset(
    {"The", "A", "An", "In", "On", "At", "After", "Before", "By", "From", "His", "Her"}
    | {"Its", "Their", "This", "That", "These", "When"}
)


def _names(text: str) -> set[str]:
    """The capitalised words of text but those that open sentences ("The", "In")."""
    words = (w.strip('.,;:()"“”') for w in text.split())
    return {re.sub(r"['’]s$", "", w) for w in words if w[:1].isupper() and w not in _OPENERS}


def clean_item(item: str) -> bool:
    """An ordering or "which came first?" item a teacher would print: about an event
    (sound_item), not counting from the date it lost ("nine years later") nor
    opening on what came before it ("Meanwhile", "To seal the peace"), no note
    line ("First excavated by …") and nothing left over from its date (above)."""
    return (
        sound_item(item)
        and not RELATIVE.search(item)
        and not CONTEXT_OPENING.match(item)
        and not HANGING.search(item)
        and not fragment(item)
        and not _LEFT_OVER_RE.search(item)
        and not _open_quote(item)
    )


def _open_quote(item: str) -> bool:
    """A quotation cut off ("the hand of God, a great wind."): its marks do not pair."""
    return item.count('"') % 2 == 1 or item.count("“") != item.count("”")


def gives_order_away(one: tuple[Event, str], other: tuple[Event, str]) -> bool:
    """Two items whose order a student can tell without the lecture (round 13, from
    the teachers' verdicts on held-out set 15): rulers of one name with their
    numbers ("Alfonso VIII" and "Alfonso XI"); a founding of a place and another
    event there ("Lübeck founded …", "Lübeck made a Free Imperial City"); or a
    find centuries after the other ("a cog dredged up in 1962" among medieval
    events)."""
    (event, text), (other_event, other_text) = one, other
    rulers = {(n, r) for n, r in _REGNAL_RE.findall(text)}
    others = {(n, r) for n, r in _REGNAL_RE.findall(other_text)}
    if any(n == m and r != q for n, r in rulers for m, q in others):
        return True
    for begun, rest in ((text, other_text), (other_text, text)):
        if _BEGINNING_RE.search(begun) and _names(begun) & _names(rest):
            return True
    gap = abs(event.first - other_event.first)
    return gap > _FIND_GAP and bool(_FIND_RE.search(text) or _FIND_RE.search(other_text))


def first_from_pool(
    pool: list[tuple[Event, str]], rng: random.Random, write: Callable[[Event], str]
) -> list[Draft]:
    """The "which happened first?" question from `pool` (events with their undated
    text): four events years apart, from four bullets, of a length with each other;
    `write` gives an event with its date, for the explanation. Shared by the English
    rules and those of languages without English grammar (plain_date_rules)."""
    rng.shuffle(pool)
    chosen: list[tuple[Event, str]] = []
    for event, text in pool:
        if all(
            event.bullet != other.bullet
            and apart(event.start, other.start)
            and text != other_text
            # Of a length with the others: the key must not stand out by its size.
            and 2 * len(text) <= 3 * len(other_text)
            and 2 * len(other_text) <= 3 * len(text)
            and not gives_order_away((event, text), (other, other_text))
            for other, other_text in chosen
        ):
            chosen.append((event, text))
        if len(chosen) == FIRST_CHOICES:
            break
    if len(chosen) < FIRST_CHOICES:
        return []
    chosen.sort(key=lambda pair: pair[0].sort_key)
    earliest = chosen[0][0]
    options = [{"text": text, "is_correct": event is earliest} for event, text in chosen]
    rng.shuffle(options)
    return [
        Draft(
            "first",
            Kind.SINGLE,
            gettext(FIRST_PROMPT),
            "\n".join(write(event) for event, _ in chosen),
            earliest.section,
            options,
            source="\n".join(event.bullet for event, _ in chosen),
        )
    ]
