"""Planning a quiz: which of the rules' drafts to ask, and writing them as a quiz.

What a quiz asks (issue 17, round 12). Four pairs of teachers, each judging drafts
of notes no rule had seen (held-out sets 9 to 12), published almost none of two
shapes: a true/false statement made from a bullet (0–14 %: a true one copies the
notes, a false one moves a year) and "Which year fills the gap?" (0–26 %: it asks
only for a year). Those shapes are no longer drafted; a teacher adds their own. A
quiz asks what the teachers did publish, and is shorter for it: fewer sound
questions beat ten doubtful ones.

- The terms: one matching question, then each other term once ("Which best
  describes …?", or "Which term means …?" for a term with an abbreviation:
  term_rules). No term is asked twice, nor are its definitions offered elsewhere,
  so a matching question leaves the other terms few definitions to be asked
  against: where it leaves the quiz short of eight, every term is asked one by
  one instead, if that asks more.
- The order of events: one ordering question and "Which of these happened first?"
  (date_rules), at most about a third of the quiz (DATE_SHARE) unless they are
  two or fewer.
- Who did what: "Which name fills the gap?" on a section's central bullet that a
  person opens (name_rules, English notes only).
- Terms where the lecture uses them (round 17): "Which term fills the gap?" on a
  statement naming a term (term_gaps, English notes only), instead of that term's
  definition question. Terms are drawn first, so a lecture with no gap keeps the
  draft it had.
- A paragraph's sentences are statements as list items are (statements.py): a
  wordy writer's lecture is asked about its argument, not its glossary alone.
- At most 15 questions; no two questions come from one bullet (an ordering item
  would give away a gap sentence on its bullet).
- A short answer whose term another question names is asked as a definition
  instead, or not at all when it has no definitions to be asked against.

Notes in another language than English (Course.language) are asked about in the
shapes that need no English grammar: the terms, ordering and which came first
(plain_date_rules).

arrange.py then mixes the shapes, places the right choices and gives siblings one
form. Every pick comes from a random.Random seeded with a hash of the lecture's
content: the same notes give the same quiz, and `rng_seed` gives another draft.
"""

from __future__ import annotations

import itertools
import random

from django.db import transaction
from django.utils.translation import gettext, override

from lectures.models import Lecture

from ..models import Choice, Question, Quiz
from . import date_rules, name_rules, plain_date_rules, term_rules
from .arrange import arrange
from .draft import Draft
from .soundness import fragment
from .source import Source
from .term_gaps import term_gaps
from .text import clip

MAX_QUESTIONS = 15
# The size a quiz aims at, and by how much it may fall short with its matching
# question before the terms are asked one by one instead.
AIM = 10
SHORT_BY = 2
# At most about a third of a quiz asks for an order (issue 17, round 9: teachers
# found dates crowding out the lecture's ideas at 40 %).
DATE_SHARE = 1 / 3
# But a lecture of events with few terms keeps its ordering question and one "which
# came first?": a quiz of two is better than none.
DATES_ALWAYS = 2
# Said of a lecture that has bullets but nothing a sound question can be made of:
# since round 12 a bullet is not stated as true or false.
NOTHING_TO_ASK = (
    "nothing in its notes makes a sound question (a draft asks the glossary's terms, "
    "the order of dated events and who did what)"
)


class GenerationError(ValueError):
    """The lecture gives nothing to make questions from (or the title is unusable)."""


def _interleave(groups: list[list[Draft]]) -> list[Draft]:
    return [d for row in itertools.zip_longest(*groups) for d in row if d is not None]


def _plan(src: Source, seed: int) -> list[Draft]:
    """The quiz drawn from `seed` (the same notes give the same quiz): with the
    matching question, unless asking its terms one by one instead gives a quiz
    that the matching one leaves short of AIM by more than SHORT_BY. One
    question on several terms is worth keeping in a quiz of eight or nine. Notes
    in another language keep their matching question (`_plan_with`)."""
    matched = _plan_with(src, random.Random(seed), with_matching=True)
    if not src.english or len(matched) >= AIM - SHORT_BY:
        return matched
    one_by_one = _plan_with(src, random.Random(seed), with_matching=False)
    return one_by_one if len(one_by_one) > len(matched) else matched


