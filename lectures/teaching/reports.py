"""Read models for a course's instructor report: where every student stands, sortable
and filterable over 100,000 students.

Figures come from the summary tables (LectureSummary, CourseSummary, kept by
lectures.teaching.summaries), never from aggregates over progress rows: the page query reads
one summary row per student, so sorting the first page by any column costs the
same however much progress there is. A student with no activity has no summary
rows yet: every figure is a scalar subquery on the student (LEFT JOIN semantics),
a missing count reads as 0 and a missing date or score as "never", which sorts
below every real one.

"Overdue" depends on the clock, so it is not a stored count: ReadingDue keeps each
student's unfinished assigned readings with their due dates, and the report counts
those due before now.

Who may read the report is lectures.access's: these functions take a course the
view looked up with access.get_course_taught_by, and start from
access.students_of(course). Like the selectors, they return data and never raise
Http404.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import islice

from django.contrib.auth import get_user_model
from django.db.models import (
    CharField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Concat
from django.db.models.lookups import LessThan

from lectures import access
from lectures.models import (
    ActionItem,
    ActionItemProgress,
    Course,
    CourseSummary,
    Lecture,
    LectureSummary,
    ReadingAssignment,
    ReadingDue,
    ReadingProgress,
    Section,
    SectionProgress,
)
from lectures.review import scheduling
from lectures.study import selectors
from lectures.study.selectors import Progress
from quizzes import results
from quizzes.models import Attempt, Quiz

# "Active this week" on the dashboard: some progress within this many days.
ACTIVE_DAYS = 7


# -- what the report's columns are ----------------------------------------------------


@dataclass(frozen=True)
class ReportLecture:
    """A published lecture as a pair of report columns."""

    pk: int
    title: str
    slug: str
    n_sections: int  # visible (not archived) sections
    has_quiz: bool


def report_lectures(course: Course) -> list[ReportLecture]:
    """The course's published lectures in order, with their visible sections counted:
    what students can read is what the report measures. One query."""
    visible = Section.objects.filter(lecture=OuterRef("pk"), archived=False)
    rows = (
        Lecture.objects.published()
        .filter(course=course)
        .annotate(
            n_sections=count_of(visible),
            has_quiz=Exists(Quiz.objects.filter(lecture=OuterRef("pk"))),
        )
        .order_by("position", "pk")
        .values_list("pk", "title", "slug", "n_sections", "has_quiz")
    )
    return [ReportLecture(*row) for row in rows]


def course_quizzes(course: Course) -> QuerySet[Quiz]:
    """Every quiz of the course, drafts included (instructors try those), in lecture order."""
    return (
        Quiz.objects.filter(lecture__course=course)
        .select_related("lecture")
        .only("title", "published", "lecture__title", "lecture__position")
        .order_by("lecture__position", "lecture", "title", "pk")
    )


def behind_threshold(lectures: Iterable[ReportLecture]) -> int:
    """Fewer sections read than this is "behind": half the course's visible sections,
    rounded up (4 of 9 is under half, 5 is not); 0 in a course with no sections."""
    return (sum(lecture.n_sections for lecture in lectures) + 1) // 2


# -- the figures, as subqueries on a User query -----------------------------------------


def count_of(queryset: QuerySet) -> Subquery:
    """A scalar subquery counting `queryset`'s rows (0 for none): COUNT without GROUP
    BY, so it needs no column to group the correlated rows on."""
    counted = queryset.order_by().annotate(n=Func("pk", function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())


def _deeper(ref):
    """`ref` as seen from one subquery further in (a model instance needs no change)."""
    return OuterRef(ref) if isinstance(ref, OuterRef) else ref


def _course_figure(course, name: str, user: str = "pk") -> Subquery:
    """The student's CourseSummary.`name` (None without a row); `course` is a Course
    or an OuterRef to one, `user` the outer query's field holding the student."""
    rows = CourseSummary.objects.filter(course=course, user=OuterRef(user))
    return Subquery(rows.values(name)[:1])


def _count_of(course, name: str, user: str = "pk") -> Coalesce:
    figure = _course_figure(course, name, user)
    return Coalesce(figure, Value(0), output_field=IntegerField())


