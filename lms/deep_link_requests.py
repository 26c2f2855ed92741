"""A deep-linking launch's request, kept while the instructor chooses what to link.

The launch hands over to our picker page (lms.deep_link_views) in the LMS frame or,
where the browser keeps no cookies there, in a new window (lms.handoff); pylti1p3's
launch data is stored under a key that depends on a cookie of the launching
browser context, so the picker keeps its own copy of what it needs: a random token
(256 bits) in the page's URL names it in the shared cache for REQUEST_SECONDS.
The page checks that the account opening it is the one that launched.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict

from django.core.cache import caches
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from lti_tool.models import LtiLaunch

from lectures.models import Course

from .deep_linking import DeepLinkRequest, return_url_valid
from .launches import INSTRUCTOR, LaunchResult
from .tool import LaunchRefused

REQUEST_SECONDS = 60 * 60
SETTINGS_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"


def _key(token: str) -> str:
    # Hashed: a cache dump shows no usable token.
    return "lms-deep-link-" + salted_hmac("lms-deep-link", token).hexdigest()


def deep_link_request_store(*, launch: LtiLaunch, user, course: Course) -> str:
    """Keep what `launch` (a verified deep-linking launch by `user`, an instructor
    of `course`) asks for; returns the token that names it."""
    return deep_link_request_keep(
        DeepLinkRequest(
            user_id=user.pk,
            course_id=course.pk,
            registration_id=launch.registration.pk,
            deployment_id=launch.deployment.deployment_id,
            settings=dict(launch.get_claim(SETTINGS_CLAIM) or {}),
        )
    )


def deep_link_request_keep(request: DeepLinkRequest) -> str:
    """Keep `request` for REQUEST_SECONDS; returns the token that names it."""
    token = secrets.token_urlsafe(32)
    caches["default"].set(_key(token), asdict(request), REQUEST_SECONDS)
    return token


def deep_link_request(token: str) -> DeepLinkRequest | None:
    """The request `token` names, or None if unknown or expired."""
    data = caches["default"].get(_key(token))
    return DeepLinkRequest(**data) if data else None


def deep_linking_page(launch: LtiLaunch, result: LaunchResult) -> str | None:
    """lms.landing's hook: the picker's path for an instructor's deep-linking launch
    into a linked course (None otherwise: the launch view refuses or lands)."""
    settings = launch.get_claim(SETTINGS_CLAIM) or {}
    if result.role != INSTRUCTOR or result.course is None:
        return None
    if not settings.get("deep_link_return_url"):
        return None
    if not return_url_valid(settings["deep_link_return_url"]):
        raise LaunchRefused(
            _("The LMS asked for content to be sent back to an address that is not HTTPS."),
            status=400,
        )
    token = deep_link_request_store(launch=launch, user=result.user, course=result.course)
    return reverse("lms:deep_link", args=[token])
