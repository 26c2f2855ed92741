"""Date questions for notes in a language whose grammar the generator does not read
(Spanish): the same two shapes as date_rules, built only from the notes' own
sentences and the dates lectures.notes.prose reads in the course's language.

date_rules rewrites English (a clause left hollow by its date, a subject given from
the heading, "in"/"on" dropped); none of that is run on Spanish. Here a sentence is
used as the notes write it, and only where taking its date out needs no grammar:

- Ordering (2 points) of 3 to 5 events, and "Which of these happened first?" (1
  point) among four: each item is the sentence with its date left out, together
  with the one word that introduces it ("en", "durante", "desde", "hacia", "a", an
  article, "año"); a date after any other word ("la Constitución de 1812") names
  something, and its sentence is not used.

Every question takes its events from bullets no other question uses, and events
whose order is beyond dispute (dating.apart).
"""

from __future__ import annotations

import random
import re

from django.utils.translation import gettext

from lectures.notes.prose import date_mentions, is_uncertain

from ..models import Question
from .date_rules import (
    ORDERING_PROMPT,
    first_from_pool,
)
from .draft import BIG_POINTS, Draft
from .source import Event, Source
from .text import full_stop

Kind = Question.Kind

ORDERING_MAX = 5
ITEM_LIMIT = 120
ASKABLE = frozenset({"day", "month", "year", "decade", "century"})

# The words that may introduce a date and go with it when it is left out, per
# language; a language without its own list has no sentence left without its date.
_LEADS = {
    "es": re.compile(
        r"(?i)(?:^|(?<=\s)|(?<=\())(?:(?:en|durante|desde|hacia|a)\s+)?"
        r"(?:(?:el|la|los|las)\s+)?(?:año\s+)?$"
    ),
}
_FOUR_DIGITS_RE = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _mention(event: Event, language: str):
    """Where the event's date is written in what a question shows, or None."""
    found = [m for m in date_mentions(event.said, language) if m.label == event.label]
    return found[0] if len(found) == 1 else None


def _askable(event: Event, language: str) -> bool:
    if event.shape not in ASKABLE or event.start is None or event.start.approximate:
        return False
    if is_uncertain(event.said, event.label, language) or "?" in event.said:
        return False
    return _mention(event, language) is not None


def _undated(event: Event, language: str) -> str | None:
    """The sentence with its date and the word introducing it left out, or None
    when that takes grammar (see the module's docstring)."""
    leads = _LEADS.get(language)
    mention = _mention(event, language)
    if leads is None or mention is None:
        return None
    text = event.said
    before, after = text[: mention.start], text[mention.end :]
    if before.rstrip().endswith("(") and after.lstrip().startswith(")"):
        before, after = before.rstrip()[:-1], after.lstrip()[1:]
    elif before.strip():
        lead = leads.search(before)
        if lead is None or not lead.group().strip():
            return None  # no introducing word: "la Constitución de 1812" names something
        before = before[: lead.start()]
        if after.lstrip().startswith(","):
            clause = before.rsplit(",", 1)
            if len(clause) == 2 and 0 < len(clause[1].split()) <= 2:
                return None  # "…, firmado el 27 de octubre de 1807, …": left hollow
            if before.rstrip().endswith(","):
                # ", el 21 de junio de 1813, decidió": the commas went with the date.
                before, after = before.rstrip()[:-1], after.lstrip()[1:]
    else:
        after = re.sub(r"^\s*[:,;—–-]\s*", "", after)
    out = " ".join(f"{before} {after}".split())
    out = re.sub(r"\s+([,.;:)])", r"\1", out)
    out = re.sub(r"^[,;:]\s*|,(?=\s*[.;])", "", out).strip()
    if len(out.split()) < 3 or date_mentions(out, language) or _FOUR_DIGITS_RE.search(out):
        return None
    return full_stop(out[:1].upper() + out[1:])


def _dated(event: Event) -> str:
    """The event with its date in front, for an explanation, unless it prints it."""
    if event.label.casefold() in event.said.casefold():
        return event.said
    return f"{event.label}: {event.said}"


def ordering(src: Source, rng: random.Random, most: int = ORDERING_MAX) -> list[Draft]:
    """The ordering question, of 3 to `most` items, or none."""
    candidates = list(src.events)
    rng.shuffle(candidates)
    chosen: list[tuple[Event, str]] = []
    for event in candidates:
        if len(chosen) == most:
            break
        if not _askable(event, src.language):
            continue
        item = _undated(event, src.language)
        if item is None or not 10 <= len(item) <= ITEM_LIMIT:
            continue
        if any(
            event.bullet == other.bullet or event.overlaps(other) or item == other_item
            for other, other_item in chosen
        ):
            continue
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
        shuffled = shuffled[1:] + shuffled[:1]
    return [
        Draft(
            "ordering",
            Kind.ORDERING,
            gettext(ORDERING_PROMPT),
            "\n".join(f"{place}. {_dated(e)}" for place, (e, _) in enumerate(chosen, 1)),
            None,
            shuffled,
            points=BIG_POINTS,
            source="\n".join(event.bullet for event, _ in chosen),
        )
    ]


def first(src: Source, rng: random.Random, taken: set[str]) -> list[Draft]:
    """ "Which of these happened first?" among four events years apart."""
    pool = []
    for event in src.events:
        if event.bullet in taken or not _askable(event, src.language):
            continue
        text = _undated(event, src.language)
        if text and 15 <= len(text) <= ITEM_LIMIT:
            pool.append((event, text))
    return first_from_pool(pool, rng, _dated)
