"""The instructor's report on a course: every student's standing, its CSV export,
one student's work, one quiz's results, and one student's attempt at it.

Every view looks the course up through access (lectures.access.get_course_taught_by,
or quizzes.access's get_quiz_taught_by and get_attempt_taught_by), so a student or
another course's instructor gets a 404, the CSV included. Figures come from
lectures.teaching.reports, and a quiz's from quizzes.results (the one definition of
whose attempts count, and which); the filters and sort go through forms, and the
same query string drives the page, its htmx fragment and the CSV, so the export is
what the page shows. An attempt is shown to its course's teachers read-only: nothing
here writes (an expired open attempt stays as it is until its student returns).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from coursesite.htmx import wants_fragment
from lectures import access
from lectures.content.rendering import render_inline
from lectures.models import Cohort, Course
from quizzes import access as quiz_access
from quizzes import results

from . import reports
from .csv import report_lines
from .forms import ReportForm, SortForm

STUDENTS_PER_PAGE = 50
# Rows the CSV reads per round trip: big enough that the two follow-up queries per
# chunk are cheap, small enough that memory stays flat.
CSV_CHUNK = 2000


@dataclass(frozen=True)
class SortLink:
    """A sortable column header: its link flips the direction if it is the current
    sort, else sorts ascending; `aria_sort` is "" on the columns not sorted on."""

    label: str
    url: str
    aria_sort: str


def _sort_links(
    base: str, params: dict, choices: list[tuple[str, str]], sort: str, direction: str
) -> dict[str, SortLink]:
    links = {}
    for key, label in choices:
        current = key == sort
        flipped = "desc" if current and direction == "asc" else "asc"
        url = f"{base}?{urlencode({**params, 'sort': key, 'dir': flipped})}"
        aria = ("ascending" if direction == "asc" else "descending") if current else ""
        links[key] = SortLink(label, url, aria)
    return links


def _page_urls(base: str, params: dict, page) -> dict[str, str]:
    urls = {}
    if page.has_previous():
        urls["previous"] = f"{base}?{urlencode({**params, 'page': page.previous_page_number()})}"
    if page.has_next():
        urls["next"] = f"{base}?{urlencode({**params, 'page': page.next_page_number()})}"
    return urls


@dataclass
class _Report:
    form: ReportForm
    scope: reports.ReportScope
    students: QuerySet
    params: dict  # the filters and sort as a query string, defaults left out
    sort: str
    direction: str
    cohort: Cohort | None
    query: str
    behind: bool
    details: int | None  # the lecture whose detail columns the page shows


def _report(request: HttpRequest, course: Course, now: datetime) -> _Report:
    """The filtered, sorted students, as the page and the CSV both read them.
    Queries: the lectures (one); the form's cohort check (one, if a cohort is given)."""
    scope = reports.report_scope(course, now)
    sorts = reports.sort_choices(scope.lectures)
    form = ReportForm(
        request.GET,
        cohorts=course.cohorts.all(),
        sorts=sorts,
        days=course.behind_after_days,
        lectures=scope.lectures,
    )
    cohort, query, behind = form.value("cohort"), form.value("q"), form.value("behind")
    details = form.value("details")
    sort, direction = form.value("sort"), form.value("dir")
    students = reports.report_students(
        course,
        scope=scope,
        now=now,
        cohort=cohort,
        query=query,
        behind_only=behind,
        sort=sort,
        descending=direction == "desc",
    )
    params = {
        "q": query,
        "cohort": cohort.pk if cohort else "",
        "behind": "1" if behind else "",
        "details": details or "",
    }
    params = {key: value for key, value in params.items() if value}
    if (sort, direction) != ("name", "asc"):
        params |= {"sort": sort, "dir": direction}
    return _Report(form, scope, students, params, sort, direction, cohort, query, behind, details)


