"""An instructor's edits of a lecture outside an import (the admin's change page, the
course's teaching page, a shell): what derives from the lecture's content follows
in the same transaction.

An import (lectures.content.imports) keeps all of it in step itself; an edit of the
lecture's rows calls `lecture_content_changed` once the rows are saved; publishing
or withdrawing a lecture is `lecture_set_published`, which dates it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from lectures.mail.notices import quizzes_assigned_on
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


@transaction.atomic
def lecture_set_published(
    *, lecture: Lecture, published: bool, now: datetime | None = None, site_url: str | None = None
) -> bool:
    """Publish the lecture to its course's students, or withdraw it (they keep what
    they did of it, and see it again once it is published again). The state asked
    for, not a flip: returns whether it changed, so a repeated post changes nothing.

    Publishing dates it (Lecture.published_at): the report counts a lecture towards
    "behind" only Course.behind_after_days after, so a lecture published today
    makes nobody behind. Withdrawing keeps the date; publishing again restarts it.
    Nothing else derives from the flag: students' pages, review cards and the report
    read it when they are built. Publishing gives the students the lecture's dated
    quizzes published before, and mails them so (once each, after the commit;
    `site_url` starts the links, settings.SITE_URL by default).
    """
    locked = Lecture.objects.select_for_update().filter(pk=lecture.pk).first()
    lecture.published = published
    if locked is None or locked.published == published:
        return False
    locked.published = published
    locked.published_changed(now or timezone.now())
    # `updated` moves with it, as an admin save moves it.
    locked.save(update_fields=["published", "published_at", "updated"])
    lecture.updated, lecture.published_at = locked.updated, locked.published_at
    if published:
        quizzes_assigned_on(lecture=locked, site_url=site_url)
    return True