def _lecture_figure(lecture_id: int, name: str) -> Subquery:
    return Subquery(
        LectureSummary.objects.filter(lecture_id=lecture_id, user=OuterRef("pk")).values(name)[:1]
    )


def _overdue_readings(course, now: datetime, user: str = "pk") -> QuerySet[ReadingDue]:
    """The course's readings overdue for the student at OuterRef(`user`): assigned to
    them directly or through a cohort they are in now, due before `now`, and not
    done. ReadingDue holds exactly those (each reading once, at its earliest due
    date), so this is one index range per student."""
    return ReadingDue.objects.filter(course=course, user=OuterRef(user), due_at__lt=now)


def overdue_count(course, now: datetime, user: str = "pk") -> Subquery:
    return count_of(_overdue_readings(course, now, user))


def behind(course, threshold, now: datetime, user: str = "pk") -> Q:
    """The filter "the student at `user` is behind": under half the sections read, or a
    reading overdue. `threshold` is an int, or an OuterRef to the course's."""
    read = _count_of(course, "sections_read", user)
    return Q(LessThan(read, threshold)) | Q(Exists(_overdue_readings(course, now, user)))


# -- the report's rows ----------------------------------------------------------------

NAME_ORDER = ("last_name", "first_name", "username")
SORTS = ("name", "username", "last_activity", "progress", "items", "readings", "overdue")
SORT_LABELS = {
    "name": "Name",
    "username": "Username",
    "last_activity": "Last activity",
    "progress": "Overall progress",
    "items": "Action items done",
    "readings": "Readings done",
    "overdue": "Readings overdue",
}


def sort_choices(lectures: list[ReportLecture]) -> list[tuple[str, str]]:
    """Every column the report sorts on: its own, then two per lecture (sections
    read, best quiz score)."""
    choices = [(key, SORT_LABELS[key]) for key in SORTS]
    for lecture in lectures:
        choices.append((f"read-{lecture.pk}", f"{lecture.title}: sections read"))
        choices.append((f"quiz-{lecture.pk}", f"{lecture.title}: best quiz score"))
    return choices


def _ordering(course, sort: str, descending: bool, now: datetime) -> list:
    """ORDER BY for a sort key. A missing date or score ("never") sorts below every
    real one: first going up, last going down. The primary key breaks ties, so
    pages never overlap."""
    if sort == "username":
        return [F("username").desc() if descending else F("username").asc()]
    if sort == "name":
        names = [F(name) for name in NAME_ORDER]
        return [n.desc() if descending else n.asc() for n in names]
    kind, _, lecture = sort.partition("-")
    nullable = False
    if kind == "read":
        expr = Coalesce(_lecture_figure(int(lecture), "sections_read"), 0)
    elif kind == "quiz":
        expr, nullable = _lecture_figure(int(lecture), "best_percent"), True
    elif sort == "last_activity":
        expr, nullable = _course_figure(course, "last_activity"), True
    elif sort == "overdue":
        expr = overdue_count(course, now)
    else:
        column = {"progress": "sections_read", "items": "items_done", "readings": "readings_done"}
        expr = _count_of(course, column[sort])
    if descending:
        key = expr.desc(nulls_last=True) if nullable else expr.desc()
    else:
        key = expr.asc(nulls_first=True) if nullable else expr.asc()
    tiebreak = F("pk").desc() if descending else F("pk").asc()
    return [key, tiebreak]


def report_students(
    course: Course,
    *,
    lectures: list[ReportLecture],
    now: datetime,
    cohort=None,
    query: str = "",
    behind_only: bool = False,
    sort: str = "name",
    descending: bool = False,
) -> QuerySet:
    """The students of the course to list, filtered and sorted, each with the course
    figures the row shows (`last_activity`, `sections_read`, `items_done`,
    `readings_done`). Per-lecture figures and "overdue" are read for a page's rows
    only (see report_rows)."""
    students = access.students_of(course)
    if cohort is not None:
        students = students.filter(cohorts=cohort)
    if query:
        students = students.alias(
            full_name=Concat("first_name", Value(" "), "last_name", output_field=CharField())
        ).filter(Q(username__icontains=query) | Q(full_name__icontains=query))
    if behind_only:
        students = students.filter(behind(course, behind_threshold(lectures), now))
    return (
        students.annotate(
            last_activity=_course_figure(course, "last_activity"),
            sections_read=_count_of(course, "sections_read"),
            items_done=_count_of(course, "items_done"),
            readings_done=_count_of(course, "readings_done"),
        )
        .order_by(*_ordering(course, sort, descending, now))
        .only("username", "first_name", "last_name")
    )


