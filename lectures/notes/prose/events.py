"""Which dates in a bullet are events, and the text each event reads as."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clauses import (
    MASK,
    PRONOUNS,
    Placed,
    clause_subject,
    gapped,
    is_verb,
    mask,
    place_date,
    respectively,
    split_clauses,
    tidy,
)
from .dates import STATE_SUFFIXES, Mention, find_mentions
from .eras import When


@dataclass
class ParsedEvent:
    when_label: str
    start: When
    text: str
    # The last date of a span ("1961–1989"), at the precision the notes give; None
    # for a single date.
    end: When | None = None
    # Unsure events are suggestions an instructor confirms; `doubt` says why.
    sure: bool = True
    doubt: str = ""


# A bullet naming more dates than this is a list of dates, not a sentence with
# events in it; the clause reading below is quadratic in the dates of a bullet, and
# this bound keeps an import linear in the length of its notes (issue 17).
MAX_DATES = 40


# A bound or a state of affairs rather than an event: "until 1907", "by 1850",
# "since 1971", "as of 1990", "through the 16th century", "for the rest of the 19th century".
_BOUND_BEFORE_RE = re.compile(
    r"(?i)(?:\b(?:until|till|til|by|since|as\s+of|through|throughout|up\s+to|prior\s+to|"
    r"before|after|into|for\s+the\s+rest\s+of|rest\s+of)\s+(?:as\s+early\s+as\s+)?"
    r"(?:the\s+)?(?:(?:very\s+)?(?:early|mid|middle|late|later|earlier|end\s+of\s+the|"
    r"start\s+of\s+the|turn\s+of\s+the)[\s-]*)?|\b(?:pre|post)\s*[-‐‑–]\s*)$"
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


def _is_state(text: str, mention: Mention) -> bool:
    """A bound ("until 1907") or a state of affairs ("the 1990s-era", "their 1967 lines")."""
    before, after = text[: mention.start], text[mention.end :]
    bound = _BOUND_BEFORE_RE.search(before)
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


# Dates inside a work of fiction belong to its story, not to history.
_FICTION_RE = re.compile(
    r"(?i)\b(?:(?:the\s+)?(?:novel|story|play|film|book|poem|plot|narrative)['’]s\s+"
    r"(?:chronology|timeline|world|calendar)|takes\s+place|is\s+set\s+in|are\s+set\s+in|"
    r"opens\s+in|fictional|in\s+the\s+novel|in\s+the\s+story)\b"
)


def extract_events(text: str) -> list[ParsedEvent]:
    """The events one bullet dates, in order of appearance, one per label.

    Recognised: "12 December 2024", "December 12, 2024" and "2024-12-12" (exact
    day); "December 2024" or "Dec 2024" (first of the month); "the 19th century"
    (1 January 1800); "the 1990s"; a standalone year 1000-2199 that is not part of
    a longer number, an amount ("$2000"), a percentage, a name ("RFC 1945") or a
    quantity ("1500 bytes"); and spans of these ("2019–2023", "from May 1940 to June
    1941", "between 1961 and 1989", "(1452–1519)"), one event with an end; and
    dates of any era ("753 BC", "AD 79", "the 4th century BC", "c. 494–287 BC", "the
    late 1770s", "66 million years ago"; see dates). A bullet with more than
    MAX_DATES dates is a list of dates and gives none.

    Not events: bounds and states ("until 1907", "by 1850", "pre-1914", "the 1990s-era",
    "their 1967 lines"), dates in speculation or doubtful claims ("might ... in 2026",
    "claimed to have invented jazz in 1902") and dates of a fiction's story.

    Each event's text is the part of the bullet its date belongs to when the bullet
    holds several events or the date sits in a subordinate clause ("The treaty,
    signed in 1648" of "The treaty, signed in 1648, was revised later."), and the
    whole bullet otherwise.
    """
    text = text.strip()
    mentions = find_mentions(text)
    if (
        not mentions
        or len(mentions) > MAX_DATES
        or _FICTION_RE.search(text)
        or _SPECULATIVE_OPENING_RE.match(text)
    ):
        return []
    masked = mask(text, mentions)
    clauses = split_clauses(masked)
    placed: list[Placed] = []
    for mention in mentions:
        if _is_state(text, mention):
            continue
        where = place_date(text, masked, mention, clauses)
        if where.role in ("parenthetical", "trailing", "leading"):
            scope = masked[where.part[0] : mention.start]
        else:
            scope = masked[where.clause[0] : mention.start]
        if _SPECULATIVE_RE.search(scope) or _CLAIM_RE.search(scope):
            continue
        placed.append(where)
    # A trailing phrase holds its own event only when the clause dates something
    # before it ("struck down laws in 2003, overruling Bowers v. Hardwick (1986)").
    for index, where in enumerate(placed):
        if where.role == "trailing" and not any(
            other.clause == where.clause
            and other.role in ("main", "lifespan")
            and other.mention.start < where.part[0]
            for other in placed
        ):
            placed[index] = Placed(where.mention, where.clause, "main", where.clause)

    events: list[ParsedEvent] = []
    seen: set[str] = set()
    whole = len(placed) == 1 and placed[0].role in ("main", "lifespan") and len(clauses) == 1
    for where in placed:
        mention = where.mention
        if mention.label in seen:
            continue
        seen.add(mention.label)
        if whole and where.role == "main":
            part = _trim_relative(text, masked, where.clause, mention)
            event_text = text if part == where.clause else tidy(text[part[0] : part[1]])
        else:
            event_text = _event_text(text, masked, where, placed, clauses)
        events.append(
            ParsedEvent(
                when_label=mention.label,
                start=mention.when,
                text=event_text or text,
                end=mention.end_when,
            )
        )
    return events


_TAIL_RE = re.compile(
    r",\s+(?:\w+\s+){0,2}?(?:which|who|whose|although|though|whereas|because|when|after|"
    r"before|until)\b|\s+and\s+(?:(?:never|later|then|also|soon|quickly|eventually|still|"
    r"not)\s+)*(?=\S+)"
)


def _trim_relative(
    text: str, masked: str, part: tuple[int, int], mention: Mention
) -> tuple[int, int]:
    """part without what follows the date and says something else: a closing ", which
    ..." or ", when ..." clause, or "and" with another verb ("and never delivered it")."""
    for tail in _TAIL_RE.finditer(masked, mention.end, part[1]):
        rest = masked[tail.end() : part[1]]
        if MASK in rest:
            return part
        if tail.group().lstrip().startswith("and"):
            words = rest.split()
            if not words or not is_verb(words[0]) or words[0][:1].isupper():
                continue
        return part[0], tail.start()
    return part


def _event_text(
    text: str, masked: str, where: Placed, placed: list[Placed], clauses: list[tuple[int, int]]
) -> str:
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
        return tidy(text[head_start : where.part[1]])
    if where.role == "trailing":
        return tidy(text[where.part[0] : where.part[1]])
    # The main clause, without the parts that date other events.
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
        if cut[0] < position:
            continue
        pieces.append(text[position : cut[0]])
        position = cut[1]
    pieces.append(text[position:c_end])
    start, end = _trim_relative(text, masked, (c_start, c_end), mention)
    body = "".join(pieces)
    if end < c_end:
        body = body[: len(body) - (c_end - end)]
    # The right conjunct of a split "and" or ", and": give it back its subject.
    index = clauses.index(where.clause) if where.clause in clauses else 0
    if index > 0:
        left = clauses[index - 1]
        joined_by = masked[left[1] : c_start]
        if re.fullmatch(r"\s+and\s*|,\s+and\s+", joined_by):
            left_date = next(
                (p.mention for p in placed if p.clause == left and p.role == "main"), None
            )
            right = (c_start, c_start + len(body))
            if re.fullmatch(r"\s+and\s*", joined_by):
                return tidy(gapped(text, left, right, left_date, mention))
            first = body.split(maxsplit=1)[0] if body.split() else ""
            if is_verb(first) and first[:1].islower():
                return tidy(gapped(text, left, right, left_date, mention))
            if left_date is not None and not any(is_verb(w) for w in body.split()):
                return tidy(gapped(text, left, right, left_date, mention))
    return tidy(body)


def section_events(body: str) -> list[ParsedEvent]:
    """The timeline events of a section's body: each bullet's dated mentions (see
    extract_events), in order."""
    events: list[ParsedEvent] = []
    for line in body.splitlines():
        text = line[2:] if line.startswith("- ") else line
        events.extend(extract_events(text))
    return events
