"""Flagging stale questions: generated questions whose notes changed under them.

A re-import calls `questions_to_review(lecture)`; a question whose section was
archived, or whose bullets changed or went, gets a reason in `needs_review` for the
instructor. `RULES` says in words what each rule (`Question.rule`) does, for the
admin; the rules whose `source` is bullet text are the ones a changed bullet makes
stale.
"""

from __future__ import annotations

from coursesite.batches import bulk_update
from lectures.models import Lecture
from lectures.notes.prose import plain

from ..models import Question
from .statements import statements
from .text import clip

# What each rule does, for the admin: an instructor sees why a question exists.
RULES = {
    "term": "a glossary term's definition, against the other terms' definitions",
    "matching": "glossary terms matched to their definitions",
    # "tf", "when" and "which" are drafted no more (issue 17, round 12); questions
    # drafted by them before are still described.
    "tf": "a bullet stated as it is (true) or with one thing swapped (false)",
    "when": "the date of a dated bullet, against other dates of the lecture",
    "ordering": "dated bullets put in order",
    "section": "the one section whose text names a glossary term, against other sections",
    "short": "a glossary term with an abbreviation, asked for from its definition",
    "first": "four dated bullets years apart: which came first",
    "which": "four bullets, one stated as it is and three with one thing swapped",
    "name": "a section's central bullet with the person it names blanked",
    "term_gap": "a sentence of the notes with the glossary term it uses blanked",
}
# Rules whose source is the text of bullets or paragraph sentences (one per line,
# statements.py): a changed one makes the question stale.
_BULLET_RULES = frozenset({"tf", "when", "ordering", "first", "which", "name", "term_gap"})


def questions_to_review(lecture: Lecture) -> list[str]:
    """Flag the generated questions of the lecture's quizzes whose notes changed
    under them (needs_review): their section was archived, or a bullet they were
    made from changed or went. Returns a line per newly flagged question, for the
    import's summary; questions already flagged keep their reason."""
    visible = set(lecture.sections.filter(archived=False).values_list("pk", flat=True))
    bullets = set()
    for body in lecture.sections.filter(archived=False).values_list("body", flat=True):
        bullets |= {plain(statement.text) for statement in statements(body)}
    flagged, lines = [], []
    questions = Question.objects.filter(quiz__lecture=lecture, needs_review="").select_related(
        "quiz", "section"
    )
    for question in questions.order_by("quiz__title", "quiz", "position", "pk"):
        reason = ""
        if question.section is not None and question.section_id not in visible:
            reason = Question.REVIEW_SECTION_ARCHIVED % {"title": question.section.title}
        elif question.rule in _BULLET_RULES and question.source:
            gone = [line for line in question.source.split("\n") if line not in bullets]
            if gone:
                reason = Question.REVIEW_BULLET_CHANGED % {"bullet": clip(gone[0], 120)}
        if reason:
            question.needs_review = reason[:300]
            flagged.append(question)
            lines.append(f"“{question.quiz.title}”, question {question.position + 1}: {reason}")
    bulk_update(Question, flagged, ["needs_review"])
    return lines
