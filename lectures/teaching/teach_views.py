"""The course's teaching page (/courses/<course>/teach/) and what an instructor does
from it each week, without the admin: import notes (with the outline of how the
file reads, before anything is written), publish or withdraw a lecture or a quiz
(saying who will see it), draft a quiz from a lecture, and make readings from a
lecture's action items and sections, or one by hand.

Every view looks the course or lecture up with access.get_*_taught_by, so a
student, another course's instructor and a missing object are all a 404. Each
state change is a POST with CSRF that redirects back (post/redirect/get), so the
pages work the same with JavaScript on or off; htmx only swaps the reading form's
section menu as its lecture changes. The services do the writes.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coursesite.htmx import wants_fragment
from lectures import access
from lectures.content.editing import lecture_set_published
from lectures.content.uploads import notes_import_checked, pending_upload_store
from lectures.models import Course, Lecture
from lectures.notes import NotesError
from quizzes.access import get_quiz_taught_by
from quizzes.generation import GenerationError, quiz_generate, quiz_summary
from quizzes.models import when
from quizzes.publishing import (
    QuizNotReady,
    quiz_publish_problems,
    quiz_set_dates,
    quiz_set_published,
)

from . import selectors
from .forms import (
    NotesImportConfirmForm,
    NotesImportForm,
    QuizDatesForm,
    ReadingForm,
    ReadingsFromLectureForm,
)
from .readings import reading_save, readings_from_lecture

SITE_DRAFT_HINT = "It is a draft, hidden from students: publish it from the teaching page."


def _teach_url(course: Course, lecture: Lecture | None = None) -> str:
    url = reverse("lectures:teach", args=[course.slug])
    return f"{url}#lecture-{lecture.pk}" if lecture is not None else url


def _students(n: int, course: Course) -> str:
    """ "24 students of Geography" """
    return ngettext("%(n)d student of %(course)s", "%(n)d students of %(course)s", n) % {
        "n": n,
        "course": course.title,
    }


@require_GET
@login_required
@never_cache
def teach(request: HttpRequest, course: str) -> HttpResponse:
    # Queries: the course; its lectures with their counts; their quizzes with
    # theirs; the number of students.
    course_obj = access.get_course_taught_by(request.user, course)
    context = {
        "course": course_obj,
        "lectures": selectors.teach_lectures(course_obj),
        "n_students": access.students_of(course_obj).count(),
    }
    return render(request, "lectures/teach.html", context)


# -- publishing ---------------------------------------------------------------------


def _who_will_see(lecture: Lecture, n: int, publish: bool) -> str:
    """The confirmation's sentence: who will (no longer) see the lecture."""
    course, title = lecture.course, lecture.title
    if n == 0:
        if publish:
            return (
                f"Nobody is enrolled in {course.title} yet: the students you enrol will see "
                f"“{title}”."
            )
        return f"Nobody is enrolled in {course.title} yet: no student sees “{title}”."
    if publish:
        return f"{_students(n, course)} will see “{title}”."
    return (
        f"{_students(n, course)} will no longer see “{title}”. What they did of it is kept, "
        "and shows again if you publish it again."
    )


def _published_message(lecture: Lecture, n: int, publish: bool, changed: bool) -> str:
    title = lecture.title
    if not changed:
        state = "published" if publish else "a draft"
        return f"“{title}” was already {state}: nothing changed."
    if publish:
        if n == 0:
            return f"Published “{title}”: the students you enrol will see it."
        return f"Published “{title}”: the {_students(n, lecture.course)} can see it now."
    if n == 0:
        return f"Withdrew “{title}”: it is a draft again."
    return (
        f"Withdrew “{title}”: the {_students(n, lecture.course)} no longer see it; "
        "what they did of it is kept."
    )


