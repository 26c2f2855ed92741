"""Read queries for quiz pages and for progress figures elsewhere."""

from __future__ import annotations

from functools import cache

from django.db import connection
from django.db.models import Max, Q

from . import access
from .models import Attempt, Question, Quiz


@cache
def _lecture_quizzes_sql() -> str:
    q = connection.ops.quote_name
    quiz, question, attempt = Quiz._meta, Question._meta, Attempt._meta
    return (
        f"SELECT z.{q('id')}, z.{q('lecture_id')}, z.{q('title')}, z.{q('published')}, "
        f"z.{q('pass_mark')}, "
        f"(SELECT COUNT(*) FROM {q(question.db_table)} k WHERE k.{q('quiz_id')} = z.{q('id')})"
        f" AS n_questions, "
        f"(SELECT MAX(a.{q('percent')}) FROM {q(attempt.db_table)} a "
        f"WHERE a.{q('quiz_id')} = z.{q('id')} AND a.{q('user_id')} = %s "
        f"AND a.{q('submitted_at')} IS NOT NULL) AS best, "
        f"(SELECT COUNT(*) FROM {q(question.db_table)} k WHERE k.{q('quiz_id')} = z.{q('id')} "
        f"AND k.{q('needs_review')} <> '') AS n_review "
        f"FROM {q(quiz.db_table)} z WHERE z.{q('lecture_id')} = %s "
        f"AND (z.{q('published')} OR %s) ORDER BY z.{q('title')}, z.{q('id')}"
    )


def quizzes_for_lecture(user, lecture) -> list[Quiz]:
    """The quizzes a user may take on a lecture (looked up through lectures.access;
    drafts for its teachers only, quizzes.access's rule), with their number of
    questions and the user's best result.

    Written as SQL: the lecture page asks it on every request, and Django took
    about 0.6 ms to build it as a grouped, filtered annotation, the database a
    fraction of that to answer it (issue 9's profile).
    """
    drafts = access.sees_draft_quizzes(lecture)
    quizzes = list(Quiz.objects.raw(_lecture_quizzes_sql(), [user.pk, lecture.pk, drafts]))
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
