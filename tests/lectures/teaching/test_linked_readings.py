"""Readings made from a lecture's action items and sections in one step (issue 18),
linked to them: a reading made from an action item is the same task, so ticking
the item completes the reading and the other way round, with the report's figures
and readings due in step; and the reading form's section menu follows its lecture."""

from __future__ import annotations

import io
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lectures.models import (
    ActionItem,
    ActionItemProgress,
    CourseSummary,
    LectureSummary,
    Reading,
    ReadingDue,
    ReadingProgress,
)
from lectures.study.progress import progress_set
from lectures.study.readings import reading_set_done
from lectures.teaching.assignments import assignment_save
from lectures.teaching.readings import readings_from_action_items, readings_from_lecture
from tests.helpers import SIMPLE_NOTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def plates(course):
    return course.lectures.get()


@pytest.fixture
def chapter(plates):
    return plates.action_items.get(text="Read chapter 3.")


@pytest.fixture
def learner(student, course):
    client = Client()
    client.force_login(student)
    return client


def linked_reading(plates, chapter) -> Reading:
    made = readings_from_lecture(lecture=plates, items=[chapter])
    (reading,) = made.created
    return reading


def assigned(reading, student, due_at=None) -> None:
    assignment_save(
        readings=[reading], students=[student], cohorts=[], due_at=due_at, note="", assigned_by=None
    )


def summaries_match_a_recount() -> None:
    """rebuild_summaries --check exits 1 (CommandError) if any row drifted."""
    call_command("rebuild_summaries", "--check", stdout=io.StringIO(), stderr=io.StringIO())


def item_toggle(plates, item) -> str:
    return reverse("lectures:item_mark_done", args=[plates.course.slug, plates.slug, item.pk])


def reading_toggle(reading) -> str:
    return reverse("lectures:reading_mark_done", args=[reading.course.slug, reading.pk])


# -- the link ------------------------------------------------------------------------------


def test_readings_made_from_items_and_sections_point_at_them(course, plates, chapter):
    drift = plates.sections.get(slug="drift")
    made = readings_from_lecture(lecture=plates, items=[chapter], sections=[drift])
    by_title = {reading.title: reading for reading in made.created}
    assert set(by_title) == {"Read chapter 3.", "Drift"}
    assert by_title["Read chapter 3."].action_item == chapter
    assert by_title["Drift"].section == drift
    assert {r.lecture for r in made.created} == {plates}
    assert made.existing == []

    # Again: nothing new, whatever the instructor has renamed since.
    Reading.objects.filter(section=drift).update(title="Drift, pages 1–4")
    Reading.objects.filter(action_item=chapter).update(title="Chapter 3")
    again = readings_from_lecture(lecture=plates, items=[chapter], sections=[drift])
    assert again.created == []
    assert {r.pk for r in again.existing} == {r.pk for r in by_title.values()}
    assert Reading.objects.count() == 2


def test_another_lectures_items_and_sections_are_ignored(course, plates, foreign_lecture):
    made = readings_from_lecture(
        lecture=plates,
        items=list(foreign_lecture.action_items.all()),
        sections=list(foreign_lecture.sections.all()),
    )
    assert made.created == [] and not Reading.objects.exists()


def test_an_item_has_one_reading_the_database_says_so(course, plates, chapter):
    linked_reading(plates, chapter)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reading.objects.create(course=course, title="Again", lecture=plates, action_item=chapter)


def test_a_reading_of_another_lectures_item_is_refused(course, plates, foreign_lecture):
    item = foreign_lecture.action_items.first()
    reading = Reading(course=course, title="Elsewhere", lecture=plates, action_item=item)
    with pytest.raises(ValidationError) as excinfo:
        reading.full_clean()
    assert "action_item" in excinfo.value.message_dict


def test_the_admin_action_still_counts_made_and_existing(course, plates):
    assert readings_from_action_items(lecture=plates) == (2, 0)
    assert readings_from_action_items(lecture=plates) == (0, 2)
    assert Reading.objects.filter(action_item__isnull=False).count() == 2


# -- ticking one ticks both ---------------------------------------------------------------


def test_ticking_the_item_completes_the_reading_and_unticking_undoes_it(
    learner, student, course, plates, chapter
):
    reading = linked_reading(plates, chapter)
    assigned(reading, student, due_at=timezone.now() - timedelta(days=1))
    assert ReadingDue.objects.filter(user=student, reading=reading).exists()

    learner.post(item_toggle(plates, chapter), {"done": "1"})

    assert ReadingProgress.objects.filter(user=student, reading=reading).exists()
    assert not ReadingDue.objects.filter(user=student, reading=reading).exists()
    dashboard = learner.get("/").content.decode()
    assert "✓ Done" in dashboard and "Overdue" not in dashboard
    row = CourseSummary.objects.get(user=student, course=course)
    assert (row.items_done, row.readings_done) == (1, 1)
    summaries_match_a_recount()

    learner.post(item_toggle(plates, chapter), {"done": "0"})

    assert not ReadingProgress.objects.filter(user=student, reading=reading).exists()
    assert ReadingDue.objects.filter(user=student, reading=reading).exists()
    row.refresh_from_db()
    assert (row.items_done, row.readings_done) == (0, 0)
    summaries_match_a_recount()


