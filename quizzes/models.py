"""Quizzes on a lecture, their questions and choices, and students' attempts and answers.

Integrity lives in the database: one open attempt per (quiz, user) and one answer
per (attempt, question) are constraints, not hopes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

from coursesite.bounds import validate_sane_datetime
from lectures.models import Lecture, Section
from lectures.notes.stored import translated_reason

# A time limit is how long one sitting may last: longer than a day is no sitting,
# and the window in which students may take a quiz is its dates' to say. Without a
# bound, a limit of millions of days put a student's deadline past the last date
# Python knows, and every start failed.
TIME_LIMIT_MIN = timedelta(minutes=1)
TIME_LIMIT_MAX = timedelta(hours=24)


def when(value: datetime) -> str:
    """A moment as the quiz pages write it, in the site's time zone."""
    return date_format(timezone.localtime(value), "j M Y, H:i")


class QuizQuerySet(models.QuerySet):
    def published(self) -> QuizQuerySet:
        return self.filter(published=True)


class Quiz(models.Model):
    class Feedback(models.TextChoices):
        IMMEDIATE = "immediate", _("Immediately after each answer")
        ON_SUBMIT = "on_submit", _("After the attempt is submitted")
        NEVER = "never", _("Never (score only)")

    class GradeKept(models.TextChoices):
        BEST = "best", _("The best attempt")
        LAST = "last", _("The last attempt")

    lecture = models.ForeignKey(
        Lecture, on_delete=models.CASCADE, related_name="quizzes", verbose_name=_("lecture")
    )
    title = models.CharField(max_length=200, verbose_name=_("title"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    published = models.BooleanField(default=False, verbose_name=pgettext_lazy("quiz", "published"))
    pass_mark = models.PositiveSmallIntegerField(
        default=70,
        validators=[MaxValueValidator(100)],
        help_text=_("Percentage needed to pass."),
        verbose_name=_("pass mark"),
    )
    max_attempts = models.PositiveSmallIntegerField(
        default=0, help_text=_("0 means no limit."), verbose_name=_("max attempts")
    )
    time_limit = models.DurationField(
        null=True,
        blank=True,
        validators=[
            MinValueValidator(TIME_LIMIT_MIN, _("A time limit is at least one minute (00:01:00).")),
            MaxValueValidator(TIME_LIMIT_MAX, _("A time limit is at most 24 hours (24:00:00).")),
        ],
        help_text=_("Optional, e.g. 00:15:00 for fifteen minutes; at most 24:00:00."),
        verbose_name=_("time limit"),
    )
    shuffle = models.BooleanField(
        default=False, help_text=_("Shuffle choices for each attempt."), verbose_name=_("shuffle")
    )
    feedback = models.CharField(
        max_length=20,
        choices=Feedback.choices,
        default=Feedback.ON_SUBMIT,
        verbose_name=_("feedback"),
    )
    # Which submitted attempt's score is the grade sent to an LMS gradebook (LTI).
    grade_kept = models.CharField(
        _("grade sent to the LMS"),
        max_length=10,
        choices=GradeKept.choices,
        default=GradeKept.BEST,
        help_text=_("When the quiz is linked from an LMS: the score its gradebook receives."),
    )
    generated = models.BooleanField(default=False, editable=False, verbose_name=_("generated"))
    created = models.DateTimeField(default=timezone.now, editable=False, verbose_name=_("created"))
    # When students may take it and when it should be done by, each optional: a
    # closed quiz takes no new attempt and no answer; a quiz past its due date with
    # no submitted attempt is overdue (the report's "behind", the dashboard).
    opens_at = models.DateTimeField(
        pgettext_lazy("quiz", "opens"),
        null=True,
        blank=True,
        validators=[validate_sane_datetime],
        help_text=_("Optional. Students can start it from then. In the site's time zone."),
    )
    closes_at = models.DateTimeField(
        pgettext_lazy("quiz", "closes"),
        null=True,
        blank=True,
        validators=[validate_sane_datetime],
        help_text=_(
            "Optional. No new attempts or answers after then; an attempt in progress "
            "is graded on the answers saved before it closed."
        ),
    )
    due_at = models.DateTimeField(
        pgettext_lazy("quiz", "due"),
        null=True,
        blank=True,
        validators=[validate_sane_datetime],
        help_text=_(
            "Optional. Students see it on their dashboard; after it, a student with "
            "no submitted attempt is overdue. Between the opening and the closing."
        ),
    )

    objects = QuizQuerySet.as_manager()

    class Meta:
        ordering = ["lecture", "title", "pk"]
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        constraints = [
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="quiz_pass_mark_lte_100"),
            models.CheckConstraint(
                condition=Q(time_limit__isnull=True)
                | Q(time_limit__range=(TIME_LIMIT_MIN, TIME_LIMIT_MAX)),
                name="quiz_time_limit_sane",
                violation_error_message=_("A time limit is between one minute and 24 hours."),
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(opens_at__lt=F("closes_at")),
                name="quiz_opens_before_it_closes",
                violation_error_message=_("A quiz must open before it closes."),
            ),
            models.CheckConstraint(
                condition=Q(due_at__isnull=True)
                | (
                    (Q(opens_at__isnull=True) | Q(opens_at__lte=F("due_at")))
                    & (Q(closes_at__isnull=True) | Q(due_at__lte=F("closes_at")))
                ),
                name="quiz_due_while_open",
                violation_error_message=_("A quiz must be due between its opening and closing."),
            ),
            models.CheckConstraint(
                condition=Q(grade_kept__in=["best", "last"]), name="quiz_grade_kept_known"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        lecture = self.lecture
        return reverse("quizzes:quiz_detail", args=[lecture.course.slug, lecture.slug, self.pk])

    def clean(self) -> None:
        """The dates in order, each error on the field to change, in words."""
        super().clean()
        opens, closes, due = self.opens_at, self.closes_at, self.due_at
        errors = {}
        if opens and closes and closes <= opens:
            errors["closes_at"] = _("Close the quiz after it opens (%(opens)s).") % {
                "opens": when(opens)
            }
        elif due and opens and due < opens:
            errors["due_at"] = _("Make it due after the quiz opens (%(opens)s).") % {
                "opens": when(opens)
            }
        elif due and closes and due > closes:
            errors["due_at"] = _(
                "Make it due by the time the quiz closes (%(closes)s): "
                "students could not take it after that."
            ) % {"closes": when(closes)}
        if errors:
            raise ValidationError(errors, code="quiz_dates")

    def not_open_yet(self, now: datetime) -> bool:
        return self.opens_at is not None and now < self.opens_at

    def has_closed(self, now: datetime) -> bool:
        return self.closes_at is not None and now >= self.closes_at

    def shut_reason(self, now: datetime) -> str:
        """Why the quiz takes no new attempt at `now`, in the student's words; "" while
        it is open."""
        if self.not_open_yet(now):
            return _("This quiz opens on %(opens)s: you can start it then.") % {
                "opens": when(self.opens_at)
            }
        if self.has_closed(now):
            return _("This quiz closed on %(closes)s: it takes no new attempts.") % {
                "closes": when(self.closes_at)
            }
        return ""

    # The pages' view of the same, at the moment the page is drawn.
    @property
    def is_upcoming(self) -> bool:
        return self.not_open_yet(timezone.now())

    @property
    def is_closed(self) -> bool:
        return self.has_closed(timezone.now())

    @property
    def is_past_due(self) -> bool:
        return self.due_at is not None and timezone.now() > self.due_at


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True or false")
        SHORT_ANSWER = "short_answer", _("Short answer")
        MATCHING = "matching", pgettext_lazy("question kind", "Matching")
        ORDERING = "ordering", pgettext_lazy("question kind", "Ordering")

    quiz = models.ForeignKey(
        Quiz, on_delete=models.CASCADE, related_name="questions", verbose_name=_("quiz")
    )
    kind = models.CharField(
        max_length=20, choices=Kind.choices, default=Kind.SINGLE, verbose_name=_("kind")
    )
    prompt = models.TextField(verbose_name=_("prompt"))
    explanation = models.TextField(
        blank=True, help_text=_("Shown with the right answer."), verbose_name=_("explanation")
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        help_text=_("The section to re-read."),
        verbose_name=_("section"),
    )
    points = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        verbose_name=_("points"),
    )
    position = models.PositiveIntegerField(default=0, verbose_name=_("position"))
    # Where a generated question came from: the rule that made it and the notes it
    # was made from (a bullet, a term, several bullets one per line); blank for a
    # question written by hand.
    rule = models.CharField(max_length=40, blank=True, editable=False, verbose_name=_("rule"))
    source = models.TextField(blank=True, editable=False, verbose_name=_("source"))
    # Why an instructor should look at it again, after a re-import changed its notes
    # (its section archived, its bullet changed or gone); blank when all is well.
    needs_review = models.CharField(
        max_length=300, blank=True, editable=False, verbose_name=_("needs review")
    )
    # The reasons needs_review holds, stored in English and translated when shown.
    REVIEW_SECTION_ARCHIVED = gettext_noop("its section “%(title)s” was archived")
    REVIEW_BULLET_CHANGED = gettext_noop(
        "the bullet it was made from changed or went: “%(bullet)s”"
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["quiz", "position", "pk"]
        constraints = [
            # Scores are stored with eight digits: bounded points keep any quiz within them.
            models.CheckConstraint(
                condition=Q(points__gte=1, points__lte=100), name="question_points_1_to_100"
            ),
        ]

    def __str__(self) -> str:
        return self.prompt[:80]

    def review_reason(self) -> str:
        """needs_review in the active language."""
        return translated_reason(
            self.needs_review, (self.REVIEW_SECTION_ARCHIVED, self.REVIEW_BULLET_CHANGED)
        )


class Choice(models.Model):
    """An option; for short answers an accepted answer, for matching a pair, for
    ordering an item with its place (`order_key`)."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    text = models.CharField(max_length=500, verbose_name=_("text"))
    is_correct = models.BooleanField(default=False, verbose_name=_("is correct"))
    match_text = models.CharField(
        max_length=500, blank=True, help_text=_("Matching: the pair."), verbose_name=_("match text")
    )
    order_key = models.IntegerField(
        null=True, blank=True, help_text=_("Ordering: 1 comes first."), verbose_name=_("order key")
    )

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Attempt(models.Model):
    quiz = models.ForeignKey(
        Quiz, on_delete=models.CASCADE, related_name="attempts", verbose_name=_("quiz")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
        verbose_name=_("user"),
    )
    started_at = models.DateTimeField(default=timezone.now, verbose_name=_("started at"))
    deadline = models.DateTimeField(null=True, blank=True, verbose_name=_("deadline"))
    submitted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("submitted at"))
    score = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True, verbose_name=_("score")
    )
    max_score = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True, verbose_name=_("max score")
    )
    percent = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("percent"))
    passed = models.BooleanField(
        null=True, blank=True, verbose_name=pgettext_lazy("attempt", "passed")
    )
    late = models.BooleanField(default=False, verbose_name=_("late"))
    seed = models.PositiveIntegerField(
        default=0, help_text=_("Shuffles this attempt's choices."), verbose_name=_("seed")
    )

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=Q(submitted_at__isnull=True),
                name="attempt_one_open_per_quiz_user",
                violation_error_message=_("You already have an attempt in progress."),
            ),
        ]
        indexes = [models.Index(fields=["user", "quiz", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.user} on {self.quiz} ({self.started_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("quizzes:attempt_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.submitted_at is None

    @property
    def ends_at(self) -> datetime | None:
        """When the attempt stops taking answers: its time limit's deadline, or the
        quiz's closing if that comes first. A closing before the attempt started
        (a teacher trying a closed quiz) does not end it."""
        ends = [] if self.deadline is None else [self.deadline]
        closes = self.quiz.closes_at
        if closes is not None and closes > self.started_at:
            ends.append(closes)
        return min(ends, default=None)

    @property
    def ended_by_closing(self) -> bool:
        """Whether the quiz's closing, not the time limit, ends (or ended) the attempt."""
        ends = self.ends_at
        return ends is not None and ends == self.quiz.closes_at and ends != self.deadline

    def time_is_up(self, now=None) -> bool:
        ends = self.ends_at
        return ends is not None and (now or timezone.now()) >= ends

    @property
    def seconds_left(self) -> int | None:
        ends = self.ends_at
        if ends is None:
            return None
        return max(0, int((ends - timezone.now()) / timedelta(seconds=1)))


class Answer(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    response = models.JSONField(default=dict, blank=True)
    is_correct = models.BooleanField(null=True, blank=True)
    points_awarded = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    checked = models.BooleanField(
        default=False, help_text=_("Immediate feedback was shown; the answer is final.")
    )
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["attempt", "question__position", "question__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question"], name="answer_unique_attempt_question"
            ),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question} in {self.attempt}"
