"""Students study a lecture: dashboard, lecture page, glossary, timeline, progress."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from lectures.models import (
    ActionItemProgress,
    Cohort,
    Enrolment,
    Reading,
    ReadingAssignment,
    SectionProgress,
)
from tests.helpers import PASSWORD, SIMPLE_NOTES, notes_with

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def lecture(course):
    return course.lectures.get()


def lecture_url(lecture, name="lecture_detail", *extra):
    return reverse(f"lectures:{name}", args=[lecture.course.slug, lecture.slug, *extra])


# --- access ---------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", "/progress/", "/courses/geo/", "/courses/geo/plate-tectonics/"]
)
def test_pages_require_login(client, course, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")


def test_lecture_of_course_not_enrolled_in_is_404(student_client, foreign_lecture):
    for name in ("lecture_detail", "glossary", "timeline"):
        assert student_client.get(lecture_url(foreign_lecture, name)).status_code == 404
    assert student_client.get(foreign_lecture.course.get_absolute_url()).status_code == 404


def test_unpublished_lecture_hidden_from_students_shown_to_instructor(
    client, student_client, lecture, instructor
):
    lecture.published = False
    lecture.save()
    assert student_client.get(lecture_url(lecture)).status_code == 404
    client.logout()
    client.login(username=instructor.username, password=PASSWORD)
    response = client.get(lecture_url(lecture))
    assert response.status_code == 200
    assert "draft" in response.content.decode()


def test_logout_is_a_post(student_client):
    assert student_client.get("/accounts/logout/").status_code == 405
    assert student_client.post("/accounts/logout/").status_code == 302
    assert student_client.get("/").status_code == 302


# --- dashboard ------------------------------------------------------------


def test_dashboard_shows_courses_progress_and_continue_link(student_client, student, lecture):
    SectionProgress.objects.create(user=student, section=lecture.sections.get(slug="drift"))
    body = student_client.get("/").content.decode()
    assert "Plate Tectonics" in body
    # 1 of 2 sections and 0 of 2 items: 1 of 4.
    assert 'max="4" value="1"' in body
    assert f'href="{lecture.get_absolute_url()}#evidence">Continue' in body
    assert "No readings have been assigned to you" in body


def test_dashboard_hides_other_courses(student_client, foreign_lecture):
    assert "Volcanoes" not in student_client.get("/").content.decode()


def test_dashboard_empty_state_for_unenrolled_user(client, other_student):
    client.login(username=other_student.username, password=PASSWORD)
    assert "not enrolled in any course" in client.get("/").content.decode()


def test_dashboard_lists_readings_assigned_directly_and_by_cohort(
    student_client, student, other_student, course, lecture, instructor
):
    own = Reading.objects.create(course=course, title="Chapter 3", url="https://example.com/3")
    shared = Reading.objects.create(course=course, title="Drift notes", lecture=lecture)
    hidden = Reading.objects.create(course=course, title="Not yours", url="https://example.com/x")
    cohort = Cohort.objects.create(course=course, name="A")
    cohort.members.add(student)
    ReadingAssignment.objects.create(reading=own, student=student, assigned_by=instructor)
    ReadingAssignment.objects.create(reading=shared, cohort=cohort, assigned_by=instructor)
    ReadingAssignment.objects.create(reading=hidden, student=other_student, assigned_by=instructor)
    body = student_client.get("/").content.decode()
    assert "Chapter 3" in body and "Drift notes" in body
    assert "Not yours" not in body


# --- lecture page ---------------------------------------------------------


def test_lecture_page_renders_sections_items_terms_and_links_terms(student_client, lecture):
    body = student_client.get(lecture_url(lecture)).content.decode()
    assert "How continents move, and why it matters." in body
    assert body.index('id="drift"') < body.index('id="evidence"')
    assert "Mark as read" in body
    assert "Read chapter 3." in body and 'aria-pressed="false"' in body
    assert "<dd>one plate sliding under another.</dd>" in body
    glossary = lecture_url(lecture, "glossary")
    assert f'href="{glossary}#term-subduction"' in body


def test_lecture_page_escapes_raw_html_in_notes(student_client, make_lecture, course):
    notes = SIMPLE_NOTES.replace(
        "- Matching fossils on distant coasts.", "- <script>alert(1)</script> fossils."
    )
    make_lecture(notes)
    body = student_client.get(reverse("lectures:lecture_detail", args=["geo", "plate-tectonics"]))
    html = body.content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_archived_section_is_hidden(student_client, lecture):
    lecture.sections.filter(slug="evidence").update(archived=True)
    assert 'id="evidence"' not in student_client.get(lecture_url(lecture)).content.decode()


@pytest.mark.parametrize("n_sections", [10, 100])
def test_lecture_page_query_count_is_constant(
    student_client, student, course, make_lecture, django_assert_num_queries, n_sections
):
    big = make_lecture(notes_with(n_sections))
    for section in big.sections.all()[: n_sections // 2]:
        SectionProgress.objects.create(user=student, section=section)
    # The first request builds what every student sees (lectures.content.cache): its
    # sections, terms and items, three queries more, whatever their number; and as
    # the student's first visit, records it and makes the lecture's key terms due for
    # review (in a savepoint: two inserts), whatever their number.
    with django_assert_num_queries(13):
        student_client.get(lecture_url(big))
    # Then: session, user, lecture with the student's standing in its course, the
    # sections read, items done and the earlier visit, quizzes with best scores, the
    # navigation's count of review cards due.
    with django_assert_num_queries(6):
        response = student_client.get(lecture_url(big))
    assert response.content.decode().count("Mark as unread") == n_sections // 2


# --- marking progress -----------------------------------------------------


def test_mark_section_read_without_javascript_redirects_back(student_client, student, lecture):
    section = lecture.sections.get(slug="drift")
    response = student_client.post(
        lecture_url(lecture, "section_mark_read", section.pk), {"done": "1"}
    )
    assert response.status_code == 302
    assert response.url == f"{lecture.get_absolute_url()}#drift"
    assert SectionProgress.objects.filter(user=student, section=section).exists()
    body = student_client.get(response.url).content.decode()
    assert "Mark as unread" in body and 'max="4" value="1"' in body


def test_mark_section_read_htmx_returns_fragment_with_oob_progress(
    student_client, student, lecture, django_assert_max_num_queries, django_assert_num_queries
):
    section = lecture.sections.get(slug="drift")
    url = lecture_url(lecture, "section_mark_read", section.pk)
    student_client.get(lecture_url(lecture))  # as a student toggles: from the page
    # Session, user, section with access, state and counts; in a savepoint: the
    # student's course summary locked (created on this first write: insert, lock
    # again), progress looked up and inserted, course and lecture summaries stepped
    # (the lecture's created on this first write: insert, recount both), the
    # section's review cards made due.
    with django_assert_max_num_queries(15):
        response = student_client.post(url, {"done": "1"}, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert len(response.content) < 4096
    assert "<html" not in body
    assert body.lstrip().startswith('<form class="toggle-form"')
    assert "Mark as unread" in body
    assert (
        'id="lecture-progress" class="progress-panel" aria-live="polite" hx-swap-oob="true"' in body
    )
    assert 'max="4" value="1"' in body
    assert f'id="toc-{section.pk}" hx-swap-oob="true"' in body

    # With the summary rows in place: session, user, section; savepoint, lock,
    # progress looked up, deleted, the two summaries stepped, release.
    with django_assert_num_queries(10):
        response = student_client.post(url, {"done": "0"}, headers=HTMX)
    assert 'max="4" value="0"' in response.content.decode()
    assert not SectionProgress.objects.filter(user=student).exists()
    # And back: the same, an insert for the delete, and the section's review cards
    # made due again (those already due keep their schedule).
    with django_assert_num_queries(11):
        response = student_client.post(url, {"done": "1"}, headers=HTMX)
    assert 'max="4" value="1"' in response.content.decode()


def test_marking_twice_is_idempotent(student_client, student, lecture):
    section = lecture.sections.get(slug="drift")
    url = lecture_url(lecture, "section_mark_read", section.pk)
    student_client.post(url, {"done": "1"}, headers=HTMX)
    response = student_client.post(url, {"done": "1"}, headers=HTMX)
    assert SectionProgress.objects.filter(user=student, section=section).count() == 1
    assert 'max="4" value="1"' in response.content.decode()


@pytest.mark.parametrize("data", [{}, {"done": "maybe"}, {"done": "true"}])
def test_tampered_toggle_changes_nothing(student_client, lecture, data):
    section = lecture.sections.get(slug="drift")
    url = lecture_url(lecture, "section_mark_read", section.pk)
    assert student_client.post(url, data).status_code == 400
    response = student_client.post(url, data, headers=HTMX)
    assert response.status_code == 200
    assert "not understood" in response.content.decode()
    assert not SectionProgress.objects.exists()


def test_toggle_wrong_method_is_405(student_client, lecture):
    section = lecture.sections.get(slug="drift")
    response = student_client.get(lecture_url(lecture, "section_mark_read", section.pk))
    assert response.status_code == 405


def test_toggle_in_foreign_course_is_404(student_client, foreign_lecture):
    section = foreign_lecture.sections.first()
    item = foreign_lecture.action_items.first()
    url = lecture_url(foreign_lecture, "section_mark_read", section.pk)
    assert student_client.post(url, {"done": "1"}).status_code == 404
    url = lecture_url(foreign_lecture, "item_mark_done", item.pk)
    assert student_client.post(url, {"done": "1"}).status_code == 404
    assert not SectionProgress.objects.exists() and not ActionItemProgress.objects.exists()


def test_section_id_must_belong_to_the_lecture_in_the_url(
    student_client, make_lecture, lecture, course
):
    other = make_lecture(SIMPLE_NOTES.replace("Plate Tectonics", "Rivers"))
    section = other.sections.first()
    response = student_client.post(
        lecture_url(lecture, "section_mark_read", section.pk), {"done": "1"}
    )
    assert response.status_code == 404


def test_toggle_needs_csrf(client, student, lecture):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.login(username=student.username, password=PASSWORD)
    section = lecture.sections.get(slug="drift")
    response = csrf_client.post(
        lecture_url(lecture, "section_mark_read", section.pk), {"done": "1"}, headers=HTMX
    )
    assert response.status_code == 403
    assert not SectionProgress.objects.exists()


def test_action_item_toggle(student_client, student, lecture, django_assert_max_num_queries):
    item = lecture.action_items.get(text="Read chapter 3.")
    url = lecture_url(lecture, "item_mark_done", item.pk)
    student_client.get(lecture_url(lecture))
    # As the first section toggle: the first write creates the summary rows; one
    # more looks for a reading made from the item (it is done with the item).
    with django_assert_max_num_queries(15):
        response = student_client.post(url, {"done": "1"}, headers=HTMX)
    body = response.content.decode()
    assert len(response.content) < 4096
    assert 'aria-pressed="true"' in body and 'max="4" value="1"' in body
    assert ActionItemProgress.objects.filter(user=student, item=item).exists()
    response = student_client.post(url, {"done": "0"})
    assert response.url.endswith("#action-items")
    assert not ActionItemProgress.objects.exists()


def test_progress_survives_reimport(student_client, student, lecture):
    from lectures.content.imports import lecture_import

    section = lecture.sections.get(slug="drift")
    student_client.post(lecture_url(lecture, "section_mark_read", section.pk), {"done": "1"})
    lecture_import(course_slug="geo", data=SIMPLE_NOTES.replace("a year.", "each year."))
    assert "Mark as unread" in student_client.get(lecture_url(lecture)).content.decode()


# --- glossary and timeline -------------------------------------------------


def test_glossary_search_by_alias_and_without_javascript(student_client, lecture):
    response = student_client.get(lecture_url(lecture, "glossary"), {"q": "MOR"})
    body = response.content.decode()
    assert "Mid-Ocean Ridge" in body and "Subduction" not in body
    assert "1 term matches “MOR”." in body
    assert 'id="term-mid-ocean-ridge"' in body


def test_glossary_search_htmx_returns_results_only(student_client, lecture):
    response = student_client.get(
        lecture_url(lecture, "glossary"),
        {"q": "plate"},
        headers={**HTMX, "HX-Target": "glossary-results"},
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="glossary-results" aria-live="polite">')
    assert "Subduction" in body and "Mid-Ocean" not in body
    assert "<html" not in body


def test_glossary_no_match_empty_state(student_client, lecture):
    body = student_client.get(lecture_url(lecture, "glossary"), {"q": "zzz"}).content.decode()
    assert "No term matches “zzz”" in body


def test_timeline_in_date_order_linking_sections(student_client, lecture):
    body = student_client.get(lecture_url(lecture, "timeline")).content.decode()
    labels = re.findall(r'<time datetime="[^"]+">([^<]+)</time>', body)
    assert labels == ["1912"]
    assert f'href="{lecture.get_absolute_url()}#drift"' in body


def test_timeline_empty_state(student_client, make_lecture, course):
    empty = make_lecture("Title: Quiet\nOverview\nNothing dated here.\nPart\n- No dates.\n")
    body = student_client.get(lecture_url(empty, "timeline")).content.decode()
    assert "No dated events in this lecture" in body


# --- progress page --------------------------------------------------------


def test_progress_page_shows_only_own_progress(
    student_client, student, other_student, lecture, course
):
    Enrolment.objects.create(course=course, user=other_student)
    for section in lecture.sections.all():
        SectionProgress.objects.create(user=other_student, section=section)
    ActionItemProgress.objects.create(user=student, item=lecture.action_items.first())
    body = student_client.get("/progress/").content.decode()
    assert "0 of 2" in body  # sections read: the other student's reads do not count
    assert "1 of 2" in body  # action items done
    assert 'aria-label="Course progress: 25%"' in body


def test_every_page_sends_a_strict_csp(student_client, lecture):
    pages = [
        "/",
        "/progress/",
        lecture.course.get_absolute_url(),
        lecture_url(lecture),
        lecture_url(lecture, "glossary"),
        lecture_url(lecture, "timeline"),
        "/accounts/password_change/",
    ]
    for url in pages:
        response = student_client.get(url)
        policy = response.headers["Content-Security-Policy"]
        for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'"):
            assert directive in policy
        assert "unsafe" not in policy
        assert not re.search(r"<script(?![^>]*\bsrc=)", response.content.decode())
        assert " style=" not in response.content.decode()
        assert " on" + "click=" not in response.content.decode()


def _next_step(body: str) -> str:
    return body.split('id="next-heading"', 1)[1].split("</section>", 1)[0]


def test_what_to_do_next_puts_an_overdue_reading_before_unread_sections(
    student_client, student, instructor, lecture
):
    reading = Reading.objects.create(
        course=lecture.course, title="Chapter 9", url="https://x.org/9"
    )
    due = timezone.now() + dt.timedelta(days=3)
    assignment = ReadingAssignment.objects.create(
        reading=reading, student=student, assigned_by=instructor, due_at=due
    )
    # Due in three days, with sections unread: the lecture first.
    step = _next_step(student_client.get("/").content.decode())
    assert "Plate Tectonics" in step and "Chapter 9" not in step

    ReadingAssignment.objects.filter(pk=assignment.pk).update(
        due_at=timezone.now() - dt.timedelta(days=1)
    )
    step = _next_step(student_client.get("/").content.decode())
    assert "Chapter 9" in step and "overdue" in step and "Plate Tectonics" not in step
    assert 'href="https://x.org/9"' in step

    # Once done, the lecture again.
    done_url = reverse("lectures:reading_mark_done", args=["geo", reading.pk])
    student_client.post(done_url, {"done": "1"})
    step = _next_step(student_client.get("/").content.decode())
    assert "Plate Tectonics" in step and "Chapter 9" not in step


def test_what_to_do_next_offers_a_reading_once_the_lectures_are_done(
    student_client, student, instructor, lecture
):
    for section in lecture.sections.all():
        SectionProgress.objects.create(user=student, section=section)
    for item in lecture.action_items.all():
        ActionItemProgress.objects.create(user=student, item=item)
    assert "What to do next" not in student_client.get("/").content.decode()
    reading = Reading.objects.create(course=lecture.course, title="Chapter 9", lecture=lecture)
    ReadingAssignment.objects.create(reading=reading, student=student, assigned_by=instructor)
    step = _next_step(student_client.get("/").content.decode())
    assert "Chapter 9" in step and "a reading assigned to you" in step


# A valid global date and time string (HTML): at most three digits of a second's fraction.
HTML_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:?\d\d)")


@pytest.mark.parametrize("zone", ["UTC", "Europe/Paris"])
def test_time_elements_carry_no_microseconds(
    student_client, student, instructor, lecture, settings, zone
):
    settings.TIME_ZONE = zone
    reading = Reading.objects.create(course=lecture.course, title="Chapter 9", lecture=lecture)
    due = dt.datetime(2031, 5, 6, 7, 8, 9, 123456, tzinfo=dt.UTC)
    ReadingAssignment.objects.create(
        reading=reading, student=student, assigned_by=instructor, due_at=due
    )
    body = student_client.get("/").content.decode()
    values = re.findall(r'<time datetime="([^"]*)"', body)
    assert values and all(HTML_DATETIME.fullmatch(value) for value in values), values
    expected = "2031-05-06T07:08:09+00:00" if zone == "UTC" else "2031-05-06T09:08:09+02:00"
    assert expected in values


def test_instructor_sees_teaching_section(client, instructor, course):
    client.login(username=instructor.username, password=PASSWORD)
    body = client.get("/").content.decode()
    assert "Teaching" in body and "fine edits in the admin" in body
    assert f'href="/courses/{course.slug}/teach/"' in body
    # Their own course is not presented as study to finish.
    assert "What to do next" not in body and "Continue" not in body
    assert "Courses you study" not in body


def test_dashboard_and_progress_queries_do_not_grow_with_courses(
    student_client, student, make_lecture, course, instructor
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert student_client.get(url).status_code == 200
        return len(queries)

    def add_course(slug: str) -> None:
        lecture = make_lecture(course=slug)
        Enrolment.objects.create(course=lecture.course, user=student)
        reading = Reading.objects.create(course=lecture.course, title=f"R {slug}", lecture=lecture)
        ReadingAssignment.objects.create(reading=reading, student=student, assigned_by=instructor)

    add_course("first")
    before = {url: count(url) for url in ("/", "/progress/")}
    for slug in ("second", "third", "fourth"):
        add_course(slug)
    assert {url: count(url) for url in ("/", "/progress/")} == before


def test_progress_pages_are_not_cached_and_fragments_vary(student_client, lecture):
    for url in ["/", "/progress/", lecture.course.get_absolute_url(), lecture_url(lecture)]:
        assert "no-store" in student_client.get(url)["Cache-Control"]
    response = student_client.get(lecture_url(lecture, "glossary"))
    assert "HX-Request" in response["Vary"]
