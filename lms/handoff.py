"""One-time links that carry a launch from the LMS frame to the site's own window.

Inside a cross-site frame the browser does not send the session cookie (SameSite
Lax, Django's default, which this site keeps: SameSite=None would send it with
every cross-site request, CSRF's first line of defence gone). So a launch ends
on `lms:continue` with a handoff token: where the session did come back (the LMS on
the same site, or a launch in its own window) it goes straight on; in a frame
without it, the page offers to open the site in a new window, where the same link
logs the account in first-party.

A token is random (256 bits), kept hashed in the shared cache, lives
HANDOFF_SECONDS and is taken once: the delete that removes it is the one that wins.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.core.cache import caches

HANDOFF_SECONDS = 5 * 60


@dataclass(frozen=True)
class Handoff:
    user_id: int
    url: str
    launch_id: str
    frame_origins: tuple[str, ...]


def _key(token: str) -> str:
    return "lms-handoff-" + hashlib.sha256(token.encode()).hexdigest()


def handoff_create(*, handoff: Handoff) -> str:
    token = secrets.token_urlsafe(32)
    caches["default"].set(_key(token), handoff, HANDOFF_SECONDS)
    return token


def handoff_peek(token: str) -> Handoff | None:
    return caches["default"].get(_key(token))


def handoff_take(token: str) -> Handoff | None:
    """The handoff, removed: None if it is unknown, expired or already taken."""
    cache = caches["default"]
    handoff = cache.get(_key(token))
    if handoff is None or not cache.delete(_key(token)):
        return None
    return handoff
