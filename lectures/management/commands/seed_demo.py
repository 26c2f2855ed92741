"""python manage.py seed_demo [--password P] [--students N]

Two demo courses: `demo`, in English, and `demo-es`, taught in Spanish by
`profesora` (its lecture content/guerra-de-la-independencia.txt and its generated
quiz), the demo student enrolled in both.

Idempotent: running it again updates the same rows (and resets the demo passwords).
For development and demonstrations only: every demo login, the superuser `admin`
included, shares one password. The demo mails nobody: its announcement is posted
unmailed, and its quiz's due date is set without telling the students.
"""

from __future__ import annotations

import math
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone, translation

from lectures.content.editing import lecture_set_published
from lectures.content.imports import lecture_import
from lectures.models import (
    ActionItemProgress,
    CardState,
    Cohort,
    Course,
    Enrolment,
    LectureVisit,
    ReviewLog,
    SectionProgress,
)
from lectures.review.cards import cards_reach_all
from lectures.review.ratings import review_record
from lectures.teaching.announcements import announcement_post
from lectures.teaching.cohorts import cohort_save
from lectures.teaching.summaries import summaries_rebuild
from quizzes.generation import quiz_generate
from quizzes.grading import correct_response
from quizzes.models import Quiz
from quizzes.services import answer_save, attempt_start, attempt_submit, questions_for

SAMPLE = Path(settings.BASE_DIR) / "content" / "russia-azerbaijan-relations.txt"
COURSE_SLUG = "demo"
QUIZ_TITLE = "Russia–Azerbaijan Relations: check your understanding"
# The quiz is due this long after a seed that finds it undated or past due, so the
# dashboard's "Quizzes due" has something to show.
QUIZ_DUE_IN = timezone.timedelta(days=4)
WELCOME = (
    "Welcome to **Regional Politics**. This week: read *Russia–Azerbaijan Relations*, "
    "tick its action items as you go, and take the quiz before it is due. "
    "Your dashboard lists what is due next."
)
# The second demo course, taught in Spanish (Course.language): its notes are read,
# and its quiz and review cards generated, in Spanish.
SPANISH_SAMPLE = Path(settings.BASE_DIR) / "content" / "guerra-de-la-independencia.txt"
SPANISH_COURSE_SLUG = "demo-es"
SPANISH_QUIZ_TITLE = "La Guerra de la Independencia española: comprueba lo que sabes"


