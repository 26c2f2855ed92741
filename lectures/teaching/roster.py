"""Students in bulk: a CSV roster read, planned and applied to one course.

Three steps, each usable alone, shared by the admin's upload page and the
`enrol_students` command so that both accept and refuse exactly the same rows:

- `roster_parse(data)` (lectures.teaching.roster_csv) reads the file (no
  database): the header row names the columns, each later row becomes a
  `RosterRow`, and what can be checked without the database (a missing or
  malformed username or email, a duplicate in the file) is refused there, by line
  number. A file it cannot read raises `RosterError`.
- `roster_plan(course=, rows=)` decides what each row would do: create an
  account, enrol an existing one, nothing (already enrolled), or refuse it and
  why. It reads the database in a fixed number of queries whatever the length of
  the file: accounts are looked up LOOKUP_CHUNK rows at a time.
- `roster_apply(course=, rows=, site_url=)` plans again inside one transaction,
  so a change since the preview is reflected, and writes the plan with bulk
  inserts. New accounts get no usable password; each is mailed a set-password
  link (Django's password-reset token), queued once the transaction has committed
  and sent by the task worker (lectures.mail.outbox), never inside the request.

Accounts that exist are never changed (not their names, not their email): an
instructor enrols people, and an email in the file that differs from the account's
refuses the row rather than redirecting that account's password resets.

A row whose username or email is held by an account that cannot be enrolled with
them (a staff or deactivated account, another account's email address, an email
that is not the account's, usernames differing only in case) is refused with one
reason, IN_USE, whichever it is: the preview tells an instructor no more about other
people's accounts than the single-enrolment form (lectures.admin.forms.
StudentAccountField), which answers alike for all of them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from itertools import islice

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext_lazy

from lectures import access
from lectures.mail.languages import languages_of
from lectures.mail.outbox import Mail, mail_after_commit
from lectures.models import Cohort, Course, Enrolment

from .assignments import cohort_members_changed
from .roster_csv import RosterError, RosterRow

# Accounts are read at most this many rows at a time: few queries, each within
# the database's limit on query parameters (four per row; see _lookup_chunk).
LOOKUP_CHUNK = 1000

# The one reason for every row an existing account stands in the way of (see above).
IN_USE = gettext_lazy(
    "the username or the email address is already in use: check both with the student"
)


class Outcome(StrEnum):
    NEW = "new account"
    ENROL = "enrol existing"
    ALREADY = "already enrolled"
    REFUSED = "refused"

    def __str__(self) -> str:
        # What the preview's table shows, in the reader's language; the value stays
        # the English name that code compares.
        return str(_OUTCOME_LABELS[self])


_OUTCOME_LABELS = {
    Outcome.NEW: pgettext_lazy("roster outcome", "new account"),
    Outcome.ENROL: pgettext_lazy("roster outcome", "enrol existing"),
    Outcome.ALREADY: pgettext_lazy("roster outcome", "already enrolled"),
    Outcome.REFUSED: pgettext_lazy("roster outcome", "refused"),
}


@dataclass(frozen=True)
class PlannedRow:
    row: RosterRow
    outcome: Outcome
    reason: str = ""
    account: object | None = None  # the existing User, for ENROL and ALREADY
    cohort: str = ""  # the cohort the student joins ("" for none, or already a member)


@dataclass
class RosterPlan:
    course: Course
    rows: list[PlannedRow]
    new_cohorts: list[str] = field(default_factory=list)

    @cached_property
    def _counts(self) -> Counter:
        return Counter(planned.outcome for planned in self.rows)

    @property
    def counts(self) -> dict[str, int]:
        """Rows by outcome, under the outcomes' names: new, enrol, already, refused."""
        return {outcome.name.lower(): self._counts[outcome] for outcome in Outcome}

    @cached_property
    def refused(self) -> list[PlannedRow]:
        return [planned for planned in self.rows if planned.outcome is Outcome.REFUSED]

    @cached_property
    def accepted(self) -> list[PlannedRow]:
        return [planned for planned in self.rows if planned.outcome is not Outcome.REFUSED]

    @cached_property
    def cohort_joins(self) -> int:
        return sum(1 for planned in self.rows if planned.cohort)

    def summary(self) -> str:
        """One sentence: "3 new accounts, 2 existing accounts enrolled, …"."""
        counts = self._counts
        new, enrol = counts[Outcome.NEW], counts[Outcome.ENROL]
        already, refused = counts[Outcome.ALREADY], counts[Outcome.REFUSED]
        parts = [
            ngettext("%(n)d new account", "%(n)d new accounts", new) % {"n": new},
            ngettext("%(n)d existing account enrolled", "%(n)d existing accounts enrolled", enrol)
            % {"n": enrol},
            ngettext("%(n)d already enrolled", "%(n)d already enrolled", already) % {"n": already},
            ngettext("%(n)d row refused", "%(n)d rows refused", refused) % {"n": refused},
        ]
        listed = ", ".join(parts)
        if self.cohort_joins:
            joins = ngettext(
                "%(n)d joining a cohort", "%(n)d joining a cohort", self.cohort_joins
            ) % {"n": self.cohort_joins}
            if created := len(self.new_cohorts):
                joins += ngettext(
                    " (%(n)d cohort created)", " (%(n)d cohorts created)", created
                ) % {"n": created}
            return gettext("%(counts)s; %(joins)s.") % {"counts": listed, "joins": joins}
        return gettext("%(counts)s.") % {"counts": listed}


