"""Spaced-repetition review: cards from the notes and each student's schedule."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .content import GlossaryTerm, Lecture, Section, TimelineEvent


class LectureVisit(models.Model):
    """A student opened the lecture's page: its glossary cards are due from then on."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lecture = models.ForeignKey(Lecture, on_delete=models.CASCADE, related_name="visits")
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lecture visit")
        verbose_name_plural = _("lecture visits")
        constraints = [
            models.UniqueConstraint(fields=["user", "lecture"], name="lecturevisit_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} opened {self.lecture}"


class Card(models.Model):
    """A review card drawn from a lecture's notes: a glossary term (term → its
    definition) or a timeline event with a certain date (the event → when).

    Kept in step with the notes by lectures.review.cards.cards_sync: a changed definition
    changes the card in place, so its review history stays; a term or event that
    goes retires its card, and one that comes back (the same term, the same dated
    bullet: `key`) brings the card and its history back.
    """

    class Kind(models.TextChoices):
        TERM = "term", _("key term")
        EVENT = "event", _("timeline event")

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
        verbose_name = _("card")
        verbose_name_plural = _("cards")
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

    The row appears when the card becomes due for the student (lectures.review.cards), due
    at once; each review moves it (lectures.review.ratings). `reps` counts the reviews
    recorded: a rating names the count it was shown with, so a second post of the
    same rating (a double click, another tab) finds it moved on and counts once.

    `lecture` and `retired` copy the card's, so that the review queue is one range
    of the (user, due) index: choosing the next card and counting those due read no
    other table but the student's lectures (issue 11's budget: 5 ms at 5,000 cards).
    cards_sync keeps `retired` in step with the card.
    """

    class State(models.IntegerChoices):
        # The values of fsrs.State.
        LEARNING = 1, pgettext_lazy("card state", "learning")
        REVIEW = 2, pgettext_lazy("card state", "review")
        RELEARNING = 3, pgettext_lazy("card state", "relearning")

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
        verbose_name = _("card state")
        verbose_name_plural = _("card states")
        constraints = [
            models.UniqueConstraint(fields=["user", "card"], name="cardstate_unique"),
        ]
        indexes = [
            # The queue: a student's live cards in due order, with their lectures and
            # states so that counting them per lecture, and those due now apart from
            # those back later today, reads the index alone.
            models.Index(
                fields=["user", "due", "id", "lecture", "state"],
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
        AGAIN = 1, pgettext_lazy("review rating", "Again")
        HARD = 2, pgettext_lazy("review rating", "Hard")
        GOOD = 3, pgettext_lazy("review rating", "Good")
        EASY = 4, pgettext_lazy("review rating", "Easy")

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
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
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
