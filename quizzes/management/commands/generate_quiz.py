"""python manage.py generate_quiz COURSE_SLUG LECTURE_SLUG [--title T]

Drafts an unpublished quiz from the lecture's notes (see quizzes.generation) and
says where to review and publish it.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import NoReverseMatch, reverse

from lectures.models import Course, Lecture
from quizzes.generation import GenerationError, quiz_generate, quiz_summary


def admin_change_url(quiz_pk: int) -> str:
    try:
        return reverse("admin:quizzes_quiz_change", args=[quiz_pk])
    except NoReverseMatch:
        # The quiz admin is registered by quizzes/admin.py; the path is Django's default.
        return f"/admin/quizzes/quiz/{quiz_pk}/change/"


class Command(BaseCommand):
    help = "Draft an unpublished quiz from a lecture's glossary, timeline and bullets."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("course", metavar="COURSE_SLUG")
        parser.add_argument("lecture", metavar="LECTURE_SLUG")
        parser.add_argument("--title", default="", help="quiz title (default: “<lecture>: …”)")

    def handle(self, *args, course: str, lecture: str, title: str, **options) -> None:
        if not Course.objects.filter(slug=course).exists():
            raise CommandError(f"no course with the slug “{course}”")
        found = Lecture.objects.filter(course__slug=course, slug=lecture).first()
        if found is None:
            raise CommandError(f"the course “{course}” has no lecture with the slug “{lecture}”")
        try:
            quiz = quiz_generate(lecture=found, title=title)
        except GenerationError as exc:
            raise CommandError(f"cannot draft a quiz for “{found.title}”: {exc}") from None
        self.stdout.write(
            f"Drafted quiz “{quiz.title}” (id {quiz.pk}): {quiz_summary(quiz)}. "
            f"Review and publish it at {admin_change_url(quiz.pk)}"
        )
