"""Courses, their lectures and everything a lecture's notes turn into, plus progress.

Progress is one narrow table per kind of item (unique per user and item) so that
re-importing notes, which keeps primary keys, never loses what a student did.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import get_script_prefix, reverse
from django.utils import timezone

from .notes import (
    heading_problem,
    is_alias,
    line_problem,
    normalise_text,
    term_problem,
    text_problem,
)


class NotesFormatChecked(models.Model):
    """Refuses values the notes format cannot carry, so export then import is exact.

    Subclasses define `_notes_problems(names) -> {field: message}` for the fields
    in `names`. This runs in clean_fields() rather than clean() because only it
    knows which fields a form leaves out (the changelist's list_editable forms):
    an error on a field the form lacks is a crash, not a message.
    """

    class Meta:
        abstract = True

    def _notes_problems(self, names: set[str]) -> dict[str, str]:
        raise NotImplementedError

    def clean_fields(self, exclude=None) -> None:
        try:
            super().clean_fields(exclude=exclude)
            errors = {}
        except ValidationError as exc:
            errors = exc.error_dict
        names = {f.name for f in self._meta.concrete_fields} - set(exclude or ()) - set(errors)
        for name, message in self._notes_problems(names).items():
            errors[name] = [ValidationError(message, code="notes_format")]
        if errors:
            raise ValidationError(errors)


def _one_line(instance: models.Model, name: str, required: bool = True) -> str | None:
    """Strip the field as an import would, then say what stops it being one notes line."""
    value = getattr(instance, name).strip()
    setattr(instance, name, value)
    if required and not value:
        return instance._meta.get_field(name).error_messages["blank"]
    return line_problem(value)


def _text(instance: models.Model, name: str) -> str | None:
    """Store a body or overview as an import would, or say which line it cannot carry."""
    value = getattr(instance, name)
    problem = text_problem(value)
    if problem is None:
        setattr(instance, name, normalise_text(value))
    return problem


def _found(**problems: str | None) -> dict[str, str]:
    return {name: problem for name, problem in problems.items() if problem}


# What the URLs' `slug` converter accepts: a slug outside it would make every page
# that links to the course or lecture fail to reverse its URL.
VALID_SLUG = Q(slug__regex=r"^[-a-zA-Z0-9_]+\Z")
SLUG_MESSAGE = "Use only letters, numbers, underscores or hyphens in the slug."
# A course's own pages sit beside its lectures (/courses/<course>/assign/, report/,
# review/): a lecture with one of these slugs could never be opened.
RESERVED_LECTURE_SLUGS = ("assign", "report", "review", "readings")


class Course(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    instructors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="taught_courses", blank=True
    )
    created = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=VALID_SLUG, name="course_slug_valid", violation_error_message=SLUG_MESSAGE
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("lectures:course_detail", args=[self.slug])


class Enrolment(models.Model):
    """Who studies a course. Who teaches it is Course.instructors, and nothing else."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    joined = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["course", "user"]
        constraints = [
            models.UniqueConstraint(fields=["course", "user"], name="enrolment_unique_course_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.course}"


class Cohort(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(max_length=120)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="cohorts", blank=True)

    class Meta:
        ordering = ["course", "name"]
        constraints = [
            models.UniqueConstraint(fields=["course", "name"], name="cohort_unique_course_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.course})"


@lru_cache(maxsize=4096)
def _lecture_urls(prefix: str, course: str, lecture: str) -> dict[str, str]:
    # A function of the slugs alone, reversed once per process: four reverse() calls
    # were a tenth of a lecture page's rendering (issue 9).
    return {
        "course": reverse("lectures:course_detail", args=[course]),
        "lecture": reverse("lectures:lecture_detail", args=[course, lecture]),
        "glossary": reverse("lectures:glossary", args=[course, lecture]),
        "timeline": reverse("lectures:timeline", args=[course, lecture]),
    }


class LectureQuerySet(models.QuerySet):
    def published(self) -> LectureQuerySet:
        return self.filter(published=True)


class Lecture(NotesFormatChecked):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lectures")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    overview = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    published = models.BooleanField(default=True)
    updated = models.DateTimeField(auto_now=True)

    objects = LectureQuerySet.as_manager()

    class Meta:
        ordering = ["course", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="lecture_unique_course_slug"),
            models.CheckConstraint(
                condition=VALID_SLUG,
                name="lecture_slug_valid",
                violation_error_message=SLUG_MESSAGE,
            ),
            models.CheckConstraint(
                condition=~Q(slug__in=RESERVED_LECTURE_SLUGS),
                name="lecture_slug_not_reserved",
                violation_error_message="That slug names one of the course's own pages; "
                "pick another, such as “assign-lecture”.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.urls["lecture"]

    @property
    def urls(self) -> dict[str, str]:
        """The URLs of its pages ("lecture", "glossary", "timeline") and of its
        "course": every lecture page links to all four."""
        return _lecture_urls(get_script_prefix(), self.course.slug, self.slug)

    def _notes_problems(self, names: set[str]) -> dict[str, str]:
        return _found(
            title=_one_line(self, "title") if "title" in names else None,
            overview=_text(self, "overview") if "overview" in names else None,
        )


class SectionQuerySet(models.QuerySet):
    def visible(self) -> SectionQuerySet:
        return self.filter(archived=False)


class Section(NotesFormatChecked):
    lecture = models.ForeignKey(Lecture, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    body = models.TextField(
        blank=True, help_text="Bullets (“- ”) and paragraphs; **bold**, *italic*, `code`, links."
    )
    position = models.PositiveIntegerField(default=0)
    archived = models.BooleanField(
        default=False, help_text="Hidden from students; kept so their progress survives."
    )

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["lecture", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["lecture", "slug"], name="section_unique_lecture_slug"),
        ]
        indexes = [models.Index(fields=["lecture", "archived", "position"])]

    def __str__(self) -> str:
        return self.title

    def _notes_problems(self, names: set[str]) -> dict[str, str]:
        title = None
        if "title" in names:
            self.title = self.title.strip()
            title = heading_problem(self.title)
        return _found(title=title, body=_text(self, "body") if "body" in names else None)


class GlossaryTerm(NotesFormatChecked):
    lecture = models.ForeignKey(Lecture, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=200)
    alias = models.CharField(max_length=50, blank=True, help_text="An abbreviation, e.g. CSTO.")
    definition = models.TextField()
    # The instructor's order (the notes file's): export writes it back; the
    # glossary page sorts alphabetically on its own.
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["lecture", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                "lecture",
                Lower("term"),
                name="glossaryterm_unique_lecture_term_ci",
                violation_error_message="This lecture already defines that term.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.alias})" if self.alias else self.term

    def _notes_problems(self, names: set[str]) -> dict[str, str]:
        alias = None
        if "alias" in names:
            alias = _one_line(self, "alias", required=False)
            if alias is None and self.alias and not is_alias(self.alias):
                alias = (
                    f"“{self.alias}” would not be read back as an alias: use one word that "
                    "starts with a letter and has a capital, such as “CSTO” or “mRNA”."
                )
        term = None
        if "term" in names:
            term = _one_line(self, "term") or term_problem(self.term, self.alias.strip())
        definition = _one_line(self, "definition") if "definition" in names else None
        return _found(term=term, alias=alias, definition=definition)


class ActionItem(NotesFormatChecked):
    lecture = models.ForeignKey(Lecture, on_delete=models.CASCADE, related_name="action_items")
    # Bounded so the unique index stays within PostgreSQL's b-tree entry limit.
    text = models.CharField(max_length=500)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["lecture", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["lecture", "text"],
                name="actionitem_unique_lecture_text",
                violation_error_message="This lecture already has that action item.",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def _notes_problems(self, names: set[str]) -> dict[str, str]:
        return _found(text=_one_line(self, "text") if "text" in names else None)


class TimelineEvent(models.Model):
    lecture = models.ForeignKey(Lecture, on_delete=models.CASCADE, related_name="events")
    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    when_label = models.CharField(max_length=80, help_text="As shown, e.g. “December 2024”.")
    sort_key = models.DateField(help_text="Where the event falls in the timeline.")
    # A span ("1961–1989") ends here; a single date has none.
    end_key = models.DateField(null=True, blank=True, help_text="Where a span ends, if it is one.")
    text = models.TextField()
    edited = models.BooleanField(
        default=False,
        editable=False,
        help_text="Changed by an instructor: re-imports keep it as long as its bullet remains.",
    )
    # The dated bullet the event was extracted from (see source_for); "" for an
    # event added by hand. It survives edits, so re-imports can still find the bullet.
    source = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["lecture", "sort_key", "id"]
        indexes = [models.Index(fields=["lecture", "sort_key"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_key__isnull=True) | Q(end_key__gte=F("sort_key")),
                name="timelineevent_span_ends_after_it_starts",
                violation_error_message="A span ends on or after its start.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.when_label}: {self.text[:60]}"

    @staticmethod
    def source_for(when_label: str, text: str) -> str:
        """The stable key of the date `when_label` in the bullet `text`, as extracted."""
        return hashlib.sha256(f"{when_label}\0{text}".encode()).hexdigest()[:64]


class TimelineTombstone(models.Model):
    """An event an instructor deleted from a lecture's timeline, remembered by the
    dated bullet it came from (TimelineEvent.source) so that re-imports do not bring
    it back. It lasts while the bullet is unchanged: once the bullet changes or
    goes, the import drops the tombstone, and a changed bullet's event returns."""

    lecture = models.ForeignKey(Lecture, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=64)
    deleted_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["lecture", "source"], name="timelinetombstone_unique")
        ]

    def __str__(self) -> str:
        return f"deleted event {self.source[:8]}"


class Reading(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="readings")
    title = models.CharField(max_length=200)
    url = models.URLField(blank=True, max_length=500)
    lecture = models.ForeignKey(
        Lecture, on_delete=models.CASCADE, null=True, blank=True, related_name="readings"
    )
    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="readings"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["course", "title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | Q(lecture__isnull=False),
                name="reading_has_url_or_lecture",
                violation_error_message="A reading needs a URL or a lecture to point to.",
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
        if section is not None and not chose_lecture:
            self.lecture = section.lecture
        if self.lecture_id and self.course_id and self.lecture.course_id != self.course_id:
            # The error goes on what the instructor chose: the lecture, or the section
            # whose lecture was filled in above.
            if chose_lecture:
                field, what = "lecture", f"“{self.lecture}” is a lecture"
            else:
                field, what = "section", f"“{section}” is in “{self.lecture}”, a lecture"
            raise ValidationError(
                {field: f"{what} of another course: choose one of “{self.course}”."},
                code="another_course",
            )
        if section is None:
            return
        if section.lecture_id != self.lecture_id:
            elsewhere = section.lecture.course_id != self.course_id
            where = "a lecture of another course" if elsewhere else "another lecture"
            raise ValidationError(
                {
                    "section": f"“{section}” is in “{section.lecture}”, {where}: "
                    f"choose a section of “{self.lecture}”."
                },
                code="another_lecture",
            )
        # A section archived after the reading pointed at it stays valid (re-imports
        # archive sections); only choosing one anew is refused.
        if section.archived:
            stored = Reading.objects.filter(pk=self.pk).values_list("section_id", flat=True)
            if self._state.adding or stored.first() != section.pk:
                raise ValidationError(
                    {
                        "section": f"“{section}” is archived (hidden from students): "
                        "choose a visible section."
                    },
                    code="archived_section",
                )


class ReadingAssignment(models.Model):
    reading = models.ForeignKey(Reading, on_delete=models.CASCADE, related_name="assignments")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reading_assignments",
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, null=True, blank=True, related_name="assignments"
    )
    due_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True, help_text="Shown to the students with the reading.")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(student__isnull=False, cohort__isnull=True)
                | Q(student__isnull=True, cohort__isnull=False),
                name="readingassignment_student_xor_cohort",
                violation_error_message="Assign to a student or to a cohort, not both.",
            ),
            # Assigning a reading again updates the one assignment (its due date, its
            # note) rather than adding a second.
            models.UniqueConstraint(
                fields=["reading", "student"],
                condition=Q(student__isnull=False),
                name="readingassignment_unique_student",
                violation_error_message="This reading is already assigned to that student.",
            ),
            models.UniqueConstraint(
                fields=["reading", "cohort"],
                condition=Q(cohort__isnull=False),
                name="readingassignment_unique_cohort",
                violation_error_message="This reading is already assigned to that cohort.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reading} → {self.student or self.cohort}"

    def clean(self) -> None:
        """Work is assigned within the reading's course: to one of its cohorts, or
        to a student enrolled in it."""
        from . import access  # access reads these models: imported here, not at the top

        super().clean()
        if self.reading_id is None:
            return
        course = self.reading.course
        errors = {}
        if self.cohort_id is not None and self.cohort.course_id != course.pk:
            errors["cohort"] = (
                f"“{self.cohort.name}” is a cohort of another course: choose one of “{course}”."
            )
        enrolled = access.students_of(course).filter(pk=self.student_id)
        if self.student_id is not None and not enrolled.exists():
            errors["student"] = f"“{self.student}” is not enrolled in “{course}”."
        if errors:
            raise ValidationError(errors, code="another_course")


class ProgressBase(models.Model):
    """One row per (user, item) once the user has completed the item."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class SectionProgress(ProgressBase):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="progress")

    class Meta:
        verbose_name_plural = "section progress"
        constraints = [
            models.UniqueConstraint(fields=["user", "section"], name="sectionprogress_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.section}"


class ActionItemProgress(ProgressBase):
    item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="progress")

    class Meta:
        verbose_name_plural = "action item progress"
        constraints = [
            models.UniqueConstraint(fields=["user", "item"], name="actionitemprogress_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} did {self.item}"


class ReadingProgress(ProgressBase):
    reading = models.ForeignKey(Reading, on_delete=models.CASCADE, related_name="progress")

    class Meta:
        verbose_name_plural = "reading progress"
        constraints = [
            models.UniqueConstraint(fields=["user", "reading"], name="readingprogress_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.reading}"


class PendingUpload(models.Model):
    """A notes upload waiting for the instructor to confirm what it archives or removes.

    It waits in the database rather than in one process's memory or cache, so the
    confirmation may reach any app server; rows past `expires_at` are ignored and
    swept when the next upload is stored.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    title = models.CharField(max_length=200, blank=True)
    slug = models.CharField(max_length=80, blank=True)
    prune = models.BooleanField(default=False)
    # The archived and removed titles the instructor was shown and approved.
    approved = models.JSONField(default=list, blank=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.filename} for {self.course} (awaiting confirmation)"


class LectureSummary(models.Model):
    """A student's standing in one lecture: the figures the instructor's report sorts
    on, so a sort over 100,000 students reads one row each instead of aggregating
    millions of progress rows.

    Written by lectures.summaries in the same transaction as every progress change
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
        verbose_name_plural = "lecture summaries"
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
        verbose_name_plural = "course summaries"
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
    lectures.summaries.readings_due_refresh in the same transaction as every change
    that moves it (an assignment saved, changed or withdrawn, a cohort's members, a
    reading done or undone), and rebuilt by `rebuild_summaries`.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reading = models.ForeignKey(Reading, on_delete=models.CASCADE, related_name="+")
    # The reading's course, copied so the report filters without a join.
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    due_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "readings due"
        constraints = [
            models.UniqueConstraint(fields=["user", "reading"], name="readingdue_unique"),
        ]
        indexes = [models.Index(fields=["course", "user", "due_at"])]

    def __str__(self) -> str:
        return f"{self.reading} due for {self.user}"


# -- spaced-repetition review ---------------------------------------------------------


class LectureVisit(models.Model):
    """A student opened the lecture's page: its glossary cards are due from then on."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lecture = models.ForeignKey(Lecture, on_delete=models.CASCADE, related_name="visits")
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lecture"], name="lecturevisit_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} opened {self.lecture}"


class Card(models.Model):
    """A review card drawn from a lecture's notes: a glossary term (term → its
    definition) or a timeline event with a certain date (the event → when).

    Kept in step with the notes by lectures.cards.cards_sync: a changed definition
    changes the card in place, so its review history stays; a term or event that
    goes retires its card, and one that comes back (the same term, the same dated
    bullet: `key`) brings the card and its history back.
    """

    class Kind(models.TextChoices):
        TERM = "term", "key term"
        EVENT = "event", "timeline event"

    lecture = models.ForeignKey(Lecture, on_delete=models.CASCADE, related_name="cards")
    kind = models.CharField(max_length=5, choices=Kind.choices)
    term = models.ForeignKey(
        GlossaryTerm, on_delete=models.SET_NULL, null=True, blank=True, related_name="cards"
    )
    event = models.ForeignKey(
        TimelineEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="cards"
    )
    # Reading this section makes the card due; without one, opening the lecture does.
    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What finds the card again once its term or event row is gone: "term:<term>"
    # (case folded) or "event:<the event's source>".
    key = models.CharField(max_length=220)
    front = models.TextField()
    back = models.TextField()
    retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["lecture", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["term"], condition=Q(term__isnull=False), name="card_unique_term"
            ),
            models.UniqueConstraint(
                fields=["event"], condition=Q(event__isnull=False), name="card_unique_event"
            ),
            models.CheckConstraint(
                condition=Q(kind="term", event__isnull=True) | Q(kind="event", term__isnull=True),
                name="card_source_matches_kind",
            ),
        ]
        indexes = [models.Index(fields=["lecture", "key"])]

    def __str__(self) -> str:
        return self.front[:80]


class CardState(models.Model):
    """One student's schedule for one card: the fsrs package's Card, stored.

    The row appears when the card becomes due for the student (lectures.cards), due
    at once; each review moves it (lectures.review). `reps` counts the reviews
    recorded: a rating names the count it was shown with, so a second post of the
    same rating (a double click, another tab) finds it moved on and counts once.

    `lecture` and `retired` copy the card's, so that the review queue is one range
    of the (user, due) index: choosing the next card and counting those due read no
    other table but the student's lectures (issue 11's budget: 5 ms at 5,000 cards).
    cards_sync keeps `retired` in step with the card.
    """

    class State(models.IntegerChoices):
        # The values of fsrs.State.
        LEARNING = 1, "learning"
        REVIEW = 2, "review"
        RELEARNING = 3, "relearning"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="states")
    lecture = models.ForeignKey(Lecture, on_delete=models.CASCADE, related_name="+")
    retired = models.BooleanField(default=False)
    state = models.PositiveSmallIntegerField(choices=State.choices, default=State.LEARNING)
    step = models.PositiveSmallIntegerField(null=True, blank=True, default=0)
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    due = models.DateTimeField()
    last_review = models.DateTimeField(null=True, blank=True)
    reps = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "card"], name="cardstate_unique"),
        ]
        indexes = [
            # The queue: a student's live cards in due order, with their lectures so
            # that counting them per lecture reads the index alone.
            models.Index(
                fields=["user", "due", "id", "lecture"],
                condition=Q(retired=False),
                name="cardstate_queue",
            )
        ]

    def __str__(self) -> str:
        return f"{self.card} for {self.user}"


class ReviewLog(models.Model):
    """One review: the rating given and the card's FSRS state it led to."""

    class Rating(models.IntegerChoices):
        # The values of fsrs.Rating.
        AGAIN = 1, "Again"
        HARD = 2, "Hard"
        GOOD = 3, "Good"
        EASY = 4, "Easy"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="reviews")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    reviewed_at = models.DateTimeField(default=timezone.now)
    # Which of the student's reviews of the card this was (1 for the first).
    rep = models.PositiveIntegerField()
    state = models.PositiveSmallIntegerField(choices=CardState.State.choices)
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    due = models.DateTimeField()

    class Meta:
        ordering = ["reviewed_at", "id"]
        constraints = [
            # The database's own guard against a review counted twice.
            models.UniqueConstraint(fields=["user", "card", "rep"], name="reviewlog_unique_rep"),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=4), name="reviewlog_rating_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} rated {self.card}: {self.get_rating_display()}"
