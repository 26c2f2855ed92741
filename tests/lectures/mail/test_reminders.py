"""`manage.py send_reminders`: what is due within a day and what became overdue,
one mail per student and run, each reminder once however often it runs."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from lectures.mail.notices import reminders_send
from lectures.mail.preferences import preferences_save
from lectures.models import Cohort, Enrolment, Reading, Reminder
from lectures.study.readings import reading_set_done
from lectures.teaching.assignments import assignment_change, assignment_save

pytestmark = pytest.mark.django_db

SITE = "https://courses.example.org"


@pytest.fixture
def start(time_machine):
    time_machine.move_to("2027-03-01 08:00Z", tick=False)
    return timezone.now()


def reading(course, title: str) -> Reading:
    return Reading.objects.create(course=course, title=title, url=f"https://example.com/{title}")


def assign(work: Reading, due_at, *, students=(), cohorts=()):
    assignment_save(
        readings=[work],
        students=list(students),
        cohorts=list(cohorts),
        due_at=due_at,
        note="",
        assigned_by=None,
        site_url=SITE,
    )


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the command as cron would; its mail goes when its transaction commits."""

    def run() -> str:
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_reminders", "--site-url", SITE, stdout=out)
        return out.getvalue()

    return run


def mails_to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def test_each_reminder_is_mailed_once_however_often_the_command_runs(
    course, student, other_student, start, send, time_machine
):
    Enrolment.objects.create(course=course, user=other_student)
    soon = reading(course, "Chapter 3")
    late = reading(course, "Chapter 2")
    later = reading(course, "Chapter 9")
    assign(soon, start + timedelta(hours=10), students=[student, other_student])
    assign(late, start - timedelta(hours=3), students=[student])
    assign(later, start + timedelta(days=3), students=[student])

    out = send()
    assert out == "Reminders queued for 2 students: 2 due soon, 1 overdue.\n"
    (first,) = mails_to(student)
    assert first.subject == "Reminder: 1 due soon, 1 overdue"
    due = "Due within a day:\n\n- Chapter 3 (Geo): due Monday 1 Mar 2027, 18:00 UTC"
    assert due in first.body
    assert "Overdue, not done yet:\n\n- Chapter 2 (Geo): was due" in first.body
    assert f"{SITE}/#reading-{soon.pk}" in first.body
    assert "Chapter 9" not in first.body  # due in three days: not yet
    assert f"{SITE}/accounts/preferences/" in first.body
    (theirs,) = mails_to(other_student)
    assert theirs.subject == "Due soon: Chapter 3"

    # The same moment again (cron twice, or two servers): nothing more.
    assert send() == "Reminders queued for 0 students: 0 due soon, 0 overdue.\n"
    assert len(mail.outbox) == 2

    # A day later Chapter 3 is overdue for the student who has not done it, and
    # Chapter 9 is still two days off; each of these mails goes once too.
    reading_set_done(user=other_student, reading=soon, done=True)
    time_machine.move_to(start + timedelta(days=1), tick=False)
    send()
    send()
    assert [m.subject for m in mails_to(student)] == [first.subject, "Overdue: Chapter 3"]
    assert mails_to(other_student) == [theirs]
    # Recorded: Chapter 3 due soon and overdue, Chapter 2 overdue (beside "assigned").
    reminded = Reminder.objects.filter(user=student).exclude(kind=Reminder.Kind.ASSIGNED)
    assert reminded.count() == 3


def test_no_reminders_for_students_who_turned_them_off_or_left(
    course, student, other_student, start, send
):
    Enrolment.objects.create(course=course, user=other_student)
    work = reading(course, "Chapter 3")
    assign(work, start + timedelta(hours=2), students=[student, other_student])
    preferences_save(user=student, reminders=False, announcements=True)
    Enrolment.objects.filter(course=course, user=other_student).delete()
    send()
    assert mail.outbox == []
    # Turning reminders back on, before the work is due, brings the reminder back.
    preferences_save(user=student, reminders=True, announcements=True)
    send()
    assert [message.to for message in mail.outbox] == [[student.email]]


def test_done_work_and_work_long_overdue_are_left_alone(course, student, start, send):
    done = reading(course, "Done")
    ancient = reading(course, "Ancient")
    assign(done, start + timedelta(hours=2), students=[student])
    assign(ancient, start - timedelta(days=30), students=[student])
    reading_set_done(user=student, reading=done, done=True)
    send()
    assert mail.outbox == []


def test_a_moved_due_date_is_reminded_of_again(course, student, start, send, time_machine):
    work = reading(course, "Chapter 3")
    assign(work, start + timedelta(hours=2), students=[student])
    send()
    # The instructor gives another two days; the reminder comes again a day before.
    assignment = work.assignments.get()
    assignment_change(assignment=assignment, due_at=start + timedelta(days=2), note="")
    send()
    assert len(mail.outbox) == 1
    time_machine.move_to(start + timedelta(days=1, hours=1), tick=False)
    send()
    assert [message.subject for message in mail.outbox] == ["Due soon: Chapter 3"] * 2


def test_a_cohorts_due_date_reaches_its_members(course, student, start, send):
    cohort = Cohort.objects.create(course=course, name="Mornings")
    cohort.members.add(student)
    assign(reading(course, "Chapter 3"), start + timedelta(hours=5), cohorts=[cohort])
    send()
    assert [message.to for message in mail.outbox] == [[student.email]]


def test_the_queries_do_not_grow_with_the_students(
    course, make_user, start, django_assert_num_queries, django_capture_on_commit_callbacks
):
    def run(n: int) -> None:
        students = [make_user(f"s{n}-{i}") for i in range(n)]
        Enrolment.objects.bulk_create(Enrolment(course=course, user=s) for s in students)
        assign(reading(course, f"Reading {n}"), start + timedelta(hours=3), students=students)
        # Savepoint and release (twice: the command's and the record's); the
        # readings due; the quizzes due; the reminders sent; their insert; the readers'
        # chosen languages.
        with (
            django_assert_num_queries(9),
            django_capture_on_commit_callbacks(execute=False),
        ):
            assert reminders_send(now=start, site_url=SITE).students == n

    run(2)
    run(40)


def test_the_command_needs_the_sites_address(settings):
    settings.SITE_URL = ""
    with pytest.raises(CommandError, match="DJANGO_SITE_URL") as raised:
        call_command("send_reminders")
    assert raised.value.returncode == 2
