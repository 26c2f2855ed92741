"""quizzes.signals.attempt_scored: sent after a submit or a regrade commits, never
before and never for a rolled-back grade; and the attempt a quiz's grade keeps."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from lectures.models import Enrolment
from quizzes import services
from quizzes.models import Attempt, Quiz
from quizzes.selectors import kept_attempt
from quizzes.signals import attempt_scored

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    calls: list[dict] = []

    def receiver(sender, **kwargs):
        kwargs.pop("signal")
        calls.append(kwargs)

    attempt_scored.connect(receiver, weak=False)
    yield calls
    attempt_scored.disconnect(receiver)


def test_submit_announces_the_score_once_committed(
    quiz, student, heard, django_capture_on_commit_callbacks
):
    attempt = services.attempt_start(quiz=quiz, user=student)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.attempt_submit(attempt=attempt)
        assert heard == []  # not inside the transaction that grades
    assert len(callbacks) == 1
    assert heard == [{"quiz_id": quiz.pk, "user_id": student.pk, "attempt_id": attempt.pk}]


def test_a_second_submit_announces_nothing(
    quiz, student, heard, django_capture_on_commit_callbacks
):
    attempt = services.attempt_start(quiz=quiz, user=student)
    with django_capture_on_commit_callbacks(execute=True):
        services.attempt_submit(attempt=attempt)
        services.attempt_submit(attempt=attempt)
    assert len(heard) == 1


def test_a_rolled_back_submit_announces_nothing(quiz, student, heard):
    attempt = services.attempt_start(quiz=quiz, user=student)
    with transaction.atomic():
        services.attempt_submit(attempt=attempt)
        transaction.set_rollback(True)
    assert heard == []


def test_regrade_announces_each_student_whose_score_changed(
    quiz, student, other_student, heard, django_capture_on_commit_callbacks
):
    Enrolment.objects.create(course=quiz.lecture.course, user=other_student)
    question = quiz.questions.get(kind="true_false")
    false = question.choices.get(text="False")
    with django_capture_on_commit_callbacks(execute=True):
        for user in (student, other_student):
            attempt = services.attempt_start(quiz=quiz, user=user)
            services.answer_save(attempt=attempt, question=question, response={"choice": false.pk})
            services.attempt_submit(attempt=attempt)
    heard.clear()
    # The key is unchanged: nobody's grade moved, nothing to announce.
    with django_capture_on_commit_callbacks(execute=True):
        services.quiz_regrade(quiz=quiz)
    assert heard == []
    # "False" becomes the right answer: both students gain its point.
    question.choices.update(is_correct=False)
    question.choices.filter(pk=false.pk).update(is_correct=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.quiz_regrade(quiz=quiz)
    assert sorted(call["user_id"] for call in heard) == sorted([student.pk, other_student.pk])


def _submitted(quiz, user, score, minutes_ago):
    return Attempt.objects.create(
        quiz=quiz,
        user=user,
        started_at=timezone.now() - timedelta(minutes=minutes_ago + 5),
        submitted_at=timezone.now() - timedelta(minutes=minutes_ago),
        score=Decimal(score),
        max_score=Decimal(10),
        percent=score * 10,
        passed=score >= 5,
    )


def test_kept_attempt_is_the_best_or_the_last_by_the_quizs_setting(quiz, student):
    assert quiz.grade_kept == Quiz.GradeKept.BEST  # the default
    assert kept_attempt(quiz, student.pk) is None
    best = _submitted(quiz, student, 8, minutes_ago=30)
    _submitted(quiz, student, 8, minutes_ago=20)  # as good, but later
    last = _submitted(quiz, student, 3, minutes_ago=10)
    Attempt.objects.create(quiz=quiz, user=student)  # open: never counts
    assert kept_attempt(quiz, student.pk) == best
    quiz.grade_kept = Quiz.GradeKept.LAST
    assert kept_attempt(quiz, student.pk) == last
