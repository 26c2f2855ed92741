"""A quiz's dates: when it opens, closes and is due. Outside them a student starts
nothing and saves nothing, with a message saying why; an attempt in progress when
the quiz closes is graded on what was saved before; students see the dates on the
quiz and the lecture; the instructor sets them in the admin, in order and in range."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from lectures.models import Enrolment
from quizzes import services
from quizzes.forms import token
from quizzes.models import Answer, Attempt, Quiz
from tests.helpers import PASSWORD, change_form_data

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def start_url(quiz) -> str:
    lecture = quiz.lecture
    return reverse("quizzes:quiz_start", args=[lecture.course.slug, lecture.slug, quiz.pk])


def answer_url(attempt, number) -> str:
    return reverse("quizzes:attempt_answer", args=[attempt.pk, number])


def right_answer(quiz, attempt) -> dict[str, str]:
    """The first question's right choice, as the answer form posts it."""
    question = quiz.questions.get(position=0)
    right = question.choices.get(is_correct=True)
    return {f"q{question.pk}": token(attempt, right.pk)}


def dated(quiz, **dates) -> Quiz:
    Quiz.objects.filter(pk=quiz.pk).update(**dates)
    quiz.refresh_from_db()
    return quiz


# -- in order, in range ----------------------------------------------------------


@pytest.mark.parametrize(
    ("dates", "field", "words"),
    [
        ({"opens_at": NOW, "closes_at": NOW}, "closes_at", "Close the quiz after it opens"),
        (
            {"opens_at": NOW, "due_at": NOW - timedelta(hours=1)},
            "due_at",
            "Make it due after the quiz opens",
        ),
        (
            {"closes_at": NOW, "due_at": NOW + timedelta(minutes=1)},
            "due_at",
            "Make it due by the time the quiz closes (10 Mar 2026, 12:00)",
        ),
        ({"due_at": datetime(9999, 12, 31, 23, 59, tzinfo=UTC)}, "due_at", "between 1970 and"),
        ({"opens_at": datetime(1, 1, 1, tzinfo=UTC)}, "opens_at", "between 1970 and 2199"),
    ],
)
def test_dates_out_of_order_or_range_are_refused_on_the_field(quiz, dates, field, words):
    for name, value in dates.items():
        setattr(quiz, name, value)
    with pytest.raises(ValidationError) as refused:
        quiz.full_clean()
    assert words in " ".join(refused.value.message_dict[field])


def test_dates_in_order_are_accepted_and_due_may_be_the_closing(quiz):
    dated(quiz)
    quiz.opens_at, quiz.due_at, quiz.closes_at = NOW, NOW + timedelta(days=7), NOW + timedelta(7)
    quiz.full_clean()
    quiz.save()


@pytest.mark.parametrize(
    "dates",
    [
        {"opens_at": NOW, "closes_at": NOW - timedelta(days=1)},
        {"opens_at": NOW, "due_at": NOW - timedelta(days=1)},
        {"closes_at": NOW, "due_at": NOW + timedelta(days=1)},
    ],
)
def test_the_database_refuses_dates_out_of_order(quiz, dates):
    with pytest.raises(IntegrityError), transaction.atomic():
        Quiz.objects.filter(pk=quiz.pk).update(**dates)


def test_admin_quiz_form_sets_the_dates_and_names_what_is_wrong(instructor_client, quiz, settings):
    # Far from UTC, a date at the end of the calendar is past the database's range
    # (issue 18): a message, not a 500, and nothing saved.
    settings.TIME_ZONE = "America/Los_Angeles"
    url = reverse("admin:quizzes_quiz_change", args=[quiz.pk])
    page = instructor_client.get(url)
    body = page.content.decode()
    for name in ("opens_at", "closes_at", "due_at"):
        assert f'name="{name}_0"' in body
    data = change_form_data(page)
    data |= {"opens_at_0": "2026-03-10", "opens_at_1": "09:00"}
    data |= {"closes_at_0": "2026-03-09", "closes_at_1": "09:00"}
    data |= {"due_at_0": "9999-12-31", "due_at_1": "23:59"}
    response = instructor_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["due_at"] == ["Enter a date between 1970 and 2199."]
    data |= {"due_at_0": "2026-03-12", "due_at_1": "17:00"}
    response = instructor_client.post(url, data)
    assert response.context["adminform"].form.errors["closes_at"] == [
        "Close the quiz after it opens (10 Mar 2026, 09:00)."
    ]
    quiz.refresh_from_db()
    assert (quiz.opens_at, quiz.closes_at, quiz.due_at) == (None, None, None)
    data |= {"closes_at_0": "2026-03-14", "closes_at_1": "09:00"}
    assert instructor_client.post(url, data).status_code == 302
    quiz.refresh_from_db()
    assert quiz.due_at == datetime(2026, 3, 13, 0, 0, tzinfo=UTC)  # 17:00 in Los Angeles


