"""What the quiz app announces to apps above it, which it never imports.

`attempt_scored` is sent once a transaction that gave an attempt its score has
committed: a submit, or a regrade that changed the score. Receivers (the LMS
gradebook link, lms.grades) get `quiz_id`, `user_id` and `attempt_id` and must not
do slow work in the sender's process: a submit is a student's request, so a
receiver queues a task and returns.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

attempt_scored = Signal()


def attempt_scored_on_commit(*, quiz_id: int, user_id: int, attempt_id: int) -> None:
    """Send `attempt_scored` when the current transaction commits (at once outside
    one); a rolled-back grade announces nothing. A receiver that raises is logged,
    not raised: the grade has committed already."""

    def send() -> None:
        attempt_scored.send_robust(
            sender=attempt_scored, quiz_id=quiz_id, user_id=user_id, attempt_id=attempt_id
        )

    transaction.on_commit(send)
