"""Template context every page shares."""

from __future__ import annotations

from functools import lru_cache

from django.urls import get_script_prefix, reverse


@lru_cache(maxsize=8)
def _site_urls(prefix: str) -> dict[str, str]:
    # Reversed once per process (and URL prefix): base.html links to these on every
    # page, and reversing them each time was a tenth of a page's rendering.
    names = {
        "dashboard": "lectures:dashboard",
        "progress": "lectures:progress",
        "admin": "admin:index",
        "password_change": "password_change",
        "logout": "logout",
        "login": "login",
    }
    return {key: reverse(name) for key, name in names.items()}


def site_urls(request) -> dict:
    """`site_urls.dashboard`, `site_urls.logout`, …: the site's fixed links."""
    return {"site_urls": _site_urls(get_script_prefix())}
