"""A lecture's timeline kept in step with its notes: events derived from dated
bullets, instructors' edits kept, and deleted events kept deleted (tombstones).
An event the extractor is unsure of is stored as a suggestion, which students do
not see until an instructor confirms it (event_confirm) or dismisses it
(event_dismiss, which deletes it as events_delete does)."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction

from coursesite.batches import BATCH_SIZE, bulk_update, delete_pks
from lectures.models import Course, Lecture, Section, TimelineEvent, TimelineTombstone
from lectures.notes.reading import sections_read
from lectures.review.cards import cards_sync

from .report import ImportReport


@transaction.atomic
def lecture_sync_events(*, lecture: Lecture) -> None:
    """Re-derive the lecture's timeline from its visible sections, as an import would.

    For a change made outside an import, such as a section body edited in the admin.
    """
    # The lock an import takes, so the two cannot extract the same events twice.
    Lecture.objects.select_for_update().filter(pk=lecture.pk).exists()
    events_sync(lecture, list(lecture.sections.visible()))
    cards_sync(lecture=lecture)


@transaction.atomic
def course_events_reread(*, course: Course) -> None:
    """Re-derive every lecture's timeline and cards of the course, as after its
    language changed (Course.language): its notes' dates are read anew in it."""
    for lecture in course.lectures.all():
        lecture.course = course
        lecture_sync_events(lecture=lecture)


def events_sync(
    lecture: Lecture, sections: list[Section], report: ImportReport | None = None
) -> None:
    """Derive timeline events from dated bullets; unchanged events keep their keys.

    An event is matched to its bullet by `source`, which edits do not change. An
    event an instructor edited keeps the edit for as long as its bullet is in the
    notes, and goes when the bullet goes: the edit belongs to that bullet. An event
    added by hand (no source) is the instructor's and is left alone.

    A new event the extractor is unsure of (ParsedEvent.sure) is a suggestion; an
    event once shown, sure or confirmed by an instructor, stays shown while its
    bullet is unchanged, and a suggestion the extractor has grown sure of is shown.
    """
    wanted = []
    language = lecture.course.language
    # A nested item reads with its parent's words, a top-level one with the section's
    # title (the subject of "Was founded in 1701." under "Yale").
    for section, _item, events in sections_read(sections, language, lecture.overview):
        for event in events:
            source = TimelineEvent.source_for(event.when_label, event.text)
            wanted.append((section, event, source))
    # An event the instructor deleted stays deleted while its bullet is unchanged;
    # a tombstone whose bullet changed or went has nothing left to hold back.
    tombstones = TimelineTombstone.objects.filter(lecture=lecture)
    rows = list(tombstones.values_list("pk", "source"))
    buried = {source for _pk, source in rows}
    if buried:
        sources = {source for _section, _event, source in wanted}
        delete_pks(tombstones, [pk for pk, source in rows if source not in sources])
        wanted = [entry for entry in wanted if entry[2] not in buried]
    # A multiset: two identical dated bullets give two events with the same key.
    existing = defaultdict(list)
    # Edited events first, so that dropping one of two identical bullets keeps the edit.
    for event in sorted(lecture.events.exclude(source=""), key=lambda event: not event.edited):
        existing[(event.section_id, event.source)].append(event)
    to_create, to_update, unmatched = [], [], []
    for section, event, source in wanted:
        matches = existing.get((section.pk, source))
        if matches:
            found = matches.pop(0)
            # The source fixes label and text; only the date can differ from the notes.
            changed = False
            if not found.edited and (found.start, found.end) != (event.start, event.end):
                found.start, found.end = event.start, event.end
                changed = True
                if report is not None:
                    report.events_changed.append(_event_name(found.when_label, found.text))
            if found.status == TimelineEvent.Status.SUGGESTED and event.sure:
                found.status, found.doubt = TimelineEvent.Status.SHOWN, ""
                changed = True
            elif found.status == TimelineEvent.Status.SUGGESTED and found.doubt != _doubt(event):
                found.doubt = _doubt(event)
                changed = True
            if changed:
                to_update.append(found)
        else:
            unmatched.append((section, event, source))
    # An instructor may have moved an edited event to another section (or the notes
    # moved its bullet): still the same bullet, so still the same edit.
    moved = defaultdict(list)
    for matches in existing.values():
        for found in matches:
            if found.edited:
                moved[found.source].append(found)
    kept = set()
    for section, event, source in unmatched:
        if moved.get(source):
            kept.add(moved[source].pop(0).pk)
            continue
        # Ids, not instances: cheaper for the tens of thousands of events of big files.
        new = TimelineEvent(
            lecture_id=lecture.pk,
            section_id=section.pk,
            when_label=event.when_label,
            text=event.text,
            source=source,
            status=TimelineEvent.Status.SHOWN if event.sure else TimelineEvent.Status.SUGGESTED,
            doubt=_doubt(event),
        )
        new.start, new.end = event.start, event.end
        to_create.append(new)
    leftover = [event for matches in existing.values() for event in matches if event.pk not in kept]
    if report is not None:
        report.events_created.extend(_event_name(e.when_label, e.text) for e in to_create)
        report.events_removed.extend(_event_name(e.when_label, e.text) for e in leftover)
        report.events_suggested.extend(
            f"{_event_name(e.when_label, e.text)} (unsure: {e.doubt})"
            for e in to_create
            if e.status == TimelineEvent.Status.SUGGESTED
        )
    delete_pks(TimelineEvent.objects, [event.pk for event in leftover])
    bulk_update(TimelineEvent, to_update, [*TimelineEvent.DATE_FIELDS, "status", "doubt"])
    TimelineEvent.objects.bulk_create(to_create, batch_size=BATCH_SIZE)


