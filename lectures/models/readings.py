"""Next-step readings of a course and their assignment to students and cohorts."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coursesite.bounds import EARLIEST, LATEST, SaneDatetimeValidator, validate_sane_datetime

from .content import ActionItem, Course, Lecture, Section
from .people import Cohort


class Reading(models.Model):
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="readings", verbose_name=_("course")
    )
    title = models.CharField(max_length=200, verbose_name=_("title"))
    url = models.URLField(blank=True, max_length=500, verbose_name=_("URL"))
    lecture = models.ForeignKey(
        Lecture,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="readings",
        verbose_name=_("lecture"),
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="readings",
        verbose_name=_("section"),
    )
    # The action item the reading was made from: the two are one task, so a student's
    # tick on either is a tick on both (lectures.study's progress services). An item
    # removed by a re-import leaves the reading, and what students did of it, behind.
    action_item = models.ForeignKey(
        ActionItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="readings",
        verbose_name=_("action item"),
    )
    note = models.TextField(blank=True, verbose_name=_("note"))

    class Meta:
        verbose_name = _("reading")
        verbose_name_plural = _("readings")
        ordering = ["course", "title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | Q(lecture__isnull=False),
                name="reading_has_url_or_lecture",
                violation_error_message=_("A reading needs a URL or a lecture to point to."),
            ),
            # One reading per action item: making readings from a lecture again adds
            # only the items that have none.
            models.UniqueConstraint(
                fields=["action_item"],
                condition=Q(action_item__isnull=False),
                name="reading_unique_action_item",
                violation_error_message=_("That action item already has a reading."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """A reading points into its own course: the lecture is one of the course's,
        the section one of the lecture's. A section alone names its lecture, so the
        lecture is filled in from it rather than refused."""
        super().clean()
        section = self.section if self.section_id else None
        chose_lecture = self.lecture_id is not None
        item = self.action_item if self.action_item_id else None
        if item is not None:
            # The item names its lecture; a reading made from it points there.
            if chose_lecture and item.lecture_id != self.lecture_id:
                raise ValidationError(
                    {
                        "action_item": _("“%(item)s” is an action item of another lecture.")
                        % {"item": item}
                    },
                    code="another_lecture",
                )
            self.lecture, chose_lecture = item.lecture, True
        if section is not None and not chose_lecture:
            self.lecture = section.lecture
        if self.lecture_id and self.course_id and self.lecture.course_id != self.course_id:
            # The error goes on what the instructor chose: the lecture, or the section
            # whose lecture was filled in above.
            if chose_lecture:
                field = "lecture"
                message = _(
                    "“%(lecture)s” is a lecture of another course: choose one of “%(course)s”."
                )
            else:
                field = "section"
                message = _(
                    "“%(section)s” is in “%(lecture)s”, a lecture of another course: "
                    "choose one of “%(course)s”."
                )
            names = {"lecture": self.lecture, "section": section, "course": self.course}
            raise ValidationError({field: message % names}, code="another_course")
        if section is None:
            return
        if section.lecture_id != self.lecture_id:
            if section.lecture.course_id != self.course_id:
                message = _(
                    "“%(section)s” is in “%(other)s”, a lecture of another course: "
                    "choose a section of “%(lecture)s”."
                )
            else:
                message = _(
                    "“%(section)s” is in “%(other)s”, another lecture: "
                    "choose a section of “%(lecture)s”."
                )
            names = {"section": section, "other": section.lecture, "lecture": self.lecture}
            raise ValidationError({"section": message % names}, code="another_lecture")
        # A section archived after the reading pointed at it stays valid (re-imports
        # archive sections); only choosing one anew is refused.
        if section.archived:
            stored = Reading.objects.filter(pk=self.pk).values_list("section_id", flat=True)
            if self._state.adding or stored.first() != section.pk:
                raise ValidationError(
                    {
                        "section": _(
                            "“%(section)s” is archived (hidden from students): "
                            "choose a visible section."
                        )
                        % {"section": section}
                    },
                    code="archived_section",
                )


class ReadingAssignment(models.Model):
    reading = models.ForeignKey(
        Reading, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("reading")
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reading_assignments",
        verbose_name=_("student"),
    )
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("cohort"),
    )
    due_at = models.DateTimeField(
        null=True, blank=True, validators=[validate_sane_datetime], verbose_name=_("due at")
    )
    note = models.TextField(
        blank=True, help_text=_("Shown to the students with the reading."), verbose_name=_("note")
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    created = models.DateTimeField(default=timezone.now, editable=False, verbose_name=_("created"))

    class Meta:
        verbose_name = _("reading assignment")
        verbose_name_plural = _("reading assignments")
        ordering = ["due_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(student__isnull=False, cohort__isnull=True)
                | Q(student__isnull=True, cohort__isnull=False),
                name="readingassignment_student_xor_cohort",
                violation_error_message=_("Assign to a student or to a cohort, not both."),
            ),
            # coursesite.bounds: a due date outside it is a typo, and near the ends of
            # Python's range one that no page could read back.
            models.CheckConstraint(
                condition=Q(due_at__isnull=True) | Q(due_at__range=(EARLIEST, LATEST)),
                name="readingassignment_due_at_sane",
                violation_error_message=SaneDatetimeValidator.message,
            ),
            # Assigning a reading again updates the one assignment (its due date, its
            # note) rather than adding a second.
            models.UniqueConstraint(
                fields=["reading", "student"],
                condition=Q(student__isnull=False),
                name="readingassignment_unique_student",
                violation_error_message=_("This reading is already assigned to that student."),
            ),
            models.UniqueConstraint(
                fields=["reading", "cohort"],
                condition=Q(cohort__isnull=False),
                name="readingassignment_unique_cohort",
                violation_error_message=_("This reading is already assigned to that cohort."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reading} → {self.student or self.cohort}"

    def clean(self) -> None:
        """Work is assigned within the reading's course: to one of its cohorts, or
        to a student enrolled in it."""
        super().clean()
        if self.reading_id is None:
            return
        course = self.reading.course
        errors = {}
        if self.cohort_id is not None and self.cohort.course_id != course.pk:
            errors["cohort"] = _(
                "“%(cohort)s” is a cohort of another course: choose one of “%(course)s”."
            ) % {"cohort": self.cohort.name, "course": course}
        # An enrolment is what makes a student of a course (lectures.access reads the
        # same rows for who may study it).
        enrolled = course.enrolments.filter(user_id=self.student_id)
        if self.student_id is not None and not enrolled.exists():
            errors["student"] = _("“%(student)s” is not enrolled in “%(course)s”.") % {
                "student": self.student,
                "course": course,
            }
        if errors:
            raise ValidationError(errors, code="another_course")
