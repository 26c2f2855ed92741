"""A student's own progress writes: a section read, an action item done.

Each runs in one transaction with the report's summary rows (lectures.teaching.summaries):
the student's course row is locked first, so two tabs or a double click queue
instead of racing, and the figures are stepped by what the write changed. A
reading made from an action item (Reading.action_item) is the same task: it is
done and undone with the item, in the same transaction (and the item with the
reading: lectures.study.readings).
"""

from __future__ import annotations

from django.db import connection, transaction
from django.utils import timezone

from lectures import sql
from lectures.models import (
    ActionItem,
    ActionItemProgress,
    Reading,
    ReadingProgress,
    Section,
    SectionProgress,
)
from lectures.review.cards import cards_unlock_section
from lectures.teaching import summaries

_PROGRESS = {
    Section: (SectionProgress, "sections_read"),
    ActionItem: (ActionItemProgress, "items_done"),
}


@transaction.atomic
def progress_set(*, user, obj: Section | ActionItem, done: bool) -> int:
    """Record that `user` has (or has not) read the section or done the item: the
    state asked for, not a flip, so a repeated post agrees with the first.

    Returns the change in the count of done things: 1, -1 or 0.
    """
    model, counter = _PROGRESS[type(obj)]
    lecture = obj.lecture
    summaries.summary_lock(user=user, course=lecture.course_id)
    # As SQL (lectures.sql): a toggle's budget is 3 ms, and these querysets cost
    # Django more to build than the database takes to run them (issue 9's profile).
    statements = sql.progress(model)
    when = timezone.now()
    params = {"user": user.pk, "item": obj.pk}
    with connection.cursor() as cursor:
        # Under the lock nobody else writes this student's rows, so this holds.
        cursor.execute(statements.find, params)
        if done == (cursor.fetchone() is not None):
            return 0
        if done:
            moment = connection.ops.adapt_datetimefield_value(when)
            cursor.execute(statements.add, {**params, "moment": moment})
        else:
            cursor.execute(statements.remove, params)
    change = 1 if done else -1
    if done and isinstance(obj, Section) and not obj.archived:
        # Its events' review cards are due from now (lectures.review.cards).
        cards_unlock_section(user=user, section=obj)
    # An archived section's row counts in no figure (the report measures what
    # students can read); its lecture's last activity still moves.
    counted = not (isinstance(obj, Section) and obj.archived)
    summaries.summary_step(
        user=user, lecture=lecture, field=counter if counted else None, change=change, when=when
    )
    if isinstance(obj, ActionItem):
        _readings_follow(user=user, item=obj, done=done, when=when)
    return change


def _readings_follow(*, user, item: ActionItem, done: bool, when) -> None:
    """Mark the reading made from `item`, if there is one, as the item now is, with
    the figures and readings due it moves. Under the caller's lock and transaction."""
    reading_ids = list(Reading.objects.filter(action_item=item).values_list("pk", flat=True))
    if not reading_ids:
        return
    if done:
        ReadingProgress.objects.bulk_create(
            [ReadingProgress(user=user, reading_id=pk, completed_at=when) for pk in reading_ids],
            ignore_conflicts=True,
        )
    else:
        ReadingProgress.objects.filter(user=user, reading_id__in=reading_ids).delete()
    course = item.lecture.course_id
    summaries.summary_refresh_readings(user=user, course=course)
    summaries.readings_due_refresh(course=course, users=[user], readings=reading_ids)
