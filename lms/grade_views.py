"""Grades the LMS did not take: the course's failed grade posts (lms.grades), with
why, and a button to send them again (one, or all)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from lectures import access as course_access

from . import access
from .advantage_forms import GradeRetryForm
from .advantage_models import GradePost
from .grades import grades_retry


@require_GET
@login_required
@never_cache
def grades(request: HttpRequest, course: str) -> HttpResponse:
    course_obj = course_access.get_course_taught_by(request.user, course)
    posts = access.grade_posts_of(course_obj)
    # Queries: the course; the failed posts with their students and quizzes; the counts.
    failed = list(
        posts.filter(status=GradePost.Status.FAILED)
        .select_related("user", "line_item__quiz", "line_item__context")
        .order_by("line_item__quiz__title", "user__last_name", "user__username")
    )
    pending = posts.filter(status=GradePost.Status.PENDING).count()
    context = {"course": course_obj, "failed": failed, "pending": pending}
    return render(request, "lms/grades.html", context)


@require_POST
@login_required
def grades_retry_view(request: HttpRequest, course: str) -> HttpResponse:
    course_obj = course_access.get_course_taught_by(request.user, course)
    failed = access.grade_posts_of(course_obj).filter(status=GradePost.Status.FAILED)
    form = GradeRetryForm(request.POST, failed=failed)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("post", [])))
    else:
        n = grades_retry(posts=form.posts())
        messages.success(
            request,
            ngettext("%(n)d grade will be sent again.", "%(n)d grades will be sent again.", n)
            % {"n": n},
        )
    return redirect("lms:grades", course=course_obj.slug)
