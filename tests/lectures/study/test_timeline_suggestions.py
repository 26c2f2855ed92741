"""Suggestions on the timeline (issue 17): events the import was unsure of are shown
to the lecture's instructors, with why, to confirm or dismiss; students see an event
only once it is confirmed, and a dismissed one stays gone while its bullet is unchanged."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.test import Client
from django.urls import reverse

from lectures.content.imports import lecture_import
from lectures.models import TimelineEvent, TimelineTombstone
from lectures.notes.prose import languages
from tests.helpers import PASSWORD

NOTES = """Title: Rome
Kings
- Rome was founded in 753 BC.
- The Republic began in 509 BC.
"""


@pytest.fixture
def lecture(course, make_lecture):
    lecture = make_lecture(NOTES)
    lecture.events.filter(when_label="509 BC").update(
        status=TimelineEvent.Status.SUGGESTED, doubt="a date tradition gives"
    )
    return lecture


@pytest.fixture
def suggestion(lecture):
    return lecture.events.get(when_label="509 BC")


def url(name: str, lecture, *args) -> str:
    return reverse(f"lectures:{name}", args=[lecture.course.slug, lecture.slug, *args])


def test_students_do_not_see_a_suggestion(student_client, lecture):
    page = student_client.get(url("timeline", lecture)).content.decode()

    assert "753 BC" in page
    assert "509 BC" not in page
    assert "Suggested events" not in page


def test_instructors_see_each_suggestion_with_why_and_its_answers(instructor_client, lecture):
    page = instructor_client.get(url("timeline", lecture)).content.decode()

    assert "Suggested events" in page
    assert "The Republic began in 509 BC." in page
    assert "Unsure: a date tradition gives" in page
    assert 'aria-live="polite"' in page
    suggestion = lecture.events.get(when_label="509 BC")
    assert url("suggestion_confirm", lecture, suggestion.pk) in page
    assert url("suggestion_dismiss", lecture, suggestion.pk) in page


def test_confirming_shows_the_event_to_students(
    instructor_client, client, student, lecture, suggestion
):
    response = instructor_client.post(url("suggestion_confirm", lecture, suggestion.pk))

    assert response.status_code == 302
    assert response["Location"].endswith("#suggestions")
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.doubt) == ("shown", "")
    student_page = Client()
    student_page.login(username=student.username, password=PASSWORD)
    assert "509 BC" in student_page.get(url("timeline", lecture)).content.decode()
    # The answer counts once: the same post again finds no suggestion.
    again = instructor_client.post(url("suggestion_confirm", lecture, suggestion.pk))
    assert again.status_code == 404


def test_confirming_with_htmx_swaps_the_region_in_place(instructor_client, lecture, suggestion):
    response = instructor_client.post(
        url("suggestion_confirm", lecture, suggestion.pk), headers={"HX-Request": "true"}
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="timeline-region"' in body
    assert "Confirmed “509 BC”" in body
    assert "Suggested events" not in body
    assert "<html" not in body


def test_dismissing_asks_first_then_keeps_it_gone_through_a_reimport(
    instructor_client, make_lecture, lecture, suggestion
):
    ask = instructor_client.get(url("suggestion_dismiss", lecture, suggestion.pk))
    assert ask.status_code == 200
    assert "Dismiss “509 BC”?" in ask.content.decode()
    assert TimelineEvent.objects.filter(pk=suggestion.pk).exists()

    done = instructor_client.post(url("suggestion_dismiss", lecture, suggestion.pk))

    assert done.status_code == 302
    assert not TimelineEvent.objects.filter(pk=suggestion.pk).exists()
    assert TimelineTombstone.objects.filter(lecture=lecture).count() == 1
    make_lecture(NOTES)
    assert list(lecture.events.values_list("when_label", flat=True)) == ["753 BC"]


def test_a_shown_event_is_not_a_suggestion_to_answer(instructor_client, lecture):
    shown = lecture.events.get(when_label="753 BC")

    assert instructor_client.post(url("suggestion_confirm", lecture, shown.pk)).status_code == 404
    assert instructor_client.get(url("suggestion_dismiss", lecture, shown.pk)).status_code == 404


def test_another_courses_instructor_gets_a_404_and_changes_nothing(
    client, other_instructor, foreign_lecture, lecture, suggestion
):
    client.login(username=other_instructor.username, password=PASSWORD)

    assert client.post(url("suggestion_confirm", lecture, suggestion.pk)).status_code == 404
    assert client.post(url("suggestion_dismiss", lecture, suggestion.pk)).status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.status == "suggested"


def test_answering_needs_the_csrf_token(instructor, lecture, suggestion):
    client = Client(enforce_csrf_checks=True)
    client.login(username=instructor.username, password=PASSWORD)

    assert client.post(url("suggestion_confirm", lecture, suggestion.pk)).status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.status == "suggested"


def test_the_instructors_page_reads_its_suggestions_in_one_query(
    instructor_client, lecture, django_assert_num_queries
):
    # As a student's page (test_timeline_page: session, user, lecture with access,
    # count and page of events, the navigation's review count), plus the suggestions.
    with django_assert_num_queries(7):
        instructor_client.get(url("timeline", lecture))


def test_the_import_names_its_new_suggestions_and_where_to_answer_them(
    course, make_lecture, monkeypatch
):
    real = languages.extract_events

    def doubting(text, *args, **kwargs):
        return [
            replace(e, sure=False, doubt="a legend") if "509" in e.when_label else e
            for e in real(text, *args, **kwargs)
        ]

    monkeypatch.setattr(languages, "extract_events", doubting)
    report = lecture_import(course_slug="geo", data=NOTES)

    assert report.events_suggested == ["509 BC: The Republic began in 509 BC. (unsure: a legend)"]
    assert "1 new event is only suggested" in report.summary()
    assert any("timeline events suggested" in line for line in report.lines())