def _csv_filename(course: Course, built: _Report, day: str) -> str:
    """The export's file name says what it holds: the course, then the filters (the
    cohort, "behind", the search), then the day, e.g.
    report-demo-cohort-a-behind-2026-03-10.csv. Slugs keep it one ASCII word."""
    parts = ["report", course.slug]
    if built.cohort is not None:
        parts.append(slugify(built.cohort.name)[:40].strip("-") or f"cohort-{built.cohort.pk}")
    if built.behind:
        parts.append("behind")
    if built.query:
        parts.append("search-" + (slugify(built.query)[:40].strip("-") or "text"))
    return "-".join([*parts, day]) + ".csv"


@require_GET
@login_required
@never_cache
@vary_on_headers("HX-Request")
def report(request: HttpRequest, course: str) -> HttpResponse:
    """One row per student, filtered, sorted and paged; an htmx request gets the
    results region only. Each lecture is one column (sections read) but the one
    chosen in `details`, which adds its action items, best quiz and recall: read
    from the same rows, so it costs no query.

    Queries, whatever the number of students or lectures: the course (with access),
    its published lectures, the count, one page of students with their course
    figures, their lecture figures, their overdue readings, the cohorts (the filter's
    choices) and the quizzes (links to their results); one more to check a cohort.
    """
    course_obj = access.get_course_taught_by(request.user, course)
    now = timezone.now()
    built = _report(request, course_obj, now)
    page = Paginator(built.students, STUDENTS_PER_PAGE).get_page(request.GET.get("page"))
    rows = reports.report_rows(course_obj, list(page.object_list), built.scope, now)
    base = reverse("lectures:report", args=[course])
    lectures = built.scope.lectures
    sorts = reports.sort_choices(lectures)
    links = _sort_links(base, built.params, sorts, built.sort, built.direction)
    # The CSV has every lecture's columns: which one the page details is no filter.
    csv_params = {key: value for key, value in built.params.items() if key != "details"}
    context = {
        "course": course_obj,
        "form": built.form,
        "lectures": lectures,
        "not_counted": [lecture for lecture in lectures if not lecture.counted],
        "rows": rows,
        "page": page,
        "page_urls": _page_urls(base, built.params, page),
        "sorts": links,
        "lecture_columns": [
            {
                "lecture": lecture,
                "read": links[f"read-{lecture.pk}"],
                "quiz": links[f"quiz-{lecture.pk}"],
                "detailed": lecture.pk == built.details,
            }
            for lecture in lectures
        ],
        "details": built.details,
        "sort": built.sort,
        "sort_label": dict(sorts).get(built.sort, ""),
        "time_zone": settings.TIME_ZONE,
        "descending": built.direction == "desc",
        "filtered": any(key in built.params for key in ("q", "cohort", "behind")),
        "csv_url": reverse("lectures:report_csv", args=[course])
        + (f"?{urlencode(csv_params)}" if csv_params else ""),
    }
    if wants_fragment(request):
        return render(request, "lectures/report.html#report-results", context)
    context["quizzes"] = list(reports.course_quizzes(course_obj))
    return render(request, "lectures/report.html", context)


@require_GET
@login_required
def report_csv(request: HttpRequest, course: str) -> StreamingHttpResponse:
    """The report's rows with the page's filters and sort, every page of them,
    streamed: students are read from a cursor CSV_CHUNK at a time, with their
    cohorts and quiz scores (two queries more per chunk than the page's rows)."""
    course_obj = access.get_course_taught_by(request.user, course)
    now = timezone.now()
    built = _report(request, course_obj, now)
    quizzes = reports.set_quizzes(course_obj)
    rows = reports.iter_report_rows(
        course_obj, built.students, built.scope, now, quizzes=quizzes, chunk_size=CSV_CHUNK
    )
    response = StreamingHttpResponse(
        report_lines(built.scope.lectures, quizzes, rows), content_type="text/csv; charset=utf-8"
    )
    name = _csv_filename(course_obj, built, timezone.localdate(now).isoformat())
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _get_student_of(course: Course, pk: int, scope: reports.ReportScope, now: datetime):
    """A student of the course with their report figures, or 404 for anyone not
    enrolled in it (another course's student, its instructor, a missing account)."""
    students = reports.report_students(course, scope=scope, now=now)
    # The whole account: access.assignments_of reads its flags (is_active, …).
    student = students.filter(pk=pk).defer(None).first()
    if student is None:
        raise Http404("No such student")
    return student


