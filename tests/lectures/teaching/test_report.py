"""The instructor's report: one row per student from the summary tables, filtered,
searched, sorted and paged; its CSV export; one student's work; and the dashboard's
counts. One quiz's results are test_quiz_results.py's."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from lectures.content.imports import lecture_import
from lectures.models import (
    ActionItemProgress,
    Cohort,
    Course,
    CourseSummary,
    Enrolment,
    Lecture,
    LectureSummary,
    Reading,
    SectionProgress,
)
from lectures.study.readings import reading_set_done
from lectures.teaching import reports
from lectures.teaching.assignments import assignment_save, cohort_members_changed
from lectures.teaching.csv import csv_safe
from quizzes.models import Attempt, Quiz
from tests.helpers import PASSWORD, SIMPLE_NOTES

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def lecture(course):
    """ "Plate Tectonics": 2 sections, 2 action items; published a month before NOW,
    so it counts towards "behind" (Course.behind_after_days)."""
    lecture = course.lectures.get()
    lecture.published_at = NOW - timedelta(days=30)
    lecture.save(update_fields=["published_at"])
    return lecture


@pytest.fixture
def quiz(lecture):
    return Quiz.objects.create(lecture=lecture, title="Plates quiz", published=True, pass_mark=60)


@pytest.fixture
def enrol(course, make_user):
    """Enrol a new student in `course`: enrol("ada", first_name="Ada", ...)."""

    def make(username: str, **fields):
        user = make_user(username, **fields)
        Enrolment.objects.create(course=course, user=user)
        return user

    return make


def assign(reading, *, student=None, cohort=None, due_at=None) -> None:
    """Assign as the assign page does, so the readings due follow."""
    assignment_save(
        readings=[reading],
        students=[student] if student else [],
        cohorts=[cohort] if cohort else [],
        due_at=due_at,
        note="",
        assigned_by=None,
    )


def join(cohort, *users) -> None:
    cohort.members.add(*users)
    cohort_members_changed(course=cohort.course_id, users=users)


def summarise(user, lecture, *, read=0, items=0, best=None, when=None, readings=0):
    """The summary rows lectures.teaching.summaries keeps, written directly: the student's
    row for `lecture` and a course row with the same figures."""
    LectureSummary.objects.update_or_create(
        user=user,
        lecture=lecture,
        defaults={
            "course_id": lecture.course_id,
            "sections_read": read,
            "items_done": items,
            "best_percent": best,
            "last_activity": when,
        },
    )
    CourseSummary.objects.update_or_create(
        user=user,
        course_id=lecture.course_id,
        defaults={
            "sections_read": read,
            "items_done": items,
            "readings_done": readings,
            "last_activity": when,
        },
    )


def make_published(course, title: str, when: datetime) -> Lecture:
    """A second lecture of `course` (2 sections, 2 action items), published at `when`."""
    lecture = lecture_import(
        course_slug=course.slug, data=SIMPLE_NOTES.replace("Plate Tectonics", title)
    ).lecture
    lecture.published_at = when
    lecture.save(update_fields=["published_at"])
    return lecture


def report_url(course, **params) -> str:
    url = reverse("lectures:report", args=[course.slug])
    if params:
        from urllib.parse import urlencode

        url += "?" + urlencode(params)
    return url


def usernames(response) -> list[str]:
    return [row.username for row in response.context["rows"]]


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


# -- contents ---------------------------------------------------------------------------


def test_report_lists_every_student_with_their_figures(
    instructor_client, course, lecture, quiz, student, enrol
):
    student.first_name, student.last_name = "Sam", "Student"
    student.save()
    summarise(student, lecture, read=1, items=2, best=80, when=NOW, readings=1)
    enrol("newcomer")  # no activity: no summary rows at all
    response = instructor_client.get(report_url(course))
    assert response.status_code == 200
    rows = {row.username: row for row in response.context["rows"]}
    assert set(rows) == {"student", "newcomer"}
    sam = rows["student"]
    assert (sam.sections_read, sam.items_done, sam.readings_done, sam.overdue) == (1, 2, 1, 0)
    assert sam.lectures[0].read == 1 and sam.lectures[0].best_percent == 80
    assert sam.progress.percent == 50 and not sam.is_behind
    new = rows["newcomer"]
    assert (new.sections_read, new.last_activity, new.lectures[0].best_percent) == (0, None, None)
    assert new.is_behind  # none of the two sections read
    body = response.content.decode()
    assert "Sam Student" in body and "1/2" in body and "never" in body
    assert 'aria-sort="ascending"' in body  # by name, the default
    # One column per lecture unless it is chosen for details (see test_report_columns).
    assert "80%" not in body and "not tried" not in body
    body = instructor_client.get(report_url(course, details=lecture.pk)).content.decode()
    assert "80%" in body and "not tried" in body and "2/2" in body  # items done
    assert 'scope="colgroup" colspan="4" class="lecture-head">Plate Tectonics</th>' in body
    assert '<caption id="report-caption">' in body
    assert 'role="region" aria-labelledby="report-caption" tabindex="0"' in body
    assert 'aria-live="polite"' in body
    assert f'href="{reverse("lectures:report_quiz", args=[course.slug, quiz.pk])}"' in body


def test_report_times_are_in_the_site_time_zone(
    instructor_client, course, lecture, student, settings
):
    settings.TIME_ZONE = "Asia/Tokyo"
    summarise(student, lecture, read=1, when=datetime(2026, 3, 10, 23, 30, tzinfo=UTC))
    body = instructor_client.get(report_url(course)).content.decode()
    assert "11 Mar 2026, 08:30" in body
    rows = csv_rows(instructor_client.get(reverse("lectures:report_csv", args=[course.slug])))
    assert rows[0][4] == "Last activity (Asia/Tokyo)"
    assert rows[1][4] == "2026-03-11 08:30"


def test_draft_lectures_and_archived_sections_are_not_measured(
    instructor_client, course, lecture, make_lecture, student
):
    draft = make_lecture(SIMPLE_NOTES.replace("Plate Tectonics", "Volcanoes"))
    draft.published = False
    draft.save()
    lecture.sections.filter(slug="evidence").update(archived=True)
    summarise(student, lecture, read=1)
    row = instructor_client.get(report_url(course)).context["rows"][0]
    assert [cell.total for cell in row.lectures] == [1]
    assert row.progress.percent == 100


# -- filters, search, sort, pages -------------------------------------------------------------


def test_cohort_filter(instructor_client, course, student, enrol):
    other = enrol("other")
    cohort = Cohort.objects.create(course=course, name="Mornings")
    join(cohort, other)
    response = instructor_client.get(report_url(course, cohort=cohort.pk))
    assert usernames(response) == ["other"]
    assert "1 student matches the filters" in response.content.decode()


def test_a_cohort_of_another_course_is_refused_and_the_filter_dropped(
    instructor_client, course, foreign_lecture, student
):
    foreign = Cohort.objects.create(course=foreign_lecture.course, name="Theirs")
    response = instructor_client.get(report_url(course, cohort=foreign.pk))
    assert usernames(response) == ["student"]
    assert response.context["form"].errors["cohort"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("ada", ["ada_l"]),
        ("LOVE", ["ada_l"]),
        ("ada lov", ["ada_l"]),
        ("grace", ["gh"]),
        ("g", ["gh"]),
    ],
)
def test_search_by_name_or_username(instructor_client, course, enrol, query, found):
    enrol("ada_l", first_name="Ada", last_name="Lovelace")
    enrol("gh", first_name="Grace", last_name="Hopper")
    assert usernames(instructor_client.get(report_url(course, q=query))) == found


@pytest.fixture
def three(course, lecture, enrol, student):
    """Three students whose every figure sorts them differently; `none` has no rows."""
    a = enrol("a_first", first_name="Zed", last_name="Adams")
    b = enrol("b_second", first_name="Amy", last_name="Baker")
    Enrolment.objects.filter(user=student).delete()  # the fixture's student: not in these
    enrol("c_none", first_name="Cy", last_name="Cole")
    summarise(a, lecture, read=2, items=0, best=40, when=NOW - timedelta(days=1), readings=2)
    summarise(b, lecture, read=1, items=2, best=90, when=NOW, readings=0)
    reading = Reading.objects.create(course=course, title="Overdue one", url="https://x.test/")
    assign(reading, student=b, due_at=NOW - timedelta(days=2))
    return lecture


# Ascending order of each sort key; descending is its reverse (ties broken by pk).
ASCENDING = {
    "name": ["a_first", "b_second", "c_none"],  # by last name: Adams, Baker, Cole
    "username": ["a_first", "b_second", "c_none"],
    "last_activity": ["c_none", "a_first", "b_second"],  # never is oldest
    "progress": ["c_none", "b_second", "a_first"],
    "items": ["a_first", "c_none", "b_second"],  # a and c tie at 0: a has the lower pk
    "readings": ["b_second", "c_none", "a_first"],
    "overdue": ["a_first", "c_none", "b_second"],
    "read": ["c_none", "b_second", "a_first"],
    "quiz": ["c_none", "a_first", "b_second"],  # not tried is lowest
}


@pytest.mark.parametrize("key", sorted(ASCENDING))
@pytest.mark.parametrize("direction", ["asc", "desc"])
def test_every_sort_key_both_directions(
    instructor_client, course, three, key, direction, time_machine
):
    time_machine.move_to(NOW)
    sort = f"{key}-{three.pk}" if key in ("read", "quiz") else key
    response = instructor_client.get(report_url(course, sort=sort, dir=direction))
    # Descending is the exact reverse: ties (items, overdue) break on pk both ways.
    expected = ASCENDING[key] if direction == "asc" else ASCENDING[key][::-1]
    assert usernames(response) == expected
    link = response.context["sorts"][sort]
    assert link.aria_sort == ("ascending" if direction == "asc" else "descending")
    # The header's link flips the direction and keeps the sort key.
    assert (
        f"sort={sort}" in link.url and ("dir=desc" if direction == "asc" else "dir=asc") in link.url
    )


def test_an_unknown_sort_falls_back_to_name(instructor_client, course, three):
    response = instructor_client.get(report_url(course, sort="password", dir="sideways"))
    assert usernames(response) == ASCENDING["name"]


def test_pages_of_fifty_keep_the_filters_in_their_links(instructor_client, course, enrol):
    cohort = Cohort.objects.create(course=course, name="Big")
    for i in range(120):
        join(cohort, enrol(f"s{i:03}"))
    params = {"cohort": cohort.pk, "q": "s", "sort": "username", "dir": "desc"}
    first = instructor_client.get(report_url(course, **params))
    assert len(first.context["rows"]) == 50
    assert usernames(first)[0] == "s119"
    next_url = first.context["page_urls"]["next"]
    for part in (f"cohort={cohort.pk}", "q=s", "sort=username", "dir=desc", "page=2"):
        assert part in next_url
    second = instructor_client.get(next_url)
    assert usernames(second)[0] == "s069"
    last = instructor_client.get(report_url(course, **params, page=3))
    assert len(last.context["rows"]) == 20 and usernames(last)[-1] == "s000"
    assert "Page 3 of 3" in last.content.decode()


def test_htmx_gets_only_the_results_region(instructor_client, course, student):
    response = instructor_client.get(report_url(course, sort="username"), **HTMX)
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="report-results"')
    assert "<html" not in body and "report-filters" in body  # the sort inputs belong to the form
    assert response["Vary"].count("HX-Request") == 1


def test_report_is_get_only(instructor_client, course):
    assert instructor_client.post(report_url(course)).status_code == 405
    assert (
        instructor_client.post(reverse("lectures:report_csv", args=[course.slug])).status_code
        == 405
    )


# -- behind and overdue ------------------------------------------------------------------------


@pytest.fixture
def reading(course):
    return Reading.objects.create(course=course, title="=cmd|' /C calc'!A0", url="https://x.test/")


def test_behind_is_an_overdue_reading_or_under_half_read(
    instructor_client, course, lecture, reading, enrol, student, time_machine
):
    time_machine.move_to(NOW)
    late = enrol("late")  # read everything, but a reading is overdue
    enrol("slow")  # read under half
    fine = enrol("fine")
    summarise(student, lecture, read=1)  # exactly half: not behind
    summarise(late, lecture, read=2)
    summarise(fine, lecture, read=2)
    # "slow" has no rows: nothing read
    assign(reading, student=late, due_at=NOW - timedelta(hours=1))
    assign(reading, student=fine, due_at=NOW + timedelta(hours=1))
    response = instructor_client.get(report_url(course, behind=1))
    assert usernames(response) == ["late", "slow"]
    assert "behind" in response.content.decode()
    assert sorted(usernames(instructor_client.get(report_url(course, behind=0)))) == [
        "fine",
        "late",
        "slow",
        "student",
    ]


def test_overdue_counts_live_with_the_clock(
    instructor_client, course, lecture, reading, student, make_user, time_machine
):
    cohort = Cohort.objects.create(course=course, name="All")
    join(cohort, student)
    due = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    # Directly and through the cohort: one reading, overdue once.
    assign(reading, student=student, due_at=due)
    assign(reading, cohort=cohort, due_at=due)
    second = Reading.objects.create(course=course, title="Second", url="https://y.test/")
    assign(second, cohort=cohort, due_at=due + timedelta(days=1))

    def overdue() -> int:
        return instructor_client.get(report_url(course)).context["rows"][0].overdue

    time_machine.move_to(due - timedelta(minutes=1))
    assert overdue() == 0
    time_machine.move_to(due + timedelta(minutes=1))
    assert overdue() == 1
    time_machine.move_to(due + timedelta(days=2))
    assert overdue() == 2
    reading_set_done(user=student, reading=reading, done=True)
    assert overdue() == 1
    cohort.members.remove(student)  # the cohort's readings no longer reach them
    cohort_members_changed(course=course, users=[student])
    assert overdue() == 0


# -- the CSV ------------------------------------------------------------------------------------


def test_csv_is_the_page_with_the_same_filters_and_sort(
    instructor_client, course, three, quiz, time_machine
):
    time_machine.move_to(NOW)
    for user, percent in (("a_first", 40), ("b_second", 90)):  # three's summaries' scores
        user = get_user_model().objects.get(username=user)
        Attempt.objects.create(quiz=quiz, user=user, percent=percent, submitted_at=NOW)
    params = {"sort": "progress", "dir": "desc", "q": "e"}  # every name has an "e"
    page = instructor_client.get(report_url(course, **params))
    response = instructor_client.get(
        reverse("lectures:report_csv", args=[course.slug])
        + "?"
        + page.context["csv_url"].split("?")[1]
    )
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="report-geo-search-e-2026-03-10.csv"'
    )
    header, *rows = csv_rows(response)
    assert [row[1] for row in rows] == usernames(page)
    by_name = {row[1]: dict(zip(header, row, strict=True)) for row in rows}
    for shown in page.context["rows"]:
        line = by_name[shown.username]
        assert line["Name"] == shown.name
        assert int(line["Plate Tectonics: sections read (of 2)"]) == shown.lectures[0].read
        recall = shown.lectures[0].recall
        assert line["Plate Tectonics: recall estimate %"] == ("" if recall is None else str(recall))
        figures = {
            "Action items done (of 2)": shown.items_done,
            "Readings done": shown.readings_done,
            "Readings overdue": shown.overdue,
            "Sections read (of 2)": shown.sections_read,
            "Overall progress %": shown.progress.percent,
        }
        assert {key: int(line[key]) for key in figures} == figures
        assert line["Behind"] == ("yes" if shown.is_behind else "no")
        assert line["Why behind"] == shown.behind_reason


def test_csv_header_and_a_row(instructor_client, course, lecture, quiz, enrol, time_machine):
    """Every column of the export: the student (the username where there is no name,
    as on the page), their cohorts, each lecture, each quiz under its own title, the
    totals with what they are out of, and why they are behind."""
    time_machine.move_to(NOW)
    quiz.due_at = NOW - timedelta(days=1)
    quiz.save()
    newer = make_published(course, "Volcanoes", NOW - timedelta(days=2))  # not counted yet
    other = Quiz.objects.create(lecture=newer, title="Plates quiz", published=True)
    Quiz.objects.create(lecture=newer, title="Draft quiz")  # students never see it
    ada = enrol("ada")
    for name in ("Mornings", "Evens"):
        join(Cohort.objects.create(course=course, name=name), ada)
    Attempt.objects.create(quiz=other, user=ada, submitted_at=NOW, percent=70)
    Attempt.objects.create(quiz=other, user=ada, submitted_at=NOW, percent=40, seed=1)
    reading = Reading.objects.create(course=course, title="Chapter 4", url="https://x.test/")
    assign(reading, student=ada, due_at=NOW - timedelta(hours=1))
    url = reverse("lectures:report_csv", args=[course.slug])
    header, *rows = csv_rows(instructor_client.get(f"{url}?q=ada"))
    assert header == [
        "Name",
        "Username",
        "Email",
        "Cohorts",
        "Last activity (UTC)",
        "Plate Tectonics: sections read (of 2)",
        "Plate Tectonics: recall estimate %",
        "Volcanoes: sections read (of 2)",
        "Volcanoes: recall estimate %",
        "Plates quiz (Plate Tectonics): best %",
        "Plates quiz (Volcanoes): best %",
        "Action items done (of 4)",
        "Readings done",
        "Readings overdue",
        "Quizzes overdue",
        "Sections read (of 4)",
        "Overall progress %",
        "Behind",
        "Why behind",
    ]
    assert rows == [
        [
            "ada",
            "ada",
            "ada@example.com",
            "Evens; Mornings",
            "",
            "0",
            "",
            "0",
            "",
            "",
            "70",
            "0",
            "0",
            "1",
            "1",
            "0",
            "0",
            "yes",
            "2 overdue; under half read: 0 of 2 sections",
        ]
    ]


def test_csv_file_name_says_which_rows_it_holds(instructor_client, course, time_machine):
    time_machine.move_to(NOW)
    cohort = Cohort.objects.create(course=course, name="Cohort A")
    url = reverse("lectures:report_csv", args=[course.slug])
    names = {
        "": "report-geo-2026-03-10.csv",
        f"?cohort={cohort.pk}&behind=1": "report-geo-cohort-a-behind-2026-03-10.csv",
        "?q=Ada L%C3%B8velace&sort=username": "report-geo-search-ada-lvelace-2026-03-10.csv",
        "?q=%E6%9D%8E": "report-geo-search-text-2026-03-10.csv",  # nothing ASCII in it
    }
    for query, name in names.items():
        response = instructor_client.get(url + query)
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'


def test_csv_follows_the_cohort_and_behind_filters(instructor_client, course, three):
    cohort = Cohort.objects.create(course=course, name="Pair")
    join(cohort, *get_user_model().objects.filter(username__in=["a_first", "c_none"]))
    url = reverse("lectures:report_csv", args=[course.slug])
    rows = csv_rows(instructor_client.get(f"{url}?cohort={cohort.pk}&behind=1"))[1:]
    assert [row[1] for row in rows] == ["c_none"]


@pytest.mark.parametrize("danger", ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\t=1+2"])
def test_csv_escapes_formulas(instructor_client, course, enrol, danger):
    enrol("evil", first_name=danger, last_name="")
    enrol("@home")  # usernames may start with @, + or - too
    rows = csv_rows(instructor_client.get(reverse("lectures:report_csv", args=[course.slug])))
    names = {row[1]: row[0] for row in rows[1:]}
    # get_full_name() strips the tab; what is left still starts a formula.
    assert names["evil"] == "'" + danger.lstrip("\t")
    assert "'@home" in names


@pytest.mark.parametrize(
    ("value", "safe"),
    [("\tx", "'\tx"), ("\rx", "'\rx"), ("=x", "'=x"), ("a=b", "a=b"), (-1, -1), ("", "")],
)
def test_csv_safe(value, safe):
    assert csv_safe(value) == safe


def test_csv_escapes_lecture_titles_in_its_header(instructor_client, course, lecture):
    lecture.title = '=HYPERLINK("http://evil.test")'
    lecture.save()
    header = csv_rows(instructor_client.get(reverse("lectures:report_csv", args=[course.slug])))[0]
    assert header[5].startswith("'=HYPERLINK")


def test_csv_streams_every_row_in_chunks(instructor_client, course, lecture, enrol, monkeypatch):
    from lectures.teaching import report_views

    monkeypatch.setattr(report_views, "CSV_CHUNK", 7)
    for i in range(30):
        summarise(enrol(f"x{i:02}"), lecture, read=i % 3)
    rows = csv_rows(instructor_client.get(reverse("lectures:report_csv", args=[course.slug])))[1:]
    assert len(rows) == 31  # and the fixture's student
    assert {row[1]: int(row[5]) for row in rows}["x05"] == 2


# -- the query bound ---------------------------------------------------------------------------


def _big_course(course, lecture, make_lecture, make_user, n_students: int, n_lectures: int):
    lectures = [lecture] + [
        make_lecture(SIMPLE_NOTES.replace("Plate Tectonics", f"Extra {i}"))
        for i in range(n_lectures - 1)
    ]
    cohort = Cohort.objects.create(course=course, name="All")
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"u{i:04}", first_name=f"F{i}") for i in range(n_students)
    )
    Enrolment.objects.bulk_create(Enrolment(course=course, user=u) for u in users)
    join(cohort, *users)
    LectureSummary.objects.bulk_create(
        LectureSummary(user=u, lecture=each, course=course, sections_read=i % 3, best_percent=i)
        for i, u in enumerate(users[::2])
        for each in lectures
    )
    CourseSummary.objects.bulk_create(
        CourseSummary(user=u, course=course, sections_read=i, last_activity=NOW)
        for i, u in enumerate(users[::2])
    )
    reading = Reading.objects.create(course=course, title="R", url="https://r.test/")
    assign(reading, cohort=cohort, due_at=NOW)
    Quiz.objects.create(lecture=lecture, title="Q", published=True)
    return lectures


@pytest.mark.parametrize(("n_students", "n_lectures"), [(10, 2), (200, 2), (10, 6), (200, 6)])
@pytest.mark.parametrize(
    "params",
    [{}, {"sort": "progress", "dir": "desc"}, {"sort": "overdue"}, {"behind": "1", "q": "u0"}],
)
def test_report_page_queries_do_not_grow_with_students_or_lectures(
    instructor_client,
    course,
    lecture,
    make_lecture,
    make_user,
    django_assert_num_queries,
    n_students,
    n_lectures,
    params,
):
    lectures = _big_course(course, lecture, make_lecture, make_user, n_students, n_lectures)
    sort_lecture = {"sort": f"quiz-{lectures[-1].pk}"} if params == {} else {}
    # session, user, course (access), lectures, count, page of students with course
    # figures, their lecture figures, their overdue readings, cohorts (the filter's
    # choices), quizzes (links to their results), their review cards (the recall
    # estimates), the navigation's review count
    with django_assert_num_queries(12):
        response = instructor_client.get(report_url(course, **params, **sort_lecture))
    assert len(response.context["rows"]) == min(50, response.context["page"].paginator.count)


def test_the_cohort_filter_costs_one_query_more(
    instructor_client, course, lecture, make_lecture, make_user, django_assert_num_queries
):
    _big_course(course, lecture, make_lecture, make_user, 20, 2)
    cohort = Cohort.objects.get(course=course)
    with django_assert_num_queries(13):  # and the cohort's lookup
        instructor_client.get(report_url(course, cohort=cohort.pk))


def test_the_first_page_reads_summaries_not_progress(instructor_client, course, lecture, student):
    """The page's queries never touch the progress tables: sorting by any column is a
    read of one summary row per student (the overdue count aside, which reads
    reading progress for the shown rows)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    summarise(student, lecture, read=1)
    with CaptureQueriesContext(connection) as queries:
        instructor_client.get(report_url(course, sort="progress"))
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "lectures_sectionprogress" not in sql
    assert "lectures_actionitemprogress" not in sql
    assert "quizzes_attempt" not in sql


