"""The tool's signing keys (django-lti's Key: an RSA pair; active keys are in the JWKS).

The newest active key signs (django-lti: `Key.objects.active().latest()`): deep
linking responses, and the assertions that get AGS and NRPS access tokens. A
platform checks them against our JWKS, which it may have fetched before a rotation,
or may check a message signed just before one: so a rotation keeps the previous key
in the JWKS, and only the keys before it leave. django-lti's own `rotate_keys`
deactivates by age instead, which drops the previous key at once when rotations are
further apart than its cut-off.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from lti_tool.models import Key


@dataclass(frozen=True)
class Rotation:
    created: Key
    kept: Key | None
    deactivated: int


def key_rotate() -> Rotation:
    with transaction.atomic():
        active = list(Key.objects.active().select_for_update().order_by("-datetime_created"))
        kept = active[0] if active else None
        created = Key.objects.generate()
        deactivated = Key.objects.filter(pk__in=[key.pk for key in active[1:]]).update(
            is_active=False
        )
    return Rotation(created=created, kept=kept, deactivated=deactivated)
