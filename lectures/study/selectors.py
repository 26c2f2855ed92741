"""Read models for the student pages: the rows a page shows and how far the user is.

Who may see what is lectures.access's: these build querysets with the counts a
page needs, and access narrows them to what the user may see, in one query.
Counts come from correlated subqueries rather than joins, so one query serves a
whole list of lectures without multiplying rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.expressions import RawSQL

from lectures import access
from lectures.models import (
    ActionItem,
    ActionItemProgress,
    Lecture,
    LectureVisit,
    ReadingAssignment,
    ReadingProgress,
    Section,
    SectionProgress,
)


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done >= self.total

    def __add__(self, other: Progress) -> Progress:
        return Progress(self.done + other.done, self.total + other.total)


def _lecture_figures(user) -> dict[str, RawSQL]:
    """Annotations on a Lecture query: its visible sections and its items
    (`n_sections`, `n_items`), those the user has read or done (`n_read`,
    `n_done`), and the slug of the first visible section they have not read
    (`next_section`). As SQL, which Django builds far faster than the same as
    correlated subquery expressions (issue 9's profile of the dashboard)."""
    q = connection.ops.quote_name
    lecture = f"{q(Lecture._meta.db_table)}.{q('id')}"
    sections, items = q(Section._meta.db_table), q(ActionItem._meta.db_table)
    read, done = q(SectionProgress._meta.db_table), q(ActionItemProgress._meta.db_table)
    lecture_id, user_id, archived = q("lecture_id"), q("user_id"), q("archived")
    visible = f"FROM {sections} s WHERE s.{lecture_id} = {lecture} AND NOT s.{archived}"
    was_read = (
        f"SELECT 1 FROM {read} p WHERE p.{q('section_id')} = s.{q('id')} AND p.{user_id} = %s"
    )
    count = IntegerField()
    return {
        "n_sections": RawSQL(f"(SELECT COUNT(*) {visible})", [], output_field=count),
        "n_read": RawSQL(
            f"(SELECT COUNT(*) {visible} AND EXISTS ({was_read}))", [user.pk], output_field=count
        ),
        "n_items": RawSQL(
            f"(SELECT COUNT(*) FROM {items} i WHERE i.{lecture_id} = {lecture})",
            [],
            output_field=count,
        ),
        "n_done": RawSQL(
            f"(SELECT COUNT(*) FROM {done} p JOIN {items} i ON i.{q('id')} = p.{q('item_id')} "
            f"WHERE i.{lecture_id} = {lecture} AND p.{user_id} = %s)",
            [user.pk],
            output_field=count,
        ),
        "next_section": RawSQL(
            f"(SELECT s.{q('slug')} {visible} AND NOT EXISTS ({was_read}) "
            f"ORDER BY s.{q('position')}, s.{q('id')} LIMIT 1)",
            [user.pk],
            output_field=CharField(),
        ),
    }


def lecture_rows(user) -> QuerySet[Lecture]:
    """Lectures with their course, the user's progress counts and the next unread
    section's slug (see _lecture_figures); narrow with lectures.access."""
    return Lecture.objects.select_related("course").annotate(**_lecture_figures(user))


def lectures_with_progress(user, courses=None) -> QuerySet[Lecture]:
    """The lectures the user may study (of `courses`, if given), with progress."""
    lectures = lecture_rows(user)
    if courses is not None:
        lectures = lectures.filter(course__in=courses)
    return access.lectures_visible_to(user, lectures).order_by("course__title", "position", "pk")


def lecture_progress(lecture: Lecture) -> Progress:
    """Progress of an annotated lecture (see lecture_rows)."""
    return Progress(lecture.n_read + lecture.n_done, lecture.n_sections + lecture.n_items)


def _done_counts(user, model) -> dict[str, RawSQL]:
    """Annotations on a Section or ActionItem query: `is_done`, whether the user has
    read or done it, and `n_done`, how many of its lecture's visible sections
    they have read plus its items they have done.
    As SQL: Django's build of the same as subqueries cost more than a toggle's
    whole budget (issue 9's profile); the database answers from two indexes."""
    q = connection.ops.quote_name
    outer = f"{q(model._meta.db_table)}.{q('lecture_id')}"
    count = " + ".join(
        f"(SELECT COUNT(*) FROM {q(progress._meta.db_table)} p "
        f"JOIN {q(owner._meta.db_table)} o ON o.{q('id')} = p.{q(fk)} "
        f"WHERE p.{q('user_id')} = %s AND o.{q('lecture_id')} = {outer}{extra})"
        for progress, owner, fk, extra in (
            (SectionProgress, Section, "section_id", f" AND NOT o.{q('archived')}"),
            (ActionItemProgress, ActionItem, "item_id", ""),
        )
    )
    progress, fk = {
        Section: (SectionProgress, "section_id"),
        ActionItem: (ActionItemProgress, "item_id"),
    }[model]
    done = (
        f"EXISTS (SELECT 1 FROM {q(progress._meta.db_table)} p WHERE p.{q('user_id')} = %s "
        f"AND p.{q(fk)} = {q(model._meta.db_table)}.{q('id')})"
    )
    return {
        "is_done": RawSQL(done, [user.pk], output_field=BooleanField()),
        "n_done": RawSQL(count, [user.pk, user.pk], output_field=IntegerField()),
    }


def section_rows(user) -> QuerySet[Section]:
    """Sections with their lecture's done count (see _done_counts), so one query
    answers a toggle's lookup and its progress bar. A toggle's answer shows the
    section's title, never its (possibly large) body, nor the lecture's overview."""
    return Section.objects.defer("body", "lecture__overview").annotate(
        **_done_counts(user, Section)
    )


def item_rows(user) -> QuerySet[ActionItem]:
    """Action items with their lecture's done count (see section_rows)."""
    return ActionItem.objects.defer("lecture__overview").annotate(**_done_counts(user, ActionItem))


def assigned_readings(user) -> QuerySet[ReadingAssignment]:
    """Assignments that reach the user (see access.assignments_of), with `is_done`,
    not done before done, soonest due first. A reading assigned twice (to the
    student and to their cohort) appears once per assignment; see
    unique_readings."""
    return (
        access.assignments_of(user)
        .select_related("reading__course", "reading__lecture__course", "reading__section")
        # The dashboard links to the section; its body can be large and is not shown.
        .defer("reading__section__body", "reading__lecture__overview")
        .annotate(
            is_done=Exists(ReadingProgress.objects.filter(reading=OuterRef("reading"), user=user))
        )
        .order_by("is_done", F("due_at").asc(nulls_last=True), "pk")
        .distinct()
    )


# A page of the timeline stays small however many dated bullets a lecture has.
TIMELINE_PAGE_SIZE = 100


def timeline_events(lecture: Lecture) -> QuerySet:
    """The lecture's timeline events in date order, each with its section's slug and
    title (the link to it), or none. Events of archived sections are left out.

    Only the columns the timeline shows are read: a section's body can be megabytes,
    and joining it to each of its thousands of events once held a copy per event
    (issue 7). The order follows the (lecture, sort_key) index, and the primary key
    breaks ties so that pages never overlap.
    """
    return (
        lecture.events.filter(Q(section__isnull=True) | Q(section__archived=False))
        .select_related("section")
        # "lecture" too: the related manager reads each event's lecture_id to attach
        # `lecture`, and a deferred one would cost a query per event.
        .only(
            "lecture",
            "when_label",
            "sort_key",
            "end_key",
            "text",
            "section__slug",
            "section__title",
        )
        .order_by("sort_key", "pk")
    )


def unique_readings(assignments, limit: int, now: datetime) -> list[ReadingAssignment]:
    """The first assignment of each reading, in the order given, at most `limit`:
    a reading assigned both directly and through a cohort is listed once, with
    the soonest due date. Each gets `is_overdue`: due before `now` and not done."""
    seen: set[int] = set()
    out = []
    for assignment in assignments:
        if assignment.reading_id in seen:
            continue
        seen.add(assignment.reading_id)
        due = assignment.due_at
        assignment.is_overdue = bool(due and due < now and not assignment.is_done)
        out.append(assignment)
        if len(out) == limit:
            break
    return out


@cache
def _done_ids_sql() -> str:
    """The ids of a lecture's sections a user has read (kind 0) and of its items
    they have done (kind 1), and the lecture's own id if they have opened it before
    (kind 2), with the names Django gives the tables and columns."""
    q = connection.ops.quote_name

    def done(progress, field: str, kind: int) -> str:
        owner = progress._meta.get_field(field).related_model._meta
        column = q(progress._meta.get_field(field).column)
        return (
            f"SELECT p.{column}, {kind} FROM {q(progress._meta.db_table)} p "
            f"JOIN {q(owner.db_table)} o ON o.{q(owner.pk.column)} = p.{column} "
            f"WHERE p.{q('user_id')} = %s AND o.{q('lecture_id')} = %s"
        )

    opened = (
        f"SELECT {q('lecture_id')}, 2 FROM {q(LectureVisit._meta.db_table)} "
        f"WHERE {q('user_id')} = %s AND {q('lecture_id')} = %s"
    )
    return (
        f"{done(SectionProgress, 'section', 0)} UNION ALL "
        f"{done(ActionItemProgress, 'item', 1)} UNION ALL {opened}"
    )


def lecture_done_ids(user, lecture: Lecture) -> tuple[frozenset[int], frozenset[int], bool]:
    """The ids of the lecture's sections the user has read and of its action items
    they have done (archived sections included: lectures.content.cache knows which are
    visible), and whether they have opened the lecture before. One query.

    Written as SQL: it runs on every lecture page, and Django took about 0.5 ms to
    build it as a union of two querysets, the database 0.02 ms to answer it (issue
    9's profile).
    """
    with connection.cursor() as cursor:
        cursor.execute(_done_ids_sql(), [user.pk, lecture.pk] * 3)
        rows = cursor.fetchall()
    return (
        frozenset(pk for pk, kind in rows if kind == 0),
        frozenset(pk for pk, kind in rows if kind == 1),
        any(kind == 2 for _pk, kind in rows),
    )


def content_progress(content, read: frozenset[int], done: frozenset[int]) -> Progress:
    """The lecture's progress bar from its shared content (lectures.content.cache) and the
    ids lecture_done_ids read: visible sections read and items done."""
    return Progress(len(read & content.section_ids) + len(done & content.item_ids), content.size)
