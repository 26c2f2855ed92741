"""Load benchmark (issue 9): the site under `make serve` on PostgreSQL (and Redis),
2,000 students, 50 connections from loopback, driven by wrk.

1. Builds the database (PostgreSQL, DATABASE_URL, default the `bench_load`
   database, created if missing; Redis at REDIS_URL if one answers): the demo
   course (`seed_demo`), 2,000 more students enrolled in it, each with a
   logged-in session, a CSRF secret, an open attempt at the demo quiz and one at
   a second quiz to submit. Sessions are written as Django writes them at login
   (hashing 2,000 passwords would take ten minutes and measure nothing).
2. Starts `make serve` (production settings, gunicorn.conf.py's workers) and
   writes a static file of the lecture page's size for whitenoise to serve.
3. Runs wrk (benchmarks/load.lua) once per scenario: the static file, each
   student page, the htmx toggles, quiz answers, submits, then a mix of them.
   Prints requests/s, p50/p95/p99 and errors for each, and the lecture page's
   throughput as a share of the static file's, measured in the same run.

    make bench-load                       # needs PostgreSQL and wrk (apt-get install wrk)
    make bench-load BENCH_ARGS="--seconds 20 --connections 100"

Targets (2-core machine, 50 connections): no errors, p95 under 100 ms for the
student pages, the lecture page at least 10 % of the static file's throughput.
wrk keeps every connection busy (a closed loop), so by Little's law a page's
latency is about connections / throughput: 50 connections at 500 requests/s
wait 100 ms each. Students clicking at human speed load it far less.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_load"
DEFAULT_REDIS = "redis://127.0.0.1:6379/14"
SECRET_KEY = "load-bench-" + "k" * 40  # the server's and this script's, for CSRF and tokens
STUDENTS = 2_000
SCENARIOS = ("static", "dashboard", "lecture", "glossary", "toggle", "answer", "submit", "mix")
PAGES = {"dashboard", "lecture", "glossary"}
P95_TARGET_MS = 100
STATIC_SHARE_TARGET = 0.10


def redis_url() -> str:
    import redis

    url = os.environ.get("REDIS_URL", DEFAULT_REDIS)
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        print(f"No Redis at {url}: sessions and cache stay in PostgreSQL.")
        return ""
    return url


def environment(database: str, redis: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "coursesite.settings",
        # The proxy in front logs requests in production; wrk's would fill the disk.
        "GUNICORN_ACCESS_LOG": "off",
    }
    if redis:
        env["REDIS_URL"] = redis
    else:
        env.pop("REDIS_URL", None)
    return env


def seed(env: dict[str, str], data_path: Path, students: int) -> int:
    """Everything the run needs in the database; returns the lecture page's size."""
    os.environ.update(env)
    import django

    django.setup()
    import logging

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.hashers import make_password
    from django.core.cache import caches
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse
    from django.utils.module_loading import import_string

    from lectures.content.cache import lecture_content
    from lectures.models import Enrolment, Lecture
    from quizzes.forms import AnswerForm
    from quizzes.generation import quiz_generate
    from quizzes.models import Attempt, Quiz
    from quizzes.services import attempt_start, questions_for

    logging.disable(logging.INFO)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    caches["default"].clear()
    call_command("seed_demo", password="load-bench-demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    User = get_user_model()
    lecture = Lecture.objects.select_related("course").get(course__slug="demo")
    course = lecture.course

    names = [f"load{n:05d}" for n in range(students)]
    existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
    password = make_password("load-bench-student")
    User.objects.bulk_create(
        [User(username=name, password=password) for name in names if name not in existing],
        batch_size=1000,
    )
    users = list(User.objects.filter(username__in=names).order_by("username"))
    Enrolment.objects.bulk_create(
        [Enrolment(course=course, user=user) for user in users], ignore_conflicts=True
    )
    quiz = Quiz.objects.filter(lecture=lecture, published=True).order_by("pk").first()
    second = Quiz.objects.filter(lecture=lecture, title="Load: second quiz").first()
    if second is None:
        second = quiz_generate(lecture=lecture, title="Load: second quiz", rng_seed=7)
        Quiz.objects.filter(pk=second.pk).update(published=True, max_attempts=0, time_limit=None)
        second.refresh_from_db()
    # A fresh run: every earlier attempt of these students goes, so each has one open.
    Attempt.objects.filter(user__in=users, quiz__in=[quiz, second]).delete()
    first_question = questions_for(quiz)[0]

    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    base = lecture.get_absolute_url()
    content = lecture_content(lecture)
    lines = [
        "page\tstatic\t/static/bench/page.html",
        "page\tdashboard\t/",
        f"page\tlecture\t{base}",
        *(f"page\tglossary\t{base}glossary/?q={q}" for q in ("oil", "treaty", "a", "gas")),
        *(f"page\ttoggle\t{section.toggle_url}" for section in content.sections),
        *(f"page\ttoggle\t{item.toggle_url}" for item in content.items),
    ]
    for user in users:
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "lectures.accounts.languages.AccountBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        attempt = attempt_start(quiz=quiz, user=user)
        to_submit = attempt_start(quiz=second, user=user)
        form = AnswerForm(attempt=attempt, question=first_question)
        body = "&".join(f"{name}={_first_value(field)}" for name, field in form.fields.items())
        lines.append(
            "\t".join(
                [
                    "student",
                    session.session_key,
                    secrets.token_hex(16),  # 32 characters: a CSRF secret, unmasked
                    reverse("quizzes:attempt_answer", args=[attempt.pk, 1]),
                    f"{body}&nav=next",
                    reverse("quizzes:attempt_submit", args=[to_submit.pk]),
                ]
            )
        )
    data_path.write_text("\n".join(lines) + "\n")
    client = Client()
    client.force_login(users[0])
    return len(client.get(base, HTTP_HOST="127.0.0.1").content)


def _first_value(field) -> str:
    from urllib.parse import quote

    choices = getattr(field, "choices", None)
    if choices:
        return quote(str(next(iter(choices))[0]))
    return "an+answer"


def serve(env: dict[str, str], port: int, page_size: int) -> subprocess.Popen:
    """`make serve`, after collectstatic and a static file of the page's size."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    static = ROOT / "staticfiles" / "bench"
    static.mkdir(parents=True, exist_ok=True)
    (static / "page.html").write_bytes(b"<!doctype html>" + b"x" * max(0, page_size - 15))
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={port}", "HOST=127.0.0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as reply:
                if reply.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    stop(server)
    sys.exit("The server did not answer /healthz within a minute.")


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def wrk(scenario: str, port: int, data: Path, args) -> dict:
    seconds = min(args.seconds, 5) if scenario == "submit" else args.seconds
    if scenario == "mix":
        seconds = args.seconds * 2
    env = {
        **os.environ,
        "LOAD_SCENARIO": scenario,
        "LOAD_DATA": str(data),
        "LOAD_THREADS": str(args.threads),
    }
    out = subprocess.run(
        [
            "wrk",
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(Path(__file__).with_name("load.lua")),
            f"http://127.0.0.1:{port}",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in out.stdout.splitlines() if line.startswith("{"))
    result = json.loads(line)
    result["rps"] = result["requests"] / result["seconds"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=STUDENTS)
    parser.add_argument("--seconds", type=int, default=10, help="per scenario (mix: twice)")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--scenarios",
        default=",".join(SCENARIOS),
        help="comma-separated, of: " + ", ".join(SCENARIOS),
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("make bench-load needs wrk: apt-get install wrk")

    from report_bench import ensure_database

    database = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    name = database.rsplit("/", 1)[-1]
    if name == "test" or name.startswith("test_"):
        sys.exit(f"bench-load will not use the “{name}” database: test runs use it.")
    ensure_database(database)
    redis = redis_url()
    env = environment(database, redis)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "load.tsv"
        page_size = seed(env, data, args.students)
        print(
            f"Seeded {args.students:,} students in {time.perf_counter() - began:.0f} s; "
            f"the lecture page is {page_size:,} bytes."
        )
        server = serve(env, args.port, page_size)
        try:
            chosen = [name for name in args.scenarios.split(",") if name in SCENARIOS]
            results = [wrk(scenario, args.port, data, args) for scenario in chosen]
        finally:
            stop(server)
    report(results, args, redis)


def report(results: list[dict], args, redis: str) -> None:
    cpus = os.cpu_count()
    print(
        f"\nmake serve ({os.environ.get('WEB_CONCURRENCY', 'default')} workers) on "
        f"PostgreSQL{' and Redis' if redis else ''}, {cpus} cores; wrk, "
        f"{args.connections} connections, {args.threads} threads, {args.seconds} s a scenario:"
    )
    print(f"  {'scenario':<10} {'req/s':>8} {'p50':>9} {'p95':>9} {'p99':>9}  errors")
    by_name = {r["scenario"]: r for r in results}
    missed = []
    for r in results:
        errors = sum(r["errors"].values())
        print(
            f"  {r['scenario']:<10} {r['rps']:8.0f} {r['p50_ms']:7.1f}ms {r['p95_ms']:7.1f}ms "
            f"{r['p99_ms']:7.1f}ms  {errors}"
        )
        if errors:
            missed.append(f"{r['scenario']}: {errors} errors {r['errors']}")
        if r["scenario"] in PAGES and r["p95_ms"] >= P95_TARGET_MS:
            missed.append(f"{r['scenario']}: p95 {r['p95_ms']:.0f} ms (target {P95_TARGET_MS})")
    if "lecture" in by_name and "static" in by_name:
        share = by_name["lecture"]["rps"] / by_name["static"]["rps"]
        print(
            f"The lecture page serves {share:.1%} of the same-size static file's requests/s "
            f"(target {STATIC_SHARE_TARGET:.0%}, aim 25%)."
        )
        if share < STATIC_SHARE_TARGET:
            missed.append(f"lecture/static {share:.1%}")
    print("Missed: " + "; ".join(missed) if missed else "Every target met.")


if __name__ == "__main__":
    main()
