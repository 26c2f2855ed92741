"""quizzes.sql's one statement against the ORM query it stands for."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import Count, Max, Q
from django.utils import timezone

from quizzes import access, selectors
from quizzes.models import Attempt, Quiz

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("teacher", [False, True])
def test_lecture_quizzes_are_the_orms(quiz, student, other_student, instructor, teacher):
    lecture = quiz.lecture
    draft = Quiz.objects.create(lecture=lecture, title="A draft", published=False)
    flagged = quiz.questions.first()
    flagged.needs_review = "its bullet changed"
    flagged.save()
    now = timezone.now()
    Attempt.objects.create(quiz=quiz, user=student, submitted_at=now, percent=40)
    Attempt.objects.create(quiz=quiz, user=student, submitted_at=now, percent=75, seed=1)
    Attempt.objects.create(quiz=quiz, user=student)  # open: no result yet
    Attempt.objects.create(quiz=quiz, user=other_student, submitted_at=now, percent=100)
    Quiz.objects.filter(pk=quiz.pk).update(
        opens_at=now - timedelta(days=1), due_at=now, closes_at=now + timedelta(days=1)
    )
    user = instructor if teacher else student
    lecture.teaching = teacher  # as access.get_lecture_for_user sets it
    by_sql = [
        (z.pk, z.title, z.n_questions, z.best, z.n_review, z.opens_at, z.due_at, z.closes_at)
        for z in selectors.quizzes_for_lecture(user, lecture)
    ]
    mine = Q(attempts__user=user, attempts__submitted_at__isnull=False)
    drafts = access.sees_draft_quizzes(lecture)
    orm = (
        Quiz.objects.filter(lecture=lecture)
        .filter(Q(published=True) | Q(pk__in=[draft.pk] if drafts else []))
        .annotate(
            n_questions=Count("questions", distinct=True),
            best=Max("attempts__percent", filter=mine),
            n_review=Count("questions", filter=~Q(questions__needs_review=""), distinct=True),
        )
        .order_by("title", "pk")
        .values_list(
            "pk", "title", "n_questions", "best", "n_review", "opens_at", "due_at", "closes_at"
        )
    )
    assert by_sql == list(orm)
    assert (draft.pk in {row[0] for row in by_sql}) is teacher
    assert by_sql[-1][3] == (None if teacher else 75)
    assert by_sql[-1][5:] == (now - timedelta(days=1), now, now + timedelta(days=1))
