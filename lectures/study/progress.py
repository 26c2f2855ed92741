"""A student's own progress writes: a section read, an action item done.

Each runs in one transaction with the report's summary rows (lectures.teaching.summaries):
the student's course row is locked first, so two tabs or a double click queue
instead of racing, and the figures are stepped by what the write changed.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.utils import timezone

from lectures import sql
from lectures.models import ActionItem, ActionItemProgress, Section, SectionProgress
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
    return change
