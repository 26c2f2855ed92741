"""Readings point into their own course; the admin offers the chosen lecture's sections;
action items become readings; assignments stay within the reading's course."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lectures.models import (
    ActionItem,
    Cohort,
    Course,
    Enrolment,
    Reading,
    ReadingAssignment,
    Section,
)
from lectures.teaching.readings import TITLE_MAX_LENGTH, reading_title, readings_from_action_items
from tests.helpers import PASSWORD, SIMPLE_NOTES

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:lectures_reading_add")
LECTURES_URL = reverse("admin:lectures_lecture_changelist")
SECTION_BODY_SQL = '"lectures_section"."body"'


@pytest.fixture
def plates(course):
    return course.lectures.get()


@pytest.fixture
def rivers(course, make_lecture):
    """A second lecture of the course; its sections have the same titles as Plates'."""
    return make_lecture(SIMPLE_NOTES.replace("Plate Tectonics", "Rivers"), course=course.slug)


def errors_of(reading: Reading) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as excinfo:
        reading.full_clean()
    return excinfo.value.message_dict


# -- Reading.clean ------------------------------------------------------------------------


def test_a_section_of_another_lecture_is_refused_on_the_section(course, plates, rivers):
    section = rivers.sections.get(title="Drift")
    reading = Reading(course=course, title="Drift", lecture=plates, section=section)
    assert errors_of(reading) == {
        "section": [
            "“Drift” is in “Rivers”, another lecture: choose a section of “Plate Tectonics”."
        ]
    }


def test_a_section_of_another_course_is_refused_on_the_section(course, plates, foreign_lecture):
    section = foreign_lecture.sections.get(title="Drift")
    reading = Reading(course=course, title="Drift", lecture=plates, section=section)
    message = "“Drift” is in “Volcanoes”, a lecture of another course: choose a section of "
    assert errors_of(reading) == {"section": [message + "“Plate Tectonics”."]}
    # Without a lecture, the section's own lecture would be of another course.
    reading = Reading(course=course, title="Drift", section=section)
    message = "“Drift” is in “Volcanoes”, a lecture of another course: choose one of “Geo”."
    assert errors_of(reading) == {"section": [message]}


def test_a_lecture_of_another_course_is_refused_on_the_lecture(course, foreign_lecture):
    reading = Reading(course=course, title="Volcanoes", lecture=foreign_lecture)
    assert errors_of(reading) == {
        "lecture": ["“Volcanoes” is a lecture of another course: choose one of “Geo”."]
    }


def test_a_section_alone_names_its_lecture(course, rivers):
    reading = Reading(course=course, title="Drift", section=rivers.sections.get(title="Drift"))
    reading.full_clean()
    assert reading.lecture == rivers


def test_a_reading_needs_a_url_or_a_lecture(course):
    assert errors_of(Reading(course=course, title="Nothing")) == {
        "__all__": ["A reading needs a URL or a lecture to point to."]
    }


def test_an_archived_section_is_refused_anew_but_kept_where_it_was(course, plates):
    evidence = plates.sections.get(title="Evidence")
    evidence.archived = True
    evidence.save()
    message = "“Evidence” is archived (hidden from students): choose a visible section."
    reading = Reading(course=course, title="Evidence", lecture=plates, section=evidence)
    assert errors_of(reading) == {"section": [message]}
    kept = Reading.objects.create(course=course, title="Kept", lecture=plates, section=evidence)
    kept.full_clean()  # archived after it was chosen: still valid
    moved = Reading.objects.create(course=course, title="Moved", lecture=plates)
    moved.section = evidence
    assert errors_of(moved) == {"section": [message]}


# -- the admin's section choices ----------------------------------------------------------


def section_options(html: str) -> list[tuple[str, str, str]]:
    """(optgroup label or "", data-lecture, option text) of the section select's options."""
    select = re.search(r'<select name="section".*?</select>', html, re.S).group()
    found, group = [], ""
    for tag in re.finditer(r'<optgroup label="([^"]*)">|<option ([^>]*)>([^<]*)</option>', select):
        if tag.group(1) is not None:
            group = tag.group(1)
        elif 'value=""' not in tag.group(2):
            lecture = re.search(r'data-lecture="(\d+)"', tag.group(2)).group(1)
            found.append((group, lecture, tag.group(3)))
    return found


