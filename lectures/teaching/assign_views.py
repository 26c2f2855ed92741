"""Pages a course's instructors use outside the admin: assigning next-step readings.

Every view looks the course up with access.get_course_taught_by, so a student or
another course's instructor gets a 404. The pages work without JavaScript; htmx
only narrows the student list as the instructor types.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods

from coursesite.htmx import wants_fragment
from lectures import access
from lectures.models import Course

from . import assignments, selectors
from .forms import AssignForm, AssignmentFields, StudentSearchForm

ASSIGNMENTS_PER_PAGE = 25


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit()][:500]


def _assign_form(course: Course, data=None, initial=None) -> AssignForm:
    return AssignForm(
        data,
        initial=initial,
        readings=course.readings.select_related("lecture", "section").defer(
            "section__body", "lecture__overview"
        ),
        students=access.students_of(course),
        cohorts=course.cohorts.all(),
    )


@require_http_methods(["GET", "POST"])
@login_required
def assign(request: HttpRequest, course: str) -> HttpResponse:
    """Pick readings, students and cohorts, a due date and a note; below, the
    course's assignments with how many have done them.

    A GET carries the picks back (the "Search" button submits the same form with
    GET), so searching for students never loses what was already ticked.
    """
    course_obj = access.get_course_taught_by(request.user, course)
    params = request.POST if request.method == "POST" else request.GET
    if request.method == "POST":
        form = _assign_form(course_obj, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            result = assignments.assignment_save(
                readings=list(data["readings"]),
                students=list(data["students"]),
                cohorts=list(data["cohorts"]),
                due_at=data["due_at"],
                note=data["note"],
                assigned_by=request.user,
                site_url=request.build_absolute_uri("/"),
            )
            messages.success(request, _saved_message(result))
            return HttpResponseRedirect(reverse("lectures:assign", args=[course]) + "#assignments")
    else:
        picked = {key: params.getlist(key) for key in ("readings", "cohorts")}
        picked.update({key: params.get(key, "") for key in ("due_at", "note")})
        form = _assign_form(course_obj, initial=picked)
    search = StudentSearchForm(params)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    picked_students = _ids(params.getlist("students"))
    context = {
        "course": course_obj,
        "form": form,
        "search": search,
        "students": selectors.student_matches(course_obj, query, picked_students),
        "picked_students": set(picked_students),
        "query": query,
    }
    if wants_fragment(request) and request.htmx.target == "student-choices":
        return render(request, "lectures/assign.html#student-choices", context)
    page = Paginator(selectors.course_assignments(course_obj), ASSIGNMENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    now = timezone.now()
    for row in page.object_list:
        row.n_total = 1 if row.student_id else row.cohort_total
        row.n_done = int(row.student_done) if row.student_id else row.cohort_done
        late = bool(row.due_at and row.due_at < now)
        row.n_overdue = row.n_total - row.n_done if late else 0
    context["page"] = page
    return render(request, "lectures/assign.html", context)


def _saved_message(result: assignments.AssignResult) -> str:
    parts = []
    if result.created:
        parts.append(
            ngettext("%(n)d new assignment", "%(n)d new assignments", result.created)
            % {"n": result.created}
        )
    if result.updated:
        parts.append(
            ngettext(
                "%(n)d already assigned: due date and note updated",
                "%(n)d already assigned: due dates and notes updated",
                result.updated,
            )
            % {"n": result.updated}
        )
    return gettext("Assigned. %(what)s.") % {"what": "; ".join(parts)}


@require_http_methods(["GET", "POST"])
@login_required
def assignment_edit(request: HttpRequest, course: str, pk: int) -> HttpResponse:
    assignment = access.get_assignment_taught_by(request.user, course, pk)
    initial = {"due_at": assignment.due_at, "note": assignment.note}
    form = AssignmentFields(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        assignments.assignment_change(
            assignment=assignment,
            due_at=form.cleaned_data["due_at"],
            note=form.cleaned_data["note"],
        )
        messages.success(
            request,
            gettext("Saved “%(reading)s” for %(to)s.")
            % {"reading": assignment.reading.title, "to": _to(assignment)},
        )
        return HttpResponseRedirect(reverse("lectures:assign", args=[course]) + "#assignments")
    context = {"course": assignment.reading.course, "assignment": assignment, "form": form}
    return render(request, "lectures/assignment_edit.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def assignment_withdraw(request: HttpRequest, course: str, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST withdraws."""
    assignment = access.get_assignment_taught_by(request.user, course, pk)
    if request.method == "POST":
        assignments.assignment_withdraw(assignment=assignment)
        messages.success(
            request,
            gettext("Withdrew “%(reading)s” from %(to)s.")
            % {"reading": assignment.reading.title, "to": _to(assignment)},
        )
        return HttpResponseRedirect(reverse("lectures:assign", args=[course]) + "#assignments")
    context = {"course": assignment.reading.course, "assignment": assignment}
    return render(request, "lectures/assignment_withdraw.html", context)


def _to(assignment) -> str:
    if assignment.student_id:
        return assignment.student.get_full_name() or assignment.student.get_username()
    return gettext("the cohort %(cohort)s") % {"cohort": assignment.cohort.name}
