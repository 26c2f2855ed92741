"""“View as a student” (issue 18): the course's student pages as a student with no
progress sees them, for its instructors only, bannered, with their buttons off
and nothing written anywhere; and the instructor's own header on the lecture and
course pages in place of a student's progress."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from lectures.models import SectionProgress
from quizzes.models import Question, Quiz
from tests.helpers import SIMPLE_NOTES, add_question

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def plates(course):
    return course.lectures.get()


@pytest.fixture
def quiz(plates):
    quiz = Quiz.objects.create(lecture=plates, title="Plates quiz", published=True)
    add_question(
        quiz, Question.Kind.TRUE_FALSE, "Plates move?", [{"text": "True", "is_correct": True}]
    )
    return quiz


def view_urls(plates, quiz) -> dict[str, str]:
    course, lecture = plates.course.slug, plates.slug
    return {
        "course": reverse("lectures:student_view_course", args=[course]),
        "lecture": reverse("lectures:student_view_lecture", args=[course, lecture]),
        "glossary": reverse("lectures:student_view_glossary", args=[course, lecture]),
        "timeline": reverse("lectures:student_view_timeline", args=[course, lecture]),
        "quiz": reverse("lectures:student_view_quiz", args=[course, lecture, quiz.pk]),
    }


def every_row() -> dict[str, list]:
    """Every row of every table, as the database holds it."""
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows[table] = sorted(map(repr, cursor.fetchall()))
    return rows


def test_nothing_is_written_in_any_table(instructor, plates, quiz):
    client = Client()
    client.force_login(instructor)
    urls = view_urls(plates, quiz)
    before = every_row()
    for url in urls.values():
        assert client.get(url).status_code == 200
    search = client.get(
        urls["glossary"], {"q": "sub"}, headers={**HTMX, "HX-Target": "glossary-results"}
    )
    assert search.status_code == 200
    assert every_row() == before


def test_the_check_sees_what_a_students_first_visit_writes(student_client, plates):
    # The same lecture page, opened by a student, writes (the visit, review cards).
    before = every_row()
    assert student_client.get(plates.get_absolute_url()).status_code == 200
    assert every_row() != before


@pytest.mark.parametrize("page", ["course", "lecture", "glossary", "timeline", "quiz"])
def test_each_page_is_bannered_and_its_links_stay_in_the_view(
    instructor_client, plates, quiz, page
):
    urls = view_urls(plates, quiz)
    body = instructor_client.get(urls[page]).content.decode()
    assert "Viewing as a student." in body
    assert f'href="{reverse("lectures:teach", args=[plates.course.slug])}"' in body
    # No form posts anywhere, and the student's own pages are not linked.
    assert 'method="post" action="/courses' not in body and "hx-post" not in body
    assert f'href="{plates.get_absolute_url()}"' not in body
    if page != "course":
        assert f'href="{urls["lecture"]}"' in body


def test_the_lecture_shows_its_buttons_switched_off_at_nought(
    instructor_client, instructor, plates, quiz
):
    # The instructor's own reading does not show through.
    SectionProgress.objects.create(user=instructor, section=plates.sections.first())
    body = instructor_client.get(view_urls(plates, quiz)["lecture"]).content.decode()
    assert "Your progress" in body and 'max="4" value="0"' in body
    assert body.count("Mark as read") == 2 and body.count(" disabled>") == 4
    assert f'href="{view_urls(plates, quiz)["quiz"]}"' in body
    assert "You teach this course" not in body


def test_the_quiz_cannot_be_started(instructor_client, plates, quiz):
    body = instructor_client.get(view_urls(plates, quiz)["quiz"]).content.decode()
    assert '<button type="button" class="button primary" disabled>Start the quiz</button>' in body
    assert "You have not tried this quiz yet." in body


def test_drafts_are_left_out_or_bannered(instructor_client, course, plates, quiz, make_lecture):
    draft = make_lecture(
        SIMPLE_NOTES.replace("Plate Tectonics", "Rivers"), course=course.slug, draft=True
    )
    draft_quiz = Quiz.objects.create(lecture=plates, title="Unfinished quiz")
    urls = view_urls(plates, quiz)
    course_page = instructor_client.get(urls["course"]).content.decode()
    assert "Plate Tectonics" in course_page and "Rivers" not in course_page
    assert "Unfinished quiz" not in instructor_client.get(urls["lecture"]).content.decode()
    draft_page = instructor_client.get(view_urls(draft, quiz)["lecture"]).content.decode()
    assert "This lecture is a draft: students do not see it until you publish it." in draft_page
    quiz_page = instructor_client.get(view_urls(plates, draft_quiz)["quiz"]).content.decode()
    assert "This quiz is a draft" in quiz_page


def test_the_timeline_shows_no_suggestions(instructor_client, plates, quiz):
    from lectures.models import TimelineEvent
    from lectures.notes.prose.eras import When

    event = TimelineEvent(
        lecture=plates, when_label="1850", text="Maybe in 1850.", status="suggested"
    )
    event.start = When(1850)
    event.save()
    body = instructor_client.get(view_urls(plates, quiz)["timeline"]).content.decode()
    assert "Maybe in 1850." not in body and "Suggested events" not in body


def test_the_glossary_search_answers_its_fragment(instructor_client, plates, quiz):
    url = view_urls(plates, quiz)["glossary"]
    response = instructor_client.get(
        url, {"q": "MOR"}, headers={**HTMX, "HX-Target": "glossary-results"}
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="glossary-results"') and "Mid-Ocean Ridge" in body
    page = instructor_client.get(url).content.decode()
    assert f'hx-get="{url}"' in page and f'action="{url}"' in page


def test_a_quiz_of_another_lecture_in_the_url_is_a_404(
    instructor_client, course, plates, quiz, make_lecture
):
    rivers = make_lecture(SIMPLE_NOTES.replace("Plate Tectonics", "Rivers"), course=course.slug)
    url = reverse("lectures:student_view_quiz", args=[course.slug, rivers.slug, quiz.pk])
    assert instructor_client.get(url).status_code == 404


def test_another_courses_instructor_and_the_student_get_a_404(
    client, student, other_instructor, plates, quiz
):
    for user in (student, other_instructor):
        client.force_login(user)
        for url in view_urls(plates, quiz).values():
            assert client.get(url).status_code == 404


# After the session and the user (2), and before the navigation's review count (1).
BUDGETS = {
    # the course with access; its published lectures with their sizes
    "course": 2,
    # the lecture with access; its published quizzes (the content is cached)
    "lecture": 2,
    # the lecture with access (the terms are cached)
    "glossary": 1,
    # the lecture with access; events counted; one page of them
    "timeline": 3,
    # the quiz with access; its questions counted
    "quiz": 2,
}


@pytest.mark.parametrize("page", BUDGETS)
def test_each_page_keeps_its_query_budget_as_the_course_grows(
    page, instructor_client, course, plates, quiz, make_lecture, django_assert_max_num_queries
):
    url = view_urls(plates, quiz)[page]
    instructor_client.get(url)  # fills the content cache
    for number in range(5):
        make_lecture(SIMPLE_NOTES.replace("Plate Tectonics", f"Plates {number}"))
    with django_assert_max_num_queries(2 + BUDGETS[page] + 1):
        assert instructor_client.get(url).status_code == 200


# -- the instructor's own header --------------------------------------------------------------


def test_an_instructor_opening_a_lecture_sees_their_header_not_a_students_screen(
    instructor_client, plates
):
    body = instructor_client.get(plates.get_absolute_url()).content.decode()
    assert "You teach this course." in body
    assert "Your progress" not in body and "Mark as read" not in body
    for url in (
        f"{reverse('lectures:teach', args=['geo'])}#lecture-{plates.pk}",
        reverse("lectures:report", args=["geo"]),
        f"{reverse('lectures:timeline', args=['geo', plates.slug])}#suggestions",
        reverse("lectures:student_view_lecture", args=["geo", plates.slug]),
    ):
        assert f'href="{url}"' in body, url
    # The action items are listed, not buttons to tick.
    assert "Read chapter 3." in body and "aria-pressed" not in body


def test_a_student_still_sees_their_progress_and_buttons(student_client, plates):
    body = student_client.get(plates.get_absolute_url()).content.decode()
    assert "Your progress" in body and "Mark as read" in body and "aria-pressed" in body
    assert "You teach this course." not in body and "Viewing as a student" not in body


def test_the_course_page_header_is_the_instructors_only(client, instructor, student, course):
    client.force_login(instructor)
    body = client.get(course.get_absolute_url()).content.decode()
    assert "You teach this course." in body and "Course progress" not in body
    assert reverse("lectures:student_view_course", args=[course.slug]) in body
    client.force_login(student)
    body = client.get(course.get_absolute_url()).content.decode()
    assert "You teach this course." not in body and "Course progress" in body