class Command(BaseCommand):
    help = "Create (or refresh) the demo course, its sample lecture and demo users."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--password", default="demo-pass-123", help="password for demo users")
        parser.add_argument("--students", type=int, default=5, help="extra students to create")

    @staticmethod
    def _take_quiz(quiz: Quiz, student, share: float) -> None:
        """A submitted attempt with the first `share` of the questions right, once."""
        if quiz.attempts.filter(user=student, submitted_at__isnull=False).exists():
            return
        attempt = attempt_start(quiz=quiz, user=student)
        questions = questions_for(quiz)
        # Rounded up, so students of different shares differ on a short quiz too.
        for question in questions[: math.ceil(len(questions) * share)]:
            answer_save(attempt=attempt, question=question, response=correct_response(question))
        attempt_submit(attempt=attempt)

    @staticmethod
    def _review_history(student, index: int, now) -> None:
        """Two weeks of reviews of the cards the student has reached, once: the
        stronger students rate Good and Easy, the others forget more often, so the
        report's recall estimates differ."""
        if ReviewLog.objects.filter(user=student).exists():
            return
        ratings = [3, 4, 3, 3] if index % 2 else [1, 3, 2, 3]
        for number, state in enumerate(CardState.objects.filter(user=student).order_by("pk")):
            moment = now - timezone.timedelta(days=14, hours=number % 5)
            for turn in range(6):
                if moment >= now:
                    break
                rating = ratings[(number + turn) % len(ratings)]
                state = review_record(
                    user=student, state=state, rating=rating, rep=state.reps, now=moment
                ).state
                moment = state.due

    @staticmethod
    def _spanish_compiled() -> bool:
        """Whether Spanish translations are installed, as the Spanish quiz needs."""
        phrase = "Match each term to its definition."
        with translation.override("es"):
            return translation.gettext(phrase) != phrase

    @staticmethod
    def _spanish_course(instructor, student) -> tuple[Course, Quiz]:
        """The Spanish demo course, its lecture and its published quiz, taught by
        `instructor` and studied by `student`; idempotent like the rest."""
        report = lecture_import(
            course_slug=SPANISH_COURSE_SLUG,
            data=SPANISH_SAMPLE.read_bytes(),
            filename=SPANISH_SAMPLE.name,
            slug="guerra-de-la-independencia",
            language="es",
        )
        lecture = report.lecture
        course = lecture.course
        Course.objects.filter(pk=course.pk).update(
            title="Demo: Historia de España",
            description="Un curso de ejemplo en español, hecho con los apuntes de una clase.",
        )
        lecture_set_published(lecture=lecture, published=True)
        quiz = lecture.quizzes.filter(title=SPANISH_QUIZ_TITLE).first()
        if quiz is None:
            quiz = quiz_generate(lecture=lecture, title=SPANISH_QUIZ_TITLE)
            quiz.published = True
            quiz.pass_mark = 60
            quiz.save(update_fields=["published", "pass_mark"])
        course.instructors.add(instructor)
        Enrolment.objects.get_or_create(course=course, user=student)
        summaries_rebuild(course=course, create=True)
        return course, quiz

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        password: str = options["password"]
        extra: int = max(0, options["students"])
        User = get_user_model()

        report = lecture_import(
            course_slug=COURSE_SLUG,
            data=SAMPLE.read_bytes(),
            filename=SAMPLE.name,
            title="Russia–Azerbaijan Relations",
            slug="russia-azerbaijan-relations",
        )
        lecture = report.lecture
        course = lecture.course
        Course.objects.filter(pk=course.pk).update(
            title="Demo: Regional Politics",
            description="A sample course built from one lecture's notes.",
        )
        lecture_set_published(lecture=lecture, published=True)
        if report.lecture_created:
            # The demo's students have been at it for two weeks (their review history
            # says so): the lecture has been out as long, so it counts in the report's
            # "behind" from the start.
            lecture.published_at = timezone.now() - timezone.timedelta(days=14)
            lecture.save(update_fields=["published_at"])

        # Found by title and then left alone: regenerating would delete the questions
        # that students' answers hang off.
        quiz = lecture.quizzes.filter(title=QUIZ_TITLE).first()
        if quiz is None:
            quiz = quiz_generate(lecture=lecture, title=QUIZ_TITLE)
            quiz.published = True
            quiz.feedback = Quiz.Feedback.ON_SUBMIT
            quiz.pass_mark = 60
            quiz.max_attempts = 0
            quiz.time_limit = None
            quiz.save(
                update_fields=["published", "feedback", "pass_mark", "max_attempts", "time_limit"]
            )

        now = timezone.now()
        if quiz.due_at is None or quiz.due_at < now:
            # Straight to the row: the demo's students are not mailed (the site's
            # quiz_set_dates would tell them). Whole hours, as an instructor types them.
            due = (now + QUIZ_DUE_IN).replace(minute=0, second=0, microsecond=0)
            Quiz.objects.filter(pk=quiz.pk).update(due_at=due)
            quiz.due_at = due

        def user(username: str, **extra_fields) -> object:
            obj, _ = User.objects.update_or_create(
                username=username, defaults={"email": f"{username}@example.com", **extra_fields}
            )
            obj.set_password(password)
            obj.save(update_fields=["password"])
            return obj

        # The site admin: the demo login that grants staff status, teaching and courses.
        user("admin", is_staff=True, is_superuser=True)
        instructor = user("instructor", is_staff=True, first_name="Ina", last_name="Structor")
        # Who teaches is Course.instructors alone; an instructor is not enrolled
        # (migration 0003 moved the old "instructor" enrolments).
        course.instructors.add(instructor)
        if not course.announcements.filter(author=instructor, body=WELCOME).exists():
            announcement_post(
                course=course, author=instructor, body=WELCOME, site_url="", mail=False
            )

        students = [user("student", first_name="Sam", last_name="Student")]
        students += [user(f"student{i}") for i in range(1, extra + 1)]
        for student in students:
            Enrolment.objects.get_or_create(course=course, user=student)
        cohort, _ = Cohort.objects.get_or_create(course=course, name="Cohort A")
        # Through the service, so the cohort's readings reach its members.
        members = set(cohort.members.all()) | set(students)
        cohort_save(cohort=cohort, members=members)

        # Varied, deterministic progress for the extra students so reports have shape;
        # the main demo student starts fresh.
        sections = list(lecture.sections.visible())
        items = list(lecture.action_items.all())
        for index, student in enumerate(students[1:], start=1):
            for section in sections[: index % (len(sections) + 1)]:
                SectionProgress.objects.get_or_create(
                    user=student, section=section, defaults={"completed_at": now}
                )
            for item in items[: index % (len(items) + 1)]:
                ActionItemProgress.objects.get_or_create(
                    user=student, item=item, defaults={"completed_at": now}
                )
            if index % 3 != 0:
                self._take_quiz(quiz, student, share=(index % 4 + 1) / 4)
            if index % 4 != 0:
                LectureVisit.objects.get_or_create(user=student, lecture=lecture)
        # The cards of what they have opened and read are due; most of them have
        # reviewed for a while already.
        cards_reach_all(lecture=lecture)
        for index, student in enumerate(students[1:], start=1):
            if index % 4 != 0:
                self._review_history(student, index, now)

        # The report's figures, recounted from the progress written above.
        summaries_rebuild(course=course, create=True)

        # Its own teacher: `instructor`'s pages stay those of one course.
        teacher = user("profesora", is_staff=True, first_name="Paula", last_name="Profesora")
        spanish, spanish_quiz = self._spanish_course(teacher, students[0])
        if not self._spanish_compiled():
            self.stderr.write(
                "Warning: the Spanish catalogue is not compiled (locale/es/LC_MESSAGES/"
                "django.mo), so the Spanish quiz's fixed phrases were drafted in English; "
                "run `manage.py compilemessages`, delete that quiz and seed again."
            )

        self.stdout.write(f"Demo course “{course.slug}” ready: {lecture.get_absolute_url()}")
        self.stdout.write(f"Demo quiz “{quiz.title}”: {quiz.get_absolute_url()}")
        self.stdout.write(f"Spanish demo course “{spanish.slug}”: {spanish.get_absolute_url()}")
        self.stdout.write(f"Its quiz “{spanish_quiz.title}”: {spanish_quiz.get_absolute_url()}")
        self.stdout.write("Log in at http://127.0.0.1:8000/accounts/login/ with:")
        self.stdout.write(f"  student     / {password}   (a student)")
        self.stdout.write(f"  instructor  / {password}   (staff: /admin/)")
        self.stdout.write(f"  admin       / {password}   (superuser: /admin/)")
        self.stdout.write(f"  profesora   / {password}   (teaches the Spanish course)")
        if extra:
            self.stdout.write(f"  student1..student{extra} / {password}")
