"""Read models for a course's instructor report: where every student stands, sortable
and filterable over 100,000 students.

Figures come from the summary tables (LectureSummary, CourseSummary, kept by
lectures.teaching.summaries), never from aggregates over progress rows: the page query reads
one summary row per student, so sorting the first page by any column costs the
same however much progress there is. A student with no activity has no summary
rows yet: every figure is a scalar subquery on the student (LEFT JOIN semantics),
a missing count reads as 0 and a missing date or score as "never", which sorts
below every real one.

What counts as overdue and behind is lectures.teaching.behind's: the report builds
each course's BehindRule from its lectures (ReportScope), filters and counts with
its SQL, sorts on the overdue readings it defines, and gives each row its Overdue.

Who may read the report is lectures.access's: these functions take a course the
view looked up with access.get_course_taught_by, and start from
access.students_of(course). Like the selectors, they return data and never raise
Http404.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import islice

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
from django.utils.translation import gettext, gettext_lazy, ngettext

from lectures import access
from lectures.models import (
    ActionItem,
    ActionItemProgress,
    Cohort,
    Course,
    CourseSummary,
    Lecture,
    LectureSummary,
    ReadingAssignment,
    ReadingProgress,
    Section,
    SectionProgress,
)
from lectures.review import scheduling
from lectures.study import selectors
from lectures.study.selectors import Progress
from quizzes import results
from quizzes.models import Attempt, Quiz

from .behind import (
    NOT_LATE,
    STUDENT,
    BehindRule,
    Overdue,
    behind,
    overdue_by_student,
    overdue_readings,
)

# "Active this week" on the dashboard: some progress within this many days.
ACTIVE_DAYS = 7


# -- what the report's columns are, and what "behind" counts --------------------------


@dataclass(frozen=True)
class ReportLecture:
    """A published lecture as report columns."""

    pk: int
    title: str
    slug: str
    n_sections: int  # visible (not archived) sections
    has_quiz: bool
    n_items: int = 0  # action items
    counted: bool = True  # towards "behind" (see BehindRule)


@dataclass(frozen=True)
class ReportScope:
    """A course's report at a moment: its columns and its rule for "behind"."""

    lectures: list[ReportLecture]  # the published lectures, in order
    rule: BehindRule


def _lecture_rows(courses: list[Course], now: datetime) -> list[tuple]:
    """Every lecture of `courses` in order, drafts too, with what the report and
    the rule need. One query."""
    quizzes = Quiz.objects.filter(lecture=OuterRef("pk"))
    return list(
        Lecture.objects.filter(course__in=courses)
        .annotate(
            n_sections=count_of(Section.objects.filter(lecture=OuterRef("pk"), archived=False)),
            n_items=count_of(ActionItem.objects.filter(lecture=OuterRef("pk"))),
            has_quiz=Exists(quizzes),
            n_due=count_of(quizzes.filter(published=True, due_at__lt=now)),
        )
        .order_by("position", "pk")
        .values_list(
            "pk",
            "course_id",
            "title",
            "slug",
            "published",
            "published_at",
            "n_sections",
            "n_items",
            "has_quiz",
            "n_due",
        )
    )


def _quizzes_due(courses: list[Course], rows: list[tuple], now: datetime) -> dict[int, tuple]:
    """Each course's quizzes due before `now` (published, on a published lecture),
    soonest first, as (id, title): one query, and none when _lecture_rows' `rows`
    count no such quiz (most of the time)."""
    if not any(row[4] and row[9] for row in rows):
        return {}
    due: dict[int, list[tuple[int, str]]] = {}
    quizzes = (
        Quiz.objects.filter(
            lecture__course__in=courses, lecture__published=True, published=True, due_at__lt=now
        )
        .order_by("due_at", "pk")
        .values_list("pk", "title", "lecture__course_id")
    )
    for pk, title, course_id in quizzes:
        due.setdefault(course_id, []).append((pk, title))
    return {course_id: tuple(pairs) for course_id, pairs in due.items()}


def _scope(course: Course, rows: list[tuple], now: datetime, due: tuple[int, ...]) -> ReportScope:
    """The scope of `course` from _lecture_rows' rows of its lectures and its quizzes
    due (_quizzes_due)."""
    since = course.counts_lectures_from(now)
    lectures, counted, uncounted = [], [], []
    sections = {True: 0, False: 0}
    for pk, _course, title, slug, published, published_at, n_sections, n_items, quiz, _ in rows:
        counts = published and published_at <= since
        (counted if counts else uncounted).append(pk)
        sections[counts] += n_sections
        if published:
            lectures.append(ReportLecture(pk, title, slug, n_sections, quiz, n_items, counts))
    rule = BehindRule(
        course.pk, tuple(counted), tuple(uncounted), sections[True], sections[False], due
    )
    return ReportScope(lectures, rule)


