"""A course's students from the LMS (LTI Names and Role Provisioning Services).

The same three steps as the CSV roster (lectures.teaching.roster), with the same
preview: `members_fetch(context)` reads the platform's member list (the network,
no database writes); `nrps_plan(course=, context=, members=)` says what applying it
would do; `nrps_apply(...)` plans again inside one transaction and writes the plan.

- A member whose roles make them a student (lms.launches.role_of) and whose status
  is Active is enrolled: into the account their launches use (PlatformAccount,
  issuer + subject), or a new one made as a first launch would make it, with the
  name and email the platform sends and no password (the LMS signs them in). Never
  an existing account matched by email.
- A student of the course whose account comes from this platform and who is no
  longer an active student member has left: their enrolment ends (they lose
  access to the course) and their work stays (attempts, progress and reviews are
  the account's, not the enrolment's), so a return re-enrols them with everything.
- Students enrolled otherwise (the CSV roster, the admin) are not the LMS's to
  remove, and instructors join by launching, not from a list: neither is touched.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext, pgettext_lazy
from lti_tool.models import LtiContext, LtiMembership
from pylti1p3.names_roles import NamesRolesProvisioningService

from lectures import access
from lectures.models import Course, Enrolment
from lectures.notes.slugs import slug_for

from .launches import STUDENT, role_of
from .models import CourseLink, PlatformAccount
from .services_client import connector

# A member list is one request's work; a platform with more members than this is
# paging through a whole institution, not a course.
MAX_MEMBERS = 10_000
# Subjects looked up per query: inside SQLite's limit on query parameters.
LOOKUP_CHUNK = 900


class RosterError(Exception):
    """The member list could not be read or applied; nothing was changed."""


@dataclass(frozen=True)
class Member:
    subject: str
    name: str = ""
    given_name: str = ""
    family_name: str = ""
    email: str = ""
    student: bool = False
    active: bool = True
    roles: tuple[str, ...] = ()

    @property
    def display(self) -> str:
        return (
            self.name or " ".join(filter(None, (self.given_name, self.family_name))) or self.subject
        )


def _member(raw: dict) -> Member | None:
    subject = str(raw.get("user_id") or "")
    if not subject or len(subject) > 255:
        return None
    roles = [str(role)[:255] for role in raw.get("roles") or [] if role][:20]

    def text(key: str, limit: int) -> str:
        value = raw.get(key)
        return str(value).strip()[:limit] if value else ""

    return Member(
        subject=subject,
        name=text("name", 300),
        given_name=text("given_name", 150),
        family_name=text("family_name", 150),
        email=text("email", 254),
        student=role_of(roles) == STUDENT,
        active=raw.get("status", "Active") == "Active",
        roles=tuple(roles),
    )


def members_fetch(context: LtiContext) -> list[Member]:
    """The context's members, every page, from the platform's NRPS endpoint.

    Raises RosterError (with a sentence for the instructor) when the platform gave
    no endpoint, refuses, or cannot be reached."""
    if not context.memberships_url:
        raise RosterError(
            gettext(
                "The LMS has not given the course site its member list for this course: "
                "enable Names and Role Provisioning for the tool, then open it from the "
                "course again."
            )
        )
    service = NamesRolesProvisioningService(
        connector(context), {"context_memberships_url": context.memberships_url}
    )
    try:
        raw = service.get_members()
    except Exception as exc:  # requests' and pylti1p3's errors alike: the platform's side
        raise RosterError(
            gettext("The LMS did not send its member list (%(reason)s).") % {"reason": _short(exc)}
        ) from None
    if len(raw) > MAX_MEMBERS:
        raise RosterError(
            gettext("The LMS sent more than %(limit)s members; nothing was changed.")
            % {"limit": number_format(MAX_MEMBERS, force_grouping=True)}
        )
    members = {}
    for item in raw:
        member = _member(item) if isinstance(item, dict) else None
        if member is not None:
            members[member.subject] = member  # a member listed twice counts once
    return list(members.values())


def _short(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"


class Outcome(StrEnum):
    NEW = "new account"
    ENROL = "enrol existing"
    ALREADY = "already enrolled"
    LEFT = "left"

    def __str__(self) -> str:
        # What the preview's table shows, in the reader's language; the value stays
        # the English name that code compares (as lectures.teaching.roster.Outcome).
        return str(_OUTCOME_LABELS[self])


_OUTCOME_LABELS = {
    Outcome.NEW: pgettext_lazy("roster outcome", "new account"),
    Outcome.ENROL: pgettext_lazy("roster outcome", "enrol existing"),
    Outcome.ALREADY: pgettext_lazy("roster outcome", "already enrolled"),
    Outcome.LEFT: pgettext_lazy("roster outcome", "left"),
}


@dataclass(frozen=True)
class PlannedMember:
    outcome: Outcome
    name: str
    email: str = ""
    member: Member | None = None  # None for LEFT: no longer in the list
    account: object | None = None


@dataclass
class NrpsPlan:
    course: Course
    rows: list[PlannedMember] = field(default_factory=list)
    skipped: int = 0  # instructors, other roles, inactive members not enrolled here

    @cached_property
    def counts(self) -> Counter:
        return Counter(row.outcome for row in self.rows)

    def of(self, outcome: Outcome) -> list[PlannedMember]:
        return [row for row in self.rows if row.outcome is outcome]

    @property
    def added(self) -> list[PlannedMember]:
        return [row for row in self.rows if row.outcome in (Outcome.NEW, Outcome.ENROL)]

    @property
    def left(self) -> list[PlannedMember]:
        return self.of(Outcome.LEFT)

    @property
    def changes(self) -> bool:
        return bool(self.added or self.left)

    def summary(self) -> str:
        counts = self.counts
        parts = [
            ngettext("%(n)d new account", "%(n)d new accounts", counts[Outcome.NEW]),
            ngettext(
                "%(n)d existing account enrolled",
                "%(n)d existing accounts enrolled",
                counts[Outcome.ENROL],
            ),
            ngettext("%(n)d already enrolled", "%(n)d already enrolled", counts[Outcome.ALREADY]),
            ngettext("%(n)d student left", "%(n)d students left", counts[Outcome.LEFT]),
        ]
        numbers = (
            counts[Outcome.NEW],
            counts[Outcome.ENROL],
            counts[Outcome.ALREADY],
            counts[Outcome.LEFT],
        )
        return ", ".join(part % {"n": n} for part, n in zip(parts, numbers, strict=True)) + "."


def _accounts(registration_id: int, subjects: list[str]) -> dict[str, object]:
    """The accounts of these platform users, by subject; one query per LOOKUP_CHUNK.
    Only the context's own registration's accounts (PlatformAccount)."""
    found = {}
    for start in range(0, len(subjects), LOOKUP_CHUNK):
        chunk = subjects[start : start + LOOKUP_CHUNK]
        for account in PlatformAccount.objects.filter(
            registration_id=registration_id, subject__in=chunk
        ).select_related("user"):
            found[account.subject] = account.user
    return found


def nrps_plan(*, course: Course, context: LtiContext, members: list[Member]) -> NrpsPlan:
    """What applying `members` to `course` would do; writes nothing. Three queries,
    one more per LOOKUP_CHUNK members, and up to three for the leavers (_leavers)."""
    registration_id = context.deployment.registration_id
    accounts = _accounts(registration_id, [member.subject for member in members])
    enrolled = set(access.students_of(course).values_list("pk", flat=True))
    plan = NrpsPlan(course=course)
    present = set()
    for member in members:
        account = accounts.get(member.subject)
        if not (member.student and member.active):
            plan.skipped += 1
            continue
        present.add(member.subject)
        if account is None:
            plan.rows.append(PlannedMember(Outcome.NEW, member.display, member.email, member))
        elif not account.is_active:
            plan.skipped += 1  # an account the site's administrators closed stays closed
        elif account.pk in enrolled:
            plan.rows.append(
                PlannedMember(Outcome.ALREADY, member.display, account.email, member, account)
            )
        else:
            plan.rows.append(
                PlannedMember(Outcome.ENROL, member.display, account.email, member, account)
            )
    for account in _leavers(course, context, enrolled, present):
        user = account.user
        name = user.get_full_name() or user.get_username()
        plan.rows.append(PlannedMember(Outcome.LEFT, name, user.email, account=user))
    return plan


def _leavers(course: Course, context: LtiContext, enrolled: set, present: set) -> list:
    """The PlatformAccounts of students who left: enrolled here, gone from this list,
    whose place came from THIS LMS course (an active membership in `context`), and
    not active in another LMS course linked to the same course (another section, or
    another platform). A student enrolled by hand or from another section stays."""
    candidates = list(
        PlatformAccount.objects.filter(
            registration_id=context.deployment.registration_id, user_id__in=enrolled
        )
        .exclude(subject__in=present)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    if not candidates:
        return []
    here = set(
        LtiMembership.objects.filter(
            context=context, is_active=True, user__sub__in=[a.subject for a in candidates]
        ).values_list("user__sub", flat=True)
    )
    candidates = [account for account in candidates if account.subject in here]
    if not candidates:
        return []
    others = CourseLink.objects.filter(course=course).exclude(context=context).values("context")
    elsewhere = set(
        LtiMembership.objects.filter(context__in=others, is_active=True).values_list(
            "context__deployment__registration_id", "user__sub"
        )
    )
    if not elsewhere:
        return candidates
    # A student's accounts on every registration: a section on another platform
    # knows them by that platform's subject.
    held = {}
    for user_id, registration_id, subject in PlatformAccount.objects.filter(
        user_id__in=[account.user_id for account in candidates]
    ).values_list("user_id", "registration_id", "subject"):
        held.setdefault(user_id, set()).add((registration_id, subject))
    return [account for account in candidates if not (held[account.user_id] & elsewhere)]


# -- applying ------------------------------------------------------------------------------


def _username(issuer: str, member: Member) -> str:
    """As a first launch names the account (lms.launches): the platform's name, then a
    hash of issuer and subject, so the same person gets the same name either way."""
    digest = hashlib.sha256(f"{issuer}\0{member.subject}".encode()).hexdigest()
    name = slug_for(member.name)[:40] or "lms"
    return f"{name}-{digest[:10]}"


def _create_accounts(registration, plan: NrpsPlan) -> dict[str, object]:
    """The NEW rows' accounts (no usable password) and their PlatformAccounts."""
    user_model = get_user_model()
    users = []
    for row in plan.of(Outcome.NEW):
        member = row.member
        user = user_model(
            username=_username(registration.issuer, member),
            first_name=member.given_name,
            last_name=member.family_name,
            email=member.email,
        )
        user.set_unusable_password()
        users.append((member.subject, user))
    if not users:
        return {}
    taken = set(
        user_model.objects.filter(username__in=[u.username for _, u in users]).values_list(
            "username", flat=True
        )
    )
    if taken:
        raise RosterError(
            gettext(
                "An account name the member list needs is taken on the course site; ask its "
                "administrator. Nothing was changed."
            )
        )
    for _, user in users:
        user.save()
    PlatformAccount.objects.bulk_create(
        [
            PlatformAccount(
                issuer=registration.issuer, subject=subject, user=user, registration=registration
            )
            for subject, user in users
        ]
    )
    return dict(users)


