"""Bring every lecture's review cards in line with its notes, and make each card due
for the students who have reached it.

Imports and admin edits keep cards current as they happen; this is for lectures
imported before review cards existed (their students' read sections then give
them their event cards at once; their key terms come with the next visit to the
lecture), and for data written around the site (a restore, a bulk load).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lectures.models import Lecture
from lectures.review.cards import cards_reach_all, cards_sync


class Command(BaseCommand):
    help = "Create, update and retire review cards from every lecture's notes (or --course's)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--course", help="only this course's slug")

    def handle(self, *args, course=None, **options) -> None:
        lectures = Lecture.objects.select_related("course").order_by("course__slug", "position")
        if course:
            lectures = lectures.filter(course__slug=course)
            if not lectures.exists():
                raise CommandError(f"There is no course “{course}”, or it has no lectures.")
        for lecture in lectures:
            with transaction.atomic():
                # The import's lock: no import of this lecture runs meanwhile.
                Lecture.objects.select_for_update().filter(pk=lecture.pk).exists()
                report = cards_sync(lecture=lecture)
                cards_reach_all(lecture=lecture)
            self.stdout.write(
                f"{lecture.course.slug}/{lecture.slug}: {report.created} cards created, "
                f"{report.changed} changed, {report.retired} retired"
            )
