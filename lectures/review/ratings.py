"""Recording a student's rating of a card: the new schedule and its log row."""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass

import fsrs
from django.db import transaction
from django.utils import timezone

from lectures.models import CardState, ReviewLog

from .scheduling import as_fsrs, as_utc, scheduler

_SCHEDULE = ["state", "step", "stability", "difficulty", "due", "last_review"]


def _store(state: CardState, card: fsrs.Card) -> None:
    state.state = int(card.state)
    state.step = card.step
    state.stability = card.stability
    state.difficulty = card.difficulty
    state.due = card.due
    state.last_review = card.last_review


@dataclass(frozen=True)
class ReviewOutcome:
    state: CardState  # the schedule after the review (or as it was, if not counted)
    counted: bool  # False: this rating had been recorded already (a repeated post)


def review_record(*, user, state: CardState, rating: int, rep: int, now=None) -> ReviewOutcome:
    """Record the student's rating of the card whose schedule is `state` (theirs,
    just read through lectures.access), shown to them after `rep` reviews.

    The new schedule is computed from `state` and written only where the row still
    has `rep` reviews (compare and set, in one UPDATE): a second post of the same
    review (a double click, a second tab) finds the count moved on and changes
    nothing, and neither does a rating from a page older than the last review. A
    card not due yet is still reviewed, scheduled from now. Two statements: the
    update and the log (whose unique (user, card, rep) backs the rule).
    """
    now = now or timezone.now()
    if state.reps != rep:
        return ReviewOutcome(state, counted=False)
    card, _log = scheduler().review_card(
        as_fsrs(state), fsrs.Rating(rating), review_datetime=as_utc(now)
    )
    after = copy(state)
    _store(after, card)
    after.reps = rep + 1
    with transaction.atomic():
        changes = {name: getattr(after, name) for name in _SCHEDULE}
        moved = CardState.objects.filter(pk=state.pk, reps=rep).update(**changes, reps=rep + 1)
        if not moved:
            return ReviewOutcome(state, counted=False)
        ReviewLog.objects.create(
            user=user,
            card_id=state.card_id,
            rating=rating,
            reviewed_at=now,
            rep=after.reps,
            state=after.state,
            step=after.step,
            stability=after.stability,
            difficulty=after.difficulty,
            due=after.due,
        )
    return ReviewOutcome(after, counted=True)
