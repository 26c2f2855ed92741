"""Progress: one narrow table per kind of item, unique per user and item, so that
re-importing notes, which keeps primary keys, never loses what a student did."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .content import ActionItem, Section
from .readings import Reading


class ProgressBase(models.Model):
    """One row per (user, item) once the user has completed the item."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class SectionProgress(ProgressBase):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="progress")

    class Meta:
        verbose_name = _("section progress")
        verbose_name_plural = _("section progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "section"], name="sectionprogress_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.section}"


class ActionItemProgress(ProgressBase):
    item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="progress")

    class Meta:
        verbose_name = _("action item progress")
        verbose_name_plural = _("action item progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "item"], name="actionitemprogress_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} did {self.item}"


class ReadingProgress(ProgressBase):
    reading = models.ForeignKey(Reading, on_delete=models.CASCADE, related_name="progress")

    class Meta:
        verbose_name = _("reading progress")
        verbose_name_plural = _("reading progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "reading"], name="readingprogress_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.reading}"
