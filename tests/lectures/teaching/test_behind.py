""" "Behind" that means something (issue 18): a reading or quiz past its due date and
not done, or under half the sections read of the lectures published at least
Course.behind_after_days ago. A lecture published today makes nobody behind; the
report, its CSV, one student's page and the dashboard say why a student is behind,
and the "behind only" filter (SQL) agrees with each row's flag (Python)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from lectures.content.editing import lecture_set_published
from lectures.content.imports import lecture_import
from lectures.models import Course, CourseSummary, Enrolment, Lecture, LectureSummary, Reading
from lectures.teaching import reports
from lectures.teaching.assignments import assignment_save
from quizzes.models import Attempt, Question, Quiz
from tests.helpers import SIMPLE_NOTES, add_question, change_form_data

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def publish_new(course, title: str, *, draft: bool = False) -> Lecture:
    """A new lecture of two sections imported into `course` now."""
    notes = SIMPLE_NOTES.replace("Plate Tectonics", title)
    return lecture_import(course_slug=course.slug, data=notes, draft=draft).lecture


def out_since(lecture: Lecture, when: datetime) -> Lecture:
    lecture.published_at = when
    lecture.save(update_fields=["published_at"])
    return lecture


@pytest.fixture
def lecture(course, time_machine):
    """The course's lecture, out for a month at NOW, the moment every test runs at."""
    time_machine.move_to(NOW, tick=False)
    return out_since(course.lectures.get(), NOW - timedelta(days=30))


@pytest.fixture
def enrol(course, make_user):
    def make(username: str, **fields):
        user = make_user(username, **fields)
        Enrolment.objects.create(course=course, user=user)
        return user

    return make


def summarise(user, course, reads: dict[Lecture, int]) -> None:
    """The summary rows of a student who has read `reads[lecture]` sections of each,
    the course row their sum (as lectures.teaching.summaries keeps them)."""
    for each, read in reads.items():
        LectureSummary.objects.update_or_create(
            user=user, lecture=each, defaults={"course": course, "sections_read": read}
        )
    CourseSummary.objects.update_or_create(
        user=user, course=course, defaults={"sections_read": sum(reads.values())}
    )


def rows(client, course, **params) -> dict[str, reports.ReportRow]:
    response = client.get(reverse("lectures:report", args=[course.slug]), params)
    return {row.username: row for row in response.context["rows"]}


def behind_names(client, course) -> list[str]:
    return sorted(rows(client, course, behind=1))


def dashboard_behind(client) -> int:
    (teaching,) = client.get("/").context["teaching"]
    return teaching["counts"].behind


@pytest.fixture
def class_of_three(course, lecture, enrol, student):
    """`student` read nothing, `half` one section of two, `done` both: one behind."""
    summarise(enrol("half"), course, {lecture: 1})
    summarise(enrol("done"), course, {lecture: 2})
    return lecture


# -- a lecture published today -------------------------------------------------------


def test_publishing_a_new_lecture_leaves_behind_unchanged(
    instructor_client, course, class_of_three, time_machine
):
    assert behind_names(instructor_client, course) == ["student"]
    assert dashboard_behind(instructor_client) == 1
    publish_new(course, "Volcanoes")  # published now: nobody has read it
    assert behind_names(instructor_client, course) == ["student"]
    assert dashboard_behind(instructor_client) == 1
    page = instructor_client.get(reverse("lectures:report", args=[course.slug]))
    assert "(not counted yet: Volcanoes)" in page.content.decode()
    # A week on, the lecture counts: half of four sections is two.
    time_machine.move_to(NOW + timedelta(days=7), tick=False)
    assert behind_names(instructor_client, course) == ["half", "student"]
    assert dashboard_behind(instructor_client) == 2


def test_a_draft_published_in_the_admin_counts_from_then(
    instructor_client, course, class_of_three, time_machine
):
    draft = publish_new(course, "Volcanoes", draft=True)
    out_since(draft, NOW - timedelta(days=60))  # drafted long ago: the date is restarted
    url = reverse("admin:lectures_lecture_change", args=[draft.pk])
    data = change_form_data(instructor_client.get(url)) | {"published": "on"}
    assert instructor_client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.published and draft.published_at == NOW
    assert behind_names(instructor_client, course) == ["student"]


def test_publishing_from_the_lecture_list_dates_the_lecture(
    instructor_client, course, class_of_three
):
    draft = out_since(publish_new(course, "Volcanoes", draft=True), NOW - timedelta(days=60))
    url = reverse("admin:lectures_lecture_changelist")
    lectures = list(Lecture.objects.filter(course=course).order_by("position", "pk"))
    data = {
        "form-TOTAL_FORMS": str(len(lectures)),
        "form-INITIAL_FORMS": str(len(lectures)),
        "_save": "Save",
    }
    for n, each in enumerate(lectures):
        data |= {f"form-{n}-id": str(each.pk), f"form-{n}-position": str(each.position)}
        data[f"form-{n}-published"] = "on"
    assert instructor_client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.published and draft.published_at == NOW
    class_of_three.refresh_from_db()
    assert class_of_three.published_at == NOW - timedelta(days=30)  # unchanged: was published


