"""Benchmark: the instructor report at 10,000 and 100,000 students, on PostgreSQL (issue 8).

`generate_course` builds a course of each size (timed: its own phases print as it
goes); then, as the course's instructor through Django's test client with DEBUG
off, this prints the median time of the report's first page sorted by each of
the report's sort keys, both ways, for every student and for one cohort, and the
time and memory growth of the whole CSV export. Targets (issue 8): a page under
300 ms at 10,000 students and under 1 s at 100,000; the CSV of 10,000 rows under
5 s; memory growth under 100 MB for either CSV.

The sort keys come from the report's own form (its course-wide columns, and the
two columns of the first and last lectures; --every-column for all of them).
The CSV runs in a child process, so its resident-memory growth (peak VmHWM over
VmRSS before, from Linux's /proc) is the export's alone; tracemalloc's peak of
Python allocations is measured in a second pass.

PostgreSQL only: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/bench_report,
a database of its own that this creates and migrates if missing. It refuses the
`test` and `test_*` databases, which test runs use. The 100,000-student course
(about 5 minutes to generate, 9.7 million rows) is built with --full.

    make bench-report                              # 10,000 students
    make bench-report BENCH_ARGS="--full --reuse"  # and 100,000, keeping built courses
    make bench-report BENCH_ARGS="--reuse --explain"  # and the plans of the slow queries

--explain prints, for the "behind only" page, every query over 20 ms with
PostgreSQL's EXPLAIN (ANALYZE, BUFFERS, SETTINGS): where the time goes, and
whether JIT compiled it (its "JIT:" lines).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

import dj_database_url
import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_report"
SIZES = {"10k": 10_000, "100k": 100_000}
PAGE_TARGET_MS = {"10k": 300, "100k": 1_000}
CSV_TARGET_S = {"10k": 5.0}
CSV_TARGET_MB = 100
# If the report's form cannot be read, these (its course-wide columns) are used.
FALLBACK_SORTS = ("name", "username", "last_activity", "progress", "items", "readings", "overdue")


def database_url() -> str:
    """DATABASE_URL if it names a PostgreSQL database this may use, else exit."""
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    config = dj_database_url.parse(url)
    name = config["NAME"]
    if "postgresql" not in config["ENGINE"]:
        sys.exit(f"report_bench needs PostgreSQL; DATABASE_URL is {config['ENGINE']}.")
    if name == "test" or name.startswith("test_"):
        sys.exit(f"report_bench will not use the “{name}” database: test runs use it.")
    return url


def ensure_database(url: str) -> None:
    """Create the benchmark's database if it is missing (through the server's
    maintenance database, as CREATE DATABASE cannot run inside it)."""
    config = dj_database_url.parse(url)
    params = {
        "host": config["HOST"] or None,
        "port": config["PORT"] or None,
        "user": config["USER"] or None,
        "password": config["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
            print(f"Created database {config['NAME']}.")


def setup_django(url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coursesite.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark")
    # Production settings: DEBUG would keep every query in memory, and time it.
    os.environ["DJANGO_DEBUG"] = "0"
    import django

    # Noise, not figures: axes logs every login, WhiteNoise the uncollected static root.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    django.setup()
    logging.getLogger("axes").setLevel(logging.WARNING)
    from django.conf import settings

    # Not setup_test_environment(): its template instrumentation copies the context
    # on every template render, and the report's cohort filter renders one option
    # template per cohort (3,334 of them at 100,000 students), which doubled the
    # page's time. The client's host is allowed instead.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )


def instructor_client(slug: str):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=f"{slug}-instructor"))
    return client


def report_urls(slug: str) -> tuple[str, str] | None:
    """The report page's and CSV's URLs, or None while the report does not exist."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("lectures:report", args=[slug]), reverse("lectures:report_csv", args=[slug])
    except NoReverseMatch:
        return None


def sort_keys(course, every_column: bool) -> tuple[list[str], list[str]]:
    """(sort keys, directions) as the report's form offers them."""
    try:
        from django.utils import timezone

        from lectures.teaching import reports
        from lectures.teaching.forms import ReportForm

        lectures = reports.report_scope(course, timezone.now()).lectures
        form = ReportForm(cohorts=course.cohorts.all(), sorts=reports.sort_choices(lectures))
        keys = [key for key, _label in form.fields["sort"].choices]
        directions = [key for key, _label in form.fields["dir"].choices]
    except (ImportError, AttributeError, KeyError, TypeError) as problem:
        print(f"  (the report's form could not be read: {problem!r}; using a fixed list)")
        return list(FALLBACK_SORTS), ["asc", "desc"]
    if not every_column and lectures:
        # Every lecture's columns are the same query on another lecture: the first
        # and last stand for them all.
        ends = {lectures[0].pk, lectures[-1].pk}
        keys = [k for k in keys if "-" not in k or int(k.partition("-")[2]) in ends]
    return keys, directions


