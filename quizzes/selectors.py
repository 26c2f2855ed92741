"""Read queries for quiz pages and for progress figures elsewhere (a quiz's results
are quizzes.results)."""

from __future__ import annotations

from django.db.models import Max, OuterRef, Subquery

from . import access, sql
from .models import Attempt, Quiz


def quizzes_for_lecture(user, lecture) -> list[Quiz]:
    """The quizzes a user may take on a lecture (looked up through lectures.access;
    drafts for its teachers only, quizzes.access's rule), with their number of
    questions and the user's best result. One query (quizzes.sql.lecture_quizzes).
    """
    params = {"user": user.pk, "lecture": lecture.pk, "drafts": access.sees_draft_quizzes(lecture)}
    quizzes = list(Quiz.objects.raw(sql.lecture_quizzes(), params))
    for quiz in quizzes:
        quiz.lecture = lecture  # its URL needs the course, already loaded
    return quizzes


def best_by_lecture(user, lecture_ids) -> dict[int, list[Quiz]]:
    """Per lecture, its published quizzes (with their dates) and the user's `best`
    submitted percent (None if untried) and whether that `passed`. One query.

    The best is a subquery on the (user, quiz) index: a join would aggregate every
    student's attempts at the quizzes to keep this user's."""
    mine = Attempt.objects.filter(quiz=OuterRef("pk"), user=user, submitted_at__isnull=False)
    best = mine.order_by().values("quiz").annotate(m=Max("percent")).values("m")[:1]
    quizzes = (
        Quiz.objects.published()
        .filter(lecture_id__in=lecture_ids)
        .defer("description")
        .annotate(best=Subquery(best))
        .order_by("lecture_id", "title", "pk")
    )
    out: dict[int, list[Quiz]] = {}
    for quiz in quizzes:
        quiz.passed = quiz.best is not None and quiz.best >= quiz.pass_mark
        out.setdefault(quiz.lecture_id, []).append(quiz)
    return out


def past_attempts(user, quiz: Quiz):
    return Attempt.objects.filter(user=user, quiz=quiz).order_by("-started_at", "-pk")


def submitted_attempts(quiz_id: int) -> int:
    """Every submitted attempt at the quiz, instructors' included (a regrade grades them all)."""
    return Attempt.objects.filter(quiz_id=quiz_id, submitted_at__isnull=False).count()


def kept_attempt(quiz: Quiz, user_id: int) -> Attempt | None:
    """The submitted attempt whose score is the student's grade on the quiz, by the
    quiz's `grade_kept`: the best score (the earliest of equal ones), or the last
    submitted. None if the student has submitted none."""
    submitted = Attempt.objects.filter(quiz=quiz, user_id=user_id, submitted_at__isnull=False)
    if quiz.grade_kept == Quiz.GradeKept.LAST:
        return submitted.order_by("-submitted_at", "-pk").first()
    return submitted.order_by("-score", "submitted_at", "pk").first()
