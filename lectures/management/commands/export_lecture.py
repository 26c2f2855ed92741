"""python manage.py export_lecture COURSE_SLUG LECTURE_SLUG [--output FILE]"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lectures.content.exports import lecture_export
from lectures.models import Lecture


class Command(BaseCommand):
    help = "Write a lecture back out in the notes format (to stdout, or --output FILE)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("course")
        parser.add_argument("lecture")
        parser.add_argument("--output", "-o", default="", help="file to write (default: stdout)")

    def handle(self, *args, **options) -> None:
        lecture = (
            Lecture.objects.select_related("course")
            .filter(course__slug=options["course"], slug=options["lecture"])
            .first()
        )
        if lecture is None:
            raise CommandError(f"no lecture “{options['lecture']}” in course “{options['course']}”")
        text = lecture_export(lecture)
        if options["output"]:
            try:
                Path(options["output"]).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"{options['output']}: cannot write ({exc.strerror})") from None
            self.stderr.write(f"Wrote {options['output']}")
        else:
            self.stdout.write(text, ending="")
