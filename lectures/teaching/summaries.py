"""The instructor report's summary rows, kept in step with students' progress.

LectureSummary (per student and lecture) and CourseSummary (per student and
course) hold the figures the report sorts on. Every write that moves them calls
in here inside its own transaction:

- `summary_lock(user=, course=)` first: it locks the student's course row
  (creating it if need be), so two writes by the same student in one course
  queue, and each recount below sees the other's committed rows. Without it, two
  tabs marking two sections at once could each count only their own.
- then the progress write itself;
- then `summary_refresh(user=, lecture=)`, which recounts the student's lecture
  row and course row from the progress tables with one UPDATE each (recounting,
  not adding one, so a repeated or ignored write can never drift). Every figure,
  last activity included (the latest date in the progress tables), is a function
  of those tables: a rebuild gives exactly what the live writes gave.

Changes that touch every student of a lecture (a re-import archiving sections,
a quiz regrade) call `summaries_rebuild(lecture=)`, which recounts all of the
lecture's rows set-wise; `rebuild_summaries` (the command) rebuilds courses.

ReadingDue (a student's assigned, unfinished readings with their due dates) is
recomputed by `readings_due_refresh` for the students and readings a change can
move: an assignment saved, changed or withdrawn, a cohort's members, a reading
done or undone. It locks the readings it recomputes first, so a student marking
a reading done while an instructor assigns it ends with one of the two having
seen the other's committed write.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from django.db import connection, transaction
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, NullIf

from lectures import access, sql
from lectures.models import (
    ActionItemProgress,
    Cohort,
    Course,
    CourseSummary,
    Lecture,
    LectureSummary,
    Reading,
    ReadingAssignment,
    ReadingDue,
    ReadingProgress,
    SectionProgress,
)
from quizzes.models import Attempt


def _scalar(queryset: QuerySet, column: str, aggregate) -> Subquery:
    """A correlated scalar subquery: `aggregate` of `column` over `queryset`'s rows."""
    rows = queryset.order_by().values("user").annotate(v=aggregate(column)).values("v")[:1]
    return Subquery(rows)


def _lecture_figures() -> dict:
    """UPDATE expressions recounting a LectureSummary row from the progress tables."""
    mine = {"user": OuterRef("user")}
    read = SectionProgress.objects.filter(
        section__lecture=OuterRef("lecture"), section__archived=False, **mine
    )
    done = ActionItemProgress.objects.filter(item__lecture=OuterRef("lecture"), **mine)
    attempts = Attempt.objects.filter(
        quiz__lecture=OuterRef("lecture"), submitted_at__isnull=False, **mine
    )
    return {
        "sections_read": Coalesce(_scalar(read, "pk", Count), 0, output_field=IntegerField()),
        "items_done": Coalesce(_scalar(done, "pk", Count), 0, output_field=IntegerField()),
        "best_percent": _scalar(attempts, "percent", Max),
        "last_activity": last_activity_in_lecture(),
    }


def _course_figures() -> dict:
    """UPDATE expressions recounting a CourseSummary row from its lecture rows and
    the readings done."""
    lectures = LectureSummary.objects.filter(course=OuterRef("course"), user=OuterRef("user"))
    readings = ReadingProgress.objects.filter(
        reading__course=OuterRef("course"), user=OuterRef("user")
    )
    return {
        "sections_read": Coalesce(_scalar(lectures, "sections_read", Sum), 0),
        "items_done": Coalesce(_scalar(lectures, "items_done", Sum), 0),
        "readings_done": Coalesce(_scalar(readings, "pk", Count), 0, output_field=IntegerField()),
        "last_activity": last_activity_in_course(),
    }


def summary_lock(*, user, course: Course | int) -> None:
    """Lock the student's course summary row until the transaction ends (see the
    module docstring). Call inside transaction.atomic, before the progress write."""
    course_id = course if isinstance(course, int) else course.pk
    user_id = _pk(user)
    # As SQL: every toggle takes this lock, and the queryset cost more to build
    # than the database takes to lock the row (issue 9's profile).
    params = {"user": user_id, "course": course_id}
    with connection.cursor() as cursor:
        cursor.execute(sql.summary_lock(), params)
        if cursor.fetchone() is None:
            CourseSummary.objects.bulk_create(
                [CourseSummary(user_id=user_id, course_id=course_id)], ignore_conflicts=True
            )
            cursor.execute(sql.summary_lock(), params)


def summary_refresh(*, user, lecture: Lecture) -> None:
    """Recount the student's figures for `lecture` and its course. Call after the
    progress write, in the same transaction."""
    row = LectureSummary.objects.filter(user=user, lecture=lecture)
    if not row.update(**_lecture_figures()):
        LectureSummary.objects.bulk_create(
            [LectureSummary(user_id=_pk(user), lecture=lecture, course_id=lecture.course_id)],
            ignore_conflicts=True,
        )
        row.update(**_lecture_figures())
    summary_refresh_readings(user=user, course=lecture.course_id)


