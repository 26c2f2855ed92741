"""python manage.py send_reminders [--site-url URL]

Mails each student what is due within the next 24 hours and what became overdue in
the last 24 (lectures.mail.notices.reminders_send), queued for the task worker.
Safe to run as often as you like: each reminder is sent once. Run it from cron or a
systemd timer, hourly or daily (README, "Mail").
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import ngettext

from lectures.mail.notices import reminders_send


class Command(BaseCommand):
    help = (
        "Mail each student the readings and quizzes due within 24 hours and those that "
        "became overdue in the last 24 (a quiz until they submit an attempt), one mail per "
        "student; a reminder already sent is never sent again, so running it twice is "
        "harmless. Students who turned reminders off get none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--site-url",
            default=settings.SITE_URL,
            help="the site's address, e.g. https://courses.example.org, for the links in the "
            "mails (default: DJANGO_SITE_URL)",
        )

    def handle(self, *args, **options) -> None:
        site_url = options["site_url"]
        try:
            URLValidator(schemes=["http", "https"])(site_url)
        except ValidationError:
            raise CommandError(
                "Set DJANGO_SITE_URL or pass --site-url with the site's http(s) address: it "
                "starts the links in the reminders",
                returncode=2,
            ) from None
        sent = reminders_send(now=timezone.now(), site_url=site_url)
        students = ngettext(
            "Reminders queued for %(n)d student",
            "Reminders queued for %(n)d students",
            sent.students,
        ) % {"n": sent.students}
        self.stdout.write(f"{students}: {sent.due_soon} due soon, {sent.overdue} overdue.")
