"""Template context every page shares."""

from __future__ import annotations

from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from lectures.review import queue


@lru_cache(maxsize=8)
def _site_urls(prefix: str) -> dict[str, str]:
    # Reversed once per process (and URL prefix): base.html links to these on every
    # page, and reversing them each time was a tenth of a page's rendering.
    names = {
        "dashboard": "lectures:dashboard",
        "progress": "lectures:progress",
        "review": "lectures:review",
        "admin": "admin:index",
        "password_change": "password_change",
        "logout": "logout",
        "login": "login",
    }
    return {key: reverse(name) for key, name in names.items()}


def site_urls(request) -> dict:
    """`site_urls.dashboard`, `site_urls.logout`, …: the site's fixed links."""
    return {"site_urls": _site_urls(get_script_prefix())}


def review_due(request) -> dict:
    """`review_due`: the signed-in student's cards due today, for the navigation.

    Lazy: counted (one query) only when a page renders the navigation, never for
    htmx fragments that leave it out. A view that has counted already passes its
    own `review_due`, which takes precedence.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"review_due": SimpleLazyObject(lambda: queue.due_count(user, timezone.now()))}