@dataclass(frozen=True)
class LectureCell:
    read: int
    total: int
    best_percent: int | None
    has_quiz: bool
    # FSRS's estimate of how much of the lecture's reviewed cards the student would
    # recall now, in percent; None before their first review.
    recall: int | None = None

    @property
    def progress(self) -> Progress:
        return Progress(min(self.read, self.total), self.total)


@dataclass(frozen=True)
class ReportRow:
    pk: int
    username: str
    name: str
    last_activity: datetime | None
    sections_read: int
    items_done: int
    readings_done: int
    overdue: int
    lectures: list[LectureCell] = field(default_factory=list)
    total_sections: int = 0
    threshold: int = 0

    @property
    def progress(self) -> Progress:
        """Sections read of the course's visible sections (the "behind" measure)."""
        return Progress(min(self.sections_read, self.total_sections), self.total_sections)

    @property
    def is_behind(self) -> bool:
        return self.overdue > 0 or self.sections_read < self.threshold


def report_rows(
    course: Course,
    students: list,
    lectures: list[ReportLecture],
    now: datetime,
    *,
    quiz_results: bool = False,
) -> list[ReportRow]:
    """The rows for `students` (from report_students), in their order: three
    queries, their lecture summaries, their overdue readings and their review cards'
    schedules (for the recall estimates), whatever their number. With
    `quiz_results`, each lecture's best quiz score is read from the quizzes' results
    (quizzes.results: only students' attempts count) in one more query, instead of
    from the summaries the page sorts on."""
    ids = [student.pk for student in students]
    cells: dict[tuple[int, int], tuple[int, int | None]] = {}
    summaries = LectureSummary.objects.filter(course=course, user_id__in=ids).values_list(
        "user_id", "lecture_id", "sections_read", "best_percent"
    )
    for user_id, lecture_id, read, best in summaries:
        cells[user_id, lecture_id] = (read, best)
    scores = results.best_percents(course, ids, by="lecture") if quiz_results else None
    overdue = dict(
        get_user_model()
        .objects.filter(pk__in=ids)
        .annotate(n=overdue_count(course, now))
        .values_list("pk", "n")
    )
    recall = scheduling.retention_by_lecture(ids, course, now)
    total = sum(lecture.n_sections for lecture in lectures)
    threshold = behind_threshold(lectures)
    rows = []
    for student in students:
        lecture_cells = []
        for lecture in lectures:
            read, best = cells.get((student.pk, lecture.pk), (0, None))
            if scores is not None:
                best = scores.get((student.pk, lecture.pk))
            estimate = recall.get((student.pk, lecture.pk))
            percent = None if estimate is None else round(100 * estimate)
            lecture_cells.append(
                LectureCell(read, lecture.n_sections, best, lecture.has_quiz, percent)
            )
        rows.append(
            ReportRow(
                pk=student.pk,
                username=student.get_username(),
                name=student.get_full_name(),
                last_activity=student.last_activity,
                sections_read=student.sections_read,
                items_done=student.items_done,
                readings_done=student.readings_done,
                overdue=overdue.get(student.pk, 0),
                lectures=lecture_cells,
                total_sections=total,
                threshold=threshold,
            )
        )
    return rows


def iter_report_rows(
    course: Course,
    students: QuerySet,
    lectures: list[ReportLecture],
    now: datetime,
    chunk_size: int = 2000,
) -> Iterator[ReportRow]:
    """Every row of `students`, read from a streaming cursor a chunk at a time, so
    memory stays flat however many students there are (the CSV export, whose quiz
    scores are the quizzes' results)."""
    cursor = students.iterator(chunk_size=chunk_size)
    while batch := list(islice(cursor, chunk_size)):
        yield from report_rows(course, batch, lectures, now, quiz_results=True)


