"""Dynamic Registration (LTI DR 1.0, which Moodle 4.x and Canvas speak): one-time
registration URLs, and what a platform's registration writes on our side.

The superuser makes an invite in the admin and gives its URL to the platform's
administrator, who pastes it into the LMS; the LMS opens it with its OpenID
configuration and a registration token, we register ourselves with the platform,
and record the platform (registration and deployment, active) on our side. The
invite is taken in the same transaction that records the platform: a failed
exchange leaves it usable, a finished one cannot be replayed.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from lti_tool.models import LtiDeployment, LtiRegistration

from .models import RegistrationInvite

INVITE_DAYS = 7


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite_create(*, user, note: str = "", invite: RegistrationInvite | None = None) -> str:
    """Saves a new invite (or `invite`, from the admin's form); returns its token,
    which only the URL shown once holds."""
    token = secrets.token_urlsafe(32)
    invite = invite or RegistrationInvite(note=note)
    invite.token_hash = _hash(token)
    invite.created_by = user
    invite.expires = timezone.now() + timedelta(days=INVITE_DAYS)
    invite.save()
    return token


def invite_usable(token: str) -> RegistrationInvite | None:
    return RegistrationInvite.objects.filter(
        token_hash=_hash(token), used__isnull=True, expires__gt=timezone.now()
    ).first()


class IssuerTaken(Exception):
    """A registration of this issuer exists already (see issuer_registered)."""


def issuer_registered(issuer: str) -> bool:
    """Whether a registration (active or not) declares `issuer`. Dynamic Registration
    adds none beside it: a platform's accounts belong to the registration that made
    them (PlatformAccount), so a second one, even for a platform re-registering, is
    for a superuser to decide (delete the old one, or edit it, in the admin)."""
    return LtiRegistration.objects.filter(issuer=issuer).exists()


def platform_record(
    *, token: str, openid_config: dict, client_id: str, deployment_id: str, name: str
) -> LtiRegistration | None:
    """Records the platform the invite `token` registered; None if the invite was
    taken meanwhile (nothing written); raises IssuerTaken when another registration
    of the issuer was recorded meanwhile."""
    with transaction.atomic():
        invite = (
            RegistrationInvite.objects.select_for_update()
            .filter(token_hash=_hash(token), used__isnull=True, expires__gt=timezone.now())
            .first()
        )
        if invite is None:
            return None
        if issuer_registered(openid_config["issuer"]):
            raise IssuerTaken(openid_config["issuer"])
        registration = LtiRegistration.objects.create(
            name=name[:255],
            issuer=openid_config["issuer"],
            client_id=client_id,
            auth_url=openid_config["authorization_endpoint"],
            token_url=openid_config["token_endpoint"],
            keyset_url=openid_config["jwks_uri"],
        )
        if deployment_id:
            LtiDeployment.objects.create(
                registration=registration, deployment_id=deployment_id, is_active=True
            )
        invite.used = timezone.now()
        invite.registration = registration
        invite.save(update_fields=["used", "registration"])
    return registration
