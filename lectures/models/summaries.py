"""The instructor report's summary rows (kept by lectures.teaching.summaries)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .content import Course, Lecture
from .readings import Reading


class LectureSummary(models.Model):
    """A student's standing in one lecture: the figures the instructor's report sorts
    on, so a sort over 100,000 students reads one row each instead of aggregating
    millions of progress rows.

    Written by lectures.teaching.summaries in the same transaction as every progress change
    that moves them, and rebuilt from the progress tables by `rebuild_summaries`.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lecture = models.ForeignKey(Lecture, on_delete=models.CASCADE, related_name="summaries")
    # The lecture's course, copied so the report filters without a join.
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    sections_read = models.PositiveIntegerField(default=0)  # of the visible sections
    items_done = models.PositiveIntegerField(default=0)
    # The best submitted attempt at any of the lecture's quizzes; None if none.
    best_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    last_activity = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lecture summary")
        verbose_name_plural = _("lecture summaries")
        constraints = [
            models.UniqueConstraint(fields=["user", "lecture"], name="lecturesummary_unique"),
        ]
        indexes = [
            models.Index(fields=["lecture", "sections_read"]),
            models.Index(fields=["lecture", "best_percent"]),
            models.Index(fields=["course", "user"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.lecture}"


class CourseSummary(models.Model):
    """A student's totals in one course (see LectureSummary): what the report's
    overall columns sort on."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="summaries")
    sections_read = models.PositiveIntegerField(default=0)
    items_done = models.PositiveIntegerField(default=0)
    readings_done = models.PositiveIntegerField(default=0)
    last_activity = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("course summary")
        verbose_name_plural = _("course summaries")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="coursesummary_unique"),
        ]
        indexes = [
            models.Index(fields=["course", "sections_read"]),
            models.Index(fields=["course", "items_done"]),
            models.Index(fields=["course", "readings_done"]),
            models.Index(fields=["course", "last_activity"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.course}"


class ReadingDue(models.Model):
    """A reading a student has been assigned, has not done, and has a due date for:
    the earliest due date among the assignments that reach them, directly or through
    a cohort they are in now.

    What the report's "overdue" and "behind" read, so that neither walks every
    student's assignments and cohorts per request: a student's overdue readings are
    their rows due before now, one index range. Kept by
    lectures.teaching.summaries.readings_due_refresh in the same transaction as every change
    that moves it (an assignment saved, changed or withdrawn, a cohort's members, a
    reading done or undone), and rebuilt by `rebuild_summaries`.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reading = models.ForeignKey(Reading, on_delete=models.CASCADE, related_name="+")
    # The reading's course, copied so the report filters without a join.
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    due_at = models.DateTimeField()

    class Meta:
        verbose_name = _("reading due")
        verbose_name_plural = _("readings due")
        constraints = [
            models.UniqueConstraint(fields=["user", "reading"], name="readingdue_unique"),
        ]
        indexes = [models.Index(fields=["course", "user", "due_at"])]

    def __str__(self) -> str:
        return f"{self.reading} due for {self.user}"
