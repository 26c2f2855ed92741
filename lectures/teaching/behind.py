"""Whether a student of a course is behind, and what they have overdue: the rule,
written twice side by side, as SQL filters for the report's "behind only" page and
the dashboard's count (`behind`), and in Python for the rows of one page
(`overdue_by_student`, BehindRule.counted_read).

"Overdue" depends on the clock, so it is not a stored count: ReadingDue keeps each
student's unfinished assigned readings with their due dates, and those due before
now are overdue (`overdue_readings`); a quiz past its due date (Quiz.due_at) is
overdue for every student of the course without a submitted attempt at it.

"Behind" (BehindRule) is a reading or quiz overdue, or under half the sections read
of the lectures published at least Course.behind_after_days ago: a lecture
published today makes nobody behind. It stays a filter in SQL over the summary
rows, so the "behind only" page and the dashboard's count cost about what they did:
the sections read in the counted lectures are the course row's total less the rows
of the lectures not counted (or the counted ones' rows, when fewer), looked up only
for the students whose total leaves it open, and the clauses that cannot hold (no
quiz due, no section to read) are left out of the query.

A module of its own because it is a rule rather than a page: the report
(lectures.teaching.reports) builds each BehindRule from its lectures, then filters,
counts, sorts and explains by what is here, so that what "behind" means changes in
one place, in both of its forms at once, and not among the report's columns.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThan

from lectures import access
from lectures.models import Course, CourseSummary, LectureSummary, ReadingDue
from quizzes.models import Attempt


@dataclass(frozen=True)
class BehindRule:
    """What makes a student of one course behind at one moment: a reading or quiz
    overdue, or fewer than `threshold` sections read of the `counted` lectures
    (those published at least Course.behind_after_days before; `uncounted` are the
    course's others, drafts included)."""

    course_id: int
    counted: tuple[int, ...]
    uncounted: tuple[int, ...]
    counted_sections: int  # visible sections of the counted lectures
    uncounted_sections: int  # and of the others: at most what a student read there
    # Published quizzes of published lectures due before the moment, soonest first,
    # as (id, title): each student's test is then a probe per quiz by id.
    quizzes_due: tuple[tuple[int, str], ...] = ()

    @property
    def due_ids(self) -> list[int]:
        return [pk for pk, _title in self.quizzes_due]

    @property
    def threshold(self) -> int:
        """Half the counted sections, rounded up (4 of 9 is under half, 5 is not);
        0 when no lecture counts yet."""
        return (self.counted_sections + 1) // 2

    @property
    def subtracts(self) -> bool:
        """Whether the sections read in the counted lectures are read as the course's
        total less the others' (when those are fewer: none, most weeks) rather than
        summed over the counted lectures' rows."""
        return len(self.uncounted) <= len(self.counted)

    def counted_read(self, course_read: int, read_by_lecture: dict[int, int]) -> int:
        """The sections read in the counted lectures from a student's course total and
        per-lecture figures, as the SQL of `behind` reads them."""
        if self.subtracts:
            return course_read - sum(read_by_lecture.get(pk, 0) for pk in self.uncounted)
        return sum(read_by_lecture.get(pk, 0) for pk in self.counted)


def _read_in(lecture_ids: tuple[int, ...], user: str = "pk") -> Coalesce:
    """The sections the student at OuterRef(`user`) has read in these lectures: a
    probe of the (user, lecture) index per lecture."""
    rows = LectureSummary.objects.filter(user=OuterRef(user), lecture_id__in=lecture_ids)
    total = rows.order_by().annotate(n=Func("sections_read", function="SUM")).values("n")
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def _under_half(rule: BehindRule, user: str, course) -> Q:
    """BehindRule.counted_read < threshold in SQL, on the student's course row. The
    sections read in the counted lectures are at most the course's total, and at
    least the total less the uncounted lectures' sections: only a student between
    the two costs a look at their lecture rows (with a lecture published this week,
    few do). A student without a course row has read nothing.

    An EXISTS on the row (and a NOT EXISTS for no row), not a scalar subquery of the
    figure: PostgreSQL can run an EXISTS correlated by equality either per student
    or, when the query looks at every student, as one hashed pass over the course's
    rows, and chooses by the number of students. The scalar form cost an index probe
    per student: at 100,000 students, half a second per query of the "behind only"
    page, which runs two (the count and the page)."""
    threshold = rule.threshold
    if not rule.uncounted:
        counted = F("sections_read")
    else:
        if rule.subtracts:
            exact = F("sections_read") - _read_in(rule.uncounted, "user")
        else:
            exact = _read_in(rule.counted, "user")
        counted = Case(
            When(sections_read__lt=threshold, then=F("sections_read")),
            When(sections_read__gte=threshold + rule.uncounted_sections, then=Value(threshold)),
            default=exact,
            output_field=IntegerField(),
        )
    row = CourseSummary.objects.filter(course=course, user=OuterRef(user))
    return Q(Exists(row.filter(LessThan(counted, threshold)))) | ~Q(Exists(row))


def overdue_readings(course, now: datetime, user: str = "pk") -> QuerySet[ReadingDue]:
    """The course's readings overdue for the student at OuterRef(`user`): assigned to
    them directly or through a cohort they are in now, due before `now`, and not
    done. ReadingDue holds exactly those (each reading once, at its earliest due
    date), so this is one index range per student."""
    return ReadingDue.objects.filter(course=course, user=OuterRef(user), due_at__lt=now)


def _overdue_quizzes(rule: BehindRule, user: str = "pk") -> Q:
    """The filter "the student at OuterRef(`user`) has submitted no attempt at one of
    the rule's quizzes due": a NOT EXISTS per quiz, each correlated by equality on
    the student alone, so that PostgreSQL can hash a quiz's submitted attempts once
    rather than probe them per student (see _under_half)."""
    late = Q()
    for pk in rule.due_ids:
        submitted = Attempt.objects.filter(
            quiz_id=pk, user=OuterRef(user), submitted_at__isnull=False
        )
        late |= ~Q(Exists(submitted))
    return late


# The student as access.students_of reaches them: through their enrolment in the
# course. "Behind" correlated on the enrolment row is a filter on the scan of the
# course's enrolments, which PostgreSQL estimates at every student, so it runs each
# EXISTS as one hashed pass over the course's rows (see _under_half); correlated on
# the user row, the filter sat on the inner side of the join to the enrolments,
# estimated at one row, and PostgreSQL probed the indexes once per student (at
# 100,000 students, 0.7 s for the "behind only" page's count). For a cohort's few
# students the enrolment is the inner side, and probing is what it should do.
STUDENT = access.ENROLLED_STUDENT


def behind(rule: BehindRule, now: datetime, user: str = "pk", course=None) -> Q:
    """The filter "the student at `user` is behind" (see BehindRule); `course` is
    the rule's course, or an OuterRef to it (see reports.teaching_counts)."""
    course = rule.course_id if course is None else course
    late = Q(Exists(overdue_readings(course, now, user)))
    if rule.quizzes_due:
        late |= _overdue_quizzes(rule, user)
    if not rule.threshold:
        return late
    return _under_half(rule, user, course) | late


# -- each student's overdue work, for the rows of a page ------------------------------


@dataclass(frozen=True)
class Overdue:
    """A student's overdue work: how many readings and quizzes, and the title of the
    first of each (the one to name when it is the only one)."""

    readings: int = 0
    reading: str = ""
    quizzes: int = 0
    quiz: str = ""

    @property
    def count(self) -> int:
        return self.readings + self.quizzes


NOT_LATE = Overdue()


def overdue_by_student(course: Course, ids: list[int], rule: BehindRule, now: datetime):
    """Each student's Overdue (students with none left out): one grouped read of
    their overdue readings, and one of their attempts at the quizzes due while one
    is. Plain index ranges rather than a subquery per student: PostgreSQL's generic
    plan for those, prepared and reused chunk after chunk of the CSV, crossed the
    JIT threshold and took ten times as long."""
    readings = (
        ReadingDue.objects.filter(course=course, user_id__in=ids, due_at__lt=now)
        .order_by()
        .values("user_id")
        # The title matters only when it is the one reading overdue: Min is it.
        .annotate(n=Count("pk"), title=Min("reading__title"))
        .values_list("user_id", "n", "title")
    )
    late = {user_id: Overdue(n, title) for user_id, n, title in readings}
    if not rule.quizzes_due:
        return late
    done: dict[int, set[int]] = {}
    submitted = (
        Attempt.objects.filter(
            user_id__in=ids, quiz_id__in=rule.due_ids, submitted_at__isnull=False
        )
        .order_by()
        .values_list("user_id", "quiz_id")
        .distinct()
    )
    for user_id, quiz_id in submitted:
        done.setdefault(user_id, set()).add(quiz_id)
    for user_id in ids:
        theirs = done.get(user_id, ())
        owed = [title for pk, title in rule.quizzes_due if pk not in theirs]
        if owed:
            seen = late.get(user_id, NOT_LATE)
            late[user_id] = replace(seen, quizzes=len(owed), quiz=owed[0])
    return late