def test_marking_the_reading_done_ticks_the_item_and_back(
    learner, student, course, plates, chapter
):
    reading = linked_reading(plates, chapter)
    assigned(reading, student)

    learner.post(reading_toggle(reading), {"done": "1"})

    assert ActionItemProgress.objects.filter(user=student, item=chapter).exists()
    page = learner.get(plates.get_absolute_url()).content.decode()
    assert f'id="item-{chapter.pk}-toggle" type="submit" class="check is-done"' in page
    lecture_row = LectureSummary.objects.get(user=student, lecture=plates)
    assert lecture_row.items_done == 1
    assert CourseSummary.objects.get(user=student, course=course).readings_done == 1
    summaries_match_a_recount()

    learner.post(reading_toggle(reading), {"done": "0"})

    assert not ActionItemProgress.objects.filter(user=student, item=chapter).exists()
    lecture_row.refresh_from_db()
    assert lecture_row.items_done == 0
    summaries_match_a_recount()


def test_a_second_tick_changes_nothing(student, course, plates, chapter):
    reading = linked_reading(plates, chapter)
    item = plates.action_items.select_related("lecture__course").get(pk=chapter.pk)
    assert progress_set(user=student, obj=item, done=True) == 1
    reading_set_done(user=student, reading=reading, done=True)
    assert progress_set(user=student, obj=item, done=True) == 0
    assert ReadingProgress.objects.filter(user=student).count() == 1
    assert ActionItemProgress.objects.filter(user=student).count() == 1
    summaries_match_a_recount()


def test_an_unlinked_item_leaves_readings_alone(student, course, plates, chapter):
    other = Reading.objects.create(course=course, title="Read chapter 3.", lecture=plates)
    item = plates.action_items.select_related("lecture__course").get(pk=chapter.pk)
    progress_set(user=student, obj=item, done=True)
    assert not ReadingProgress.objects.filter(reading=other).exists()


def test_students_who_ticked_before_the_reading_existed_have_it_done(
    student, other_student, course, plates, chapter
):
    item = plates.action_items.select_related("lecture__course").get(pk=chapter.pk)
    progress_set(user=student, obj=item, done=True)
    ticked_at = ActionItemProgress.objects.get(user=student).completed_at

    reading = linked_reading(plates, chapter)

    progress = ReadingProgress.objects.get(reading=reading)
    assert (progress.user, progress.completed_at) == (student, ticked_at)
    assert CourseSummary.objects.get(user=student, course=course).readings_done == 1
    summaries_match_a_recount()


# -- the page that makes them ---------------------------------------------------------------


def from_lecture_url(plates) -> str:
    return reverse("lectures:teach_readings_from_lecture", args=[plates.course.slug, plates.slug])


def test_the_page_offers_the_items_without_a_reading_ticked(instructor_client, plates, chapter):
    linked_reading(plates, chapter)
    form = instructor_client.get(from_lecture_url(plates)).context["form"]
    sketch = plates.action_items.get(text="Sketch a plate boundary.")
    assert form["items"].value() == [sketch.pk]
    assert "a reading already" in instructor_client.get(from_lecture_url(plates)).content.decode()


def test_making_readings_opens_the_assign_page_with_them_ticked(
    instructor_client, course, plates, chapter
):
    drift = plates.sections.get(slug="drift")
    response = instructor_client.post(
        from_lecture_url(plates), {"items": [chapter.pk], "sections": [drift.pk]}
    )
    readings = Reading.objects.order_by("pk")
    assert response.status_code == 302
    url = urlsplit(response.url)
    assert url.path == reverse("lectures:assign", args=[course.slug])
    assert sorted(map(int, parse_qs(url.query)["readings"])) == [r.pk for r in readings]
    messages = [m.message for m in get_messages(response.wsgi_request)]
    assert messages == ["Made 2 readings from “Plate Tectonics”. Assign them below."]
    assign = instructor_client.get(response.url)
    ticked = {int(pk) for pk in assign.context["form"]["readings"].value()}
    assert ticked == {reading.pk for reading in readings}


