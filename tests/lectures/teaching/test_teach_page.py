"""The course's teaching page (issue 18): its lectures with their state and their
quizzes', publishing with a confirmation saying who will see it, and drafting a
quiz, all outside the admin."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from lectures.models import Enrolment, Lecture
from quizzes.models import Attempt, Question, Quiz
from quizzes.services import attempt_start, attempt_submit
from tests.helpers import PASSWORD, SIMPLE_NOTES, add_question, notes_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def plates(course):
    return course.lectures.get()


def teach_url(course) -> str:
    return reverse("lectures:teach", args=[course.slug])


def action_url(name: str, lecture: Lecture) -> str:
    return reverse(f"lectures:{name}", args=[lecture.course.slug, lecture.slug])


def messages_of(response) -> list[str]:
    return [m.message for m in get_messages(response.wsgi_request)]


def published_quiz(lecture, title="Plates quiz") -> Quiz:
    quiz = Quiz.objects.create(lecture=lecture, title=title, published=True, pass_mark=50)
    add_question(
        quiz, Question.Kind.TRUE_FALSE, "Plates move?", [{"text": "True", "is_correct": True}]
    )
    return quiz


def submitted(quiz, user) -> Attempt:
    attempt = attempt_start(quiz=quiz, user=user)
    attempt_submit(attempt=attempt)
    return attempt


# -- the page ----------------------------------------------------------------------------


def test_the_page_shows_each_lecture_with_its_state_and_its_quizzes_state(
    instructor_client, instructor, student, course, plates, make_lecture
):
    rivers = make_lecture(
        SIMPLE_NOTES.replace("Plate Tectonics", "Rivers"), course=course.slug, draft=True
    )
    quiz = published_quiz(plates)
    submitted(quiz, student)
    # The instructor's own try is not a student's attempt.
    submitted(quiz, instructor)
    draft = Quiz.objects.create(lecture=rivers, title="Rivers: practice quiz")
    add_question(
        draft, Question.Kind.TRUE_FALSE, "Rivers flow?", [{"text": "True", "is_correct": True}]
    )
    add_question(
        draft,
        Question.Kind.TRUE_FALSE,
        "Rivers end?",
        [{"text": "True", "is_correct": True}],
        needs_review="its bullet changed",
    )

    response = instructor_client.get(teach_url(course))
    assert response.status_code == 200
    body = response.content.decode()
    assert "1 student enrolled · 2 lectures" in body
    plates_row, rivers_row = body.split(f'id="lecture-{plates.pk}"')[1].split(
        f'id="lecture-{rivers.pk}"'
    )
    assert "published" in plates_row and "Unpublish…" in plates_row
    assert "published, 1 question, 1 attempt by students" in plates_row
    assert reverse("lectures:report_quiz", args=[course.slug, quiz.pk]) in plates_row
    assert "Generate another draft quiz" in plates_row
    assert "draft: students do not see it" in rivers_row and "Publish…" in rivers_row
    assert 'draft, 2 questions, <span class="badge-behind">1 needing review</span>' in rivers_row
    assert reverse("admin:quizzes_quiz_change", args=[draft.pk]) in rivers_row
    assert reverse("lectures:student_view_lecture", args=[course.slug, rivers.slug]) in rivers_row


def test_a_lecture_without_a_quiz_says_so(instructor_client, course, plates):
    body = instructor_client.get(teach_url(course)).content.decode()
    assert "No quiz yet." in body and "Generate a draft quiz" in body


def test_queries_do_not_grow_with_the_lectures_and_quizzes(
    instructor_client, course, plates, make_lecture, django_assert_num_queries
):
    published_quiz(plates)
    # The session and the user; the course; its lectures with their counts; their
    # quizzes with theirs; the students counted; whether an LMS course is linked (its
    # roster and grades); the navigation's review count.
    with django_assert_num_queries(8):
        assert instructor_client.get(teach_url(course)).status_code == 200
    for number in range(8):
        lecture = make_lecture(notes_with(20).replace("Title: Big", f"Title: Big {number}"))
        published_quiz(lecture, f"Quiz {number}")
    with django_assert_num_queries(8):
        body = instructor_client.get(teach_url(course)).content.decode()
    assert body.count('class="card teach-lecture"') == 9


def test_the_page_links_to_each_weekly_tool(instructor_client, course):
    body = instructor_client.get(teach_url(course)).content.decode()
    for name in ("teach_import", "teach_reading_new", "assign", "announcements", "report"):
        assert f'href="{reverse(f"lectures:{name}", args=[course.slug])}"' in body, name


def test_the_dashboard_and_the_course_page_link_to_the_teaching_page(instructor_client, course):
    url = teach_url(course)
    assert f'href="{url}"' in instructor_client.get("/").content.decode()
    assert f'href="{url}"' in instructor_client.get(course.get_absolute_url()).content.decode()


def test_students_do_not_get_the_link(client, student, course):
    client.login(username=student.username, password=PASSWORD)
    assert teach_url(course) not in client.get(course.get_absolute_url()).content.decode()
    assert client.get(teach_url(course)).status_code == 404


# -- publishing --------------------------------------------------------------------------


@pytest.fixture
def draft(course, make_lecture):
    return make_lecture(
        SIMPLE_NOTES.replace("Plate Tectonics", "Rivers"), course=course.slug, draft=True
    )


def test_publishing_asks_first_saying_who_will_see_it(instructor_client, course, draft, make_user):
    for number in range(23):
        Enrolment.objects.create(course=course, user=make_user(f"learner{number}"))
    page = instructor_client.get(action_url("teach_publish", draft))
    assert page.status_code == 200
    assert "24 students of Geo will see “Rivers”." in page.content.decode()
    draft.refresh_from_db()
    assert not draft.published

    response = instructor_client.post(action_url("teach_publish", draft))
    assert response.status_code == 302
    assert response.url == f"{teach_url(course)}#lecture-{draft.pk}"
    assert messages_of(response) == ["Published “Rivers”: the 24 students of Geo can see it now."]
    draft.refresh_from_db()
    assert draft.published


def test_the_student_sees_a_published_lecture_and_not_a_withdrawn_one(
    instructor_client, student, course, draft
):
    learner = Client()
    learner.force_login(student)
    assert learner.get(draft.get_absolute_url()).status_code == 404
    instructor_client.post(action_url("teach_publish", draft))
    assert learner.get(draft.get_absolute_url()).status_code == 200

    page = instructor_client.get(action_url("teach_unpublish", draft)).content.decode()
    assert "1 student of Geo will no longer see “Rivers”." in page
    response = instructor_client.post(action_url("teach_unpublish", draft))
    assert messages_of(response) == [
        "Withdrew “Rivers”: the 1 student of Geo no longer sees it; what they did of it is kept."
    ]
    assert learner.get(draft.get_absolute_url()).status_code == 404


def test_publishing_twice_changes_nothing_and_says_so(instructor_client, course, plates):
    before = Lecture.objects.get(pk=plates.pk).updated
    page = instructor_client.get(action_url("teach_publish", plates)).content.decode()
    assert "is published already: there is nothing to do" in page
    response = instructor_client.post(action_url("teach_publish", plates))
    assert messages_of(response) == ["“Plate Tectonics” was already published: nothing changed."]
    assert Lecture.objects.get(pk=plates.pk).updated == before


def test_a_course_without_students_says_who_will_see_it(instructor_client, course, student, draft):
    Enrolment.objects.filter(course=course).delete()
    page = instructor_client.get(action_url("teach_publish", draft)).content.decode()
    assert "Nobody is enrolled in Geo yet: the students you enrol will see “Rivers”." in page


def test_another_courses_lecture_is_a_404(instructor_client, course, foreign_lecture):
    # The instructor's own course in the URL, another course's lecture slug.
    for name in ("teach_publish", "teach_unpublish", "teach_readings_from_lecture"):
        url = reverse(f"lectures:{name}", args=[course.slug, foreign_lecture.slug])
        assert instructor_client.get(url).status_code == 404
        assert instructor_client.post(url).status_code == 404
    url = reverse("lectures:teach_generate_quiz", args=[course.slug, foreign_lecture.slug])
    assert instructor_client.post(url).status_code == 404
    foreign_lecture.refresh_from_db()
    assert foreign_lecture.published and not Quiz.objects.exists()


def test_every_write_needs_its_csrf_token(instructor, course, draft):
    quiz = Quiz.objects.create(lecture=draft, title="Draft quiz")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(instructor)
    for url in (
        action_url("teach_publish", draft),
        action_url("teach_generate_quiz", draft),
        action_url("teach_readings_from_lecture", draft),
        reverse("lectures:teach_reading_new", args=[course.slug]),
        reverse("lectures:teach_import", args=[course.slug]),
        reverse("lectures:teach_import_confirm", args=[course.slug]),
        reverse("lectures:teach_quiz_dates", args=[course.slug, quiz.pk]),
    ):
        assert strict.post(url, {"title": "x", "url": "https://example.org"}).status_code == 403
    draft.refresh_from_db()
    assert not draft.published and list(Quiz.objects.all()) == [quiz]
    assert not course.readings.exists()


# -- drafting a quiz ---------------------------------------------------------------------


def test_generating_drafts_a_quiz_and_the_page_shows_it(instructor_client, course, plates):
    response = instructor_client.post(action_url("teach_generate_quiz", plates))
    assert response.status_code == 302
    quiz = Quiz.objects.get()
    assert quiz.generated and not quiz.published and quiz.lecture == plates
    n = quiz.questions.count()
    (message,) = messages_of(response)
    assert message.startswith(f"Drafted “{quiz.title}” from “Plate Tectonics”: {n} question")
    assert message.endswith("It is a draft, hidden from students, until you review and publish it.")
    body = instructor_client.get(teach_url(course)).content.decode()
    assert f"draft, {n} question{'' if n == 1 else 's'}," in body


def test_a_lecture_with_nothing_to_ask_gets_no_quiz_and_a_reason(
    instructor_client, course, make_lecture
):
    bare = make_lecture("Title: Bare\nNotes\nNothing here to ask about\n", course=course.slug)
    response = instructor_client.post(action_url("teach_generate_quiz", bare))
    (message,) = messages_of(response)
    assert message.startswith("No quiz drafted for “Bare”: ")
    assert not Quiz.objects.exists()


def test_generating_is_a_post(instructor_client, plates):
    assert instructor_client.get(action_url("teach_generate_quiz", plates)).status_code == 405


# -- publishing a quiz --------------------------------------------------------------------


def quiz_url(name: str, quiz) -> str:
    return reverse(f"lectures:{name}", args=[quiz.lecture.course.slug, quiz.pk])


def test_a_draft_quiz_is_published_after_saying_who_will_see_it(instructor_client, course, plates):
    quiz = Quiz.objects.create(lecture=plates, title="Plates quiz")
    add_question(
        quiz,
        Question.Kind.TRUE_FALSE,
        "Plates move?",
        [{"text": "True", "is_correct": True}, {"text": "False"}],
        needs_review="its bullet changed",
    )
    page = instructor_client.get(quiz_url("teach_quiz_publish", quiz)).content.decode()
    assert "1 student of Geo will see “Plates quiz” on “Plate Tectonics”." in page
    assert "1 question is flagged for review" in page
    quiz.refresh_from_db()
    assert not quiz.published

    response = instructor_client.post(quiz_url("teach_quiz_publish", quiz))
    assert messages_of(response) == ["Published “Plates quiz”: the 1 student of Geo can take it."]
    quiz.refresh_from_db()
    assert quiz.published

    response = instructor_client.post(quiz_url("teach_quiz_unpublish", quiz))
    # The first message was never shown (no page in between): both wait.
    assert messages_of(response)[-1] == (
        "Withdrew “Plates quiz”: students no longer see it; the attempts made stay."
    )
    quiz.refresh_from_db()
    assert not quiz.published


def test_a_quiz_nobody_can_get_right_is_not_published(instructor_client, course, plates):
    empty = Quiz.objects.create(lecture=plates, title="Empty quiz")
    broken = Quiz.objects.create(lecture=plates, title="Broken quiz")
    add_question(broken, Question.Kind.SINGLE, "Which?", [{"text": "A"}, {"text": "B"}])
    page = instructor_client.get(quiz_url("teach_quiz_publish", empty)).content.decode()
    assert "“Empty quiz” has no questions yet." in page and "Yes, publish it" not in page
    page = instructor_client.get(quiz_url("teach_quiz_publish", broken)).content.decode()
    assert "Question 1 (“Which?”):" in page and "Yes, publish it" not in page

    response = instructor_client.post(quiz_url("teach_quiz_publish", broken))
    (message,) = messages_of(response)
    assert message.startswith("“Broken quiz” was not published: Question 1 (“Which?”):")
    assert not Quiz.objects.filter(published=True).exists()


def test_another_courses_quiz_is_a_404(instructor_client, course, foreign_lecture):
    quiz = published_quiz(foreign_lecture)
    url = reverse("lectures:teach_quiz_unpublish", args=[course.slug, quiz.pk])
    assert instructor_client.post(url).status_code == 404
    quiz.refresh_from_db()
    assert quiz.published


# -- a quiz's dates -------------------------------------------------------------------------


def test_the_page_shows_each_quizs_due_date_and_the_way_to_set_it(
    instructor_client, course, plates
):
    quiz = published_quiz(plates)
    dates_url = quiz_url("teach_quiz_dates", quiz)
    body = instructor_client.get(teach_url(course)).content.decode()
    assert "no due date" in body and f'href="{dates_url}"' in body

    response = instructor_client.post(
        dates_url,
        {"opens_at": "2027-03-01T09:00", "due_at": "2027-03-05T09:30", "closes_at": ""},
    )
    assert response.status_code == 302 and response.url.endswith(f"#lecture-{plates.pk}")
    quiz.refresh_from_db()
    assert (quiz.opens_at.day, quiz.due_at.day, quiz.closes_at) == (1, 5, None)
    body = instructor_client.get(teach_url(course)).content.decode()
    assert 'due <time datetime="2027-03-05T09:30:00+00:00">5 Mar 2027, 09:30</time>' in body

    # Cleared again: every date is optional.
    instructor_client.post(dates_url, {"opens_at": "", "due_at": "", "closes_at": ""})
    quiz.refresh_from_db()
    assert (quiz.opens_at, quiz.due_at, quiz.closes_at) == (None, None, None)


def test_dates_out_of_order_or_out_of_range_are_refused_changing_nothing(instructor_client, plates):
    quiz = published_quiz(plates)
    url = quiz_url("teach_quiz_dates", quiz)
    for data, field in (
        ({"opens_at": "2027-03-06T09:00", "closes_at": "2027-03-05T09:00"}, "closes_at"),
        ({"due_at": "2027-03-09T09:00", "closes_at": "2027-03-05T09:00"}, "due_at"),
        ({"due_at": "9999-12-31T23:59"}, "due_at"),
        ({"due_at": "next Tuesday"}, "due_at"),
    ):
        response = instructor_client.post(url, data)
        assert response.status_code == 200, data
        assert response.context["form"].errors[field], data
        assert f'id="id_{field}_error"' in response.content.decode()
    quiz.refresh_from_db()
    assert (quiz.opens_at, quiz.due_at, quiz.closes_at) == (None, None, None)


def test_the_dates_page_takes_get_and_post_only(instructor_client, plates):
    quiz = published_quiz(plates)
    assert instructor_client.put(quiz_url("teach_quiz_dates", quiz)).status_code == 405


def test_the_publish_page_says_whether_the_quiz_is_due_and_mailed(
    instructor_client, course, plates
):
    quiz = published_quiz(plates)
    Quiz.objects.filter(pk=quiz.pk).update(published=False)
    quiz.questions.get().choices.create(text="False")
    page = instructor_client.get(quiz_url("teach_quiz_publish", quiz)).content.decode()
    assert "It has no due date:" in page and quiz_url("teach_quiz_dates", quiz) in page
    instructor_client.post(quiz_url("teach_quiz_dates", quiz), {"due_at": "2027-03-05T09:30"})
    page = instructor_client.get(quiz_url("teach_quiz_publish", quiz)).content.decode()
    assert "the students are mailed that it is theirs to do." in page


# -- every page's query budget ---------------------------------------------------------------

# After the session and the user (2), and before the navigation's review count (1).
BUDGETS = {
    # the lecture with access; the students counted
    "teach_publish": 2,
    # the quiz with access; the students counted; its questions and their choices
    # (what stops it from being published); those flagged for review counted
    "teach_quiz_publish": 5,
    # the quiz with access
    "teach_quiz_dates": 1,
    # the course with access; whether it has students; the lectures offered
    "teach_import": 3,
    # the course with access; the lectures offered; every section's title, once
    "teach_reading_new": 3,
    # the lecture with access; the readings made of it; its items without one; its
    # items and sections offered, each looked for and listed
    "teach_readings_from_lecture": 7,
}


def budget_url(name: str, lecture, quiz) -> str:
    if name in ("teach_quiz_publish", "teach_quiz_dates"):
        return quiz_url(name, quiz)
    if name in ("teach_import", "teach_reading_new"):
        return reverse(f"lectures:{name}", args=[lecture.course.slug])
    return action_url(name, lecture)


@pytest.mark.parametrize("name", BUDGETS)
def test_each_page_keeps_its_query_budget_as_the_course_grows(
    name, instructor_client, course, plates, make_lecture, django_assert_max_num_queries
):
    quiz = published_quiz(plates)
    url = budget_url(name, plates, quiz)
    with django_assert_max_num_queries(2 + BUDGETS[name] + 1):
        assert instructor_client.get(url).status_code == 200
    for number in range(5):
        make_lecture(notes_with(20).replace("Title: Big", f"Title: Big {number}"))
    with django_assert_max_num_queries(2 + BUDGETS[name] + 1):
        assert instructor_client.get(url).status_code == 200
