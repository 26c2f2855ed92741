"""Pages students and instructors read, and the progress toggles.

Access goes through lectures.access's `get_*_for_user` lookups: another course's
lecture is a 404. An htmx request gets only the fragment that changed (a named partial
of the same template), a plain request a full page or a redirect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from coursesite.htmx import wants_fragment
from lectures import access
from lectures.content.cache import lecture_content
from lectures.models import Course, Section
from lectures.review import queue
from lectures.review.cards import lecture_opened
from lectures.teaching import reports
from lectures.teaching.selectors import (
    announcement_rows,
    course_announcements,
    latest_announcements,
)
from quizzes.selectors import best_by_lecture, quizzes_for_lecture

from . import selectors
from .forms import GlossarySearchForm, ProgressToggleForm
from .progress import progress_set
from .readings import reading_set_done

# The newest announcements the dashboard and a course's page show; the course's
# announcements page has the rest.
ANNOUNCEMENTS_SHOWN = 3


def _course_rows(user, courses: list[Course]) -> list[dict]:
    """Each course with its lectures, their progress and quiz results, in three queries."""
    lectures = list(selectors.lectures_with_progress(user, courses))
    quiz_results = best_by_lecture(user, [lecture.pk for lecture in lectures])
    by_course = {
        course_id: list(group) for course_id, group in groupby(lectures, key=lambda x: x.course_id)
    }
    rows = []
    for course in courses:
        course_lectures = by_course.get(course.pk, [])
        for lecture in course_lectures:
            lecture.progress = selectors.lecture_progress(lecture)
            lecture.quiz_results = quiz_results.get(lecture.pk, [])
            for quiz in lecture.quiz_results:
                quiz.lecture = lecture  # its URL needs the course, already loaded
        total = sum((lecture.progress for lecture in course_lectures), selectors.Progress(0, 0))
        rows.append({"course": course, "lectures": course_lectures, "progress": total})
    return rows


@require_GET
@login_required
# Progress pages are never cached, not even in the back/forward cache, so going
# back to one after marking a section shows the figures as they are now.
@never_cache
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    courses = list(
        access.courses_visible_to(user)
        .annotate(teaching=access.teaching_flag(user, "pk"))
        .order_by("title")
    )
    rows = _course_rows(user, courses)
    # A course the user teaches is shown as teaching, not as study to finish.
    taught = {course.pk for course in courses if course.teaching}
    teaching = [row for row in rows if row["course"].pk in taught]
    # One query for every taught course's counts, however many there are.
    counts = reports.teaching_counts([row["course"] for row in teaching], timezone.now())
    for row in teaching:
        row["counts"] = counts[row["course"].pk]
    studying = [row for row in rows if row["course"].pk not in taught]
    now = timezone.now()
    due = queue.due_by_lecture(user, now)
    for row in studying:
        row["review_due"] = sum(due.get(lecture.pk, 0) for lecture in row["lectures"])
    readings = _readings(user)
    studied = [lecture for row in studying for lecture in row["lectures"]]
    quizzes = selectors.dated_quizzes(studied, now)
    context = {
        "rows": studying,
        # Overdue work, readings and quizzes, before anything else; then next_step.
        "overdue_first": _overdue_first(readings, quizzes),
        "next_step": selectors.next_step(readings, studied),
        "readings": readings,
        "quizzes": quizzes,
        "teaching": teaching,
        # The navigation's count too: the same cards, summed.
        "review_due": sum(due.values()),
        "announcements": latest_announcements(user, limit=ANNOUNCEMENTS_SHOWN),
    }
    return render(request, "lectures/dashboard.html", context)


@dataclass(frozen=True)
class OverdueWork:
    """A reading or quiz past its due date and not done, as "What to do next" shows it."""

    kind: str  # "reading" or "quiz"
    title: str
    course: Course
    url: str
    due_at: datetime


def _overdue_first(readings: list, quizzes: list) -> OverdueWork | None:
    """The overdue work due soonest, which "What to do next" puts before any unread
    section; None when nothing is overdue. A closed quiz is left out: it takes no
    attempt, so there is nothing to do about it here."""
    work = [
        OverdueWork("reading", a.reading.title, a.reading.course, _reading_url(a), a.due_at)
        for a in readings
        if a.is_overdue
    ]
    work += [
        OverdueWork("quiz", q.title, q.lecture.course, q.get_absolute_url(), q.due_at)
        for q in quizzes
        if q.is_overdue and not q.is_closed
    ]
    return min(work, key=lambda item: item.due_at, default=None)


def _reading_url(assignment) -> str:
    """Where the dashboard's link for the reading goes: its URL, else its lecture
    (at its section), else its row on the dashboard."""
    reading = assignment.reading
    if reading.url:
        return reading.url
    if reading.lecture_id:
        anchor = f"#{reading.section.slug}" if reading.section_id else ""
        return reading.lecture.get_absolute_url() + anchor
    return reverse("lectures:dashboard") + f"#reading-{reading.pk}"


def _readings(user) -> list:
    """The dashboard's assigned readings: each reading once, not done ones first by
    due date, with `is_overdue` (due and not done)."""
    assigned = selectors.assigned_readings(user)[:100]
    return selectors.unique_readings(assigned, limit=20, now=timezone.now())


@require_POST
@login_required
def reading_mark_done(request: HttpRequest, course: str, pk: int) -> HttpResponse:
    reading = access.get_assigned_reading_for_user(request.user, course, pk)
    form = ProgressToggleForm(request.POST)
    error = ""
    if form.is_valid():
        reading_set_done(user=request.user, reading=reading, done=form.cleaned_data["done"])
    else:
        error = gettext("That request was not understood. Reload the page and try again.")
        if not wants_fragment(request):
            return HttpResponseBadRequest(error)
    if not wants_fragment(request):
        return HttpResponseRedirect(reverse("lectures:dashboard") + f"#reading-{reading.pk}")
    # The reading's first assignment, as the dashboard lists it.
    assigned = selectors.assigned_readings(request.user).filter(reading=reading)[:1]
    (row,) = selectors.unique_readings(assigned, limit=1, now=timezone.now())
    context = {"assignment": row, "error": error}
    return render(request, "lectures/dashboard.html#reading-row", context)


@require_GET
@login_required
@never_cache
def progress(request: HttpRequest) -> HttpResponse:
    user = request.user
    courses = list(access.courses_visible_to(user).order_by("title"))
    cards = queue.card_figures(user, timezone.now())
    context = {
        "rows": _course_rows(user, courses),
        "cards": cards,
        "forecast": queue.forecast_bars(cards),
        # The navigation's count, from the same figures: no second query.
        "review_due": cards.due_now,
    }
    return render(request, "lectures/progress.html", context)


@require_GET
@login_required
@never_cache
def course_detail(request: HttpRequest, course: str) -> HttpResponse:
    user = request.user
    # `teaching`: its instructors see a header of their own pages instead of progress.
    courses = Course.objects.annotate(teaching=access.teaching_flag(user, "pk"))
    course_obj = access.get_course_for_user(user, course, queryset=courses)
    row = _course_rows(user, [course_obj])[0]
    announcements = announcement_rows(course_announcements(course_obj)[:ANNOUNCEMENTS_SHOWN])
    context = {"course": course_obj, "announcements": announcements, **row}
    return render(request, "lectures/course_detail.html", context)


@require_GET
@login_required
@never_cache
def lecture_detail(request: HttpRequest, course: str, lecture: str) -> HttpResponse:
    user = request.user
    # Queries: the lecture and the user's standing in its course; which of its
    # sections and items the user has done; its quizzes with the user's results.
    # What every student sees alike comes from the cache (lectures.content.cache).
    lecture_obj = access.get_lecture_for_user(user, course, lecture)
    content = lecture_content(lecture_obj)
    read, done, opened = selectors.lecture_done_ids(user, lecture_obj)
    if not opened and access.reviews(user, lecture_obj):
        # A student's first visit: the lecture's key terms become due for review.
        lecture_opened(user=user, lecture=lecture_obj)
    sections, items = selectors.lecture_page_rows(content, read, done)
    context = {
        "course": lecture_obj.course,
        "lecture": lecture_obj,
        "lecture_url": lecture_obj.get_absolute_url(),
        "content": content,
        "sections": sections,
        "action_items": items,
        "progress": selectors.content_progress(content, read, done),
        "quizzes": quizzes_for_lecture(user, lecture_obj),
    }
    if lecture_obj.teaching:
        # The instructor's header links to the suggestions waiting on the timeline.
        context["n_suggestions"] = selectors.suggestions_count(lecture_obj)
    return render(request, "lectures/lecture_detail.html", context)


def _set_progress(request: HttpRequest, obj, *, partial: str, anchor: str) -> HttpResponse:
    """Record the state the student asked for and answer with the changed fragment:
    the control, and out of band the lecture's progress (and a section's entry in
    the contents), read after the write."""
    form = ProgressToggleForm(request.POST)
    error = ""
    if not form.is_valid():
        error = gettext("That request was not understood. Reload the page and try again.")
        if not wants_fragment(request):
            return HttpResponseBadRequest(error)
    else:
        done = form.cleaned_data["done"]
        # The count read with `obj` (before the write), moved by what the write did.
        obj.n_done += progress_set(user=request.user, obj=obj, done=done)
        obj.is_done = done
    lecture = obj.lecture
    if not wants_fragment(request):
        return HttpResponseRedirect(f"{lecture.get_absolute_url()}#{anchor}")
    content = lecture_content(lecture)
    context = {
        "course": lecture.course,
        "lecture": lecture,
        "lecture_url": lecture.get_absolute_url(),
        "progress": selectors.Progress(obj.n_done, content.size),
        "error": error,
        "oob": True,
    }
    # This view's own URL is the control's.
    if isinstance(obj, Section):
        context["section"] = selectors.SectionRow(
            obj.pk, obj.slug, obj.title, "", request.path, is_read=obj.is_done
        )
    else:
        context["item"] = selectors.ItemRow(obj.pk, obj.text, request.path, is_done=obj.is_done)
    return render(request, f"lectures/lecture_detail.html#{partial}", context)


@require_POST
@login_required
def section_mark_read(request: HttpRequest, course: str, lecture: str, pk: int) -> HttpResponse:
    section = access.get_section_for_user(
        request.user, course, lecture, pk, queryset=selectors.section_rows(request.user)
    )
    return _set_progress(request, section, partial="section-toggle-response", anchor=section.slug)


@require_POST
@login_required
def item_mark_done(request: HttpRequest, course: str, lecture: str, pk: int) -> HttpResponse:
    item = access.get_item_for_user(
        request.user, course, lecture, pk, queryset=selectors.item_rows(request.user)
    )
    return _set_progress(request, item, partial="item-toggle-response", anchor="action-items")


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target")
def glossary(request: HttpRequest, course: str, lecture: str) -> HttpResponse:
    lecture_obj = access.get_lecture_for_user(request.user, course, lecture)
    form = GlossarySearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    terms = selectors.glossary_matches(lecture_content(lecture_obj), query)
    context = {
        "course": lecture_obj.course,
        "lecture": lecture_obj,
        "form": form,
        "query": query,
        "terms": terms,
    }
    template = "lectures/glossary.html"
    if wants_fragment(request) and request.htmx.target == "glossary-results":
        template += "#glossary-results"
    return render(request, template, context)


@require_GET
@login_required
def timeline(request: HttpRequest, course: str, lecture: str) -> HttpResponse:
    # Queries: lecture with access, count of events, one page of events with section titles.
    lecture_obj = access.get_lecture_for_user(request.user, course, lecture)
    context = selectors.timeline_page(lecture_obj, request.GET.get("page"))
    return render(request, "lectures/timeline.html", context)
