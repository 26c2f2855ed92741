"""Pages students and instructors read; writes live in services.py."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import Course


@require_GET
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers; load balancers poll this without logging in."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means "take me out of rotation"
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def _get_course_for_user(request: HttpRequest, slug: str) -> Course:
    courses = Course.objects.all()
    if not request.user.is_superuser:
        courses = courses.filter(enrolments__user=request.user) | courses.filter(
            instructors=request.user
        )
    return get_object_or_404(courses.distinct(), slug=slug)


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    courses = (Course.objects.for_student(user) | Course.objects.taught_by(user)).distinct()
    return render(request, "lectures/dashboard.html", {"courses": courses})


@login_required
@require_GET
def course_detail(request: HttpRequest, course: str) -> HttpResponse:
    course_obj = _get_course_for_user(request, course)
    lectures = course_obj.lectures.published()
    context = {"course": course_obj, "lectures": lectures}
    return render(request, "lectures/course_detail.html", context)


@login_required
@require_GET
def lecture_detail(request: HttpRequest, course: str, lecture: str) -> HttpResponse:
    course_obj = _get_course_for_user(request, course)
    lecture_obj = get_object_or_404(course_obj.lectures.published(), slug=lecture)
    return render(
        request,
        "lectures/lecture_detail.html",
        {
            "course": course_obj,
            "lecture": lecture_obj,
            "sections": lecture_obj.sections.visible(),
            "terms": lecture_obj.terms.all(),
            "action_items": lecture_obj.action_items.all(),
        },
    )
