"""Quiz figures in words: "15 minutes" for a time limit, "about 12 minutes" left."""

from __future__ import annotations

from datetime import timedelta

from django import template
from django.utils.translation import gettext, ngettext

register = template.Library()


@register.filter
def duration(value: timedelta | None) -> str:
    """A DurationField in words: "15 minutes", "1 hour 30 minutes", "45 seconds"."""
    if value is None:
        return ""
    seconds = max(0, round(value.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [
        words % {"n": n}
        for n, words in (
            (hours, ngettext("%(n)d hour", "%(n)d hours", hours)),
            (minutes, ngettext("%(n)d minute", "%(n)d minutes", minutes)),
            (seconds, ngettext("%(n)d second", "%(n)d seconds", seconds)),
        )
        if n
    ]
    return " ".join(parts) or ngettext("%(n)d minute", "%(n)d minutes", 0) % {"n": 0}


@register.filter
def minutes_left(seconds: int | None) -> str:
    """Time left, as a person would say it: "about 14 minutes", "less than a minute"."""
    if seconds is None:
        return ""
    if seconds < 60:
        return gettext("less than a minute")
    minutes = round(seconds / 60)
    return ngettext("about %(n)d minute", "about %(n)d minutes", minutes) % {"n": minutes}
