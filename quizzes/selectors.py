"""Read queries for quiz pages and for progress figures elsewhere (a quiz's results
are quizzes.results)."""

from __future__ import annotations

from django.db.models import Max, Q

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


def best_by_lecture(user, lecture_ids) -> dict[int, list[dict]]:
    """Per lecture, its published quizzes with the user's best percent (None if untried)."""
    rows = (
        Quiz.objects.published()
        .filter(lecture_id__in=lecture_ids)
        .annotate(
            best=Max(
                "attempts__percent",
                filter=Q(attempts__user=user, attempts__submitted_at__isnull=False),
            )
        )
        .values("lecture_id", "pk", "title", "best", "pass_mark")
        .order_by("lecture_id", "title", "pk")
    )
    out: dict[int, list[dict]] = {}
    for row in rows:
        row["passed"] = row["best"] is not None and row["best"] >= row["pass_mark"]
        out.setdefault(row["lecture_id"], []).append(row)
    return out


def past_attempts(user, quiz: Quiz):
    return Attempt.objects.filter(user=user, quiz=quiz).order_by("-started_at", "-pk")


def submitted_attempts(quiz_id: int) -> int:
    """Every submitted attempt at the quiz, instructors' included (a regrade grades them all)."""
    return Attempt.objects.filter(quiz_id=quiz_id, submitted_at__isnull=False).count()
