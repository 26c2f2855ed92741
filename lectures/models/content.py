"""A course's content: its lectures and what their notes turn into."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import get_script_prefix, reverse
from django.utils import timezone

from lectures.notes import heading_problem, is_alias, term_problem

from .base import NotesFormatChecked, one_line_problem, problems_found, text_stored_problem

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
        return problems_found(
            title=one_line_problem(self, "title") if "title" in names else None,
            overview=text_stored_problem(self, "overview") if "overview" in names else None,
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
        return problems_found(
            title=title, body=text_stored_problem(self, "body") if "body" in names else None
        )


class GlossaryTerm(NotesFormatChecked):
    lecture = models.ForeignKey(Lecture, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=200)
    alias = models.CharField(max_length=50, blank=True, help_text="An abbreviation, e.g. CSTO.")
    # Bounded because every mention of the term in the lecture carries an excerpt of
    # it (rendering's link title): the page grows with the notes, not their square.
    definition = models.TextField(max_length=1000)
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
            alias = one_line_problem(self, "alias", required=False)
            if alias is None and self.alias and not is_alias(self.alias):
                alias = (
                    f"“{self.alias}” would not be read back as an alias: use an abbreviation "
                    "of one word, such as “CSTO”, “mRNA”, “bpm” or “U.N.”."
                )
        term = None
        if "term" in names:
            term = one_line_problem(self, "term") or term_problem(self.term, self.alias.strip())
        definition = one_line_problem(self, "definition") if "definition" in names else None
        return problems_found(term=term, alias=alias, definition=definition)


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
        return problems_found(text=one_line_problem(self, "text") if "text" in names else None)


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
