"""Moments as machines read them: the `datetime` attribute of `<time>`."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def datetime_attr(value: datetime | None) -> str:
    """A valid HTML datetime string for `<time datetime>`: ISO 8601 in the current
    time zone, with its offset, to the second. (Django's `date:"c"` keeps
    microseconds, and HTML allows at most three digits of a second's fraction.)"""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()