# -- before it opens, after it closes ---------------------------------------------


def test_a_quiz_not_yet_open_shows_when_and_refuses_a_start(student_client, quiz, time_machine):
    time_machine.move_to(NOW)
    dated(quiz, opens_at=NOW + timedelta(days=1), due_at=NOW + timedelta(days=3))
    page = student_client.get(quiz.get_absolute_url()).content.decode()
    assert "<dt>Opens</dt>" in page and "11 Mar 2026, 12:00" in page
    assert "<dt>Due</dt>" in page and "13 Mar 2026, 12:00" in page
    assert "This quiz opens on 11 Mar 2026, 12:00: you can start it then." in page
    assert "Start the quiz" not in page
    # A start posted anyway (an old page, another tab) changes nothing and says why.
    response = student_client.post(start_url(quiz), follow=True)
    assert "This quiz opens on 11 Mar 2026, 12:00" in response.content.decode()
    assert not Attempt.objects.exists()
    time_machine.move_to(NOW + timedelta(days=1))
    assert student_client.post(start_url(quiz)).status_code == 302
    assert Attempt.objects.count() == 1


def test_a_closed_quiz_refuses_a_start(student_client, quiz, time_machine):
    time_machine.move_to(NOW)
    dated(quiz, closes_at=NOW - timedelta(minutes=1))
    page = student_client.get(quiz.get_absolute_url()).content.decode()
    assert "<dt>Closed</dt>" in page
    assert "This quiz closed on 10 Mar 2026, 11:59: it takes no new attempts." in page
    response = student_client.post(start_url(quiz), follow=True)
    assert "it takes no new attempts" in response.content.decode()
    assert not Attempt.objects.exists()


def test_its_teachers_may_try_it_outside_its_dates(instructor_client, instructor, quiz):
    dated(quiz, opens_at=NOW + timedelta(days=3650))
    page = instructor_client.get(quiz.get_absolute_url()).content.decode()
    assert "Start the quiz" in page
    assert instructor_client.post(start_url(quiz)).status_code == 302
    dated(quiz, opens_at=None, closes_at=NOW - timedelta(days=3650))
    attempt = Attempt.objects.get(user=instructor)
    # The closing came before this attempt started: it does not end it.
    assert attempt.ends_at is None and not attempt.time_is_up()


def test_an_attempt_in_progress_when_the_quiz_closes_keeps_what_was_saved(student_client, quiz):
    with time_machine.travel(NOW, tick=False) as traveller:
        dated(quiz, closes_at=NOW + timedelta(hours=1))
        student_client.post(start_url(quiz))
        attempt = Attempt.objects.get()
        page = student_client.get(attempt.get_absolute_url()).content.decode()
        assert "The quiz closes at" in page and "(about 60 minutes left" in page
        student_client.post(answer_url(attempt, 1), right_answer(quiz, attempt))
        traveller.shift(timedelta(hours=1, minutes=5))
        # An answer after the closing is refused, with what happens to the others.
        question = quiz.questions.get(position=2)
        true = question.choices.get(text="True")
        late = {f"q{question.pk}": token(attempt, true.pk)}
        response = student_client.post(answer_url(attempt, 3), late, headers=HTMX)
        assert response.status_code == 204
        assert response["HX-Redirect"] == attempt.get_absolute_url()
        review = student_client.get(response["HX-Redirect"]).content.decode()
    assert "This quiz closed on 10 Mar 2026, 13:00: answers can no longer be saved." in review
    assert "The answers you saved before then are kept and graded." in review
    assert "when the quiz closed: the answers saved before then were graded" in review
    attempt.refresh_from_db()
    assert attempt.late and attempt.submitted_at == NOW + timedelta(hours=1)
    assert attempt.score == 1  # the answer saved before the closing, not the one after
    assert not Answer.objects.filter(attempt=attempt, question=question).exclude(response={})


