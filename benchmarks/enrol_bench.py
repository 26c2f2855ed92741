"""Benchmark: adding 5,000 students to a course from one CSV file (issue 8).

A throwaway SQLite database holds a course with 500 students already enrolled and
1,000 accounts that exist but are not; the file lists those 1,500 and 3,500 new
students, in 10 cohorts, with a few bad rows. Timed: reading the file, the preview's
plan, and applying it (plan again, accounts, enrolments, cohorts and the 3,500
set-password mails queued in the database); then, apart, the task worker sending
those mails through the locmem backend. Run with `make bench-enrol`; not part of
the tests.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coursesite.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark")
_tmp = tempfile.TemporaryDirectory()
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmp.name}/enrol.sqlite3")
# Production's queue: applying the roster only queues the mails.
os.environ["DJANGO_TASKS"] = "database"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402

from lectures.models import Course, Enrolment  # noqa: E402
from lectures.teaching.roster import roster_apply, roster_plan  # noqa: E402
from lectures.teaching.roster_csv import roster_parse  # noqa: E402

ROWS = 5_000
TARGET_SECONDS = 10.0


def setup() -> Course:
    call_command("migrate", verbosity=0)
    course = Course.objects.create(title="Big course", slug="big")
    users = []
    for i in range(1_500):
        user = get_user_model()(username=f"old{i}", email=f"old{i}@example.com")
        user.set_unusable_password()
        users.append(user)
    get_user_model().objects.bulk_create(users)
    Enrolment.objects.bulk_create(Enrolment(course=course, user=user) for user in users[:500])
    return course


def roster_text() -> str:
    lines = ["Username;E-mail;First name;Last name;Cohort"]
    lines += [f"old{i};old{i}@example.com;Old;Student {i};Group {i % 10}" for i in range(1_500)]
    lines += [
        f"new{i};new{i}@example.com;New;Student {i};Group {i % 10}" for i in range(ROWS - 1_510)
    ]
    lines += [f"bad name {i};bad{i}@example.com;;;" for i in range(10)]
    return "\ufeff" + "\r\n".join(lines) + "\r\n"


def main() -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    course = setup()
    data = roster_text().encode()

    start = time.perf_counter()
    roster = roster_parse(data, filename="big.csv")
    parsed = time.perf_counter()
    roster_plan(course=course, rows=roster.rows)
    planned = time.perf_counter()
    result = roster_apply(course=course, rows=roster.rows, site_url="https://courses.example.org")
    applied = time.perf_counter()
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    sent = time.perf_counter()

    plan = result.plan
    assert len(roster.rows) == ROWS, len(roster.rows)
    assert plan.counts == {"new": 3_490, "enrol": 1_000, "already": 500, "refused": 10}, plan.counts
    assert len(mail.outbox) == result.mailed == 3_490, (len(mail.outbox), result.mailed)
    total = applied - start
    print(f"{ROWS:,}-row CSV, {len(data) / 1024:.0f} KB: {plan.summary()}")
    print(f"  read the file        {parsed - start:6.2f} s")
    print(f"  plan (the preview)   {planned - parsed:6.2f} s")
    print(f"  apply (mails queued) {applied - planned:6.2f} s")
    print(f"  the worker sends     {sent - applied:6.2f} s  (after the request, not timed below)")
    verdict = "within" if total < TARGET_SECONDS else "OVER"
    print(f"  total                {total:6.2f} s  ({verdict} the {TARGET_SECONDS:.0f} s target)")


if __name__ == "__main__":
    main()