# -- one student ---------------------------------------------------------------------------------


def student_url(course, user) -> str:
    return reverse("lectures:report_student", args=[course.slug, user.pk])


def test_student_page_shows_their_work(
    instructor_client, course, lecture, quiz, reading, student, time_machine
):
    time_machine.move_to(NOW)
    drift = lecture.sections.get(slug="drift")
    SectionProgress.objects.create(
        user=student, section=drift, completed_at=NOW - timedelta(days=3)
    )
    ActionItemProgress.objects.create(user=student, item=lecture.action_items.first())
    attempt = Attempt.objects.create(
        quiz=quiz, user=student, submitted_at=NOW, percent=75, passed=True, started_at=NOW
    )
    done = Reading.objects.create(course=course, title="Done reading", url="https://d.test/")
    assign(reading, student=student, due_at=NOW - timedelta(days=1))
    assign(done, student=student, due_at=NOW - timedelta(days=1))
    time_machine.move_to(NOW - timedelta(days=2), tick=False)
    reading_set_done(user=student, reading=done, done=True)
    time_machine.move_to(NOW)
    summarise(student, lecture, read=1, items=1, best=75, when=NOW, readings=1)
    response = instructor_client.get(student_url(course, student))
    assert response.status_code == 200
    body = response.content.decode()
    assert "✓ Read</span> <time" in body and "7 Mar 2026, 12:00" in body  # drift, with its date
    assert "Not read" in body  # evidence
    assert "✓ Done" in body and "Not done" in body  # one action item each way
    assert "75%" in body and "Passed ✓" in body
    assert f'href="{reverse("lectures:report_quiz", args=[course.slug, quiz.pk])}"' in body
    # The score opens the attempt, read-only.
    url = reverse("lectures:report_attempt", args=[course.slug, quiz.pk, attempt.pk])
    assert f'<a href="{url}">75%</a>' in body
    assert '<strong class="overdue">Overdue</strong>' in body  # the reading not done
    assert "8 Mar 2026, 12:00" in body  # when the other was done
    assert response.context["row"].overdue == 1