def test_the_add_page_groups_visible_sections_under_their_lectures(
    instructor_client, plates, rivers, foreign_lecture
):
    rivers.sections.filter(title="Evidence").update(archived=True)
    response = instructor_client.get(ADD_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert section_options(html) == [
        ("Plate Tectonics", str(plates.pk), "Drift"),
        ("Plate Tectonics", str(plates.pk), "Evidence"),
        ("Rivers", str(rivers.pk), "Drift"),
    ]
    assert 'src="/static/js/reading_admin.js"' in html
    lectures = response.context["adminform"].form.fields["lecture"].queryset
    assert set(lectures) == {plates, rivers}


def test_the_change_page_offers_the_readings_lecture_sections(
    instructor_client, course, plates, rivers
):
    drift = rivers.sections.get(title="Drift")
    reading = Reading.objects.create(course=course, title="R", lecture=rivers, section=drift)
    rivers.sections.filter(title="Drift").update(archived=True)  # since the reading chose it
    response = instructor_client.get(reverse("admin:lectures_reading_change", args=[reading.pk]))
    html = response.content.decode()
    assert section_options(html) == [
        ("", str(rivers.pk), "Drift (archived)"),
        ("", str(rivers.pk), "Evidence"),
    ]
    assert f'<option value="{drift.pk}" selected' in html
    # Saved unchanged, it keeps its section.
    data = {"course": course.pk, "title": "R", "url": "", "lecture": rivers.pk}
    response = instructor_client.post(
        reverse("admin:lectures_reading_change", args=[reading.pk]),
        {**data, "section": drift.pk, "note": ""},
    )
    assert response.status_code == 302
    reading.refresh_from_db()
    assert reading.section == drift


@pytest.mark.parametrize("who", ["instructor", "superuser"])
def test_no_query_loads_a_section_body_on_the_reading_pages(
    client, course, plates, rivers, foreign_lecture, make_user, who
):
    if who == "superuser":
        make_user("root", is_staff=True, is_superuser=True)  # choices not scoped
    client.login(username="root" if who == "superuser" else "instructor", password=PASSWORD)
    reading = Reading.objects.create(course=course, title="R", lecture=plates)
    change_url = reverse("admin:lectures_reading_change", args=[reading.pk])
    evidence = rivers.sections.get(title="Evidence")
    post = {"course": course.pk, "title": "E", "url": "", "lecture": rivers.pk, "note": ""}
    with CaptureQueriesContext(connection) as queries:
        assert client.get(ADD_URL).status_code == 200
        assert client.get(change_url).status_code == 200
        assert client.post(ADD_URL, {**post, "section": evidence.pk}).status_code == 302
    assert not [q["sql"] for q in queries if SECTION_BODY_SQL in q["sql"]]
    # The marker is what a query reading bodies contains, so the check above can fail.
    with CaptureQueriesContext(connection) as control:
        list(Section.objects.all()[:1])
    assert SECTION_BODY_SQL in control[0]["sql"]


def test_the_admin_refuses_a_section_of_another_lecture_with_a_clear_message(
    instructor_client, course, plates, rivers
):
    data = {"course": course.pk, "title": "E", "url": "", "lecture": plates.pk, "note": ""}
    response = instructor_client.post(
        ADD_URL, {**data, "section": rivers.sections.get(title="Evidence").pk}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["section"] == [
        "“Evidence” is in “Rivers”, another lecture: choose a section of “Plate Tectonics”."
    ]
    assert not Reading.objects.exists()


def test_the_admin_refuses_another_courses_section(
    instructor_client, course, plates, foreign_lecture
):
    # Not offered, and not accepted when posted anyway.
    data = {"course": course.pk, "title": "V", "url": "", "lecture": plates.pk, "note": ""}
    response = instructor_client.post(
        ADD_URL, {**data, "section": foreign_lecture.sections.first().pk}
    )
    assert "section" in response.context["adminform"].form.errors
    assert not Reading.objects.exists()


# -- action items into readings -------------------------------------------------------------


def test_reading_title_shortens_long_text_at_a_word():
    text = "Read " + "the chapter on plate boundaries and " * 10
    title = reading_title(text)
    assert len(title) <= TITLE_MAX_LENGTH and title.endswith("…")
    kept = title[:-1]
    assert text.startswith(kept) and text[len(kept)] == " "  # a whole word
    assert reading_title("Short.") == "Short."
    assert reading_title("x" * 300) == "x" * (TITLE_MAX_LENGTH - 1) + "…"


def messages_of(response) -> list[str]:
    return [m.message for m in get_messages(response.wsgi_request)]


def run_action(client, *lectures):
    return client.post(
        LECTURES_URL,
        {"action": "action_items_to_readings", "_selected_action": [x.pk for x in lectures]},
        follow=True,
    )


def test_action_items_become_readings_once(instructor_client, course, plates, rivers):
    long_text = "Compare " + "the fossil record on either side of the Atlantic, " * 6
    ActionItem.objects.create(lecture=plates, text=long_text.strip(), position=9)
    response = run_action(instructor_client, plates, rivers)
    assert messages_of(response) == ["Created 5 readings from action items; 0 already existed."]
    readings = Reading.objects.filter(lecture=plates).order_by("pk")
    assert [(r.course, r.url, r.section) for r in readings] == [(course, "", None)] * 3
    assert [r.title for r in readings][:2] == ["Read chapter 3.", "Sketch a plate boundary."]
    shortened = readings[2]
    assert shortened.title.endswith("…") and len(shortened.title) <= TITLE_MAX_LENGTH
    assert shortened.note == long_text.strip()
    assert readings[0].note == ""

    response = run_action(instructor_client, plates, rivers)
    assert messages_of(response) == ["Created 0 readings from action items; 5 already existed."]
    assert Reading.objects.count() == 5


def test_readings_from_action_items_adds_only_new_items(course, plates):
    assert readings_from_action_items(lecture=plates) == (2, 0)
    Reading.objects.filter(title="Read chapter 3.").update(note="Pages 40–60.")
    ActionItem.objects.create(lecture=plates, text="Name three plates.", position=5)
    assert readings_from_action_items(lecture=plates) == (1, 2)
    assert Reading.objects.get(title="Read chapter 3.").note == "Pages 40–60."


def test_the_action_reaches_only_the_instructors_lectures(
    instructor_client, plates, foreign_lecture
):
    changelist = instructor_client.get(LECTURES_URL)
    assert list(changelist.context["cl"].result_list) == [plates]
    assert "action_items_to_readings" in changelist.content.decode()
    # A posted id outside the changelist's queryset selects nothing.
    response = run_action(instructor_client, foreign_lecture)
    assert not Reading.objects.exists()
    assert messages_of(response) == ["The selected lectures have no action items."]


def test_the_action_is_offered_on_lectures_only(instructor_client, course):
    page = instructor_client.get(reverse("admin:lectures_cohort_changelist"))
    assert "action_items_to_readings" not in page.content.decode()


# -- assignments ------------------------------------------------------------------------------


@pytest.fixture
def reading(course, plates):
    return Reading.objects.create(course=course, title="Drift", lecture=plates)


def assign(client, reading, **fields):
    data = {"reading": reading.pk, "student": "", "cohort": "", "note": "", **fields}
    return client.post(reverse("admin:lectures_readingassignment_add"), data)


def test_an_assignment_goes_to_an_enrolled_student_with_a_note(
    instructor_client, instructor, reading, student
):
    form = instructor_client.get(reverse("admin:lectures_readingassignment_add"))
    assert "note" in form.context["adminform"].form.fields
    response = assign(instructor_client, reading, student=student.pk, note="Before Monday.")
    assert response.status_code == 302
    assignment = ReadingAssignment.objects.get()
    assert (assignment.student, assignment.note, assignment.assigned_by) == (
        student,
        "Before Monday.",
        instructor,
    )


def test_an_assignment_refuses_another_courses_cohort_and_strangers(
    course, instructor, reading, foreign_lecture, other_student
):
    other_cohort = Cohort.objects.create(course=foreign_lecture.course, name="Reds")
    with pytest.raises(ValidationError) as excinfo:
        ReadingAssignment(reading=reading, cohort=other_cohort, assigned_by=instructor).full_clean()
    assert excinfo.value.message_dict == {
        "cohort": ["“Reds” is a cohort of another course: choose one of “Geo”."]
    }
    with pytest.raises(ValidationError) as excinfo:
        ReadingAssignment(
            reading=reading, student=other_student, assigned_by=instructor
        ).full_clean()
    assert excinfo.value.message_dict == {"student": ["“other_student” is not enrolled in “Geo”."]}
    own = Cohort.objects.create(course=course, name="Blues")
    ReadingAssignment(reading=reading, cohort=own, assigned_by=instructor).full_clean()


def test_the_assignment_admin_shows_the_refusal_on_the_field(
    instructor_client, instructor, reading, make_user
):
    # A student of another course the instructor teaches: offered among their
    # people, refused for this reading.
    second = Course.objects.create(title="Second", slug="second")
    second.instructors.add(instructor)
    outsider = make_user("outsider")
    Enrolment.objects.create(course=second, user=outsider)
    response = assign(instructor_client, reading, student=outsider.pk)
    assert response.context["adminform"].form.errors["student"] == [
        "“outsider” is not enrolled in “Geo”."
    ]
    assert not ReadingAssignment.objects.exists()
