"""Rebuild the instructor report's summary rows from the progress tables, and the
readings due from the assignments, cohorts and readings done.

Live writes keep them current; this is for data written around them (a restore
from backup, a bulk load, a bug) and for checking: `--check` only reports rows
that differ from a recount, and exits 1 if any do.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lectures.models import Course, CourseSummary, LectureSummary, ReadingDue
from lectures.teaching.summaries import readings_due_refresh, summaries_rebuild

FIELDS = ["sections_read", "items_done", "best_percent", "last_activity"]
COURSE_FIELDS = ["sections_read", "items_done", "readings_done", "last_activity"]


class Command(BaseCommand):
    help = (
        "Recount the report's per-student summary rows of every course (or of "
        "--course SLUG) from the progress tables, creating missing ones."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--course", help="only this course's slug")
        parser.add_argument(
            "--check", action="store_true", help="report rows that differ; change nothing"
        )

    def handle(self, *args, course=None, check=False, **options) -> None:
        courses = Course.objects.order_by("slug")
        if course:
            courses = courses.filter(slug=course)
            if not courses.exists():
                raise CommandError(f"There is no course “{course}”.")
        stale = 0
        for each in courses:
            if check:
                stale += self._check(each)
                continue
            with transaction.atomic():
                n = summaries_rebuild(course=each, create=True)
                readings_due_refresh(course=each)
            self.stdout.write(f"{each.slug}: {n} lecture rows recounted, readings due rebuilt")
        if check and stale:
            raise CommandError(f"{stale} summary rows differ from a recount")
        if check:
            self.stdout.write("Every summary row matches a recount.")

    def _check(self, course: Course) -> int:
        def snapshot():
            lectures = LectureSummary.objects.filter(course=course).values_list(
                "user_id", "lecture_id", *FIELDS
            )
            totals = CourseSummary.objects.filter(course=course).values_list(
                "user_id", *COURSE_FIELDS
            )
            due = ReadingDue.objects.filter(course=course).values_list(
                "user_id", "reading_id", "due_at"
            )
            return set(lectures), set(totals), set(due)

        with transaction.atomic():
            before = snapshot()
            summaries_rebuild(course=course, create=True)
            readings_due_refresh(course=course)
            after = snapshot()
            transaction.set_rollback(True)
        # Rows of the recount that were not there as they are: changed or missing.
        differ = sum(len(now - then) for now, then in zip(after, before, strict=True))
        # A reading due that a recount no longer finds is stale too.
        differ += len(before[2] - after[2])
        if differ:
            self.stderr.write(f"{course.slug}: {differ} rows differ")
        return differ
