"""Read queries for quiz pages, for progress figures elsewhere, and for the quiz's
results on its admin page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, Max, OuterRef, Q, Subquery

from . import access, sql
from .models import Answer, Attempt, Question, Quiz


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


# -- results on the quiz's admin page ----------------------------------------------


@dataclass
class QuestionStat:
    number: int
    question: Question
    graded: int  # students' submitted attempts graded on this question
    answered: int  # of those, the ones that gave an answer (not left blank)
    correct: int

    @property
    def percent_correct(self) -> int | None:
        return round(100 * self.correct / self.graded) if self.graded else None


@dataclass
class QuizResults:
    attempts: int
    average: float | None
    passed: int
    questions: list[QuestionStat]

    @property
    def pass_rate(self) -> int | None:
        return round(100 * self.passed / self.attempts) if self.attempts else None


def quiz_results(quiz: Quiz) -> QuizResults:
    """Students' submitted attempts only: the course's instructors and superusers
    trying their own quiz would skew the figures. Three queries whatever the number
    of attempts (the staff are a subquery)."""
    staff = access.teachers_of_quiz(quiz).values("pk")
    per_question = {
        row["question"]: row
        for row in Answer.objects.filter(attempt__quiz=quiz, attempt__submitted_at__isnull=False)
        .exclude(attempt__user__in=staff)
        .values("question")
        .annotate(
            n=Count("pk"),
            answered=Count("pk", filter=~Q(response={})),
            right=Count("pk", filter=Q(is_correct=True)),
        )
        .order_by()
    }
    overall = (
        Attempt.objects.filter(quiz=quiz, submitted_at__isnull=False)
        .exclude(user__in=staff)
        .aggregate(n=Count("pk"), average=Avg("percent"), passed=Count("pk", filter=Q(passed=True)))
    )
    stats = []
    questions = quiz.questions.only("pk", "quiz_id", "prompt", "kind").order_by("position", "pk")
    for number, question in enumerate(questions, 1):
        row = per_question.get(question.pk, {})
        stats.append(
            QuestionStat(
                number, question, row.get("n", 0), row.get("answered", 0), row.get("right", 0)
            )
        )
    return QuizResults(overall["n"], overall["average"], overall["passed"], stats)
