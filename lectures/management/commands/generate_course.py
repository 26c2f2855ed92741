"""python manage.py generate_course --students N [--course SLUG] [--lectures 20]
[--sections 10] [--items 3] [--seed 1] [--password P] [--replace] [--bulk]

Builds a synthetic course for the instructor report's benchmark (issue 8): N
students in cohorts of 30, an instructor (`<slug>-instructor`), lectures of
sections with action items, one published two-question quiz per lecture, five
readings assigned to the cohorts (two of them overdue), and progress with the
shape of a real class (lectures.management.synthetic says which).

The report's summary rows (LectureSummary, CourseSummary, ReadingDue) are filled
at the end by the site's own rebuild, the one `rebuild_summaries` runs, so they
hold what the site would have counted from the progress tables.

Students are `<slug>-s000001`… with one shared password hash, computed once:
unusable unless --password is given (hashing 100,000 times would take hours).

The big tables (users, enrolments, cohort members, progress and attempts) are
written with PostgreSQL's COPY through psycopg 3, or with bulk_create on other
databases (or on PostgreSQL with --bulk, for comparison), a few thousand
students per transaction so that no transaction's deferred foreign-key checks
grow with N. An interrupted run leaves a partial course: run again with
--replace. Other tables are small and go through the ORM.
"""

from __future__ import annotations

import random
import re
import time
from concurrent.futures import ThreadPoolExecutor

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from lectures.management.synthetic import (
    TABLES,
    USER_FIELDS,
    Rows,
    Shape,
    Simulation,
    accounts,
    analyze,
    course_delete,
    enrolments,
    memberships,
    shape_create,
    student_username_pattern,
    writer_for,
)
from lectures.models import (
    ActionItemProgress,
    Cohort,
    Course,
    CourseSummary,
    Enrolment,
    LectureSummary,
    ReadingDue,
    ReadingProgress,
    SectionProgress,
)
from lectures.teaching.summaries import readings_due_refresh, summaries_rebuild
from quizzes.models import Attempt

CHUNK = 2_500  # students per transaction
PROGRESS = {
    SectionProgress: "sections read",
    ActionItemProgress: "action items done",
    ReadingProgress: "readings done",
    Attempt: "quiz attempts",
}
SUMMARIES = (LectureSummary, CourseSummary, ReadingDue)


