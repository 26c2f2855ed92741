"""A quiz's time limit is one minute to 24 hours (quizzes.models.TIME_LIMIT_MAX): a
limit of three million days put every student's deadline past Python's last date,
and each start of the quiz failed. The admin refuses it with a form error, the
database with a check constraint."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from quizzes import services
from quizzes.models import Quiz
from tests.quizzes.test_admin import change_url, post_data, small_quiz  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("3000000 00:00:00", "A time limit is at most 24 hours (24:00:00)."),
        ("1 00:00:01", "A time limit is at most 24 hours (24:00:00)."),
        ("00:00:30", "A time limit is at least one minute (00:01:00)."),
        ("1000000000 00:00:00", "The number of days must be between"),
    ],
)
def test_the_admin_refuses_a_time_limit_out_of_range(
    instructor_client,
    small_quiz,  # noqa: F811
    typed,
    error,
):
    data = post_data(instructor_client.get(change_url(small_quiz)))
    data["time_limit"] = typed
    response = instructor_client.post(change_url(small_quiz), data)
    assert response.status_code == 200
    assert any(error in e for e in response.context["adminform"].form.errors["time_limit"])
    small_quiz.refresh_from_db()
    assert small_quiz.time_limit is None


def test_a_day_long_limit_is_kept_and_a_student_starts(
    instructor_client,
    small_quiz,  # noqa: F811
    student,
):
    data = post_data(instructor_client.get(change_url(small_quiz)))
    data.update(time_limit="24:00:00", published="on")
    assert instructor_client.post(change_url(small_quiz), data).status_code == 302
    small_quiz.refresh_from_db()
    assert small_quiz.time_limit == timedelta(hours=24)
    attempt = services.attempt_start(quiz=small_quiz, user=student)
    assert attempt.deadline - attempt.started_at == timedelta(hours=24)


@pytest.mark.parametrize("limit", [timedelta(days=3_000_000), timedelta(0), timedelta(hours=25)])
def test_the_database_refuses_a_time_limit_out_of_range(
    small_quiz,  # noqa: F811
    limit,
):
    with pytest.raises(IntegrityError), transaction.atomic():
        Quiz.objects.filter(pk=small_quiz.pk).update(time_limit=limit)