def test_ticking_nothing_says_so(instructor_client, plates):
    response = instructor_client.post(from_lecture_url(plates), {})
    assert response.status_code == 200
    assert "Tick at least one action item or section." in response.content.decode()
    assert not Reading.objects.exists()


# -- the reading form ------------------------------------------------------------------------


@pytest.fixture
def rivers(course, make_lecture):
    return make_lecture(SIMPLE_NOTES.replace("Plate Tectonics", "Rivers"), course=course.slug)


def new_reading_url(course) -> str:
    return reverse("lectures:teach_reading_new", args=[course.slug])


def test_the_section_menu_follows_the_lecture_with_htmx(instructor_client, course, plates, rivers):
    headers = {"HX-Request": "true", "HX-Target": "section-field"}
    response = instructor_client.get(
        new_reading_url(course), {"lecture": rivers.pk}, headers=headers
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="section-field">') and "<html" not in body
    for section in plates.sections.all():
        assert f'value="{section.pk}"' not in body
    for section in rivers.sections.all():
        assert f'value="{section.pk}"' in body


def test_without_a_lecture_the_menu_groups_every_lectures_sections(
    instructor_client, course, plates, rivers
):
    body = instructor_client.get(new_reading_url(course)).content.decode()
    assert '<optgroup label="Plate Tectonics">' in body and '<optgroup label="Rivers">' in body
    assert 'hx-get="' + new_reading_url(course) + '"' in body


def test_without_javascript_a_mismatched_pair_is_refused_with_the_reason(
    instructor_client, course, plates, rivers
):
    drift_of_rivers = rivers.sections.get(slug="drift")
    response = instructor_client.post(
        new_reading_url(course),
        {"title": "Drift", "lecture": plates.pk, "section": drift_of_rivers.pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["section"] == [
        "“Drift” is in “Rivers”, another lecture: choose a section of “Plate Tectonics”."
    ]
    assert not Reading.objects.exists()
    # The menu re-rendered for the chosen lecture offers only its sections.
    body = response.content.decode()
    assert f'value="{plates.sections.get(slug="drift").pk}"' in body
    assert f'value="{drift_of_rivers.pk}"' not in body


def test_a_reading_added_by_hand_opens_the_assign_page(instructor_client, course, plates):
    drift = plates.sections.get(slug="drift")
    response = instructor_client.post(
        new_reading_url(course), {"title": "Drift again", "lecture": plates.pk, "section": drift.pk}
    )
    reading = Reading.objects.get()
    assert (reading.course, reading.lecture, reading.section) == (course, plates, drift)
    assert response.url == f"{reverse('lectures:assign', args=[course.slug])}?readings={reading.pk}"


def test_a_link_is_read_as_https(instructor_client, course):
    instructor_client.post(new_reading_url(course), {"title": "Atlas", "url": "example.org/atlas"})
    assert Reading.objects.get().url == "https://example.org/atlas"


def test_a_reading_needs_a_link_or_a_lecture(instructor_client, course):
    response = instructor_client.post(new_reading_url(course), {"title": "Nothing"})
    assert "A reading needs a URL or a lecture to point to." in response.content.decode()
    assert not Reading.objects.exists()


# -- readings made before the link -------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_readings_made_before_the_link_are_linked_by_their_title():
    """Migration 0020: a reading titled with an item's text (or shortened, the text
    in its note) is linked to it; a reading that matches nothing, or two readings
    that match one item, stay unlinked."""
    before = [("lectures", "0021_reading_action_item_teach_slug")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    course = old.get_model("lectures", "Course").objects.create(title="Geo", slug="geo")
    lecture = old.get_model("lectures", "Lecture").objects.create(
        course=course, title="Plates", slug="plates"
    )
    item = old.get_model("lectures", "ActionItem")
    short = item.objects.create(lecture=lecture, text="Read chapter 3.", position=0)
    long_text = "Compare the fossil record " * 10
    long = item.objects.create(lecture=lecture, text=long_text, position=1)
    twice = item.objects.create(lecture=lecture, text="Sketch a boundary.", position=2)
    reading = old.get_model("lectures", "Reading")
    a = reading.objects.create(course=course, lecture=lecture, title="Read chapter 3.")
    b = reading.objects.create(course=course, lecture=lecture, title="Compare…", note=long_text)
    c1 = reading.objects.create(course=course, lecture=lecture, title="Sketch a boundary.")
    c2 = reading.objects.create(course=course, lecture=lecture, title="Sketch a boundary.")
    d = reading.objects.create(course=course, lecture=lecture, title="Something else")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    links = dict(Reading.objects.values_list("pk", "action_item_id"))
    assert links == {a.pk: short.pk, b.pk: long.pk, c1.pk: None, c2.pk: None, d.pk: None}
    assert twice.pk not in links.values()
    assert ActionItem.objects.count() == 3
