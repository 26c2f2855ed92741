"""The student's dashboard lists the quizzes set with a due date beside the readings,
and "What to do next" sends them to overdue work, a quiz as a reading, before any
unread section."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from lectures.models import Reading
from lectures.study.readings import reading_set_done
from lectures.teaching.assignments import assignment_save
from quizzes import services
from quizzes.models import Question, Quiz
from tests.helpers import add_question

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def lecture(course, time_machine):
    time_machine.move_to(NOW, tick=False)
    return course.lectures.get()


def make_quiz(lecture, title: str, **fields) -> Quiz:
    quiz = Quiz.objects.create(lecture=lecture, title=title, published=True, **fields)
    add_question(
        quiz,
        Question.Kind.TRUE_FALSE,
        "True?",
        [{"text": "True", "is_correct": True}, {"text": "False"}],
    )
    return quiz


def test_dated_quizzes_are_listed_not_done_first_by_due_date(
    student_client, student, lecture, django_assert_num_queries
):
    later = make_quiz(lecture, "Later quiz", due_at=NOW + timedelta(days=3))
    overdue = make_quiz(lecture, "Overdue quiz", due_at=NOW - timedelta(days=1))
    done = make_quiz(lecture, "Done quiz", due_at=NOW - timedelta(days=2))
    make_quiz(lecture, "Undated quiz")
    Quiz.objects.create(lecture=lecture, title="Draft quiz", due_at=NOW)  # not set yet
    closed = make_quiz(
        lecture, "Closed quiz", due_at=NOW - timedelta(days=4), closes_at=NOW - timedelta(days=3)
    )
    services.attempt_submit(attempt=services.attempt_start(quiz=done, user=student))
    response = student_client.get("/")
    assert [q.title for q in response.context["quizzes"]] == [
        closed.title,
        overdue.title,
        later.title,
        done.title,
    ]
    body = response.content.decode()
    assert 'id="quizzes-due"' in body and "Quizzes due" in body
    assert "Undated quiz" not in body.split('id="quizzes-due"')[1]
    assert "Draft quiz" not in body
    assert "<strong>Overdue:</strong> was due" in body and "9 Mar 2026, 12:00" in body
    assert "✓ Submitted · best 0%" in body  # submitted blank
    assert "Take the quiz<span" in body and ">Closed</span>" in body
    # The dashboard's queries are those it made before: the quizzes come with the
    # lectures' best scores (session, user, courses, lectures, quiz results, readings,
    # review cards due, the latest announcements).
    with django_assert_num_queries(8):
        student_client.get("/")


def test_what_to_do_next_is_the_overdue_work_due_soonest(student_client, student, lecture):
    reading = Reading.objects.create(
        course=lecture.course, title="Chapter 4", url="https://x.test/"
    )
    assignment_save(
        readings=[reading],
        students=[student],
        cohorts=[],
        due_at=NOW - timedelta(days=1),
        note="",
        assigned_by=None,
    )
    body = student_client.get("/").content.decode()
    # An overdue reading comes before the lecture's unread sections.
    assert "<strong>Chapter 4</strong>" in body and "this reading was due" in body
    assert "Open the reading" in body and "you have sections left to read" not in body
    quiz = make_quiz(lecture, "Plates quiz", due_at=NOW - timedelta(days=2))
    body = student_client.get("/").content.decode()
    assert "<strong>Plates quiz</strong>" in body and "this quiz was due" in body
    assert f'href="{quiz.get_absolute_url()}">Take the quiz' in body
    # Closed, there is nothing to do about it: the reading is next again.
    Quiz.objects.filter(pk=quiz.pk).update(closes_at=NOW - timedelta(days=1))
    assert "<strong>Chapter 4</strong>" in student_client.get("/").content.decode()
    Quiz.objects.filter(pk=quiz.pk).update(closes_at=None)
    services.attempt_submit(attempt=services.attempt_start(quiz=quiz, user=student))
    reading_set_done(user=student, reading=reading, done=True)
    body = student_client.get("/").content.decode()
    assert "you have sections left to read" in body  # nothing overdue: the lecture