def _sync_memberships(context: LtiContext, members: list[Member], left: list[int]) -> None:
    """django-lti's record of who is in the LMS course (LtiMembership), which grades
    are sent by (lms.grades): the list's members as it says, and leavers inactive."""
    context.update_memberships(
        [
            {
                "user_id": member.subject,
                "roles": list(member.roles),
                "status": "Active" if member.active else "Inactive",
                "name": member.name or None,
                "given_name": member.given_name or None,
                "family_name": member.family_name or None,
                "email": member.email or None,
            }
            for member in members
            if member.student  # whom grades go to; instructors' records are their launches'
        ]
    )
    gone = PlatformAccount.objects.filter(
        registration_id=context.deployment.registration_id, user_id__in=left
    ).values("subject")
    LtiMembership.objects.filter(context=context, user__sub__in=gone).update(is_active=False)


def nrps_apply(*, course: Course, context: LtiContext, members: list[Member]) -> NrpsPlan:
    """Plan `members` again and write the plan, in one transaction; returns it.

    Raises RosterError, changing nothing, when another change made the same
    accounts at the same moment (importing again picks them up)."""
    try:
        with transaction.atomic():
            plan = nrps_plan(course=course, context=context, members=members)
            created = _create_accounts(context.deployment.registration, plan)
            Enrolment.objects.bulk_create(
                [
                    Enrolment(course=course, user=created.get(row.member.subject) or row.account)
                    for row in plan.added
                ],
                # A student enrolled by someone else meanwhile stays enrolled once.
                ignore_conflicts=True,
            )
            left = [row.account.pk for row in plan.left]
            Enrolment.objects.filter(course=course, user_id__in=left).delete()
            _sync_memberships(context, members, left)
    except IntegrityError:
        raise RosterError(
            gettext(
                "Another change to the same accounts happened at the same moment; nothing was "
                "changed. Import the members again."
            )
        ) from None
    return plan
