"""A date an instructor types stays within 1970-2199 (coursesite.bounds), whatever the
site's time zone: a due date of 9999-12-31 23:59 in New York is a year-10000 instant
in UTC, and 0001-01-01 in Tokyo one in year 0, which PostgreSQL stores and Python
cannot read back (every page showing it failed), or SQLite cannot store (the save
failed). The site's forms and the admin refuse them with a form error, the database
with a check constraint, and nothing is written."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from lectures.models import Enrolment, Reading, ReadingAssignment

pytestmark = pytest.mark.django_db

MESSAGE = "Enter a date between 1970 and 2199."
DUE = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

# (the site's time zone, what the instructor types): each end of Python's range in a
# zone that pushes it past that end in UTC, and just outside the sane range.
OUT_OF_RANGE = [
    ("America/New_York", "9999-12-31", "23:59"),
    ("Asia/Tokyo", "0001-01-01", "00:00"),
    ("Pacific/Kiritimati", "0001-01-01", "00:00"),
    ("Europe/Paris", "2200-01-01", "01:00"),
    ("Europe/Paris", "1969-12-31", "12:00"),
]


@pytest.fixture
def reading(course):
    return Reading.objects.create(course=course, title="Fossils", lecture=course.lectures.get())


@pytest.fixture
def assigned(reading, student, instructor):
    return ReadingAssignment.objects.create(
        reading=reading, student=student, assigned_by=instructor, due_at=DUE
    )


@pytest.mark.parametrize(("zone", "day", "time"), OUT_OF_RANGE)
def test_the_assign_page_refuses_a_date_out_of_range(
    instructor_client, course, reading, student, settings, zone, day, time
):
    settings.TIME_ZONE = zone
    data = {"readings": [reading.pk], "students": [student.pk], "due_at": f"{day}T{time}"}
    response = instructor_client.post(reverse("lectures:assign", args=[course.slug]), data)
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not ReadingAssignment.objects.exists()


@pytest.mark.parametrize(("zone", "day", "time"), OUT_OF_RANGE)
def test_the_assignment_edit_page_refuses_a_date_out_of_range(
    instructor_client, course, assigned, settings, zone, day, time
):
    settings.TIME_ZONE = zone
    url = reverse("lectures:assignment_edit", args=[course.slug, assigned.pk])
    response = instructor_client.post(url, {"due_at": f"{day} {time}", "note": "x"})
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assigned.refresh_from_db()
    assert (assigned.due_at, assigned.note) == (DUE, "")
    # The pages that show the assignment still answer.
    assert instructor_client.get(reverse("lectures:assign", args=[course.slug])).status_code == 200


@pytest.mark.parametrize(("zone", "day", "time"), OUT_OF_RANGE)
def test_the_admin_refuses_a_due_date_out_of_range(
    instructor_client, assigned, settings, zone, day, time
):
    settings.TIME_ZONE = zone
    url = reverse("admin:lectures_readingassignment_change", args=[assigned.pk])
    data = {
        "reading": assigned.reading_id,
        "student": assigned.student_id,
        "due_at_0": day,
        "due_at_1": time,
        "note": "changed",
    }
    response = instructor_client.post(url, data)
    assert response.status_code == 200
    assert MESSAGE in response.context["adminform"].form.errors["due_at"]
    assigned.refresh_from_db()
    assert (assigned.due_at, assigned.note) == (DUE, "")
    # Within the range, in the same zone, the same form saves.
    data.update(due_at_0="2199-06-30", due_at_1="12:00")
    assert instructor_client.post(url, data).status_code == 302
    assigned.refresh_from_db()
    assert assigned.due_at.year == 2199 and assigned.note == "changed"


@pytest.mark.parametrize(("zone", "day", "time"), OUT_OF_RANGE[:2])
def test_the_admin_refuses_an_enrolment_date_out_of_range(
    client, make_user, course, student, settings, zone, day, time
):
    superuser = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    enrolment = Enrolment.objects.get(course=course, user=student)
    joined = enrolment.joined
    settings.TIME_ZONE = zone
    url = reverse("admin:lectures_enrolment_change", args=[enrolment.pk])
    data = {"course": course.pk, "user": student.pk, "joined_0": day, "joined_1": time}
    response = client.post(url, data)
    assert response.status_code == 200
    assert MESSAGE in response.context["adminform"].form.errors["joined"]
    enrolment.refresh_from_db()
    assert enrolment.joined == joined


@pytest.mark.parametrize(
    "due_at", [datetime(2200, 1, 1, tzinfo=UTC), datetime(1969, 12, 31, 23, 59, tzinfo=UTC)]
)
def test_the_database_refuses_a_due_date_out_of_range(reading, student, due_at):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReadingAssignment.objects.create(reading=reading, student=student, due_at=due_at)
    ReadingAssignment.objects.create(reading=reading, student=student, due_at=None)


def test_the_database_refuses_an_enrolment_date_out_of_range(course, make_user):
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(
            course=course, user=make_user("late"), joined=datetime(2300, 1, 1, tzinfo=UTC)
        )


@pytest.mark.django_db(transaction=True)
def test_the_migrations_bring_stored_dates_and_time_limits_into_range():
    """Dates stored before the bound (lectures 0019, quizzes 0004) move to the nearest
    end, so that the constraints can be added and the pages read them again."""
    from datetime import timedelta

    from django.conf import settings
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from quizzes.models import Quiz

    before = [
        ("lectures", "0023_review_queue_index_with_state"),
        ("quizzes", "0003_question_origin_and_review"),
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    user = old.get_model(settings.AUTH_USER_MODEL).objects.create(username="pupil")
    course = old.get_model("lectures", "Course").objects.create(title="Geo", slug="geo")
    lecture = old.get_model("lectures", "Lecture").objects.create(
        course=course, title="Drift", slug="drift"
    )
    reading = old.get_model("lectures", "Reading").objects.create(
        course=course, title="Fossils", lecture=lecture
    )
    assignment = old.get_model("lectures", "ReadingAssignment")
    late = assignment.objects.create(
        reading=reading, student=user, due_at=datetime(2400, 1, 1, tzinfo=UTC)
    )
    enrolment = old.get_model("lectures", "Enrolment").objects.create(
        course=course, user=user, joined=datetime(1901, 5, 1, tzinfo=UTC)
    )
    quiz = old.get_model("quizzes", "Quiz").objects.create(
        lecture=lecture, title="Q", time_limit=timedelta(days=3_000_000)
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert ReadingAssignment.objects.get(pk=late.pk).due_at == datetime(
        2199, 12, 31, 23, 59, tzinfo=UTC
    )
    assert Enrolment.objects.get(pk=enrolment.pk).joined == datetime(1970, 1, 1, tzinfo=UTC)
    assert Quiz.objects.get(pk=quiz.pk).time_limit == timedelta(hours=24)
