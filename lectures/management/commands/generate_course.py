"""python manage.py generate_course --students N [--course SLUG] [--lectures 20]
[--sections 10] [--items 3] [--seed 1] [--password P] [--replace] [--bulk]

Builds a synthetic course for the instructor report's benchmark (issue 8): N
students in cohorts of 30, an instructor (`<slug>-instructor`), lectures of
sections with action items, one published two-question quiz per lecture, five
readings assigned to the cohorts (two of them overdue), and progress with the
shape of a real class: a few students never start, most are early in the
course, few reach the end, some skip a section, most take the quiz of a
lecture they finished, some more than once, and a few leave an attempt open.

The report's summary rows (LectureSummary, CourseSummary, ReadingDue) are computed here in
Python from the same simulated progress, so they agree with a rebuild from the
progress tables by construction (a test holds the two equal). Quiz attempts
carry their scores but no answers: the report reads scores only.

Students are `<slug>-s000001`… with one shared password hash, computed once:
unusable unless --password is given (hashing 100,000 times would take hours).

The big tables (users, enrolments, cohort members, progress, attempts and the
summaries) are written with PostgreSQL's COPY through psycopg 3, or with
bulk_create on other databases (or on PostgreSQL with --bulk, for comparison),
a few thousand students per transaction so that no transaction's deferred
foreign-key checks grow with N. An interrupted run leaves a partial course:
run again with --replace. Other tables are small and go through the ORM.
"""

from __future__ import annotations

import math
import random
import re
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, models, transaction
from django.utils import timezone

from lectures.models import (
    ActionItem,
    ActionItemProgress,
    Cohort,
    Course,
    CourseSummary,
    Enrolment,
    Lecture,
    LectureSummary,
    Reading,
    ReadingAssignment,
    ReadingDue,
    ReadingProgress,
    Section,
    SectionProgress,
)
from quizzes.models import Answer, Attempt, Choice, Question, Quiz

COHORT_SIZE = 30
CHUNK = 2_500  # students per transaction
QUESTION_POINTS = (2, 3)  # percents of 0, 40, 60 and 100 rather than just 0/50/100
PASS_MARK = 60
# (title, due in days from now or None, share of cohorts it is assigned to)
READINGS = (
    ("Primary sources: a reader", -21, 1),
    ("Background essay", -7, 1),
    ("Case study", 7, 1),
    ("Further reading: the long view", 21, 2),
    ("Optional: interview transcript", None, 2),
)
TOPICS = (
    "treaty ports",
    "pipeline politics",
    "border question",
    "long peace",
    "oil boom",
    "trade routes",
    "new republic",
    "shifting alliances",
)
# fmt: off
FIRST_NAMES = (
    "Ada", "Ali", "Amira", "Ben", "Chen", "Chloé", "Dara", "Elif", "Emma", "Farid",
    "Grace", "Hana", "Ivan", "Jonas", "Kemal", "Lea", "Leyla", "Mateo", "Mia", "Nadia",
    "Noah", "Olga", "Omar", "Priya", "Ravi", "Sara", "Tomás", "Yusuf", "Zara", "Zoe",
)
LAST_NAMES = (
    "Abbasov", "Aliyeva", "Bauer", "Brown", "Cohen", "Demir", "García", "Hasanov",
    "Ivanova", "Jones", "Kim", "Kowalski", "Lopez", "Mammadov", "Martin", "Müller",
    "Nguyen", "Novak", "Okafor", "Petrov", "Quliyev", "Rossi", "Sato", "Silva", "Smith",
    "Taylor", "Volkov", "Wang", "Yilmaz", "Zhang",
)
# fmt: on


@dataclass
class Shape:
    """The course's structure, as primary keys in course order."""

    course: Course
    lectures: list[int]
    sections: list[list[int]]
    items: list[list[int]]
    quizzes: list[int]
    readings: list[int]
    cohorts: list[int]
    sections_per_lecture: int

    @property
    def section_count(self) -> int:
        return len(self.lectures) * self.sections_per_lecture


