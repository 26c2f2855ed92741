"""Which mail each account wants: reminders (work assigned, due within a day,
become overdue) and announcements; and, in the same row, the language it chose for
its pages (lectures.accounts.languages reads it). An account without a
MailPreferences row wants both kinds of mail in its browser's language, so nothing
needs writing until someone changes one."""

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
    """The account's preferences: its row, or the defaults (unsaved) if it has none.
    No query when the account was loaded with them (request.user is: AccountBackend)."""
    try:
        return user.mail_preferences
    except MailPreferences.DoesNotExist:
        return MailPreferences(user=user)


def preferences_save(
    *, user, reminders: bool, announcements: bool, language: str | None = None
) -> MailPreferences:
    """Store the account's choice (one row per account, however often it is saved).
    `language` "" is the browser's choice; None leaves the stored one as it is."""
    defaults = {"reminders": reminders, "announcements": announcements}
    if language is not None:
        defaults["language"] = language
    preferences, _ = MailPreferences.objects.update_or_create(user=user, defaults=defaults)
    return preferences
