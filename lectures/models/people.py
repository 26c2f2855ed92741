"""Who studies a course and how they are grouped. Who teaches it is Course.instructors."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coursesite.bounds import EARLIEST, LATEST, SaneDatetimeValidator, validate_sane_datetime

from .content import Course


class Enrolment(models.Model):
    """Who studies a course. Who teaches it is Course.instructors, and nothing else."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("course")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("user"),
    )
    joined = models.DateTimeField(
        default=timezone.now, validators=[validate_sane_datetime], verbose_name=_("joined")
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["course", "user"]
        constraints = [
            models.UniqueConstraint(fields=["course", "user"], name="enrolment_unique_course_user"),
            models.CheckConstraint(
                condition=Q(joined__range=(EARLIEST, LATEST)),
                name="enrolment_joined_sane",
                violation_error_message=SaneDatetimeValidator.message,
            ),
        ]

    def __str__(self) -> str:
        return _("%(user)s in %(course)s") % {"user": self.user, "course": self.course}


class Cohort(models.Model):
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="cohorts", verbose_name=_("course")
    )
    name = models.CharField(max_length=120, verbose_name=_("name"))
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="cohorts", blank=True, verbose_name=_("members")
    )

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["course", "name"]
        constraints = [
            models.UniqueConstraint(fields=["course", "name"], name="cohort_unique_course_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.course})"