def test_the_service_dates_a_publication_and_keeps_the_date_when_unpublishing(course, lecture):
    assert lecture_set_published(lecture=lecture, published=False)
    lecture.refresh_from_db()
    assert not lecture.published and lecture.published_at == NOW - timedelta(days=30)
    assert not lecture_set_published(lecture=lecture, published=False)
    assert lecture_set_published(lecture=lecture, published=True)
    lecture.refresh_from_db()
    assert lecture.published and lecture.published_at == NOW


@pytest.mark.parametrize(("days", "behind"), [(0, ["half", "student"]), (3, ["student"])])
def test_how_long_a_lecture_waits_is_the_courses_setting(
    instructor_client, course, class_of_three, days, behind
):
    Course.objects.filter(pk=course.pk).update(behind_after_days=days)
    out_since(publish_new(course, "Volcanoes"), NOW - timedelta(days=2))
    assert behind_names(instructor_client, course) == behind


def test_a_course_with_no_counted_lecture_has_nobody_behind_for_reading(
    instructor_client, course, lecture, student
):
    out_since(lecture, NOW - timedelta(days=1))
    assert behind_names(instructor_client, course) == []
    assert rows(instructor_client, course)["student"].threshold == 0


def test_sections_read_in_a_lecture_since_unpublished_do_not_count(
    instructor_client, course, class_of_three, enrol
):
    """Read while it was out, then withdrawn: the draft's reading does not make up
    for the counted lecture's."""
    withdrawn = out_since(publish_new(course, "Volcanoes"), NOW - timedelta(days=30))
    summarise(enrol("elsewhere"), course, {class_of_three: 0, withdrawn: 2})
    lecture_set_published(lecture=withdrawn, published=False)
    row = rows(instructor_client, course)["elsewhere"]
    assert (row.sections_read, row.counted_read, row.threshold) == (2, 0, 1)
    assert "elsewhere" in behind_names(instructor_client, course)


