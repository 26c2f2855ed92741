"""python manage.py enrol_students CSV --course SLUG [--dry-run] [--site-url URL]

The admin's "Add students from a CSV file", from the server: the same file format,
the same rows accepted and refused (lectures.teaching.roster_csv and .roster), and
the same report.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import URLValidator

from lectures.models import Course
from lectures.teaching.roster import RosterPlan, roster_apply, roster_plan
from lectures.teaching.roster_csv import ROSTER_MAX_BYTES, RosterError, roster_parse


class Command(BaseCommand):
    help = (
        "Enrol the students listed in a CSV file (columns: username, email, and optionally "
        "first name, last name, cohort) in a course. Existing student accounts are enrolled; "
        "new ones are created without a password and mailed a link to choose one. Refused "
        "rows are listed on stderr with their line and reason; they are not a failure: the "
        "command exits 1 only if the file cannot be read or the course does not exist."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv", help="the CSV file (UTF-8, comma or semicolon separated)")
        parser.add_argument("--course", required=True, help="slug of an existing course")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="report what would happen, row by row; write nothing and mail nobody",
        )
        parser.add_argument(
            "--site-url",
            default="",
            help="the site's address, e.g. https://courses.example.org, for the links in the "
            "new students' mails (needed unless --dry-run)",
        )

    def handle(self, *args, **options) -> None:
        site_url = options["site_url"]
        if not options["dry_run"]:
            # A usage error (exit 2, as argparse's own), checked before any work.
            try:
                URLValidator(schemes=["http", "https"])(site_url)
            except ValidationError:
                raise CommandError(
                    "--site-url must be the site's http(s) address (it starts the links "
                    "mailed to new students)",
                    returncode=2,
                ) from None
        course = Course.objects.filter(slug=options["course"]).first()
        if course is None:
            raise CommandError(f"There is no course “{options['course']}”; nothing was changed")
        path = Path(options["csv"])
        try:
            with path.open("rb") as upload:
                if os.fstat(upload.fileno()).st_size > ROSTER_MAX_BYTES:
                    raise RosterError(
                        f"The file is larger than {ROSTER_MAX_BYTES // 1000:,} KB; split it "
                        "into smaller files."
                    )
                # One byte past the limit, so that a pipe is refused too.
                roster = roster_parse(upload.read(ROSTER_MAX_BYTES + 1), filename=path.name)
        except OSError as exc:
            raise CommandError(f"{path}: cannot read the file ({exc.strerror})") from None
        except RosterError as exc:
            raise CommandError(f"{path}: {exc} Nothing was changed.") from None

        if options["dry_run"]:
            plan = roster_plan(course=course, rows=roster.rows)
            self.stdout.write(f"Dry run: nothing was written. For “{course.title}” the file would:")
        else:
            try:
                result = roster_apply(course=course, rows=roster.rows, site_url=site_url)
            except RosterError as exc:
                raise CommandError(str(exc)) from None
            plan = result.plan
            self.stdout.write(f"Enrolled in “{course.title}”:")
        self._report(plan, roster.ignored_columns, options["verbosity"])
        if not options["dry_run"] and result.mailed:
            self.stdout.write(
                f"Set-password mails queued: {result.mailed} (the task worker sends them)"
            )

    def _report(self, plan: RosterPlan, ignored: tuple[str, ...], verbosity: int) -> None:
        self.stdout.write(plan.summary())
        if ignored:
            self.stdout.write(f"Columns not used: {', '.join(ignored)}")
        if verbosity > 1:
            for planned in plan.accepted:
                cohort = f"; joins {planned.cohort}" if planned.cohort else ""
                self.stdout.write(
                    f"line {planned.row.line}: {planned.row.username}: {planned.outcome}{cohort}"
                )
        for planned in plan.refused:
            who = planned.row.username or "(no username)"
            self.stderr.write(f"line {planned.row.line}: {who}: refused: {planned.reason}")
