"""Every student page runs a fixed number of queries, however much the course holds
(issue 9: the budgets were cut, and must not grow back). Counts are taken on the
second request, once the lecture's shared content is cached (lectures.content.cache)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lectures.models import Announcement, ReadingAssignment
from lectures.teaching.readings import readings_from_action_items
from quizzes.models import Question, Quiz
from quizzes.services import attempt_start
from tests.helpers import add_question, notes_with

pytestmark = pytest.mark.django_db

# Each page's queries after the session and the user.
BUDGETS = {
    # courses; lectures with access and progress; quizzes' best scores; readings;
    # review cards due per course (which the navigation's count sums); the latest
    # announcements
    "dashboard": 6,
    # the course; its lectures with progress; quizzes' best scores; its latest
    # announcements; the navigation's count
    "course": 5,
    # the course with the user's standing; announcements counted; one page of them
    # with their authors; the navigation's count
    "announcements": 4,
    # courses; lectures with access and progress; quizzes' best scores; review
    # cards' counts and forecast (today's is the navigation's count)
    "progress": 4,
    # the lecture with the student's standing; sections read, items done and
    # whether it was opened before; quizzes with questions and best scores; the
    # navigation's count of review cards due (as on every page below)
    "lecture": 4,
    # the lecture with the student's standing (terms come from the cache)
    "glossary": 2,
    "glossary search": 2,
    # the lecture; events counted; one page of events
    "timeline": 4,
    # the attempt with access; questions; choices; answers
    "attempt": 5,
}


def quiz_with_attempt(lecture, student):
    quiz = Quiz.objects.create(lecture=lecture, title=f"Quiz {lecture.slug}", published=True)
    for number in range(3):
        add_question(
            quiz,
            Question.Kind.SINGLE,
            f"Question {number}?",
            [{"text": "Yes", "is_correct": True}, {"text": "No"}],
        )
    return attempt_start(quiz=quiz, user=student)


def urls(lecture, attempt) -> dict[str, str]:
    base = lecture.get_absolute_url()
    return {
        "dashboard": reverse("lectures:dashboard"),
        "course": lecture.course.get_absolute_url(),
        "announcements": reverse("lectures:announcements", args=[lecture.course.slug]),
        "progress": reverse("lectures:progress"),
        "lecture": base,
        "glossary": f"{base}glossary/",
        "glossary search": f"{base}glossary/?q=sub",
        "timeline": f"{base}timeline/",
        "attempt": attempt.get_absolute_url(),
    }


def announce(course, n: int) -> None:
    author = course.instructors.first()
    body = "- A note\n**Read** it."
    Announcement.objects.bulk_create(
        Announcement(course=course, author=author, body=body) for _ in range(n)
    )


def count(client, url, django_assert_num_queries, budget) -> None:
    assert client.get(url).status_code == 200  # fills the caches
    with django_assert_num_queries(2 + budget):  # the session and the user, then the page
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("page", BUDGETS)
def test_each_student_page_keeps_its_query_budget_as_the_course_grows(
    page, student_client, student, course, make_lecture, django_assert_num_queries
):
    lecture = course.lectures.get()
    attempt = quiz_with_attempt(lecture, student)
    readings_from_action_items(lecture=lecture)
    for reading in course.readings.all():
        ReadingAssignment.objects.create(reading=reading, student=student)
    announce(course, 1)
    count(student_client, urls(lecture, attempt)[page], django_assert_num_queries, BUDGETS[page])

    # Ten times the lectures, sections, quizzes and readings: the same count.
    for number in range(10):
        big = make_lecture(notes_with(30).replace("Title: Big", f"Title: Big {number}"))
        quiz_with_attempt(big, student)
        readings_from_action_items(lecture=big)
    for reading in course.readings.exclude(assignments__student=student):
        ReadingAssignment.objects.create(reading=reading, student=student)
    announce(course, 30)
    count(student_client, urls(lecture, attempt)[page], django_assert_num_queries, BUDGETS[page])
