"""The student's spaced-repetition review: `/review/` and `/courses/<course>/review/`.

One card at a time. GET shows the card due soonest; `?answer=<card>` shows that
card with its answer and the four ratings; a POST records a rating. htmx swaps
the card region and updates the due counts out of band; without JavaScript the
same forms load the page and post, then redirect back (post/redirect/get).
Which cards a student may see is lectures.access's `card_states_of`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timeuntil
from django.utils.translation import gettext, gettext_lazy, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from coursesite.htmx import wants_fragment
from lectures import access
from lectures.models import CardState, Course, ReviewLog

from . import queue, scheduling
from .forms import ReviewRatingForm, ReviewRevealForm
from .ratings import review_record

# The keys the buttons name and static/js/site.js answers to.
SHORTCUTS = {1: "1", 2: "2", 3: "3", 4: "4"}
BAD_RATING = gettext_lazy(
    "That rating was not understood: rate the card Again, Hard, Good or Easy. "
    "Reload the page and try again."
)


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def review_all(request: HttpRequest) -> HttpResponse:
    return _review(request, None)


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def course_review(request: HttpRequest, course: str) -> HttpResponse:
    return _review(request, access.get_course_for_user(request.user, course))


def _review(request: HttpRequest, course: Course | None) -> HttpResponse:
    now = timezone.now()
    if request.method == "POST":
        return _rate(request, course, now)
    if "answer" in request.GET:
        form = ReviewRevealForm(request.GET)
        if not form.is_valid():
            return HttpResponseBadRequest(gettext("That card number was not understood."))
        state = access.get_card_state_for_user(request.user, form.cleaned_data["answer"], course)
        return _show(request, course, state, now, answer=True)
    return _show(request, course, queue.next_card(request.user, now, course), now)


def _rate(request: HttpRequest, course: Course | None, now) -> HttpResponse:
    form = ReviewRatingForm(request.POST)
    if not form.is_valid():
        # A tampered or garbled form: nothing is recorded.
        return HttpResponseBadRequest(BAD_RATING)
    data = form.cleaned_data
    state = access.get_card_state_for_user(request.user, data["card"], course)
    outcome = review_record(
        user=request.user, state=state, rating=data["rating"], rep=data["rep"], now=now
    )
    if outcome.counted:
        status = gettext("Saved. “%(card)s” is next due %(when)s.") % {
            "card": state.card_front,
            "when": _when(outcome.state.due, now),
        }
    else:
        status = gettext(
            "That card had already been rated (a second click or another tab): counted once."
        )
    if not wants_fragment(request):
        messages.success(request, status)
        return HttpResponseRedirect(request.path)
    following = queue.next_card(request.user, now, course)
    return _show(request, course, following, now, status=status)


def _when(due, now) -> str:
    """ "in 10 minutes", or "on Thursday 3 December (in 2 days)"."""
    if due <= now:
        return pgettext("next due", "now")
    wait = timeuntil(due, now, depth=1)
    if due < queue.day_end(now):
        return pgettext("next due", "in %(wait)s") % {"wait": wait}
    local = timezone.localtime(due)
    day = f"{date_format(local, 'l')} {date_format(local, 'MONTH_DAY_FORMAT')}"
    return pgettext("next due", "on %(day)s (in %(wait)s)") % {"day": day, "wait": wait}


def _show(
    request: HttpRequest,
    course: Course | None,
    state: CardState | None,
    now,
    *,
    answer: bool = False,
    status: str = "",
) -> HttpResponse:
    counts = queue.due_counts(request.user, now, course)
    context = {
        "course": course,
        "state": state,
        "answer": answer,
        "status": status,
        "review_url": request.path,
        "due": counts.now,
        "later_today": counts.later_today,
        "oob": bool(status),
    }
    if course is None:
        # The navigation's count is this one: no second query for it.
        context["review_due"] = counts.now
    if state is None:
        context["next_due"] = queue.next_due(request.user, now, course)
    elif answer:
        after = scheduling.previews(state, now)
        context["ratings"] = [
            {
                "value": value,
                "label": label,
                "key": SHORTCUTS[value],
                "after": timeuntil(after[value], now, depth=1),
            }
            for value, label in ReviewLog.Rating.choices
        ]
    template = "lectures/review.html"
    if wants_fragment(request):
        template += "#review-response"
    return render(request, template, context)
