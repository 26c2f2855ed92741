"""Assigning a reading mails the students it reaches: once each, after the commit."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.db import transaction

from lectures.mail.notices import work_assigned
from lectures.mail.preferences import preferences_save
from lectures.models import Cohort, Enrolment, Reading, ReadingAssignment
from lectures.teaching.assignments import assignment_save, assignment_withdraw
from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db

SITE = "https://courses.example.org"
DUE = datetime(2027, 3, 5, 9, 30, tzinfo=UTC)


@pytest.fixture
def reading(course):
    return Reading.objects.create(course=course, title="Fossil evidence", url="https://e.org/f")


@pytest.fixture
def cohort(course, student, other_student):
    Enrolment.objects.create(course=course, user=other_student)
    cohort = Cohort.objects.create(course=course, name="Mornings")
    cohort.members.add(student, other_student)
    return cohort


@pytest.fixture
def assign(django_capture_on_commit_callbacks, instructor):
    def run(reading, *, students=(), cohorts=(), due_at=DUE, note=""):
        with django_capture_on_commit_callbacks(execute=True):
            return assignment_save(
                readings=[reading],
                students=list(students),
                cohorts=list(cohorts),
                due_at=due_at,
                note=note,
                assigned_by=instructor,
                site_url=SITE,
            )

    return run


def recipients() -> list[str]:
    return sorted(message.to[0] for message in mail.outbox)


def test_each_student_reached_is_mailed_once(assign, reading, student, cohort):
    # Directly and through the cohort: the student still gets one mail.
    assign(reading, students=[student], cohorts=[cohort], note="Before the seminar.")
    assert recipients() == ["other_student@example.com", "student@example.com"]
    message = mail.outbox[0]
    assert message.subject == "New in Geo: Fossil evidence"
    assert "Fossil evidence\nDue: Friday 5 Mar 2027, 09:30 UTC" in message.body
    assert "Before the seminar." in message.body
    assert f"Open it here: {SITE}/#reading-{reading.pk}" in message.body
    # A new due date, or withdrawing and assigning again, mails nobody a second time.
    assign(reading, students=[student], due_at=None)
    assignment_withdraw(assignment=ReadingAssignment.objects.get(student=student))
    assign(reading, students=[student])
    assert len(mail.outbox) == 2


def test_students_who_turned_reminders_off_are_not_mailed(assign, reading, student, cohort):
    preferences_save(user=student, reminders=False, announcements=True)
    assign(reading, cohorts=[cohort])
    assert recipients() == ["other_student@example.com"]


def test_nothing_is_mailed_when_the_assignment_rolls_back(
    reading, student, instructor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        assignment_save(
            readings=[reading],
            students=[student],
            cohorts=[],
            due_at=DUE,
            note="",
            assigned_by=instructor,
            site_url=SITE,
        )
        transaction.set_rollback(True)
    assert mail.outbox == [] and not ReadingAssignment.objects.exists()


def test_the_assign_page_mails_with_the_sites_address(
    instructor_client, course, reading, student, task_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = instructor_client.post(
            f"/courses/{course.slug}/assign/",
            {"readings": [reading.pk], "students": [student.pk], "due_at": "2027-03-05T09:30"},
        )
    assert response.status_code == 302
    # Queued, not sent: the request never waits for the mail server.
    assert task_queue.names() == ["send_mail_task"] and mail.outbox == []
    task_queue.run()
    assert f"http://testserver/#reading-{reading.pk}" in mail.outbox[0].body


def test_the_admin_mails_a_new_assignment(
    client, course, reading, student, instructor, django_capture_on_commit_callbacks
):
    client.login(username=instructor.username, password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/lectures/readingassignment/add/",
            {"reading": reading.pk, "student": student.pk, "note": ""},
        )
    assert response.status_code == 302
    assert recipients() == ["student@example.com"]


def test_work_assigned_takes_any_work_the_students_it_reaches(
    course, student, other_student, django_capture_on_commit_callbacks
):
    """The hook a dated quiz calls: any model instance, and the students it reaches;
    only the course's students are mailed."""
    with django_capture_on_commit_callbacks(execute=True):
        told = work_assigned(
            work=course,  # any model instance names the work
            title="Quiz 1",
            course=course,
            due_at=None,
            path="/courses/geo/",
            students=[student.pk, other_student],  # other_student is not enrolled
            site_url=SITE,
        )
    assert told == 1 and recipients() == ["student@example.com"]
    assert "Due:" not in mail.outbox[0].body
