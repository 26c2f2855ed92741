"""Writing and deleting the synthetic course's big tables fast: PostgreSQL's COPY
through psycopg 3 (`CopyWriter`), or bulk_create elsewhere (`BulkWriter`), with
the columns each table is written with; and a delete of a generated course that
stays fast at a million attempts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.management.base import CommandError
from django.db import connection, models

from lectures.models import (
    ActionItemProgress,
    Cohort,
    Course,
    Enrolment,
    ReadingProgress,
    SectionProgress,
)
from quizzes.models import Answer, Attempt, Quiz

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
}


@dataclass
class Rows:
    """One chunk's rows per table, as tuples in the order of TABLES' fields."""

    tables: dict[type[models.Model], list[tuple]] = field(default_factory=dict)

    def add(self, model: type[models.Model], row: tuple) -> None:
        self.tables.setdefault(model, []).append(row)


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


def writer_for(*, bulk: bool) -> CopyWriter | BulkWriter:
    """COPY on PostgreSQL unless `bulk` asks for bulk_create (to compare the two)."""
    return CopyWriter() if connection.vendor == "postgresql" and not bulk else BulkWriter()


def analyze(tables: Iterable[type[models.Model]]) -> None:
    """Fresh statistics on PostgreSQL, or the next query plans against tables it
    still believes empty; nothing elsewhere."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def course_delete(course: Course | None, students: models.QuerySet) -> int:
    """Delete the course and its generated students, fast at any size; returns the
    number of students deleted. Call inside a transaction.

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
