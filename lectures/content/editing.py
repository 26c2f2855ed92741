"""An instructor's edits of a lecture outside an import (the admin's change page, a
shell): what derives from the lecture's content follows in the same transaction.

An import (lectures.content.imports) keeps all of it in step itself; an edit of the
lecture's rows calls `lecture_content_changed` once the rows are saved. Publishing
or unpublishing goes through `lecture_set_published`, which dates it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from lectures.models import Lecture, TimelineEvent
from lectures.review.cards import cards_sync
from lectures.teaching.summaries import summaries_rebuild

from .timeline import events_deleted, lecture_sync_events


@transaction.atomic
def lecture_content_changed(
    *,
    lecture: Lecture,
    text_changed: bool = True,
    counts_changed: bool = True,
    deleted_events: Iterable[TimelineEvent] = (),
) -> None:
    """Bring what derives from the lecture's rows in line with them, after an edit.

    - `deleted_events`, extracted events deleted by the edit, stay deleted while their
      bullets are unchanged (tombstones);
    - `text_changed` (section bodies added, deleted, edited, archived or restored):
      the timeline is derived again from the sections, as an import would, and the
      review cards follow; otherwise only the cards follow the terms and events;
    - `counts_changed` (sections added, deleted, archived or restored, items added
      or deleted): the report's summary rows of the lecture are recounted.

    The defaults do all of it; the admin says what its page changed.
    """
    events_deleted(list(deleted_events))
    if text_changed:
        lecture_sync_events(lecture=lecture)
    else:
        cards_sync(lecture=lecture)
    if counts_changed:
        summaries_rebuild(course=lecture.course, lecture=lecture)


def lecture_set_published(
    *, lecture: Lecture, published: bool, now: datetime | None = None
) -> bool:
    """Publish or unpublish the lecture; returns whether that changed anything.

    Publishing dates it (Lecture.published_at): the report counts a lecture towards
    "behind" only Course.behind_after_days after, so a lecture published today
    makes nobody behind. Unpublishing keeps the date; publishing again restarts it.
    """
    if lecture.published == published:
        return False
    lecture.published = published
    lecture.published_changed(now or timezone.now())
    lecture.save(update_fields=["published", "published_at", "updated"])
    return True