def median_ms(client, url: str, params: dict, rounds: int) -> tuple[float, int]:
    """The median of `rounds` requests after one to warm up, and the rows shown."""
    response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.status_code)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url, params)
        samples.append(time.perf_counter() - start)
    # Each student's row starts with a row header (templates/lectures/report.html).
    return statistics.median(samples) * 1000, response.content.count(b'<th scope="row">')


def generate(slug: str, students: int, reuse: bool) -> float | None:
    """Build the course (None if --reuse found it already built); returns seconds."""
    from django.core.management import call_command

    from lectures.models import Course, Enrolment

    course = Course.objects.filter(slug=slug).first()
    if reuse and course and Enrolment.objects.filter(course=course).count() == students:
        print(f"Reusing “{slug}” ({students:,} students).")
        return None
    print(f"Generating “{slug}” with {students:,} students:")
    start = time.perf_counter()
    call_command("generate_course", students=students, course=slug, replace=True)
    return time.perf_counter() - start


def vacuum() -> float:
    """VACUUM ANALYZE the tables the report reads: on a live database autovacuum has
    long visited them; freshly loaded ones have no visibility map, so index-only
    scans would read the table too."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from lectures.models import Cohort, CourseSummary, Enrolment, LectureSummary

    start = time.perf_counter()
    models = (get_user_model(), Enrolment, Cohort.members.through, LectureSummary, CourseSummary)
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(model._meta.db_table)}")
    return time.perf_counter() - start


def measure_pages(label: str, slug: str, page_url: str, args) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lectures.models import Course

    course = Course.objects.get(slug=slug)
    cohort = course.cohorts.order_by("name").first()
    client = instructor_client(slug)
    keys, directions = sort_keys(course, args.every_column)
    target = PAGE_TARGET_MS[label]

    with CaptureQueriesContext(connection) as queries:
        client.get(page_url)
    print(f"Report page, first page ({len(queries)} queries), median of {args.rounds}:")
    print(f"  {'sort':<16} {'dir':<5} {'all students':>14} {'one cohort':>12}")
    worst = 0.0
    for key in keys:
        for direction in directions:
            params = {"sort": key, "dir": direction}
            every, shown = median_ms(client, page_url, params, args.rounds)
            one, _ = median_ms(client, page_url, {**params, "cohort": cohort.pk}, args.rounds)
            worst = max(worst, every, one)
            flag = "" if max(every, one) < target else "  OVER TARGET"
            print(f"  {key:<16} {direction:<5} {every:11.0f} ms {one:9.0f} ms  {shown} rows{flag}")
    for name, params in (("search “smith”", {"q": "smith"}), ("behind only", {"behind": "1"})):
        ms, shown = median_ms(client, page_url, params, args.rounds)
        worst = max(worst, ms)
        flag = "" if ms < target else "  OVER TARGET"
        print(f"  {name:<22} {ms:11.0f} ms  {shown} rows{flag}")
    verdict = "within" if worst < target else "OVER"
    print(f"  slowest {worst:.0f} ms: {verdict} the {target} ms target at {label} students")


def explain_page(slug: str, page_url: str, params: dict, slower_than_ms: float = 20) -> None:
    """EXPLAIN (ANALYZE, BUFFERS, SETTINGS) each query of one request to the page that
    took over `slower_than_ms`, run again with the parameters it was sent with."""
    from django.db import connection

    client = instructor_client(slug)
    client.get(page_url, params)  # warm up: the plans below are a warm page's
    sent = []

    def record(execute, statement, query_params, many, context):
        start = time.perf_counter()
        result = execute(statement, query_params, many, context)
        sent.append((statement, query_params, (time.perf_counter() - start) * 1000))
        return result

    with connection.execute_wrapper(record):
        client.get(page_url, params)
    print(f"Queries of {page_url}?{'&'.join(f'{k}={v}' for k, v in params.items())}:")
    for statement, _params, ms in sent:
        print(f"  {ms:7.1f} ms  {statement[:100]}")
    with connection.cursor() as cursor:
        for statement, query_params, ms in sent:
            if ms < slower_than_ms:
                continue
            print(f"\n{ms:.1f} ms: {statement}\n")
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, SETTINGS) {statement}", query_params)
            print("\n".join(line for (line,) in cursor.fetchall()))


def measure_csv(label: str, slug: str) -> None:
    """Run the export in a child process and print what it reports."""
    env = {**os.environ, "DATABASE_URL": os.environ["DATABASE_URL"]}
    child = subprocess.run(
        [sys.executable, __file__, "--csv-child", slug],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if child.returncode:
        print(f"CSV export failed:\n{child.stderr[-2000:]}")
        return
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    seconds, rss, peak = figures["seconds"], figures["rss_growth_mb"], figures["tracemalloc_mb"]
    ok = seconds < CSV_TARGET_S.get(label, float("inf")) and max(rss, peak) < CSV_TARGET_MB
    target = f"{CSV_TARGET_S[label]:.0f} s, " if label in CSV_TARGET_S else ""
    print(
        f"CSV export: {figures['rows']:,} rows, {figures['mb']:.1f} MB in {seconds:.2f} s; "
        f"resident memory +{rss:.1f} MB (peak, from {figures['rss_before_mb']:.0f} MB), "
        f"peak {peak:.1f} MB (tracemalloc)  "
        f"[{'within' if ok else 'OVER'} {target}{CSV_TARGET_MB} MB]"
    )


def csv_child(slug: str) -> None:
    """In a fresh process: the whole CSV, read as a client would, line by line."""
    setup_django(os.environ["DATABASE_URL"])
    client = instructor_client(slug)
    urls = report_urls(slug)
    assert urls is not None
    from lectures.models import Course

    cohort = Course.objects.get(slug=slug).cohorts.order_by("name").first()
    # Warm up on one cohort: imports, templates and the connection are not the export's.
    consume(client, urls[1], {"cohort": cohort.pk})

    before = resident_mb(reset_peak=True)
    start = time.perf_counter()
    rows, size = consume(client, urls[1], {})
    seconds = time.perf_counter() - start
    after = resident_mb(peak=True)

    tracemalloc.start()
    consume(client, urls[1], {})
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    figures = {
        "rows": rows,
        "mb": size / 1024 / 1024,
        "seconds": seconds,
        "rss_growth_mb": after - before,
        "rss_before_mb": before,
        "tracemalloc_mb": peak / 1024 / 1024,
    }
    print(json.dumps(figures))


def resident_mb(*, peak: bool = False, reset_peak: bool = False) -> float:
    """This process's resident memory now (VmRSS), or its peak (VmHWM), in MB.

    Linux's /proc, not getrusage: a child's ru_maxrss starts at its parent's peak
    (it is kept across fork and exec), which would hide the export's growth.
    Writing 5 to clear_refs restarts the peak from the current size.
    """
    if reset_peak:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    field = "VmHWM:" if peak else "VmRSS:"
    with open("/proc/self/status") as status:
        kilobytes = next(int(line.split()[1]) for line in status if line.startswith(field))
    return kilobytes / 1024


def consume(client, url: str, params: dict) -> tuple[int, int]:
    """Data rows and bytes of a streamed CSV, never holding more than a chunk."""
    response = client.get(url, params)
    assert response.status_code == 200 and response.streaming, response.status_code
    lines = size = 0
    for chunk in response.streaming_content:
        lines += chunk.count(b"\n")
        size += len(chunk)
    return lines - 1, size  # less the header


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also 100,000 students")
    parser.add_argument("--reuse", action="store_true", help="keep courses already built")
    parser.add_argument("--rounds", type=int, default=5, help="requests per median")
    parser.add_argument("--every-column", action="store_true", help="every lecture's columns")
    parser.add_argument(
        "--explain", action="store_true", help="the plans of the behind-only page's slow queries"
    )
    parser.add_argument("--csv-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.csv_child:
        csv_child(args.csv_child)
        return

    url = database_url()
    ensure_database(url)
    setup_django(url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    server = connection.cursor().connection.info.parameter_status("server_version")
    print(
        f"PostgreSQL {server}, {os.cpu_count()} CPUs; database {connection.settings_dict['NAME']}"
    )

    began = time.perf_counter()
    labels = ["10k", "100k"] if args.full else ["10k"]
    for label in labels:
        slug = f"bench-{label}"
        print()
        seconds = generate(slug, SIZES[label], args.reuse)
        if seconds is not None:
            print(f"Generated {SIZES[label]:,} students in {seconds:.1f} s.")
        print(f"VACUUM ANALYZE: {vacuum():.1f} s")
        urls = report_urls(slug)
        if urls is None:
            print("The report's URLs (lectures:report, lectures:report_csv) do not exist yet:")
            print("skipping the page and CSV measurements.")
            continue
        measure_pages(label, slug, urls[0], args)
        if args.explain:
            explain_page(slug, urls[0], {"behind": "1"})
        measure_csv(label, slug)
    print(f"\nBenchmark done in {(time.perf_counter() - began) / 60:.1f} minutes.")


if __name__ == "__main__":
    main()
