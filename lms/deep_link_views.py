"""The deep-linking picker: an instructor, sent here by a deep-linking launch,
chooses a lecture or quiz of the course, and the browser carries the signed
response back to the platform.

The response page is a form that posts the JWT to the platform's
deep_link_return_url, with a visible button (it works with JavaScript off) and a
small static script that submits it at once (static/js/lms-autosubmit.js): no
inline script, so the site's CSP holds. That one response lets the form post to the
platform's origin (form-action); every other page keeps 'self'.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from lectures import access as course_access
from lectures.models import Course

from .advantage_forms import DeepLinkForm
from .deep_link_requests import deep_link_request
from .deep_linking import DeepLinkRequest, deep_link_return, linkable_content


def _request_for(request: HttpRequest, token: str) -> tuple[DeepLinkRequest, Course]:
    """The deep-linking request `token` names, if it is this account's and the account
    still teaches its course; else 404 (expired, someone else's, or made up alike)."""
    pending = deep_link_request(token)
    if pending is None or pending.user_id != request.user.pk:
        raise Http404("This choice has expired. Add the content from the LMS again.")
    course = course_access.courses_taught_by(request.user).filter(pk=pending.course_id).first()
    if course is None:
        raise Http404("No such course")
    return pending, course


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def deep_link(request: HttpRequest, token: str) -> HttpResponse:
    pending, course = _request_for(request, token)
    # Queries: the course's lectures, then its published quizzes with their points.
    data = request.POST if request.method == "POST" else None
    form = DeepLinkForm(data, content=linkable_content(course))
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        launch_url = request.build_absolute_uri(reverse("lms:launch"))
        returned = deep_link_return(pending, target, launch_url=launch_url)
        response = render(
            request,
            "lms/deep_link_return.html",
            {"course": course, "target": target, "returned": returned},
        )
        # This response alone may post to the platform that asked.
        response._csp_update = {"form-action": [returned.origin]}
    else:
        response = render(
            request,
            "lms/deep_link.html",
            {"course": course, "form": form, "token": token},
            status=400 if form.errors else 200,
        )
    # In the LMS frame: the launch session's frame-ancestors come from lms.middleware.
    return response