def test_student_page_is_404_for_anyone_not_in_the_course(
    instructor_client, course, foreign_lecture, other_student, instructor
):
    Enrolment.objects.create(course=foreign_lecture.course, user=other_student)
    assert instructor_client.get(student_url(course, other_student)).status_code == 404
    assert instructor_client.get(student_url(course, instructor)).status_code == 404
    missing = reverse("lectures:report_student", args=[course.slug, 999999])
    assert instructor_client.get(missing).status_code == 404


def test_student_page_of_another_instructors_course_is_404(
    client, course, student, other_instructor, foreign_lecture
):
    client.login(username=other_instructor.username, password=PASSWORD)
    assert client.get(student_url(course, student)).status_code == 404


# -- access ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["report", "report_csv"])
def test_students_and_other_instructors_get_404(client, course, student, other_instructor, name):
    url = reverse(f"lectures:{name}", args=[course.slug])
    for user in (student, other_instructor):
        client.force_login(user)
        assert client.get(url).status_code == 404


# -- the dashboard -----------------------------------------------------------------------------


def test_dashboard_leads_with_each_taught_courses_counts(
    instructor_client, course, lecture, reading, student, enrol, time_machine
):
    time_machine.move_to(NOW)
    active = enrol("active")
    stale = enrol("stale")
    summarise(active, lecture, read=2, when=NOW - timedelta(days=2))
    summarise(stale, lecture, read=2, when=NOW - timedelta(days=8))
    assign(reading, student=stale, due_at=NOW - timedelta(days=1))
    # student: nothing read -> behind; stale: overdue -> behind; active: on track
    response = instructor_client.get("/")
    (row,) = response.context["teaching"]
    assert row["counts"] == reports.CourseCounts(students=3, active=1, behind=2)
    body = response.content.decode()
    assert f'href="{report_url(course)}?behind=1">2 behind' in body
    assert f'href="{report_url(course)}">Report' in body


