"""Timeline events come from dated bullets, and instructors' edits to them survive re-imports."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from lectures.content.imports import lecture_import
from lectures.content.timeline import lecture_sync_events
from lectures.models import Section, TimelineEvent
from lectures.notes.prose import When
from tests.helpers import SIMPLE_NOTES, post_lecture_change, row

pytestmark = pytest.mark.django_db

WEGENER = "Pangaea broke up in the Jurassic, in 1912 Wegener proposed drift."


def reimport(notes: str = SIMPLE_NOTES) -> None:
    lecture_import(course_slug="geo", data=notes)


def timeline(lecture) -> list[tuple]:
    """(section, label, (year, month, day), text, edited) of each event, in date order."""
    rows = lecture.events.order_by("sort_key", "id").values_list(
        "section__slug", "when_label", "start_year", "start_month", "start_day", "text", "edited"
    )
    return [(slug, label, (y, m, d), text, edited) for slug, label, y, m, d, text, edited in rows]


# --------------------------------------------------------------------------- re-import


def test_import_keys_each_event_by_its_bullet(make_lecture):
    lecture = make_lecture()
    event = lecture.events.get()
    assert (event.when_label, event.text, event.edited) == ("1912", WEGENER, False)
    assert event.source == TimelineEvent.source_for("1912", WEGENER)
    assert len(event.source) == 64


def test_reimport_keeps_an_edited_events_label_date_text_and_section(make_lecture):
    lecture = make_lecture()
    event = lecture.events.get()
    event.when_label, event.text = "Jan 1912", "W."
    event.start = When(1912, "day", 1, 6)
    event.section = lecture.sections.get(slug="evidence")
    event.edited = True
    event.save()

    reimport()
    reimport(SIMPLE_NOTES.replace("a few centimetres", "several centimetres"))

    assert timeline(lecture) == [("evidence", "Jan 1912", (1912, 1, 6), "W.", True)]
    assert lecture.events.get().pk == event.pk


def test_unedited_event_still_follows_the_notes(make_lecture):
    lecture = make_lecture()
    reimport(SIMPLE_NOTES.replace("in 1912 Wegener", "in 1915 Wegener"))
    assert timeline(lecture) == [
        ("drift", "1915", (1915, None, None), WEGENER.replace("1912", "1915"), False)
    ]


def test_bullet_removed_from_the_notes_removes_even_its_edited_event(make_lecture):
    lecture = make_lecture()
    lecture.events.update(when_label="Spring 1912", edited=True)
    reimport(SIMPLE_NOTES.replace("in 1912 Wegener", "in 1915 Wegener"))
    assert timeline(lecture) == [
        ("drift", "1915", (1915, None, None), WEGENER.replace("1912", "1915"), False)
    ]


def test_dropping_one_of_two_identical_bullets_keeps_the_edited_event(make_lecture):
    twice = "Title: Nineties\nHistory\n- In 1991 things happened.\n- In 1991 things happened.\n"
    lecture = make_lecture(twice)
    edited = lecture.events.last()
    TimelineEvent.objects.filter(pk=edited.pk).update(when_label="Late 1991", edited=True)

    make_lecture(twice.replace("- In 1991 things happened.\n", "", 1))

    assert list(lecture.events.values_list("pk", "when_label")) == [(edited.pk, "Late 1991")]


def test_event_added_by_hand_survives_reimport(make_lecture):
    lecture = make_lecture()
    added = TimelineEvent.objects.create(
        lecture=lecture, when_label="1915", start_year=1915, text="A book.", edited=True
    )
    reimport(SIMPLE_NOTES.replace("in 1912 Wegener", "in 1913 Wegener"))
    assert lecture.events.filter(pk=added.pk).exists()
    assert sorted(lecture.events.values_list("when_label", flat=True)) == ["1913", "1915"]


def test_sync_events_follows_bodies_of_visible_sections_only(make_lecture):
    lecture = make_lecture()
    Section.objects.filter(slug="evidence").update(body="- Fossils found in 1880.")
    Section.objects.filter(slug="drift").update(archived=True)
    lecture_sync_events(lecture=lecture)
    assert timeline(lecture) == [
        ("evidence", "1880", (1880, None, None), "Fossils found in 1880.", False)
    ]


def test_migration_keys_existing_events_by_their_label_and_text(make_lecture):
    migration = importlib.import_module("lectures.migrations.0002_timelineevent_edited_source")
    lecture = make_lecture()
    lecture.events.update(source="")
    migration.fill_source(apps, schema_editor=None)
    assert lecture.events.get().source == TimelineEvent.source_for("1912", WEGENER)


# --------------------------------------------------------------------------- admin


def test_editing_an_event_in_its_admin_marks_it_edited(instructor_client, course):
    event = TimelineEvent.objects.get(lecture__course=course)
    url = reverse("admin:lectures_timelineevent_change", args=[event.pk])
    data = {
        "lecture": event.lecture_id,
        "section": event.section_id,
        "when_label": event.when_label,
        "start_year": "1912",
        "start_precision": "year",
        "end_precision": "",
        "text": event.text,
        "status": "shown",
    }
    assert instructor_client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert event.edited is False  # saved unchanged: still follows the notes

    assert instructor_client.post(url, {**data, "when_label": "Jan 1912"}).status_code == 302
    event.refresh_from_db()
    assert (event.when_label, event.edited) == ("Jan 1912", True)

    reimport()
    event.refresh_from_db()
    assert event.when_label == "Jan 1912"
    changelist = instructor_client.get(reverse("admin:lectures_timelineevent_changelist"))
    assert "column-edited" in changelist.content.decode()


def test_editing_an_event_inline_marks_only_that_event(instructor_client, course):
    lecture = course.lectures.get()
    notes = SIMPLE_NOTES.replace("Matching fossils", "Matching fossils, first noted in 1858,")
    reimport(notes)
    wegener = lecture.events.get(when_label="1912")

    def edit(data):
        prefix = row(data, "events", wegener)
        data[f"{prefix}-start_month"], data[f"{prefix}-start_day"] = "1", "6"
        data[f"{prefix}-start_precision"] = "day"

    post_lecture_change(instructor_client, lecture, edit)

    assert sorted(lecture.events.values_list("when_label", "sort_key", "edited")) == [
        ("1858", 18580000, False),
        ("1912", 19120106, True),
    ]
    reimport(notes)
    assert lecture.events.get(pk=wegener.pk).start == When(1912, "day", 1, 6)
    page = instructor_client.get(reverse("admin:lectures_lecture_change", args=[lecture.pk]))
    assert "field-edited" in page.content.decode()


def test_editing_a_section_body_in_the_admin_updates_its_events(instructor_client, course):
    lecture = course.lectures.get()
    evidence = lecture.sections.get(slug="evidence")
    drift = lecture.sections.get(slug="drift")

    def edit(data):
        prefix = row(data, "sections", evidence)
        data[f"{prefix}-body"] = "- Matching fossils, first noted in 1858.\n- Ice ages in 1900."
        prefix = row(data, "sections", drift)
        data[f"{prefix}-body"] = "- Continents drift a few centimetres a year."

    post_lecture_change(instructor_client, lecture, edit)

    assert timeline(lecture) == [
        (
            "evidence",
            "1858",
            (1858, None, None),
            "Matching fossils, first noted in 1858.",
            False,
        ),
        ("evidence", "1900", (1900, None, None), "Ice ages in 1900.", False),
    ]


def test_editing_the_overview_in_the_admin_reads_the_sections_dates_again(
    instructor_client, course
):
    """The overview tells how the notes write their dates (round 15 of issue 17):
    saying there that slashed dates are day first settles "3/4/1921"."""
    lecture = course.lectures.get()
    evidence = lecture.sections.get(slug="evidence")

    def add_a_slashed_date(data):
        prefix = row(data, "sections", evidence)
        data[f"{prefix}-body"] = "- A treaty on the fossils was signed on 3/4/1921."

    post_lecture_change(instructor_client, lecture, add_a_slashed_date)
    assert lecture.events.get(when_label="3 April 1921").status == "suggested"

    def say_the_order(data):
        data["overview"] = "Slashed dates in these notes are d/m/y."

    post_lecture_change(instructor_client, lecture, say_the_order)
    assert lecture.events.get(when_label="3 April 1921").status == "shown"


def test_editing_an_event_and_keeping_its_bullet_in_one_save(instructor_client, course):
    lecture = course.lectures.get()
    wegener = lecture.events.get()
    evidence = lecture.sections.get(slug="evidence")

    def edit(data):
        data[f"{row(data, 'events', wegener)}-when_label"] = "Jan 1912"
        prefix = row(data, "sections", evidence)
        data[f"{prefix}-body"] += "\n- Glaciers in 1900."

    post_lecture_change(instructor_client, lecture, edit)

    assert sorted(lecture.events.values_list("pk", "when_label", "edited")) == sorted(
        [(wegener.pk, "Jan 1912", True), (lecture.events.get(when_label="1900").pk, "1900", False)]
    )


def test_saving_the_lecture_page_unchanged_leaves_events_alone(instructor_client, course):
    lecture = course.lectures.get()
    before = timeline(lecture)
    pks = set(lecture.events.values_list("pk", flat=True))

    post_lecture_change(instructor_client, lecture, lambda data: data.update(title="Plates"))

    assert timeline(lecture) == before
    assert set(lecture.events.values_list("pk", flat=True)) == pks
