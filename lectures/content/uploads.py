"""Notes uploads awaiting an instructor's confirmation, kept in the database."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.utils import timezone

from lectures.models import PendingUpload

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