class Command(BaseCommand):
    help = "Generate a large synthetic course with students, progress and report summaries."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--students", type=int, required=True)
        parser.add_argument("--course", default="generated", help="the course's slug")
        parser.add_argument("--lectures", type=int, default=20)
        parser.add_argument("--sections", type=int, default=10, help="sections per lecture")
        parser.add_argument("--items", type=int, default=3, help="action items per lecture")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--password", help="one password for every generated login (default: unusable)"
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete the course and its generated students first",
        )
        parser.add_argument(
            "--bulk",
            action="store_true",
            help="use bulk_create even on PostgreSQL (to compare with COPY)",
        )

    def handle(self, *args, **options) -> None:
        slug: str = options["course"]
        students: int = options["students"]
        if not re.fullmatch(r"[-a-zA-Z0-9_]{1,60}", slug):
            raise CommandError(f"“{slug}” is not a slug (letters, digits, - and _).")
        for name in ("students", "lectures", "sections"):
            if options[name] < 1:
                raise CommandError(f"--{name} must be at least 1.")
        if options["items"] < 0:
            raise CommandError("--items cannot be negative.")
        writer = writer_for(bulk=options["bulk"])
        self.counts: dict[str, int] = {}
        timings: list[tuple[str, float]] = []
        began = time.perf_counter()

        existing = Course.objects.filter(slug=slug).first()
        leftovers = get_user_model().objects.filter(
            username__regex=student_username_pattern(slug), is_staff=False, is_superuser=False
        )
        if not options["replace"]:
            if existing is not None:
                raise CommandError(
                    f"A course “{slug}” already exists: pass --replace to delete it and its "
                    "generated students first, or choose another --course."
                )
            if leftovers.exists():
                raise CommandError(
                    f"Accounts named like {slug}-s000001 already exist (from an earlier run): "
                    "pass --replace to delete them first."
                )
        else:
            clock = time.perf_counter()
            with transaction.atomic():
                deleted = course_delete(existing, leftovers)
            timings.append(("delete the old course", time.perf_counter() - clock))
            if existing is not None or deleted:
                self.stdout.write(f"Deleted “{slug}” and {deleted:,} generated students.")

        rng = random.Random(options["seed"])
        # One hash shared by every account: the default PBKDF2 takes about a third of a
        # second per hash, which would be over nine hours for 100,000 students.
        password = make_password(options["password"])
        now = timezone.now().replace(microsecond=0)
        clock = time.perf_counter()
        with transaction.atomic():
            shape = shape_create(
                slug=slug,
                students=students,
                lectures=options["lectures"],
                sections=options["sections"],
                items=options["items"],
                password=password,
                rng=rng,
                now=now,
            )
        self.counts.update(shape.counts())
        timings.append(("course, lectures, quiz, readings", time.perf_counter() - clock))

        clock = time.perf_counter()
        user_ids, starts = self._students(writer, shape, students, password, rng, now)
        timings.append(("students, enrolments, cohorts", time.perf_counter() - clock))
        self.stdout.write(
            f"{students:,} students in {len(shape.cohorts):,} cohorts "
            f"({writer.name}, {timings[-1][1]:.1f} s); now their progress:"
        )
        self.stdout.flush()

        clock = time.perf_counter()
        self._progress(writer, Simulation(shape, rng, now), user_ids, starts)
        timings.append(("progress", time.perf_counter() - clock))

        self.stdout.write("Summaries: the site's rebuild, from the progress tables…")
        self.stdout.flush()
        clock = time.perf_counter()
        # Statistics first: the rebuild is planned against tables filled moments ago,
        # and the report's first query after it too.
        analyze([get_user_model(), *TABLES])
        timings.append(("analyze", time.perf_counter() - clock))
        clock = time.perf_counter()
        with transaction.atomic():
            summaries_rebuild(course=shape.course, create=True)
            readings_due_refresh(course=shape.course)
        for model, label in zip(
            SUMMARIES, ("lecture summaries", "course summaries", "readings due"), strict=True
        ):
            self.counts[label] = model.objects.filter(course=shape.course).count()
        timings.append(("summaries (the site's rebuild)", time.perf_counter() - clock))
        clock = time.perf_counter()
        analyze(SUMMARIES)
        timings.append(("analyze the summaries", time.perf_counter() - clock))

        total = time.perf_counter() - began
        self.stdout.write(f"Course “{slug}” generated with {writer.name} in {total:.1f} s:")
        for label, count in self.counts.items():
            self.stdout.write(f"  {label:<24} {count:>12,}")
        for label, seconds in timings:
            self.stdout.write(f"  {label:<34} {seconds:7.1f} s")
        self.stdout.write(f"Instructor: {slug}-instructor")

    def _students(self, writer, shape: Shape, n: int, password: str, rng, now):
        """Accounts, enrolments and cohort memberships, in one transaction; returns
        the students' ids and when each started."""
        rows, starts = accounts(shape, n, password=password, rng=rng, now=now)
        with transaction.atomic():
            user_ids = writer.write_returning_ids(get_user_model(), USER_FIELDS, rows)
            del rows
            writer.write(Enrolment, TABLES[Enrolment], enrolments(shape, user_ids, starts))
            membership = Cohort.members.through
            writer.write(membership, TABLES[membership], memberships(shape, user_ids))
        self.counts.update({"students": n, "enrolments": n, "cohort memberships": n})
        return user_ids, starts

    def _progress(self, writer, simulation: Simulation, user_ids, starts) -> None:
        def simulate(offset: int) -> Rows:
            rows = Rows()
            for number in range(offset, min(offset + CHUNK, len(user_ids))):
                simulation.student(rows, user_ids[number], starts[number])
            return rows

        began = time.perf_counter()
        reported = 0
        offsets = range(0, len(user_ids), CHUNK)
        # The next chunk is invented in a thread while the database takes this one:
        # psycopg releases the GIL while it waits, so the two cores both work. One
        # worker keeps the chunks, and so the random draws, in order.
        with ThreadPoolExecutor(max_workers=1) as pool:
            upcoming = pool.submit(simulate, offsets[0])
            for number, offset in enumerate(offsets):
                rows = upcoming.result()
                if number + 1 < len(offsets):
                    upcoming = pool.submit(simulate, offsets[number + 1])
                with transaction.atomic():
                    for model, label in PROGRESS.items():
                        table = rows.tables.get(model, [])
                        writer.write(model, TABLES[model], table)
                        self.counts[label] = self.counts.get(label, 0) + len(table)
                done = min(offset + CHUNK, len(user_ids))
                # About ten lines however large the course.
                if done * 10 // len(user_ids) > reported or done == len(user_ids):
                    reported = done * 10 // len(user_ids)
                    progress = sum(self.counts.get(label, 0) for label in PROGRESS.values())
                    self.stdout.write(
                        f"  {done:>9,} / {len(user_ids):,} students, {progress:,} rows, "
                        f"{time.perf_counter() - began:.1f} s"
                    )
                    self.stdout.flush()  # shows through a pipe too, as it happens
