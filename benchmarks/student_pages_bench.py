"""Benchmark: server time of every student page and toggle on the demo course (issue 9).

Seeds the demo (`seed_demo`: the sample lecture from content/) into a throwaway
SQLite database, or the PostgreSQL database named by BENCH_DATABASE_URL, then, as
the demo student half-way through the lecture, requests each page through
Django's test client (the whole middleware stack, DEBUG off, without the test
environment's template instrumentation) and prints the median and 90th
percentile of the server time. The toggles alternate between
done and not done so every round writes. Targets (issue 9): the lecture page
under 4 ms, a progress toggle under 3 ms.

    make bench-pages
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_pages make bench-pages

The first request of each page is left out (it fills caches, as the first
student after a deploy does); `--cold` clears the caches before every request
instead, to show what a cache miss costs. `--calls` counts the Python function
calls of a request instead of timing it: on a machine whose speed drifts by half
from one minute to the next, the steady way to compare two versions of the code.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import pstats
import statistics
import sys
import time
import warnings

from inprocess import configure, demo_half_read

configure("student_pages_bench", os.environ.get("BENCH_DATABASE_URL"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from quizzes.models import Quiz  # noqa: E402
from quizzes.services import attempt_start  # noqa: E402

TARGETS_MS = {"lecture": 4.0, "toggle: section read (htmx)": 3.0}
HTMX = {"HX-Request": "true"}


def setup() -> tuple[Client, dict[str, tuple[str, str, dict, dict]]]:
    """The demo, a student half-way through it, and the requests to time:
    label -> (method, url, data, headers)."""
    logging.disable(logging.INFO)  # django-axes logs every login
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    student, lecture, sections = demo_half_read()
    item = lecture.action_items.first()
    quiz = Quiz.objects.filter(lecture=lecture, published=True).first()
    attempt = attempt_start(quiz=quiz, user=student)
    client = Client()
    client.force_login(student)
    base = lecture.get_absolute_url()
    last = sections[-1]
    requests = {
        "dashboard": ("get", "/", {}, {}),
        "lecture": ("get", base, {}, {}),
        "glossary": ("get", f"{base}glossary/", {}, {}),
        "glossary search (htmx)": ("get", f"{base}glossary/?q=pipe", {}, HTMX),
        "timeline": ("get", f"{base}timeline/", {}, {}),
        "progress": ("get", "/progress/", {}, {}),
        "quiz attempt (questions)": ("get", f"/attempts/{attempt.pk}/", {}, {}),
        "toggle: section read (htmx)": (
            "post",
            f"{base}sections/{last.pk}/read/",
            {"done": "toggle"},
            HTMX,
        ),
        "toggle: action item (htmx)": (
            "post",
            f"{base}items/{item.pk}/done/",
            {"done": "toggle"},
            HTMX,
        ),
    }
    return client, requests


def run(client: Client, method, url, data, headers, rounds: int, cold: bool) -> list[float]:
    samples = []
    for number in range(rounds + 1):
        if "done" in data:
            data = {**data, "done": "1" if number % 2 == 0 else "0"}
        if cold:
            for alias in settings.CACHES:
                caches[alias].clear()
        start = time.perf_counter()
        response = getattr(client, method)(url, data, headers=headers)
        elapsed = time.perf_counter() - start
        if response.status_code != 200:
            sys.exit(f"{method.upper()} {url}: {response.status_code}")
        if number:  # the first one warms the caches
            samples.append(elapsed)
    return samples


def calls_per_request(client: Client, method, url, data, headers, rounds: int) -> float:
    """Python function calls per request (cProfile), after one to warm the caches."""
    profile = cProfile.Profile()
    for number in range(rounds + 1):
        if "done" in data:
            data = {**data, "done": "1" if number % 2 == 0 else "0"}
        if number:
            profile.enable()
        getattr(client, method)(url, data, headers=headers)
        profile.disable()
    return pstats.Stats(profile).total_calls / rounds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--cold", action="store_true", help="clear the caches before each request")
    parser.add_argument("--only", help="time only the pages whose label contains this")
    parser.add_argument("--calls", action="store_true", help="count calls instead of timing")
    args = parser.parse_args()
    client, requests = setup()
    if args.calls:
        print(f"Python calls per request on {connection.vendor}, {args.rounds} rounds each:")
        for label, (method, url, data, headers) in requests.items():
            if not args.only or args.only in label:
                calls = calls_per_request(client, method, url, data, headers, args.rounds)
                print(f"  {label:<30} {calls:8.0f}")
        return
    print(
        f"Student pages of the demo course on {connection.vendor}, "
        f"{'cold' if args.cold else 'warm'} caches, {args.rounds} rounds each:"
    )
    print(f"  {'page':<30} {'median':>8} {'p90':>8}  target")
    missed = []
    for label, (method, url, data, headers) in requests.items():
        if args.only and args.only not in label:
            continue
        samples = sorted(run(client, method, url, data, headers, args.rounds, args.cold))
        median = statistics.median(samples) * 1000
        p90 = samples[int(len(samples) * 0.9)] * 1000
        target = TARGETS_MS.get(label)
        verdict = ""
        if target is not None:
            verdict = f"{target:.0f} ms " + ("ok" if median < target else "MISSED")
            if median >= target:
                missed.append(label)
        print(f"  {label:<30} {median:6.2f} ms {p90:6.2f} ms  {verdict}")
    if missed:
        print(f"Missed: {', '.join(missed)}")


if __name__ == "__main__":
    main()
