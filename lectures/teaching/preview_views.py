"""“View as a student”: the course's student pages (course, lecture, glossary,
timeline, quiz) as a student enrolled today, with nothing done yet, sees them,
for the course's instructors, under /courses/<course>/teach/as-student/.

Separate, GET-only URLs rather than a `?as=student` flag on the student views:
those views write as they show (a first visit makes the lecture's review cards
due, a start creates an attempt), and a flag would have to be honoured in each of
them, and carried on every link, or an instructor's click would fall back into a
page that writes. Here nothing can write: every view is a GET that reads shared
content and published rows only, never anyone's progress, looks the course up
with access.get_*_taught_by (a student's request is a 404), and renders the
students' own templates with `student_view`, which banners the page "Viewing as a
student", switches its buttons off and keeps its links inside the preview.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from coursesite.htmx import wants_fragment
from lectures import access
from lectures.content.cache import lecture_content
from lectures.models import Course, Lecture
from lectures.study import selectors as study
from lectures.study.forms import GlossarySearchForm
from quizzes.access import get_quiz_taught_by

from . import selectors

NOTHING = frozenset()


def _student_view(course: Course, lecture: Lecture | None = None, page: str = "") -> dict:
    """The templates' `student_view`: its own URLs, which page this is (for the
    lecture's tabs), and whether the lecture is a draft students do not see yet."""
    urls = {
        "teach": reverse("lectures:teach", args=[course.slug]),
        "course": reverse("lectures:student_view_course", args=[course.slug]),
    }
    if lecture is not None:
        args = [course.slug, lecture.slug]
        urls["lecture"] = reverse("lectures:student_view_lecture", args=args)
        urls["glossary"] = reverse("lectures:student_view_glossary", args=args)
        urls["timeline"] = reverse("lectures:student_view_timeline", args=args)
    return {"urls": urls, "page": page, "draft": lecture is not None and not lecture.published}


def _lecture(request: HttpRequest, course: str, lecture: str) -> Lecture:
    lecture_obj = access.get_lecture_taught_by(request.user, course, lecture)
    # As its students see it: no drafts of quizzes, no timeline suggestions.
    lecture_obj.teaching = False
    return lecture_obj


@require_GET
@login_required
def course(request: HttpRequest, course: str) -> HttpResponse:
    course_obj = access.get_course_taught_by(request.user, course)
    lectures = selectors.student_view_lectures(course_obj)
    for each in lectures:
        each.progress = study.Progress(0, each.n_sections + each.n_items)
    context = {
        "course": course_obj,
        "lectures": lectures,
        "progress": sum((each.progress for each in lectures), study.Progress(0, 0)),
        "student_view": _student_view(course_obj, page="course"),
    }
    return render(request, "lectures/course_detail.html", context)


@require_GET
@login_required
def lecture_detail(request: HttpRequest, course: str, lecture: str) -> HttpResponse:
    lecture_obj = _lecture(request, course, lecture)
    content = lecture_content(lecture_obj)
    sections, items = study.lecture_page_rows(content, NOTHING, NOTHING)
    student_view = _student_view(lecture_obj.course, lecture_obj, page="lecture_detail")
    context = {
        "course": lecture_obj.course,
        "lecture": lecture_obj,
        "lecture_url": student_view["urls"]["lecture"],
        "content": content,
        "sections": sections,
        "action_items": items,
        "progress": study.content_progress(content, NOTHING, NOTHING),
        "quizzes": selectors.student_view_quizzes(lecture_obj),
        "student_view": student_view,
    }
    return render(request, "lectures/lecture_detail.html", context)


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target")
def glossary(request: HttpRequest, course: str, lecture: str) -> HttpResponse:
    lecture_obj = _lecture(request, course, lecture)
    form = GlossarySearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    context = {
        "course": lecture_obj.course,
        "lecture": lecture_obj,
        "form": form,
        "query": query,
        "terms": study.glossary_matches(lecture_content(lecture_obj), query),
        "student_view": _student_view(lecture_obj.course, lecture_obj, page="glossary"),
    }
    template = "lectures/glossary.html"
    if wants_fragment(request) and request.htmx.target == "glossary-results":
        template += "#glossary-results"
    return render(request, template, context)


@require_GET
@login_required
def timeline(request: HttpRequest, course: str, lecture: str) -> HttpResponse:
    lecture_obj = _lecture(request, course, lecture)
    context = study.timeline_page(lecture_obj, request.GET.get("page"))
    context["student_view"] = _student_view(lecture_obj.course, lecture_obj, page="timeline")
    return render(request, "lectures/timeline.html", context)


@require_GET
@login_required
def quiz_detail(request: HttpRequest, course: str, lecture: str, pk: int) -> HttpResponse:
    """A quiz's page before a first attempt. A draft quiz shows too, bannered: an
    instructor may look before publishing it."""
    quiz = get_quiz_taught_by(request.user, course, pk)
    lecture_obj = quiz.lecture
    if lecture_obj.slug != lecture:
        raise Http404("No such quiz")
    lecture_obj.teaching = False
    student_view = _student_view(lecture_obj.course, lecture_obj, page="quiz")
    student_view["quiz_draft"] = not quiz.published
    context = {
        "quiz": quiz,
        "lecture": lecture_obj,
        "course": lecture_obj.course,
        "question_count": quiz.questions.count(),
        "attempts": [],
        "open_attempt": None,
        "best": None,
        "remaining": quiz.max_attempts or None,
        "used_up": False,
        "student_view": student_view,
    }
    return render(request, "quizzes/quiz_detail.html", context)
