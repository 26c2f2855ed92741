"""python manage.py import_lecture PATH --course COURSE_SLUG [--slug S] [--title T] [--prune]
[--dry-run] [--draft] [--instructor USERNAME] [--language CODE]

The command acts for the server's operator: it may create a course and name who
teaches it. A refused option (a bad slug, an unknown instructor) stops it before
anything is read or written.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lectures.content.imports import lecture_import
from lectures.content.outline import outline_lines
from lectures.models import course_languages
from lectures.notes import NotesError, check_size, slug_problem


class Command(BaseCommand):
    help = (
        "Import a lecture notes file into a course (created if missing), or update it in "
        "place. A new lecture is published at once unless --draft is given; an existing "
        "one keeps its published state."
    )

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
            help="print how the file was read (sections with their counts, terms, action "
            "items, timeline events, and a warning for each line that could be read two "
            "ways) and what the import would create, update, archive and remove; write nothing",
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="leave the lecture unpublished, new or existing (default: a new lecture is "
            "published at once, an existing one keeps its state)",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in course_languages()],
            default="",
            help="the language of a course the import creates (default: en); an existing "
            "course keeps its own, and the notes' dates are read in it",
        )
        parser.add_argument(
            "--instructor",
            metavar="USERNAME",
            default="",
            help="an active staff account that teaches the course: added to its instructors, "
            "whether the import creates the course or not",
        )

    def handle(self, *args, **options) -> None:
        # Checked before the file is read; the import checks them again.
        if problem := slug_problem(options["course"]):
            raise CommandError(f"--course {problem}; nothing was imported")
        if options["slug"] and (problem := slug_problem(options["slug"])):
            raise CommandError(f"--slug {problem}; nothing was imported")
        instructor = self._instructor(options["instructor"]) if options["instructor"] else None
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
                draft=options["draft"],
                instructor=instructor,
                language=options["language"],
            )
        except NotesError as exc:
            raise CommandError(f"{path}: {exc}; nothing was imported") from None
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was written.")
            # How the file was read first: what the import would do follows from it.
            for line in outline_lines(report.outline):
                self.stdout.write(line)
            self.stdout.write("The import would do this:")
        for line in report.lines():
            self.stdout.write(line)
        if not options["dry_run"] and report.outline.warnings:
            # A real import is done; still, say which lines could have meant something else.
            for warning in report.outline.warnings:
                self.stderr.write(f"Warning: {warning}")

    @staticmethod
    def _instructor(username: str) -> AbstractBaseUser:
        """The account named by --instructor, or a one-line refusal.

        A non-staff account is refused rather than promoted: staff access is a site
        admin's grant, and a mistyped name must not hand a student the admin.
        """
        refused = f"--instructor “{username}”"
        User = get_user_model()
        user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"{refused}: no such account; nothing was imported")
        if not user.is_active:
            raise CommandError(f"{refused}: the account is inactive; nothing was imported")
        if not user.is_staff:
            raise CommandError(
                f"{refused}: not a staff account, so it could not reach the admin; grant "
                "“Staff status” on its page in the admin first; nothing was imported"
            )
        return user

    @staticmethod
    def _read(path: Path) -> bytes:
        """The file's bytes, refusing one over the size limit before reading it."""
        limit = settings.NOTES_MAX_BYTES
        with path.open("rb") as notes:
            check_size(os.fstat(notes.fileno()).st_size, limit)
            # A pipe or device reports no size: read one byte past the limit so the
            # import refuses it without holding the whole stream.
            return notes.read(limit + 1)
