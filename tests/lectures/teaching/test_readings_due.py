"""ReadingDue (what the report's "overdue" and "behind" read) follows every change
that moves it: assignments made, changed and withdrawn, cohorts joined and left,
readings done and undone, in the services and in the admin alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lectures.models import (
    Cohort,
    Enrolment,
    Reading,
    ReadingAssignment,
    ReadingDue,
    ReadingProgress,
)
from lectures.study.readings import reading_set_done
from lectures.teaching.assignments import (
    assignment_change,
    assignment_save,
    assignment_withdraw,
    cohort_members_changed,
)
from lectures.teaching.summaries import readings_due_refresh
from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db
DUE = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def due_rows(course) -> set[tuple[int, int, datetime]]:
    return set(ReadingDue.objects.filter(course=course).values_list("user", "reading", "due_at"))


def expected(course) -> set[tuple[int, int, datetime]]:
    """What should be due, worked out object by object from the assignments: each
    student's earliest due date per reading not done, directly or by cohort."""
    due: dict[tuple[int, int], datetime] = {}
    for assignment in ReadingAssignment.objects.filter(reading__course=course):
        if assignment.due_at is None:
            continue
        reached = (
            [assignment.student_id]
            if assignment.student_id
            else list(assignment.cohort.members.values_list("pk", flat=True))
        )
        for user_id in reached:
            key = (user_id, assignment.reading_id)
            due[key] = min(due.get(key, assignment.due_at), assignment.due_at)
    done = set(ReadingProgress.objects.values_list("user", "reading"))
    return {(*key, when) for key, when in due.items() if key not in done}


def assign(reading, *, students=(), cohorts=(), due_at=DUE):
    assignment_save(
        readings=[reading],
        students=list(students),
        cohorts=list(cohorts),
        due_at=due_at,
        note="",
        assigned_by=None,
    )


@pytest.fixture
def reading(course):
    return Reading.objects.create(course=course, title="Primary sources", url="https://r.test/")


@pytest.fixture
def cohort(course):
    return Cohort.objects.create(course=course, name="Mornings")


def test_direct_and_cohort_assignments_keep_the_earliest_date(course, reading, cohort, student):
    cohort.members.add(student)
    cohort_members_changed(course=course, users=[student])
    assign(reading, cohorts=[cohort], due_at=DUE + timedelta(days=2))
    assert due_rows(course) == {(student.pk, reading.pk, DUE + timedelta(days=2))}
    assign(reading, students=[student], due_at=DUE)
    assert due_rows(course) == {(student.pk, reading.pk, DUE)}
    # No due date: nothing can be overdue, though the cohort's date still holds.
    direct = ReadingAssignment.objects.get(student=student)
    assignment_change(assignment=direct, due_at=None, note="")
    assert due_rows(course) == {(student.pk, reading.pk, DUE + timedelta(days=2))}
    assignment_withdraw(assignment=ReadingAssignment.objects.get(cohort=cohort))
    assert due_rows(course) == set()


def test_done_removes_the_row_and_undone_brings_it_back(course, reading, student):
    assign(reading, students=[student])
    reading_set_done(user=student, reading=reading, done=True)
    assert due_rows(course) == set()
    reading_set_done(user=student, reading=reading, done=False)
    assert due_rows(course) == {(student.pk, reading.pk, DUE)}


def test_later_joiners_owe_the_cohorts_readings_and_leavers_do_not(
    course, reading, cohort, student, other_student
):
    assign(reading, cohorts=[cohort])
    assert due_rows(course) == set()
    Enrolment.objects.create(course=course, user=other_student)
    cohort.members.add(student, other_student)
    cohort_members_changed(course=course, users=[student, other_student])
    assert due_rows(course) == {(student.pk, reading.pk, DUE), (other_student.pk, reading.pk, DUE)}
    cohort.members.remove(student)
    cohort_members_changed(course=course, users=[student])
    assert due_rows(course) == {(other_student.pk, reading.pk, DUE)}


def test_the_roster_upload_puts_its_cohort_joiners_in_step(course, reading, cohort, student):
    from lectures.teaching.roster import roster_apply
    from lectures.teaching.roster_csv import roster_parse

    assign(reading, cohorts=[cohort])
    rows = roster_parse(f"username,email,cohort\nstudent,{student.email},Mornings\n").rows
    roster_apply(course=course, rows=rows, site_url="https://courses.test")
    assert due_rows(course) == {(student.pk, reading.pk, DUE)}


# -- the admin's ways of changing the same things --------------------------------------------


