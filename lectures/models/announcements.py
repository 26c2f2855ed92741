"""A course's announcements: what its instructors tell its students."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lectures.notes.lines import CONTROL_RE, describe_forbidden

from .content import Course

# About two screens of text; longer belongs in a lecture.
ANNOUNCEMENT_MAX_LENGTH = 5000


def validate_shown_as_written(text: str) -> None:
    """Refuse control characters (they break the mail) and bidirectional overrides
    (they make students read something other than what was written), as notes do."""
    if forbidden := CONTROL_RE.search(text):
        raise ValidationError(
            _("Remove %(character)s: it cannot be shown as written.")
            % {"character": describe_forbidden(forbidden.group())},
            code="forbidden_character",
        )


class Announcement(models.Model):
    """A message from a course's instructors to its students: its body is the notes'
    Markdown subset, rendered and sanitised like a section's (lectures.content.rendering),
    shown on the course's pages and mailed to its students."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="announcements", verbose_name=_("course")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(
        max_length=ANNOUNCEMENT_MAX_LENGTH,
        validators=[validate_shown_as_written],
        verbose_name=_("body"),
    )
    created = models.DateTimeField(default=timezone.now, editable=False, verbose_name=_("created"))

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["course", "-created"], name="announcement_course_newest")]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self) -> str:
        return f"{self.course}: {self.body[:40]}"
