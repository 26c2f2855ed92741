"""Quiz grades back to the LMS gradebook (LTI Assignment and Grade Services).

quizzes announces each score that moved (quizzes.signals.attempt_scored, once its
transaction has committed: a submit, or a regrade). `attempt_scored_received` turns
that into one pending GradePost per gradebook column the student is in, and queues
`grade_post_task` after commit: the post itself runs in the task worker (manage.py
db_worker), never in the student's request.

The task posts the score the quiz keeps *when it runs* (best or last attempt,
Quiz.grade_kept), so posts for three quick attempts that arrive out of order still
leave the right grade. It first finds or creates the quiz's line item (by its
resourceId) unless the launch gave one. A post that fails for a reason that may
pass (the platform unreachable, a 5xx, a 429) is tried again later, GRADE_TRIES in
all, waiting RETRY_BASE, then twice as long each time; one the platform refuses for
good (a 4xx, a scope it did not grant) fails at once. Failed posts are listed for
the instructor (lms.grade_views), who can send them again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import requests
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task, task_backends
from lti_tool.models import LtiContext, LtiMembership
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.exception import LtiException, LtiServiceException
from pylti1p3.grade import Grade
from pylti1p3.lineitem import LineItem

from lectures.mail.outbox import enqueue_after_commit
from quizzes.models import Quiz
from quizzes.selectors import kept_attempt

from .advantage_models import GradePost, QuizLineItem
from .deep_linking import quiz_resource_id
from .models import PlatformAccount
from .services_client import ags_scopes, connector

logger = logging.getLogger(__name__)

GRADE_TRIES = 5
RETRY_BASE = timedelta(minutes=1)
# An error as the instructor's list shows it: the platform's reply can be a page of HTML.
ERROR_CHARS = 500


def retry_delay(tries: int) -> timedelta:
    """The wait before try number `tries` + 1: RETRY_BASE, doubling (1, 2, 4, 8 minutes)."""
    return RETRY_BASE * 2 ** (tries - 1)


# -- queueing ------------------------------------------------------------------------------


def _subjects(contexts: list[LtiContext], user_id: int) -> dict[int, str]:
    """By context id: the student's `sub` on the context's platform, for the contexts
    where the platform lists them as a member (LtiMembership, kept by launches and
    roster imports). A context the student is not in gets no post: the platform
    would refuse a score for someone outside its course."""
    # The account of the registration each context came through (PlatformAccount).
    registrations = {context.deployment.registration_id for context in contexts}
    subjects = dict(
        PlatformAccount.objects.filter(
            user_id=user_id, registration_id__in=registrations
        ).values_list("registration_id", "subject")
    )
    members = set(
        LtiMembership.objects.filter(
            context__in=contexts, user__sub__in=subjects.values(), is_active=True
        ).values_list("context_id", "user__sub")
    )
    out = {}
    for context in contexts:
        subject = subjects.get(context.deployment.registration_id)
        if subject is not None and (context.pk, subject) in members:
            out[context.pk] = subject
    return out


def grades_queue(*, quiz_id: int, user_id: int) -> list[GradePost]:
    """Mark the student's grade on each of the quiz's gradebook columns as pending
    and queue its post after commit; returns the posts queued.

    A quiz no LMS links to costs one read and no transaction: this runs after every
    submit, and on SQLite a transaction takes the database's write lock."""
    line_items = list(
        QuizLineItem.objects.filter(quiz_id=quiz_id).select_related(
            "context__deployment__registration"
        )
    )
    subjects = _subjects([item.context for item in line_items], user_id) if line_items else {}
    wanted = [item for item in line_items if item.context_id in subjects]
    if not wanted:
        return []
    queued = []
    with transaction.atomic():
        for line_item in wanted:
            post, _ = GradePost.objects.select_for_update().get_or_create(
                line_item=line_item, user_id=user_id
            )
            _requeue(post)
            queued.append(post)
    return queued


def _requeue(post: GradePost) -> None:
    post.status = GradePost.Status.PENDING
    post.tries = 0
    post.generation = F("generation") + 1
    post.error = ""
    post.updated = timezone.now()
    post.save(update_fields=["status", "tries", "generation", "error", "updated"])
    post.refresh_from_db(fields=["generation"])
    enqueue_after_commit(grade_post_task, post.pk, post.generation)


@transaction.atomic
def grades_retry(*, posts) -> int:
    """Send failed posts again (the instructor's button); returns how many."""
    n = 0
    for post in posts.select_for_update().filter(status=GradePost.Status.FAILED):
        _requeue(post)
        n += 1
    return n


def attempt_scored_received(sender, *, quiz_id: int, user_id: int, **kwargs) -> None:
    """The receiver of quizzes.signals.attempt_scored (connected in LmsConfig.ready)."""
    grades_queue(quiz_id=quiz_id, user_id=user_id)


# -- sending -------------------------------------------------------------------------------


class PermanentError(Exception):
    """A post the platform will refuse however often it is tried."""


@dataclass(frozen=True)
class Outcome:
    ok: bool
    error: str = ""
    retry: bool = False