@pytest.mark.parametrize("n_courses", [1, 4])
def test_dashboard_queries_do_not_grow_with_courses_taught(
    instructor_client, instructor, course, make_lecture, django_assert_num_queries, n_courses
):
    for i in range(n_courses - 1):
        extra = make_lecture(course=f"extra-{i}")
        Course.objects.get(pk=extra.course_id).instructors.add(instructor)
    # session, user, courses, lectures with progress, quiz results, readings, the
    # taught courses' lectures (what "behind" counts in each), their counts, review
    # cards due (no quizzes due: the instructor studies no course), the latest
    # announcements
    with django_assert_num_queries(10):
        response = instructor_client.get("/")
    assert len(response.context["teaching"]) == n_courses


def test_course_with_no_sections_has_nobody_behind(course, lecture, student):
    lecture.sections.update(archived=True)
    counts = reports.teaching_counts([course], timezone.now())
    assert counts[course.pk] == reports.CourseCounts(students=1, active=0, behind=0)


@pytest.mark.parametrize("n_lectures", [1, 4])
def test_student_page_queries_do_not_grow_with_lectures(
    instructor_client, course, quiz, student, make_lecture, django_assert_num_queries, n_lectures
):
    for i in range(n_lectures - 1):
        extra = make_lecture(SIMPLE_NOTES.replace("Plate Tectonics", f"Extra {i}"))
        Attempt.objects.create(quiz=Quiz.objects.create(lecture=extra, title=f"Q{i}"), user=student)
    # session, user, course (access), lectures, the student with course figures,
    # lecture figures, overdue readings, review cards, sections, action items,
    # attempts, readings, the navigation's review count
    with django_assert_num_queries(13):
        response = instructor_client.get(student_url(course, student))
    assert len(response.context["work"]) == n_lectures


def test_the_report_follows_live_progress_writes(
    instructor_client, client, course, lecture, student, time_machine
):
    """Through the student's own pages, not summary rows written by hand: what
    lectures.teaching.summaries keeps is what the report and the dashboard read."""
    time_machine.move_to(NOW, tick=False)
    student_client = type(client)()
    student_client.force_login(student)
    drift = lecture.sections.get(slug="drift")
    url = reverse("lectures:section_mark_read", args=[course.slug, lecture.slug, drift.pk])
    student_client.post(url, {"done": "1"})
    (row,) = instructor_client.get(report_url(course)).context["rows"]
    assert (row.sections_read, row.lectures[0].read, row.last_activity) == (1, 1, NOW)
    (teaching,) = instructor_client.get("/").context["teaching"]
    assert teaching["counts"] == reports.CourseCounts(students=1, active=1, behind=0)