def summary_step(*, user, lecture: Lecture, field: str | None, change: int, when: datetime) -> None:
    """Move the student's rows by one progress write in `lecture`: `field`
    ("sections_read" or "items_done"; None for a row no figure counts, such as an
    archived section's) by `change`, +1 for a row added at `when`, -1 for a row
    removed. Call under summary_lock, after the write.

    A toggle is the site's most frequent write, and recounting took most of its
    time (issue 9's profile): stepping is exact because the lock orders this
    student's writes and the write itself said what changed. Last activity is the
    latest progress date: an added row can only raise it; after a removal it is
    recounted in the same statement. Written as SQL (one UPDATE per row) because
    Django's build of these expressions cost more than a toggle's budget; a row
    written around this (a restore, a bulk load) is what rebuild_summaries is for,
    and the hypothesis test holds stepping equal to a recount.
    """
    user_id, course_id = _pk(user), lecture.course_id
    moment = connection.ops.adapt_datetimefield_value(when)
    in_lecture = {"user": user_id, "lecture": lecture.pk}
    in_course = {"user": user_id, "course": course_id}
    with connection.cursor() as cursor:
        # The lecture's row first (the course's is locked already, so the order
        # cannot deadlock): the course's latest is read from it, and if it is
        # missing both are counted afresh instead.
        if change > 0:
            cursor.execute(sql.summary_raise("lecture", field), {**in_lecture, "moment": moment})
        else:
            cursor.execute(sql.summary_lower_lecture(field), in_lecture)
        if cursor.rowcount:
            if change > 0:
                cursor.execute(sql.summary_raise("course", field), {**in_course, "moment": moment})
            else:
                cursor.execute(sql.summary_lower_course(field), in_course)
            return
    # The student's first progress in the lecture, or rows written around the site.
    LectureSummary.objects.bulk_create(
        [LectureSummary(user_id=user_id, lecture=lecture, course_id=course_id)],
        ignore_conflicts=True,
    )
    LectureSummary.objects.filter(user=user, lecture=lecture).update(**_lecture_figures())
    summary_refresh_readings(user=user, course=course_id)


def summary_refresh_readings(*, user, course: Course | int) -> None:
    """Recount the student's course row (after a reading is done or undone, or
    after summary_refresh recounted one of its lectures)."""
    course_id = course if isinstance(course, int) else course.pk
    CourseSummary.objects.filter(user=user, course_id=course_id).update(**_course_figures())


def _pk(user) -> int:
    return user if isinstance(user, int) else user.pk


@transaction.atomic
def summaries_rebuild(
    *, course: Course, lecture: Lecture | None = None, create: bool = False
) -> int:
    """Recount every summary row of a course (or of one lecture and the course
    totals). Returns the number of lecture rows recounted.

    Live writes create a student's rows with their first progress, so a recount
    after a change to the lecture (sections archived, a regrade) has every row it
    needs; `create` also makes rows for every enrolled student (the command, and
    data from before summaries existed). Last activity comes from the progress
    tables' dates, so a rebuild gives what the live writes would have.
    """
    if create:
        _create_rows(course, [lecture] if lecture is not None else list(course.lectures.all()))
    rows = LectureSummary.objects.filter(course=course)
    if lecture is not None:
        rows = rows.filter(lecture=lecture)
    count = rows.update(**_lecture_figures())
    CourseSummary.objects.filter(course=course).update(**_course_figures())
    return count


def summaries_recount_course(*, course: Course | int) -> int:
    """Recount only the course rows (after readings are deleted, say)."""
    return CourseSummary.objects.filter(course=course).update(**_course_figures())


def _create_rows(course: Course, lectures: list[Lecture]) -> None:
    user_ids = list(access.students_of(course).values_list("pk", flat=True))
    LectureSummary.objects.bulk_create(
        [
            LectureSummary(user_id=user_id, lecture=each, course=course)
            for each in lectures
            for user_id in user_ids
        ],
        ignore_conflicts=True,
        batch_size=2000,
    )
    CourseSummary.objects.bulk_create(
        [CourseSummary(user_id=user_id, course=course) for user_id in user_ids],
        ignore_conflicts=True,
        batch_size=2000,
    )


def _latest(queryset: QuerySet, column: str):
    return _scalar(queryset, column, Max)


