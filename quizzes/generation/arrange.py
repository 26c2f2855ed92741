"""Arranging a planned quiz as a student meets it: the order of its questions, the
place of each right choice among its siblings, and the form the siblings share.

- Shapes are mixed: the questions come in a seeded random order, no two of one kind
  side by side while another kind is left, so no place in a quiz (the second
  question, say) tells its kind, nor a true/false its answer.
- The right choice's stored place is balanced over the quiz: each single-choice
  question puts it in the place used least so far (ties drawn). A quiz that
  shuffles choices still shows the stored order to the instructor in the admin and
  to students when shuffling is turned off.
- Siblings have one form: a full stop on all or none, a capital on all or none, so
  the right choice is never the only one in its punctuation; but the terms a gap
  offers keep the case their sentence gives each.
"""

from __future__ import annotations

import random
from collections import Counter

from ..models import Question
from .draft import Draft

Kind = Question.Kind

_STOPS = ".!?"


def arrange(drafts: list[Draft], rng: random.Random) -> list[Draft]:
    drafts = _mixed(drafts, rng)
    places: Counter[int] = Counter()
    for draft in drafts:
        if draft.kind == Kind.SINGLE:
            # A gap's choices are words of its sentence: their case is the sentence's
            # ("the ____ of Caracas": "cabildo", "Gran Colombia").
            draft.choices = _one_form(draft.choices, capitals=draft.family != "term_gap")
            draft.choices = _right_placed(draft.choices, places, rng)
    return drafts


def _mixed(drafts: list[Draft], rng: random.Random) -> list[Draft]:
    rest = drafts[:]
    rng.shuffle(rest)
    out: list[Draft] = []
    while rest:
        pick = next((d for d in rest if not out or d.kind != out[-1].kind), rest[0])
        rest.remove(pick)
        out.append(pick)
    return out


def _right_placed(choices: list[dict], places: Counter[int], rng: random.Random) -> list[dict]:
    right = [c for c in choices if c.get("is_correct")]
    if len(right) != 1:
        return choices
    wrong = [c for c in choices if not c.get("is_correct")]
    least = min(places[p] for p in range(len(choices)))
    place = rng.choice([p for p in range(len(choices)) if places[p] == least])
    places[place] += 1
    return wrong[:place] + right + wrong[place:]


def _one_form(choices: list[dict], capitals: bool = True) -> list[dict]:
    """The choices with one ending and one capitalisation: when they differ, a full
    stop on all if most have one (sentences), none otherwise (phrases), and a
    capital on all."""
    texts = [c["text"] for c in choices]
    ends = [t.endswith(tuple(_STOPS)) for t in texts]
    if len(set(ends)) > 1:
        stop = sum(ends) * 2 > len(ends)
        texts = [_with_stop(t) if stop else _without_stop(t) for t in texts]
    if capitals and len({t[:1].isupper() for t in texts}) > 1:
        texts = [t[:1].upper() + t[1:] for t in texts]
    return [{**c, "text": t} for c, t in zip(choices, texts, strict=True)]


def _with_stop(text: str) -> str:
    return text if text.endswith((*_STOPS, "…")) else text.rstrip(",;: ") + "."


def _without_stop(text: str) -> str:
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text