def report_scope(course: Course, now: datetime) -> ReportScope:
    """The course's published lectures in order, with their visible sections counted
    (what students can read is what the report measures), and its rule for
    "behind" at `now`. One query, and one more while a quiz is overdue."""
    rows = _lecture_rows([course], now)
    return _scope(course, rows, now, _quizzes_due([course], rows, now).get(course.pk, ()))


def course_quizzes(course: Course) -> QuerySet[Quiz]:
    """Every quiz of the course, drafts included (instructors try those), in lecture order."""
    return (
        Quiz.objects.filter(lecture__course=course)
        .select_related("lecture")
        .only("title", "published", "lecture__title", "lecture__position")
        .order_by("lecture__position", "lecture", "title", "pk")
    )


def set_quizzes(course: Course) -> list[Quiz]:
    """The quizzes students take (published, of published lectures) in lecture order:
    the CSV's quiz columns. Each has `column`, its title, with its lecture's where
    another quiz has the same title."""
    quizzes = list(
        Quiz.objects.filter(lecture__course=course, lecture__published=True, published=True)
        .select_related("lecture")
        .only("title", "lecture__title", "lecture__position")
        .order_by("lecture__position", "lecture", "title", "pk")
    )
    titles = Counter(quiz.title for quiz in quizzes)
    for quiz in quizzes:
        same = titles[quiz.title] > 1
        quiz.column = f"{quiz.title} ({quiz.lecture.title})" if same else quiz.title
    return quizzes


# -- the figures, as subqueries on a User query -----------------------------------------


