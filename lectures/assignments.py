"""Writes for next-step readings: assigning them, withdrawing them, and a student
marking one done.

An assignment goes to one student or to one cohort; a cohort's assignment reaches
whoever is a member when they look, so later joiners get it too. Assigning the
same reading to the same student or cohort again updates the one assignment (its
due date and note), enforced by the database's unique constraints; the readings
being assigned are locked first, so two instructors assigning at once queue
rather than collide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from . import summaries
from .models import (
    Cohort,
    Reading,
    ReadingAssignment,
    ReadingProgress,
    SectionProgress,
)


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
) -> AssignResult:
    """Assign each reading to each student and cohort; an existing assignment of
    the same pair gets the new due date and note."""
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
    return AssignResult(created=len(to_create), updated=len(to_update))


def assignment_change(*, assignment: ReadingAssignment, due_at: datetime | None, note: str):
    assignment.due_at, assignment.note = due_at, note
    assignment.save(update_fields=["due_at", "note"])


def assignment_withdraw(*, assignment: ReadingAssignment) -> None:
    """Withdraw an assignment. What students already read stays recorded."""
    assignment.delete()


@transaction.atomic
def reading_set_done(*, user, reading: Reading, done: bool) -> None:
    """Record the state the student asked for (not a flip: a double click or two
    tabs agree). A reading that points at a section also marks that section read;
    undoing the reading leaves the section as it is."""
    summaries.summary_lock(user=user, course=reading.course_id)
    if not done:
        ReadingProgress.objects.filter(user=user, reading=reading).delete()
        summaries.summary_refresh_readings(user=user, course=reading.course_id)
        return
    # Ignoring conflicts makes a repeated post harmless.
    ReadingProgress.objects.bulk_create(
        [ReadingProgress(user=user, reading=reading)], ignore_conflicts=True
    )
    section = reading.section
    if section is not None and not section.archived:
        SectionProgress.objects.bulk_create(
            [SectionProgress(user=user, section=section)], ignore_conflicts=True
        )
        # Recounts the section's lecture and, with it, the course's readings.
        summaries.summary_refresh(user=user, lecture=section.lecture)
    else:
        summaries.summary_refresh_readings(user=user, course=reading.course_id)