@dataclass
class Rows:
    """One chunk's rows per table, as tuples in the order of TABLES' fields."""

    tables: dict[type[models.Model], list[tuple]] = field(default_factory=dict)

    def add(self, model: type[models.Model], row: tuple) -> None:
        self.tables.setdefault(model, []).append(row)


# The columns written for each big table; COPY needs every NOT NULL column named,
# since Django's defaults live in Python, not in the database.
USER_FIELDS = (
    "password",
    "is_superuser",
    "username",
    "first_name",
    "last_name",
    "email",
    "is_staff",
    "is_active",
    "date_joined",
)
TABLES: dict[type[models.Model], tuple[str, ...]] = {
    Enrolment: ("course_id", "user_id", "joined"),
    Cohort.members.through: ("cohort_id", "user_id"),
    SectionProgress: ("user_id", "section_id", "completed_at"),
    ActionItemProgress: ("user_id", "item_id", "completed_at"),
    ReadingProgress: ("user_id", "reading_id", "completed_at"),
    Attempt: (
        "quiz_id",
        "user_id",
        "started_at",
        "submitted_at",
        "score",
        "max_score",
        "percent",
        "passed",
        "late",
        "seed",
    ),
    LectureSummary: (
        "user_id",
        "lecture_id",
        "course_id",
        "sections_read",
        "items_done",
        "best_percent",
        "last_activity",
    ),
    CourseSummary: (
        "user_id",
        "course_id",
        "sections_read",
        "items_done",
        "readings_done",
        "last_activity",
    ),
    ReadingDue: ("user_id", "reading_id", "course_id", "due_at"),
}


class CopyWriter:
    """Writes rows with COPY … FROM STDIN (psycopg 3's cursor.copy): several times
    faster than multi-row INSERTs for millions of rows (see `make bench-report`)."""

    name = "COPY"

    def write(self, model: type[models.Model], fields: Sequence[str], rows: Iterable[tuple]):
        quote = connection.ops.quote_name
        opts = model._meta
        columns = ", ".join(quote(opts.get_field(name).column) for name in fields)
        sql = f"COPY {quote(opts.db_table)} ({columns}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)

    def write_returning_ids(self, model, fields, rows: list[tuple]) -> list[int]:
        # Ids drawn from the table's own sequence first, so they are known without
        # reading the rows back, and later inserts by the site never collide.
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, len(rows)],
            )
            ids = [pk for (pk,) in cursor.fetchall()]
        self.write(model, ("id", *fields), ((pk, *row) for pk, row in zip(ids, rows, strict=True)))
        return ids


class BulkWriter:
    """Writes rows with bulk_create, for databases without COPY."""

    name = "bulk_create"
    batch_size = 2_000

    def write(self, model: type[models.Model], fields: Sequence[str], rows: Iterable[tuple]):
        model.objects.bulk_create(
            (model(**dict(zip(fields, row, strict=True))) for row in rows),
            batch_size=self.batch_size,
        )

    def write_returning_ids(self, model, fields, rows: list[tuple]) -> list[int]:
        objs = [model(**dict(zip(fields, row, strict=True))) for row in rows]
        model.objects.bulk_create(objs, batch_size=self.batch_size)
        if objs and objs[0].pk is None:
            raise CommandError(f"{connection.vendor} does not return ids from bulk inserts.")
        return [obj.pk for obj in objs]


def student_username_pattern(slug: str) -> str:
    """The generated students' usernames, as a regex: what --replace deletes."""
    return rf"^{slug}-s[0-9]{{6,}}$"


