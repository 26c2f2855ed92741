"""Read queries for the student pages: what a user may see and how far they are.

Counts come from correlated subqueries rather than joins, so one query serves a
whole list of lectures without multiplying rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from .models import (
    ActionItem,
    ActionItemProgress,
    Course,
    Enrolment,
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


def _course_access(user) -> Q:
    """Courses a user may open: enrolled, teaching, or a superuser's all."""
    if user.is_superuser:
        return Q()
    enrolled = Enrolment.objects.filter(course=OuterRef("pk"), user=user)
    teaching = Course.instructors.through.objects.filter(course=OuterRef("pk"), user=user)
    return Q(Exists(enrolled)) | Q(Exists(teaching))


def courses_for(user) -> QuerySet[Course]:
    return Course.objects.filter(_course_access(user))


def get_course_for_user(user, slug: str) -> Course:
    course = courses_for(user).filter(slug=slug).first()
    if course is None:
        raise Http404("No such course")
    return course


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


def lectures_with_progress(user, courses=None) -> QuerySet[Lecture]:
    """Lectures the user can study, annotated with their own progress counts."""
    visible = Section.objects.filter(lecture=OuterRef("pk"), archived=False)
    lectures = Lecture.objects.select_related("course").annotate(
        **_progress_counts(user, OuterRef("pk")),
        next_section=Subquery(
            visible.exclude(progress__user=user).order_by("position", "pk").values("slug")[:1]
        ),
    )
    if courses is not None:
        lectures = lectures.filter(course__in=courses)
    if user.is_superuser:
        lectures = lectures.annotate(teaching=Value(True))
    else:
        taught = Course.instructors.through.objects.filter(course=OuterRef("course"), user=user)
        lectures = lectures.annotate(teaching=Exists(taught)).filter(
            Q(published=True) | Q(teaching=True)
        )
    return lectures.order_by("course__title", "position", "pk")


def lecture_progress(lecture: Lecture) -> Progress:
    """Progress of an annotated lecture (see lectures_with_progress)."""
    return Progress(lecture.n_read + lecture.n_done, lecture.n_sections + lecture.n_items)


def get_lecture_for_user(user, course_slug: str, lecture_slug: str) -> Lecture:
    """The lecture with its course, or 404 when the user may not study it."""
    lecture = (
        lectures_with_progress(user, courses_for(user))
        .filter(course__slug=course_slug, slug=lecture_slug)
        .first()
    )
    if lecture is None:
        raise Http404("No such lecture")
    return lecture


def _markable(user, queryset, course_slug: str, lecture_slug: str, pk: int, **flag):
    """One section or action item the user may mark, annotated with `flag` and the
    lecture's progress counts, or a 404.

    One query answers access, the object and the counts, so a toggle response
    stays within its query budget.
    """
    obj = (
        queryset.select_related("lecture__course")
        .filter(
            pk=pk,
            lecture__slug=lecture_slug,
            lecture__course__slug=course_slug,
            lecture__course__in=courses_for(user),
        )
        .annotate(**flag, **_progress_counts(user, OuterRef("lecture_id")))
        .first()
    )
    if obj is None or not (obj.lecture.published or _teaches(user, obj.lecture)):
        raise Http404(f"No such {queryset.model._meta.verbose_name}")
    return obj


def section_for_user(user, course_slug: str, lecture_slug: str, pk: int) -> Section:
    """A visible section the user may mark read, with `is_read` and progress counts."""
    read = SectionProgress.objects.filter(section=OuterRef("pk"), user=user)
    sections = Section.objects.filter(archived=False)
    return _markable(user, sections, course_slug, lecture_slug, pk, is_read=Exists(read))


def item_for_user(user, course_slug: str, lecture_slug: str, pk: int) -> ActionItem:
    """An action item the user may tick, with `is_done` and progress counts."""
    done = ActionItemProgress.objects.filter(item=OuterRef("pk"), user=user)
    return _markable(
        user, ActionItem.objects.all(), course_slug, lecture_slug, pk, is_done=Exists(done)
    )


def _teaches(user, lecture: Lecture) -> bool:
    return user.is_superuser or lecture.course.instructors.filter(pk=user.pk).exists()


def assigned_readings(user) -> QuerySet[ReadingAssignment]:
    """Readings assigned to the user directly or through a cohort, soonest due first."""
    return (
        ReadingAssignment.objects.filter(Q(student=user) | Q(cohort__members=user))
        .filter(reading__course__in=courses_for(user))
        .select_related("reading__course", "reading__lecture__course", "reading__section")
        .annotate(
            is_done=Exists(ReadingProgress.objects.filter(reading=OuterRef("reading"), user=user))
        )
        .order_by("is_done", "due_at", "pk")
        .distinct()
    )
