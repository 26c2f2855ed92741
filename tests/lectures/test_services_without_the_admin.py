"""What the admin's saves and deletes keep in step (review cards, the report's
summaries, readings due, timeline tombstones) is the services' work: called from a
shell, with no admin request around them, they keep it in step all the same."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lectures.content.editing import lecture_content_changed
from lectures.content.imports import lecture_import
from lectures.content.timeline import event_save, events_delete
from lectures.models import (
    Card,
    Cohort,
    Course,
    CourseSummary,
    Enrolment,
    LectureSummary,
    Reading,
    ReadingAssignment,
    ReadingDue,
    TimelineEvent,
    TimelineTombstone,
)
from lectures.study.progress import progress_set
from lectures.study.readings import reading_set_done
from lectures.teaching.assignments import assignment_save, assignment_store
from lectures.teaching.cohorts import cohort_save, cohorts_delete
from lectures.teaching.readings import reading_save, readings_delete
from tests.helpers import SIMPLE_NOTES

pytestmark = pytest.mark.django_db
DUE = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def lecture(course):
    return course.lectures.get()


@pytest.fixture
def event(lecture):
    return lecture.events.get(when_label="1912")


def test_a_deleted_event_leaves_a_tombstone_and_retires_its_card(lecture, event):
    card = Card.objects.get(event=event)
    events_delete(events=[event])
    assert not TimelineEvent.objects.filter(pk=event.pk).exists()
    assert TimelineTombstone.objects.filter(lecture=lecture, source=event.source).exists()
    card.refresh_from_db()
    assert card.retired
    lecture_import(course_slug="geo", data=SIMPLE_NOTES)
    assert not lecture.events.filter(when_label="1912").exists()


def test_an_edited_event_is_kept_by_reimports_and_its_card_follows(lecture, event):
    event.text = "Alfred Wegener proposed continental drift."
    event_save(event=event)
    event.refresh_from_db()
    assert event.edited
    assert Card.objects.get(event=event).front == "Alfred Wegener proposed continental drift."
    lecture_import(course_slug="geo", data=SIMPLE_NOTES)
    kept = lecture.events.get(when_label="1912")
    assert kept.text == "Alfred Wegener proposed continental drift."


def test_an_unchanged_save_does_not_mark_the_event_edited(event):
    event_save(event=event, changed=False)
    event.refresh_from_db()
    assert not event.edited


def test_a_section_edited_by_hand_gets_its_events_cards_and_counts(lecture, student):
    section = lecture.sections.get(slug="evidence")
    progress_set(user=student, obj=section, done=True)
    assert LectureSummary.objects.get(user=student, lecture=lecture).sections_read == 1
    section.body += "\n- The first fossil survey was published in 1924."
    section.archived = True
    section.save()
    lecture_content_changed(lecture=lecture)
    # The archived section's events are not the timeline's, nor its read in the report.
    assert not lecture.events.filter(when_label="1924").exists()
    assert LectureSummary.objects.get(user=student, lecture=lecture).sections_read == 0
    section.archived = False
    section.save()
    lecture_content_changed(lecture=lecture)
    event = lecture.events.get(when_label="1924")
    assert Card.objects.filter(event=event, retired=False).exists()
    assert LectureSummary.objects.get(user=student, lecture=lecture).sections_read == 1


def test_events_deleted_with_an_edit_stay_deleted(lecture, event):
    TimelineEvent.objects.filter(pk=event.pk).delete()
    lecture_content_changed(lecture=lecture, text_changed=False, deleted_events=[event])
    lecture_import(course_slug="geo", data=SIMPLE_NOTES)
    assert not lecture.events.filter(when_label="1912").exists()


@pytest.fixture
def reading(course):
    return Reading.objects.create(course=course, title="Primary sources", url="https://r.test/")


def due(course) -> set[tuple[int, int]]:
    return set(ReadingDue.objects.filter(course=course).values_list("user", "reading"))


def test_cohort_members_saved_owe_its_readings_and_leavers_do_not(
    course, reading, student, other_student
):
    Enrolment.objects.create(course=course, user=other_student)
    cohort = Cohort(course=course, name="Mornings")
    cohort_save(cohort=cohort)
    assignment_save(
        readings=[reading], students=[], cohorts=[cohort], due_at=DUE, note="", assigned_by=None
    )
    cohort_save(cohort=cohort, members=[student, other_student])
    assert due(course) == {(student.pk, reading.pk), (other_student.pk, reading.pk)}
    cohort_save(cohort=cohort, members=[other_student])
    assert due(course) == {(other_student.pk, reading.pk)}
    cohorts_delete(cohorts=[cohort])
    assert due(course) == set()
    assert not Cohort.objects.filter(pk=cohort.pk).exists()


def test_a_reading_moved_or_deleted_moves_what_is_owed_and_done(
    course, reading, student, make_lecture
):
    assignment_save(
        readings=[reading], students=[student], cohorts=[], due_at=DUE, note="", assigned_by=None
    )
    assert due(course) == {(student.pk, reading.pk)}
    other = Course.objects.get(pk=make_lecture(course="other").course_id)
    Enrolment.objects.create(course=other, user=student)
    reading.course = other
    reading_save(reading=reading)
    assert due(course) == set()
    assert due(other) == {(student.pk, reading.pk)}
    reading_set_done(user=student, reading=reading, done=True)
    assert CourseSummary.objects.get(user=student, course=other).readings_done == 1
    readings_delete(readings=[reading])
    assert CourseSummary.objects.get(user=student, course=other).readings_done == 0


def test_an_assignment_given_to_another_student_moves_its_due_row(
    course, reading, student, other_student
):
    Enrolment.objects.create(course=course, user=other_student)
    assignment = ReadingAssignment(reading=reading, student=student, due_at=DUE)
    assignment_store(assignment=assignment)
    assert due(course) == {(student.pk, reading.pk)}
    assignment.student = other_student
    assignment_store(assignment=assignment)
    assert due(course) == {(other_student.pk, reading.pk)}
