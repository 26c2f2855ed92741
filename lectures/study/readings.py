"""A student marking an assigned reading done (or not), with the report's figures
and readings due kept in step in the same transaction.

A reading made from an action item (Reading.action_item) is the same task as the
item: marking one marks the other, done or undone (lectures.study.progress does the
same from the item's side), so the lecture page, the dashboard and the report agree.
"""

from __future__ import annotations

from django.db import transaction

from lectures.models import ActionItemProgress, Reading, ReadingProgress, SectionProgress
from lectures.teaching import summaries


@transaction.atomic
def reading_set_done(*, user, reading: Reading, done: bool) -> None:
    """Record the state the student asked for (not a flip: a double click or two
    tabs agree). A reading that points at a section also marks that section read;
    undoing the reading leaves the section as it is. A reading made from an action
    item marks the item as the reading is, both ways."""
    summaries.summary_lock(user=user, course=reading.course_id)
    item_id = reading.action_item_id
    # The lecture whose figures the write moves, if it moves any.
    lecture = None
    if not done:
        ReadingProgress.objects.filter(user=user, reading=reading).delete()
        if item_id is not None:
            ActionItemProgress.objects.filter(user=user, item_id=item_id).delete()
            lecture = reading.lecture
    else:
        # Ignoring conflicts makes a repeated post harmless.
        ReadingProgress.objects.bulk_create(
            [ReadingProgress(user=user, reading=reading)], ignore_conflicts=True
        )
        section = reading.section
        if section is not None and not section.archived:
            SectionProgress.objects.bulk_create(
                [SectionProgress(user=user, section=section)], ignore_conflicts=True
            )
            lecture = section.lecture
        if item_id is not None:
            ActionItemProgress.objects.bulk_create(
                [ActionItemProgress(user=user, item_id=item_id)], ignore_conflicts=True
            )
            # Reading.clean keeps the item in the reading's lecture.
            lecture = reading.lecture
    if lecture is not None:
        # Recounts the lecture and, with it, the course's readings.
        summaries.summary_refresh(user=user, lecture=lecture)
    else:
        summaries.summary_refresh_readings(user=user, course=reading.course_id)
    summaries.readings_due_refresh(course=reading.course_id, users=[user], readings=[reading])
