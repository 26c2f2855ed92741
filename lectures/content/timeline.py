"""A lecture's timeline kept in step with its notes: events derived from dated
bullets, instructors' edits kept, and deleted events kept deleted (tombstones)."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction

from lectures.models import Lecture, Section, TimelineEvent, TimelineTombstone
from lectures.notes.prose import section_events
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


def events_sync(
    lecture: Lecture, sections: list[Section], report: ImportReport | None = None
) -> None:
    """Derive timeline events from dated bullets; unchanged events keep their keys.

    An event is matched to its bullet by `source`, which edits do not change. An
    event an instructor edited keeps the edit for as long as its bullet is in the
    notes, and goes when the bullet goes: the edit belongs to that bullet. An event
    added by hand (no source) is the instructor's and is left alone.
    """
    wanted = []
    for section in sections:
        for event in section_events(section.body, section.title):
            source = TimelineEvent.source_for(event.when_label, event.text)
            wanted.append((section, event, source))
    # An event the instructor deleted stays deleted while its bullet is unchanged;
    # a tombstone whose bullet changed or went has nothing left to hold back.
    tombstones = TimelineTombstone.objects.filter(lecture=lecture)
    buried = set(tombstones.values_list("source", flat=True))
    if buried:
        sources = {source for _section, _event, source in wanted}
        tombstones.exclude(source__in=sources).delete()
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
            end_key = event.end_key
            if not found.edited and (found.sort_key, found.end_key) != (event.sort_key, end_key):
                found.sort_key, found.end_key = event.sort_key, end_key
                to_update.append(found)
                if report is not None:
                    report.events_changed.append(_event_name(found.when_label, found.text))
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
        to_create.append(
            # Ids, not instances: cheaper for the tens of thousands of events of big files.
            TimelineEvent(
                lecture_id=lecture.pk,
                section_id=section.pk,
                when_label=event.when_label,
                sort_key=event.sort_key,
                end_key=event.end_key,
                text=event.text,
                source=source,
            )
        )
    leftover = [event for matches in existing.values() for event in matches if event.pk not in kept]
    if report is not None:
        report.events_created.extend(_event_name(e.when_label, e.text) for e in to_create)
        report.events_removed.extend(_event_name(e.when_label, e.text) for e in leftover)
    TimelineEvent.objects.filter(pk__in=[event.pk for event in leftover]).delete()
    TimelineEvent.objects.bulk_update(to_update, ["sort_key", "end_key"])
    TimelineEvent.objects.bulk_create(to_create)


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
