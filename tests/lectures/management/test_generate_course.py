"""generate_course: the synthetic course behind the report's benchmark, its spread of
progress, the same class for the same --seed, and summary rows and readings due
that agree with figures counted here from the progress tables."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F, Max
from django.utils import timezone

from lectures.management.commands import generate_course as command
from lectures.models import (
    ActionItemProgress,
    Cohort,
    Course,
    CourseSummary,
    Enrolment,
    LectureSummary,
    ReadingAssignment,
    ReadingDue,
    ReadingProgress,
    SectionProgress,
)
from quizzes.models import Attempt, Quiz

pytestmark = pytest.mark.django_db

SLUG = "gen"


def generate(*args: str, students: int = 60) -> str:
    out = StringIO()
    call_command(
        "generate_course", "--students", str(students), "--course", SLUG, *args, stdout=out
    )
    return out.getvalue()


def generated_students():
    return get_user_model().objects.filter(username__regex=rf"^{SLUG}-s[0-9]{{6}}$")


def test_builds_the_course_its_students_and_cohorts():
    output = generate()
    course = Course.objects.get(slug=SLUG)
    students = generated_students()

    assert students.count() == 60
    assert Enrolment.objects.filter(course=course).count() == 60
    cohorts = Cohort.objects.filter(course=course).annotate(n=Count("members"))
    assert sorted(cohorts.values_list("n", flat=True)) == [30, 30]
    assert course.lectures.count() == 20
    assert course.lectures.filter(published=True).count() == 20
    assert course.lectures.aggregate(n=Count("sections"))["n"] == 200
    assert course.lectures.aggregate(n=Count("action_items"))["n"] == 60
    quizzes = Quiz.objects.filter(lecture__course=course)
    assert quizzes.count() == quizzes.filter(published=True).count() == 20
    assert set(quizzes.annotate(n=Count("questions")).values_list("n", flat=True)) == {2}
    assert course.readings.count() == 5
    due = ReadingAssignment.objects.filter(reading__course=course, cohort__isnull=False)
    assert due.filter(due_at__lt=timezone.now()).exists(), "some readings are overdue"
    assert due.filter(due_at__gt=timezone.now()).exists()

    # One shared hash, and not a usable one: no generated login works by default.
    assert students.values("password").distinct().count() == 1
    assert not students.first().has_usable_password()
    instructor = course.instructors.get()
    assert instructor.username == f"{SLUG}-instructor" and instructor.is_staff
    assert not Enrolment.objects.filter(user=instructor).exists()

    assert "students" in output and "60" in output
    assert "sections read" in output


def test_progress_is_spread_like_a_real_class():
    generate()
    course = Course.objects.get(slug=SLUG)
    read = Counter(
        dict(
            SectionProgress.objects.filter(section__lecture__course=course)
            .values_list("user")
            .annotate(n=Count("pk"))
            .values_list("user", "n")
        )
    )
    counts = [read[pk] for pk in generated_students().values_list("pk", flat=True)]
    early = sum(n < 100 for n in counts)
    late = sum(n >= 100 for n in counts)
    assert early > 2 * late > 0, "most students are in the first half of the course"
    assert 0 in counts and len(set(counts)) > 15

    attempts = Attempt.objects.filter(quiz__lecture__course=course, submitted_at__isnull=False)
    percents = set(attempts.values_list("percent", flat=True))
    assert len(percents) >= 3 and percents <= {0, 40, 60, 100}
    assert not attempts.filter(passed=True, percent__lt=60).exists()
    assert not attempts.filter(passed=False, percent__gte=60).exists()
    assert ActionItemProgress.objects.filter(item__lecture__course=course).exists()
    assert ReadingProgress.objects.filter(reading__course=course).exists()


def expected_summaries(course: Course) -> tuple[set, set]:
    """The summary rows recomputed from the progress tables with ORM aggregates."""
    lectures = list(course.lectures.values_list("pk", flat=True))
    users = list(Enrolment.objects.filter(course=course).values_list("user", flat=True))
    figures = {
        (user, lecture): {"read": 0, "done": 0, "best": None, "last": None}
        for user in users
        for lecture in lectures
    }

    def later(a, b):
        return b if a is None else a if b is None else max(a, b)

    sections = (
        SectionProgress.objects.filter(section__lecture__course=course, section__archived=False)
        .values("user", lecture=F("section__lecture"))
        .annotate(n=Count("pk"), last=Max("completed_at"))
    )
    for row in sections:
        entry = figures[row["user"], row["lecture"]]
        entry["read"], entry["last"] = row["n"], later(entry["last"], row["last"])
    items = (
        ActionItemProgress.objects.filter(item__lecture__course=course)
        .values("user", lecture=F("item__lecture"))
        .annotate(n=Count("pk"), last=Max("completed_at"))
    )
    for row in items:
        entry = figures[row["user"], row["lecture"]]
        entry["done"], entry["last"] = row["n"], later(entry["last"], row["last"])
    attempts = (
        Attempt.objects.filter(quiz__lecture__course=course, submitted_at__isnull=False)
        .values("user", lecture=F("quiz__lecture"))
        .annotate(best=Max("percent"), last=Max("submitted_at"))
    )
    for row in attempts:
        entry = figures[row["user"], row["lecture"]]
        entry["best"], entry["last"] = row["best"], later(entry["last"], row["last"])

    lecture_rows = {
        (user, lecture, f["read"], f["done"], f["best"], f["last"])
        for (user, lecture), f in figures.items()
    }
    readings = {
        row["user"]: (row["n"], row["last"])
        for row in ReadingProgress.objects.filter(reading__course=course)
        .values("user")
        .annotate(n=Count("pk"), last=Max("completed_at"))
    }
    course_rows = set()
    for user in users:
        mine = [f for (who, _lecture), f in figures.items() if who == user]
        done, last = readings.get(user, (0, None))
        for f in mine:
            last = later(last, f["last"])
        course_rows.add(
            (user, sum(f["read"] for f in mine), sum(f["done"] for f in mine), done, last)
        )
    return lecture_rows, course_rows


def stored_summaries(course: Course) -> tuple[set, set]:
    lecture_rows = set(
        LectureSummary.objects.filter(course=course).values_list(
            "user", "lecture", "sections_read", "items_done", "best_percent", "last_activity"
        )
    )
    course_rows = set(
        CourseSummary.objects.filter(course=course).values_list(
            "user", "sections_read", "items_done", "readings_done", "last_activity"
        )
    )
    return lecture_rows, course_rows


def test_summaries_agree_with_the_progress_rows():
    generate()
    course = Course.objects.get(slug=SLUG)
    lecture_rows, course_rows = stored_summaries(course)

    assert len(lecture_rows) == 60 * 20 and len(course_rows) == 60
    assert (lecture_rows, course_rows) == expected_summaries(course)
    # Not trivially equal: students stand in different places.
    assert len({row[2:] for row in course_rows}) > 30
    assert {row[4] for row in lecture_rows} > {None}, "some best quiz percents, some none"
    assert {row[5] is None for row in lecture_rows} == {True, False}, "last activity"
    assert any(row[3] for row in course_rows), "readings done"


def expected_due(course: Course) -> set:
    """ReadingDue recomputed from the assignments, the cohorts' members and the
    readings done: each dated assignment that reaches a student who has not done
    its reading, with the earliest due date."""
    members: dict[int, list[int]] = {}
    for cohort, user in Cohort.members.through.objects.filter(cohort__course=course).values_list(
        "cohort", "user"
    ):
        members.setdefault(cohort, []).append(user)
    done = set(
        ReadingProgress.objects.filter(reading__course=course).values_list("user", "reading")
    )
    due: dict[tuple[int, int], datetime] = {}
    assignments = ReadingAssignment.objects.filter(reading__course=course, due_at__isnull=False)
    for student, cohort, reading, due_at in assignments.values_list(
        "student", "cohort", "reading", "due_at"
    ):
        for user in [student] if student else members.get(cohort, []):
            key = (user, reading)
            if key not in done and (key not in due or due_at < due[key]):
                due[key] = due_at
    return {(user, reading, due_at) for (user, reading), due_at in due.items()}


def test_readings_due_are_the_assigned_readings_not_done():
    generate()
    course = Course.objects.get(slug=SLUG)
    stored = set(ReadingDue.objects.filter(course=course).values_list("user", "reading", "due_at"))

    assert stored == expected_due(course)
    now = timezone.now()
    assert any(due_at < now for *_, due_at in stored), "some students are overdue"
    assert any(due_at > now for *_, due_at in stored)
    # Not every assigned reading is due: some were done, and those drop out.
    assigned = {
        (user, reading)
        for user, reading in Cohort.members.through.objects.filter(
            cohort__course=course, cohort__assignments__due_at__isnull=False
        ).values_list("user", "cohort__assignments__reading")
    }
    due = {(user, reading) for user, reading, _ in stored}
    assert due < assigned
    assert assigned - due <= set(ReadingProgress.objects.values_list("user", "reading"))


def generated_class(course: Course) -> dict[str, list]:
    """The generated students and their progress, with ids replaced by names and
    dates by their distance from the course's creation, which moves with the clock."""
    tables = {
        "accounts": get_user_model()
        .objects.filter(enrolments__course=course)
        .values_list("username", "first_name", "last_name", "date_joined"),
        "cohorts": Cohort.members.through.objects.filter(cohort__course=course).values_list(
            "user__username", "cohort__name"
        ),
        "sections": SectionProgress.objects.filter(section__lecture__course=course).values_list(
            "user__username", "section__lecture__position", "section__position", "completed_at"
        ),
        "items": ActionItemProgress.objects.filter(item__lecture__course=course).values_list(
            "user__username", "item__lecture__position", "item__position", "completed_at"
        ),
        "readings": ReadingProgress.objects.filter(reading__course=course).values_list(
            "user__username", "reading__title", "completed_at"
        ),
        "attempts": Attempt.objects.filter(quiz__lecture__course=course).values_list(
            "user__username", "quiz__lecture__position", "started_at", "submitted_at", "percent"
        ),
    }

    def since_created(value):
        return value - course.created if isinstance(value, datetime) else value

    return {
        name: sorted((tuple(map(since_created, row)) for row in rows), key=repr)
        for name, rows in tables.items()
    }