# -- the dashboard's counts -------------------------------------------------------------


@dataclass(frozen=True)
class CourseCounts:
    students: int = 0
    active: int = 0
    behind: int = 0


def teaching_counts(courses: list[Course], now: datetime) -> dict[int, CourseCounts]:
    """Per course: its students, those active in the last week, those behind. One
    query however many courses (each count is a subquery on the course)."""
    if not courses:
        return {}
    week_ago = now - timedelta(days=ACTIVE_DAYS)
    course = OuterRef("pk")
    students = access.students_of(course)
    visible = Section.objects.filter(
        lecture__course=course, lecture__published=True, archived=False
    )
    active = CourseSummary.objects.filter(
        course=_deeper(course), user=OuterRef("pk"), last_activity__gte=week_ago
    )
    late = students.filter(behind(_deeper(course), OuterRef("threshold"), now))
    rows = (
        Course.objects.filter(pk__in=[c.pk for c in courses])
        .annotate(
            n_sections=count_of(visible),
            # behind_threshold in SQL: integer division rounds down on both databases.
            threshold=(F("n_sections") + 1) / 2,
            n_students=count_of(students),
            n_active=count_of(students.filter(Exists(active))),
            n_behind=count_of(late),
        )
        .values_list("pk", "n_students", "n_active", "n_behind")
    )
    return {pk: CourseCounts(*figures) for pk, *figures in rows}


# -- one student, one quiz ------------------------------------------------------------


@dataclass
class LectureWork:
    lecture: ReportLecture
    sections: list = field(default_factory=list)  # visible ones, each with `read_at`
    items: list = field(default_factory=list)  # action items, each with `done_at`
    attempts: list = field(default_factory=list)  # at the lecture's quizzes, newest first
    recall: int | None = None  # the report row's LectureCell.recall

    @property
    def progress(self) -> Progress:
        return Progress(sum(s.read_at is not None for s in self.sections), len(self.sections))


def student_work(course: Course, student, lectures: list[ReportLecture]) -> list[LectureWork]:
    """Everything `student` did in `lectures` (report_lectures: the published ones):
    each visible section and action item with when it was done, and their quiz
    attempts. Three queries, whatever the number of lectures."""
    work = {lecture.pk: LectureWork(lecture) for lecture in lectures}
    read = SectionProgress.objects.filter(section=OuterRef("pk"), user=student)
    sections = (
        Section.objects.filter(lecture_id__in=list(work), archived=False)
        .only("lecture_id", "title", "slug")
        .annotate(read_at=Subquery(read.values("completed_at")[:1]))
        .order_by("position", "pk")
    )
    for section in sections:
        work[section.lecture_id].sections.append(section)
    done = ActionItemProgress.objects.filter(item=OuterRef("pk"), user=student)
    items = (
        ActionItem.objects.filter(lecture_id__in=list(work))
        .annotate(done_at=Subquery(done.values("completed_at")[:1]))
        .order_by("position", "pk")
    )
    for item in items:
        work[item.lecture_id].items.append(item)
    for attempt in student_attempts(course, student):
        if attempt.quiz.lecture_id in work:
            work[attempt.quiz.lecture_id].attempts.append(attempt)
    return list(work.values())


def student_attempts(course: Course, student) -> QuerySet[Attempt]:
    return (
        Attempt.objects.filter(user=student, quiz__lecture__course=course)
        .select_related("quiz")
        .only(
            "started_at",
            "submitted_at",
            "percent",
            "passed",
            "late",
            "quiz__title",
            "quiz__lecture",
            "quiz__pass_mark",
        )
        .order_by("-started_at", "-pk")
    )


def student_readings(course: Course, student, now: datetime) -> list[ReadingAssignment]:
    """The readings assigned to the student in the course, each once (see
    selectors.unique_readings), with `done_at` and `is_overdue`. One query."""
    done = ReadingProgress.objects.filter(reading=OuterRef("reading"), user=student)
    rows = (
        selectors.assigned_readings(student)
        .filter(reading__course=course)
        .annotate(done_at=Subquery(done.values("completed_at")[:1]))
    )
    return selectors.unique_readings(rows, limit=1000, now=now)