def _plan_with(src: Source, rng: random.Random, with_matching: bool) -> list[Draft]:
    """Matching, term questions, ordering, the name gaps and "which came first", at
    most MAX_QUESTIONS, one question per bullet and per term. Notes whose grammar
    the rules do not read (see the module's docstring) take their date questions
    from plain_date_rules and get no name gaps."""
    dates = date_rules if src.english else plain_date_rules
    matching = term_rules.matching(src, rng) if with_matching else []
    matched = {name for d in matching for name in d.source.split("\n")}
    terms = term_rules.term_singles(src, rng, matched)
    ordering = dates.ordering(src, rng)
    used = {line for d in ordering for line in d.source.split("\n")}
    # The sections' central bullets asked by the names they open on (issue 17,
    # round 9).
    names = [d for d in name_rules.name_gaps(src, used) if _sound(d)] if src.english else []
    used |= {d.source for d in names}
    # Terms asked where the lecture uses them (round 17) rather than by definition.
    gaps = [d for d in term_gaps(src, used, matched) if _sound(d)] if src.english else []
    used |= {d.source for d in gaps}
    # A term asked in a gap is not asked by its definition too (drawn before the
    # gaps so that the draws of a quiz without gaps stay as they were).
    gapped = {d.explanation.partition(": ")[0] for d in gaps}
    terms = [d for d in terms if d.source not in gapped]
    room = MAX_QUESTIONS - len(matching) - len(ordering) - len(names) - len(gaps)
    # Which came first, from bullets no other question uses.
    firsts = [d for d in dates.first(src, rng, used) if _sound(d)]
    asked = matching + ordering + names + gaps + _interleave([terms, firsts])[:room]
    asked = [d for d in (_without_leaks(d, asked, src) for d in asked) if d is not None]
    return arrange(_few_dates(asked), rng)


_DATE_FAMILIES = ("first", "ordering")


def _sound(draft: Draft) -> bool:
    """Not a question unpublishable whatever the teacher (issue 17, round 10): a
    gap sentence or event that is no sentence (see soundness.fragment). Fewer
    questions beat doubtful ones; an unsound fallback is dropped, leaving the
    question as it is."""
    right = next((c["text"] for c in draft.choices if c.get("is_correct")), "")
    shown = draft.shown.replace("____", right) if draft.shown else ""
    if shown and fragment(shown):
        return False
    if draft.fallback is not None and not _sound(draft.fallback):
        draft.fallback = None
    return True


def _few_dates(asked: list[Draft]) -> list[Draft]:
    """At most about a third of the quiz asks for an order: the lecture's ideas come
    before its calendar. "Which came first?" questions are dropped from the end,
    then the ordering question."""
    asked = list(asked)
    while True:
        dates = [d for d in asked if d.family in _DATE_FAMILIES]
        if len(dates) <= max(DATES_ALWAYS, round(DATE_SHARE * len(asked))):
            return asked
        drop = next((d for d in reversed(dates) if d.family != "ordering"), dates[-1])
        asked.remove(drop)


def _without_leaks(draft: Draft, drafts: list[Draft], src: Source) -> Draft | None:
    """A short answer whose term another question names (an ordering item, a
    statement) would be answered there: it is asked as a definition instead, or not
    at all when it has no definitions to be asked against."""
    if draft.family != "short":
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
    suffix = gettext(": practice quiz")
    limit = Quiz._meta.get_field("title").max_length - len(suffix)
    return clip(lecture.title, limit) + suffix


@transaction.atomic
def quiz_generate(*, lecture: Lecture, title: str = "", rng_seed: int | None = None) -> Quiz:
    """Draft an unpublished quiz from the lecture's glossary, timeline and bullets.

    The quiz is marked `generated`, gives feedback on submit, needs 70% to pass and
    shuffles choices; the instructor reviews and publishes it in the admin. The same
    lecture content gives the same quiz unless `rng_seed` is given. Raises
    GenerationError, writing nothing, when the notes offer nothing to ask.

    Prompts, choices and explanations are drafted in the course's language
    (Course.language), whatever the language of the request that asks for them.
    """
    with override(lecture.course.language):
        return _generate(lecture, title, rng_seed)


def _generate(lecture: Lecture, title: str, rng_seed: int | None) -> Quiz:
    title = " ".join(title.split()) or _default_title(lecture)
    if len(title) > Quiz._meta.get_field("title").max_length:
        raise GenerationError("the quiz title is longer than 200 characters")
    src = Source.load(lecture)
    drafts = _plan(src, src.seed() if rng_seed is None else rng_seed)
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
