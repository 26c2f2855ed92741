"""Read queries for quiz pages and for progress figures elsewhere."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404

from lectures import selectors as lecture_selectors
from lectures.models import Enrolment

from .models import Attempt, Quiz


def quizzes_for_lecture(user, lecture) -> list[Quiz]:
    """The quizzes a user may take on a lecture, with their best result and tries."""
    quizzes = lecture.quizzes.annotate(
        n_questions=Count("questions", distinct=True),
        best=Max(
            "attempts__percent",
            filter=Q(attempts__user=user, attempts__submitted_at__isnull=False),
        ),
        tries=Count(
            "attempts",
            filter=Q(attempts__user=user, attempts__submitted_at__isnull=False),
            distinct=True,
        ),
    ).order_by("title", "pk")
    if not _teaches(user, lecture):
        quizzes = quizzes.filter(published=True)
    quizzes = list(quizzes)
    for quiz in quizzes:
        quiz.lecture = lecture  # its URL needs the course, already loaded
    return quizzes


def _teaches(user, lecture) -> bool:
    """Instructors see drafts; the lecture selector has usually answered already."""
    if hasattr(lecture, "teaching"):
        return lecture.teaching
    return user.is_superuser or lecture.course.instructors.filter(pk=user.pk).exists()


def get_quiz_for_user(user, course: str, lecture: str, pk: int) -> Quiz:
    lecture_obj = lecture_selectors.get_lecture_for_user(user, course, lecture)
    quiz = lecture_obj.quizzes.filter(pk=pk).first()
    if quiz is None or not (quiz.published or _teaches(user, lecture_obj)):
        raise Http404("No such quiz")
    quiz.lecture = lecture_obj
    return quiz


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


def teaching_staff(quiz: Quiz) -> QuerySet:
    """Users whose attempts at the quiz are not a student's: the course's instructors
    (listed on the course or enrolled as instructor) and superusers.

    Their tries (checking a draft, say) stay out of the quiz's statistics.
    """
    return get_user_model().objects.filter(
        Q(is_superuser=True)
        | Q(taught_courses__lectures=quiz.lecture_id)
        | Q(
            enrolments__course__lectures=quiz.lecture_id,
            enrolments__role=Enrolment.Role.INSTRUCTOR,
        )
    )
