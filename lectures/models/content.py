"""A course's content: its lectures and what their notes turn into."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce, Lower
from django.db.models.lookups import GreaterThanOrEqual
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext_lazy, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from lectures.notes import heading_problem, is_alias, term_problem
from lectures.notes.prose.eras import (
    KEY_YEAR,
    PRECISIONS,
    PRESENT,
    QUALIFIER_YEARS,
    QUALIFIERS,
)
from lectures.notes.prose.eras import When as Date
from lectures.notes.prose.languages import spoken_span
from lectures.notes.stored import translated_reason

from .base import NotesFormatChecked, one_line_problem, problems_found, text_stored_problem

# What the URLs' `slug` converter accepts: a slug outside it would make every page
# that links to the course or lecture fail to reverse its URL.
VALID_SLUG = Q(slug__regex=r"^[-a-zA-Z0-9_]+\Z")
SLUG_MESSAGE = _("Use only letters, numbers, underscores or hyphens in the slug.")


# A course's own pages sit beside its lectures (/courses/<course>/assign/, report/,
# review/, teach/, announcements/): a lecture with one of these slugs could never be opened.
RESERVED_LECTURE_SLUGS = ("assign", "report", "review", "readings", "announcements", "teach")

# The most days a course may wait before a new lecture counts towards "behind".
MAX_BEHIND_AFTER_DAYS = 365


def course_languages() -> list[tuple[str, str]]:
    """The languages a course's notes may be written in: each language the site ships
    (settings.LANGUAGES), by its base code ("en" for the pages' "en-gb"), since a
    course's content is in a language, not a regional variant."""
    seen: dict[str, str] = {}
    for code, name in settings.LANGUAGES:
        seen.setdefault(code.split("-")[0], name)
    return list(seen.items())


class Course(models.Model):
    title = models.CharField(max_length=200, verbose_name=_("title"))
    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    instructors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="taught_courses",
        blank=True,
        verbose_name=_("instructors"),
    )
    created = models.DateTimeField(default=timezone.now, editable=False, verbose_name=_("created"))
    behind_after_days = models.PositiveSmallIntegerField(
        _("count a lecture towards “behind” after (days)"),
        default=7,
        validators=[MaxValueValidator(MAX_BEHIND_AFTER_DAYS)],
        help_text=_(
            "A student is behind with under half the sections read of the lectures "
            "published at least this many days ago (or with a reading or quiz overdue). "
            "0 counts a lecture from the moment it is published."
        ),
    )
    # What the course's notes are written in: the import reads their headings and
    # dates in it, and quizzes and review cards are generated in it.
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=course_languages,
        default="en",
        help_text=_(
            "The language the course's notes are written in; generated quizzes and "
            "review cards use it too."
        ),
    )

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=VALID_SLUG, name="course_slug_valid", violation_error_message=SLUG_MESSAGE
            ),
            models.CheckConstraint(
                condition=Q(behind_after_days__lte=MAX_BEHIND_AFTER_DAYS),
                name="course_behind_after_days_bounded",
                violation_error_message=ngettext_lazy(
                    "Enter at most %(days)d day.", "Enter at most %(days)d days.", "days"
                )
                % {"days": MAX_BEHIND_AFTER_DAYS},
            ),
            models.CheckConstraint(
                condition=Q(language__in=[code for code, _name in course_languages()]),
                name="course_language_shipped",
                violation_error_message=_("Choose one of the site's languages."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("lectures:course_detail", args=[self.slug])

    def counts_lectures_from(self, now: datetime) -> datetime:
        """Lectures published at or before this moment count towards "behind" at `now`."""
        return now - timedelta(days=self.behind_after_days)


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
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="lectures", verbose_name=_("course")
    )
    title = models.CharField(max_length=200, verbose_name=_("title"))
    slug = models.SlugField(max_length=80, verbose_name=_("slug"))
    overview = models.TextField(blank=True, verbose_name=_("overview"))
    position = models.PositiveIntegerField(default=0, verbose_name=_("position"))
    published = models.BooleanField(
        default=True, verbose_name=pgettext_lazy("lecture", "published")
    )
    # When students last got the lecture: set on creation and whenever a draft is
    # published (published_changed), kept while it is unpublished. The report counts a
    # lecture towards "behind" only Course.behind_after_days after it.
    published_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("published at")
    )
    updated = models.DateTimeField(auto_now=True, verbose_name=_("updated"))

    objects = LectureQuerySet.as_manager()

    class Meta:
        verbose_name = _("lecture")
        verbose_name_plural = _("lectures")
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
                violation_error_message=_(
                    "That slug names one of the course's own pages; "
                    "pick another, such as “assign-lecture”."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.urls["lecture"]

    def published_changed(self, now: datetime) -> None:
        """Call when `published` has just been set (by a form or a service), before
        saving: a lecture that became visible at `now` starts its days before it
        counts towards "behind" (a draft keeps the date it was last published)."""
        if self.published:
            self.published_at = now

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
    lecture = models.ForeignKey(
        Lecture, on_delete=models.CASCADE, related_name="sections", verbose_name=_("lecture")
    )
    title = models.CharField(max_length=200, verbose_name=_("title"))
    slug = models.SlugField(max_length=80, verbose_name=_("slug"))
    body = models.TextField(
        blank=True,
        help_text=_("Bullets (“- ”) and paragraphs; **bold**, *italic*, `code`, links."),
        verbose_name=_("body"),
    )
    position = models.PositiveIntegerField(default=0, verbose_name=_("position"))
    archived = models.BooleanField(
        default=False,
        help_text=_("Hidden from students; kept so their progress survives."),
        verbose_name=_("archived"),
    )

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
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
    lecture = models.ForeignKey(
        Lecture, on_delete=models.CASCADE, related_name="terms", verbose_name=_("lecture")
    )
    term = models.CharField(max_length=200, verbose_name=_("term"))
    alias = models.CharField(
        max_length=50,
        blank=True,
        help_text=_("An abbreviation, e.g. CSTO."),
        verbose_name=_("alias"),
    )
    # Bounded because every mention of the term in the lecture carries an excerpt of
    # it (rendering's link title): the page grows with the notes, not their square.
    definition = models.TextField(max_length=1000, verbose_name=_("definition"))
    # The instructor's order (the notes file's): export writes it back; the
    # glossary page sorts alphabetically on its own.
    position = models.PositiveIntegerField(default=0, verbose_name=_("position"))

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["lecture", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                "lecture",
                Lower("term"),
                name="glossaryterm_unique_lecture_term_ci",
                violation_error_message=_("This lecture already defines that term."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.alias})" if self.alias else self.term

    def _notes_problems(self, names: set[str]) -> dict[str, str]:
        alias = None
        if "alias" in names:
            alias = one_line_problem(self, "alias", required=False)
            if alias is None and self.alias and not is_alias(self.alias):
                alias = _(
                    "“%(alias)s” would not be read back as an alias: use an abbreviation "
                    "of one word, such as “CSTO”, “mRNA”, “bpm” or “U.N.”."
                ) % {"alias": self.alias}
        term = None
        if "term" in names:
            term = one_line_problem(self, "term") or term_problem(self.term, self.alias.strip())
        definition = one_line_problem(self, "definition") if "definition" in names else None
        return problems_found(term=term, alias=alias, definition=definition)


class ActionItem(NotesFormatChecked):
    lecture = models.ForeignKey(
        Lecture, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("lecture")
    )
    # Bounded so the unique index stays within PostgreSQL's b-tree entry limit.
    text = models.CharField(max_length=500, verbose_name=_("text"))
    position = models.PositiveIntegerField(default=0, verbose_name=_("position"))

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["lecture", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["lecture", "text"],
                name="actionitem_unique_lecture_text",
                violation_error_message=_("This lecture already has that action item."),
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def _notes_problems(self, names: set[str]) -> dict[str, str]:
        return problems_found(text=one_line_problem(self, "text") if "text" in names else None)


PRECISION_CHOICES = [(precision, precision) for precision in PRECISIONS]
QUALIFIER_CHOICES = [("", "—")] + [(qualifier, qualifier) for qualifier in QUALIFIERS]


def date_key(prefix: str):
    """The SQL of lectures.notes.prose.eras's When.sort_key for the date stored in
    the columns `<prefix>_year`, `<prefix>_month`, …: one integer on which every
    era sorts (a test holds the two together)."""
    year, precision = F(f"{prefix}_year"), f"{prefix}_precision"
    shifts = [
        When(**{precision: kind, f"{prefix}_qualifier": qualifier}, then=Value(years))
        for kind, by_qualifier in QUALIFIER_YEARS.items()
        for qualifier, years in by_qualifier.items()
    ]
    # Historical years have no year 0: 1 BC (-1) sits at 0 on the line.
    position = (
        year
        + Case(When(**{f"{prefix}_year__lt": 0}, then=Value(1)), default=Value(0))
        + Case(*shifts, default=Value(0))
    )
    calendar = (
        position * KEY_YEAR
        + Coalesce(F(f"{prefix}_month"), Value(0)) * 100
        + Coalesce(F(f"{prefix}_day"), Value(0))
    )
    return Case(
        When(**{precision: "deep"}, then=(Value(PRESENT) - year) * KEY_YEAR),
        default=calendar,
        output_field=models.BigIntegerField(),
    )


def _date_valid(prefix: str, optional: bool = False) -> Q:
    """The checks a stored date passes (lectures.notes.prose.eras.When.problem says
    the same in words for the admin's form)."""
    precision = f"{prefix}_precision"
    valid = (
        Q(**{f"{precision}__in": PRECISIONS})
        & (Q(**{f"{prefix}_month__isnull": True}) | Q(**{f"{prefix}_month__range": (1, 12)}))
        & (Q(**{f"{prefix}_day__isnull": True}) | Q(**{f"{prefix}_day__range": (1, 31)}))
        & (
            Q(**{precision: "deep", f"{prefix}_year__gt": 0})
            | (~Q(**{precision: "deep"}) & ~Q(**{f"{prefix}_year": 0}))
        )
    )
    if optional:
        return Q(**{f"{prefix}_year__isnull": True}) | valid
    return valid


class TimelineEvent(models.Model):
    """A dated event of a lecture's timeline. Its start (and a span's end) is a date of
    any era, stored as lectures.notes.prose.eras's When: a historical year (BC
    negative, no year 0; deep time in years before present), an optional month and
    day, a precision, an approximate flag, and a qualifier for decades and centuries.
    `sort_key` is computed by the database from the start, so every era sorts on one
    indexed column, whoever writes the row."""

    class Status(models.TextChoices):
        SHOWN = "shown", pgettext_lazy("timeline event", "shown")
        SUGGESTED = "suggested", _("suggested (students do not see it)")

    # The columns of the start and end (the properties `start` and `end`).
    DATE_FIELDS = tuple(
        f"{end}_{part}"
        for end in ("start", "end")
        for part in ("year", "month", "day", "precision", "approximate", "qualifier")
    )

    lecture = models.ForeignKey(
        Lecture, on_delete=models.CASCADE, related_name="events", verbose_name=_("lecture")
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("section"),
    )
    when_label = models.CharField(
        max_length=80,
        help_text=_("As shown, e.g. “December 2024”, “c. 221 BC”, “mid-18th century”."),
        verbose_name=_("when label"),
    )
    start_year = models.BigIntegerField(
        help_text=_(
            "BC is negative (221 BC is -221; there is no year 0); for deep time, "
            "years before present (66000000)."
        ),
        verbose_name=_("start year"),
    )
    start_month = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("start month")
    )
    start_day = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("start day"))
    start_precision = models.CharField(
        max_length=8, choices=PRECISION_CHOICES, default="year", verbose_name=_("start precision")
    )
    start_approximate = models.BooleanField(
        default=False, help_text=_("“c. 221 BC”"), verbose_name=_("start approximate")
    )
    start_qualifier = models.CharField(
        max_length=5,
        choices=QUALIFIER_CHOICES,
        blank=True,
        help_text=_("Of a decade or century."),
        verbose_name=_("start qualifier"),
    )
    # A span ("1961–1989") ends here; a single date has no end_year.
    end_year = models.BigIntegerField(
        null=True,
        blank=True,
        help_text=_("Where a span ends, if it is one."),
        verbose_name=_("end year"),
    )
    end_month = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("end month"))
    end_day = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("end day"))
    end_precision = models.CharField(
        max_length=8,
        choices=PRECISION_CHOICES,
        blank=True,
        help_text=_("Of a span's end."),
        verbose_name=_("end precision"),
    )
    end_approximate = models.BooleanField(default=False, verbose_name=_("end approximate"))
    end_qualifier = models.CharField(
        max_length=5, choices=QUALIFIER_CHOICES, blank=True, verbose_name=_("end qualifier")
    )
    sort_key = models.GeneratedField(
        expression=date_key("start"),
        output_field=models.BigIntegerField(),
        db_persist=True,
        verbose_name=_("sort key"),
    )
    text = models.TextField(verbose_name=_("text"))
    status = models.CharField(
        max_length=9,
        choices=Status.choices,
        default=Status.SHOWN,
        help_text=_(
            "A suggestion is an event the import was unsure of: students see it once confirmed."
        ),
        verbose_name=_("status"),
    )
    # Why the import was unsure ("date in a trailing clause"), shown to instructors
    # beside the suggestion; "" for a shown event.
    doubt = models.CharField(max_length=200, blank=True, editable=False, verbose_name=_("doubt"))
    edited = models.BooleanField(
        default=False,
        editable=False,
        help_text=_("Changed by an instructor: re-imports keep it as long as its bullet remains."),
        verbose_name=_("edited"),
    )
    # The dated bullet the event was extracted from (see source_for); "" for an
    # event added by hand. It survives edits, so re-imports can still find the bullet.
    source = models.CharField(max_length=64, blank=True, editable=False, verbose_name=_("source"))

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["lecture", "sort_key", "id"]
        indexes = [models.Index(fields=["lecture", "sort_key"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(GreaterThanOrEqual(date_key("end"), date_key("start"))),
                name="timelineevent_span_ends_after_it_starts",
                violation_error_message=_("A span ends on or after its start."),
            ),
            models.CheckConstraint(
                condition=_date_valid("start"),
                name="timelineevent_start_valid",
                violation_error_message=_(
                    "The start needs a valid precision, month (1–12), "
                    "day (1–31) and year (no year 0)."
                ),
            ),
            models.CheckConstraint(
                condition=_date_valid("end", optional=True),
                name="timelineevent_end_valid",
                violation_error_message=_(
                    "The end needs a valid precision, month (1–12), "
                    "day (1–31) and year (no year 0)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["shown", "suggested"]),
                name="timelineevent_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.when_label}: {self.text[:60]}"

    def doubt_reason(self) -> str:
        """doubt in the active language: stored in English (a gettext_noop'd msgid
        of lectures.notes.prose), translated when shown."""
        return translated_reason(self.doubt)

    @property
    def start(self) -> Date:
        return Date(
            self.start_year,
            self.start_precision,
            self.start_month,
            self.start_day,
            self.start_approximate,
            self.start_qualifier,
        )

    @start.setter
    def start(self, value: Date) -> None:
        self.start_year, self.start_precision = value.year, value.precision
        self.start_month, self.start_day = value.month, value.day
        self.start_approximate, self.start_qualifier = value.approximate, value.qualifier

    @property
    def end(self) -> Date | None:
        if self.end_year is None:
            return None
        return Date(
            self.end_year,
            self.end_precision or "year",
            self.end_month,
            self.end_day,
            self.end_approximate,
            self.end_qualifier,
        )

    @end.setter
    def end(self, value: Date | None) -> None:
        if value is None:
            self.end_year = self.end_month = self.end_day = None
            self.end_precision, self.end_approximate, self.end_qualifier = "", False, ""
            return
        self.end_year, self.end_precision = value.year, value.precision
        self.end_month, self.end_day = value.month, value.day
        self.end_approximate, self.end_qualifier = value.approximate, value.qualifier

    def clean(self) -> None:
        """Each end's problem in words, on its field (When.problem); a span's end
        with no precision given is a year."""
        errors = {}
        if self.start_year is not None and (problem := self.start.problem()):
            errors["start_year"] = problem
        if self.end_year is None:
            if self.end_month is not None or self.end_day is not None or self.end_precision:
                errors["end_year"] = _(
                    "A span's end needs its year (leave all of the end blank for a single date)."
                )
        else:
            self.end_precision = self.end_precision or "year"
            if problem := self.end.problem():
                errors["end_year"] = problem
        if errors:
            raise ValidationError(errors)

    @property
    def spoken_when(self) -> str:
        """The date or span in words of the page's language, naming its real ends
        ("from March to May 1945", "de marzo a mayo de 1945")."""
        language = (get_language() or "en").split("-")[0]
        return spoken_span(self.start, self.end, language)

    @property
    def is_suggested(self) -> bool:
        return self.status == self.Status.SUGGESTED

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
        verbose_name = _("deleted timeline event")
        verbose_name_plural = _("deleted timeline events")
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

    class Meta:
        verbose_name = _("pending upload")
        verbose_name_plural = _("pending uploads")

    def __str__(self) -> str:
        return f"{self.filename} for {self.course} (awaiting confirmation)"