class Simulation:
    """Invents each student's progress and the summary rows it implies."""

    SKIP = 0.08  # chance of skipping a section on the way
    NEVER_STARTED = 0.08

    def __init__(self, shape: Shape, rng: random.Random, now: datetime) -> None:
        self.shape = shape
        self.rng = rng
        self.now = now
        self.max_score = Decimal(sum(QUESTION_POINTS))

    def _when(self, moment: datetime) -> datetime:
        return min(moment, self.now)

    def student(self, rows: Rows, user_id: int, start: datetime, cohort: int) -> None:
        """Invent one student's progress; `cohort` is their cohort's number (0, 1, …),
        which says which readings they were assigned."""
        shape, rng, now = self.shape, self.rng, self.now
        per_lecture = shape.sections_per_lecture
        total = shape.section_count
        # Skewed: the square of a uniform draw puts most students early in the course.
        reach = 0 if rng.random() < self.NEVER_STARTED else round(rng.random() ** 2 * total)
        share = reach / total
        last = start + (now - timedelta(days=1) - start) * rng.uniform(0.4, 1.0)
        step = (last - start) / max(reach, 1)
        skill = rng.uniform(0.35, 0.95)
        course_sections = course_items = 0
        course_last: datetime | None = None

        for index, lecture_id in enumerate(shape.lectures):
            first = index * per_lecture
            read = done = 0
            best: int | None = None
            active: datetime | None = None
            for position in range(first, min(reach, first + per_lecture)):
                if rng.random() < self.SKIP:
                    continue
                active = start + step * (position + 1)
                rows.add(
                    SectionProgress, (user_id, shape.sections[index][position - first], active)
                )
                read += 1
            if reach > first:
                finished = reach >= first + per_lecture
                ended = start + step * min(reach, first + per_lecture)
                chance = 0.65 if finished else 0.2
                for item_id in shape.items[index]:
                    if rng.random() < chance:
                        when = self._when(ended + timedelta(minutes=rng.uniform(1, 180)))
                        rows.add(ActionItemProgress, (user_id, item_id, when))
                        done += 1
                        active = max(active or when, when)
                if finished and rng.random() < 0.75:
                    best, when = self._attempts(rows, user_id, shape.quizzes[index], ended, skill)
                    active = max(active or when, when)
                elif not finished and rng.random() < 0.03:
                    # An attempt left open: it moves no figure until it is submitted.
                    rows.add(
                        Attempt,
                        (shape.quizzes[index], user_id, self._when(ended), None)
                        + (None, None, None, None, False, rng.randrange(2**31)),
                    )
            rows.add(
                LectureSummary,
                (user_id, lecture_id, shape.course.pk, read, done, best, active),
            )
            course_sections += read
            course_items += done
            if active is not None:
                course_last = max(course_last or active, active)

        readings_done = 0
        chance = 0.1 + 0.75 * share if reach else 0.02
        for reading_id, (_title, due, share) in zip(shape.readings, READINGS, strict=True):
            if rng.random() < chance:
                when = self._when(start + (last - start) * rng.random())
                rows.add(ReadingProgress, (user_id, reading_id, when))
                readings_done += 1
                course_last = max(course_last or when, when)
            elif due is not None and cohort % share == 0:
                due_at = now + timedelta(days=due)
                rows.add(ReadingDue, (user_id, reading_id, shape.course.pk, due_at))
        rows.add(
            CourseSummary,
            (user_id, shape.course.pk, course_sections, course_items, readings_done, course_last),
        )

    def _attempts(
        self, rows: Rows, user_id: int, quiz_id: int, after: datetime, skill: float
    ) -> tuple[int, datetime]:
        """One to three submitted attempts, each a little better on average; returns
        the best percent and when the last was submitted."""
        rng = self.rng
        tries = 1 + (rng.random() < 0.3) + (rng.random() < 0.1)
        best, submitted = 0, after
        for attempt in range(tries):
            right = min(0.98, skill + 0.1 * attempt)
            score = sum(points for points in QUESTION_POINTS if rng.random() < right)
            percent = 100 * score // int(self.max_score)
            submitted = self._when(submitted + timedelta(hours=rng.uniform(0.2, 30)))
            started = submitted - timedelta(minutes=rng.uniform(2, 15))
            passed = score * 100 >= PASS_MARK * self.max_score
            rows.add(
                Attempt,
                (quiz_id, user_id, started, submitted, Decimal(score), self.max_score)
                + (percent, passed, False, rng.randrange(2**31)),
            )
            best = max(best, percent)
        return best, submitted


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
        copy = connection.vendor == "postgresql" and not options["bulk"]
        writer = CopyWriter() if copy else BulkWriter()
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
                deleted = self._delete(existing, leftovers)
            timings.append(("delete the old course", time.perf_counter() - clock))
            if existing is not None or deleted:
                self.stdout.write(f"Deleted “{slug}” and {deleted:,} generated students.")

        rng = random.Random(options["seed"])
        # One hash shared by every account: the default PBKDF2 takes about a third of a
        # second per hash, which would be over nine hours for 100,000 students.
        self.password = make_password(options["password"])
        now = timezone.now().replace(microsecond=0)
        clock = time.perf_counter()
        with transaction.atomic():
            shape = self._structure(options, slug, students, rng, now)
        timings.append(("course, lectures, quiz, readings", time.perf_counter() - clock))

        clock = time.perf_counter()
        user_ids, starts = self._students(writer, shape, students, options, rng, now)
        timings.append(("students, enrolments, cohorts", time.perf_counter() - clock))
        self.stdout.write(
            f"{students:,} students in {len(shape.cohorts):,} cohorts "
            f"({writer.name}, {timings[-1][1]:.1f} s); now their progress:"
        )
        self.stdout.flush()

        clock = time.perf_counter()
        self._progress(writer, shape, user_ids, starts, rng, now)
        timings.append(("progress and summaries", time.perf_counter() - clock))

        if connection.vendor == "postgresql":
            # Fresh statistics, or the first report plans against an "empty" table.
            clock = time.perf_counter()
            with connection.cursor() as cursor:
                for model in (get_user_model(), *TABLES):
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
            timings.append(("analyze", time.perf_counter() - clock))

        total = time.perf_counter() - began
        self.stdout.write(f"Course “{slug}” generated with {writer.name} in {total:.1f} s:")
        for label, count in self.counts.items():
            self.stdout.write(f"  {label:<24} {count:>12,}")
        for label, seconds in timings:
            self.stdout.write(f"  {label:<34} {seconds:7.1f} s")
        self.stdout.write(f"Instructor: {slug}-instructor")

    def _count(self, label: str, n: int) -> None:
        self.counts[label] = self.counts.get(label, 0) + n

    def _delete(self, course: Course | None, students) -> int:
        """Delete the course and its generated students, fast at any size.

        Deleting a course through the ORM collects every attempt into memory (answers
        hang off them), which at a million attempts takes minutes: attempts go first
        with one DELETE per quiz, after their answers. The rest cascades through
        fast deletes (one statement per related table).
        """
        if course is not None:
            table = connection.ops.quote_name(Attempt._meta.db_table)
            for quiz_id in Quiz.objects.filter(lecture__course=course).values_list("pk", flat=True):
                Answer.objects.filter(attempt__quiz_id=quiz_id).delete()
                with connection.cursor() as cursor:
                    cursor.execute(f"DELETE FROM {table} WHERE quiz_id = %s", [quiz_id])
            course.delete()
        # Their attempts elsewhere (there should be none) would be collected one by one.
        Attempt.objects.filter(user__in=students).delete()
        _total, per_model = students.delete()
        return per_model.get(students.model._meta.label, 0)

    def _structure(self, options, slug: str, students: int, rng, now) -> Shape:
        """The course and everything in it that does not grow with the students."""
        User = get_user_model()
        password = self.password
        course = Course.objects.create(
            title=f"Generated course ({students:,} students)",
            slug=slug,
            description="Synthetic data for the instructor report's benchmark.",
            created=now - timedelta(days=200),
        )
        instructor, _ = User.objects.update_or_create(
            username=f"{slug}-instructor",
            defaults={
                "is_staff": True,
                "email": f"{slug}-instructor@example.com",
                "first_name": "Ina",
                "last_name": "Structor",
                "password": password,
            },
        )
        course.instructors.add(instructor)

        lectures = Lecture.objects.bulk_create(
            Lecture(
                course=course,
                title=f"Lecture {n}: {rng.choice(LAST_NAMES)} and the {rng.choice(TOPICS)}",
                slug=f"lecture-{n:02d}",
                overview=f"What lecture {n} covers, in a paragraph.",
                position=n,
                published=True,
            )
            for n in range(1, options["lectures"] + 1)
        )
        sections = Section.objects.bulk_create(
            Section(
                lecture=lecture,
                title=f"Part {m} of lecture {lecture.position}",
                slug=f"part-{m}",
                body=f"- A first point of part {m}.\n- A second point, with **emphasis**.\n",
                position=m,
            )
            for lecture in lectures
            for m in range(1, options["sections"] + 1)
        )
        items = ActionItem.objects.bulk_create(
            ActionItem(
                lecture=lecture, text=f"Exercise {k} of lecture {lecture.position}.", position=k
            )
            for lecture in lectures
            for k in range(1, options["items"] + 1)
        )
        quizzes = Quiz.objects.bulk_create(
            Quiz(
                lecture=lecture,
                title=f"Check your understanding of lecture {lecture.position}",
                published=True,
                pass_mark=PASS_MARK,
                created=now - timedelta(days=200),
            )
            for lecture in lectures
        )
        by_lecture: dict[int, list[Section]] = {}
        for section in sections:
            by_lecture.setdefault(section.lecture_id, []).append(section)
        self._questions(quizzes, by_lecture)

        cohort_count = math.ceil(students / COHORT_SIZE)
        width = len(str(cohort_count))
        cohorts = Cohort.objects.bulk_create(
            (
                Cohort(course=course, name=f"Cohort {k:0{width}d}")
                for k in range(1, cohort_count + 1)
            ),
            batch_size=2_000,
        )
        readings = Reading.objects.bulk_create(
            Reading(
                course=course,
                title=title,
                # Readings point at a URL or a whole lecture, never a section: marking
                # a section's reading done would also mark the section read.
                url="" if n % 2 else f"https://example.org/readings/{n}",
                lecture=lectures[n % len(lectures)] if n % 2 else None,
                note="Generated.",
            )
            for n, (title, _due, _share) in enumerate(READINGS)
        )
        ReadingAssignment.objects.bulk_create(
            (
                ReadingAssignment(
                    reading=reading,
                    cohort=cohort,
                    due_at=None if due is None else now + timedelta(days=due),
                    assigned_by=instructor,
                    created=now - timedelta(days=60),
                )
                for reading, (_title, due, share) in zip(readings, READINGS, strict=True)
                for number, cohort in enumerate(cohorts)
                if number % share == 0
            ),
            batch_size=2_000,
        )
        self._count("lectures", len(lectures))
        self._count("sections", len(sections))
        self._count("action items", len(items))
        self._count("quizzes", len(quizzes))
        self._count("readings", len(readings))
        self._count("cohorts", len(cohorts))
        self._count(
            "reading assignments", ReadingAssignment.objects.filter(reading__course=course).count()
        )
        return Shape(
            course=course,
            lectures=[lecture.pk for lecture in lectures],
            sections=[[s.pk for s in by_lecture[lecture.pk]] for lecture in lectures],
            items=[[i.pk for i in items if i.lecture_id == lecture.pk] for lecture in lectures],
            quizzes=[quiz.pk for quiz in quizzes],
            readings=[reading.pk for reading in readings],
            cohorts=[cohort.pk for cohort in cohorts],
            sections_per_lecture=options["sections"],
        )

    @staticmethod
    def _questions(quizzes: list[Quiz], sections: dict[int, list[Section]]) -> None:
        questions = Question.objects.bulk_create(
            Question(
                quiz=quiz,
                kind=kind,
                prompt=prompt.format(n=quiz.lecture.position),
                section=sections[quiz.lecture_id][position - 1],
                points=points,
                position=position,
            )
            for quiz in quizzes
            for position, (kind, prompt, points) in enumerate(
                (
                    (Question.Kind.SINGLE, "What is lecture {n} mostly about?", QUESTION_POINTS[0]),
                    (
                        Question.Kind.TRUE_FALSE,
                        "Lecture {n} has a second part.",
                        QUESTION_POINTS[1],
                    ),
                ),
                start=1,
            )
        )
        Choice.objects.bulk_create(
            Choice(question=question, text=text, is_correct=right)
            for question in questions
            for text, right in (
                (("Its first part", True), ("Nothing at all", False), ("Another lecture", False))
                if question.kind == Question.Kind.SINGLE
                else (("True", True), ("False", False))
            )
        )

    def _students(self, writer, shape: Shape, n: int, options, rng, now):
        """Accounts, enrolments and cohort memberships; returns the students' ids and
        when each started (their cohort's start, staggered by a week per cohort)."""
        password = self.password
        width = max(6, len(str(n)))
        slug = shape.course.slug
        course_start = now - timedelta(days=180)
        starts = [
            course_start + timedelta(weeks=(number // COHORT_SIZE) % 6, hours=rng.uniform(0, 72))
            for number in range(n)
        ]
        rows = []
        for number in range(n):
            username = f"{slug}-s{number + 1:0{width}d}"
            rows.append(
                (
                    password,
                    False,
                    username,
                    rng.choice(FIRST_NAMES),
                    rng.choice(LAST_NAMES),
                    f"{username}@example.com",
                    False,
                    True,
                    starts[number] - timedelta(days=3),
                )
            )
        with transaction.atomic():
            user_ids = writer.write_returning_ids(get_user_model(), USER_FIELDS, rows)
            del rows
            writer.write(
                Enrolment,
                TABLES[Enrolment],
                (
                    (shape.course.pk, user_id, start - timedelta(days=2))
                    for user_id, start in zip(user_ids, starts, strict=True)
                ),
            )
            writer.write(
                Cohort.members.through,
                TABLES[Cohort.members.through],
                (
                    (shape.cohorts[number // COHORT_SIZE], user_id)
                    for number, user_id in enumerate(user_ids)
                ),
            )
        self._count("students", n)
        self._count("enrolments", n)
        self._count("cohort memberships", n)
        return user_ids, starts

    def _progress(self, writer, shape: Shape, user_ids, starts, rng, now) -> None:
        simulation = Simulation(shape, rng, now)
        labels = {
            SectionProgress: "sections read",
            ActionItemProgress: "action items done",
            ReadingProgress: "readings done",
            Attempt: "quiz attempts",
            LectureSummary: "lecture summaries",
            CourseSummary: "course summaries",
            ReadingDue: "readings due",
        }

        def simulate(offset: int) -> Rows:
            rows = Rows()
            for number in range(offset, min(offset + CHUNK, len(user_ids))):
                simulation.student(rows, user_ids[number], starts[number], number // COHORT_SIZE)
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
                self._write_chunk(writer, rows, labels)
                done = min(offset + CHUNK, len(user_ids))
                # About ten lines however large the course.
                if done * 10 // len(user_ids) > reported or done == len(user_ids):
                    reported = done * 10 // len(user_ids)
                    progress = sum(self.counts.get(label, 0) for label in labels.values())
                    self.stdout.write(
                        f"  {done:>9,} / {len(user_ids):,} students, {progress:,} rows, "
                        f"{time.perf_counter() - began:.1f} s"
                    )
                    self.stdout.flush()  # shows through a pipe too, as it happens

    def _write_chunk(self, writer, rows: Rows, labels: dict) -> None:
        with transaction.atomic():
            for model, label in labels.items():
                table = rows.tables.get(model, [])
                writer.write(model, TABLES[model], table)
                self._count(label, len(table))
