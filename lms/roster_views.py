"""The course's students from the LMS (NRPS): fetch the member list, see who would
be added and who has left (as the CSV roster's preview shows), confirm.

The fetch calls the platform inside the instructor's request (bounded by
lms.services_client.TIMEOUT): the preview is what they asked to see. The member
list travels to the confirmation signed (lms.advantage_forms.roster_sign), so what
is applied is what was previewed, planned again against the database as it is.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from lectures import access as course_access
from lectures.models import Course

from . import access
from .advantage_forms import RosterConfirmForm, RosterFetchForm, roster_sign
from .nrps import RosterError, members_fetch, nrps_apply, nrps_plan


def _page(request, course: Course, form, status: int = 200, error: str = "") -> HttpResponse:
    context = {"course": course, "form": form, "error": error}
    return render(request, "lms/roster.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def roster(request: HttpRequest, course: str) -> HttpResponse:
    course_obj = course_access.get_course_taught_by(request.user, course)
    contexts = access.contexts_of(course_obj)
    form = RosterFetchForm(request.POST if request.method == "POST" else None, contexts=contexts)
    if request.method != "POST":
        return _page(request, course_obj, form)
    if not form.is_valid():
        return _page(request, course_obj, form, status=400)
    context = form.cleaned_data["context"]
    try:
        members = members_fetch(context)
    except RosterError as exc:
        return _page(request, course_obj, form, status=502, error=str(exc))
    plan = nrps_plan(course=course_obj, context=context, members=members)
    payload = roster_sign(user=request.user, course=course_obj, context=context, members=members)
    confirm = RosterConfirmForm(
        initial={"payload": payload}, user=request.user, course=course_obj, contexts=contexts
    )
    return render(
        request,
        "lms/roster_confirm.html",
        {"course": course_obj, "context": context, "plan": plan, "confirm_form": confirm},
    )


@require_POST
@login_required
def roster_confirm(request: HttpRequest, course: str) -> HttpResponse:
    course_obj = course_access.get_course_taught_by(request.user, course)
    contexts = access.contexts_of(course_obj)
    confirm = RosterConfirmForm(
        request.POST, user=request.user, course=course_obj, contexts=contexts
    )
    if not confirm.is_valid():
        error = " ".join(confirm.errors.get("payload", []))
        return _page(request, course_obj, RosterFetchForm(contexts=contexts), 400, error)
    try:
        plan = nrps_apply(course=course_obj, **confirm.cleaned_data["payload"])
    except RosterError as exc:
        return _page(request, course_obj, RosterFetchForm(contexts=contexts), 409, str(exc))
    messages.success(
        request, gettext("Students from the LMS: %(summary)s") % {"summary": plan.summary()}
    )
    return redirect("lms:roster", course=course_obj.slug)
