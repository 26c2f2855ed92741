"""A course's announcements: its students (and teachers) read them; its teachers
also post them, from the same page.

The course is looked up with access.get_course_for_announcing: anyone else gets a
404, and so does a student's post. The list is paginated; with htmx, posting
swaps the region (the form and the newest page) in place and says so in a live
region, and without JavaScript the form posts and redirects back.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from coursesite.htmx import wants_fragment
from lectures import access

from . import selectors
from .announcements import announcement_post
from .forms import AnnouncementForm

ANNOUNCEMENTS_PER_PAGE = 10


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def announcements(request: HttpRequest, course: str) -> HttpResponse:
    course_obj = access.get_course_for_announcing(request.user, course)
    form = AnnouncementForm(request.POST or None) if course_obj.teaching else None
    posted = False
    if request.method == "POST":
        if form is None:
            raise Http404("No such page")
        if form.is_valid():
            announcement_post(
                course=course_obj,
                author=request.user,
                body=form.cleaned_data["body"],
                site_url=request.build_absolute_uri("/"),
            )
            if not wants_fragment(request):
                messages.success(request, gettext("Posted, and mailed to the course's students."))
                url = reverse("lectures:announcements", args=[course])
                return HttpResponseRedirect(url)
            # A fresh form, focused: the one the teacher was typing in has gone.
            form, posted = AnnouncementForm(), True
            form.fields["body"].widget.attrs["autofocus"] = True
    page = Paginator(selectors.course_announcements(course_obj), ANNOUNCEMENTS_PER_PAGE).get_page(
        None if posted else request.GET.get("page")
    )
    context = {
        "course": course_obj,
        "form": form,
        "posted": posted,
        "page": page,
        "rows": selectors.announcement_rows(page.object_list),
        "page_urls": _page_urls(request, page),
    }
    if wants_fragment(request):
        return render(request, "lectures/announcements.html#announcements-region", context)
    return render(request, "lectures/announcements.html", context)


def _page_urls(request: HttpRequest, page) -> dict[str, str]:
    base = request.path
    return {
        "previous": f"{base}?page={page.previous_page_number()}" if page.has_previous() else "",
        "next": f"{base}?page={page.next_page_number()}" if page.has_next() else "",
    }
