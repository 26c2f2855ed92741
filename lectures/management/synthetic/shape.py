"""The synthetic course's shape: everything in it that does not grow with the
students (the course, its instructor, lectures of sections with action items
published a week apart, a two-question quiz per lecture (the last two dated),
cohorts, and five readings assigned to the cohorts), created through the ORM,
and the tables of names and topics it is made of."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model

from lectures.models import ActionItem, Cohort, Course, Lecture, Reading, ReadingAssignment, Section
from quizzes.models import Choice, Question, Quiz

COHORT_SIZE = 30
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
    assignments: int

    @property
    def section_count(self) -> int:
        return len(self.lectures) * self.sections_per_lecture

    def counts(self) -> dict[str, int]:
        """Rows per kind of thing, labelled as the command prints them."""
        return {
            "lectures": len(self.lectures),
            "sections": sum(map(len, self.sections)),
            "action items": sum(map(len, self.items)),
            "quizzes": len(self.quizzes),
            "readings": len(self.readings),
            "cohorts": len(self.cohorts),
            "reading assignments": self.assignments,
        }


def shape_create(
    *,
    slug: str,
    students: int,
    lectures: int,
    sections: int,
    items: int,
    password: str,
    rng: random.Random,
    now: datetime,
) -> Shape:
    """Create the course and everything in it that does not grow with the students,
    and its instructor (`<slug>-instructor`, created or updated). `password` is a
    hash. Call inside a transaction."""
    course = Course.objects.create(
        title=f"Generated course ({students:,} students)",
        slug=slug,
        description="Synthetic data for the instructor report's benchmark.",
        created=now - timedelta(days=200),
    )
    instructor, _ = get_user_model().objects.update_or_create(
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

    lecture_rows = Lecture.objects.bulk_create(
        Lecture(
            course=course,
            title=f"Lecture {n}: {rng.choice(LAST_NAMES)} and the {rng.choice(TOPICS)}",
            slug=f"lecture-{n:02d}",
            overview=f"What lecture {n} covers, in a paragraph.",
            position=n,
            published=True,
            # A lecture a week through a term of them, the last one two days ago: it
            # does not count towards "behind" yet, as a real course's newest lecture.
            published_at=now - timedelta(days=7 * (lectures - n) + 2),
        )
        for n in range(1, lectures + 1)
    )
    section_rows = Section.objects.bulk_create(
        Section(
            lecture=lecture,
            title=f"Part {m} of lecture {lecture.position}",
            slug=f"part-{m}",
            body=f"- A first point of part {m}.\n- A second point, with **emphasis**.\n",
            position=m,
        )
        for lecture in lecture_rows
        for m in range(1, sections + 1)
    )
    item_rows = ActionItem.objects.bulk_create(
        ActionItem(lecture=lecture, text=f"Exercise {k} of lecture {lecture.position}.", position=k)
        for lecture in lecture_rows
        for k in range(1, items + 1)
    )
    quizzes = Quiz.objects.bulk_create(
        Quiz(
            lecture=lecture,
            title=f"Check your understanding of lecture {lecture.position}",
            published=True,
            pass_mark=PASS_MARK,
            created=now - timedelta(days=200),
            due_at=_quiz_due(now, lecture.position, lectures),
        )
        for lecture in lecture_rows
    )
    by_lecture: dict[int, list[Section]] = {}
    for section in section_rows:
        by_lecture.setdefault(section.lecture_id, []).append(section)
    _questions(quizzes, by_lecture)

    cohort_count = math.ceil(students / COHORT_SIZE)
    width = len(str(cohort_count))
    cohorts = Cohort.objects.bulk_create(
        (Cohort(course=course, name=f"Cohort {k:0{width}d}") for k in range(1, cohort_count + 1)),
        batch_size=2_000,
    )
    readings = Reading.objects.bulk_create(
        Reading(
            course=course,
            title=title,
            # Readings point at a URL or a whole lecture, never a section: marking
            # a section's reading done would also mark the section read.
            url="" if n % 2 else f"https://example.org/readings/{n}",
            lecture=lecture_rows[n % len(lecture_rows)] if n % 2 else None,
            note="Generated.",
        )
        for n, (title, _due, _share) in enumerate(READINGS)
    )
    assignments = ReadingAssignment.objects.bulk_create(
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
    return Shape(
        course=course,
        lectures=[lecture.pk for lecture in lecture_rows],
        sections=[[s.pk for s in by_lecture[lecture.pk]] for lecture in lecture_rows],
        items=[[i.pk for i in item_rows if i.lecture_id == lecture.pk] for lecture in lecture_rows],
        quizzes=[quiz.pk for quiz in quizzes],
        readings=[reading.pk for reading in readings],
        cohorts=[cohort.pk for cohort in cohorts],
        sections_per_lecture=sections,
        assignments=len(assignments),
    )


def _quiz_due(now: datetime, position: int, lectures: int) -> datetime | None:
    """The last two lectures' quizzes are dated: the one before last due two days
    ago (overdue for whoever has not submitted it), the last in five days."""
    return {lectures - 1: now - timedelta(days=2), lectures: now + timedelta(days=5)}.get(position)


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
                (Question.Kind.TRUE_FALSE, "Lecture {n} has a second part.", QUESTION_POINTS[1]),
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
