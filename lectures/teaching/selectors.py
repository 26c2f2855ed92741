"""Read models for the instructor's pages outside the report: a course's
assignments with how many have done them, and finding students to assign to."""

from __future__ import annotations

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from lectures import access
from lectures.models import Cohort, ReadingAssignment, ReadingProgress


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