def test_a_seed_gives_the_same_class_every_time(monkeypatch):
    # Chunks of 10 students: the next chunk is invented in a thread while this one
    # is written, and the draws must still come in the same order.
    monkeypatch.setattr(command, "CHUNK", 10)
    generate("--seed", "7", students=31)
    first = generated_class(Course.objects.get(slug=SLUG))

    generate("--seed", "7", "--replace", students=31)
    again = generated_class(Course.objects.get(slug=SLUG))
    generate("--seed", "8", "--replace", students=31)
    other = generated_class(Course.objects.get(slug=SLUG))

    assert all(first.values()), "every table has rows"
    assert again == first
    assert other["sections"] != first["sections"]


def test_refuses_a_course_that_exists():
    generate()
    before = (Enrolment.objects.count(), SectionProgress.objects.count())

    with pytest.raises(CommandError, match="already exists.*--replace"):
        generate()
    assert (Enrolment.objects.count(), SectionProgress.objects.count()) == before


def test_refuses_students_left_from_an_earlier_run():
    generate()
    Course.objects.get(slug=SLUG).delete()

    with pytest.raises(CommandError, match="already exist.*--replace"):
        generate()


def test_replace_deletes_the_course_and_its_generated_students_first(make_user):
    generate()
    old = Course.objects.get(slug=SLUG)
    # Someone whose username merely looks similar, and a staff account, are kept.
    bystander = make_user(f"{SLUG}-someone")
    Enrolment.objects.create(course=old, user=bystander)

    output = generate("--replace", "--seed", "2", students=31)

    course = Course.objects.get(slug=SLUG)
    assert course.pk != old.pk
    assert "Deleted" in output and "60 generated students" in output
    assert generated_students().count() == 31
    assert Enrolment.objects.filter(course=course).count() == 31
    assert Cohort.objects.filter(course=course).count() == 2
    assert get_user_model().objects.filter(pk=bystander.pk).exists()
    assert get_user_model().objects.filter(username=f"{SLUG}-instructor").count() == 1
    assert not SectionProgress.objects.filter(section__lecture__course=old.pk).exists()
    assert not Attempt.objects.filter(quiz__lecture__course=old.pk).exists()
    assert LectureSummary.objects.count() == 31 * 20


def test_password_is_hashed_once_and_lets_students_log_in(client):
    generate("--password", "shared-pass-123", students=3)

    assert client.login(username=f"{SLUG}-s000002", password="shared-pass-123")
    assert client.login(username=f"{SLUG}-instructor", password="shared-pass-123")


def test_refuses_bad_arguments():
    with pytest.raises(CommandError, match="slug"):
        call_command("generate_course", "--students", "5", "--course", "no spaces")
    with pytest.raises(CommandError, match="--students"):
        call_command("generate_course", "--students", "0")
