"""Review cards from a lecture's notes, and when each becomes due for a student.

`cards_sync` keeps a lecture's cards in step with its glossary and timeline: every
import, and every admin change to terms, events or section text, ends with it. A
term gives a card "term → definition" (with its alias); an event with a certain
date gives "the event, its date left out → when". Cards are matched to their term
or event row, then by `key`, so an edit keeps a card's review history and a term
that goes and comes back gets its old card back.

A card becomes due for a student (their CardState row appears, due at once) when
they read the section its event comes from, or, for terms and events without a
section, when they first open the lecture. Rows are added by one INSERT … SELECT
per occasion, whatever the number of students or cards.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from coursesite.batches import BATCH_SIZE, batches, bulk_update
from lectures import sql
from lectures.models import Card, CardState, Lecture, LectureVisit, TimelineEvent
from lectures.notes.prose import GAP, is_uncertain, plain, without_date

# An event whose text, its date left out, is shorter than this asks nothing.
MIN_FRONT = 10


@dataclass
class CardsReport:
    created: int = 0
    changed: int = 0
    retired: int = 0


def _event_front(event: TimelineEvent, language: str) -> str | None:
    """The event as a question, its date read in `language` (the course's), or None
    when it has no certain answer (an approximate date) or says too little without
    its date."""
    if event.start_approximate or is_uncertain(event.text, event.when_label, language):
        return None
    front = without_date(plain(event.text), event.when_label, language)
    if len(front.replace(GAP, "").strip()) < MIN_FRONT:
        return None
    return front


def _wanted(lecture: Lecture) -> list[Card]:
    """The cards the lecture's notes give now, unsaved."""
    cards = []
    for term in lecture.terms.all():
        back = f"{term.alias} — {term.definition}" if term.alias else term.definition
        cards.append(
            Card(
                lecture=lecture,
                kind=Card.Kind.TERM,
                term=term,
                key=f"term:{term.term.casefold()}"[:220],
                front=term.term,
                back=back,
            )
        )
    language = lecture.course.language
    for event in lecture.events.filter(status=TimelineEvent.Status.SHOWN):
        front = _event_front(event, language)
        if front is None:
            continue
        cards.append(
            Card(
                lecture=lecture,
                kind=Card.Kind.EVENT,
                event=event,
                section_id=event.section_id,
                key=f"event:{event.source or event.pk}",
                front=front,
                back=event.when_label,
            )
        )
    return cards


_FIELDS = ["term", "event", "section", "key", "front", "back", "retired"]


def _differs(card: Card, new: Card) -> set[str]:
    """The names of _FIELDS whose values differ."""
    return {
        name
        for name in _FIELDS
        if getattr(card, (attname := Card._meta.get_field(name).attname)) != getattr(new, attname)
    }


@transaction.atomic
def cards_sync(*, lecture: Lecture) -> CardsReport:
    """Bring the lecture's cards in line with its terms and events (see the module's
    docstring); cards new or back in use become due for the students who have
    reached them. Returns what changed."""
    report = CardsReport()
    existing = list(lecture.cards.all())
    by_source = {}
    by_key: dict[str, list[Card]] = {}
    for card in existing:
        if card.term_id or card.event_id:
            by_source[(card.kind, card.term_id or card.event_id)] = card
        else:
            by_key.setdefault(card.key, []).append(card)
    to_create, to_update, reached, revived = [], [], [], []
    # Only the columns that changed somewhere are written: a bulk update costs each
    # row a CASE per column, and an edit to every definition changes only the backs.
    changed: set[str] = set()
    for new in _wanted(lecture):
        card = by_source.pop((new.kind, new.term_id or new.event_id), None)
        if card is None and by_key.get(new.key):
            # Its term or event came back (or was replaced): the same card, history and all.
            card = by_key[new.key].pop(0)
        if card is None:
            to_create.append(new)
            continue
        if differs := _differs(card, new):
            changed |= differs
            if card.retired or card.section_id != new.section_id:
                reached.append(card.pk)
            if card.retired:
                revived.append(card.pk)
            for name in _FIELDS:
                setattr(card, name, getattr(new, name))
            to_update.append(card)
    # What is left has lost its term or event: retired, its history kept.
    leftover = [card for card in by_source.values() if not card.retired]
    leftover += [card for cards in by_key.values() for card in cards if not card.retired]
    for card in leftover:
        card.retired = True
        card.term = card.event = None
    if leftover:
        changed |= {"retired", "term", "event"}
    bulk_update(Card, to_update + leftover, [name for name in _FIELDS if name in changed])
    # The students' schedules follow, history and all (CardState.retired).
    for retired, ids in ((True, [card.pk for card in leftover]), (False, revived)):
        for batch in batches(ids):
            CardState.objects.filter(card_id__in=batch).update(retired=retired)
    created = Card.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    report.created, report.retired = len(created), len(leftover)
    report.changed = len(to_update)
    reached += [card.pk for card in created]
    if reached:
        _reach(lecture, reached)
    return report


def _run(source: str, scope: str, **params) -> int:
    """Make the lecture's cards due for whoever reached them (lectures.sql.cards_reach:
    one INSERT … SELECT, whatever the number of students or cards)."""
    due = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql.cards_reach(source, scope), {"due": due, **params})
        return cursor.rowcount


def _reach(lecture: Lecture, card_ids: list[int]) -> None:
    """Cards new or back in use become due for whoever has already reached them."""
    for source in ("visit", "section"):
        _run(source, "cards", lecture=lecture.pk, cards=sql.card_ids(card_ids))


def cards_unlock_section(*, user, section) -> int:
    """The student has read `section`: its events' cards are due from now. Call in
    the transaction that records the reading. Returns the cards that became due."""
    return _run("section", "user", lecture=section.lecture_id, user=user.pk, section=section.pk)


@transaction.atomic
def lecture_opened(*, user, lecture: Lecture) -> int:
    """The student opened the lecture for the first time: its glossary cards (and
    events without a section) are due from now. Returns the cards that became due.
    Two statements, whatever the number of cards."""
    # The caller has seen no visit; should another request record one first, this
    # adds nothing and the cards below are added once all the same.
    visit = LectureVisit(user=user, lecture=lecture)
    LectureVisit.objects.bulk_create([visit], ignore_conflicts=True)
    return _run("visit", "user", lecture=lecture.pk, user=user.pk)


def cards_reach_all(*, lecture: Lecture) -> None:
    """Make every live card due for every student who has reached it: for data
    that predates review cards (see the `sync_cards` command)."""
    _run("visit", "all", lecture=lecture.pk)
    _run("section", "all", lecture=lecture.pk)