@pytest.mark.parametrize("n_new", [0, 1, 3])
def test_the_filter_agrees_with_every_rows_flag(instructor_client, course, lecture, enrol, n_new):
    """Both ways of counting the counted lectures' sections in SQL (the course total
    less the others when they are fewer, else the counted ones' rows) give what the
    rows say."""
    lectures = [lecture] + [publish_new(course, f"New {i}") for i in range(n_new)]
    older = out_since(publish_new(course, "Older"), NOW - timedelta(days=10))
    rule = reports.report_scope(course, NOW).rule
    assert rule.subtracts is (n_new <= 1)
    for i in range(9):
        summarise(enrol(f"s{i}"), course, {lecture: i % 3, older: i // 3, lectures[-1]: i % 2})
    every = rows(instructor_client, course)
    flagged = sorted(name for name, row in every.items() if row.is_behind)
    assert behind_names(instructor_client, course) == flagged
    assert 0 < len(flagged) < len(every)
    assert dashboard_behind(instructor_client) == len(flagged)


def test_a_student_of_two_courses_is_behind_by_this_courses_work_alone(
    instructor_client, course, class_of_three, enrol
):
    """The filter reads the course's students through their enrolments in it: a
    student of another course too is listed once, by their rows here, and the
    page's count is its rows'."""
    elsewhere = out_since(
        publish_new(Course.objects.create(title="Other", slug="other"), "Elsewhere"),
        NOW - timedelta(days=30),
    )
    done, half = (get_user_model().objects.get(username=name) for name in ("done", "half"))
    for user in (done, half):
        Enrolment.objects.create(course=elsewhere.course, user=user)
    summarise(done, elsewhere.course, {elsewhere: 0})  # behind there, not here
    summarise(half, elsewhere.course, {elsewhere: 2})  # up to date there, not here
    Course.objects.filter(pk=course.pk).update(behind_after_days=0)
    publish_new(course, "Volcanoes")  # half now has 1 of 4 sections here: behind
    response = instructor_client.get(reverse("lectures:report", args=[course.slug]), {"behind": 1})
    assert [row.username for row in response.context["rows"]] == ["half", "student"]
    assert response.context["page"].paginator.count == 2
    assert dashboard_behind(instructor_client) == 2


# -- overdue work and its reasons ----------------------------------------------------------


@pytest.fixture
def quiz(lecture):
    quiz = Quiz.objects.create(lecture=lecture, title="Plates quiz", published=True)
    add_question(
        quiz,
        Question.Kind.TRUE_FALSE,
        "True?",
        [{"text": "True", "is_correct": True}, {"text": "False"}],
    )
    return quiz


def test_a_quiz_past_its_due_date_without_a_submitted_attempt_is_overdue(
    instructor_client, course, class_of_three, quiz, student, time_machine
):
    done = get_user_model().objects.get(username="done")
    assert behind_names(instructor_client, course) == ["student"]
    Quiz.objects.filter(pk=quiz.pk).update(due_at=NOW + timedelta(hours=1))
    assert behind_names(instructor_client, course) == ["student"]  # not due yet
    time_machine.move_to(NOW + timedelta(hours=2), tick=False)
    assert behind_names(instructor_client, course) == ["done", "half", "student"]
    reason = rows(instructor_client, course)["half"].behind_reason
    assert reason == "quiz overdue: Plates quiz"
    # Written directly: the service would recount the summaries written by hand above.
    Attempt.objects.create(quiz=quiz, user=done, submitted_at=NOW, percent=0)
    Attempt.objects.create(quiz=quiz, user=student)  # started, never submitted: still overdue
    assert behind_names(instructor_client, course) == ["half", "student"]
    assert dashboard_behind(instructor_client) == 2
    Quiz.objects.filter(pk=quiz.pk).update(published=False)  # withdrawn: no longer set
    assert behind_names(instructor_client, course) == ["student"]


def test_each_row_says_why_the_student_is_behind(
    instructor_client, course, lecture, quiz, student, enrol
):
    Quiz.objects.filter(pk=quiz.pk).update(due_at=NOW - timedelta(days=1))
    reading = Reading.objects.create(course=course, title="Chapter 4", url="https://x.test/")
    other = Reading.objects.create(course=course, title="Chapter 5", url="https://y.test/")
    late = enrol("late")
    summarise(late, course, {lecture: 2})
    quick = enrol("quick")
    summarise(quick, course, {lecture: 2})
    Attempt.objects.create(quiz=quiz, user=quick, submitted_at=NOW, percent=100)
    for each in (reading, other):
        assignment_save(
            readings=[each],
            students=[late, quick],
            cohorts=[],
            due_at=NOW - timedelta(hours=1) if each is reading else NOW + timedelta(days=1),
            note="",
            assigned_by=None,
        )
    every = rows(instructor_client, course)
    assert every["student"].behind_reason == (
        "quiz overdue: Plates quiz; under half read: 0 of 2 sections"
    )
    assert every["late"].behind_reason == "2 overdue"
    assert every["quick"].behind_reason == "reading overdue: Chapter 4"
    page = instructor_client.get(reverse("lectures:report", args=[course.slug])).content.decode()
    assert '<span class="behind-reason">2 overdue</span>' in page
    student_page = reverse("lectures:report_student", args=[course.slug, late.pk])
    body = instructor_client.get(student_page).content.decode()
    assert "Behind</span>: 2 overdue" in body and "<dt>Quizzes overdue</dt><dd>1</dd>" in body
    export = instructor_client.get(reverse("lectures:report_csv", args=[course.slug]))
    text = b"".join(export.streaming_content).decode()[1:]
    reasons = {line["Username"]: line["Why behind"] for line in csv.DictReader(io.StringIO(text))}
    assert reasons == {
        "student": "quiz overdue: Plates quiz; under half read: 0 of 2 sections",
        "late": "2 overdue",
        "quick": "reading overdue: Chapter 4",
    }


def test_the_report_keeps_its_queries_with_a_new_lecture_and_a_quiz_overdue(
    instructor_client, course, class_of_three, quiz, django_assert_num_queries
):
    Quiz.objects.filter(pk=quiz.pk).update(due_at=NOW - timedelta(days=1))
    publish_new(course, "Volcanoes")
    url = reverse("lectures:report", args=[course.slug])
    # As test_report's bound: session, user, course, lectures (and the rule), count,
    # page of students, lecture figures, overdue readings, cohorts, quizzes, review
    # cards, the navigation's review count; and, while a quiz is overdue, the
    # quizzes due and the page's students' attempts at them.
    for params in ({}, {"behind": "1"}):
        with django_assert_num_queries(14):
            instructor_client.get(url, params)
    Quiz.objects.filter(pk=quiz.pk).update(due_at=NOW + timedelta(days=1))
    with django_assert_num_queries(12):
        instructor_client.get(url, {"behind": "1"})


def test_counts_of_several_courses_each_follow_their_own_rule(
    course, class_of_three, make_user, instructor
):
    other = publish_new(
        Course.objects.create(title="Other", slug="other", behind_after_days=0), "X"
    )
    reader = make_user("reader")
    Enrolment.objects.create(course=other.course, user=reader)
    courses = [course, Course.objects.get(slug="other")]
    counts = reports.teaching_counts(courses, NOW)
    assert counts[course.pk] == reports.CourseCounts(students=3, active=0, behind=1)
    # Published just now, counted at once (0 days): the reader has read nothing.
    assert counts[other.course_id] == reports.CourseCounts(students=1, active=0, behind=1)


def test_the_migration_dates_published_lectures_so_nobody_moves(course, lecture):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("lectures.migrations.0027_date_published_lectures")
    draft = publish_new(course, "Volcanoes", draft=True)
    Course.objects.filter(pk=course.pk).update(behind_after_days=5)
    migration.date_published_lectures(apps, None)
    lecture.refresh_from_db()
    draft.refresh_from_db()
    assert lecture.published_at == NOW - timedelta(days=5)
    assert draft.published_at == NOW  # a draft's date is restarted when it is published
