"""Writes to a course's readings: an instructor's own, and readings made from a
lecture's action items and sections, which stay linked to them.

A reading's students count it among their readings done and owe it while it is
assigned: saving or deleting one keeps the report's summary rows and readings due
in step.

A reading made from an action item is linked to it (Reading.action_item): it is the
same task, and a student's tick on either marks both (lectures.study). Making
readings again adds only what is new: an item counts as made while a reading links
to it, whatever its title or note have become; a section while a reading of the
course points at it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.db import transaction

from lectures.models import (
    ActionItem,
    ActionItemProgress,
    Course,
    Lecture,
    Reading,
    ReadingProgress,
    Section,
)

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


@dataclass(frozen=True)
class LectureReadings:
    """The readings asked for: those made now and those that were made before."""

    created: list[Reading]
    existing: list[Reading]

    @property
    def readings(self) -> list[Reading]:
        return [*self.created, *self.existing]


@transaction.atomic
def readings_from_lecture(
    *, lecture: Lecture, items: Iterable[ActionItem] = (), sections: Iterable[Section] = ()
) -> LectureReadings:
    """Make a reading of the lecture's course for each of `items` (its action items)
    and `sections` (its sections) that has none yet, pointing at the lecture and
    linked to the item or section; anything of another lecture is ignored.

    An item's reading is titled with its text, shortened to fit (the full text then
    goes in the note); a section's with its title. Students who ticked an item
    before its reading existed have the reading done too, as of their tick, and
    their figures are recounted in the same transaction.
    """
    # Two runs at once for the same lecture would both see no reading and both
    # create one: the lecture's row lock makes the second wait for the first.
    list(Lecture.objects.select_for_update().filter(pk=lecture.pk).values_list("pk"))
    items = sorted(
        (item for item in items if item.lecture_id == lecture.pk), key=lambda i: (i.position, i.pk)
    )
    sections = sorted(
        (section for section in sections if section.lecture_id == lecture.pk),
        key=lambda s: (s.position, s.pk),
    )
    made_items = {
        reading.action_item_id: reading
        for reading in Reading.objects.filter(action_item__in=[item.pk for item in items])
    }
    made_sections: dict[int, Reading] = {}
    for reading in Reading.objects.filter(
        course=lecture.course_id, section__in=[section.pk for section in sections]
    ).order_by("pk"):
        made_sections.setdefault(reading.section_id, reading)
    existing: list[Reading] = []
    to_create: list[Reading] = []
    for item in items:
        if item.pk in made_items:
            existing.append(made_items[item.pk])
            continue
        title = reading_title(item.text)
        to_create.append(
            Reading(
                course_id=lecture.course_id,
                lecture=lecture,
                action_item=item,
                title=title,
                note=item.text if title != item.text else "",
            )
        )
    for section in sections:
        if section.pk in made_sections:
            existing.append(made_sections[section.pk])
            continue
        to_create.append(
            Reading(
                course_id=lecture.course_id,
                lecture=lecture,
                section=section,
                title=reading_title(section.title),
            )
        )
    created = Reading.objects.bulk_create(to_create)
    _done_as_items_are([reading for reading in created if reading.action_item_id], lecture)
    return LectureReadings(created=created, existing=existing)


def _done_as_items_are(readings: list[Reading], lecture: Lecture) -> None:
    """Students who have done the items of these new readings have done the readings:
    their progress rows and course figures follow (a new reading is assigned to no
    one yet, so no reading is due)."""
    if not readings:
        return
    reading_of = {reading.action_item_id: reading.pk for reading in readings}
    ticks = ActionItemProgress.objects.filter(item__in=list(reading_of)).values_list(
        "user_id", "item_id", "completed_at"
    )
    rows = [
        ReadingProgress(user_id=user_id, reading_id=reading_of[item_id], completed_at=when)
        for user_id, item_id, when in ticks.iterator(chunk_size=2000)
    ]
    if rows:
        ReadingProgress.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
        summaries.summaries_recount_course(course=lecture.course_id)


def readings_from_action_items(*, lecture: Lecture) -> ReadingsMade:
    """A reading for each of the lecture's action items that has none yet (see
    readings_from_lecture): the admin's action."""
    made = readings_from_lecture(lecture=lecture, items=lecture.action_items.all())
    return ReadingsMade(created=len(made.created), existing=len(made.existing))


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
