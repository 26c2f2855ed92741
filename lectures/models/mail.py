"""Mail the site sends a student outside its pages: what they chose to get (with
the account's other preferences: its language), and the record that each
reminder goes once.

Announcements themselves are lectures.models.announcements; the mail is queued by
lectures.mail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def site_languages() -> list[tuple[str, str]]:
    """The languages the site ships (settings.LANGUAGES). A callable, so that the
    migration names it rather than copying the list: adding a language needs none."""
    return list(settings.LANGUAGES)


class MailPreferences(models.Model):
    """One account's preferences, one row per account: which mail it gets, and the
    language of its pages. An account without a row gets every kind of mail in its
    browser's language (the defaults)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="mail_preferences",
    )
    reminders = models.BooleanField(
        _("assignments and reminders"),
        default=True,
        help_text=_(
            "A mail when work is assigned to you, when it is due within a day, "
            "and when it has become overdue."
        ),
    )
    announcements = models.BooleanField(
        _("announcements"),
        default=True,
        help_text=_("A copy of each announcement your instructors post in your courses."),
    )
    # Blank: the browser's choice (Accept-Language), else the site's default.
    language = models.CharField(
        _("language"),
        max_length=15,
        blank=True,
        default="",
        choices=site_languages,
        help_text=_("The language of the site's pages."),
    )

    class Meta:
        verbose_name = _("mail preferences")
        verbose_name_plural = _("mail preferences")

    def __str__(self) -> str:
        return f"mail preferences of {self.user}"


class Reminder(models.Model):
    """A mail about one piece of work sent to one student: that it was assigned to
    them, that it is due within a day, or that it has become overdue.

    Written in the transaction that queues the mail, so a command run twice, two
    instructors assigning at once, or a reading assigned both directly and through
    a cohort mail it once: the unique constraints are the guarantee. A reminder
    about a due date is keyed on that date too, so moving the date makes a new
    reminder due; "assigned" goes once whatever happens to the date.

    `what` names the work as "<app>.<model>:<pk>" (`Reminder.about`), so the same
    table serves readings and quizzes without a column per kind of work. Rows about
    deleted work are left behind, harmless: primary keys are never reused.
    """

    class Kind(models.TextChoices):
        ASSIGNED = "assigned", pgettext_lazy("reminder", "assigned")
        DUE_SOON = "due_soon", _("due within a day")
        OVERDUE = "overdue", pgettext_lazy("reminder", "overdue")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    what = models.CharField(max_length=80)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    due_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "what", "kind"],
                condition=Q(due_at__isnull=True),
                name="reminder_once",
            ),
            models.UniqueConstraint(
                fields=["user", "what", "kind", "due_at"],
                condition=Q(due_at__isnull=False),
                name="reminder_once_per_due_date",
            ),
            models.CheckConstraint(
                condition=Q(kind="assigned", due_at__isnull=True)
                | (~Q(kind="assigned") & Q(due_at__isnull=False)),
                name="reminder_due_date_iff_due_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.what} {self.kind} to {self.user}"

    @staticmethod
    def about(work: models.Model) -> str:
        """The `what` of a piece of work: "lectures.reading:12", "quizzes.quiz:3"."""
        return f"{work._meta.label_lower}:{work.pk}"
