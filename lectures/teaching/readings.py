"""Writes to a course's readings: an instructor's own, and readings made from a
lecture's action items, which point back at the lecture.

A reading's students count it among their readings done and owe it while it is
assigned: saving or deleting one keeps the report's summary rows and readings due
in step.

Making readings from action items again adds only what is new: a reading counts
as already made when its course, lecture and title match. Its note and URL are the
instructor's to edit; a reading whose title was changed no longer matches, and a
new one is made.
"""

from __future__ import annotations

from typing import NamedTuple

from django.db import transaction

from lectures.models import Course, Lecture, Reading

from . import summaries

TITLE_MAX_LENGTH = Reading._meta.get_field("title").max_length
ELLIPSIS = "…"


class ReadingsMade(NamedTuple):
    created: int
    existing: int


def reading_title(text: str, limit: int = TITLE_MAX_LENGTH) -> str:
    """`text` as a title of at most `limit` characters: cut at a word boundary when
    one is near the end, and marked with an ellipsis when anything was cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)]
    space = cut.rfind(" ")
    # A word boundary in the last fifth keeps whole words without losing much text;
    # one long run of characters (a URL) is cut where it has to be.
    if space > len(cut) * 4 // 5:
        cut = cut[:space]
    return cut.rstrip(" ,;:–—-") + ELLIPSIS


@transaction.atomic
def readings_from_action_items(*, lecture: Lecture) -> ReadingsMade:
    """Make a reading of the lecture's course, pointing at the lecture, for each of
    its action items that has none yet. Its title is the item's text, shortened to
    fit; a shortened title keeps the full text in the reading's note."""
    # Two runs at once for the same lecture would both see no reading and both
    # create one: the lecture's row lock makes the second wait for the first.
    list(Lecture.objects.select_for_update().filter(pk=lecture.pk).values_list("pk"))
    existing_titles = set(
        Reading.objects.filter(course=lecture.course_id, lecture=lecture).values_list(
            "title", flat=True
        )
    )
    to_create: list[Reading] = []
    existing = 0
    for text in lecture.action_items.order_by("position", "pk").values_list("text", flat=True):
        title = reading_title(text)
        if title in existing_titles:
            existing += 1
            continue
        existing_titles.add(title)
        to_create.append(
            Reading(
                course_id=lecture.course_id,
                lecture=lecture,
                title=title,
                note=text if title != text else "",
            )
        )
    Reading.objects.bulk_create(to_create)
    return ReadingsMade(created=len(to_create), existing=existing)


@transaction.atomic
def reading_save(*, reading: Reading) -> None:
    """Save a reading. Moved to another course, it is owed there by the students its
    assignments reach, and no longer in the course it left."""
    stored = Reading.objects.filter(pk=reading.pk).values_list("course_id", flat=True)
    course_before = stored.first() if reading.pk else None
    reading.save()
    if course_before is not None and course_before != reading.course_id:
        for course in (course_before, reading.course_id):
            summaries.readings_due_refresh(course=course, readings=[reading])


@transaction.atomic
def readings_delete(*, readings) -> None:
    """Delete readings; their students' "readings done" are recounted without them
    (their readings due go with them)."""
    ids = [reading.pk for reading in readings]
    courses = list(Course.objects.filter(readings__in=ids).distinct())
    Reading.objects.filter(pk__in=ids).delete()
    for course in courses:
        summaries.summaries_recount_course(course=course)
