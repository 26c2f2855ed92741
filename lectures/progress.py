"""A student's own progress writes: a section read, an action item done.

Each runs in one transaction with the report's summary rows (lectures.summaries):
the student's course row is locked first, so two tabs or a double click queue
instead of racing, and the figures are recounted after the write.
"""

from __future__ import annotations

from django.db import transaction

from . import summaries
from .models import ActionItem, ActionItemProgress, Section, SectionProgress

_PROGRESS = {Section: (SectionProgress, "section"), ActionItem: (ActionItemProgress, "item")}


@transaction.atomic
def progress_set(*, user, obj: Section | ActionItem, done: bool) -> int:
    """Record that `user` has (or has not) read the section or done the item: the
    state asked for, not a flip, so a repeated post agrees with the first.

    Returns the change in the count of done things: 1, -1 or 0.
    """
    model, field = _PROGRESS[type(obj)]
    lecture = obj.lecture
    summaries.summary_lock(user=user, course=lecture.course_id)
    rows = model.objects.filter(user=user, **{field: obj})
    if done:
        # Under the lock nobody else writes this student's rows, so exists() holds.
        if rows.exists():
            return 0
        model.objects.create(user=user, **{field: obj})
        change = 1
    else:
        change = -rows.delete()[0]
    if change:
        summaries.summary_refresh(user=user, lecture=lecture)
    return change
