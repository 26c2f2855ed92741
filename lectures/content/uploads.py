"""Notes uploads: importing one with the instructor's approval of what it does, and
uploads awaiting that approval, kept in the database.

The admin's import page and the course's teaching page share this path: the import
runs for real, in one transaction, and is rolled back to ask the instructor first
when it would archive or remove anything or read a line two ways (the teaching page
asks every time, to show the outline). The instructor approves an outcome, not a
file: the confirmation imports again and compares, so a lecture changed meanwhile
can never lose more than was shown.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone, translation

from lectures import access
from lectures.models import Course, PendingUpload

from .imports import lecture_import
from .report import ImportReport

PENDING_UPLOAD_SECONDS = 3600


def pending_upload_store(*, user, payload: dict) -> str:
    """Keep an upload awaiting confirmation in the database; returns its token.

    Expired uploads are swept here, so the table holds at most an hour of them.
    """
    now = timezone.now()
    PendingUpload.objects.filter(expires_at__lte=now).delete()
    token = secrets.token_urlsafe(24)
    PendingUpload.objects.create(
        user=user,
        token=token,
        course_id=payload["course_id"],
        filename=payload["filename"][:255],
        data=payload["data"],
        title=payload["title"],
        slug=payload["slug"],
        prune=payload["prune"],
        approved=payload.get("approved") or [],
        expires_at=now + timedelta(seconds=PENDING_UPLOAD_SECONDS),
    )
    return token


def pending_upload_find(*, user, token: str) -> PendingUpload | None:
    """The user's own upload under `token`, unless it has expired."""
    return PendingUpload.objects.filter(
        user=user, token=token, expires_at__gt=timezone.now()
    ).first()


def pending_payload(pending: PendingUpload) -> dict:
    """An upload kept in the database as the payload it was stored from."""
    return {
        "data": bytes(pending.data),
        "filename": pending.filename,
        "course_id": pending.course_id,
        "title": pending.title,
        "slug": pending.slug,
        "prune": pending.prune,
        "approved": pending.approved,
    }


@dataclass
class CheckedImport:
    """What notes_import_checked did: `imported`, or rolled back to ask first."""

    report: ImportReport
    imported: bool
    # What the instructor is asked to approve: the archived and removed entries and
    # the warnings, as the confirmation will compare them.
    outcome: list


def notes_import_checked(
    *, payload: dict, course: Course, approved: list | None = None, always_ask: bool = False
) -> CheckedImport:
    """Import `payload` (data, filename, title, slug, prune) into `course` for real;
    roll it back when it archives or removes anything or warns about a line (or, with
    `always_ask`, whatever it does) and the instructor has not approved exactly that
    outcome. Raises NotesError, with nothing written, for a file the import refuses.

    A new lecture in a course that already has students starts as a draft: half-
    checked notes never reach them before their instructor publishes it.
    """
    options = {
        "course_slug": course.slug,
        "data": payload["data"],
        "filename": payload["filename"],
        "title": payload["title"],
        "slug": payload["slug"],
        "prune": payload["prune"],
        "new_as_draft": access.has_students(course),
    }
    with transaction.atomic():
        report = lecture_import(**options)
        # In English whatever the page's language: the confirmation compares them,
        # and the instructor may switch language between the two requests.
        with translation.override("en"):
            warnings = [str(warning) for warning in report.outline.warnings]
        outcome = [sorted(report.archived), sorted(report.removed), warnings]
        asks = always_ask or bool(report.archived or report.removed or warnings)
        ask = asks and outcome != approved
        if ask:
            transaction.set_rollback(True)
    return CheckedImport(report=report, imported=not ask, outcome=outcome)
