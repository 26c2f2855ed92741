"""Read models for the student pages: the rows a page shows and how far the user is.

Who may see what is lectures.access's: these build querysets with the counts a
page needs, and access narrows them to what the user may see, in one query.
Counts come from correlated subqueries rather than joins, so one query serves a
whole list of lectures without multiplying rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from . import access
from .models import (
    ActionItem,
    ActionItemProgress,
    Lecture,
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


def _count(queryset: QuerySet) -> Coalesce:
    """A scalar subquery counting `queryset`'s rows per outer row."""
    counted = queryset.order_by().values("lecture_id").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")[:1], output_field=IntegerField()), 0)


def _progress_counts(user, lecture: OuterRef) -> dict:
    """Annotations counting a lecture's sections and items, and the user's done ones.

    `lecture` points at the lecture from the outer query ("pk" on Lecture,
    "lecture_id" on its sections and items).
    """
    visible = Section.objects.filter(lecture=lecture, archived=False)
    items = ActionItem.objects.filter(lecture=lecture)
    return {
        "n_sections": _count(visible),
        "n_read": _count(visible.filter(progress__user=user)),
        "n_items": _count(items),
        "n_done": _count(items.filter(progress__user=user)),
    }


def lecture_rows(user) -> QuerySet[Lecture]:
    """Lectures with their course, the user's progress counts and the next unread
    section's slug; narrow with lectures.access."""
    visible = Section.objects.filter(lecture=OuterRef("pk"), archived=False)
    return Lecture.objects.select_related("course").annotate(
        **_progress_counts(user, OuterRef("pk")),
        next_section=Subquery(
            visible.exclude(progress__user=user).order_by("position", "pk").values("slug")[:1]
        ),
    )


def lectures_with_progress(user, courses=None) -> QuerySet[Lecture]:
    """The lectures the user may study (of `courses`, if given), with progress."""
    lectures = lecture_rows(user)
    if courses is not None:
        lectures = lectures.filter(course__in=courses)
    return access.lectures_visible_to(user, lectures).order_by("course__title", "position", "pk")


def lecture_progress(lecture: Lecture) -> Progress:
    """Progress of an annotated lecture (see lecture_rows)."""
    return Progress(lecture.n_read + lecture.n_done, lecture.n_sections + lecture.n_items)


def section_rows(user) -> QuerySet[Section]:
    """Sections with `is_read` and their lecture's progress counts, so one query
    answers a toggle's lookup and its progress bar."""
    read = SectionProgress.objects.filter(section=OuterRef("pk"), user=user)
    # A toggle's answer shows the section's title, never its (possibly large) body.
    return Section.objects.defer("body").annotate(
        is_read=Exists(read), **_progress_counts(user, OuterRef("lecture_id"))
    )


def item_rows(user) -> QuerySet[ActionItem]:
    """Action items with `is_done` and their lecture's progress counts."""
    done = ActionItemProgress.objects.filter(item=OuterRef("pk"), user=user)
    return ActionItem.objects.annotate(
        is_done=Exists(done), **_progress_counts(user, OuterRef("lecture_id"))
    )


def assigned_readings(user) -> QuerySet[ReadingAssignment]:
    """Readings assigned to the user directly or through a cohort, in courses they
    may still open, soonest due first."""
    return (
        ReadingAssignment.objects.filter(Q(student=user) | Q(cohort__members=user))
        .filter(access.course_visible(user, "reading__course"))
        .select_related("reading__course", "reading__lecture__course", "reading__section")
        # The dashboard links to the section; its body can be large and is not shown.
        .defer("reading__section__body", "reading__lecture__overview")
        .annotate(
            is_done=Exists(ReadingProgress.objects.filter(reading=OuterRef("reading"), user=user))
        )
        .order_by("is_done", "due_at", "pk")
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
        .only("lecture", "when_label", "sort_key", "text", "section__slug", "section__title")
        .order_by("sort_key", "pk")
    )