@require_GET
@login_required
@never_cache
def report_student(request: HttpRequest, course: str, pk: int) -> HttpResponse:
    """One student's work in the course: their report row, each lecture's sections
    and action items with when they were done, their quiz attempts, their readings.

    Queries: the course (with access), its lectures, the student with their course
    figures, their lecture figures, overdue readings, review cards, sections, action
    items, quiz attempts, readings.
    """
    course_obj = access.get_course_taught_by(request.user, course)
    now = timezone.now()
    scope = reports.report_scope(course_obj, now)
    student = _get_student_of(course_obj, pk, scope, now)
    row = reports.report_rows(course_obj, [student], scope, now)[0]
    work = reports.student_work(course_obj, student, scope.lectures)
    for lecture_work, cell in zip(work, row.lectures, strict=True):
        lecture_work.recall = cell.recall
    context = {
        "course": course_obj,
        "student": student,
        "row": row,
        "work": work,
        "readings": reports.student_readings(course_obj, student, now),
    }
    return render(request, "lectures/report_student.html", context)


@require_GET
@login_required
@never_cache
@vary_on_headers("HX-Request")
def report_quiz(request: HttpRequest, course: str, pk: int) -> HttpResponse:
    """One quiz's results: the quiz overall, each question (its figures, and how
    many gave each answer), and every student's counted and latest attempt, sorted
    and paged; an htmx request gets the students region only.

    Queries, whatever the number of students and questions: the quiz with its course
    (with access), the students' count and page; for the whole page, the summary,
    the questions, their choices, the per-question figures, the tallies and the
    typed answers (quizzes.results.quiz_results).
    """
    quiz = quiz_access.get_quiz_taught_by(request.user, course, pk)
    sorts = list(results.SORTS.items())
    form = SortForm(request.GET, sorts=sorts)
    sort, direction = form.value("sort"), form.value("dir")
    students = results.students(quiz, sort=sort, descending=direction == "desc")
    page = Paginator(students, STUDENTS_PER_PAGE).get_page(request.GET.get("page"))
    base = reverse("lectures:report_quiz", args=[course, pk])
    params = {"sort": sort, "dir": direction} if (sort, direction) != ("name", "asc") else {}
    context = {
        "course": quiz.lecture.course,
        "quiz": quiz,
        "page": page,
        "page_urls": _page_urls(base, params, page),
        "sorts": _sort_links(base, params, sorts, sort, direction),
        "sort_label": dict(sorts)[sort],
        "descending": direction == "desc",
    }
    if wants_fragment(request):
        return render(request, "lectures/report_quiz.html#quiz-students", context)
    quiz_results = results.quiz_results(quiz)
    context["summary"] = quiz_results.summary
    context["min_for_index"] = quiz_results.min_for_index
    context["questions"] = [
        (stat, render_inline(stat.question.prompt)) for stat in quiz_results.questions
    ]
    return render(request, "lectures/report_quiz.html", context)


@require_GET
@login_required
@never_cache
def report_attempt(request: HttpRequest, course: str, quiz: int, pk: int) -> HttpResponse:
    """One student's attempt at a quiz, read-only: each answer with its grade and the
    key's answer, and their other attempts at the quiz.

    Queries: the quiz with its course (with access), the attempt with its student,
    their attempts, the questions, their choices, the answers.
    """
    attempt = quiz_access.get_attempt_taught_by(request.user, course, quiz, pk)
    quiz_obj = attempt.quiz
    context = {
        "course": quiz_obj.lecture.course,
        "quiz": quiz_obj,
        "attempt": attempt,
        "student": attempt.user,
        "attempts": results.attempts_of(quiz_obj, attempt.user),
        "rows": [
            (row, render_inline(row.question.prompt)) for row in results.attempt_answers(attempt)
        ],
    }
    return render(request, "lectures/report_attempt.html", context)