def _doubt(event) -> str:
    return "" if event.sure else event.doubt[: TimelineEvent._meta.get_field("doubt").max_length]


def _event_name(when: str, text: str) -> str:
    short = text if len(text) <= 80 else text[:79].rstrip() + "…"
    return f"{when}: {short}"


def events_deleted(events) -> int:
    """Remember the extracted events an instructor deleted (see TimelineTombstone),
    so the next import does not bring them back. Call with the events, before or
    after their rows go, in the same transaction. Returns the tombstones made."""
    tombstones = [
        TimelineTombstone(lecture_id=event.lecture_id, source=event.source)
        for event in events
        if event.source
    ]
    TimelineTombstone.objects.bulk_create(tombstones, ignore_conflicts=True)
    return len(tombstones)


@transaction.atomic
def event_save(*, event: TimelineEvent, changed: bool = True) -> None:
    """Save an event an instructor added or changed by hand. A changed event is
    `edited`: re-imports keep the edit while its bullet remains. The review cards of
    its lecture follow, and of the lecture it left, if it moved."""
    stored = TimelineEvent.objects.filter(pk=event.pk).values_list("lecture_id", flat=True)
    before = stored.first() if event.pk else None
    if changed:
        event.edited = True
    event.save()
    for lecture in Lecture.objects.filter(pk__in={event.lecture_id, before or event.lecture_id}):
        cards_sync(lecture=lecture)


@transaction.atomic
def events_delete(*, events) -> None:
    """Delete timeline events: those extracted from the notes stay deleted while
    their bullets are unchanged (events_deleted), and their review cards retire."""
    events = list(events)
    events_deleted(events)
    TimelineEvent.objects.filter(pk__in=[event.pk for event in events]).delete()
    for lecture in Lecture.objects.filter(pk__in={event.lecture_id for event in events}):
        cards_sync(lecture=lecture)


@transaction.atomic
def event_confirm(*, event: TimelineEvent) -> None:
    """An instructor confirms a suggested event: students see it from now on, and it
    stays shown while its bullet is unchanged (events_sync). Its review card follows."""
    if event.status == TimelineEvent.Status.SHOWN:
        return
    event.status = TimelineEvent.Status.SHOWN
    event.doubt = ""
    TimelineEvent.objects.filter(pk=event.pk).update(status=event.status, doubt="")
    cards_sync(lecture=event.lecture)


@transaction.atomic
def event_dismiss(*, event: TimelineEvent) -> None:
    """An instructor dismisses a suggested event: it goes, and stays gone while its
    bullet is unchanged, as a deleted event does (events_delete)."""
    events_delete(events=[event])
