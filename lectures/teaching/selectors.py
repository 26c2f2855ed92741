"""Read models for the instructor's pages outside the report: a course's
assignments with how many have done them, finding students to assign to,
announcements as the pages show them, the teaching page's lectures with their
quizzes' state, and what a student with no progress sees of the course ("View as a
student")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from lectures import access
from lectures.content.rendering import render_bodies
from lectures.models import (
    ActionItem,
    Announcement,
    Cohort,
    Course,
    Lecture,
    Reading,
    ReadingAssignment,
    ReadingProgress,
    Section,
)
from quizzes.models import Attempt, Question, Quiz


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
        return gettext("a former instructor")
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


def _count_of(rows: QuerySet, column: str) -> Coalesce:
    """The number of `rows` (filtered on an OuterRef) as a correlated subquery, so
    counts of several relations never multiply each other's rows."""
    counted = rows.order_by().values(column).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _sized(lectures: QuerySet[Lecture]) -> QuerySet[Lecture]:
    """Lectures with `n_sections` (visible ones) and `n_items`."""
    return lectures.annotate(
        n_sections=_count_of(
            Section.objects.filter(lecture=OuterRef("pk"), archived=False), "lecture"
        ),
        n_items=_count_of(ActionItem.objects.filter(lecture=OuterRef("pk")), "lecture"),
    )


def teach_lectures(course) -> list[Lecture]:
    """The course's lectures in order, drafts included, for its teaching page: each
    with `n_sections`, `n_items`, `n_readings` (readings pointing at it) and
    `quizzes`, its quizzes oldest first with `n_questions`, `n_review` (questions
    flagged since the notes changed) and `n_attempts` (students' submitted attempts:
    the course's teachers trying a quiz do not count). Two queries, however many
    lectures and quizzes."""
    lectures = list(
        _sized(Lecture.objects.filter(course=course))
        .annotate(n_readings=_count_of(Reading.objects.filter(lecture=OuterRef("pk")), "lecture"))
        .defer("overview")
        .order_by("position", "pk")
    )
    teachers = access.teachers_of(course.pk).values("pk")
    questions = Question.objects.filter(quiz=OuterRef("pk"))
    quizzes = (
        Quiz.objects.filter(lecture__course=course)
        .annotate(
            n_questions=_count_of(questions, "quiz"),
            n_review=_count_of(questions.exclude(needs_review=""), "quiz"),
            n_attempts=_count_of(
                Attempt.objects.filter(quiz=OuterRef("pk"), submitted_at__isnull=False).exclude(
                    user__in=teachers
                ),
                "quiz",
            ),
        )
        .defer("description")
        .order_by("created", "pk")
    )
    by_lecture: dict[int, list[Quiz]] = {}
    for quiz in quizzes:
        by_lecture.setdefault(quiz.lecture_id, []).append(quiz)
    for lecture in lectures:
        lecture.course = course
        lecture.quizzes_state = by_lecture.get(lecture.pk, [])
        for quiz in lecture.quizzes_state:
            quiz.lecture = lecture
    return lectures


def lecture_readings_made(lecture: Lecture) -> tuple[set[int], set[int]]:
    """The ids of the lecture's action items and sections that already have a reading
    (readings_from_lecture makes none for them again). One query."""
    rows = Reading.objects.filter(
        Q(action_item__lecture=lecture) | Q(section__lecture=lecture, course=lecture.course_id)
    ).values_list("action_item_id", "section_id")
    items, sections = set(), set()
    for item_id, section_id in rows:
        if item_id is not None:
            items.add(item_id)
        if section_id is not None:
            sections.add(section_id)
    return items, sections


# -- what a student with no progress sees ("View as a student") ------------------------


def student_view_lectures(course) -> list[Lecture]:
    """The course's lectures as its students see them (published ones, in order), each
    with `n_sections` and `n_items` for a progress bar at nought. One query."""
    lectures = list(
        _sized(Lecture.objects.published().filter(course=course))
        .defer("overview")
        .order_by("position", "pk")
    )
    for lecture in lectures:
        lecture.course = course
    return lectures


def student_view_quizzes(lecture: Lecture) -> list[Quiz]:
    """The lecture's quizzes as its students see them (published ones), with
    `n_questions`, and `best` None: never tried. One query."""
    quizzes = list(
        Quiz.objects.published()
        .filter(lecture=lecture)
        .annotate(n_questions=_count_of(Question.objects.filter(quiz=OuterRef("pk")), "quiz"))
        .order_by("title", "pk")
    )
    for quiz in quizzes:
        quiz.lecture = lecture
        quiz.best = None
    return quizzes
