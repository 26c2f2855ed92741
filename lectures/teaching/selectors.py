"""Read models for the instructor's pages outside the report: a course's
assignments with how many have done them, finding students to assign to, and
announcements as the pages show them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.safestring import SafeString

from lectures import access
from lectures.content.rendering import render_bodies
from lectures.models import Announcement, Cohort, Course, ReadingAssignment, ReadingProgress


def course_assignments(course) -> QuerySet[ReadingAssignment]:
    """A course's assignments for its instructor, each with `n_total` (1 for a
    student, the cohort's current members) and `n_done` (of those, who marked the
    reading done), newest first. Counts are subqueries: one query per page."""
    done = ReadingProgress.objects.filter(reading=OuterRef("reading"))
    members = Cohort.members.through.objects.filter(cohort=OuterRef("cohort"))
    members_done = members.filter(
        Exists(
            ReadingProgress.objects.filter(
                reading=OuterRef(OuterRef("reading")), user=OuterRef("user")
            )
        )
    )

    def count(rows) -> Coalesce:
        counted = rows.order_by().values("cohort").annotate(n=Count("pk")).values("n")[:1]
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    return (
        ReadingAssignment.objects.filter(reading__course=course)
        .select_related("reading", "student", "cohort")
        .annotate(
            student_done=Exists(done.filter(user=OuterRef("student"))),
            cohort_total=count(members),
            cohort_done=count(members_done),
        )
        .order_by("-created", "-pk")
    )


def student_matches(course, query: str, picked: list[int], limit: int = 50) -> list:
    """Students of the course whose username or name contains `query` (every
    student when it is empty), at most `limit`, after the ones already `picked`."""
    students = access.students_of(course).order_by("last_name", "first_name", "username")
    chosen = list(students.filter(pk__in=picked)) if picked else []
    found = students.exclude(pk__in=picked)
    if query:
        found = found.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
        )
    return chosen + list(found[:limit])


# -- announcements ------------------------------------------------------------------------


@dataclass(frozen=True)
class AnnouncementRow:
    """An announcement as a page shows it: who, when, where, and its body as safe HTML."""

    pk: int
    course: Course
    author: str
    created: datetime
    html: SafeString


def author_name(author) -> str:
    """How an announcement names who posted it."""
    if author is None:
        return "a former instructor"
    return author.get_full_name() or author.get_username()


def announcement_rows(announcements: Iterable[Announcement]) -> list[AnnouncementRow]:
    """Rows for `announcements` (with their author and course selected), bodies
    rendered through the rendering cache: one round trip for the lot."""
    items = list(announcements)
    bodies = render_bodies([announcement.body for announcement in items])
    return [
        AnnouncementRow(
            pk=announcement.pk,
            course=announcement.course,
            author=author_name(announcement.author),
            created=announcement.created,
            html=html,
        )
        for announcement, html in zip(items, bodies, strict=True)
    ]


def course_announcements(course: Course) -> QuerySet[Announcement]:
    """A course's announcements, newest first, each with its author and course."""
    return Announcement.objects.filter(course=course).select_related("author", "course")


def latest_announcements(user, limit: int = 3) -> list[AnnouncementRow]:
    """The newest announcements of every course the user studies or teaches."""
    visible = access.announcements_visible_to(user).select_related("author", "course")
    return announcement_rows(visible[:limit])
