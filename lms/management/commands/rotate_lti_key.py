"""`manage.py rotate_lti_key`: make the tool's first signing key, or rotate it.

The new key signs from now on; the previous one stays in the JWKS until the next
rotation, so that a platform can still verify what it signed (lms/keys.py).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from lms.keys import key_rotate


class Command(BaseCommand):
    help = (
        "Creates a new LTI signing key; keeps the previous one published until the next rotation."
    )

    def handle(self, *args, **options) -> None:
        rotation = key_rotate()
        self.stdout.write(f"New signing key {rotation.created}.")
        if rotation.kept is not None:
            self.stdout.write(f"Still published until the next rotation: {rotation.kept}.")
        if rotation.deactivated:
            self.stdout.write(f"Withdrawn from the JWKS: {rotation.deactivated} older key(s).")
