"""Writes for next-step readings: assigning them and withdrawing them (a student
marking one done is lectures.study.readings).

An assignment goes to one student or to one cohort; a cohort's assignment reaches
whoever is a member when they look, so later joiners get it too. Assigning the
same reading to the same student or cohort again updates the one assignment (its
due date and note), enforced by the database's unique constraints; the readings
being assigned are locked first, so two instructors assigning at once queue
rather than collide.

Every write here ends by recomputing the ReadingDue rows it can move
(summaries.readings_due_refresh), which the report's "overdue" reads; so does any
change to a cohort's members (cohort_members_changed).

Assigning (`assignment_save`, `assignment_store`) also mails the students it reaches
that the reading is theirs, once per student and reading however often it is
assigned again (lectures.mail.notices.work_assigned), after the commit. Students who
join a cohort later find its readings on their dashboard, unmailed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from lectures.mail.notices import work_assigned
from lectures.models import (
    Cohort,
    Reading,
    ReadingAssignment,
)

from . import summaries


@dataclass(frozen=True)
class AssignResult:
    created: int
    updated: int


@transaction.atomic
def assignment_save(
    *,
    readings: list[Reading],
    students: list,
    cohorts: list[Cohort],
    due_at: datetime | None,
    note: str,
    assigned_by,
    site_url: str | None = None,
) -> AssignResult:
    """Assign each reading to each student and cohort; an existing assignment of
    the same pair gets the new due date and note. The students reached who were not
    told of a reading before are mailed it; `site_url` starts the mail's link
    (settings.SITE_URL by default)."""
    reading_ids = [r.pk for r in readings]
    # Serialises assignment of these readings: the existence check below and the
    # inserts after it cannot interleave with another instructor's.
    list(Reading.objects.select_for_update().filter(pk__in=reading_ids).values_list("pk"))
    existing = {
        (a.reading_id, a.student_id, a.cohort_id): a
        for a in ReadingAssignment.objects.filter(reading_id__in=reading_ids).filter(
            student__in=students
        )
    }
    existing |= {
        (a.reading_id, a.student_id, a.cohort_id): a
        for a in ReadingAssignment.objects.filter(reading_id__in=reading_ids).filter(
            cohort__in=cohorts
        )
    }
    targets = [(s.pk, None) for s in students] + [(None, c.pk) for c in cohorts]
    to_create, to_update = [], []
    for reading_id in reading_ids:
        for student_id, cohort_id in targets:
            found = existing.get((reading_id, student_id, cohort_id))
            if found is None:
                to_create.append(
                    ReadingAssignment(
                        reading_id=reading_id,
                        student_id=student_id,
                        cohort_id=cohort_id,
                        due_at=due_at,
                        note=note,
                        assigned_by=assigned_by,
                    )
                )
            else:
                found.due_at, found.note = due_at, note
                to_update.append(found)
    ReadingAssignment.objects.bulk_create(to_create)
    ReadingAssignment.objects.bulk_update(to_update, ["due_at", "note"])
    reached = {s.pk for s in students} | set(_members_of([c.pk for c in cohorts]))
    for course_id in {r.course_id for r in readings}:
        summaries.readings_due_refresh(course=course_id, users=reached, readings=reading_ids)
    for reading in readings:
        _mail_reached(reading, reached, due_at=due_at, note=note, site_url=site_url)
    return AssignResult(created=len(to_create), updated=len(to_update))


def _mail_reached(reading: Reading, students, *, due_at, note: str, site_url: str | None):
    work_assigned(
        work=reading,
        title=reading.title,
        course=reading.course,
        due_at=due_at,
        note=note,
        path=reverse("lectures:dashboard") + f"#reading-{reading.pk}",
        students=students,
        site_url=site_url or settings.SITE_URL,
    )


@transaction.atomic
def assignment_change(*, assignment: ReadingAssignment, due_at: datetime | None, note: str):
    assignment.due_at, assignment.note = due_at, note
    assignment.save(update_fields=["due_at", "note"])
    assignment_moved(assignment)


@transaction.atomic
def assignment_store(*, assignment: ReadingAssignment, site_url: str | None = None) -> None:
    """Save an assignment as it now is, new or changed in any field (its reading,
    student or cohort too, as the admin's form may): the readings due of everyone it
    reached before and reaches now are recomputed, and those it reaches who were not
    told of the reading before are mailed it."""
    before = ReadingAssignment.objects.filter(pk=assignment.pk).first() if assignment.pk else None
    assignment.save()
    assignment_moved(assignment, before)
    _mail_reached(
        assignment.reading,
        assignment_reach(assignment),
        due_at=assignment.due_at,
        note=assignment.note,
        site_url=site_url,
    )


@transaction.atomic
def assignment_withdraw(*, assignment: ReadingAssignment) -> None:
    """Withdraw an assignment. What students already read stays recorded."""
    reached = assignment_reach(assignment)
    assignment.delete()
    summaries.readings_due_refresh(
        course=assignment.reading.course_id, users=reached, readings=[assignment.reading_id]
    )


def assignment_reach(assignment: ReadingAssignment) -> list[int]:
    """The ids of the students `assignment` reaches now: its student, or its
    cohort's members."""
    if assignment.student_id is not None:
        return [assignment.student_id]
    return _members_of([assignment.cohort_id])


def assignment_moved(assignment: ReadingAssignment, before: ReadingAssignment | None = None):
    """Recompute the readings due that an assignment saved in place moves (a new due
    date; the admin's form, which can also change its reading, student or cohort:
    `before` is the version it replaced). Call inside the transaction."""
    versions = [assignment] if before is None else [assignment, before]
    reached = set().union(*(assignment_reach(each) for each in versions))
    readings = Reading.objects.filter(pk__in={each.reading_id for each in versions})
    for reading_id, course_id in readings.values_list("pk", "course_id"):
        summaries.readings_due_refresh(course=course_id, users=reached, readings=[reading_id])


def cohort_members_changed(*, course, users) -> None:
    """Recompute the readings due of `users` in `course` after they joined or left one
    of its cohorts (or it was deleted): a cohort's assignments reach whoever is a
    member now. Call inside the transaction, after the change."""
    summaries.readings_due_refresh(course=course, users=users)


def _members_of(cohort_ids: list[int]) -> list[int]:
    if not cohort_ids:
        return []
    members = Cohort.members.through.objects.filter(cohort_id__in=cohort_ids)
    return list(members.values_list("user_id", flat=True))
