"""Next-step readings: instructors assign them to students and cohorts with a due
date; students see them on the dashboard, overdue ones said in words, and mark
them done."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from lectures.models import (
    Cohort,
    Enrolment,
    Reading,
    ReadingAssignment,
    ReadingProgress,
    SectionProgress,
)
from tests.helpers import PASSWORD

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def lecture(course):
    return course.lectures.get()


@pytest.fixture
def reading(course, lecture):
    section = lecture.sections.get(slug="evidence")
    return Reading.objects.create(
        course=course, title="Fossil evidence", lecture=lecture, section=section
    )


@pytest.fixture
def assigned(reading, student, instructor):
    return ReadingAssignment.objects.create(
        reading=reading,
        student=student,
        assigned_by=instructor,
        due_at=datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
        note="Before Friday's seminar.",
    )


def done_url(reading) -> str:
    return reverse("lectures:reading_mark_done", args=[reading.course.slug, reading.pk])


def assign_url(course) -> str:
    return reverse("lectures:assign", args=[course.slug])


# -- the student's side ------------------------------------------------------------------


def test_marking_a_reading_done_also_marks_its_section_read(student_client, student, assigned):
    reading = assigned.reading
    response = student_client.post(done_url(reading), {"done": "1"})
    assert response.status_code == 302
    assert response.url == f"/#reading-{reading.pk}"
    assert ReadingProgress.objects.filter(user=student, reading=reading).exists()
    assert SectionProgress.objects.filter(user=student, section=reading.section).exists()
    # Again (a double click, a second tab): still one of each.
    student_client.post(done_url(reading), {"done": "1"})
    assert ReadingProgress.objects.filter(user=student).count() == 1
    # Undoing the reading leaves the section read.
    student_client.post(done_url(reading), {"done": "0"})
    assert not ReadingProgress.objects.filter(user=student).exists()
    assert SectionProgress.objects.filter(user=student, section=reading.section).exists()


def test_htmx_toggle_answers_with_the_row(student_client, assigned, django_assert_max_num_queries):
    # Session, user, the reading with access; in a savepoint: the course summary
    # locked (created: insert, lock again), two writes (reading, section), the
    # section's lecture, its summary recounted (created: update, insert, update),
    # the course summary recounted; the readings due recomputed (the reading locked,
    # what is due read, the student's row deleted); then the row.
    with django_assert_max_num_queries(19):
        response = student_client.post(done_url(assigned.reading), {"done": "1"}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(
        f'<div class="reading-row is-done" id="reading-{assigned.reading_id}"'
    )
    assert 'aria-live="polite"' in body and "✓ Done" in body and "Mark as not done" in body
    assert "<html" not in body


def test_a_tampered_toggle_changes_nothing(student_client, assigned):
    assert student_client.post(done_url(assigned.reading), {"done": "maybe"}).status_code == 400
    response = student_client.post(done_url(assigned.reading), {"done": "x"}, **HTMX)
    assert response.status_code == 200
    assert "That request was not understood" in response.content.decode()
    assert not ReadingProgress.objects.exists()


def test_a_reading_not_assigned_to_the_student_is_a_404(student_client, reading, course):
    assert student_client.post(done_url(reading), {"done": "1"}).status_code == 404
    assert not ReadingProgress.objects.exists()


def test_dashboard_says_overdue_in_words_and_shows_the_note(student_client, assigned, time_machine):
    time_machine.move_to("2026-02-01 09:00Z")
    body = student_client.get("/").content.decode()
    assert "Fossil evidence" in body and "Before Friday&#x27;s seminar." in body
    assert "Overdue" not in body
    time_machine.move_to("2026-03-02 09:00Z")
    body = student_client.get("/").content.decode()
    assert "<strong>Overdue:</strong> was due" in body
    # Done is never overdue.
    student_client.post(done_url(assigned.reading), {"done": "1"})
    assert "Overdue" not in student_client.get("/").content.decode()


def test_a_reading_assigned_directly_and_by_cohort_is_listed_once(
    student_client, student, assigned, course
):
    cohort = Cohort.objects.create(course=course, name="A")
    cohort.members.add(student)
    ReadingAssignment.objects.create(reading=assigned.reading, cohort=cohort)
    body = student_client.get("/").content.decode()
    assert body.count(f'id="reading-{assigned.reading_id}"') == 1


def test_a_student_who_joins_a_cohort_later_gets_its_readings(client, course, reading, make_user):
    cohort = Cohort.objects.create(course=course, name="A")
    ReadingAssignment.objects.create(reading=reading, cohort=cohort)
    late = make_user("latecomer")
    Enrolment.objects.create(course=course, user=late)
    client.login(username="latecomer", password=PASSWORD)
    assert "Fossil evidence" not in client.get("/").content.decode()
    cohort.members.add(late)
    assert "Fossil evidence" in client.get("/").content.decode()
    assert client.post(done_url(reading), {"done": "1"}).status_code == 302


def test_dashboard_readings_are_ordered_by_due_date_undated_last(student_client, student, course):
    for title, due in (("Later", "2026-05-01"), ("Undated", None), ("Sooner", "2026-04-01")):
        reading = Reading.objects.create(course=course, title=title, url="https://example.com")
        due_at = datetime.fromisoformat(f"{due}T12:00+00:00") if due else None
        ReadingAssignment.objects.create(reading=reading, student=student, due_at=due_at)
    body = student_client.get("/").content.decode()
    assert body.index("Sooner") < body.index("Later") < body.index("Undated")


# -- the instructor's assign page ----------------------------------------------------------


@pytest.fixture
def cohort(course, student, make_user):
    cohort = Cohort.objects.create(course=course, name="Tuesday group")
    mate = make_user("mate", first_name="Mo", last_name="Mate")
    Enrolment.objects.create(course=course, user=mate)
    cohort.members.add(student, mate)
    return cohort


def test_instructor_assigns_to_a_student_and_a_cohort(
    instructor_client, course, reading, student, cohort, instructor
):
    data = {
        "readings": [reading.pk],
        "students": [student.pk],
        "cohorts": [cohort.pk],
        "due_at": "2026-04-01T09:30",
        "note": "Read before the lab.",
    }
    response = instructor_client.post(assign_url(course), data, follow=True)
    body = response.content.decode()
    assert "Assigned. 2 new assignments." in body
    rows = ReadingAssignment.objects.filter(reading=reading)
    assert {(a.student_id, a.cohort_id) for a in rows} == {(student.pk, None), (None, cohort.pk)}
    assert all(a.note == "Read before the lab." and a.assigned_by == instructor for a in rows)
    assert rows.first().due_at == datetime(2026, 4, 1, 9, 30, tzinfo=UTC)
    # Again, with a new date: the same two assignments, updated.
    data["due_at"] = "2026-04-08T09:30"
    body = instructor_client.post(assign_url(course), data, follow=True).content.decode()
    assert "2 already assigned: due dates and notes updated" in body
    rows = ReadingAssignment.objects.filter(reading=reading)
    assert rows.count() == 2
    assert {a.due_at.day for a in rows} == {8}


def test_assigning_needs_a_reading_and_someone(instructor_client, course, reading):
    body = instructor_client.post(assign_url(course), {"readings": [reading.pk]}).content.decode()
    assert "Pick at least one student or cohort to assign to." in body
    body = instructor_client.post(assign_url(course), {}).content.decode()
    assert "Pick at least one reading." in body
    assert not ReadingAssignment.objects.exists()


def test_a_tampered_assignment_of_another_courses_things_is_refused(
    instructor_client, course, reading, foreign_lecture, other_student
):
    foreign = Reading.objects.create(course=foreign_lecture.course, title="Lava", url="https://e.x")
    Enrolment.objects.create(course=foreign_lecture.course, user=other_student)
    foreign_cohort = Cohort.objects.create(course=foreign_lecture.course, name="B")
    for data in (
        {"readings": [foreign.pk], "students": [other_student.pk]},
        {"readings": [reading.pk], "students": [other_student.pk]},
        {"readings": [reading.pk], "cohorts": [foreign_cohort.pk]},
        {"readings": [reading.pk], "students": ["x"]},
    ):
        response = instructor_client.post(assign_url(course), data)
        assert response.status_code == 200
        assert response.context["form"].errors
        assert 'class="field-error"' in response.content.decode()
    assert not ReadingAssignment.objects.exists()


def test_student_search_narrows_the_list_and_keeps_the_picked(
    instructor_client, course, reading, student, cohort
):
    page = instructor_client.get(assign_url(course)).content.decode()
    assert "Mo Mate" in page and 'id="student-choices"' in page
    fragment = instructor_client.get(
        assign_url(course),
        {"q": "mate", "students": [student.pk]},
        HTTP_HX_TARGET="student-choices",
        **HTMX,
    ).content.decode()
    assert fragment.lstrip().startswith('<div id="student-choices" aria-live="polite">')
    assert "Mo Mate" in fragment
    # The student picked before the search stays, ticked.
    assert f'value="{student.pk}" id="student-{student.pk}" checked' in fragment
    # Without JavaScript the Search button submits the same form by GET.
    page = instructor_client.get(
        assign_url(course), {"q": "nobody-like-this", "readings": [reading.pk]}
    ).content.decode()
    assert "No student of this course matches “nobody-like-this”." in page
    assert f'value="{reading.pk}" id="id_readings_0" checked' in page


def test_the_assignment_table_counts_done_and_overdue(
    instructor_client, course, reading, cohort, student, time_machine
):
    time_machine.move_to("2026-03-10 12:00Z")
    ReadingAssignment.objects.create(
        reading=reading, cohort=cohort, due_at=datetime(2026, 3, 1, tzinfo=UTC)
    )
    ReadingProgress.objects.create(user=student, reading=reading)
    body = " ".join(instructor_client.get(assign_url(course)).content.decode().split())
    assert 'Cohort Tuesday group <span class="muted">(2 members)</span>' in body
    assert "<td>1 of 2</td>" in body
    assert '<strong class="overdue">1 overdue</strong>' in body


def test_the_assign_page_costs_the_same_queries_for_more_assignments(
    instructor_client, course, reading, make_user, django_assert_num_queries
):
    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert instructor_client.get(assign_url(course)).status_code == 200
        return len(queries)

    # One assignment already, so the page's rows query runs in both counts.
    ReadingAssignment.objects.create(reading=reading, student=course.enrolments.first().user)
    few = count()
    for i in range(30):
        user = make_user(f"s{i}")
        Enrolment.objects.create(course=course, user=user)
        ReadingAssignment.objects.create(reading=reading, student=user)
    assert count() == few


def test_instructor_changes_and_withdraws_an_assignment(
    instructor_client, course, assigned, student
):
    edit = reverse("lectures:assignment_edit", args=[course.slug, assigned.pk])
    page = instructor_client.get(edit).content.decode()
    assert 'value="2026-03-01T12:00"' in page and "Before Friday" in page
    response = instructor_client.post(edit, {"due_at": "2026-03-05T08:00", "note": ""})
    assert response.status_code == 302
    assigned.refresh_from_db()
    assert (assigned.due_at, assigned.note) == (datetime(2026, 3, 5, 8, tzinfo=UTC), "")
    bad = instructor_client.post(edit, {"due_at": "someday"})
    assert "Enter a valid date/time." in bad.content.decode()

    withdraw = reverse("lectures:assignment_withdraw", args=[course.slug, assigned.pk])
    page = instructor_client.get(withdraw).content.decode()
    assert "Yes, withdraw it" in page and "What students have already read stays recorded" in page
    assert ReadingAssignment.objects.filter(pk=assigned.pk).exists()  # GET asks only
    response = instructor_client.post(withdraw, follow=True)
    assert "Withdrew “Fossil evidence”" in response.content.decode()
    assert not ReadingAssignment.objects.filter(pk=assigned.pk).exists()


def test_empty_states_of_the_assign_page(instructor_client, course):
    body = instructor_client.get(assign_url(course)).content.decode()
    assert "This course has no readings yet." in body
    assert "Nothing has been assigned in this course yet." in body


def test_the_reading_admin_action_opens_the_assign_page_with_the_readings_ticked(
    instructor_client, course, reading
):
    second = Reading.objects.create(course=course, title="Maps", url="https://example.com/m")
    response = instructor_client.post(
        reverse("admin:lectures_reading_changelist"),
        {"action": "assign", "_selected_action": [reading.pk, second.pk]},
    )
    assert response.status_code == 302
    page = instructor_client.get(response.url).content.decode()
    # Both ticked, in title order.
    assert f'value="{reading.pk}" id="id_readings_0" checked' in page
    assert f'value="{second.pk}" id="id_readings_1" checked' in page


def test_every_aria_describedby_on_the_assign_pages_names_an_element_there(
    instructor_client, course, assigned
):
    import re

    for url in (
        assign_url(course),
        reverse("lectures:assignment_edit", args=[course.slug, assigned.pk]),
    ):
        page = instructor_client.get(url).content.decode()
        described = re.findall(r'aria-describedby="([^"]+)"', page)
        assert described  # the due date's help text, at least
        for ids in described:
            for element_id in ids.split():
                assert f'id="{element_id}"' in page, (url, element_id)