@dataclass
class RosterResult:
    """What `roster_apply` did: its plan, and the set-password mails it queued
    (`mailed` of them, sent by the task worker once the transaction committed)."""

    plan: RosterPlan
    mails: list[Mail] = field(default_factory=list, repr=False)
    mailed: int = 0


# -- planning -------------------------------------------------------------------------------


def _chunks(items: list, size: int):
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _lookup_chunk() -> int:
    # Django assumes SQLite's old limit of 999 parameters; PostgreSQL takes far more.
    limit = connection.features.max_query_params or 4 * LOOKUP_CHUNK
    return min(LOOKUP_CHUNK, limit // 4)


def _accounts(rows: list[RosterRow]) -> tuple[dict[str, list], dict[str, list]]:
    """Accounts whose username or email matches a row, keyed by lower-case username
    and by lower-case email; one query per LOOKUP_CHUNK rows.

    Matching ignores case, as Django's own sign-up form does for usernames, so
    "Alice" in a file finds "alice" rather than making a look-alike account. The
    exact values are asked for too: SQLite's LOWER() folds ASCII letters only.
    """
    users = get_user_model().objects.annotate(
        username_lower=Lower("username"), email_lower=Lower("email")
    )
    # Everything _plan_row reads, so no row loads a deferred field on its own.
    fields = ["username", "email", "is_active", "is_staff", "is_superuser"]
    by_username: dict[str, list] = {}
    by_email: dict[str, list] = {}
    for chunk in _chunks(rows, _lookup_chunk()):
        usernames = {row.username for row in chunk}
        emails = {row.email for row in chunk if row.email}
        lookup = (
            Q(username__in=usernames)
            | Q(username_lower__in={u.lower() for u in usernames})
            | Q(email__in=emails)
            | Q(email_lower__in={e.lower() for e in emails})
        )
        for user in users.filter(lookup).only(*fields):
            by_username.setdefault(user.username.lower(), []).append(user)
            if user.email:
                by_email.setdefault(user.email.lower(), []).append(user)
    return by_username, by_email


def _account_for(row: RosterRow, by_username: dict[str, list]):
    """The account a row names: the exact username, else the only one differing in case."""
    candidates = {user.pk: user for user in by_username.get(row.username.lower(), [])}
    exact = [user for user in candidates.values() if user.username == row.username]
    if exact:
        return exact[0], ""
    if len(candidates) > 1:
        # Several accounts differing only in case: which one is meant is not ours to say.
        return None, IN_USE
    return next(iter(candidates.values()), None), ""


def _plan_row(row, by_username, by_email, enrolled: set[int]) -> PlannedRow:
    if row.problem:
        return PlannedRow(row, Outcome.REFUSED, row.problem)
    account, problem = _account_for(row, by_username)
    if problem:
        return PlannedRow(row, Outcome.REFUSED, problem)
    if account is None:
        if not row.email:
            return PlannedRow(row, Outcome.REFUSED, gettext("a new account needs an email address"))
        if by_email.get(row.email.lower()):
            return PlannedRow(row, Outcome.REFUSED, IN_USE)
        return PlannedRow(row, Outcome.NEW)
    # Staff are never students: enrolling one would show an administrator among them.
    staff = account.is_staff or access.is_site_admin(account)
    other_email = row.email and row.email.lower() != account.email.lower()
    if not account.is_active or staff or other_email:
        return PlannedRow(row, Outcome.REFUSED, IN_USE)
    outcome = Outcome.ALREADY if account.pk in enrolled else Outcome.ENROL
    return PlannedRow(row, outcome, account=account)


def roster_plan(*, course: Course, rows: tuple[RosterRow, ...] | list[RosterRow]) -> RosterPlan:
    """What applying `rows` to `course` would do, row by row; writes nothing.

    Queries: the accounts (one per LOOKUP_CHUNK rows), the course's enrolments, its
    cohorts and their members: a count that does not grow with the file.
    """
    by_username, by_email = _accounts([row for row in rows if not row.problem])
    enrolled = set(access.students_of(course).values_list("pk", flat=True))
    cohorts = {cohort.name.lower(): cohort for cohort in Cohort.objects.filter(course=course)}
    members = set(
        Cohort.members.through.objects.filter(cohort__course=course).values_list(
            "cohort_id", "user_id"
        )
    )
    planned_rows = []
    new_cohorts: dict[str, str] = {}
    for row in rows:
        planned = _plan_row(row, by_username, by_email, enrolled)
        if row.cohort and planned.outcome is not Outcome.REFUSED:
            # Cohort names match without regard to case; a new one keeps its first spelling.
            cohort = cohorts.get(row.cohort.lower())
            if cohort is None:
                name = new_cohorts.setdefault(row.cohort.lower(), row.cohort)
                planned = replace(planned, cohort=name)
            elif planned.account is None or (cohort.pk, planned.account.pk) not in members:
                planned = replace(planned, cohort=cohort.name)
        planned_rows.append(planned)
    return RosterPlan(course=course, rows=planned_rows, new_cohorts=list(new_cohorts.values()))


# -- applying ------------------------------------------------------------------------------


def roster_apply(
    *, course: Course, rows: tuple[RosterRow, ...] | list[RosterRow], site_url: str
) -> RosterResult:
    """Plan `rows` again and write the plan, in one transaction; returns what was done.

    `site_url` ("https://courses.example.org") starts the set-password links. The
    mails are queued when the transaction commits, so a rolled-back upload mails
    nobody, and a slow or failing mail server holds up the task worker, never this
    call: the accounts are made, and the worker's log says what it could not send.

    Raises RosterError if another upload created one of the same accounts at the
    same moment (nothing is changed then; uploading again picks the accounts up).
    """
    try:
        with transaction.atomic():
            plan = roster_plan(course=course, rows=rows)
            created = _create_accounts(plan)
            existing = {p.row.username: p.account for p in plan.accepted if p.account}
            accounts = {**existing, **created}
            _enrol(course, plan, accounts)
            _join_cohorts(course, plan, accounts)
            mails = _set_password_mails(course, created.values(), site_url)
            result = RosterResult(plan=plan, mails=mails, mailed=mail_after_commit(mails))
    except IntegrityError:
        raise RosterError(
            gettext(
                "Another change to the same accounts happened at the same moment; nothing was "
                "changed. Upload the file again."
            )
        ) from None
    return result


def _create_accounts(plan: RosterPlan) -> dict[str, object]:
    """The new accounts, without usable passwords, by username."""
    user_model = get_user_model()
    users = []
    for planned in plan.rows:
        if planned.outcome is Outcome.NEW:
            row = planned.row
            user = user_model(
                username=row.username,
                email=row.email,
                first_name=row.first_name,
                last_name=row.last_name,
            )
            user.set_unusable_password()
            users.append(user)
    user_model.objects.bulk_create(users)
    if any(user.pk is None for user in users):
        # Only a database that cannot return inserted keys (SQLite before 3.35).
        ids = {}
        for chunk in _chunks([user.username for user in users], _lookup_chunk()):
            ids.update(user_model.objects.filter(username__in=chunk).values_list("username", "pk"))
        for user in users:
            user.pk = ids[user.username]
    return {user.username: user for user in users}


def _enrol(course: Course, plan: RosterPlan, accounts: dict) -> None:
    # ignore_conflicts: a student enrolled by someone else meanwhile stays enrolled once.
    Enrolment.objects.bulk_create(
        [
            Enrolment(course=course, user_id=accounts[p.row.username].pk)
            for p in plan.rows
            if p.outcome in (Outcome.NEW, Outcome.ENROL)
        ],
        ignore_conflicts=True,
    )


def _join_cohorts(course: Course, plan: RosterPlan, accounts: dict) -> None:
    joining = [p for p in plan.rows if p.cohort]
    if not joining:
        return
    Cohort.objects.bulk_create(
        [Cohort(course=course, name=name) for name in plan.new_cohorts], ignore_conflicts=True
    )
    # Read back rather than trust bulk_create's keys, which ignore_conflicts leaves unset.
    cohorts = {c.name.lower(): c.pk for c in Cohort.objects.filter(course=course)}
    membership = Cohort.members.through
    membership.objects.bulk_create(
        [
            membership(cohort_id=cohorts[p.cohort.lower()], user_id=accounts[p.row.username].pk)
            for p in joining
        ],
        ignore_conflicts=True,
    )
    # The cohorts' assignments now reach them.
    cohort_members_changed(course=course, users=[accounts[p.row.username] for p in joining])


def _set_password_mails(course: Course, users, site_url: str) -> list[Mail]:
    template = get_template("registration/roster_welcome_email.txt")
    base = site_url.rstrip("/")
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    mails = []
    languages = languages_of((user.pk for user in users), course.language)
    for user in users:
        link = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        with translation.override(languages[user.pk]):
            subject = gettext("Your account for %(course)s") % {
                "course": " ".join(course.title.split())
            }
            body = template.render(
                {
                    "course": course,
                    "user": user,
                    "link": f"{base}{link}",
                    "login_url": f"{base}{reverse('login')}",
                    "days": days,
                }
            )
        mails.append(Mail(subject, body, (user.email,)))
    return mails
