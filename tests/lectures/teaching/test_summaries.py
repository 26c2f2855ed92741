"""The report's summary rows follow every progress write and equal a recount."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Max
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lectures.content.imports import lecture_import
from lectures.models import (
    ActionItemProgress,
    CourseSummary,
    Enrolment,
    LectureSummary,
    Reading,
    ReadingProgress,
    SectionProgress,
)
from lectures.study.progress import progress_set
from lectures.study.readings import reading_set_done
from lectures.teaching.summaries import summaries_rebuild
from quizzes import services as quiz_services
from quizzes.models import Question, Quiz
from tests.helpers import SIMPLE_NOTES, add_question


@pytest.fixture
def lecture(course):
    return course.lectures.get()


@pytest.fixture
def quiz(lecture):
    quiz = Quiz.objects.create(lecture=lecture, title="Drift check", published=True)
    add_question(
        quiz,
        Question.Kind.SINGLE,
        "Which supercontinent broke up?",
        [{"text": "Pangaea", "is_correct": True}, {"text": "Gondwana"}],
    )
    add_question(
        quiz,
        Question.Kind.SINGLE,
        "How fast?",
        [{"text": "Centimetres a year", "is_correct": True}, {"text": "Metres a day"}],
    )
    return quiz


def take(quiz, user, right: int) -> None:
    """Submit an attempt with the first `right` questions answered correctly."""
    attempt = quiz_services.attempt_start(quiz=quiz, user=user)
    for position, question in enumerate(quiz.questions.order_by("position")):
        choice = question.choices.get(is_correct=position < right)
        quiz_services.answer_save(
            attempt=attempt, question=question, response={"choice": choice.pk}
        )
    quiz_services.attempt_submit(attempt=attempt)


def expected(course, user) -> dict:
    """The figures recounted by hand from the progress tables: the oracle."""
    from quizzes.models import Attempt

    out = {}
    for lecture in course.lectures.all():
        read = SectionProgress.objects.filter(
            user=user, section__lecture=lecture, section__archived=False
        ).count()
        done = ActionItemProgress.objects.filter(user=user, item__lecture=lecture).count()
        best = Attempt.objects.filter(
            user=user, quiz__lecture=lecture, submitted_at__isnull=False
        ).aggregate(best=Max("percent"))["best"]
        out[lecture.pk] = (read, done, best)
    readings = ReadingProgress.objects.filter(user=user, reading__course=course).count()
    return {"lectures": out, "readings": readings}


def stored(course, user) -> dict:
    rows = {
        row.lecture_id: (row.sections_read, row.items_done, row.best_percent)
        for row in LectureSummary.objects.filter(user=user, course=course)
    }
    lectures = {
        pk: rows.get(pk, (0, 0, None)) for pk in course.lectures.values_list("pk", flat=True)
    }
    total = CourseSummary.objects.filter(user=user, course=course).first()
    return {"lectures": lectures, "readings": total.readings_done if total else 0}


def test_each_write_moves_the_students_rows(course, lecture, student, quiz):
    drift, evidence = lecture.sections.order_by("position")
    item = lecture.action_items.first()
    assert progress_set(user=student, obj=drift, done=True) == 1
    assert progress_set(user=student, obj=drift, done=True) == 0  # again: no change
    progress_set(user=student, obj=item, done=True)
    row = LectureSummary.objects.get(user=student, lecture=lecture)
    assert (row.sections_read, row.items_done, row.best_percent) == (1, 1, None)
    assert row.last_activity == ActionItemProgress.objects.get().completed_at
    take(quiz, student, right=1)
    take(quiz, student, right=2)
    take(quiz, student, right=0)
    row.refresh_from_db()
    assert row.best_percent == 100
    total = CourseSummary.objects.get(user=student, course=course)
    assert (total.sections_read, total.items_done, total.readings_done) == (1, 1, 0)
    row.refresh_from_db()
    assert total.last_activity == row.last_activity  # the quiz, the latest thing done

    reading = Reading.objects.create(
        course=course, title="Evidence", lecture=lecture, section=evidence
    )
    reading_set_done(user=student, reading=reading, done=True)
    total.refresh_from_db()
    assert (total.sections_read, total.readings_done) == (2, 1)
    reading_set_done(user=student, reading=reading, done=False)
    total.refresh_from_db()
    assert (total.sections_read, total.readings_done) == (2, 0)  # the section stays read
    assert stored(course, student) == expected(course, student)


def test_a_reimport_that_archives_a_section_recounts(course, lecture, student):
    for section in lecture.sections.all():
        progress_set(user=student, obj=section, done=True)
    assert LectureSummary.objects.get(user=student).sections_read == 2
    without = SIMPLE_NOTES.replace("Evidence\n- Matching fossils on distant coasts.\n", "")
    lecture_import(course_slug="geo", data=without)
    assert LectureSummary.objects.get(user=student).sections_read == 1
    assert CourseSummary.objects.get(user=student).sections_read == 1
    lecture_import(course_slug="geo", data=SIMPLE_NOTES)  # restored, progress kept
    assert LectureSummary.objects.get(user=student).sections_read == 2


def test_rebuild_command_finds_and_fixes_drift(course, lecture, student):
    progress_set(user=student, obj=lecture.sections.first(), done=True)
    call_command("rebuild_summaries", "--check", stdout=StringIO())
    LectureSummary.objects.update(sections_read=7)
    with pytest.raises(CommandError, match="differ from a recount"):
        call_command("rebuild_summaries", "--check", stdout=StringIO(), stderr=StringIO())
    assert LectureSummary.objects.get().sections_read == 7  # --check changes nothing
    out = StringIO()
    call_command("rebuild_summaries", "--course", "geo", stdout=out)
    assert "geo: 1 lecture rows recounted" in out.getvalue()
    assert LectureSummary.objects.get().sections_read == 1
    with pytest.raises(CommandError, match="no course"):
        call_command("rebuild_summaries", "--course", "nope")


def test_rebuild_creates_rows_for_every_enrolled_student(course, lecture, student, make_user):
    quiet = make_user("quiet")
    Enrolment.objects.create(course=course, user=quiet)
    summaries_rebuild(course=course, create=True)
    assert LectureSummary.objects.filter(lecture=lecture).count() == 2
    row = LectureSummary.objects.get(user=quiet)
    assert (row.sections_read, row.items_done, row.best_percent, row.last_activity) == (
        0,
        0,
        None,
        None,
    )


# One step of a student's work: which student, what, which thing, done or undone.
steps = st.lists(
    st.tuples(
        st.integers(0, 1),
        st.sampled_from(["section", "item", "reading", "quiz"]),
        st.integers(0, 1),
        st.booleans(),
    ),
    max_size=12,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=steps)
def test_summaries_equal_a_recount_after_any_sequence_of_writes(
    course, lecture, student, other_student, quiz, steps
):
    """Whatever students do, in whatever order, the rows the live writes kept equal
    both a hand recount and summaries_rebuild's (examples share the database and
    build on each other's state, which only makes the sequences longer)."""
    Enrolment.objects.get_or_create(course=course, user=other_student)
    users = [student, other_student]
    sections = list(lecture.sections.order_by("position"))
    items = list(lecture.action_items.order_by("position"))
    readings = [
        Reading.objects.get_or_create(
            course=course, title=f"R{i}", defaults={"lecture": lecture, "section": sections[i]}
        )[0]
        for i in range(2)
    ]
    for who, kind, which, done in steps:
        user = users[who]
        if kind == "section":
            progress_set(user=user, obj=sections[which], done=done)
        elif kind == "item":
            progress_set(user=user, obj=items[which], done=done)
        elif kind == "reading":
            reading_set_done(user=user, reading=readings[which], done=done)
        else:
            take(quiz, user, right=which + int(done))
    live = {user.pk: stored(course, user) for user in users}
    assert live == {user.pk: expected(course, user) for user in users}
    totals = set(
        CourseSummary.objects.values_list(
            "user", "sections_read", "items_done", "readings_done", "last_activity"
        )
    )
    before = set(
        LectureSummary.objects.values_list(
            "user", "lecture", "sections_read", "items_done", "best_percent", "last_activity"
        )
    )
    summaries_rebuild(course=course)
    after = set(
        LectureSummary.objects.values_list(
            "user", "lecture", "sections_read", "items_done", "best_percent", "last_activity"
        )
    )
    assert after == before
    course_fields = ("user", "sections_read", "items_done", "readings_done", "last_activity")
    assert set(CourseSummary.objects.values_list(*course_fields)) == totals


@pytest.mark.django_db(transaction=True)
def test_concurrent_writes_by_one_student_both_count(course, student):
    """Two tabs marking two sections at the same moment: each recount must see the
    other's row, which the course-row lock guarantees."""
    import threading

    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race is exercised on PostgreSQL")
    sections = list(course.lectures.get().sections.all())
    items = list(course.lectures.get().action_items.all())
    barrier = threading.Barrier(4)

    def go(obj):
        barrier.wait()
        try:
            progress_set(user=student, obj=obj, done=True)
        finally:
            connection.close()

    # The first write creates the rows; the race is between writes that find them.
    summaries_rebuild(course=course, create=True)
    threads = [threading.Thread(target=go, args=(obj,)) for obj in (*sections, *items)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    row = LectureSummary.objects.get(user=student)
    assert (row.sections_read, row.items_done) == (2, 2)
    total = CourseSummary.objects.get(user=student)
    assert (total.sections_read, total.items_done) == (2, 2)
