"""Publishing a quiz to its lecture's students, and withdrawing it.

A quiz is published only when every question has a key that grading can use (each
kind states its own rules: quizzes.kinds), and it has at least one question: a
student must never meet a question nobody can get right. The site's teaching page
and the admin's publish action both come here.

A quiz with a due date is work given to the course's students: once it is
published (on a published lecture) with one, each student is mailed that it is
theirs, once, after the commit (lectures.mail.notices.quiz_assigned, which also
decides whom and whether). Publishing it, setting its dates here, or saving it in
the admin (`quiz_saved`) all ask for that mail; it goes at most once per student.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Prefetch

from lectures.mail.notices import quiz_assigned

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
        return [f"“{quiz.title}” has no questions yet."]
    problems = []
    for number, question in enumerate(questions, 1):
        rows = [KeyRow.of(choice) for choice in question.choices.all()]
        if found := kind_for(question.kind).key_problems(rows):
            problems.append(f"Question {number} (“{question.prompt[:60]}”): {' '.join(found)}")
    return problems


@transaction.atomic
def quiz_set_published(*, quiz: Quiz, published: bool, site_url: str | None = None) -> bool:
    """Publish the quiz, or withdraw it (attempts already made stay, with their
    results). The state asked for, not a flip: returns whether it changed. Raises
    QuizNotReady, changing nothing, for a quiz that cannot be published yet.
    Publishing a dated quiz mails its students (`site_url` starts the link;
    settings.SITE_URL by default)."""
    locked = Quiz.objects.select_for_update().filter(pk=quiz.pk).first()
    if locked is None or locked.published == published:
        quiz.published = published if locked is not None else quiz.published
        return False
    if published and (problems := quiz_publish_problems(locked)):
        raise QuizNotReady(problems)
    locked.published = published
    locked.save(update_fields=["published"])
    quiz.published = published
    if published:
        quiz_assigned(quiz=locked, site_url=site_url)
    return True


@transaction.atomic
def quiz_set_dates(
    *,
    quiz: Quiz,
    opens_at: datetime | None,
    due_at: datetime | None,
    closes_at: datetime | None,
    site_url: str | None = None,
) -> int:
    """Give the quiz these dates (each optional; the caller's form checked their
    order, and the database's constraints hold it). A published quiz that now has a
    due date mails its students that it is theirs, if it did not before; returns how
    many students are mailed."""
    quiz.opens_at, quiz.due_at, quiz.closes_at = opens_at, due_at, closes_at
    quiz.save(update_fields=["opens_at", "due_at", "closes_at"])
    return quiz_assigned(quiz=quiz, site_url=site_url)


@transaction.atomic
def quiz_saved(*, quiz: Quiz, site_url: str | None = None) -> int:
    """Call inside the transaction after the admin saved a quiz as its form had it
    (published ticked, a due date typed): mails its students if it is now given to
    them and they were not told before. Returns how many are mailed."""
    return quiz_assigned(quiz=quiz, site_url=site_url)
