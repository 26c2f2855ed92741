"""The timeline page: one page of events at a time, never a section's body (issue 7)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lectures.models import TimelineEvent
from lectures.notes.prose import When
from lectures.study.selectors import TIMELINE_PAGE_SIZE

pytestmark = pytest.mark.django_db

PAGE = TIMELINE_PAGE_SIZE
NAV = '<nav aria-label="Timeline pages"'


def chronology(n_events: int, title: str = "Chronology") -> str:
    """Notes whose one section has `n_events` dated bullets, a year apart from 1800.

    The reference is "R" plus a number so that it never reads as a year itself.
    """
    bullets = "".join(f"- {1800 + i}: pact R{i} signed.\n" for i in range(n_events))
    return f"Title: {title}\nOverview\nDates.\nEvents\n{bullets}"


def timeline_url(lecture) -> str:
    return reverse("lectures:timeline", args=[lecture.course.slug, lecture.slug])


def years(body: str) -> list[int]:
    return [int(label) for label in re.findall(r'<time datetime="[^"]+">(\d+)</time>', body)]


@pytest.mark.parametrize("n_events", [10, 2 * PAGE + PAGE // 2])
def test_query_count_does_not_grow_with_events(
    student_client, course, make_lecture, django_assert_num_queries, n_events
):
    lecture = make_lecture(chronology(n_events))
    # session, user, lecture with access, count of events, one page of events
    # joined to their sections' slugs and titles, the navigation's review count
    with django_assert_num_queries(6):
        response = student_client.get(timeline_url(lecture))
    assert len(years(response.content.decode())) == min(n_events, PAGE)


def test_no_query_reads_a_section_body(student_client, course, make_lecture):
    lecture = make_lecture(chronology(PAGE + 1))
    with CaptureQueriesContext(connection) as queries:
        response = student_client.get(timeline_url(lecture))
    sql = [query["sql"] for query in queries.captured_queries]
    assert any('"lectures_section"."title"' in statement for statement in sql)
    assert not any('"lectures_section"."body"' in statement for statement in sql)
    event = response.context["events"][0]
    assert event.section.slug == "events"
    assert "body" in event.section.get_deferred_fields()


def test_page_two_shows_the_later_events(student_client, course, make_lecture):
    lecture = make_lecture(chronology(2 * PAGE + PAGE // 2))
    first = student_client.get(timeline_url(lecture)).content.decode()
    second = student_client.get(timeline_url(lecture), {"page": 2}).content.decode()
    assert years(first) == list(range(1800, 1800 + PAGE))
    assert years(second) == list(range(1800 + PAGE, 1800 + 2 * PAGE))
    assert NAV in second
    assert "Page 2 of 3" in second
    assert 'href="?page=1" rel="prev"' in second and 'href="?page=3" rel="next"' in second
    assert 'rel="prev"' not in first
    assert "<title>Timeline, page 2 of 3 · Chronology · Course site</title>" in second


@pytest.mark.parametrize(
    ("page", "shown"), [("99", "Page 3 of 3"), ("-1", "Page 3 of 3"), ("two", "Page 1 of 3")]
)
def test_a_page_out_of_range_or_not_a_number_shows_the_last_or_first(
    student_client, course, make_lecture, page, shown
):
    lecture = make_lecture(chronology(2 * PAGE + PAGE // 2))
    response = student_client.get(timeline_url(lecture), {"page": page})
    assert response.status_code == 200
    assert shown in response.content.decode()


def test_no_page_nav_when_every_event_fits_one_page(student_client, course, make_lecture):
    lecture = make_lecture(chronology(PAGE))
    body = student_client.get(timeline_url(lecture)).content.decode()
    assert len(years(body)) == PAGE
    assert NAV not in body and "Page 1 of" not in body
    lecture = make_lecture(chronology(PAGE + 1, title="Longer"))
    assert NAV in student_client.get(timeline_url(lecture)).content.decode()


def test_event_text_drops_its_date_and_links_its_section(student_client, course, make_lecture):
    lecture = make_lecture(chronology(1))
    body = student_client.get(timeline_url(lecture)).content.decode()
    assert '<p lang="en">pact R0 signed.</p>' in body
    assert f'href="{lecture.get_absolute_url()}#events">Read “Events”</a>' in body


def test_events_of_archived_sections_are_hidden_and_unsectioned_ones_shown(
    student_client, course, make_lecture
):
    lecture = make_lecture(chronology(3))
    lecture.sections.update(archived=True)
    TimelineEvent.objects.create(
        lecture=lecture, when_label="1900", start_year=1900, text="Added by hand."
    )
    body = student_client.get(timeline_url(lecture)).content.decode()
    assert years(body) == [1900]
    assert "Added by hand." in body and "Read “" not in body


def test_empty_timeline_has_no_page_nav(student_client, course, make_lecture):
    lecture = make_lecture("Title: Quiet\nOverview\nNothing dated.\nPart\n- No dates.\n")
    body = student_client.get(timeline_url(lecture)).content.decode()
    assert "No dated events in this lecture" in body
    assert NAV not in body


def test_timeline_is_read_only(student_client, course):
    lecture = course.lectures.get()
    assert student_client.post(timeline_url(lecture)).status_code == 405


def test_a_span_shows_as_one_event_from_start_to_end(student_client, course):
    lecture = course.lectures.get()
    TimelineEvent.objects.create(
        lecture=lecture,
        when_label="1961–1989",
        start_year=1961,
        end_year=1989,
        end_precision="year",
        text="The Berlin Wall divided the city.",
    )
    body = student_client.get(timeline_url(lecture)).content.decode()
    assert body.count("The Berlin Wall divided the city.") == 1
    assert '<p class="timeline-when is-span"><time datetime="1961">1961–1989</time>' in body
    assert "(from 1961 to 1989)" in body


@pytest.mark.parametrize(
    ("label", "start", "end", "spoken"),
    [
        # A span within one year read "from 1945 to 1945" (issue 17).
        (
            "March–May 1945",
            When(1945, "month", 3),
            When(1945, "month", 5),
            "from March to May 1945",
        ),
        ("27 BC–AD 14", When(-27), When(14), "from 27 BC to AD 14"),
    ],
)
def test_a_span_is_said_with_its_real_ends(student_client, course, label, start, end, spoken):
    lecture = course.lectures.get()
    event = TimelineEvent(lecture=lecture, when_label=label, text="Something happened then.")
    event.start, event.end = start, end
    event.save()

    body = student_client.get(timeline_url(lecture)).content.decode()

    assert f'<span class="visually-hidden"> ({spoken})</span>' in body
    # HTML's <time> cannot carry a BC year: the label is shown without it.
    wrapped = (
        f'<time datetime="{start.iso()}">{label}</time>'
        if start.year > 0
        else f"<span>{label}</span>"
    )
    assert wrapped in body


@pytest.mark.parametrize(
    "columns",
    [
        {"start_year": 1989, "end_year": 1961, "end_precision": "year"},
        {"start_year": -14, "end_year": -27, "end_precision": "year"},
        {"start_year": 0},
        {"start_year": 1961, "start_month": 13, "start_precision": "month"},
        {"start_year": 1961, "start_month": 2, "start_day": 32, "start_precision": "day"},
        {"start_year": 1961, "start_precision": "era"},
    ],
)
def test_the_database_refuses_an_impossible_date(course, columns):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        TimelineEvent.objects.create(
            lecture=course.lectures.get(), when_label="Impossible", text="No.", **columns
        )
