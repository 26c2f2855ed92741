"""A dated quiz is work given to the course's students: publishing it (or dating a
published one) mails each of them once, after the commit, on the teaching page, in
the admin and from a shell alike; `send_reminders` reminds those who have not
submitted an attempt when it is due within a day and once it is overdue."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lectures.content.editing import lecture_set_published
from lectures.mail.preferences import preferences_save
from lectures.models import Enrolment, Reading, Reminder
from lectures.teaching.assignments import assignment_save
from quizzes.models import Quiz
from quizzes.publishing import quiz_set_dates, quiz_set_published
from quizzes.services import attempt_start, attempt_submit
from tests.helpers import PASSWORD, Kind, add_question, change_form_data, post_lecture_change

pytestmark = pytest.mark.django_db

SITE = "https://courses.example.org"
DUE = datetime(2027, 3, 5, 9, 30, tzinfo=UTC)


@pytest.fixture
def classmates(course, other_student, make_user):
    """`student` and `other_student` study the course; `opted_out` turned reminders off."""
    opted_out = make_user("opted_out")
    for user in (other_student, opted_out):
        Enrolment.objects.create(course=course, user=user)
    preferences_save(user=opted_out, reminders=False, announcements=True)
    return opted_out


def make_quiz(course, *, due_at=DUE, published=False, **fields) -> Quiz:
    quiz = Quiz.objects.create(
        lecture=course.lectures.get(),
        title="Plates quiz",
        published=published,
        due_at=due_at,
        **fields,
    )
    add_question(
        quiz,
        Kind.TRUE_FALSE,
        "Continents drift.",
        [{"text": "True", "is_correct": True}, {"text": "False"}],
    )
    return quiz


def recipients() -> list[str]:
    return sorted(message.to[0] for message in mail.outbox)


def test_publishing_a_dated_quiz_mails_its_students_once(
    instructor_client, course, classmates, task_queue, django_capture_on_commit_callbacks
):
    quiz = make_quiz(course)
    url = reverse("lectures:teach_quiz_publish", args=[course.slug, quiz.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = instructor_client.post(url)
    assert response.status_code == 302
    # Queued, not sent: the request never waits for the mail server.
    assert task_queue.names() == ["send_mail_task"] and mail.outbox == []
    task_queue.run()
    # The instructor is no student; the student who turned reminders off is left out.
    assert recipients() == ["other_student@example.com", "student@example.com"]
    message = mail.outbox[0]
    assert message.subject == "New in Geo: Plates quiz"
    assert "Due: Friday 5 Mar 2027, 09:30 UTC" in message.body
    assert f"Open it here: http://testserver{quiz.get_absolute_url()}" in message.body

    # Withdrawn and published again, or given another date: nobody is mailed twice.
    unpublish = reverse("lectures:teach_quiz_unpublish", args=[course.slug, quiz.pk])
    with django_capture_on_commit_callbacks(execute=True):
        instructor_client.post(unpublish)
        instructor_client.post(url)
        quiz_set_dates(quiz=quiz, opens_at=None, due_at=DUE + timedelta(days=1), closes_at=None)
    assert task_queue.run() == 0 and len(mail.outbox) == 2


def test_a_quiz_without_a_due_date_or_on_a_draft_lecture_mails_nobody_yet(
    course, classmates, django_capture_on_commit_callbacks
):
    undated = make_quiz(course, due_at=None)
    lecture = undated.lecture
    with django_capture_on_commit_callbacks(execute=True):
        quiz_set_published(quiz=undated, published=True, site_url=SITE)
    assert mail.outbox == []

    # Dated on a draft lecture: the students cannot see it, so they are not told...
    lecture_set_published(lecture=lecture, published=False)
    with django_capture_on_commit_callbacks(execute=True):
        quiz_set_dates(quiz=undated, opens_at=None, due_at=DUE, closes_at=None, site_url=SITE)
    assert mail.outbox == []
    # ...until the lecture is published.
    with django_capture_on_commit_callbacks(execute=True):
        lecture_set_published(lecture=lecture, published=True, site_url=SITE)
    assert recipients() == ["other_student@example.com", "student@example.com"]


def test_dating_a_published_quiz_on_the_teaching_page_mails_its_students(
    instructor_client, course, classmates, django_capture_on_commit_callbacks
):
    quiz = make_quiz(course, due_at=None, published=True)
    url = reverse("lectures:teach_quiz_dates", args=[course.slug, quiz.pk])
    page = instructor_client.get(url)
    assert "giving it a due date mails the course’s students" in page.content.decode()

    # Dates out of order change nothing and mail nobody, with the reason on the field.
    with django_capture_on_commit_callbacks(execute=True):
        refused = instructor_client.post(
            url, {"opens_at": "2027-03-06T09:00", "due_at": "2027-03-05T09:30"}
        )
    assert refused.status_code == 200 and refused.context["form"].errors["due_at"]
    quiz.refresh_from_db()
    assert quiz.due_at is None and mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = instructor_client.post(url, {"due_at": "2027-03-05T09:30"}, follow=True)
    quiz.refresh_from_db()
    assert quiz.due_at == DUE
    shown = [str(message) for message in response.context["messages"]]
    assert shown == [
        "Saved the dates of “Plates quiz”: due 5 Mar 2027, 09:30. "
        "2 students were mailed that it is theirs to do."
    ]
    assert recipients() == ["other_student@example.com", "student@example.com"]


def test_dating_a_published_quiz_in_the_admin_mails_its_students(
    client, instructor, course, classmates, django_capture_on_commit_callbacks
):
    quiz = make_quiz(course, due_at=None, published=True)
    client.login(username=instructor.username, password=PASSWORD)
    url = reverse("admin:quizzes_quiz_change", args=[quiz.pk])
    data = change_form_data(client.get(url))
    data.update({"due_at_0": "2027-03-05", "due_at_1": "09:30:00"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert recipients() == ["other_student@example.com", "student@example.com"]
    assert "http://testserver/courses/geo/" in mail.outbox[0].body


def test_publishing_the_lecture_in_the_admin_mails_its_dated_quizzes(
    client, instructor, course, classmates, django_capture_on_commit_callbacks
):
    quiz = make_quiz(course, published=True)
    lecture = quiz.lecture
    lecture_set_published(lecture=lecture, published=False)
    client.login(username=instructor.username, password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        post_lecture_change(client, lecture, lambda data: data.update(published="on"))
        # Saved again, published still: nobody is told twice.
        post_lecture_change(client, lecture, lambda data: None)
    assert recipients() == ["other_student@example.com", "student@example.com"]


def test_nothing_is_mailed_when_publishing_rolls_back(
    course, classmates, django_capture_on_commit_callbacks
):
    quiz = make_quiz(course)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        quiz_set_published(quiz=quiz, published=True, site_url=SITE)
        transaction.set_rollback(True)
    quiz.refresh_from_db()
    assert mail.outbox == [] and not quiz.published and not Reminder.objects.exists()


# -- reminders ----------------------------------------------------------------------


@pytest.fixture
def start(time_machine):
    time_machine.move_to("2027-03-01 08:00Z", tick=False)
    return timezone.now()


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def run() -> str:
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_reminders", "--site-url", SITE, stdout=out)
        return out.getvalue()

    return run


def submit(quiz: Quiz, user) -> None:
    attempt_submit(attempt=attempt_start(quiz=quiz, user=user))


def test_quiz_reminders_go_once_each_to_students_who_have_not_submitted(
    course, student, other_student, classmates, start, send, time_machine
):
    quiz = make_quiz(course, due_at=start + timedelta(hours=6), published=True)
    submit(quiz, other_student)

    assert send() == "Reminders queued for 1 student: 1 due soon, 0 overdue.\n"
    # Run again at the same moment (cron twice, or two servers): nothing more.
    assert send() == "Reminders queued for 0 students: 0 due soon, 0 overdue.\n"
    (soon,) = mail.outbox
    assert soon.to == [student.email] and soon.subject == "Due soon: Plates quiz"
    assert f"{SITE}{quiz.get_absolute_url()}" in soon.body

    # A day on, it is overdue for the student still without a submitted attempt.
    time_machine.move_to(start + timedelta(days=1), tick=False)
    send()
    send()
    assert [(m.to, m.subject) for m in mail.outbox[1:]] == [
        ([student.email], "Overdue: Plates quiz")
    ]
    kinds = Reminder.objects.filter(user=student, what=f"quizzes.quiz:{quiz.pk}")
    assert sorted(kinds.values_list("kind", flat=True)) == ["due_soon", "overdue"]


def test_no_quiz_reminders_for_drafts_closed_quizzes_or_unpublished_lectures(
    course, student, start, send
):
    make_quiz(course, due_at=start + timedelta(hours=6), published=False)
    # Overdue and closed: nothing a student can do about it any more.
    make_quiz(
        course,
        due_at=start - timedelta(hours=3),
        closes_at=start - timedelta(hours=1),
        published=True,
    )
    assert send() == "Reminders queued for 0 students: 0 due soon, 0 overdue.\n"
    published = make_quiz(course, due_at=start + timedelta(hours=6), published=True)
    lecture_set_published(lecture=published.lecture, published=False)
    send()
    assert mail.outbox == []


def test_a_quiz_and_a_reading_due_come_in_one_mail(course, student, start, send):
    reading = Reading.objects.create(course=course, title="Chapter 3", url="https://e.org/3")
    assignment_save(
        readings=[reading],
        students=[student],
        cohorts=[],
        due_at=start + timedelta(hours=2),
        note="",
        assigned_by=None,
        site_url=SITE,
    )
    make_quiz(course, due_at=start - timedelta(hours=2), published=True)
    mail.outbox.clear()
    assert send() == "Reminders queued for 1 student: 1 due soon, 1 overdue.\n"
    (message,) = mail.outbox
    assert message.subject == "Reminder: 1 due soon, 1 overdue"
    assert "- Chapter 3 (Geo): due" in message.body
    assert "- Plates quiz (Geo): was due" in message.body
