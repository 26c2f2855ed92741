"""Benchmark: each hand-written statement of lectures.sql and quizzes.sql against the
ORM query it stands for, built and run through Django, on the demo course.

Prints, per statement, the median time of one call (SQL as the site runs it, and
the same rows through the ORM), and what the difference is worth on the pages
that run it (their medians from `make bench-pages`). A statement whose ORM form is
as fast within the pages' noise should go back to the ORM (issue 16); the rest
keep their SQL, and README's *Benchmarks* gives the figures.

    make bench-sql
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_sql make bench-sql

Writes run inside a savepoint that is rolled back, so every round starts from the
same rows.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from inprocess import configure, demo_half_read

configure("sql_bench", os.environ.get("BENCH_DATABASE_URL"))

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import (  # noqa: E402
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce  # noqa: E402
from django.utils import timezone  # noqa: E402

from lectures import access, sql  # noqa: E402
from lectures.models import (  # noqa: E402
    ActionItem,
    ActionItemProgress,
    CardState,
    CourseSummary,
    Lecture,
    LectureSummary,
    LectureVisit,
    Section,
    SectionProgress,
)
from lectures.review import queue  # noqa: E402
from lectures.review.cards import lecture_opened  # noqa: E402
from lectures.study import selectors  # noqa: E402
from lectures.teaching import summaries  # noqa: E402
from quizzes import selectors as quiz_selectors  # noqa: E402
from quizzes.models import Quiz  # noqa: E402


def setup():
    student, lecture, sections = demo_half_read()
    lecture_opened(user=student, lecture=lecture)
    lecture.teaching = False
    return student, lecture, sections[-1]


def execute(statement: str, params: dict):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else cursor.rowcount


def rolled_back(call):
    def run():
        with transaction.atomic():
            call()
            transaction.set_rollback(True)

    return run


def timed(call, rounds: int) -> float:
    """The median of `rounds` calls, in microseconds, after one to warm up."""
    call()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e6


def cases(student, lecture: Lecture, section: Section) -> dict[str, tuple]:
    """label -> (pages that run it, the SQL call, the ORM call)."""
    user, moment = student.pk, connection.ops.adapt_datetimefield_value(timezone.now())
    now = timezone.now()
    statements = sql.progress(SectionProgress)
    mine = {"user": user, "item": section.pk}
    rows = SectionProgress.objects.filter(user=student, section=section)
    in_lecture = {"user": user, "lecture": lecture.pk}
    in_course = {"user": user, "course": lecture.course_id}
    summary = LectureSummary.objects.filter(user=student, lecture=lecture)
    latest = Case(
        When(Q(last_activity__isnull=True) | Q(last_activity__lt=now), then=Value(now)),
        default=F("last_activity"),
    )

    def done_ids_orm():
        read = SectionProgress.objects.filter(user=student, section__lecture=lecture)
        done = ActionItemProgress.objects.filter(user=student, item__lecture=lecture)
        opened = LectureVisit.objects.filter(user=student, lecture=lecture)
        return list(
            read.values_list("section_id", Value(0))
            .union(done.values_list("item_id", Value(1)), all=True)
            .union(opened.values_list("lecture_id", Value(2)), all=True)
        )

    def quizzes_orm():
        best = Max(
            "attempts__percent",
            filter=Q(attempts__user=student, attempts__submitted_at__isnull=False),
        )
        return list(
            Quiz.objects.filter(lecture=lecture, published=True).annotate(
                n_questions=Count("questions", distinct=True),
                best=best,
                n_review=Count("questions", filter=~Q(questions__needs_review=""), distinct=True),
            )
        )

    def count(rows, by):
        counted = rows.order_by().values(by).annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    def figures_orm():
        visible = Section.objects.filter(lecture=OuterRef("pk"), archived=False)
        read = Exists(SectionProgress.objects.filter(section=OuterRef("pk"), user=student))
        done = ActionItemProgress.objects.filter(item__lecture=OuterRef("pk"), user=student)
        lectures = Lecture.objects.select_related("course").annotate(
            n_sections=count(visible, "lecture"),
            n_read=count(visible.filter(read), "lecture"),
            n_items=count(ActionItem.objects.filter(lecture=OuterRef("pk")), "lecture"),
            n_done=count(done, "item__lecture"),
            next_section=Subquery(
                visible.filter(~read).order_by("position", "pk").values("slug")[:1]
            ),
        )
        return list(access.lectures_visible_to(student, lectures))

    def toggle_row_orm():
        read = SectionProgress.objects.filter(
            user=student, section__lecture=OuterRef("lecture"), section__archived=False
        )
        done = ActionItemProgress.objects.filter(user=student, item__lecture=OuterRef("lecture"))
        return (
            Section.objects.defer("body", "lecture__overview")
            .annotate(
                is_done=Exists(
                    SectionProgress.objects.filter(user=student, section=OuterRef("pk"))
                ),
                n_done=count(read, "section__lecture") + count(done, "item__lecture"),
            )
            .get(pk=section.pk)
        )

    adapt = connection.ops.adapt_datetimefield_value
    due = {"user": user, "now": adapt(now), "before": adapt(queue.day_end(now))}
    return {
        "progress: find a row": (
            "toggles",
            lambda: execute(statements.find, mine),
            lambda: rows.exists(),
        ),
        "progress: add and remove a row": (
            "toggles",
            rolled_back(
                lambda: (
                    execute(statements.add, {**mine, "moment": moment}),
                    execute(statements.remove, mine),
                )
            ),
            rolled_back(
                lambda: (
                    SectionProgress.objects.create(user=student, section=section),
                    rows.delete(),
                )
            ),
        ),
        "summaries: lock the course row": (
            "toggles",
            rolled_back(lambda: execute(sql.summary_lock(), in_course)),
            rolled_back(
                lambda: list(
                    CourseSummary.objects.select_for_update()
                    .filter(user=student, course_id=lecture.course_id)
                    .values_list("pk")
                )
            ),
        ),
        "summaries: step a lecture row up": (
            "toggles",
            rolled_back(
                lambda: execute(
                    sql.summary_raise("lecture", "sections_read"), {**in_lecture, "moment": moment}
                )
            ),
            rolled_back(
                lambda: summary.update(sections_read=F("sections_read") + 1, last_activity=latest)
            ),
        ),
        "summaries: step a lecture row down": (
            "toggles",
            rolled_back(lambda: execute(sql.summary_lower_lecture("sections_read"), in_lecture)),
            rolled_back(
                lambda: summary.update(
                    sections_read=F("sections_read") - 1,
                    last_activity=summaries.last_activity_in_lecture(),
                )
            ),
        ),
        "the toggled section with its counts": (
            "toggles",
            lambda: selectors.section_rows(student).get(pk=section.pk),
            toggle_row_orm,
        ),
        "a lecture's done ids": (
            "lecture",
            lambda: execute(sql.lecture_done_ids(), in_lecture),
            done_ids_orm,
        ),
        "a lecture's quizzes": (
            "lecture",
            lambda: quiz_selectors.quizzes_for_lecture(student, lecture),
            quizzes_orm,
        ),
        "lectures with progress": (
            "dashboard, course, progress",
            lambda: list(selectors.lectures_with_progress(student)),
            figures_orm,
        ),
        "cards due now (navigation)": (
            "every page",
            lambda: execute(sql.review_due_count(False), due),
            lambda: access.card_states_of(student).filter(queue.due_now(now)).count(),
        ),
        "the next card": (
            "review",
            lambda: queue.next_card(student, now),
            lambda: (
                access.card_states_of(student)
                .filter(queue.due_now(now))
                .select_related("card", "lecture__course", "card__section")
                .order_by("due", "pk")
                .first()
            ),
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=500)
    args = parser.parse_args()
    student, lecture, section = setup()
    assert CardState.objects.filter(user=student).exists(), "the demo student has no cards"
    print(f"Hand-written SQL against the ORM on {connection.vendor}, median of {args.rounds}:")
    print(f"  {'statement':<40} {'SQL':>9} {'ORM':>9} {'ORM - SQL':>10}  pages")
    for label, (pages, by_sql, by_orm) in cases(student, lecture, section).items():
        fast, slow = timed(by_sql, args.rounds), timed(by_orm, args.rounds)
        print(f"  {label:<40} {fast:6.0f} µs {slow:6.0f} µs {slow - fast:+7.0f} µs  {pages}")


if __name__ == "__main__":
    sys.exit(main())
