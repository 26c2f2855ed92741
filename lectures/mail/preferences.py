"""Which mail each account wants: reminders (work assigned, due within a day,
become overdue) and announcements. An account without a MailPreferences row wants
both, so nothing needs writing until someone turns one off."""

from __future__ import annotations

from typing import Literal

from django.db.models import Exists, OuterRef, QuerySet

from lectures.models import MailPreferences

MailKind = Literal["reminders", "announcements"]


def wanting(users: QuerySet, kind: MailKind) -> QuerySet:
    """`users` (a queryset of accounts) less those who turned `kind` of mail off, and
    those without an address to mail."""
    off = MailPreferences.objects.filter(user=OuterRef("pk"), **{kind: False})
    return users.filter(is_active=True).exclude(email="").exclude(Exists(off))


def preferences_of(user) -> MailPreferences:
    """The account's preferences: its row, or the defaults (unsaved) if it has none."""
    found = MailPreferences.objects.filter(user=user).first()
    return found if found is not None else MailPreferences(user=user)


def preferences_save(*, user, reminders: bool, announcements: bool) -> MailPreferences:
    """Store the account's choice (one row per account, however often it is saved)."""
    preferences, _ = MailPreferences.objects.update_or_create(
        user=user, defaults={"reminders": reminders, "announcements": announcements}
    )
    return preferences
