"""Publishing a quiz to its lecture's students, and withdrawing it.

A quiz is published only when every question has a key that grading can use (each
kind states its own rules: quizzes.kinds), and it has at least one question: a
student must never meet a question nobody can get right. The admin's publish
action applies the same rules through the same key checks.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext

from .kinds import KeyRow, kind_for
from .models import Choice, Quiz


class QuizNotReady(Exception):
    """A quiz that cannot be published yet; `problems` says why, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def quiz_publish_problems(quiz: Quiz) -> list[str]:
    """What stops `quiz` from being published, in words; [] when nothing does."""
    questions = list(
        quiz.questions.only("pk", "quiz_id", "kind", "prompt", "position")
        .prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("pk")))
        .order_by("position", "pk")
    )
    if not questions:
        return [gettext("“%(quiz)s” has no questions yet.") % {"quiz": quiz.title}]
    problems = []
    for number, question in enumerate(questions, 1):
        rows = [KeyRow.of(choice) for choice in question.choices.all()]
        if found := kind_for(question.kind).key_problems(rows):
            problems.append(
                gettext("Question %(number)d (“%(prompt)s”): %(problems)s")
                % {"number": number, "prompt": question.prompt[:60], "problems": " ".join(found)}
            )
    return problems


@transaction.atomic
def quiz_set_published(*, quiz: Quiz, published: bool) -> bool:
    """Publish the quiz, or withdraw it (attempts already made stay, with their
    results). The state asked for, not a flip: returns whether it changed. Raises
    QuizNotReady, changing nothing, for a quiz that cannot be published yet."""
    locked = Quiz.objects.select_for_update().filter(pk=quiz.pk).first()
    if locked is None or locked.published == published:
        quiz.published = published if locked is not None else quiz.published
        return False
    if published and (problems := quiz_publish_problems(locked)):
        raise QuizNotReady(problems)
    locked.published = published
    locked.save(update_fields=["published"])
    quiz.published = published
    return True