def test_submitting_after_the_closing_grades_what_was_saved(student_client, student, quiz):
    with time_machine.travel(NOW, tick=False) as traveller:
        dated(quiz, closes_at=NOW + timedelta(minutes=30))
        attempt = services.attempt_start(quiz=quiz, user=student)
        student_client.post(answer_url(attempt, 1), right_answer(quiz, attempt))
        traveller.shift(timedelta(minutes=31))
        submit = reverse("quizzes:attempt_submit", args=[attempt.pk])
        response = student_client.post(submit, follow=True)
    assert "The quiz closed before you submitted" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.late and attempt.score == 1


def test_an_attempt_begun_before_the_opening_was_moved_later_waits_for_it(
    student_client, student, quiz
):
    with time_machine.travel(NOW, tick=False):
        attempt = services.attempt_start(quiz=quiz, user=student)
        dated(quiz, opens_at=NOW + timedelta(days=1))
        response = student_client.post(
            answer_url(attempt, 1), right_answer(quiz, attempt), follow=True
        )
    body = response.content.decode()
    assert "This quiz opens on 11 Mar 2026, 12:00: answers can be saved from then." in body
    assert not attempt.answers.exists()


def test_a_time_limit_ending_before_the_closing_is_still_the_time_limit(
    student_client, student, quiz
):
    with time_machine.travel(NOW, tick=False):
        dated(quiz, closes_at=NOW + timedelta(hours=2), time_limit=timedelta(minutes=10))
        attempt = services.attempt_start(quiz=quiz, user=student)
        assert attempt.ends_at == NOW + timedelta(minutes=10)
        assert not attempt.ended_by_closing
        dated(quiz, closes_at=NOW + timedelta(minutes=5))  # the instructor brings it forward
        attempt = Attempt.objects.select_related("quiz").get(pk=attempt.pk)
        assert attempt.ends_at == NOW + timedelta(minutes=5) and attempt.ended_by_closing


# -- where students see the dates ---------------------------------------------------


def test_the_lecture_page_shows_each_quizs_dates(student_client, quiz, time_machine):
    time_machine.move_to(NOW)
    dated(quiz, due_at=NOW - timedelta(days=1), closes_at=NOW + timedelta(days=2))
    lecture = quiz.lecture
    upcoming = Quiz.objects.create(
        lecture=lecture, title="Next week quiz", published=True, opens_at=NOW + timedelta(7)
    )
    body = student_client.get(lecture.get_absolute_url()).content.decode()
    assert "<strong>Overdue:</strong> was due" in body and "9 Mar 2026, 12:00" in body
    assert "· closes" in body and "12 Mar 2026, 12:00" in body
    assert f"{upcoming.title}</a>" in body and "· opens" in body and "17 Mar 2026, 12:00" in body


def test_a_submitted_attempt_is_not_overdue(client, student, quiz, time_machine):
    time_machine.move_to(NOW)
    dated(quiz, due_at=NOW - timedelta(days=1))
    attempt = services.attempt_start(quiz=quiz, user=student)
    services.attempt_submit(attempt=attempt)
    client.login(username=student.username, password=PASSWORD)
    body = client.get(quiz.lecture.get_absolute_url()).content.decode()
    assert "Overdue" not in body and "· due" in body
    assert "Overdue" not in client.get(quiz.get_absolute_url()).content.decode()


def test_other_students_see_their_own_overdue(quiz, other_student, course, time_machine):
    time_machine.move_to(NOW)
    dated(quiz, due_at=NOW - timedelta(days=1))
    Enrolment.objects.create(course=course, user=other_student)
    other = Client()
    other.force_login(other_student)
    assert (
        '<strong class="overdue">Overdue</strong>'
        in other.get(quiz.get_absolute_url()).content.decode()
    )