@task()
def grade_post_task(post_id: int, generation: int) -> str:
    """Post one student's grade on one line item (see the module's docstring)."""
    return grade_post_send(post_id=post_id, generation=generation)


def grade_post_send(*, post_id: int, generation: int) -> str:
    post = (
        GradePost.objects.select_related(
            "line_item__quiz", "line_item__context__deployment__registration"
        )
        .filter(pk=post_id, generation=generation, status=GradePost.Status.PENDING)
        .first()
    )
    if post is None:
        return "stale"  # a newer score was queued, or the post was sent or given up
    attempt = kept_attempt(post.line_item.quiz, post.user_id)
    if attempt is None:  # its attempts deleted since (an account's data removed)
        outcome = Outcome(ok=False, error="The student has no submitted attempt any more.")
        return _record(post_id, generation, None, outcome)
    # The platform is called outside any transaction: no row is locked while it answers.
    try:
        _send(post, attempt)
        outcome = Outcome(ok=True)
    except PermanentError as exc:
        outcome = Outcome(ok=False, error=str(exc))
    except LtiServiceException as exc:
        status = exc.response.status_code
        outcome = Outcome(ok=False, error=str(exc), retry=status >= 500 or status in (408, 429))
    except LtiException as exc:
        outcome = Outcome(ok=False, error=str(exc))
    except (requests.RequestException, ValueError) as exc:
        # Unreachable, timed out, or an answer that is not JSON: may pass.
        outcome = Outcome(ok=False, error=f"{type(exc).__name__}: {exc}", retry=True)
    except Exception as exc:
        # A bug here or in pylti1p3 (an answer of an unexpected shape): failed, listed
        # for the instructor, rather than pending for ever with nothing said.
        logger.exception("Grade post %s failed unexpectedly", post_id)
        outcome = Outcome(ok=False, error=f"{type(exc).__name__}: {exc}")
    return _record(post_id, generation, attempt, outcome)


def _send(post: GradePost, attempt) -> None:
    line_item = post.line_item
    context = line_item.context
    scopes = ags_scopes(context)
    if "https://purl.imsglobal.org/spec/lti-ags/scope/score" not in scopes:
        raise PermanentError(
            "The LMS did not grant the tool the score scope (AGS): enable grade "
            "passback for the tool in the LMS."
        )
    service = AssignmentsGradesService(
        connector(context),
        {"scope": scopes, "lineitems": context.lineitems_url, "lineitem": line_item.url},
    )
    if not line_item.url:
        line_item.url = _find_or_create_line_item(
            service, context, line_item.quiz, attempt.max_score
        )
        # Saved before the score goes: a failed score post must not create a second column.
        QuizLineItem.objects.filter(pk=line_item.pk, url="").update(url=line_item.url)
    subject = (
        PlatformAccount.objects.filter(
            user_id=post.user_id, registration_id=context.deployment.registration_id
        )
        .values_list("subject", flat=True)
        .first()
    )
    if subject is None:
        raise PermanentError("The student has no account on the LMS any more.")
    grade = (
        Grade()
        .set_user_id(subject)
        .set_score_given(float(attempt.score))
        .set_score_maximum(float(attempt.max_score))
        .set_activity_progress("Completed")
        .set_grading_progress("FullyGraded")
        .set_timestamp(timezone.now().isoformat())
    )
    service.put_grade(grade, LineItem({"id": line_item.url}))


def _find_or_create_line_item(service, context: LtiContext, quiz: Quiz, maximum: Decimal) -> str:
    if not context.lineitems_url:
        raise PermanentError("The LMS gave no line items endpoint (AGS) for this course.")
    wanted = (
        LineItem()
        .set_resource_id(quiz_resource_id(quiz))
        .set_label(quiz.title)
        .set_score_maximum(float(maximum) or 1.0)
    )
    found = service.find_or_create_lineitem(wanted, find_by="resource_id")
    if not found.get_id():
        raise LtiException("The LMS created a line item without an id.")
    return found.get_id()


@transaction.atomic
def _record(post_id: int, generation: int, attempt, outcome: Outcome) -> str:
    post = GradePost.objects.select_for_update().filter(pk=post_id).first()
    if post is None or post.generation != generation:
        return "stale"
    post.tries += 1
    post.updated = timezone.now()
    if outcome.ok:
        post.status = GradePost.Status.SENT
        post.score_given, post.score_maximum = attempt.score, attempt.max_score
        post.sent_at = post.updated
        post.error = ""
        post.save()
        return "sent"
    post.error = outcome.error[:ERROR_CHARS]
    backend = task_backends[grade_post_task.backend]
    if outcome.retry and post.tries < GRADE_TRIES and backend.supports_defer:
        post.save()
        later = grade_post_task.using(run_after=post.updated + retry_delay(post.tries))
        enqueue_after_commit(later, post.pk, generation)
        logger.info("Grade post %s failed (try %s), retrying: %s", post.pk, post.tries, post.error)
        return "retrying"
    post.status = GradePost.Status.FAILED
    post.save()
    logger.warning("Grade post %s failed for good: %s", post.pk, post.error)
    return "failed"
