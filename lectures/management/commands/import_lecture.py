"""python manage.py import_lecture PATH --course COURSE_SLUG [--slug S] [--title T] [--prune]
[--dry-run]"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lectures.notes import NotesError, check_size, slug_problem
from lectures.services import lecture_import


class Command(BaseCommand):
    help = "Import a lecture notes file into a course (created if missing), or update it in place."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the notes file (UTF-8 text)")
        parser.add_argument("--course", required=True, help="course slug; created if missing")
        parser.add_argument("--slug", default="", help="lecture slug (default: from the title)")
        parser.add_argument("--title", default="", help="lecture title (default: Title: line)")
        parser.add_argument(
            "--prune",
            action="store_true",
            help="delete sections that are gone from the file instead of archiving them",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="report what the import would create, update, archive and remove; write nothing",
        )

    def handle(self, *args, **options) -> None:
        # Checked before the file is read; the import checks them again.
        if problem := slug_problem(options["course"]):
            raise CommandError(f"--course {problem}; nothing was imported")
        if options["slug"] and (problem := slug_problem(options["slug"])):
            raise CommandError(f"--slug {problem}; nothing was imported")
        path = Path(options["path"])
        try:
            data = self._read(path)
        except OSError as exc:
            raise CommandError(f"{path}: cannot read the file ({exc.strerror})") from None
        except NotesError as exc:
            raise CommandError(f"{path}: {exc}; nothing was imported") from None
        try:
            report = lecture_import(
                course_slug=options["course"],
                data=data,
                filename=path.name,
                slug=options["slug"],
                title=options["title"],
                prune=options["prune"],
                dry_run=options["dry_run"],
            )
        except NotesError as exc:
            raise CommandError(f"{path}: {exc}; nothing was imported") from None
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was written. The import would do this:")
        for line in report.lines():
            self.stdout.write(line)

    @staticmethod
    def _read(path: Path) -> bytes:
        """The file's bytes, refusing one over the size limit before reading it."""
        limit = settings.NOTES_MAX_BYTES
        with path.open("rb") as notes:
            check_size(os.fstat(notes.fileno()).st_size, limit)
            # A pipe or device reports no size: read one byte past the limit so the
            # import refuses it without holding the whole stream.
            return notes.read(limit + 1)
