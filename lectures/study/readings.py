"""A student marking an assigned reading done (or not), with the report's figures
and readings due kept in step in the same transaction."""

from __future__ import annotations

from django.db import transaction

from lectures.models import Reading, ReadingProgress, SectionProgress
from lectures.teaching import summaries


@transaction.atomic
def reading_set_done(*, user, reading: Reading, done: bool) -> None:
    """Record the state the student asked for (not a flip: a double click or two
    tabs agree). A reading that points at a section also marks that section read;
    undoing the reading leaves the section as it is."""
    summaries.summary_lock(user=user, course=reading.course_id)
    if not done:
        ReadingProgress.objects.filter(user=user, reading=reading).delete()
        summaries.summary_refresh_readings(user=user, course=reading.course_id)
        summaries.readings_due_refresh(course=reading.course_id, users=[user], readings=[reading])
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
    summaries.readings_due_refresh(course=reading.course_id, users=[user], readings=[reading])