def count_of(queryset: QuerySet) -> Subquery:
    """A scalar subquery counting `queryset`'s rows (0 for none): COUNT without GROUP
    BY, so it needs no column to group the correlated rows on."""
    counted = queryset.order_by().annotate(n=Func("pk", function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())


def _course_figure(course, name: str, user: str = "pk") -> Subquery:
    """The student's CourseSummary.`name` (None without a row); `course` is a Course
    or its primary key, `user` the outer query's field holding the student."""
    rows = CourseSummary.objects.filter(course=course, user=OuterRef(user))
    return Subquery(rows.values(name)[:1])


def _count_of(course, name: str, user: str = "pk") -> Coalesce:
    figure = _course_figure(course, name, user)
    return Coalesce(figure, Value(0), output_field=IntegerField())


def _lecture_figure(lecture_id: int, name: str) -> Subquery:
    return Subquery(
        LectureSummary.objects.filter(lecture_id=lecture_id, user=OuterRef("pk")).values(name)[:1]
    )


def overdue_count(course, now: datetime, user: str = "pk") -> Subquery:
    return count_of(overdue_readings(course, now, user))


# -- the report's rows ----------------------------------------------------------------

NAME_ORDER = ("last_name", "first_name", "username")
SORTS = ("name", "username", "last_activity", "progress", "items", "readings", "overdue")
SORT_LABELS = {
    "name": gettext_lazy("Name"),
    "username": gettext_lazy("Username"),
    "last_activity": gettext_lazy("Last activity"),
    "progress": gettext_lazy("Overall progress"),
    "items": gettext_lazy("Action items done"),
    "readings": gettext_lazy("Readings done"),
    "overdue": gettext_lazy("Readings overdue"),
}


def sort_choices(lectures: list[ReportLecture]) -> list[tuple[str, str]]:
    """Every column the report sorts on: its own, then two per lecture (sections
    read, best quiz score)."""
    choices = [(key, SORT_LABELS[key]) for key in SORTS]
    for lecture in lectures:
        names = {"lecture": lecture.title}
        choices.append((f"read-{lecture.pk}", gettext("%(lecture)s: sections read") % names))
        choices.append((f"quiz-{lecture.pk}", gettext("%(lecture)s: best quiz score") % names))
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
    scope: ReportScope,
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
    # "Behind" on the enrolment row, in the call that joins it (see STUDENT).
    late = (behind(scope.rule, now, STUDENT),) if behind_only else ()
    students = access.students_of(course, *late)
    if cohort is not None:
        students = students.filter(cohorts=cohort)
    if query:
        students = students.alias(
            full_name=Concat("first_name", Value(" "), "last_name", output_field=CharField())
        ).filter(Q(username__icontains=query) | Q(full_name__icontains=query))
    return (
        students.annotate(
            last_activity=_course_figure(course, "last_activity"),
            sections_read=_count_of(course, "sections_read"),
            items_done=_count_of(course, "items_done"),
            readings_done=_count_of(course, "readings_done"),
        )
        .order_by(*_ordering(course, sort, descending, now))
        .only("username", "first_name", "last_name", "email")
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
    items: int = 0  # action items done
    n_items: int = 0  # of the lecture's
    lecture: int = 0  # its primary key

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
    late: Overdue = NOT_LATE
    lectures: list[LectureCell] = field(default_factory=list)
    total_sections: int = 0
    total_items: int = 0
    # Sections read of the lectures "behind" counts, of how many, and the threshold.
    counted_read: int = 0
    counted_sections: int = 0
    threshold: int = 0
    email: str = ""
    # The CSV's alone (report_rows with quizzes): cohorts in the course, best score
    # per quiz.
    cohorts: tuple[str, ...] = ()
    quiz_best: dict[int, int] = field(default_factory=dict)

    @property
    def overdue(self) -> int:
        """Readings overdue (the column the report sorts on)."""
        return self.late.readings

    @property
    def progress(self) -> Progress:
        """Sections read of the course's visible sections."""
        return Progress(min(self.sections_read, self.total_sections), self.total_sections)

    @property
    def under_half_read(self) -> bool:
        return self.counted_read < self.threshold

    @property
    def is_behind(self) -> bool:
        return self.late.count > 0 or self.under_half_read

    @property
    def behind_reasons(self) -> list[str]:
        """Why the student is behind, in the report's words ([] when they are not):
        "reading overdue: <title>" or "quiz overdue: <title>" for one piece of work,
        "3 overdue" for more, and "under half read: 2 of 10 sections"."""
        reasons = []
        late = self.late
        if late.count == 1:
            if late.readings:
                reasons.append(gettext("reading overdue: %(title)s") % {"title": late.reading})
            else:
                reasons.append(gettext("quiz overdue: %(title)s") % {"title": late.quiz})
        elif late.count:
            reasons.append(
                ngettext("%(n)d overdue", "%(n)d overdue", late.count) % {"n": late.count}
            )
        if self.under_half_read:
            reasons.append(
                ngettext(
                    "under half read: %(read)d of %(n)d section",
                    "under half read: %(read)d of %(n)d sections",
                    self.counted_sections,
                )
                % {"read": self.counted_read, "n": self.counted_sections}
            )
        return reasons

    @property
    def behind_reason(self) -> str:
        return "; ".join(self.behind_reasons)


def report_rows(
    course: Course,
    students: list,
    scope: ReportScope,
    now: datetime,
    *,
    quizzes: list[Quiz] | None = None,
) -> list[ReportRow]:
    """The rows for `students` (from report_students), in their order: three
    queries, their lecture summaries, their overdue readings and their review
    cards' schedules (for the recall estimates), whatever their number; one more
    while a quiz is overdue (their attempts at it). With `quizzes` (the CSV's), two
    more: each row's cohorts and best score at each quiz."""
    ids = [student.pk for student in students]
    reads: dict[int, dict[int, int]] = {}
    bests: dict[int, dict[int, int | None]] = {}
    # Every lecture's rows, drafts' too: the rule's counted_read may subtract them.
    items_in: dict[tuple[int, int], int] = {}
    summaries = LectureSummary.objects.filter(course=course, user_id__in=ids).values_list(
        "user_id", "lecture_id", "sections_read", "best_percent", "items_done"
    )
    for user_id, lecture_id, read, best, items_done in summaries:
        reads.setdefault(user_id, {})[lecture_id] = read
        bests.setdefault(user_id, {})[lecture_id] = best
        items_in[user_id, lecture_id] = items_done
    late = overdue_by_student(course, ids, scope.rule, now)
    recall = scheduling.retention_by_lecture(ids, course, now)
    cohorts, quiz_best = _csv_details(course, ids, quizzes) if quizzes is not None else ({}, {})
    lectures, rule = scope.lectures, scope.rule
    total = sum(lecture.n_sections for lecture in lectures)
    items = sum(lecture.n_items for lecture in lectures)
    rows = []
    for student, pk in zip(students, ids, strict=True):
        read_in, best_in = reads.get(pk, {}), bests.get(pk, {})
        lecture_cells = []
        for lecture in lectures:
            estimate = recall.get((pk, lecture.pk))
            lecture_cells.append(
                LectureCell(
                    read_in.get(lecture.pk, 0),
                    lecture.n_sections,
                    best_in.get(lecture.pk),
                    lecture.has_quiz,
                    None if estimate is None else round(100 * estimate),
                    items_in.get((pk, lecture.pk), 0),
                    lecture.n_items,
                    lecture.pk,
                )
            )
        rows.append(
            ReportRow(
                pk=pk,
                username=student.get_username(),
                name=student.get_full_name(),
                last_activity=student.last_activity,
                sections_read=student.sections_read,
                items_done=student.items_done,
                readings_done=student.readings_done,
                late=late.get(pk, NOT_LATE),
                lectures=lecture_cells,
                total_sections=total,
                total_items=items,
                counted_read=rule.counted_read(student.sections_read, read_in),
                counted_sections=rule.counted_sections,
                threshold=rule.threshold,
                email=student.email,
                cohorts=tuple(cohorts.get(pk, ())),
                quiz_best=quiz_best.get(pk, {}),
            )
        )
    return rows


def _csv_details(course: Course, ids: list[int], quizzes: list[Quiz]) -> tuple[dict, dict]:
    """Each student's cohorts in the course (names, sorted) and counted score at each
    of `quizzes` (quizzes.results), by student. Two queries (one without quizzes)."""
    cohorts: dict[int, list[str]] = {}
    members = (
        Cohort.members.through.objects.filter(cohort__course=course, user_id__in=ids)
        .order_by("cohort__name")
        .values_list("user_id", "cohort__name")
    )
    for user_id, name in members:
        cohorts.setdefault(user_id, []).append(name)
    quiz_best: dict[int, dict[int, int]] = {}
    if quizzes:
        # The quizzes' results (quizzes.results): the one definition of whose
        # attempts count, shared with the results page and the admin.
        wanted = {quiz.pk for quiz in quizzes}
        for (user_id, quiz_id), percent in results.best_percents(course, ids).items():
            if quiz_id in wanted:
                quiz_best.setdefault(user_id, {})[quiz_id] = percent
    return cohorts, quiz_best


def iter_report_rows(
    course: Course,
    students: QuerySet,
    scope: ReportScope,
    now: datetime,
    *,
    quizzes: list[Quiz] | None = None,
    chunk_size: int = 2000,
) -> Iterator[ReportRow]:
    """Every row of `students`, read from a streaming cursor a chunk at a time, so
    memory stays flat however many students there are (the CSV export, with its
    `quizzes`: see report_rows)."""
    cursor = students.iterator(chunk_size=chunk_size)
    while batch := list(islice(cursor, chunk_size)):
        yield from report_rows(course, batch, scope, now, quizzes=quizzes)


# -- the dashboard's counts -------------------------------------------------------------


@dataclass(frozen=True)
class CourseCounts:
    students: int = 0
    active: int = 0
    behind: int = 0


def teaching_counts(courses: list[Course], now: datetime) -> dict[int, CourseCounts]:
    """Per course: its students, those active in the last week, those behind. Two
    queries however many courses (three while a quiz is overdue): their lectures
    (each course's BehindRule), then the counts, one part per course of a UNION ALL
    (each part has its own rule).

    Each part's subqueries refer to its course row rather than to the course's id:
    PostgreSQL then plans them as it did the one query this was, where a literal id
    led it to parallel scans whose JIT compilation cost more than they saved."""
    if not courses:
        return {}
    lecture_rows = _lecture_rows(courses, now)
    due = _quizzes_due(courses, lecture_rows, now)
    rows: dict[int, list[tuple]] = {course.pk: [] for course in courses}
    for row in lecture_rows:
        rows[row[1]].append(row)
    week_ago = now - timedelta(days=ACTIVE_DAYS)
    course = OuterRef("pk")
    students = access.students_of(course)
    active = CourseSummary.objects.filter(
        course=OuterRef(course), user=OuterRef("pk"), last_activity__gte=week_ago
    )
    parts = []
    for each in courses:
        rule = _scope(each, rows[each.pk], now, due.get(each.pk, ())).rule
        late = access.students_of(course, behind(rule, now, STUDENT, course=OuterRef(course)))
        parts.append(
            Course.objects.filter(pk=each.pk)
            .order_by()
            .annotate(
                n_students=count_of(students),
                n_active=count_of(students.filter(Exists(active))),
                n_behind=count_of(late),
            )
            .values_list("pk", "n_students", "n_active", "n_behind")
        )
    counted = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return {pk: CourseCounts(*figures) for pk, *figures in counted}


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
