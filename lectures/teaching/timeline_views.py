"""An instructor's answers to the timeline's suggestions: events the import was
unsure of, which students do not see until confirmed (issue 17).

Each view looks the event up with access.get_suggestion_taught_by, so a student,
another course's instructor, or a suggestion already answered gets a 404. Both
work without JavaScript: Confirm posts and comes back to the timeline; Dismiss
first asks, on a page of its own, since a dismissed event stays gone while its
bullet is unchanged. With htmx, Confirm swaps the suggestions region in place.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from coursesite.htmx import wants_fragment
from lectures import access
from lectures.content.timeline import event_confirm, event_dismiss
from lectures.study import selectors


def _timeline_url(course: str, lecture: str) -> str:
    return reverse("lectures:timeline", args=[course, lecture]) + "#suggestions"


@require_POST
@login_required
def suggestion_confirm(request: HttpRequest, course: str, lecture: str, pk: int) -> HttpResponse:
    event = access.get_suggestion_taught_by(request.user, course, lecture, pk)
    event_confirm(event=event)
    message = gettext("Confirmed “%(when)s”: students now see it on the timeline.") % {
        "when": event.when_label
    }
    if wants_fragment(request):
        # The region in place: the suggestion leaves the list and, on its page,
        # joins the timeline.
        context = selectors.timeline_page(event.lecture, request.GET.get("page"))
        context["announce"] = message
        return render(request, "lectures/includes/timeline_region.html", context)
    messages.success(request, message)
    return HttpResponseRedirect(_timeline_url(course, lecture))


@require_http_methods(["GET", "POST"])
@login_required
def suggestion_dismiss(request: HttpRequest, course: str, lecture: str, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST dismisses."""
    event = access.get_suggestion_taught_by(request.user, course, lecture, pk)
    if request.method == "POST":
        event_dismiss(event=event)
        messages.success(
            request,
            gettext(
                "Dismissed “%(when)s”. It stays off the timeline while its bullet is unchanged."
            )
            % {"when": event.when_label},
        )
        return HttpResponseRedirect(_timeline_url(course, lecture))
    context = {"course": event.lecture.course, "lecture": event.lecture, "event": event}
    return render(request, "lectures/suggestion_dismiss.html", context)