def last_activity_in_lecture():
    """The student's latest progress date in the lecture, as an UPDATE expression
    (lectures.sql.summary_lower_lecture is the same as SQL)."""
    mine = {"user": OuterRef("user")}
    return _greatest(
        _latest(
            SectionProgress.objects.filter(section__lecture=OuterRef("lecture"), **mine),
            "completed_at",
        ),
        _latest(
            ActionItemProgress.objects.filter(item__lecture=OuterRef("lecture"), **mine),
            "completed_at",
        ),
        _latest(
            Attempt.objects.filter(
                quiz__lecture=OuterRef("lecture"), submitted_at__isnull=False, **mine
            ),
            "submitted_at",
        ),
    )


def last_activity_in_course():
    """The student's latest progress date in the course, from their lecture rows and
    readings done, as an UPDATE expression (lectures.sql.summary_lower_course)."""
    lectures = LectureSummary.objects.filter(course=OuterRef("course"), user=OuterRef("user"))
    readings = ReadingProgress.objects.filter(
        reading__course=OuterRef("course"), user=OuterRef("user")
    )
    return _greatest(_latest(lectures, "last_activity"), _latest(readings, "completed_at"))


def _greatest(*values):
    """The latest of several possibly-NULL dates (NULL when all are): SQLite's
    MAX() of several is NULL as soon as one is, PostgreSQL's GREATEST skips NULLs."""
    floor = Value(datetime(1970, 1, 1, tzinfo=UTC))
    return NullIf(Greatest(*(Coalesce(value, floor) for value in values)), floor)


# Students recomputed per round of readings_due_refresh: keeps each IN list well
# under SQLite's bound on query parameters.
DUE_BATCH = 1000


def readings_due_refresh(*, course: Course | int, users: Iterable | None = None, readings=None):
    """Recompute the course's ReadingDue rows of `users` (users or ids; None: every
    student) for `readings` (readings or ids; None: all of the course's) from the
    assignments, the cohorts' members and the readings done. Call inside the
    transaction, after the write that changes them."""
    course_id = _pk(course)
    reading_ids = None if readings is None else [_pk(r) for r in readings]
    # Serialises with every other writer of these rows (see the module docstring).
    locked = Reading.objects.select_for_update().filter(course_id=course_id)
    if reading_ids is not None:
        locked = locked.filter(pk__in=reading_ids)
    list(locked.values_list("pk"))
    if users is None:
        _refresh_due(course_id, None, reading_ids)
        return
    user_ids = sorted({_pk(u) for u in users})
    for start in range(0, len(user_ids), DUE_BATCH):
        _refresh_due(course_id, user_ids[start : start + DUE_BATCH], reading_ids)


def _refresh_due(course_id: int, user_ids, reading_ids) -> None:
    """readings_due_refresh for a batch of students (or all): one query reads what
    should be due, then the rows in scope are replaced."""
    # The two ways an assignment reaches a student, each with the readings they have
    # done left out. Each is one filter() call so that the Exists and the columns
    # read share its joins (a second call would join the cohort's members anew).
    mine = {"student__isnull": False, "due_at__isnull": False, "reading__course_id": course_id}
    theirs = {"cohort__assignments__due_at__isnull": False}
    theirs["cohort__assignments__reading__course_id"] = course_id
    if reading_ids is not None:
        mine["reading_id__in"] = reading_ids
        theirs["cohort__assignments__reading_id__in"] = reading_ids
    if user_ids is not None:
        mine["student_id__in"] = user_ids
        theirs["user_id__in"] = user_ids
    direct = ReadingAssignment.objects.order_by().filter(
        ~Exists(
            ReadingProgress.objects.filter(user=OuterRef("student_id"), reading=OuterRef("reading"))
        ),
        **mine,
    )
    through_cohort = (
        Cohort.members.through.objects.order_by()
        .filter(
            ~Exists(
                ReadingProgress.objects.filter(
                    user=OuterRef("user_id"), reading=OuterRef("cohort__assignments__reading")
                )
            ),
            **theirs,
        )
        .values_list("user_id", "cohort__assignments__reading_id", "cohort__assignments__due_at")
    )
    rows = direct.values_list("student_id", "reading_id", "due_at").union(through_cohort, all=True)
    due: dict[tuple[int, int], datetime] = {}
    for user_id, reading_id, due_at in rows.iterator(chunk_size=5000):
        # Assigned twice (directly and through a cohort, say): the earlier date holds.
        key = (user_id, reading_id)
        if key not in due or due_at < due[key]:
            due[key] = due_at

    current = ReadingDue.objects.filter(course_id=course_id)
    if reading_ids is not None:
        current = current.filter(reading_id__in=reading_ids)
    if user_ids is not None:
        current = current.filter(user_id__in=user_ids)
    current.delete()
    ReadingDue.objects.bulk_create(
        [
            ReadingDue(user_id=user_id, reading_id=reading_id, course_id=course_id, due_at=due_at)
            for (user_id, reading_id), due_at in due.items()
        ],
        batch_size=2000,
    )