@pytest.fixture
def root_client(client, make_user):
    make_user("root", is_staff=True, is_superuser=True)
    client.login(username="root", password=PASSWORD)
    return client


def test_admin_cohort_members_and_deletion(root_client, course, reading, cohort, student):
    assign(reading, cohorts=[cohort])
    url = reverse("admin:lectures_cohort_change", args=[cohort.pk])
    form = {"name": "Mornings", "course": course.pk}
    assert root_client.post(url, {**form, "members": [student.pk]}).status_code == 302
    assert due_rows(course) == {(student.pk, reading.pk, DUE)}
    root_client.post(url, {**form, "members": []})
    assert due_rows(course) == set()
    cohort.members.add(student)
    cohort_members_changed(course=course, users=[student])
    delete = reverse("admin:lectures_cohort_delete", args=[cohort.pk])
    assert root_client.post(delete, {"post": "yes"}).status_code == 302
    assert due_rows(course) == set()


def test_admin_assignment_add_change_and_delete(root_client, course, reading, student):
    add = reverse("admin:lectures_readingassignment_add")
    form = {"reading": reading.pk, "student": student.pk, "due_at_0": "2026-03-01",
            "due_at_1": "12:00:00", "note": ""}  # fmt: skip
    assert root_client.post(add, form).status_code == 302
    (assignment,) = ReadingAssignment.objects.all()
    assert due_rows(course) == {(student.pk, reading.pk, assignment.due_at)}
    change = reverse("admin:lectures_readingassignment_change", args=[assignment.pk])
    assert root_client.post(change, {**form, "due_at_0": "2026-03-05"}).status_code == 302
    assignment.refresh_from_db()
    assert due_rows(course) == {(student.pk, reading.pk, assignment.due_at)}
    listing = reverse("admin:lectures_readingassignment_changelist")
    bulk = {"action": "delete_selected", "_selected_action": [assignment.pk], "post": "yes"}
    assert root_client.post(listing, bulk).status_code == 302
    assert due_rows(course) == set()


def test_rebuild_command_checks_and_fixes_readings_due(course, reading, student):
    assign(reading, students=[student])
    ReadingDue.objects.all().delete()  # written around the services
    with pytest.raises(CommandError, match="differ from a recount"):
        call_command("rebuild_summaries", "--check", stderr=StringIO())
    call_command("rebuild_summaries", stdout=StringIO())
    assert due_rows(course) == {(student.pk, reading.pk, DUE)}
    call_command("rebuild_summaries", "--check", stdout=StringIO())


# -- any sequence of changes -----------------------------------------------------------------

change = st.one_of(
    st.tuples(st.just("assign"), st.integers(0, 2), st.integers(0, 1), st.integers(-1, 3)),
    st.tuples(st.just("withdraw"), st.integers(0, 2), st.integers(0, 1), st.just(0)),
    st.tuples(st.just("join"), st.integers(0, 2), st.integers(0, 1), st.booleans()),
    st.tuples(st.just("done"), st.integers(0, 2), st.integers(0, 1), st.booleans()),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=st.lists(change, max_size=14))
def test_readings_due_equal_a_recount_after_any_changes(course, changes):
    """Targets 0 and 1 are students, 2 a cohort; -1 days means no due date. The rows
    the live writes kept equal both the object-by-object answer and a rebuild."""
    users = [get_user_model().objects.get_or_create(username=name)[0] for name in ("a", "b")]
    for user in users:
        Enrolment.objects.get_or_create(course=course, user=user)
    group, _ = Cohort.objects.get_or_create(course=course, name="Group")
    readings = [
        Reading.objects.get_or_create(course=course, title=f"R{i}", url=f"https://{i}.test/")[0]
        for i in range(2)
    ]
    for kind, target, which, value in changes:
        reading = readings[which]
        if kind == "assign":
            due = None if value < 0 else DUE + timedelta(days=value)
            if target == 2:
                assign(reading, cohorts=[group], due_at=due)
            else:
                assign(reading, students=[users[target]], due_at=due)
        elif kind == "withdraw":
            found = ReadingAssignment.objects.filter(
                reading=reading,
                **({"cohort": group} if target == 2 else {"student": users[target]}),
            ).first()
            if found is not None:
                assignment_withdraw(assignment=found)
        elif kind == "join":
            user = users[target % 2]
            with transaction.atomic():
                (group.members.add if value else group.members.remove)(user)
                cohort_members_changed(course=course, users=[user])
        else:
            reading_set_done(user=users[target % 2], reading=reading, done=value)
    live = due_rows(course)
    assert live == expected(course)
    with transaction.atomic():
        readings_due_refresh(course=course)
    assert due_rows(course) == live