def _publish(request: HttpRequest, course: str, lecture: str, publish: bool) -> HttpResponse:
    """GET asks, saying who will (no longer) see the lecture; POST does it."""
    lecture_obj = access.get_lecture_taught_by(request.user, course, lecture)
    n = access.students_of(lecture_obj.course).count()
    if request.method == "POST":
        changed = lecture_set_published(
            lecture=lecture_obj, published=publish, site_url=request.build_absolute_uri("/")
        )
        message = _published_message(lecture_obj, n, publish, changed)
        (messages.success if changed else messages.info)(request, message)
        return HttpResponseRedirect(_teach_url(lecture_obj.course, lecture_obj))
    context = {
        "course": lecture_obj.course,
        "lecture": lecture_obj,
        "publish": publish,
        "sentence": _who_will_see(lecture_obj, n, publish),
        "already": lecture_obj.published == publish,
    }
    return render(request, "lectures/teach_publish.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def lecture_publish(request: HttpRequest, course: str, lecture: str) -> HttpResponse:
    return _publish(request, course, lecture, publish=True)


@require_http_methods(["GET", "POST"])
@login_required
def lecture_unpublish(request: HttpRequest, course: str, lecture: str) -> HttpResponse:
    return _publish(request, course, lecture, publish=False)


# -- quizzes --------------------------------------------------------------------------


@require_POST
@login_required
def generate_quiz(request: HttpRequest, course: str, lecture: str) -> HttpResponse:
    """Draft an unpublished quiz from the lecture's notes (the service behind the
    admin's action and `manage.py generate_quiz`)."""
    lecture_obj = access.get_lecture_taught_by(request.user, course, lecture)
    try:
        quiz = quiz_generate(lecture=lecture_obj)
    except GenerationError as exc:
        messages.error(request, f"No quiz drafted for “{lecture_obj.title}”: {exc}.")
    else:
        messages.success(
            request,
            f"Drafted “{quiz.title}” from “{lecture_obj.title}”: {quiz_summary(quiz)}. "
            "It is a draft, hidden from students, until you review and publish it.",
        )
    return HttpResponseRedirect(_teach_url(lecture_obj.course, lecture_obj))


def _quiz_publish(request: HttpRequest, course: str, pk: int, publish: bool) -> HttpResponse:
    """GET asks, saying who will (no longer) see the quiz and what stops it from
    being published; POST does it."""
    quiz = get_quiz_taught_by(request.user, course, pk)
    lecture = quiz.lecture
    n = access.students_of(lecture.course).count()
    if request.method == "POST":
        try:
            changed = quiz_set_published(
                quiz=quiz, published=publish, site_url=request.build_absolute_uri("/")
            )
        except QuizNotReady as exc:
            messages.error(request, f"“{quiz.title}” was not published: {exc}")
        else:
            messages.success(request, _quiz_published_message(quiz, n, publish, changed))
        return HttpResponseRedirect(_teach_url(lecture.course, lecture))
    if publish:
        who = f"{_students(n, lecture.course)} will see “{quiz.title}” on “{lecture.title}”"
        if not lecture.published:
            who += ", once the lecture is published"
    else:
        who = (
            f"{_students(n, lecture.course)} will no longer see “{quiz.title}”; attempts made stay"
        )
    context = {
        "course": lecture.course,
        "quiz": quiz,
        "publish": publish,
        "sentence": f"{who}.",
        "already": quiz.published == publish,
        "problems": quiz_publish_problems(quiz) if publish else [],
        "n_review": quiz.questions.exclude(needs_review="").count() if publish else 0,
    }
    return render(request, "lectures/teach_quiz_publish.html", context)


def _quiz_published_message(quiz, n: int, publish: bool, changed: bool) -> str:
    if not changed:
        return (
            f"“{quiz.title}” was already {'published' if publish else 'a draft'}: nothing changed."
        )
    if publish:
        return f"Published “{quiz.title}”: the {_students(n, quiz.lecture.course)} can take it."
    return f"Withdrew “{quiz.title}”: students no longer see it; the attempts made stay."


@require_http_methods(["GET", "POST"])
@login_required
def quiz_publish(request: HttpRequest, course: str, pk: int) -> HttpResponse:
    return _quiz_publish(request, course, pk, publish=True)


@require_http_methods(["GET", "POST"])
@login_required
def quiz_unpublish(request: HttpRequest, course: str, pk: int) -> HttpResponse:
    return _quiz_publish(request, course, pk, publish=False)


@require_http_methods(["GET", "POST"])
@login_required
def quiz_dates(request: HttpRequest, course: str, pk: int) -> HttpResponse:
    """Set when a quiz opens, is due and closes. A published quiz given a due date is
    mailed to the course's students (once each: quizzes.publishing)."""
    quiz = get_quiz_taught_by(request.user, course, pk)
    lecture = quiz.lecture
    form = QuizDatesForm(request.POST or None, instance=quiz)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        mailed = quiz_set_dates(
            quiz=quiz,
            opens_at=data["opens_at"],
            due_at=data["due_at"],
            closes_at=data["closes_at"],
            site_url=request.build_absolute_uri("/"),
        )
        messages.success(request, _dates_message(quiz, mailed))
        return HttpResponseRedirect(_teach_url(lecture.course, lecture))
    context = {"course": lecture.course, "quiz": quiz, "form": form}
    return render(request, "lectures/teach_quiz_dates.html", context)


def _dates_message(quiz, mailed: int) -> str:
    due = f"due {when(quiz.due_at)}" if quiz.due_at else "no due date"
    message = f"Saved the dates of “{quiz.title}”: {due}."
    if mailed:
        message += " " + ngettext(
            "%(n)d student was mailed that it is theirs to do.",
            "%(n)d students were mailed that it is theirs to do.",
            mailed,
        ) % {"n": mailed}
    return message


# -- importing notes --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def notes_import(request: HttpRequest, course: str) -> HttpResponse:
    """Upload a notes file for a new lecture or over one (`?lecture=<slug>` picks it);
    the import is previewed, never written, until the instructor confirms."""
    course_obj = access.get_course_taught_by(request.user, course)
    initial = {}
    if slug := request.GET.get("lecture"):
        initial["lecture"] = (
            course_obj.lectures.filter(slug=slug).values_list("pk", flat=True).first()
        )
    form = NotesImportForm(
        request.POST or None, request.FILES or None, course=course_obj, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["notes"]
        lecture = form.cleaned_data["lecture"]
        payload = {
            "data": upload.read(),
            "filename": upload.name,
            "course_id": course_obj.pk,
            "title": form.cleaned_data["title"],
            "slug": lecture.slug if lecture is not None else "",
            "prune": form.cleaned_data["prune"],
        }
        try:
            return _import_or_preview(request, course_obj, payload)
        except NotesError as exc:
            form.add_error("notes", f"{upload.name}: {exc}. Nothing was imported.")
    return _import_page(request, course_obj, form)


def _import_page(request, course: Course, form, confirm_form=None) -> HttpResponse:
    context = {
        "course": course,
        "form": form,
        "confirm_form": confirm_form,
        "has_students": access.has_students(course),
    }
    return render(request, "lectures/teach_import.html", context)


def _import_or_preview(
    request: HttpRequest, course: Course, payload: dict, approved: list | None = None
) -> HttpResponse:
    """Import what the instructor approved, or show how the file reads and ask: the
    first time always, and again if the outcome changed since it was shown."""
    checked = notes_import_checked(
        payload=payload, course=course, approved=approved, always_ask=True
    )
    report = checked.report
    if checked.imported:
        messages.success(request, report.summary(draft_hint=SITE_DRAFT_HINT))
        return HttpResponseRedirect(_teach_url(course, report.lecture))
    token = pending_upload_store(
        user=request.user, payload={**payload, "approved": checked.outcome}
    )
    context = {
        "course": course,
        "preview": report,
        "summary": report.summary(draft_hint=SITE_DRAFT_HINT),
        "filename": payload["filename"],
        "changed": approved is not None,
        "confirm_form": NotesImportConfirmForm(
            initial={"token": token}, user=request.user, course=course
        ),
    }
    return render(request, "lectures/teach_import_confirm.html", context)


@require_POST
@login_required
def notes_import_confirm(request: HttpRequest, course: str) -> HttpResponse:
    """Import an upload the instructor confirmed, from the bytes kept in the database."""
    course_obj = access.get_course_taught_by(request.user, course)
    confirm = NotesImportConfirmForm(request.POST, user=request.user, course=course_obj)
    if confirm.is_valid():
        payload = confirm.cleaned_data["token"]
        # Used or refused, the token is spent: a changed outcome gets a new one.
        payload["pending"].delete()
        try:
            return _import_or_preview(request, course_obj, payload, approved=payload["approved"])
        except NotesError as exc:
            confirm.add_error("token", f"{payload['filename']}: {exc}. Nothing was imported.")
    return _import_page(request, course_obj, NotesImportForm(course=course_obj), confirm)


# -- readings -------------------------------------------------------------------------


def _assign_url(course: Course, readings) -> str:
    """The assign page with `readings` ticked."""
    picked = urlencode({"readings": sorted(reading.pk for reading in readings)}, doseq=True)
    return f"{reverse('lectures:assign', args=[course.slug])}?{picked}"


@require_http_methods(["GET", "POST"])
@login_required
def reading_new(request: HttpRequest, course: str) -> HttpResponse:
    """Add a reading by hand: a link, or a lecture and one of its sections. An htmx
    GET aimed at the section menu (`?lecture=<id>`) gets that menu only, offering
    the lecture's sections."""
    course_obj = access.get_course_taught_by(request.user, course)
    if request.method == "POST":
        form = ReadingForm(request.POST, course=course_obj)
        if form.is_valid():
            reading = form.save(commit=False)
            reading_save(reading=reading)
            messages.success(request, f"Added the reading “{reading.title}”: assign it below.")
            return HttpResponseRedirect(_assign_url(course_obj, [reading]))
    else:
        form = ReadingForm(initial={"lecture": request.GET.get("lecture")}, course=course_obj)
    context = {"course": course_obj, "form": form}
    template = "lectures/teach_reading.html"
    if wants_fragment(request) and request.htmx.target == "section-field":
        template += "#section-field"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@login_required
def readings_from_lecture_view(request: HttpRequest, course: str, lecture: str) -> HttpResponse:
    """Tick a lecture's action items and sections: each becomes a reading linked to
    it (those that have one are kept), then the assign page opens with them ticked."""
    lecture_obj = access.get_lecture_taught_by(request.user, course, lecture)
    made_items, made_sections = selectors.lecture_readings_made(lecture_obj)
    if request.method == "POST":
        form = ReadingsFromLectureForm(request.POST, lecture=lecture_obj)
        if form.is_valid():
            made = readings_from_lecture(
                lecture=lecture_obj,
                items=form.cleaned_data["items"],
                sections=form.cleaned_data["sections"],
            )
            messages.success(request, _made_message(lecture_obj, made))
            return HttpResponseRedirect(_assign_url(lecture_obj.course, made.readings))
    else:
        # The items that have no reading yet: the usual thing to turn into readings.
        unmade = lecture_obj.action_items.exclude(pk__in=made_items).values_list("pk", flat=True)
        form = ReadingsFromLectureForm(initial={"items": list(unmade)}, lecture=lecture_obj)
    context = {
        "course": lecture_obj.course,
        "lecture": lecture_obj,
        "form": form,
        "made_items": made_items,
        "made_sections": made_sections,
    }
    return render(request, "lectures/teach_readings.html", context)


def _made_message(lecture: Lecture, made) -> str:
    created, existing = len(made.created), len(made.existing)
    parts = []
    if created:
        parts.append(
            ngettext(
                "Made %(n)d reading from “%(lecture)s”",
                "Made %(n)d readings from “%(lecture)s”",
                created,
            )
            % {"n": created, "lecture": lecture.title}
        )
    if existing:
        parts.append(
            ngettext("%(n)d was made before", "%(n)d were made before", existing) % {"n": existing}
        )
    sentence = "; ".join(parts)
    return f"{sentence[:1].upper()}{sentence[1:]}. Assign them below."
