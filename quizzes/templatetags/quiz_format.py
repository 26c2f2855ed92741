"""Quiz figures in words: "15 minutes" for a time limit, "about 12 minutes" left."""

from __future__ import annotations

from datetime import timedelta

from django import template

register = template.Library()


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@register.filter
def duration(value: timedelta | None) -> str:
    """A DurationField in words: "15 minutes", "1 hour 30 minutes", "45 seconds"."""
    if value is None:
        return ""
    seconds = max(0, round(value.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [
        _count(n, word)
        for n, word in ((hours, "hour"), (minutes, "minute"), (seconds, "second"))
        if n
    ]
    return " ".join(parts) or "0 minutes"


@register.filter
def minutes_left(seconds: int | None) -> str:
    """Time left, as a person would say it: "about 14 minutes", "less than a minute"."""
    if seconds is None:
        return ""
    if seconds < 60:
        return "less than a minute"
    return "about " + _count(round(seconds / 60), "minute")
