"""The one way the site sends mail: a task, queued once the transaction commits.

Whatever mails someone (a password reset, a new student's set-password link, an
assignment, a reminder, an announcement) builds `Mail`s and calls
`mail_after_commit`. It queues `send_mail_task` when the current transaction
commits (at once outside one), so nothing is mailed for a change that rolls back
and no request waits on the mail server: the task runs in `manage.py db_worker`,
reading the queue from the database (settings.TASKS; DJANGO_TASKS=immediate runs it
in the queuing process instead, as development does). `send_mail_task` is the only
code that hands mail to Django's email backend.

A `Mail` is one letter to one or more addresses, sent as a separate message to each
address, so no student sees who else got it; a task carries up to MAIL_BATCH
addresses, sent over one connection to the mail server.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace
from functools import partial

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django_tasks import task

logger = logging.getLogger(__name__)

# Addresses per task: one connection to the mail server each. A class of 500 is five
# tasks, so one that fails (a mail server that hangs up) costs a fifth of a resend.
MAIL_BATCH = 100


@dataclass(frozen=True)
class Mail:
    """One letter: plain text, optionally with an HTML alternative, to each of `to`."""

    subject: str
    body: str
    to: tuple[str, ...]
    html: str = ""


@task()
def send_mail_task(mails: list[dict]) -> int:
    """Send each mail (a `Mail` as a dict) to each of its addresses, over one
    connection; returns how many messages went.

    A mail server that refuses raises: the queue records the task as failed, with
    the error, and the worker logs it."""
    messages = []
    for mail in mails:
        for address in mail["to"]:
            message = EmailMultiAlternatives(mail["subject"], mail["body"], to=[address])
            if mail["html"]:
                message.attach_alternative(mail["html"], "text/html")
            messages.append(message)
    with get_connection() as connection:
        return connection.send_messages(messages) or 0


def enqueue_after_commit(work: Callable, /, *args, **kwargs) -> None:
    """Queue the task `work` with these arguments once the current transaction
    commits (at once outside one). A queue that cannot take it is logged, not
    raised: the change it follows has committed already."""
    transaction.on_commit(partial(work.enqueue, *args, **kwargs), robust=True)


def mail_after_commit(mails: Iterable[Mail]) -> int:
    """Queue `mails` to be sent once the current transaction commits; returns how
    many messages (addresses) that is. Mails without an address are dropped."""
    batches: list[list[dict]] = [[]]
    room = MAIL_BATCH
    total = 0
    for mail in mails:
        addresses = [address for address in mail.to if address]
        total += len(addresses)
        while addresses:
            if room == 0:
                batches.append([])
                room = MAIL_BATCH
            part, addresses = addresses[:room], addresses[room:]
            batches[-1].append(asdict(replace(mail, to=tuple(part))))
            room -= len(part)
    for batch in batches:
        if batch:
            enqueue_after_commit(send_mail_task, batch)
    return total
