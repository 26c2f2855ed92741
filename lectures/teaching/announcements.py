"""Posting an announcement: stored, and mailed to the course's students once the
transaction commits (lectures.mail.outbox), each in their own message, except to
those who turned announcement mail off (lectures.mail.preferences)."""

from __future__ import annotations

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from lectures import access
from lectures.content.rendering import render_body
from lectures.mail.languages import grouped_by_language
from lectures.mail.outbox import Mail, mail_after_commit
from lectures.mail.preferences import wanting
from lectures.models import Announcement, Course

from .selectors import author_name


@transaction.atomic
def announcement_post(
    *, course: Course, author, body: str, site_url: str, mail: bool = True
) -> Announcement:
    """Store `body` (the notes' Markdown subset, as the form cleaned it) as an
    announcement of `course` by `author`, and queue its mail to the students.
    `site_url` ("https://courses.example.org") starts the mail's links; `mail=False`
    (the demo's seed) posts it unmailed."""
    announcement = Announcement.objects.create(course=course, author=author, body=body)
    if not mail:
        return announcement
    addresses = dict(
        wanting(access.students_of(course), "announcements").values_list("pk", "email")
    )
    base = site_url.rstrip("/")
    context = {
        "course": course.title,
        "author": author_name(author),
        "body": body,
        "html": render_body(body),
        "link": base + reverse("lectures:announcements", args=[course.slug]),
        "preferences_url": base + reverse("preferences"),
    }
    mails = []
    # One rendering per language its readers read.
    for language, readers in grouped_by_language(addresses, course.language).items():
        with translation.override(language):
            subject = gettext("%(course)s: an announcement from %(author)s") % {
                "course": " ".join(course.title.split()),
                "author": context["author"],
            }
            mails.append(
                Mail(
                    subject,
                    render_to_string("lectures/mail/announcement.txt", context),
                    tuple(addresses[pk] for pk in readers),
                    render_to_string("lectures/mail/announcement.html", context),
                )
            )
    mail_after_commit(mails)
    return announcement
