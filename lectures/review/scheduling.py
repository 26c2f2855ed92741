"""FSRS scheduling (the fsrs package): the site's scheduler, a stored schedule as
fsrs's Card, when each rating would bring a card back, and recall estimates.
The desired retention is settings.REVIEW_DESIRED_RETENTION."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import fsrs
from django.conf import settings

from lectures.models import CardState, Course, ReviewLog

FORECAST_DAYS = 30


Rating = ReviewLog.Rating


@lru_cache(maxsize=8)
def _scheduler(retention: float, fuzz: bool) -> fsrs.Scheduler:
    return fsrs.Scheduler(desired_retention=retention, enable_fuzzing=fuzz)


def scheduler(*, fuzz: bool | None = None) -> fsrs.Scheduler:
    """The site's FSRS scheduler (fuzzing as settings.REVIEW_FUZZ unless `fuzz`)."""
    return _scheduler(
        settings.REVIEW_DESIRED_RETENTION, settings.REVIEW_FUZZ if fuzz is None else fuzz
    )


def as_utc(moment: dt.datetime | None) -> dt.datetime | None:
    # fsrs accepts only datetime.timezone.utc; a database may hand back another zone.
    return moment.astimezone(dt.UTC) if moment is not None else None


def as_fsrs(state: CardState) -> fsrs.Card:
    """The student's schedule for the card as the fsrs package's Card."""
    return fsrs.Card(
        card_id=state.card_id,
        state=fsrs.State(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=as_utc(state.due),
        last_review=as_utc(state.last_review),
    )


def previews(state: CardState, now: dt.datetime) -> dict[int, dt.datetime]:
    """When the card would next be due after each rating, for the buttons' labels
    (without fuzz: the recorded date may differ by a day or so for long intervals)."""
    plan = scheduler(fuzz=False)
    card = as_fsrs(state)
    return {
        rating: plan.review_card(card, fsrs.Rating(rating), review_datetime=as_utc(now))[0].due
        for rating in Rating.values
    }


def retention(rows, now: dt.datetime) -> float | None:
    """The mean of FSRS's recall probability, now, over reviewed cards given as
    (stability, last_review) pairs; None when there are none."""
    plan = scheduler()
    chances = [
        plan.get_card_retrievability(
            fsrs.Card(card_id=1, state=fsrs.State.Review, stability=s, last_review=as_utc(last)),
            current_datetime=as_utc(now),
        )
        for s, last in rows
        if s is not None and last is not None
    ]
    return sum(chances) / len(chances) if chances else None


def retention_by_lecture(
    user_ids, course: Course, now: dt.datetime
) -> dict[tuple[int, int], float]:
    """Each student's retention estimate per lecture of the course: {(user id,
    lecture id): mean recall probability now} over the cards they have reviewed.
    One query for the students given (a report page's)."""
    rows = (
        CardState.objects.filter(
            user_id__in=list(user_ids),
            lecture__course=course,
            retired=False,
            last_review__isnull=False,
        )
        .values_list("user_id", "lecture_id", "stability", "last_review")
        .order_by()
    )
    grouped: dict[tuple[int, int], list] = {}
    for user_id, lecture_id, stability, last in rows:
        grouped.setdefault((user_id, lecture_id), []).append((stability, last))
    estimates = {key: retention(pairs, now) for key, pairs in grouped.items()}
    return {key: value for key, value in estimates.items() if value is not None}
