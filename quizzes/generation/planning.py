"""Planning a quiz: which of the rules' drafts to ask, in what order, and writing
them as a quiz.

- No two questions come from one bullet: a statement quoting the bullet a date or
  ordering question blanks would give its answer away.
- A term in the matching question is not asked again on its own, and "Which
  section discusses X?" is never asked of a term asked for by name.
- At most 15 questions. Matching, ordering and the per-section questions are kept
  first, term and date questions fill the rest in turn; kinds are then interleaved
  so the first questions show every kind. With more than 13 sections the last go
  uncovered. Statements top a short quiz up to 10.
- A short answer whose term another question names is asked as a definition.

Choices are created in a shuffled order. The shuffling and every other pick come
from a random.Random seeded with a hash of the lecture's content: the same notes
give the same quiz, and `rng_seed` gives another draft.
"""

from __future__ import annotations

import itertools
import random

from django.db import transaction

from lectures.models import Lecture

from ..models import Choice, Question, Quiz
from . import date_rules, statement_rules, term_rules
from .draft import Draft
from .source import Source
from .text import clip

MAX_QUESTIONS = 15
FILL_TO = 10
NOTHING_TO_ASK = (
    "this lecture has no glossary terms, timeline events or bullets to make questions from"
)


class GenerationError(ValueError):
    """The lecture gives nothing to make questions from (or the title is unusable)."""


def _interleave(groups: list[list[Draft]]) -> list[Draft]:
    return [d for row in itertools.zip_longest(*groups) for d in row if d is not None]


def _plan(src: Source, rng: random.Random) -> list[Draft]:
    matching = term_rules.matching(src, rng)
    # A term in the matching question is not asked again on its own: each would
    # answer the other.
    matched = {name for d in matching for name in d.source.split("\n")}
    terms = [d for d in term_rules.term_singles(src, rng) if d.source not in matched]
    ordering = date_rules.ordering(src, rng)
    used = {line for d in ordering for line in d.source.split("\n")}
    cover, extra, whens = statement_rules.true_false(
        src, rng, used, date_rules.when_did(src, rng, used)
    )

    # Coverage of every section and one of each big kind come first; with more
    # sections than room, the last sections go without.
    cover = cover[: max(0, MAX_QUESTIONS - len(matching) - len(ordering))]
    room = MAX_QUESTIONS - len(matching) - len(ordering) - len(cover)
    # "Which section discusses X?" names X: never for a term asked for by name.
    asked_for = {d.source for d in terms if d.family == "short"}
    wheres = [d for d in term_rules.where(src, rng) if d.source not in asked_for]
    # Which came first, from bullets no other question uses.
    taken = used | {line for d in cover + whens for line in d.source.split("\n")}
    firsts = date_rules.first(src, rng, taken)
    spoken_for = {line for d in firsts for line in d.source.split("\n")}
    extra = [d for d in extra if d.source not in spoken_for]
    filler = _interleave([terms, whens, wheres, firsts])[:room]
    terms = [d for d in filler if d.family in ("term", "short")]
    wheres = [d for d in filler if d.family == "section"]
    firsts = [d for d in filler if d.family == "first"]
    whens = [d for d in cover + filler if d.family == "when"]
    statements = [d for d in cover if d.family == "tf"]
    total = len(matching) + len(ordering) + len(cover) + len(filler)
    statements += extra[: max(0, FILL_TO - total)]
    drafts = _interleave([terms, statements, matching, whens, wheres, firsts, ordering])
    return [_without_leaks(d, drafts, src) for d in drafts]


def _without_leaks(draft: Draft, drafts: list[Draft], src: Source) -> Draft:
    """A short answer whose term another question names (an ordering item, a
    statement) would be answered there: it is asked as a definition instead."""
    if draft.fallback is None:
        return draft
    term = next(t for t in src.terms if t.name == draft.source)
    for other in drafts:
        if other is draft:
            continue
        texts = [other.prompt] + [c.get("text", "") for c in other.choices]
        if any(term.mention.search(text) for text in texts):
            return draft.fallback
    return draft


def _default_title(lecture: Lecture) -> str:
    suffix = ": practice quiz"
    limit = Quiz._meta.get_field("title").max_length - len(suffix)
    return clip(lecture.title, limit) + suffix


@transaction.atomic
def quiz_generate(*, lecture: Lecture, title: str = "", rng_seed: int | None = None) -> Quiz:
    """Draft an unpublished quiz from the lecture's glossary, timeline and bullets.

    The quiz is marked `generated`, gives feedback on submit, needs 70% to pass and
    shuffles choices; the instructor reviews and publishes it in the admin. The same
    lecture content gives the same quiz unless `rng_seed` is given. Raises
    GenerationError, writing nothing, when the notes offer nothing to ask.
    """
    title = " ".join(title.split()) or _default_title(lecture)
    if len(title) > Quiz._meta.get_field("title").max_length:
        raise GenerationError("the quiz title is longer than 200 characters")
    src = Source.load(lecture)
    drafts = _plan(src, random.Random(src.seed() if rng_seed is None else rng_seed))
    if not drafts:
        raise GenerationError(NOTHING_TO_ASK)
    quiz = Quiz.objects.create(
        lecture=lecture,
        title=title,
        published=False,
        generated=True,
        feedback=Quiz.Feedback.ON_SUBMIT,
        pass_mark=70,
        shuffle=True,
    )
    choices = []
    for position, draft in enumerate(drafts):
        question = Question.objects.create(
            quiz=quiz,
            kind=draft.kind,
            prompt=draft.prompt,
            explanation=draft.explanation,
            section=draft.section,
            points=draft.points,
            position=position,
            rule=draft.family,
            source=draft.source,
        )
        choices += [Choice(question=question, **fields) for fields in draft.choices]
    Choice.objects.bulk_create(choices)
    return quiz
