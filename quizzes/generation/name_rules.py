"""Rules for "Which name fills the gap?": a section's central bullet asked about by
the person it names (issue 17, round 9), not by its year.

Teachers on notes the rules had never seen asked for the lecture's ideas before its
calendar: who did what. A bullet naming one person in full ("Gustav Stresemann
died …", "On 9 November 1918 Philipp Scheidemann proclaimed …") is shown with the
name blanked, and its choices are the name and three other people the lecture
names, each of whom, put in its place, must make the sentence false
(people.stand_ins). No two questions offer the same four names, one choice at least
is as many words as the right one, and each section gets at most one, from its most
central bullet (Source.central) that allows one; at most NAME_GAPS_MAX a quiz.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext, gettext_noop

from ..models import Question
from .dating import dated
from .draft import Draft
from .people import people, stand_ins
from .source import Bullet, Source, can_state
from .text import full_stop

Kind = Question.Kind

NAME_GAP_LEAD = gettext_noop("Which name fills the gap?")
GAP = "____"
# The other names a question offers beside the right one.
WRONG_NAMES = 3
# At most this many a quiz: one shape never crowds out the others.
NAME_GAPS_MAX = 4


_FOUR_DIGITS_RE = re.compile(r"\d{4}")
# A date in brackets: "(1801–1870)", "(2019-2023)", "(b. 1812)".
_BRACKET_RE = re.compile(r"\(([^()]*\d{4}[^()]*)\)")


def self_confirming(plain: str) -> bool:
    """A year outside the brackets is printed inside them too ("The airlift
    (1948–1949) began in 1948", "Arkon (c. 340–281 BC) fell at Tyre in 281 BC"):
    the sentence answers itself. Years of every era, as the import reads them."""
    inside = {y for group in _BRACKET_RE.findall(plain) for y in _FOUR_DIGITS_RE.findall(group)}
    outside = set(_FOUR_DIGITS_RE.findall(_BRACKET_RE.sub("", plain)))
    if inside & outside:
        return True
    spans = dated(plain)
    bracketed = [d for d in spans if plain[: d.start].count("(") > plain[: d.start].count(")")]
    ends = {y for d in bracketed for y in (d.first, d.last)}
    return any(d.first in ends or d.last in ends for d in spans if d not in bracketed)


def _gap(
    bullet: Bullet, src: Source, everyone: list[str], offered: set[frozenset[str]]
) -> Draft | None:
    """The bullet with the one person it names blanked, beside three others
    (people.stand_ins), none sharing an option set with another question."""
    found = stand_ins(bullet, src, everyone)
    if found is None:
        return None
    name, others = found
    size = len(name.split())
    # Each set of four names once: two questions offering the same names would
    # answer one another by elimination; and one name at least as long as the
    # right one, which would otherwise stand out by its form.
    picked = next(
        (
            others[i : i + WRONG_NAMES]
            for i in range(len(others) - WRONG_NAMES + 1)
            if frozenset([name, *others[i : i + WRONG_NAMES]]) not in offered
            and any(len(o.split()) == size for o in others[i : i + WRONG_NAMES])
        ),
        None,
    )
    if picked is None:
        return None
    offered.add(frozenset([name, *picked]))
    text = bullet.said
    start = text.index(name)
    shown = full_stop(text[:start] + GAP + text[start + len(name) :])
    return Draft(
        "name",
        Kind.SINGLE,
        f"{gettext(NAME_GAP_LEAD)} {shown}",
        f"{name}: {bullet.plain}",
        bullet.section,
        [{"text": name, "is_correct": True}] + [{"text": other} for other in picked],
        source=bullet.plain,
        shown=shown,
    )


def name_gaps(src: Source, used: set[str]) -> list[Draft]:
    """One name gap per section where a central bullet allows, sections in the
    notes' order; no bullet in `used`."""
    drafts: list[Draft] = []
    everyone = people(src)
    offered: set[frozenset[str]] = set()
    for section in src.sections:
        bullets = [
            b
            for b in src.bullets[section.pk]
            if b.plain not in used and can_state(b, src.names) and not self_confirming(b.plain)
        ]
        # The section's central bullets first (Source.central), then its order.
        bullets.sort(key=lambda b: (-src.central(b), b.index))
        for bullet in bullets:
            draft = _gap(bullet, src, everyone, offered)
            if draft is not None:
                drafts.append(draft)
                break
    # Half the sections at most: the people bullets are also those a false
    # statement can swap a person in, and statements need their falsehoods.
    return drafts[: min(NAME_GAPS_MAX, max(1, len(src.sections) // 2))]
